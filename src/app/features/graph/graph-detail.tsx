/**
 * The graph's level of detail and flight marks, as attributes on React Flow's wrapper: CSS
 * (styles.css) draws from them, so a zoom past the threshold or the end of a flight restyles
 * the cards and the path without re-rendering a node or an edge.
 */
import { useEffect } from 'react';
import { useStore as useFlowStore } from '@xyflow/react';
import { useAppStore } from '../../store/store-context';
import { selectTrace } from '../../store/trace-slice';
import { GRAPH_KINDS, kindTint } from './graph-kinds';

/**
 * Below this zoom a card title (18 px on the graph) is under 8 px on screen: unreadable, so the
 * cards are drawn light (a box in the kind's colour and its name; no icon, badge or shadow).
 * Painting hundreds of full cards is what a pan's frame spent its time on (B7).
 */
export const LIGHT_DETAIL_ZOOM = 0.45;

/** `data-detail="light"` on the wrapper while zoomed out; re-renders only when that flips. */
export function ZoomDetail() {
  const light = useFlowStore((s) => s.transform[2] < LIGHT_DETAIL_ZOOM);
  const domNode = useFlowStore((s) => s.domNode);
  useEffect(() => {
    if (domNode) domNode.dataset.detail = light ? 'light' : 'full';
  }, [domNode, light]);
  return null;
}

/** `data-flight` on the wrapper: a dropped packet's path turns red and dashed (styles.css). */
export function FlightMark() {
  const flight = useAppStore((s) => s.flight);
  const domNode = useFlowStore((s) => s.domNode);
  useEffect(() => {
    if (domNode) domNode.dataset.flight = flight;
  }, [domNode, flight]);
  return null;
}

/**
 * The light form of the cards (only while `data-detail="light"`): what is too small to read
 * goes, what tells things apart stays (the kind's colour, the name, a shield as a plain
 * square); the name wraps as it does in full. Inline SVG icons and clipped lines were most
 * of the cost: each is its own paint chunk to layerize.
 * `keep` excludes the cards that stay fully detailed.
 */
export function lightDetailCss(keep: string): string {
  const at = `.react-flow[data-detail='light'] .react-flow__node${keep}`;
  const tints = Object.keys(GRAPH_KINDS)
    .map((k) => `${at} .graph-card[data-kind='${k}']{background:${kindTint(k)}}`)
    .join('\n');
  return `
${at} .graph-card:not([data-shield-lit]){box-shadow:none}
${at} .graph-card-stack{background:var(--k-pod-tint)}
${tints}
${at} :is(.graph-card-icon,.graph-card-sub,.graph-card-extra,.graph-badge,.graph-badge-warn,.graph-button,.graph-box-sub,.graph-box-kind,.graph-link-label,.graph-box-header svg,.graph-network svg,[data-testid='namespace-labels']){display:none}
${at} .graph-shield{font-size:0;width:12px;height:12px;padding:0}
${at} .graph-shield svg{display:none}
`;
}

/**
 * The light-form rules, except for the followed packet's cards and the selected card: those keep
 * their full detail when zoomed out. One style element (marking the cards themselves would
 * re-render their nodes on every send).
 */
export function LightDetailStyle({
  aliases,
  selectedId,
}: {
  aliases: Readonly<Record<string, string>>;
  selectedId: string | undefined;
}) {
  const trace = useAppStore(selectTrace);
  const ids = new Set<string>();
  for (const hop of trace?.error ? [] : (trace?.hops ?? [])) ids.add(aliases[hop.at] ?? hop.at);
  if (selectedId) ids.add(aliases[selectedId] ?? selectedId);
  const keep =
    ids.size === 0
      ? ''
      : `:not(${[...ids].map((id) => `[data-id="${CSS.escape(id)}"]`).join(',')})`;
  return <style>{lightDetailCss(keep)}</style>;
}
