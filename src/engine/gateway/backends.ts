/**
 * backendRefs of the winning rule: each resolved to a Service port and its endpoints, or
 * invalid with the Gateway API's reason (BackendNotFound, RefNotPermitted, InvalidKind); and the
 * one a seed sends the request to, by weight.
 */
import type { Cluster, HTTPBackendRef, ServiceEndpoint } from '../types';
import { objectRef } from '../refs';
import { grantPermits } from '../cluster/gateways';
import { endpointsOfPort } from '../routing/services';
import type { ResolvedBackendRef } from './route-request';

/** One backendRef, resolved against the cluster; `share` is filled by `resolveBackendRefs`. */
function resolveOne(cluster: Cluster, routeNamespace: string, ref: HTTPBackendRef, index: number): Omit<ResolvedBackendRef, 'share'> {
  const namespace = ref.namespace ?? routeNamespace;
  const base = { index, weight: ref.weight, ...(ref.port !== undefined ? { port: ref.port } : {}) };
  const invalid = (problem: ResolvedBackendRef['problem'] & string, problemMessage: string, refText: string) => ({
    ...base,
    ref: refText,
    problem,
    problemMessage,
    endpoints: [] as ServiceEndpoint[],
    readyEndpoints: 0,
  });
  if (ref.group !== '' || ref.kind !== 'Service') {
    const kindText = ref.group === '' ? ref.kind : `${ref.kind}.${ref.group}`;
    return invalid('InvalidKind', `backendRef kind ${kindText} is not supported (only core Services)`, `${ref.kind.toLowerCase()}/${namespace}/${ref.name}`);
  }
  const serviceRef = objectRef('service', namespace, ref.name);
  if (namespace !== routeNamespace) {
    if (!grantPermits(cluster.referenceGrants, { kind: 'HTTPRoute', namespace: routeNamespace }, { group: '', kind: 'Service', namespace, name: ref.name })) {
      return invalid(
        'RefNotPermitted',
        `no ReferenceGrant in namespace ${namespace} admits HTTPRoutes from namespace ${routeNamespace} to Service ${ref.name}`,
        serviceRef,
      );
    }
  }
  const serviceIndex = cluster.lookups.serviceByRef[serviceRef];
  const service = serviceIndex === undefined ? undefined : cluster.services[serviceIndex];
  if (service === undefined) return invalid('BackendNotFound', `Service ${namespace}/${ref.name} does not exist`, serviceRef);
  if (ref.port === undefined) return invalid('BackendNotFound', `backendRef to Service ${namespace}/${ref.name} has no port (required for a Service)`, serviceRef);
  const servicePort = service.ports.find((p) => p.port === ref.port && p.protocol === 'TCP');
  if (servicePort === undefined) {
    return invalid('BackendNotFound', `Service ${namespace}/${ref.name} has no TCP port ${ref.port}`, serviceRef);
  }
  const endpoints = endpointsOfPort(service, servicePort);
  return { ...base, ref: serviceRef, endpoints, readyEndpoints: endpoints.filter((e) => e.ready).length };
}

/** Every backendRef of a rule, resolved, with its share of the traffic (weight / sum of weights). */
export function resolveBackendRefs(cluster: Cluster, routeNamespace: string, refs: readonly HTTPBackendRef[]): ResolvedBackendRef[] {
  const total = refs.reduce((sum, r) => sum + Math.max(0, r.weight), 0);
  return refs.map((r, i) => ({ ...resolveOne(cluster, routeNamespace, r, i), share: total > 0 ? Math.max(0, r.weight) / total : 0 }));
}

/** (√5 − 1) / 2: seeds 0, 1, 2, … land evenly spread over [0, 1), so ten seeds split as the weights do. */
const GOLDEN_FRACTION = 0.6180339887498949;

/**
 * The point in [0, 1) that a seed stands for: seed × (√5 − 1)/2 modulo 1 (a golden-ratio
 * sequence), so consecutive seeds 0..n−1 fall into each backendRef's share about share × n times.
 */
export function seedPoint(seed: number): number {
  const s = Number.isFinite(seed) ? Math.abs(Math.trunc(seed)) : 0;
  const x = s * GOLDEN_FRACTION;
  return x - Math.floor(x);
}

/**
 * The index of the backendRef a seed sends the request to: the one whose cumulative share holds
 * `seedPoint(seed)`. Weight-0 refs never take traffic. `undefined` when every weight is 0.
 */
export function chooseBackendRef(backends: readonly { readonly share: number }[], seed: number): number | undefined {
  const point = seedPoint(seed);
  let cumulative = 0;
  let last: number | undefined;
  for (let i = 0; i < backends.length; i++) {
    const share = backends[i]!.share;
    if (share <= 0) continue;
    cumulative += share;
    last = i;
    if (point < cumulative) return i;
  }
  // Rounding can leave the cumulative sum a hair under 1.
  return last;
}
