/**
 * Everything the app draws for one kind of graph object, in one record: its name, icon, colours,
 * column, legend words and which of its details the card shows. A new kind is a new record here
 * (and its icon drawing in components/icons.tsx); the cards, the minimap, the legend, the
 * details panel and the layout read it from here.
 */
import { GRAPH_TIERS, type GraphNode, type GraphNodeKind, type GraphTier } from '../../../engine';
import type { IconName } from '../../components/icons';

/** `#rrggbb` colours: the accent (border, icon, minimap) and the tint (the icon's backdrop). */
type Colours = readonly [accent: string, tint: string];

export interface GraphKind {
  /** Its readable name: the card's second line when it has no fact, the details' heading. */
  readonly name: string;
  readonly icon: IconName;
  /** Per theme; the presenter theme (`contrast`) darkens the accent and keeps the light tint. */
  readonly colours: { readonly light: Colours; readonly dark: Colours; readonly contrast: string };
  /** The column the layout draws it in (nodes are the boxes of the pod column). */
  readonly tier: GraphTier;
  /** What it is, for the legend. */
  readonly legend: string;
  /** The card's badge while its status is `warning`. */
  readonly warning?: string;
  /** A pod: `boxed` in the node or namespace boxes, or `outside` them (then it says where it runs). */
  readonly pod?: 'boxed' | 'outside';
  /** The card's third line when labels are shown: the detail that tells it apart. */
  readonly extra?: (details: GraphNode['details']) => string | undefined;
  /** Always made by the engine (the Internet): no "implicit" mark. */
  readonly alwaysImplicit?: true;
}

const ports = (details: GraphNode['details']) => details.ports;
const labels = (details: GraphNode['details']) => details.labels;

/** In left-to-right order (the legend's). */
export const GRAPH_KINDS: Readonly<Record<GraphNodeKind, GraphKind>> = {
  internet: {
    name: 'Internet',
    icon: 'internet',
    colours: { light: ['#0f766e', '#ccfbf1'], dark: ['#2dd4bf', '#134e4a'], contrast: '#115e59' },
    tier: GRAPH_TIERS.internet,
    legend: 'where requests from outside start',
    alwaysImplicit: true,
  },
  loadbalancer: {
    name: 'Load balancer',
    icon: 'loadbalancer',
    colours: { light: ['#7c3aed', '#ede9fe'], dark: ['#a78bfa', '#2e1065'], contrast: '#5b21b6' },
    tier: GRAPH_TIERS.entry,
    legend: 'the external IP of a LoadBalancer Service',
    extra: ports,
  },
  'ingress-controller': {
    name: 'Ingress controller',
    icon: 'ingress-controller',
    colours: { light: ['#c2410c', '#ffedd5'], dark: ['#fb923c', '#431407'], contrast: '#9a3412' },
    tier: GRAPH_TIERS.proxy,
    legend: 'a pod of the proxy that serves Ingresses',
    warning: 'not ready',
    pod: 'outside',
    extra: labels,
  },
  ingress: {
    name: 'Ingress',
    icon: 'ingress',
    colours: { light: ['#b45309', '#fef3c7'], dark: ['#fbbf24', '#451a03'], contrast: '#92400e' },
    tier: GRAPH_TIERS.route,
    legend: 'host and path rules to Services',
    warning: 'not served',
    extra: (details) => details.class && `class ${details.class}`,
  },
  gateway: {
    name: 'Gateway',
    icon: 'gateway',
    colours: { light: ['#a21caf', '#fae8ff'], dark: ['#e879f9', '#4a044e'], contrast: '#86198f' },
    tier: GRAPH_TIERS.proxy,
    legend: 'its listeners take requests to its HTTPRoutes',
    warning: 'not programmed',
    extra: (details) => details.class && `class ${details.class}`,
  },
  httproute: {
    name: 'HTTPRoute',
    icon: 'httproute',
    colours: { light: ['#4d7c0f', '#ecfccb'], dark: ['#a3e635', '#1a2e05'], contrast: '#3f6212' },
    tier: GRAPH_TIERS.route,
    legend: "path and header rules to Services, on a Gateway's listeners",
    warning: 'not attached',
    extra: (details) => details.attached,
  },
  service: {
    name: 'Service',
    icon: 'service',
    colours: { light: ['#1d4ed8', '#dbeafe'], dark: ['#60a5fa', '#172554'], contrast: '#1e3a8a' },
    tier: GRAPH_TIERS.service,
    legend: 'one stable IP for the pods it selects',
    warning: 'no endpoints',
    extra: ports,
  },
  dns: {
    name: 'DNS',
    icon: 'dns',
    colours: { light: ['#be185d', '#fce7f3'], dark: ['#f472b6', '#500724'], contrast: '#9d174d' },
    tier: GRAPH_TIERS.service,
    legend: 'the cluster DNS Service',
    warning: 'no endpoints',
    extra: ports,
  },
  pod: {
    name: 'Pod',
    icon: 'pod',
    colours: { light: ['#047857', '#d1fae5'], dark: ['#34d399', '#022c22'], contrast: '#065f46' },
    tier: GRAPH_TIERS.pod,
    legend: 'containers sharing one IP',
    warning: 'not ready',
    pod: 'boxed',
    extra: labels,
  },
  node: {
    name: 'Node',
    icon: 'node',
    colours: { light: ['#475569', '#e2e8f0'], dark: ['#94a3b8', '#1e293b'], contrast: '#1e293b' },
    tier: GRAPH_TIERS.pod,
    legend: 'a machine: the box of the pods it runs',
  },
};

/** The record of a kind; an unknown one (an engine newer than the app) is drawn as a pod. */
export const graphKind = (kind: string): GraphKind =>
  GRAPH_KINDS[kind as GraphNodeKind] ?? GRAPH_KINDS.pod;

/** The kind's accent as a CSS variable: themes restyle it without re-rendering a card. */
export const kindAccent = (kind: string) => `var(--k-${kind in GRAPH_KINDS ? kind : 'pod'})`;
export const kindTint = (kind: string) => `var(--k-${kind in GRAPH_KINDS ? kind : 'pod'}-tint)`;

/**
 * The `--k-KIND` and `--k-KIND-tint` variables of every theme, from the records.
 *
 * @example kindColourCss() // ":root{--k-internet:#0f766e;--k-internet-tint:#ccfbf1;…}…"
 */
export function kindColourCss(): string {
  const kinds = Object.entries(GRAPH_KINDS);
  const vars = (pick: (colours: GraphKind['colours']) => Colours | string) =>
    kinds
      .map(([kind, { colours }]) => {
        const c = pick(colours);
        return typeof c === 'string'
          ? `--k-${kind}:${c};`
          : `--k-${kind}:${c[0]};--k-${kind}-tint:${c[1]};`;
      })
      .join('');
  return `:root{${vars((c) => c.light)}}:root[data-theme='dark']{${vars((c) => c.dark)}}:root[data-theme='contrast']{${vars((c) => c.contrast)}}`;
}
