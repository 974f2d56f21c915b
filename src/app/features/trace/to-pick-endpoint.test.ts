import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, traceQueries } from '../../../engine';
import { gateway, match, route, withGateways } from './testing/gateway-cluster';
import { toPickEndpoints } from './to-pick-endpoint';

const seed = readFileSync(new URL('../../../../scenarios/full-flow.yaml', import.meta.url), 'utf8');
const analysis = simulate([{ name: 'scenario.yaml', text: seed }]);

describe('toPickEndpoints (seed scenario)', () => {
  it.each([
    ['internet', 'internet', undefined],
    ['pod/default/frontend-0', 'pod/default/frontend-0', 'pod/default/frontend-0:80'],
    ['pod/default/backend-1', 'pod/default/backend-1', 'pod/default/backend-1:8080'],
    ['node/node-2', 'node/node-2', /^nodeport\/node-2:3\d{4}$/],
    ['service/default/backend-service', undefined, 'service/default/backend-service:8080'],
    ['service/kube-system/kube-dns', undefined, 'service/kube-system/kube-dns:53/UDP'],
    [
      'loadbalancer/ingress-nginx/ingress-nginx-controller',
      undefined,
      'loadbalancer/ingress-nginx/ingress-nginx-controller:80',
    ],
    ['ingress/default/webapp-ingress', undefined, 'http://example.com/'],
    ['pod/default/gone-0', undefined, undefined],
    ['something/else', undefined, undefined],
  ])('%s → from %s, to %s', (id, source, destination) => {
    const picked = toPickEndpoints(analysis, id);
    expect(picked.source).toBe(source);
    if (destination instanceof RegExp) expect(picked.destination).toMatch(destination);
    else expect(picked.destination).toBe(destination);
    // Whatever is not offered says why, in words.
    if (!picked.source) expect(picked.sourceWhy).toMatch(/\w/);
    if (!picked.destination) expect(picked.destinationWhy).toMatch(/\w/);
  });

  it('every picked pair traces without a query error', () => {
    const ids = analysis.graph.nodes.map((n) => n.id);
    const sources = ids.flatMap((id) => toPickEndpoints(analysis, id).source ?? []);
    const destinations = ids.flatMap((id) => toPickEndpoints(analysis, id).destination ?? []);
    const queries = sources.slice(0, 4).flatMap((from) => destinations.map((to) => ({ from, to })));
    expect(queries.length).toBeGreaterThan(20);
    const errors = traceQueries(analysis.cluster, queries).flatMap((t) =>
      t.error ? [`${t.from} → ${t.to}: ${t.error}`] : [],
    );
    expect(errors).toEqual([]);
  });

  it('before the first analysis nothing is offered', () => {
    expect(toPickEndpoints(undefined, 'internet').source).toBeUndefined();
  });
});

describe('picking a Gateway or an HTTPRoute on the graph', () => {
  const cluster = withGateways(
    analysis.cluster,
    [gateway('public', [{ name: 'web', hostname: 'gw.example.com' }])],
    [
      route(
        'app',
        [[match({ path: { type: 'PathPrefix', value: '/api' }, method: 'PUT' })]],
        [['public', 'web', []]],
      ),
      route('app2', [[]], [['public', 'web', []]]),
    ],
  );
  const gatewayAnalysis = { ...analysis, cluster };

  it('sends to its first host × path, through that Gateway, with the method the rule needs', () => {
    expect(toPickEndpoints(gatewayAnalysis, 'gateway/default/public')).toEqual({
      sourceWhy: 'A Gateway is not a client: start from the Internet.',
      destination: 'http://gw.example.com/api',
      destinationHttp: { via: 'gateway/default/public', method: 'PUT' },
    });
    expect(toPickEndpoints(gatewayAnalysis, 'httproute/default/app2').destination).toBe(
      'http://gw.example.com/',
    );
  });

  it('an Ingress beside Gateways names the ingress controller as the entry point', () => {
    const picked = toPickEndpoints(gatewayAnalysis, 'ingress/default/webapp-ingress');
    expect(picked.destinationHttp).toEqual({ via: 'ingress' });
    expect(
      toPickEndpoints(analysis, 'ingress/default/webapp-ingress').destinationHttp,
    ).toBeUndefined();
  });

  it('a Gateway without attached routes says so', () => {
    const bare = withGateways(analysis.cluster, [gateway('empty', [{ name: 'web' }])], []);
    expect(toPickEndpoints({ ...analysis, cluster: bare }, 'gateway/default/empty')).toMatchObject({
      destinationWhy: 'gateway/default/empty has no attached route to send to.',
    });
  });
});
