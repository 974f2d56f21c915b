/**
 * The Gateway API v1.6.1 HTTPRoute conformance tests, run against the routing: each test's
 * manifests (with the suite's base manifests) read by the engine's reader, each request sent to
 * the test's Gateway, each response compared the way the Go suite compares it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../types';
import { parseManifests } from '../../manifest/parse';
import { normalizeManifests } from '../../manifest/normalize';
import { buildCluster } from '../../cluster/build-cluster';
import { pathOf } from '../match-request';
import { resolveBackendRefs } from '../backends';
import { resolveGatewayRoute, toGatewayHttpRequest, type GatewayRoute } from '../route-request';
import { CONFORMANCE_TESTS, SUITE_CLASS_NAME, SUITE_SETUP_FILES, type ConformanceRequest, type ConformanceTest } from './cases';

const FIXTURES = '../../../../tests/fixtures/gateway-api/conformance/';
/** The address the Go client sends as Host when a test gives none. */
const GATEWAY_ADDRESS = '192.0.2.80';

function fixture(path: string): { name: string; text: string } {
  const text = readFileSync(fileURLToPath(new URL(`${FIXTURES}${path}`, import.meta.url)), 'utf8');
  // The suite renders its manifests with the GatewayClass under test.
  return { name: path, text: text.replaceAll('{GATEWAY_CLASS_NAME}', SUITE_CLASS_NAME) };
}

/** The cluster of one test, built by the engine's own stages (reader, normalizer, cluster). */
function loadCluster(test: ConformanceTest): Cluster {
  const parsed = parseManifests([...SUITE_SETUP_FILES, fixture('base/manifests.yaml'), fixture(`tests/${test.manifests}`)]);
  const documents = parsed.documents.filter((d) => !(test.without ?? []).includes(d.kind));
  const { manifests } = normalizeManifests(documents);
  return buildCluster(manifests, {}).cluster;
}

function send(cluster: Cluster, test: ConformanceTest, req: ConformanceRequest, seed = 0): GatewayRoute {
  const scheme = req.scheme ?? 'http';
  const port = req.port ?? (scheme === 'https' ? 443 : 80);
  const urlHost = scheme === 'https' ? (req.serverName ?? req.host ?? GATEWAY_ADDRESS) : GATEWAY_ADDRESS;
  const headers = req.host !== undefined ? { ...req.headers, Host: req.host } : { ...req.headers };
  const request = toGatewayHttpRequest(`${scheme}://${urlHost}:${port}${req.path}`, req.method ?? 'GET', headers);
  if ('error' in request) throw new Error(request.error);
  return resolveGatewayRoute(cluster, `gateway/${req.gateway ?? test.gateway}`, request, seed);
}

function describeRequest(req: ConformanceRequest): string {
  const via = req.serverName !== undefined ? ` (SNI ${req.serverName})` : '';
  const extra = [req.method, req.headers !== undefined ? JSON.stringify(req.headers) : undefined].filter(Boolean).join(' ');
  return `${req.scheme ?? 'http'} ${req.host ?? '<address>'}${req.port !== undefined ? `:${req.port}` : ''}${req.path}${via} ${extra}`.trim();
}

/** The Location split as the Go suite's roundtripper splits it. */
function splitLocation(location: string): { scheme: string; host: string; port: string; path: string } {
  const m = /^([a-z]+):\/\/([^/:?#]+)(?::(\d+))?([^?#]*)/.exec(location);
  if (m === null) throw new Error(`not an absolute Location: ${location}`);
  return { scheme: m[1]!, host: m[2]!, port: m[3] ?? '', path: m[4] === '' ? '/' : m[4]! };
}

describe.each(CONFORMANCE_TESTS.map((t) => [t.name, t] as const))('%s', (_name, test) => {
  const cluster = loadCluster(test);

  it('reads every Gateway and HTTPRoute of the manifests, programmed', () => {
    expect(cluster.gateways.length).toBeGreaterThan(0);
    expect(cluster.gateways.every((g) => g.programmed)).toBe(true);
    expect(cluster.httpRoutes.length).toBeGreaterThan(0);
  });

  it('resolves backendRefs as the cluster stage does (same invalid refs, same reasons)', () => {
    for (const route of cluster.httpRoutes) {
      const mine = route.object.rules.flatMap((rule, ruleIndex) =>
        resolveBackendRefs(cluster, route.object.meta.namespace, rule.backendRefs)
          .filter((b) => b.problem !== undefined)
          .map((b) => `${ruleIndex}/${b.index}: ${b.problem}`),
      );
      const theirs = (route.invalidBackendRefs ?? []).map((b) => `${b.rule}/${b.backendRef}: ${b.reason}`);
      expect(mine, route.ref).toEqual(theirs);
    }
  });

  if (test.requests.length > 0) {
    it.each(test.requests.map((r) => [describeRequest(r), r] as const))('%s', (_label, req) => {
      const r = send(cluster, test, req);
      const why = r.reasons.join('; ');
      expect(r.status, why).toBe(req.status ?? 200);
      if (req.backend !== undefined) {
        expect(r.chosen, why).toBeDefined();
        expect(r.backends[r.chosen!]!.ref, why).toBe(`service/${req.namespace}/${req.service ?? req.backend}`);
        // The pod that answers belongs to that backend (the Go suite checks the pod name's prefix).
        const pods = r.backends[r.chosen!]!.endpoints.filter((e) => e.ready).map((e) => e.podRef ?? '');
        expect(pods.length, why).toBeGreaterThan(0);
        for (const pod of pods) expect(pod.startsWith(`pod/${req.namespace}/${req.backend}-`), pod).toBe(true);
      } else if (req.namespace !== undefined && (req.status ?? 200) === 200) {
        expect(r.backends[r.chosen!]!.ref.startsWith(`service/${req.namespace}/`), why).toBe(true);
      }
      if (req.backendPath !== undefined) expect(pathOf(r.backendPath ?? ''), why).toBe(req.backendPath);
      if (req.backendHost !== undefined) expect(r.backendHost, why).toBe(req.backendHost);
      if (req.redirect !== undefined) {
        expect(r.location, why).toBeDefined();
        const got = splitLocation(r.location!);
        const scheme = req.redirect.scheme ?? req.scheme ?? 'http';
        expect(got.scheme, r.location).toBe(scheme);
        if (req.redirect.host !== undefined) expect(got.host, r.location).toBe(req.redirect.host);
        if (req.redirect.port !== undefined) expect(got.port, r.location).toBe(req.redirect.port);
        else expect(['', scheme === 'https' ? '443' : '80'], r.location).toContain(got.port);
        expect(got.path, r.location).toBe(req.redirect.path ?? pathOf(req.path));
      }
    });
  }

  if (test.weights !== undefined) {
    it('distributes requests by weight within the suite tolerance (±5%)', () => {
      const counts: Record<string, number> = {};
      const total = 500;
      for (let seed = 0; seed < total; seed++) {
        const r = send(cluster, test, test.requests[0]!, seed);
        expect(r.status).toBe(200);
        const name = r.backends[r.chosen!]!.ref.split('/')[2]!;
        counts[name] = (counts[name] ?? 0) + 1;
      }
      for (const [backend, share] of Object.entries(test.weights!)) {
        const got = (counts[backend] ?? 0) / total;
        expect(Math.abs(got - share), `${backend}: ${got}`).toBeLessThanOrEqual(0.05);
        if (share === 0) expect(counts[backend] ?? 0).toBe(0);
      }
    });
  }

  for (const s of test.routeStatus ?? []) {
    it(`${s.route} is not accepted by ${s.gateway}: ${s.reason}`, () => {
      const route = cluster.httpRoutes.find((r) => r.ref === `httproute/${s.route}`);
      expect(route).toBeDefined();
      const onGateway = route!.attachments.filter((a) => a.gatewayRef === `gateway/${s.gateway}`);
      expect(onGateway.some((a) => a.reason === 'Accepted')).toBe(false);
      expect(onGateway.map((a) => a.reason)).toContain(s.reason);
    });
  }
});
