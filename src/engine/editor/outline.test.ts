/**
 * The source outline of cluster policies: keyed as verdicts name them (`policyRef`), with the
 * spans the editor lights for a deciding rule, its peers and its ports.
 */
import { describe, expect, it } from 'vitest';
import { createParseCache, parseManifests } from '../manifest/parse';
import { policyRef } from '../refs';
import { buildSourceOutline } from './outline';

const text = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: admin-rules
  namespace: ignored
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces: {}
  ingress:
  - name: first
    action: Pass
    from:
    - namespaces: {}
  - name: second
    action: Deny
    from:
    - pods:
        podSelector: {}
    protocols:
    - tcp:
        destinationPort: {number: 80}
  egress:
  - action: Accept
    to:
    - networks: [10.0.0.0/8]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  egress:
  - action: Deny
    to: [{namespaces: {}}]
    ports:
    - portNumber: {port: 53}
`;

const lines = (r: { startLine: number; endLine: number; endColumn: number } | undefined) =>
  r && [r.startLine, r.endColumn === 1 ? r.endLine - 1 : r.endLine];

describe('buildSourceOutline: cluster policies', () => {
  const outline = buildSourceOutline(parseManifests([{ name: 'o.yaml', text }]).documents);

  it('keys each by the ref a verdict names it with (no namespace), with its kind and document', () => {
    expect(outline.map((o) => [o.ref, o.kind, o.range.startLine])).toEqual([
      [policyRef('clusternetworkpolicy', 'admin-rules'), 'ClusterNetworkPolicy', 1],
      [policyRef('baselineadminnetworkpolicy', 'default'), 'BaselineAdminNetworkPolicy', 29],
    ]);
  });

  it('spans every rule (by direction and index), its action, peers and ports, and the subject and priority', () => {
    const spans = outline[0]!.spans;
    expect(lines(spans['spec.ingress[0]'])).toEqual([12, 15]);
    expect(lines(spans['spec.ingress[1]'])).toEqual([16, 23]);
    expect(lines(spans['spec.ingress[1].action'])).toEqual([17, 17]);
    expect(lines(spans['spec.ingress[1].from[0]'])).toEqual([19, 20]);
    expect(lines(spans['spec.ingress[1].from[0].pods'])).toEqual([19, 20]);
    expect(lines(spans['spec.ingress[1].protocols[0]'])).toEqual([22, 23]);
    expect(lines(spans['spec.ingress[1].protocols[0].tcp'])).toEqual([22, 23]);
    expect(lines(spans['spec.egress[0]'])).toEqual([25, 27]);
    expect(lines(spans['spec.egress[0].to[0].networks'])).toEqual([27, 27]);
    expect(lines(spans['spec.subject'])).toEqual([9, 10]);
    expect(lines(spans['spec.priority'])).toEqual([8, 8]);
    expect(lines(spans['spec.tier'])).toEqual([7, 7]);
    const banp = outline[1]!.spans;
    expect(lines(banp['spec.egress[0].ports[0]'])).toEqual([38, 38]);
    expect(lines(banp['spec.egress[0].ports[0].portNumber'])).toEqual([38, 38]);
  });
});

describe('buildSourceOutline: Gateway API', () => {
  const gatewayText = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: example
  listeners:
  - name: http
    port: 80
    protocol: HTTP
  - name: https
    hostname: "*.example.com"
    port: 443
    protocol: HTTPS
    tls: {certificateRefs: [{name: cert}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: infra}
spec:
  parentRefs: [{name: public}]
  hostnames: [app.example.com]
  rules:
  - matches:
    - path: {type: PathPrefix, value: /api}
    - headers: [{name: version, value: two}]
    backendRefs:
    - {name: api, port: 80}
  - filters:
    - type: RequestRedirect
      requestRedirect: {scheme: https}
`;
  const outline = buildSourceOutline(parseManifests([{ name: 'g.yaml', text: gatewayText }]).documents);

  it('keys Gateways and HTTPRoutes by their refs', () => {
    expect(outline.map((o) => [o.ref, o.kind, o.range.startLine])).toEqual([
      ['gateway/infra/public', 'Gateway', 1],
      ['httproute/infra/web', 'HTTPRoute', 16],
    ]);
  });

  it('spans each listener, each rule, its matches, filters and backendRefs', () => {
    const gw = outline[0]!.spans;
    expect(lines(gw['spec.gatewayClassName'])).toEqual([5, 5]);
    expect(lines(gw['spec.listeners[0]'])).toEqual([7, 9]);
    expect(lines(gw['spec.listeners[1]'])).toEqual([10, 14]);
    expect(lines(gw['spec.listeners[1].hostname'])).toEqual([11, 11]);
    const route = outline[1]!.spans;
    expect(lines(route['spec.parentRefs[0]'])).toEqual([20, 20]);
    expect(lines(route['spec.hostnames'])).toEqual([21, 21]);
    expect(lines(route['spec.rules[0]'])).toEqual([23, 27]);
    expect(lines(route['spec.rules[0].matches[0]'])).toEqual([24, 24]);
    expect(lines(route['spec.rules[0].matches[1]'])).toEqual([25, 25]);
    expect(lines(route['spec.rules[0].backendRefs[0]'])).toEqual([27, 27]);
    expect(lines(route['spec.rules[1]'])).toEqual([28, 30]);
    expect(lines(route['spec.rules[1].filters[0]'])).toEqual([29, 30]);
  });
});

describe('the outline of documents the parse cache moved', () => {
  const policy = (name: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from:
    - podSelector: {}
    ports: [{port: 80}]
`;
  it('equals the outline of a fresh parse after each edit (lines added and removed above, a document twice)', () => {
    const body = [text, policy('a'), policy('a'), policy('b')].join('---\n');
    const edits = [body, `# one\n${body}`, `# one\n# two\n${body}`, body, `${policy('c')}---\n${body}`, body.replace('name: b', 'name: bb'), `\n${body}`];
    const cache = createParseCache();
    for (const edited of edits) {
      const files = [{ name: 'o.yaml', text: edited }];
      const cached = buildSourceOutline(parseManifests(files, cache).documents);
      expect(JSON.stringify(cached)).toBe(JSON.stringify(buildSourceOutline(parseManifests(files).documents)));
    }
  });
});
