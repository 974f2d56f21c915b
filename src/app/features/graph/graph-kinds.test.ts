import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GRAPH_TIERS, simulate, type GraphNode, type GraphNodeKind } from '../../../engine';
import { GRAPH_KINDS, graphKind, kindAccent, kindColourCss, kindTint } from './graph-kinds';

const kinds = Object.keys(GRAPH_KINDS) as GraphNodeKind[];

const GATEWAY_YAML = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: example}
spec: {controllerName: example.com/gateway}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: shop}
spec:
  gatewayClassName: example
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop}
spec:
  parentRefs: [{name: shop}]
  rules: [{backendRefs: [{name: frontend-service, port: 80}]}]
`;

describe('graph kind records', () => {
  it('every kind has a name, an icon, a legend and a colour per theme', () => {
    for (const kind of kinds) {
      const r = GRAPH_KINDS[kind];
      expect(r.name, kind).not.toBe('');
      expect(r.legend, kind).not.toBe('');
      for (const c of [...r.colours.light, ...r.colours.dark, r.colours.contrast])
        expect(c, kind).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it('tells kinds apart by colour in each theme', () => {
    const accents = (pick: (k: GraphNodeKind) => string) => new Set(kinds.map(pick)).size;
    expect(accents((k) => GRAPH_KINDS[k].colours.light[0])).toBe(kinds.length);
    expect(accents((k) => GRAPH_KINDS[k].colours.dark[0])).toBe(kinds.length);
  });

  it('writes one accent and one tint variable per kind, per theme', () => {
    const css = kindColourCss();
    expect(css).toContain(':root{--k-internet:#0f766e;--k-internet-tint:#ccfbf1;');
    expect(css).toContain(
      ":root[data-theme='dark']{--k-internet:#2dd4bf;--k-internet-tint:#134e4a;",
    );
    expect(css).toContain(":root[data-theme='contrast']{--k-internet:#115e59;");
    for (const kind of kinds) {
      expect(css.match(new RegExp(`--k-${kind}:`, 'g')), kind).toHaveLength(3);
      expect(css.match(new RegExp(`--k-${kind}-tint:`, 'g')), kind).toHaveLength(2);
    }
  });

  it('an unknown kind is drawn as a pod', () => {
    expect(graphKind('widget')).toBe(GRAPH_KINDS.pod);
    expect(kindAccent('widget')).toBe('var(--k-pod)');
    expect(kindTint('service')).toBe('var(--k-service-tint)');
  });

  it("the card's third line is the detail that tells the kind apart", () => {
    const details: GraphNode['details'] = { labels: 'app=web', ports: '80/TCP', class: 'nginx' };
    expect(GRAPH_KINDS.pod.extra?.(details)).toBe('app=web');
    expect(GRAPH_KINDS.service.extra?.(details)).toBe('80/TCP');
    expect(GRAPH_KINDS.ingress.extra?.(details)).toBe('class nginx');
    expect(GRAPH_KINDS.internet.extra).toBeUndefined();
  });

  it("columns are the engine's named tiers (nodes are boxes in the pod column)", () => {
    expect(GRAPH_KINDS.loadbalancer.tier).toBe(GRAPH_TIERS.entry);
    expect(GRAPH_KINDS['ingress-controller'].tier).toBe(GRAPH_TIERS.proxy);
    expect(GRAPH_KINDS.ingress.tier).toBe(GRAPH_TIERS.route);
    expect(GRAPH_KINDS.node.tier).toBe(GRAPH_TIERS.pod);
  });

  it('each kind sits in the tier the engine gives it (nodes apart)', () => {
    const text = readFileSync('scenarios/full-flow.yaml', 'utf8');
    const { graph } = simulate([
      { name: 'full-flow.yaml', text },
      { name: 'gateway.yaml', text: GATEWAY_YAML },
    ]);
    const seen = new Set<string>();
    for (const n of graph.nodes) {
      seen.add(n.kind);
      if (n.kind !== 'node') expect(GRAPH_KINDS[n.kind].tier, n.id).toBe(n.tier);
    }
    expect([...seen].sort()).toEqual([...kinds].sort());
  });
});
