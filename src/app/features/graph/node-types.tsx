/** Custom, memoised React Flow nodes: one card per object, one box per Kubernetes node. */
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { GraphNode } from '../../../engine/types';
import { Icon } from '../../components/icons';
import type { GraphNodeData, NodeGroupData } from './to-flow-graph';

/** Per kind: a readable name and the accent colour (never the only signal: icon and text too). */
export const KIND_STYLE: Record<GraphNode['kind'], { name: string; accent: string; tint: string }> =
  {
    internet: { name: 'Internet', accent: '#0f766e', tint: '#ccfbf1' },
    loadbalancer: { name: 'Load balancer', accent: '#7c3aed', tint: '#ede9fe' },
    node: { name: 'Node', accent: '#475569', tint: '#e2e8f0' },
    'ingress-controller': { name: 'Ingress controller', accent: '#c2410c', tint: '#ffedd5' },
    ingress: { name: 'Ingress', accent: '#b45309', tint: '#fef3c7' },
    service: { name: 'Service', accent: '#1d4ed8', tint: '#dbeafe' },
    pod: { name: 'Pod', accent: '#047857', tint: '#d1fae5' },
    dns: { name: 'DNS', accent: '#be185d', tint: '#fce7f3' },
  };

const handleStyle = { opacity: 0, width: 1, height: 1, minWidth: 0, minHeight: 0, border: 0 };

function primaryFact(node: GraphNode): string | undefined {
  return (
    node.sublabel ??
    node.details.ip ??
    node.details.IP ??
    node.details.clusterIP ??
    node.details.address
  );
}

function ObjectNodeView({ id, data }: NodeProps<Node<GraphNodeData, 'object'>>) {
  const { node } = data;
  const style = KIND_STYLE[node.kind] ?? KIND_STYLE.pod;
  const shields = node.shields;
  const isolated = shields ? shields.ingress.length + shields.egress.length > 0 : false;
  const pending = node.status === 'pending';
  const title = [
    `${style.name}: ${node.label}`,
    ...Object.entries(node.details).map(([k, v]) => `${k}: ${v}`),
    ...(shields?.ingress.length ? [`isolated for ingress by ${shields.ingress.join(', ')}`] : []),
    ...(shields?.egress.length ? [`isolated for egress by ${shields.egress.join(', ')}`] : []),
  ].join('\n');
  return (
    <div
      data-id={id}
      data-testid="graph-node"
      data-kind={node.kind}
      data-implicit={node.implicit ? 'true' : undefined}
      data-status={node.status}
      title={title}
      className={`relative flex h-[58px] w-[196px] items-center gap-2.5 rounded-lg border-2 bg-white px-2.5 shadow-sm ${
        node.implicit ? 'border-dashed' : 'border-solid'
      } ${pending ? 'opacity-80' : ''}`}
      style={{ borderColor: pending ? '#d97706' : style.accent }}
    >
      <Handle type="target" position={Position.Left} style={handleStyle} isConnectable={false} />
      <span
        className="flex h-9 w-9 shrink-0 items-center justify-center rounded-md"
        style={{ background: style.tint, color: style.accent }}
      >
        <Icon name={node.kind} size={21} />
      </span>
      <span className="min-w-0 flex-1 leading-tight">
        <span className="block truncate text-[13.5px] font-semibold text-slate-900">
          {node.label}
        </span>
        <span className="block truncate font-mono text-[11.5px] text-slate-600">
          {pending ? 'Pending' : (primaryFact(node) ?? style.name)}
        </span>
      </span>
      <span className="absolute -top-2.5 right-2 flex gap-1">
        {node.implicit && node.kind !== 'internet' && (
          <span className="rounded border border-dashed border-slate-400 bg-white px-1 text-[10px] font-medium uppercase tracking-wide text-slate-600">
            implicit
          </span>
        )}
        {pending && (
          <span
            data-testid="pending-badge"
            className="flex items-center gap-0.5 rounded bg-amber-100 px-1 text-[10px] font-semibold text-amber-800"
          >
            <Icon name="clock" size={11} /> Pending
          </span>
        )}
        {isolated && (
          <span
            data-testid="shield-badge"
            className="flex items-center gap-0.5 rounded bg-slate-800 px-1 text-[10px] font-semibold text-white"
            title={title}
          >
            <Icon name="shield" size={11} />
            {[shields?.ingress.length ? 'in' : '', shields?.egress.length ? 'out' : '']
              .filter(Boolean)
              .join('/')}
          </span>
        )}
      </span>
      <Handle type="source" position={Position.Right} style={handleStyle} isConnectable={false} />
    </div>
  );
}

function NodeGroupView({ id, data }: NodeProps<Node<NodeGroupData, 'nodeGroup'>>) {
  return (
    <div
      data-id={id}
      data-testid="node-group"
      className={`h-full w-full rounded-xl border-2 bg-slate-50/80 ${data.implicit ? 'border-dashed' : ''} border-slate-300`}
    >
      <Handle
        type="target"
        position={Position.Left}
        style={{ ...handleStyle, top: 23 }}
        isConnectable={false}
      />
      <div className="flex items-center gap-2 px-3 pt-2 text-slate-700">
        <Icon name="node" size={17} />
        <span className="text-[13px] font-semibold">{data.name}</span>
        {data.ip && <span className="font-mono text-[11.5px] text-slate-600">{data.ip}</span>}
      </div>
      {data.podCIDR && (
        <div className="px-3 font-mono text-[10.5px] leading-4 text-slate-500">
          podCIDR {data.podCIDR}
        </div>
      )}
      <Handle
        type="source"
        position={Position.Right}
        style={{ ...handleStyle, top: 23 }}
        isConnectable={false}
      />
    </div>
  );
}

export const ObjectNode = memo(ObjectNodeView);
export const NodeGroupNode = memo(NodeGroupView);

/** Defined once, outside components (React Flow re-mounts nodes when this object changes). */
export const nodeTypes = { object: ObjectNode, nodeGroup: NodeGroupNode };
