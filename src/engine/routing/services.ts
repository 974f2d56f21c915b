/**
 * kube-proxy's view of a Service port: which endpoints a connection may reach after the
 * traffic policies, and which one it picks.
 */
import type { Cluster, ClusterService, ClusterServicePort, ServiceEndpoint } from '../types';
import { hashString } from '../cluster/hash';
import { servicePortKeys } from '../cluster/services';

export { resolveTargetPort, servicePortKey, servicePortKeys } from '../cluster/services';

/** The endpoints of one Service port (all of them, ready or not), by the port's key. */
export function endpointsOfPort(service: ClusterService, servicePort: ClusterServicePort): readonly ServiceEndpoint[] {
  const index = service.ports.indexOf(servicePort);
  const keys = servicePortKeys(service.ports);
  const key =
    index >= 0
      ? keys[index]
      : keys[service.ports.findIndex((p) => p.port === servicePort.port && p.protocol === servicePort.protocol && p.name === servicePort.name)];
  return key === undefined ? [] : (service.endpoints[key] ?? []);
}

/**
 * The labels that make kube-proxy leave a Service alone: its informers list Services (and
 * EndpointSlices) with the selector `!service.kubernetes.io/service-proxy-name,
 * !service.kubernetes.io/headless` (kubernetes cmd/kube-proxy/app/server.go), so a Service
 * carrying either label gets no ClusterIP or NodePort rule from it; another proxy owns it.
 */
export const KUBE_PROXY_IGNORED_LABELS = ['service.kubernetes.io/service-proxy-name', 'service.kubernetes.io/headless'] as const;

/** The label (`key=value`) that makes kube-proxy ignore the Service, if any. */
export function kubeProxyIgnores(service: ClusterService): string | undefined {
  const labels = service.labels;
  if (labels === undefined) return undefined;
  for (const key of KUBE_PROXY_IGNORED_LABELS) {
    if (Object.prototype.hasOwnProperty.call(labels, key)) return `${key}=${labels[key]!}`;
  }
  return undefined;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The endpoints kube-proxy may forward to, with one sentence why.
 *
 * 0. A Service labelled `service.kubernetes.io/service-proxy-name` or `…/headless` is not
 *    kube-proxy's: no endpoint.
 * 1. Only ready endpoints (with `publishNotReadyAddresses` every endpoint is marked ready).
 * 2. External traffic (NodePort, LoadBalancer, external IPs) entering at `viaNode`:
 *    `externalTrafficPolicy: Local` keeps only that node's endpoints — the client IP is kept
 *    and a node without one drops the packet; `Cluster` (default) allows every ready endpoint,
 *    the source being SNATed to the node IP.
 * 3. In-cluster traffic from a pod on `clientNode`: `internalTrafficPolicy: Local` keeps only
 *    the endpoints on that node (none there: the packet is dropped, no fallback).
 *
 * @example
 * const { endpoints, reason } = selectEndpoints(cluster, svc, svc.ports[0], { clientNode: 'node-1', external: false });
 */
export function selectEndpoints(
  _cluster: Cluster,
  service: ClusterService,
  servicePort: ClusterServicePort,
  opts: { clientNode?: string; viaNode?: string; external: boolean },
): { endpoints: ServiceEndpoint[]; reason: string } {
  if (service.type === 'ExternalName') {
    return { endpoints: [], reason: `ExternalName Service: DNS answers with a CNAME to ${service.externalName ?? '(none)'}; kube-proxy does not proxy it` };
  }
  const ignoredBy = kubeProxyIgnores(service);
  if (ignoredBy !== undefined) {
    const where = opts.external ? `NodePort${servicePort.nodePort !== undefined ? ` ${servicePort.nodePort}` : ''}` : `ClusterIP ${service.clusterIP ?? ''}`.trim();
    return {
      endpoints: [],
      reason: `kube-proxy ignores Services labelled ${ignoredBy} (another service proxy owns them): it programs no rule for the ${where}, so nothing answers there although the pods run`,
    };
  }
  const all = endpointsOfPort(service, servicePort);
  const ready = all.filter((e) => e.ready);
  const notReady = all.length - ready.length;
  const portText = servicePort.name !== undefined ? `port ${servicePort.name} (${servicePort.port}/${servicePort.protocol})` : `port ${servicePort.port}/${servicePort.protocol}`;
  if (ready.length === 0) {
    const why =
      all.length === 0
        ? service.selector === undefined
          ? 'no Endpoints/EndpointSlice gives an address for it'
          : 'no running pod matches the selector (with that targetPort)'
        : `${count(notReady, 'matching pod is', 'matching pods are')} not ready`;
    return { endpoints: [], reason: `${portText} has no ready endpoint: ${why}; the connection is refused` };
  }
  const readyText = `${count(ready.length, 'ready endpoint', 'ready endpoints')}${notReady > 0 ? ` (${notReady} not ready, left out)` : ''}`;
  const headless = service.headless ? 'headless Service (no ClusterIP, clients reach the pods directly); ' : '';
  if (opts.external) {
    if (service.externalTrafficPolicy === 'Local') {
      if (opts.viaNode === undefined) {
        return { endpoints: ready, reason: `${headless}externalTrafficPolicy: Local: each node forwards only to its own endpoints and keeps the client IP; ${readyText}` };
      }
      const local = ready.filter((e) => e.nodeName === opts.viaNode);
      return local.length === 0
        ? { endpoints: [], reason: `externalTrafficPolicy: Local: ${opts.viaNode} has no local ready endpoint for ${portText}, so it drops the packet (a cloud load balancer's health check leaves such nodes out)` }
        : { endpoints: local, reason: `externalTrafficPolicy: Local: only the ${count(local.length, 'endpoint', 'endpoints')} on ${opts.viaNode}, client IP kept (no SNAT)` };
    }
    return { endpoints: ready, reason: `${headless}externalTrafficPolicy: Cluster: any of ${readyText} on any node, source SNATed to the node IP` };
  }
  if (service.internalTrafficPolicy === 'Local' && opts.clientNode !== undefined) {
    const local = ready.filter((e) => e.nodeName === opts.clientNode);
    return local.length === 0
      ? { endpoints: [], reason: `internalTrafficPolicy: Local: no ready endpoint of ${portText} on the client's node ${opts.clientNode}, so the packet is dropped` }
      : { endpoints: local, reason: `internalTrafficPolicy: Local: only the ${count(local.length, 'endpoint', 'endpoints')} on the client's node ${opts.clientNode}` };
  }
  return { endpoints: ready, reason: `${headless}${readyText} for ${portText}` };
}

/**
 * The endpoint one connection goes to. Without affinity the seed picks (seed mod n, so seeds
 * 0, 1, 2, ... walk the endpoints in order, as several packets show load balancing). With
 * `sessionAffinity: ClientIP` a hash of the client IP picks, whatever the seed: one client
 * always lands on the same endpoint.
 *
 * @example pickEndpoint(endpoints, 1, '203.0.113.7', 'None') === endpoints[1 % endpoints.length]
 */
export function pickEndpoint(
  endpoints: readonly ServiceEndpoint[],
  seed: number,
  clientIP: string,
  sessionAffinity: 'None' | 'ClientIP',
): ServiceEndpoint | undefined {
  const n = endpoints.length;
  if (n === 0) return undefined;
  if (sessionAffinity === 'ClientIP') return endpoints[hashString(clientIP) % n];
  const s = Number.isFinite(seed) ? Math.abs(Math.trunc(seed)) : 0;
  return endpoints[s % n];
}
