/**
 * Which entry point an `http(s)://` request takes: `via` (`gateway/NS/NAME` or `ingress`), or,
 * without it, the host: every Gateway with a listener for the scheme and port that takes the
 * host and an attached HTTPRoute whose hostnames (or none) match, plus the ingress controller
 * when an Ingress rule it serves names the host. One: that one; none: the ingress controller
 * (so manifests without Gateways answer as they always did); several: an error asking for `via`.
 * A host that is an IP address goes to the Gateway whose load balancer has it, else where it
 * always went (the ingress controller's address, a cluster address, the world).
 */
import type { Cluster, ClusterGateway, Query } from '../types';
import { isIPv4, type DestinationEndpoint } from './query';
import { matchesWildcardHost } from '../routing/ingress';
import { resolveDnsName } from '../routing/dns';
import { resolveGatewayCandidates, routingHost, toGatewayHttpRequest, type GatewayHttpRequest } from '../gateway/route-request';
import { toHttp } from './to-http-ingress';
import { toHttpGateway } from './to-http-gateway';
import { findService, type Client, type Outcome, type State } from './state';

/** At most two redirects of the ingress controller are followed: a trailing-slash 301, then the TLS 308. */
const INGRESS_REDIRECTS = 2;

export type HttpEntryPoint = { readonly kind: 'ingress' } | { readonly kind: 'gateway'; readonly gateway: ClusterGateway; readonly request: GatewayHttpRequest };

/** Whether an Ingress the controller serves has a rule that names `host` (exactly, or by a `*.` wildcard). */
function ingressNamesHost(cluster: Cluster, host: string): boolean {
  return cluster.ingresses.some(
    (ing) => ing.served && ing.object.rules.some((r) => r.host !== undefined && r.host !== '' && (r.host.toLowerCase() === host || matchesWildcardHost(r.host.toLowerCase(), host))),
  );
}

/** A request from a pod or node to a name the cluster DNS answers never leaves the cluster. */
function staysInside(cluster: Cluster, client: Client, host: string): boolean {
  if (client.kind === 'external') return false;
  return resolveDnsName(cluster, host, client.pod?.namespace).rcode === 'NOERROR';
}

/** The Gateway whose LoadBalancer address `host` is. */
function gatewayAtAddress(cluster: Cluster, host: string): ClusterGateway | undefined {
  if (!isIPv4(host)) return undefined;
  return cluster.gateways.find((g) => g.serviceRef !== undefined && (findService(cluster, g.serviceRef)?.loadBalancerIPs ?? []).includes(host));
}

/**
 * The entry point of one HTTP query, or an error (`via` naming a missing Gateway, a host that
 * several entry points claim).
 *
 * @example resolveHttpEntry(cluster, client, { from: 'internet', to: 'http://gw.test/', via: 'gateway/infra/public' })
 */
export function resolveHttpEntry(cluster: Cluster, client: Client, query: Query): HttpEntryPoint | { readonly error: string } {
  const via = query.via;
  if (via === undefined && cluster.gateways.length === 0) return { kind: 'ingress' };
  if (via === 'ingress') return { kind: 'ingress' };
  const request = toGatewayHttpRequest(query.to, query.method ?? 'GET', query.headers ?? {});
  if ('error' in request) return request;
  if (via !== undefined) {
    const m = /^gateway\/([^/]+)\/([^/]+)$/.exec(via);
    if (m === null) return { error: `via "${via}": use gateway/NS/NAME or ingress` };
    const gateway = cluster.gateways.find((g) => g.ref === `gateway/${m[1]}/${m[2]}`);
    if (gateway === undefined) {
      const known = cluster.gateways.map((g) => g.ref);
      return { error: `via ${via}: Gateway ${m[1]}/${m[2]} does not exist (${known.length > 0 ? `Gateways: ${known.join(', ')}` : 'the manifests hold no Gateway'})` };
    }
    return { kind: 'gateway', gateway, request };
  }
  // An address picks its owner: a Gateway's load balancer, else whatever answered it before.
  const atAddress = gatewayAtAddress(cluster, request.host);
  if (atAddress !== undefined) return { kind: 'gateway', gateway: atAddress, request };
  if (isIPv4(request.host) || staysInside(cluster, client, request.host)) return { kind: 'ingress' };
  const host = routingHost(request);
  const candidates = resolveGatewayCandidates(cluster, request);
  const ingress = ingressNamesHost(cluster, host);
  if (candidates.length + (ingress ? 1 : 0) > 1) {
    const names = [...candidates.map((c) => `${c.gatewayRef} (listener ${c.listener}: ${c.routeRefs.join(', ')})`), ...(ingress ? ['the ingress controller (an Ingress rule names the host)'] : [])];
    return { error: `${host} is claimed by ${names.length} entry points: ${names.join('; ')}. Say which one with via (${[...candidates.map((c) => c.gatewayRef), ...(ingress ? ['ingress'] : [])].join(' or ')})` };
  }
  const only = candidates[0];
  if (only === undefined) return { kind: 'ingress' };
  const gateway = cluster.gateways.find((g) => g.ref === only.gatewayRef)!;
  return { kind: 'gateway', gateway, request };
}

/** The query string of a URL, with its `?` (`''` when it has none). */
function queryOf(url: string): string {
  const m = /^[^?#]*(\?[^#]*)/.exec(url);
  return m?.[1] ?? '';
}

/** An `http(s)://` destination (`url` as the query gave it): through the entry point `resolveHttpEntry` names. */
export function toHttpRequest(st: State, client: Client, d: Extract<DestinationEndpoint, { kind: 'http' }>, entry: HttpEntryPoint, url: string): Outcome {
  if (entry.kind === 'gateway') return toHttpGateway(st, client, entry.gateway, entry.request);
  const out = toHttp(st, client, d, INGRESS_REDIRECTS);
  // ingress-nginx's rewrite keeps the request's query string after the new path.
  return out.backendPath !== undefined ? { ...out, backendPath: `${out.backendPath}${queryOf(url.trim())}` } : out;
}
