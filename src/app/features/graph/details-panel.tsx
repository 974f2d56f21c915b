/**
 * The details of the selected graph object, on demand: IPs, labels, ports, NodePorts, ClusterIP,
 * external IP, and which policies isolate a pod per direction (from `GraphNode.details` and
 * `shields`). Also node boxes (node IP, podCIDR, CNI) and namespace boxes (their labels).
 */
import { useEffect, useMemo, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Analysis, GraphNode } from '../../../engine';
import { Icon } from '../../components/icons';
import { useAppStore, useController } from '../../store/store-context';
import { graphKind } from './graph-kinds';
import { toGroupDetails } from './group-details';
import type { PodGroupData } from './to-flow-graph';

interface Shown {
  readonly kind: string;
  readonly icon: string;
  readonly title: string;
  readonly implicit: boolean;
  readonly rows: readonly (readonly [string, string])[];
  readonly shields?: GraphNode['shields'];
  readonly enforced: boolean;
}

function labelChips(text: string): string[] {
  return text ? text.split(', ').filter(Boolean) : [];
}

/** What to show for an id: a graph object, a node box, a namespace box or a collapsed card. */
export function toShownDetails(analysis: Analysis, id: string): Shown | undefined {
  const node = analysis.graph.nodes.find((n) => n.id === id);
  if (node) {
    const kind = graphKind(node.kind);
    return {
      kind: kind.name,
      icon: kind.icon,
      title: node.namespace ? `${node.namespace}/${node.label}` : node.label,
      implicit: node.implicit && !kind.alwaysImplicit,
      rows: Object.entries(node.details),
      ...(node.shields ? { shields: node.shields } : {}),
      enforced: !node.details.policies?.startsWith('not enforced'),
    };
  }
  if (id.startsWith('namespace/')) {
    const name = id.slice('namespace/'.length);
    const ns = analysis.cluster?.namespaces.find((n) => n.name === name);
    const labels = Object.keys(ns?.labels ?? {})
      .sort()
      .map((k) => `${k}=${ns?.labels[k] ?? ''}`)
      .join(', ');
    const pods = analysis.graph.nodes.filter(
      (n) => n.namespace === name && graphKind(n.kind).pod !== undefined,
    ).length;
    return {
      kind: 'Namespace',
      icon: 'policy',
      title: name,
      implicit: ns?.implicit ?? false,
      rows: [
        ['labels', labels || `kubernetes.io/metadata.name=${name}`],
        ['pods', String(pods)],
      ],
      enforced: true,
    };
  }
  return undefined;
}

/** A folded "×N" card: what it holds, how many, and every member. */
function GroupDetailsPanel({ group }: { group: PodGroupData }) {
  const analysis = useAppStore((s) => s.lastGood);
  const select = useAppStore((s) => s.select);
  const toggle = useAppStore((s) => s.toggleExpanded);
  const shown = useMemo(() => toGroupDetails(analysis, group), [analysis, group]);
  const kind = graphKind(group.kind);
  return (
    <aside
      data-testid="details-panel"
      data-id={group.id}
      data-group="true"
      aria-label={`Details of ${shown.title}`}
      className="graph-panel w-[300px] max-h-[min(70vh,560px)] overflow-auto rounded-lg border shadow-lg"
    >
      <div className="flex items-start gap-2 border-b px-3 py-2">
        <Icon name={kind.icon} size={18} aria-hidden="true" />
        <div className="min-w-0 flex-1">
          <div className="graph-box-sub text-[11px] font-semibold uppercase tracking-wide">
            {kind.name}s folded into one card
          </div>
          <div className="break-all text-sm font-semibold">{shown.title}</div>
        </div>
        <button
          type="button"
          data-testid="details-close"
          aria-label="Close the details"
          onClick={() => select(undefined)}
          className="graph-button rounded border px-1.5 text-xs font-semibold"
        >
          <Icon name="cross" size={14} aria-hidden="true" />
        </button>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 px-3 py-2 text-xs">
        {shown.rows.map(([key, value]) => (
          <div key={key} className="contents" data-testid="details-row" data-key={key}>
            <dt className="graph-box-sub font-semibold">{key}</dt>
            <dd className="min-w-0 break-words font-mono">{value}</dd>
          </div>
        ))}
      </dl>
      <ul className="border-t px-3 py-2 text-xs" data-testid="group-members">
        {shown.members.map((m) => (
          <li
            key={m.id}
            data-testid="group-member"
            data-id={m.id}
            className="flex items-baseline justify-between gap-2 py-0.5"
          >
            <span className="shrink-0 whitespace-nowrap font-mono font-semibold" title={m.name}>
              {m.name.slice(m.name.indexOf('/') + 1)}
            </span>
            <span className="graph-box-sub min-w-0 truncate text-right font-mono text-[11px]">
              {m.status === 'pending'
                ? '⏲ Pending'
                : m.status === 'warning'
                  ? '! not ready'
                  : m.line}
            </span>
          </li>
        ))}
      </ul>
      <div className="border-t px-3 py-2">
        <button
          type="button"
          data-testid="details-expand"
          onClick={() => {
            toggle(group.id);
            select(undefined);
          }}
          className="graph-button rounded border px-2 py-0.5 text-xs font-semibold"
        >
          Expand into {group.count} cards
        </button>
      </div>
    </aside>
  );
}

/** Deletes the pod as kubectl would: it goes into the Scenario's deletedPods (one undo step). */
function DeletePodButton({ podRef, owned }: { podRef: string; owned: boolean }) {
  const controller = useController();
  const [busy, setBusy] = useState(false);
  return (
    <div className="border-t px-3 py-2">
      <button
        type="button"
        data-testid="details-delete-pod"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void controller.deletePod(podRef.slice('pod/'.length)).finally(() => setBusy(false));
        }}
        className="graph-button rounded border px-2 py-0.5 text-xs font-semibold"
      >
        {owned ? 'Delete pod (its controller replaces it)' : 'Delete pod (nothing replaces it)'}
      </button>
    </div>
  );
}

/**
 * Escape closes the details and puts focus back on the card they describe. Not while the pick
 * menu is open (Escape closes that first), nor from inside the editor (Escape is Monaco's there).
 */
function useCloseOnEscape(id: string | undefined, close: () => void) {
  useEffect(() => {
    if (!id) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target as Element | null;
      if (target?.closest('.monaco-editor, [role="dialog"]')) return;
      if (document.querySelector('[data-pick-menu]')) return;
      close();
      document
        .querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)
        ?.focus({ preventScroll: true });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id, close]);
}

/**
 * Keeps the selected object in sight: the panel opens top-right, over the graph; when it would
 * cover the card it describes, the view slides (same zoom) so the card sits left of it. Here, in
 * the panel's own (lazy) code, since it only matters once the panel is open.
 */
function useKeepSelectedVisible(id: string | undefined) {
  const { getViewport, setViewport } = useReactFlow();
  useEffect(() => {
    if (!id) return;
    // The next frame: the panel has its layout.
    const frame = requestAnimationFrame(() => {
      const panel = document.querySelector('[data-testid="details-panel"]');
      const card = document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
      const pane = card?.closest('.react-flow');
      if (!panel || !card || !pane) return;
      const p = panel.getBoundingClientRect();
      const c = card.getBoundingClientRect();
      const area = pane.getBoundingClientRect();
      const margin = 16;
      const covered =
        c.right > p.left - margin && c.left < p.right && c.bottom > p.top && c.top < p.bottom;
      if (!covered) return;
      // The card's centre to the middle of the free strip left of the panel (or its right edge
      // just clear of the panel, when the strip is narrower than the card).
      const freeLeft = area.left;
      const freeRight = p.left - margin;
      const target =
        freeRight - freeLeft > c.width + 2 * margin
          ? (freeLeft + freeRight) / 2
          : freeRight - c.width / 2;
      const dx = target - (c.left + c.width / 2);
      const viewport = getViewport();
      const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      void setViewport({ ...viewport, x: viewport.x + dx }, { duration: reduced ? 0 : 250 });
    });
    return () => cancelAnimationFrame(frame);
  }, [id, getViewport, setViewport]);
}

export function DetailsPanel({
  groups,
}: {
  /** The folded cards on screen, by id (their details come from the layout, not the engine). */
  groups?: ReadonlyMap<string, PodGroupData>;
}) {
  const selectedId = useAppStore((s) => s.selectedId);
  const analysis = useAppStore((s) => s.lastGood);
  const select = useAppStore((s) => s.select);
  const shown = useMemo(
    () => (analysis && selectedId ? toShownDetails(analysis, selectedId) : undefined),
    [analysis, selectedId],
  );
  const group = selectedId ? groups?.get(selectedId) : undefined;
  useCloseOnEscape(shown || group ? selectedId : undefined, () => select(undefined));
  useKeepSelectedVisible(shown || group ? selectedId : undefined);
  const pod = selectedId?.startsWith('pod/')
    ? analysis?.cluster?.pods.find((p) => p.ref === selectedId)
    : undefined;
  if (!shown && group) return <GroupDetailsPanel group={group} />;
  if (!selectedId || !shown) return null;
  return (
    <aside
      data-testid="details-panel"
      data-id={selectedId}
      aria-label={`Details of ${shown.kind} ${shown.title}`}
      className="graph-panel w-[300px] max-h-[min(70vh,560px)] overflow-auto rounded-lg border shadow-lg"
    >
      <div className="flex items-start gap-2 border-b px-3 py-2">
        <Icon name={shown.icon} size={18} aria-hidden="true" />
        <div className="min-w-0 flex-1">
          <div className="graph-box-sub text-[11px] font-semibold uppercase tracking-wide">
            {shown.kind}
            {shown.implicit ? ' · added by the engine' : ''}
          </div>
          <div className="break-all text-sm font-semibold">{shown.title}</div>
        </div>
        <button
          type="button"
          data-testid="details-close"
          aria-label="Close the details"
          onClick={() => select(undefined)}
          className="graph-button rounded border px-1.5 text-xs font-semibold"
        >
          <Icon name="cross" size={14} aria-hidden="true" />
        </button>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 px-3 py-2 text-xs">
        {shown.rows.map(([key, value]) => (
          <div key={key} className="contents" data-testid="details-row" data-key={key}>
            <dt className="graph-box-sub font-semibold">{key}</dt>
            <dd className="min-w-0 break-words font-mono">
              {key === 'labels' || key === 'selector' ? (
                <span className="flex flex-wrap gap-1">
                  {labelChips(value).map((chip) => (
                    <span
                      key={chip}
                      data-testid="label-chip"
                      className="graph-chip rounded border px-1 py-px"
                    >
                      {chip}
                    </span>
                  ))}
                </span>
              ) : (
                value
              )}
            </dd>
          </div>
        ))}
      </dl>
      {shown.shields && (
        <div className="border-t px-3 py-2 text-xs" data-testid="details-policies">
          <div className="mb-1 font-semibold">NetworkPolicy isolation</div>
          {(['ingress', 'egress'] as const).map((direction) => {
            const policies = shown.shields?.[direction] ?? [];
            return (
              <div
                key={direction}
                data-testid="details-direction"
                data-direction={direction}
                data-isolated={policies.length > 0 ? 'true' : 'false'}
                className="flex items-start gap-1.5 py-0.5"
              >
                <Icon name={policies.length ? 'shield' : 'check'} size={13} aria-hidden="true" />
                <span>
                  <b className="capitalize">{direction}:</b>{' '}
                  {policies.length
                    ? `isolated by ${policies.join(', ')}${shown.enforced ? ': only what these allow gets ' + (direction === 'ingress' ? 'in' : 'out') : ' (not enforced by this CNI)'}`
                    : 'not isolated: all traffic allowed'}
                </span>
              </div>
            );
          })}
        </div>
      )}
      {pod && <DeletePodButton podRef={pod.ref} owned={pod.owner !== undefined} />}
    </aside>
  );
}
