import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, traceQueries } from '../../../engine';
import { toDestinationChoices, toSourceChoices } from './to-trace-choices';

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
