import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../cluster/build-cluster';
import { parseManifests } from './parse';
import { normalizeManifests } from './normalize';
import { validateManifests } from './validate';

const fixture = (path: string) => ({
  name: path,
  text: readFileSync(fileURLToPath(new URL(`../../../tests/fixtures/${path}`, import.meta.url)), 'utf8'),
});

// Counts from the files themselves (one `kind:` per document), kept by hand so a parser that
// loses or invents documents fails.
describe.each([
  ['online-boutique/kubernetes-manifests.yaml', 35, { workloads: 12, services: 12, notSimulated: 11 }],
  ['online-boutique/network-policies.yaml', 13, { networkPolicies: 13 }],
  ['ingress-nginx/deploy-cloud.yaml', 19, { namespaces: 1, workloads: 1, services: 2, ingressClasses: 1, notSimulated: 14 }],
  ['ingress-nginx/deploy-baremetal.yaml', 19, { namespaces: 1, workloads: 1, services: 2, ingressClasses: 1, notSimulated: 14 }],
] as const)('%s', (path, documents, counts) => {
  const parsed = parseManifests([fixture(path)]);
  const normalized = normalizeManifests(parsed.documents);

  it('parses every document without a diagnostic', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.documents).toHaveLength(documents);
  });

  it('normalizes with only "not simulated" notes', () => {
    expect(normalized.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    for (const d of normalized.diagnostics) expect(d.code).toBe('kind.not-simulated');
    const m = normalized.manifests as unknown as Record<string, readonly unknown[]>;
    const expected: Record<string, number> = { namespaces: 0, nodes: 0, pods: 0, workloads: 0, services: 0, endpointSlices: 0, ingresses: 0, ingressClasses: 0, networkPolicies: 0, scenarios: 0, notSimulated: 0, ...counts };
    for (const key of Object.keys(expected)) expect([key, m[key]!.length]).toEqual([key, expected[key]]);
  });
});

describe('the fixtures together', () => {
  it('validate with no errors', () => {
    const files = ['online-boutique/kubernetes-manifests.yaml', 'online-boutique/network-policies.yaml', 'ingress-nginx/deploy-cloud.yaml'].map(fixture);
    const parsed = parseManifests(files);
    const { manifests } = normalizeManifests(parsed.documents);
    const { cluster } = buildCluster(manifests, {});
    const errors = validateManifests(parsed.documents, manifests, cluster).filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('Online Boutique: frontend-external is a LoadBalancer, every Deployment in default', () => {
    const { manifests } = normalizeManifests(parseManifests([fixture('online-boutique/kubernetes-manifests.yaml')]).documents);
    expect(manifests.services.find((s) => s.meta.name === 'frontend-external')?.type).toBe('LoadBalancer');
    expect(new Set(manifests.workloads.map((w) => w.meta.namespace))).toEqual(new Set(['default']));
  });

  it('ingress-nginx cloud: the controller Service is LoadBalancer with externalTrafficPolicy Local', () => {
    const { manifests } = normalizeManifests(parseManifests([fixture('ingress-nginx/deploy-cloud.yaml')]).documents);
    const controller = manifests.services.find((s) => s.meta.name === 'ingress-nginx-controller')!;
    expect([controller.type, controller.externalTrafficPolicy, controller.meta.namespace]).toEqual(['LoadBalancer', 'Local', 'ingress-nginx']);
    expect(manifests.ingressClasses[0]!.controller).toBe('k8s.io/ingress-nginx');
  });
});
