import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, traceQueries } from '../../../engine';
import { gateway, match, route, withGateways } from './testing/gateway-cluster';
import { toDestinationChoices, toGatewayChoices, toSourceChoices } from './to-trace-choices';

const seed = readFileSync(new URL('../../../../scenarios/full-flow.yaml', import.meta.url), 'utf8');
const analysis = simulate([{ name: 'scenario.yaml', text: seed }]);

describe('trace quick lists (seed scenario)', () => {
  it('starts with the Internet, then running pods, then nodes', () => {
    const sources = toSourceChoices(analysis).map((c) => c.value);
    expect(sources[0]).toBe('internet');
    expect(sources).toContain('pod/default/frontend-0');
    expect(sources).toContain('node/node-1');
  });

  it.each([
    ['internet', 'http://example.com/api', true],
    ['internet', 'http://example.com/auth', true],
    ['internet', 'loadbalancer/ingress-nginx/ingress-nginx-controller:80', true],
    ['internet', 'service/default/backend-service:8080', false],
    ['pod/default/frontend-0', 'service/default/backend-service:8080', true],
    ['pod/default/frontend-0', 'pod/default/backend-0:8080', true],
    ['pod/default/frontend-0', 'pod/default/frontend-0:80', false],
    ['pod/default/frontend-0', 'dns/backend-service:8080', true],
    ['pod/default/frontend-0', 'dns/kube-dns.kube-system:53/UDP', true],
    ['internet', 'dns/backend-service:8080', false],
  ])('from %s offers %s: %s', (source, destination, offered) => {
    expect(
      toDestinationChoices(analysis, source)
        .map((c) => c.value)
        .includes(destination),
    ).toBe(offered);
  });

  it('offers nothing but the Internet before the first analysis', () => {
    expect(toSourceChoices(undefined).map((c) => c.value)).toEqual(['internet']);
    expect(toDestinationChoices(undefined, 'internet')).toEqual([]);
  });
});

describe('every quick-list destination is a query the engine understands', () => {
  it.each(['internet', 'pod/default/frontend-0'])('from %s', (source) => {
    const queries = toDestinationChoices(analysis, source).map((c) => ({
      from: source,
      to: c.value,
    }));
    expect(queries.length).toBeGreaterThan(5);
    const errors = traceQueries(analysis.cluster, queries).flatMap((t) =>
      t.error ? [`${t.to}: ${t.error}`] : [],
    );
    expect(errors).toEqual([]);
  });
});

describe('Gateway choices: each listener host × route rule match', () => {
  const cluster = withGateways(
    analysis.cluster,
    [
      gateway('public', [
        { name: 'web', port: 80, hostname: '*.example.com' },
        { name: 'alt', port: 8080 },
        { name: 'tls', port: 443, protocol: 'HTTPS', hostname: 'secure.example.com' },
      ]),
    ],
    [
      route(
        'shop',
        [
          [match({ path: { type: 'Exact', value: '/' } })],
          [
            match({
              path: { type: 'PathPrefix', value: '/api' },
              method: 'POST',
              headers: [
                { type: 'Exact', name: 'Version', value: 'two' },
                { type: 'RegularExpression', name: 'X-Re', value: '.*' },
              ],
              queryParams: [{ type: 'Exact', name: 'v', value: '2' }],
            }),
            match({ path: { type: 'RegularExpression', value: '/re.*' } }),
          ],
        ],
        [['public', 'web', ['shop.example.com']]],
      ),
      // No hostnames on either side of the alt listener: example.com; a rule without matches: /.
      route(
        'any',
        [[]],
        [
          ['public', 'web', []],
          ['public', 'alt', []],
          ['public', 'tls', []],
        ],
      ),
      // Not attached: no choice.
      route('lost', [[]], [], [['public', 'web']]),
    ],
  );

  it('builds the URL from the listener (scheme, port) and the match (path, query); via, method and Exact headers go with it', () => {
    const choices = toGatewayChoices(cluster);
    expect(choices.map((c) => [c.value, c.http])).toEqual([
      ['http://shop.example.com/', { via: 'gateway/default/public' }],
      [
        'http://shop.example.com/api?v=2',
        { via: 'gateway/default/public', method: 'POST', headers: { Version: 'two' } },
      ],
      ['http://x.example.com/', { via: 'gateway/default/public' }],
      ['http://example.com:8080/', { via: 'gateway/default/public' }],
      ['https://secure.example.com/', { via: 'gateway/default/public' }],
    ]);
    expect(choices[1]!.label).toBe(
      'http://shop.example.com/api?v=2  (default/public › default/shop; POST, Version: two)',
    );
    expect(choices[1]!.route).toBe('httproute/default/shop');
    expect(new Set(choices.map((c) => c.id)).size).toBe(choices.length);
  });

  it('come first among the destinations; Ingress URLs then name the ingress controller', () => {
    const destinations = toDestinationChoices({ ...analysis, cluster }, 'internet');
    expect(destinations[0]?.group).toBe('HTTP via Gateway');
    const ingress = destinations.filter((c) => c.group === 'HTTP via Ingress');
    expect(ingress.length).toBeGreaterThan(0);
    expect(ingress.every((c) => c.http?.via === 'ingress')).toBe(true);
    // Without Gateways, the Ingress choices are as before: no entry point named.
    expect(toDestinationChoices(analysis, 'internet').every((c) => c.http === undefined)).toBe(
      true,
    );
  });
});
