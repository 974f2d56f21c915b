import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  type NodeMouseHandler,
} from '@xyflow/react';
import { useAppStore } from '../../store/store-context';
import { selectEditorHidden } from '../../store/layout-slice';
import { selectTrace } from '../../store/trace-slice';
import { CniSelect, GroupingToggle, LabelsToggle } from '../view/view-controls';
import { ShortcutKeys } from '../view/shortcut-keys';
import { useCardFocus } from './card-focus';
import { closePickMenu, openPickMenu } from './pick-request';
import {
  CapturePanPointer,
  FitOnChange,
  FollowPacket,
  PRESENTER_TEXT_PX,
  StopLabelsInView,
  toCardRects,
  toLayoutBounds,
  useFitAll,
} from './graph-viewport';
import { FlightMark, LightDetailStyle, MarkCards, ZoomDetail } from './graph-detail';
import { GraphLegend } from './graph-legend';
import {
  SMALL_SCREEN_TEXT_PX,
  useCompactView,
  useFollowOnSmallScreens,
} from '../small-screens/compact-layout';
import { Icon } from '../../components/icons';
import { nodeTypes } from './node-types';
import { kindAccent, kindColourCss } from './graph-kinds';
import {
  toFlowGraph,
  toNodeCentres,
  type FlowEdge,
  type FlowGraph,
  type FlowNode,
} from './to-flow-graph';
import { toPacketPaths } from './trace-path';
import { CNI_PLUGINS } from '../../../engine';

// The packets and the pick menu (with the flight player) are not part of the first paint: their
// code is requested as the first graph renders, well before the first Send.
const PacketLayer = lazy(() => import('./packet-layer').then((m) => ({ default: m.PacketLayer })));

// Shown only once a card is picked: loaded then, not with the first paint.
const DetailsPanel = lazy(() =>
  import('./details-panel').then((m) => ({ default: m.DetailsPanel })),
);

const EMPTY: FlowGraph = { nodes: [], edges: [], aliases: {}, collapsedPods: 0 };
// Colours are CSS variables (styles.css), so a theme change restyles edges without a re-layout.
// The `--near-*` variables are set on the edges of the selected card (NEAR_SELECTED_CSS).
const baseEdgeStyle = (stroke: string, width: number, dash = 'none') => ({
  stroke: `var(--near-stroke, ${stroke})`,
  strokeWidth: `var(--near-width, ${width})`,
  strokeDasharray: `var(--near-dash, ${dash})`,
});
const EDGE_STYLE = baseEdgeStyle('var(--graph-edge)', 1.6);
const TUNNEL_STYLE = baseEdgeStyle('var(--tunnel)', 2.5, '8 5');
const BGP_STYLE = baseEdgeStyle('var(--tunnel)', 2.5);
// The selected path turns red and dashed when its packet is dropped: the wrapper's
// `data-flight` sets the variables (styles.css), so the end of a flight re-renders no edge.
const PATH_STYLE = {
  stroke: 'var(--path-stroke, var(--graph-path))',
  strokeWidth: 4.5,
  strokeDasharray: 'var(--path-dash, none)',
};
// The other packets of a "Send 10": thinner and dotted, so the selected path stands out.
const OTHER_PATH_STYLE = {
  stroke: 'var(--graph-path)',
  strokeWidth: 3,
  strokeDasharray: '2 5',
  strokeLinecap: 'round' as const,
  opacity: 0.8,
};
// data-* attributes are valid on SVG elements; React Flow's type just does not list them.
const ON_PATH = { 'data-on-path': 'true' } as NonNullable<FlowEdge['domAttributes']>;
const ON_OTHER_PATH = { 'data-on-path': 'other' } as NonNullable<FlowEdge['domAttributes']>;
const NEAR_SELECTED = 'data-selected-edge';
// The edges of the selected card: drawn in the focus colour, above the others (each edge is
// its own <svg>, stacked by its inline z-index) and below the packet paths (z-index 3 and 4).
const NEAR_SELECTED_CSS = `.react-flow__edge[${NEAR_SELECTED}]{--near-stroke:var(--focus);--near-width:3;--near-dash:none}.react-flow__edges>svg:has(>[${NEAR_SELECTED}]){z-index:2!important}`;
const FIT = { padding: 0.08 };
const PRO_OPTIONS = { hideAttribution: true };
const minimapNodeColour = (n: unknown) => minimapColour(n as FlowNode);
// Every theme's kind colours, from the kind records: written once.
const KIND_COLOURS = kindColourCss();

function minimapColour(node: FlowNode): string {
  switch (node.type) {
    case 'groupBox':
    case 'network':
      return 'var(--minimap-box)';
    case 'podGroup':
      return kindAccent(node.data.kind);
    default:
      return kindAccent(node.data.node.kind);
  }
}

const SELECTABLE_CARD =
  '[data-testid="graph-node"],[data-testid="pod-group"],[data-testid="group-box"]';
const SELECTED_CARD = 'data-selected-card';
const SELECTION_CSS = `[${SELECTED_CARD}]{outline:3px solid var(--focus);outline-offset:3px}`;
// A press on a card starts a pan, which toggles the pane's `dragging` class and so its cursor;
// every edge and card wrapper inherited it, so Chromium restyled ~1,100 elements on the press
// and again on the release of each click (B15). The viewport's own cursor (the pane's when no
// pan runs; cards set theirs) stops that at the viewport.
const VIEWPORT_CURSOR_CSS = '.react-flow__viewport{cursor:grab}';

/**
 * One CSS rule outlines the selected card, marked by an attribute: a click costs no node
 * re-render, and no new style sheet (which restyled every card, B15).
 */
function SelectionStyle({ id, edgeIds }: { id: string | undefined; edgeIds: readonly string[] }) {
  return (
    <>
      <style>{SELECTION_CSS + VIEWPORT_CURSOR_CSS + NEAR_SELECTED_CSS}</style>
      <MarkCards ids={id ? [id] : []} selector={SELECTABLE_CARD} attribute={SELECTED_CARD} />
      <MarkCards ids={edgeIds} selector=".react-flow__edge" attribute={NEAR_SELECTED} />
    </>
  );
}

function Graph() {
  const analysis = useAppStore((s) => s.lastGood);
  const trace = useAppStore(selectTrace);
  const traces = useAppStore((s) => s.traces);
  const selectedPacket = useAppStore((s) => s.selectedPacket);
  const grouping = useAppStore((s) => s.grouping);
  const showLabels = useAppStore((s) => s.showLabels);
  const expanded = useAppStore((s) => s.expanded);
  const selectedId = useAppStore((s) => s.selectedId);
  const theme = useAppStore((s) => s.theme);
  const editorHidden = useAppStore(selectEditorHidden);
  const select = useAppStore((s) => s.select);
  const cni = analysis?.cluster?.settings?.cni;

  const flow = useMemo(
    () =>
      analysis
        ? toFlowGraph(
            analysis.graph,
            {
              nodes: analysis.cluster?.nodes ?? [],
              namespaces: analysis.cluster?.namespaces ?? [],
              ...(cni ? { cni } : {}),
            },
            { grouping, showLabels, expanded },
          )
        : EMPTY,
    [analysis, cni, grouping, showLabels, expanded],
  );
  const centres = useMemo(() => toNodeCentres(flow.nodes), [flow.nodes]);
  const bounds = useMemo(() => toLayoutBounds(flow.nodes), [flow.nodes]);
  const cards = useMemo(() => toCardRects(flow.nodes), [flow.nodes]);
  const fitAll = useFitAll(bounds, cards);
  const presenting = theme === 'contrast';
  const smallScreen = useFollowOnSmallScreens();
  const compact = useCompactView((s) => s.active);
  // The revision of a loaded (not typed) text, once the graph shows it; -1 while it is analysed.
  const loaded = useAppStore((s) => (s.lastGoodText === s.text ? s.revision : -1));
  // Set when the user pans or zooms by hand; cleared by every fit.
  const manual = useRef(false);
  // Presenting: whether the view follows the packet (a hand pan or F stops it until the next send).
  const follow = useRef(true);
  // F and the fit button: the whole cluster, and the view stays there until the next send.
  const fitWhole = () => {
    follow.current = false;
    manual.current = false;
    fitAll(350);
  };
  const groups = useMemo(
    () =>
      new Map(flow.nodes.flatMap((n) => (n.type === 'podGroup' ? [[n.id, n.data] as const] : []))),
    [flow.nodes],
  );
  // `interactionWidth: 0`: no invisible 20 px hit path per edge. Nothing is clicked or hovered
  // on an edge here, and hit-testing ~400 stroked paths on every pointer move of a pan cost
  // more than drawing the frame (B7).
  const baseEdges = useMemo<FlowEdge[]>(
    () =>
      flow.edges.map((e) =>
        e.data?.kind === 'link'
          ? {
              ...e,
              type: 'straight',
              style: cni && !CNI_PLUGINS[cni].overlay ? BGP_STYLE : TUNNEL_STYLE,
              interactionWidth: 0,
            }
          : { ...e, style: EDGE_STYLE, interactionWidth: 0 },
      ),
    [flow.edges, cni],
  );
  const paths = useMemo(
    () =>
      traces.length > 0
        ? toPacketPaths(traces, selectedPacket, flow.edges)
        : toPacketPaths(trace ? [trace] : [], 0, flow.edges),
    [trace, traces, selectedPacket, flow.edges],
  );
  // Only the edges that change get new objects: React Flow re-renders just those. A click on a
  // card changes no edge object: a new edge list made React Flow rebuild its edge lookups and
  // re-run the selectors of all ~800 node and edge wrappers inside the click (B15); the
  // selected card's edges are marked by an attribute instead (SelectionStyle).
  const edges = useMemo<FlowEdge[]>(
    () =>
      baseEdges.map((e) => {
        if (paths.selected.has(e.id))
          return { ...e, style: PATH_STYLE, zIndex: 4, domAttributes: ON_PATH };
        if (paths.others.has(e.id))
          return { ...e, style: OTHER_PATH_STYLE, zIndex: 3, domAttributes: ON_OTHER_PATH };
        return e;
      }),
    [baseEdges, paths],
  );
  const nearSelected = useMemo(() => {
    const selected = selectedId ? (flow.aliases[selectedId] ?? selectedId) : undefined;
    if (!selected) return [];
    return flow.edges
      .filter(
        (e) =>
          (e.source === selected || e.target === selected) &&
          !paths.selected.has(e.id) &&
          !paths.others.has(e.id),
      )
      .map((e) => e.id);
  }, [flow.edges, flow.aliases, selectedId, paths]);

  // The handlers keep one identity: React Flow hands them to every node wrapper, so a new
  // function per render of this component re-rendered all of them (405 on the 300-pod graph).
  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;
  // Counts selections: a deferred one is dropped when another came after it.
  const selections = useRef(0);
  const onNodeClick = useCallback<NodeMouseHandler<FlowNode>>(
    (_event, node) => {
      if (node.type === 'network') return;
      const toggle = () => select(node.id === selectedRef.current ? undefined : node.id);
      const mine = ++selections.current;
      if (node.type !== 'object') return toggle();
      // Object cards are packet endpoints: their pick menu opens (packet-layer.tsx draws it).
      // The menu's frame comes first; the selection (outline, details panel, this graph's
      // render) follows after that frame is painted, not inside the tap (B20).
      openPickMenu(node.id);
      requestAnimationFrame(() => setTimeout(() => mine === selections.current && toggle()));
    },
    [select],
  );
  // The graph view closes (another tab): its pick menu does not come back with it.
  useEffect(() => closePickMenu, []);

  // Keyboard: the graph is one Tab stop; arrows, Home and End move between cards (card-focus.ts),
  // Enter or Space opens the card's details.
  const flowElement = useRef<HTMLDivElement>(null);
  const moveCardFocus = useCardFocus(flowElement, selectedId);
  const moveCardFocusRef = useRef(moveCardFocus);
  moveCardFocusRef.current = moveCardFocus;
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (moveCardFocusRef.current(event)) return;
      if (event.key !== 'Enter' && event.key !== ' ') return;
      const target = event.target as HTMLElement;
      if (!target.classList.contains('react-flow__node')) return;
      const id = target.dataset.id;
      if (!id || id.startsWith('network/')) return;
      event.preventDefault();
      selections.current++;
      select(id === selectedRef.current ? undefined : id);
    },
    [select],
  );
  const onPaneClick = useCallback(() => {
    selections.current++;
    select(undefined);
  }, [select]);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    // A drag, wheel or pinch carries its event; fitView and setViewport do not.
    if (event) {
      manual.current = true;
      follow.current = false;
    }
  }, []);

  return (
    <ReactFlow
      ref={flowElement}
      onKeyDown={onKeyDown}
      nodes={flow.nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      edgesFocusable={false}
      onNodeClick={onNodeClick}
      onPaneClick={onPaneClick}
      onMoveStart={onMoveStart}
      colorMode={theme === 'dark' ? 'dark' : 'light'}
      minZoom={0.1}
      maxZoom={2.5}
      fitView
      fitViewOptions={FIT}
      proOptions={PRO_OPTIONS}
      aria-label="Cluster graph"
    >
      <FitOnChange
        bounds={bounds}
        loaded={loaded}
        manual={manual}
        fitKey={`${grouping}|${editorHidden ? 'wide' : 'narrow'}|${presenting ? 'presenting' : ''}`}
        fitAll={fitAll}
      />
      {/* Small screens and touch follow the packet as presenting does (readable header card). */}
      <FollowPacket
        presenting={presenting || smallScreen}
        // A phone's pane is narrow: 12 px titles leave room for the packet's labels beside them.
        readablePx={compact && !presenting ? SMALL_SCREEN_TEXT_PX : PRESENTER_TEXT_PX}
        aliases={flow.aliases}
        follow={follow}
      />
      <StopLabelsInView />
      <CapturePanPointer />
      <ShortcutKeys onFit={fitWhole} onStep={() => (follow.current = true)} />
      <SelectionStyle id={selectedId} edgeIds={nearSelected} />
      <ZoomDetail />
      <FlightMark />
      <LightDetailStyle aliases={flow.aliases} selectedId={selectedId} />
      {/* Presenting: nothing decorative (no dot grid, no mini map); the cards and the packet. */}
      {!presenting && <Background gap={24} color="var(--graph-dots)" />}
      <Panel
        position="top-left"
        data-testid="graph-toolbar"
        // Wraps rather than runs past the pane's edge on a phone (the panel's margin is 15 px).
        className="graph-panel flex max-w-[calc(100%-30px)] flex-wrap items-center gap-1 rounded-lg border p-1 shadow-sm"
      >
        <GroupingToggle />
        <LabelsToggle />
        <CniSelect />
        {flow.collapsedPods > 0 && (
          <span
            data-testid="collapsed-note"
            className="graph-box-sub px-1.5 text-xs"
            title="Large clusters are drawn with one card per workload (or per box) to stay fast; expand any card."
          >
            {flow.collapsedPods} pods folded
          </span>
        )}
      </Panel>
      <Panel position="top-right">
        {selectedId !== undefined && (
          <Suspense fallback={null}>
            <DetailsPanel groups={groups} />
          </Suspense>
        )}
      </Panel>
      {!presenting && (
        <Panel position="bottom-right">
          <GraphLegend grouping={grouping} {...(cni ? { cni } : {})} />
        </Panel>
      )}
      <Controls
        showInteractive={false}
        showFitView={false}
        position="bottom-left"
        onZoomIn={() => {
          manual.current = true;
          follow.current = false;
        }}
        onZoomOut={() => {
          manual.current = true;
          follow.current = false;
        }}
      >
        <ControlButton
          className="react-flow__controls-fitview"
          data-testid="fit-button"
          title="Fit the whole cluster (F)"
          aria-label="Fit the whole cluster"
          onClick={fitWhole}
        >
          <Icon name="fit" size={14} />
        </ControlButton>
      </Controls>
      {/* Small and bottom-left, where the tiers are sparse: it must not hide pods or the packet.
          Not on a small screen (its CSS hid it there): not drawn at all, it is not redrawn with
          every step of the view following the packet either (B20). */}
      {!presenting && !compact && (
        <MiniMap
          pannable
          zoomable
          position="bottom-left"
          style={{ width: 150, height: 96, marginLeft: 56 }}
          nodeColor={minimapNodeColour}
          maskColor="var(--minimap-mask)"
          ariaLabel="Mini map of the cluster graph"
        />
      )}
      <Suspense fallback={null}>
        <PacketLayer centres={centres} edges={flow.edges} aliases={flow.aliases} />
      </Suspense>
    </ReactFlow>
  );
}

export function GraphView() {
  return (
    <ReactFlowProvider>
      <style>{KIND_COLOURS}</style>
      <Graph />
    </ReactFlowProvider>
  );
}
