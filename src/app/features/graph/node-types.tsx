/**
 * Custom, memoised React Flow nodes: one card per object, one card per collapsed group of pods,
 * one box per Kubernetes node or namespace, and the node network bar. Colours come from CSS
 * variables (styles.css), so every theme restyles them without re-rendering; each colour is
 * paired with an icon or a word.
 */
import { memo, type MouseEvent } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { GraphNode } from '../../../engine';
import { Icon } from '../../components/icons';
import { useAppStore } from '../../store/store-context';
import { graphKind, kindAccent, kindTint } from './graph-kinds';
import type { GraphNodeData, GroupBoxData, NetworkData, PodGroupData } from './to-flow-graph';
import {
  describeShieldLight,
  selectShieldLights,
  shieldLightOf,
  shieldLightOfAny,
  type ShieldLight,
} from './shield-light';

/**
 * Invisible handles that paint nothing: `opacity: 0` and React Flow's centring `transform` gave
 * each handle its own effect and transform, i.e. two more paint chunks per handle, and Chromium
 * re-layerises every chunk of the graph on each frame of a pan (B7). Hidden, untransformed
 * handles keep their box (React Flow measures it for the edge ends, now 0.5 px off centre).
 */
const handleStyle = {
  visibility: 'hidden',
  transform: 'none',
  width: 1,
  height: 1,
  minWidth: 0,
  minHeight: 0,
  border: 0,
} as const;

/** The hover text: everything the details panel shows, for a quick look. */
export function toNodeTitle(node: GraphNode): string {
  const kind = graphKind(node.kind);
  const shields = node.shields;
  return [
    `${kind.name}: ${node.namespace ? `${node.namespace}/` : ''}${node.label}${node.implicit && !kind.alwaysImplicit ? ' (added by the engine)' : ''}`,
    ...Object.entries(node.details).map(([k, v]) => `${k}: ${v}`),
    ...(shields?.ingress.length ? [`ingress isolated by ${shields.ingress.join(', ')}`] : []),
    ...(shields?.egress.length ? [`egress isolated by ${shields.egress.join(', ')}`] : []),
    ...(node.clusterShields ?? []).map(
      (c) => `[${c.tier}] ${c.ref} selects it (${c.directions.join(', ')})`,
    ),
  ].join('\n');
}

/** A policy name without its namespace (the card already sits in it); the title has it whole. */
const shortPolicy = (name: string) => name.slice(name.indexOf('/') + 1);

function ShieldBadge({
  direction,
  policies,
  enforced,
  light,
}: {
  direction: 'ingress' | 'egress';
  policies: readonly string[] | number;
  enforced: boolean;
  /** Lit while a packet is at or past a policy hop here: drop (strong) or pass (soft). */
  light?: ShieldLight | undefined;
}) {
  const count = typeof policies === 'number' ? policies : policies.length;
  const names = typeof policies === 'number' ? `${count} pods` : policies.join(', ');
  if (light) {
    const drop = light.verdict === 'drop';
    const shown = light.policies.map((p) => (light.tier ? `[${light.tier}] ${p}` : shortPolicy(p)));
    const word = drop
      ? 'denied'
      : light.action === 'Pass'
        ? 'passed'
        : light.action === 'Accept'
          ? 'accepted'
          : 'allowed';
    return (
      <span
        data-testid="shield-badge"
        data-direction={direction}
        data-enforced={enforced ? 'true' : 'false'}
        data-lit={light.verdict}
        role="status"
        aria-label={describeShieldLight(light)}
        title={describeShieldLight(light)}
        data-tier={light.tier}
        className={`graph-shield-lit graph-shield-lit-${light.verdict} flex items-center gap-1 rounded font-bold`}
      >
        <Icon name="shield" size={13} aria-hidden="true" />
        <Icon name={drop ? 'cross' : 'check'} size={12} strokeWidth={3.5} aria-hidden="true" />
        <span className="shrink-0">
          {direction} {word}
        </span>
        {shown.length > 0 && (
          <span
            data-testid="shield-policy"
            className="graph-shield-lit-name min-w-0 truncate font-mono"
          >
            {shown[0]}
            {shown.length > 1 ? ` +${shown.length - 1}` : ''}
          </span>
        )}
      </span>
    );
  }
  return (
    <span
      data-testid="shield-badge"
      data-direction={direction}
      data-enforced={enforced ? 'true' : 'false'}
      className={`graph-shield flex items-center gap-0.5 rounded px-1 text-[10px] font-semibold ${enforced ? '' : 'graph-shield-off'}`}
      title={`${direction} isolated by ${names}${enforced ? '' : ' (not enforced by this CNI)'}`}
    >
      <Icon name="shield" size={11} />
      {direction}
      {typeof policies === 'number' ? ` ×${count}` : ''}
    </span>
  );
}

/**
 * The cluster-tier shield: one badge per tier (Admin, Baseline) whose policies select the pod, in
 * its own colour and with the tier's word, so it never reads as a namespace NetworkPolicy.
 */
function ClusterShieldBadges({
  shields,
  enforced,
}: {
  /** Per tier, the policy refs (a card) or the number of pods selected (a folded group). */
  shields: { readonly tier: 'Admin' | 'Baseline'; readonly policies: readonly string[] | number }[];
  enforced: boolean;
}) {
  return shields.map(({ tier, policies }) => {
    const names =
      typeof policies === 'number' ? `${policies} pods` : policies.map(shortPolicy).join(', ');
    return (
      <span
        key={tier}
        data-testid="cluster-shield-badge"
        data-tier={tier}
        data-enforced={enforced ? 'true' : 'false'}
        className={`graph-cshield graph-cshield-${tier.toLowerCase()} flex items-center gap-0.5 rounded px-1 text-[10px] font-semibold ${enforced ? '' : 'graph-shield-off'}`}
        title={`${tier} tier: ${typeof policies === 'number' ? `${names} selected by cluster policies` : `selected by ${names}`}${enforced ? '' : ' (not enforced by this CNI)'}`}
      >
        <Icon name="shield" size={11} aria-hidden="true" />
        {tier}
        {typeof policies === 'number' ? ` ×${policies}` : ''}
      </span>
    );
  });
}

/** A pod's cluster shields grouped by tier, Admin first. */
function clusterShieldsByTier(
  shields: GraphNode['clusterShields'],
): { tier: 'Admin' | 'Baseline'; policies: string[] }[] {
  if (!shields?.length) return [];
  return (['Admin', 'Baseline'] as const)
    .map((tier) => ({ tier, policies: shields.filter((s) => s.tier === tier).map((s) => s.ref) }))
    .filter((t) => t.policies.length > 0);
}

/** The lit state of one card's shields (a re-render only when its own light changes). */
function useShieldLight(ids: string | readonly string[], direction: 'ingress' | 'egress') {
  return useAppStore((s) => {
    const lights = selectShieldLights(s);
    if (lights.size === 0) return undefined;
    return typeof ids === 'string'
      ? shieldLightOf(lights, ids, direction)
      : shieldLightOfAny(lights, ids, direction);
  });
}

function ObjectNodeView({ id, data }: NodeProps<Node<GraphNodeData, 'object'>>) {
  const { node, subtitle, extra } = data;
  const kind = graphKind(node.kind);
  const accent = kindAccent(node.kind);
  const shields = node.shields;
  const enforced = !node.details.policies?.startsWith('not enforced');
  const pending = node.status === 'pending';
  const warning = node.status === 'warning';
  const litIn = useShieldLight(node.id, 'ingress');
  const litOut = useShieldLight(node.id, 'egress');
  const lit =
    litIn?.verdict === 'drop' || litOut?.verdict === 'drop'
      ? 'drop'
      : litIn || litOut
        ? 'pass'
        : undefined;
  return (
    <div
      data-id={id}
      data-testid="graph-node"
      data-kind={node.kind}
      data-shield-lit={lit}
      data-implicit={node.implicit ? 'true' : undefined}
      data-status={node.status}
      title={toNodeTitle(node)}
      className={`graph-card relative flex h-full w-full items-center gap-2 rounded-lg border-2 px-2 shadow-sm ${
        node.implicit ? 'border-dashed' : 'border-solid'
      }`}
      style={{ borderColor: pending || warning ? 'var(--warn)' : accent }}
    >
      <Handle type="target" position={Position.Left} style={handleStyle} isConnectable={false} />
      <span
        className="graph-card-icon flex shrink-0 items-center justify-center rounded-md"
        style={{ background: kindTint(node.kind), color: accent }}
        aria-hidden="true"
      >
        <Icon name={kind.icon} size={19} />
      </span>
      <span className="min-w-0 flex-1">
        <span className="graph-card-title font-semibold">{node.label}</span>
        <span className="graph-card-sub block truncate font-mono">{subtitle || kind.name}</span>
        {extra && (
          <span
            data-testid="graph-node-extra"
            className="graph-card-extra block truncate font-mono"
          >
            {extra}
          </span>
        )}
      </span>
      {/* While a shield here is lit, its badge names the deciding policy (cluster ones too). */}
      {!litIn && !litOut && node.clusterShields && node.clusterShields.length > 0 && (
        <span className="absolute -top-2.5 left-2 flex gap-1">
          <ClusterShieldBadges
            shields={clusterShieldsByTier(node.clusterShields)}
            enforced={!node.details['cluster policies']?.includes('(not enforced')}
          />
        </span>
      )}
      <span className="graph-card-badges absolute -top-2.5 right-2 flex gap-1">
        {node.implicit && !kind.alwaysImplicit && (
          <span className="graph-badge rounded border border-dashed px-1 text-[10px] font-medium uppercase tracking-wide">
            implicit
          </span>
        )}
        {pending && (
          <span
            data-testid="pending-badge"
            className="graph-badge-warn flex items-center gap-0.5 rounded px-1 text-[10px] font-semibold"
          >
            <Icon name="clock" size={11} /> Pending
          </span>
        )}
        {warning && kind.warning && (
          <span
            data-testid="warning-badge"
            className="graph-badge-warn rounded px-1 text-[10px] font-semibold"
          >
            ! {kind.warning}
          </span>
        )}
        {(litIn || (shields && shields.ingress.length > 0)) && (
          <ShieldBadge
            direction="ingress"
            policies={shields?.ingress ?? []}
            enforced={enforced}
            light={litIn}
          />
        )}
        {(litOut || (shields && shields.egress.length > 0)) && (
          <ShieldBadge
            direction="egress"
            policies={shields?.egress ?? []}
            enforced={enforced}
            light={litOut}
          />
        )}
      </span>
      <Handle type="source" position={Position.Right} style={handleStyle} isConnectable={false} />
    </div>
  );
}

const stop = (e: MouseEvent) => e.stopPropagation();

function PodGroupView({ id, data }: NodeProps<Node<PodGroupData, 'podGroup'>>) {
  const toggle = useAppStore((s) => s.toggleExpanded);
  const kind = graphKind(data.kind);
  const accent = kindAccent(data.kind);
  const litIn = useShieldLight(data.members, 'ingress');
  const litOut = useShieldLight(data.members, 'egress');
  const lit =
    litIn?.verdict === 'drop' || litOut?.verdict === 'drop'
      ? 'drop'
      : litIn || litOut
        ? 'pass'
        : undefined;
  const what =
    data.scope === 'workload'
      ? `${data.count} pods of one workload`
      : data.scope === 'box'
        ? 'all pods here'
        : `${data.count} ${kind.name}s in this namespace`;
  return (
    <div
      data-id={id}
      data-testid="pod-group"
      data-count={data.count}
      data-scope={data.scope}
      data-shield-lit={lit}
      title={`${data.label}: ${what}, drawn as one card to keep the graph fast. Expand to see each one.`}
      className="graph-card graph-card-stack relative flex h-full w-full items-center gap-2 rounded-lg border-2 px-2 shadow-sm"
      style={{ borderColor: accent }}
    >
      <Handle type="target" position={Position.Left} style={handleStyle} isConnectable={false} />
      <span
        className="graph-card-icon flex shrink-0 items-center justify-center rounded-md"
        style={{ background: kindTint(data.kind), color: accent }}
        aria-hidden="true"
      >
        <Icon name={kind.icon} size={19} />
      </span>
      {!litIn && !litOut && data.clustered && (
        <span className="absolute -top-2.5 left-2 flex gap-1">
          <ClusterShieldBadges
            shields={(['Admin', 'Baseline'] as const)
              .map((tier) => ({ tier, policies: data.clustered![tier] }))
              .filter((t) => t.policies > 0)}
            enforced
          />
        </span>
      )}
      <span className="min-w-0 flex-1">
        <span className="graph-card-title font-semibold">
          {data.label} ×{data.count}
        </span>
        <span className="graph-card-sub block truncate">{what}</span>
      </span>
      <button
        type="button"
        data-testid="expand-group"
        className="graph-button nodrag nopan rounded border px-1.5 text-[11px] font-semibold"
        onClick={(e) => {
          stop(e);
          toggle(data.id);
        }}
      >
        Expand
      </button>
      <span className="graph-card-badges absolute -top-2.5 right-2 flex gap-1">
        {(litIn || data.isolated.ingress > 0) && (
          <ShieldBadge
            direction="ingress"
            policies={data.isolated.ingress}
            enforced
            light={litIn}
          />
        )}
        {(litOut || data.isolated.egress > 0) && (
          <ShieldBadge direction="egress" policies={data.isolated.egress} enforced light={litOut} />
        )}
      </span>
      <Handle type="source" position={Position.Right} style={handleStyle} isConnectable={false} />
    </div>
  );
}

function GroupBoxView({ id, data }: NodeProps<Node<GroupBoxData, 'groupBox'>>) {
  const toggle = useAppStore((s) => s.toggleExpanded);
  const isNode = data.grouping === 'node';
  const title = isNode
    ? [
        `Node ${data.name}`,
        data.ip && `node IP ${data.ip}`,
        data.podCIDR && `podCIDR ${data.podCIDR}`,
        data.bridge && `pods joined by ${data.bridge}`,
        `${data.podCount} pods`,
      ]
    : [`Namespace ${data.name}`, `labels: ${data.labels ?? ''}`, `${data.podCount} pods`];
  return (
    <div
      data-id={id}
      data-testid="group-box"
      data-grouping={data.grouping}
      className={`graph-box h-full w-full rounded-xl border-2 ${data.implicit ? 'border-dashed' : ''}`}
    >
      <Handle
        type="target"
        position={Position.Left}
        style={{ ...handleStyle, top: 22 }}
        isConnectable={false}
      />
      <div
        data-testid={isNode ? 'node-group' : 'namespace-group'}
        data-id={id}
        title={title.filter(Boolean).join('\n')}
        className="graph-box-header px-3 pt-2 leading-4"
      >
        <div className="flex items-center gap-1.5">
          <Icon name={isNode ? 'node' : 'policy'} size={16} aria-hidden="true" />
          {!isNode && (
            <span className="graph-box-kind text-[10px] font-semibold uppercase tracking-wide">
              namespace
            </span>
          )}
          <span className="graph-box-name min-w-0 truncate font-semibold">{data.name}</span>
          {data.ip && <span className="ml-auto font-mono text-[11.5px]">{data.ip}</span>}
          {data.collapseId && (
            <button
              type="button"
              data-testid="collapse-group"
              className="graph-button nodrag nopan ml-auto rounded border px-1 text-[10px] font-semibold"
              onClick={(e) => {
                stop(e);
                toggle(data.collapseId!);
              }}
            >
              Collapse
            </button>
          )}
        </div>
        {data.podCIDR && (
          <div className="graph-box-sub truncate font-mono text-[10.5px]">
            podCIDR {data.podCIDR}
          </div>
        )}
        {data.bridge && (
          <div className="graph-box-sub truncate font-mono text-[10.5px]">{data.bridge}</div>
        )}
        {data.labels && (
          <div data-testid="namespace-labels" title={data.labels}>
            {data.labels
              .split(', ')
              .slice(0, 3)
              .map((label, k, shown) => (
                <div
                  key={label}
                  className="graph-box-sub font-mono text-[10.5px] leading-[13px] break-all"
                >
                  {label}
                  {k === shown.length - 1 && data.labels!.split(', ').length > 3 ? ' …' : ''}
                </div>
              ))}
          </div>
        )}
      </div>
      <Handle
        type="source"
        position={Position.Right}
        style={{ ...handleStyle, top: 22 }}
        isConnectable={false}
      />
    </div>
  );
}

function NetworkView({ data }: NodeProps<Node<NetworkData, 'network'>>) {
  return (
    <div
      data-testid="node-network"
      data-mode={data.mode}
      title={data.description}
      className={`graph-network relative h-full w-full rounded-xl border-2 px-3 py-2 ${data.mode === 'overlay' ? 'border-dashed' : ''}`}
    >
      {data.handles.map((h) => (
        <Handle
          key={h.id}
          id={h.id}
          type="target"
          position={Position.Left}
          style={{ ...handleStyle, top: h.top }}
          isConnectable={false}
        />
      ))}
      {data.handles.map((h) =>
        h.label ? (
          <div
            key={h.id}
            data-testid="node-link"
            data-id={h.id}
            className="graph-link-label absolute left-2 right-2 truncate font-mono text-[10.5px] font-semibold leading-[13px]"
            style={{ top: h.top - 8 }}
            title={`${h.id.replace('node/', '')}: ${h.label}`}
          >
            ← {h.label.split(' via ')[0]}
            {h.label.includes(' via ') && (
              <div className="pl-3">via {h.label.split(' via ')[1]}</div>
            )}
          </div>
        ) : null,
      )}
      <div className="flex items-center gap-1.5 text-[13px] font-semibold">
        <Icon name="cni" size={16} aria-hidden="true" /> {data.title}
      </div>
      <div className="graph-box-sub mt-1 text-[11px] leading-snug">{data.description}</div>
    </div>
  );
}

export const ObjectNode = memo(ObjectNodeView);
export const PodGroupNode = memo(PodGroupView);
export const GroupBoxNode = memo(GroupBoxView);
export const NetworkNode = memo(NetworkView);

/** Defined once, outside components (React Flow re-mounts nodes when this object changes). */
export const nodeTypes = {
  object: ObjectNode,
  podGroup: PodGroupNode,
  groupBox: GroupBoxNode,
  network: NetworkNode,
};
