/**
 * The graph's level of detail and flight marks, as attributes on React Flow's wrapper: CSS
 * (styles.css) draws from them, so a zoom past the threshold or the end of a flight restyles
 * the cards and the path without re-rendering a node or an edge.
 */
import { useEffect, useLayoutEffect } from 'react';
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

/** The attribute that keeps a card fully detailed when zoomed out (set by `LightDetailStyle`). */
const FULL_DETAIL = 'data-full-detail';
const LIGHT_DETAIL_CSS = lightDetailCss(`:not([${FULL_DETAIL}])`);

/**
 * Sets `attribute` on the elements with those `ids` (`data-id`) that match `selector` inside
 * React Flow's wrapper, and takes it off again when the ids change. Why not a style element
 * naming the ids, or a prop on the nodes: a new style sheet makes Chromium restyle every card
 * (~1,800 elements on the 300-pod graph, the most of a click's time, B15), a prop re-renders the
 * nodes; an attribute restyles the one or two cards it is on. Runs again when React Flow draws
 * other nodes (cards of a new graph are new elements).
 *
 * @example <MarkCards ids={['pod/default/web-0']} selector="[data-testid='graph-node']" attribute="data-selected-card" />
 */
export function MarkCards({
  ids,
  selector,
  attribute,
}: {
  ids: readonly string[];
  selector: string;
  attribute: string;
}) {
  const domNode = useFlowStore((s) => s.domNode);
  const nodes = useFlowStore((s) => s.nodes);
  // Edge elements are drawn from the edge list (and once both ends are measured).
  const edges = useFlowStore((s) => s.edges);
  const key = ids.join('\u0000');
  useLayoutEffect(() => {
    if (!domNode || !key) return;
    const marked: Element[] = [];
    for (const id of key.split('\u0000'))
      for (const el of domNode.querySelectorAll(`[data-id="${CSS.escape(id)}"]`))
        if (el.matches(selector) && !el.hasAttribute(attribute)) {
          el.setAttribute(attribute, '');
          marked.push(el);
        }
    return () => {
      for (const el of marked) el.removeAttribute(attribute);
    };
  }, [domNode, nodes, edges, key, selector, attribute]);
  return null;
}

/**
 * The light-form rules, except for the followed packet's cards and the selected card: those keep
 * their full detail when zoomed out. One style element that never changes; the kept cards carry
 * an attribute (marking them through React would re-render their nodes on every send).
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
  return (
    <>
      <style>{LIGHT_DETAIL_CSS}</style>
      <MarkCards ids={[...ids]} selector=".react-flow__node" attribute={FULL_DETAIL} />
    </>
  );
}
