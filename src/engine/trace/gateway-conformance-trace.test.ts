/**
 * The Gateway API v1.6.1 HTTPRoute conformance requests (src/engine/gateway/conformance/cases.ts)
 * sent as whole traces: the manifests read and built by the engine as the app and the CLI do
 * (implicit data planes included; the suite's setup: its GatewayClass and certificate Secret), each request traced from the internet through its Gateway's
 * load balancer, and the answer compared with what the Go suite expects: the status, the pod
 * that serves (of the expected backend and namespace), the path the backend receives, the
 * redirect's Location. So the routing decision and the packet's path agree.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import type { Cluster, Trace } from '../types';
import { traceQuery } from './trace';
import { CONFORMANCE_TESTS, SUITE_CLASS_NAME, SUITE_SETUP_FILES, type ConformanceRequest, type ConformanceTest } from '../gateway/conformance/cases';

const FIXTURES = '../../../tests/fixtures/gateway-api/conformance/';
const GATEWAY_ADDRESS = '192.0.2.80';

function fixture(path: string): { name: string; text: string } {
  const text = readFileSync(fileURLToPath(new URL(`${FIXTURES}${path}`, import.meta.url)), 'utf8');
  return { name: path, text: text.replaceAll('{GATEWAY_CLASS_NAME}', SUITE_CLASS_NAME) };
}


/** Drops the documents of the kinds a test deletes before its requests. */
function without(text: string, kinds: readonly string[]): string {
  if (kinds.length === 0) return text;
  return text
    .split(/^---$/m)
    .filter((doc) => !kinds.some((k) => new RegExp(`^kind: ${k}$`, 'm').test(doc)))
    .join('---');
}

function loadCluster(test: ConformanceTest): Cluster {
  const files = [...SUITE_SETUP_FILES, fixture('base/manifests.yaml'), fixture(`tests/${test.manifests}`)].map((f) => ({ ...f, text: without(f.text, test.without ?? []) }));
  return simulate(files).cluster;
}

function send(cluster: Cluster, test: ConformanceTest, req: ConformanceRequest): Trace {
  const scheme = req.scheme ?? 'http';
  const port = req.port ?? (scheme === 'https' ? 443 : 80);
  const urlHost = scheme === 'https' ? (req.serverName ?? req.host ?? GATEWAY_ADDRESS) : GATEWAY_ADDRESS;
  const headers = req.host !== undefined ? { ...req.headers, Host: req.host } : { ...req.headers };
  return traceQuery(cluster, {
    from: 'internet',
    to: `${scheme}://${urlHost}:${port}${req.path}`,
    via: `gateway/${req.gateway ?? test.gateway}`,
    ...(req.method !== undefined ? { method: req.method } : {}),
    headers,
  });
}

const pathOnly = (p: string): string => p.replace(/\?.*$/, '');

describe.each(CONFORMANCE_TESTS.filter((t) => t.requests.length > 0).map((t) => [t.name, t] as const))('%s', (_name, test) => {
  const cluster = loadCluster(test);
  it.each(test.requests.map((r) => [`${r.scheme ?? 'http'} ${r.host ?? '<address>'}${r.path} ${r.method ?? ''}`, r] as const))('%s', (_label, req) => {
    const t = send(cluster, test, req);
    const why = t.error ?? t.hops.map((h) => `${h.kind} ${h.verdict}: ${h.reason}`).join('\n');
    expect(t.error, why).toBeUndefined();
    expect(t.status, why).toBe(req.status ?? 200);
    expect(t.verdict, why).toBe('allow');
    if (req.backend !== undefined) {
      const last = t.hops.at(-1)!;
      expect(last.kind, why).toBe('pod');
      expect(last.ref.startsWith(`pod/${req.namespace}/${req.backend}-`), why).toBe(true);
      // The backend pod sees the Gateway's data-plane pod as the source.
      const gateway = t.hops.find((h) => h.kind === 'gateway')!;
      const dataPlane = cluster.pods.find((p) => p.ref === gateway.pod)!;
      expect(t.hops.find((h) => h.kind === 'service')?.after?.srcIP, why).toBe(dataPlane.ip);
    }
    if (req.backendPath !== undefined) expect(pathOnly(t.backendPath ?? ''), why).toBe(req.backendPath);
    if (req.redirect !== undefined) {
      expect(t.location, why).toBeDefined();
      expect(t.hops.at(-1), why).toMatchObject({ kind: 'route', verdict: 'pass' });
      if (req.redirect.path !== undefined) expect(t.location!, why).toMatch(new RegExp(`^[a-z]+://[^/]+${req.redirect.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    }
  });
});
