/**
 * What every destination module of the trace shares: the client, the trace state, the outcome
 * of one destination, and the cluster lookups they use.
 */
import type { Cluster, ClusterNode, ClusterPod, ClusterService, ClusterServicePort, Hop, PolicyPeer, Protocol, ServiceEndpoint, Verdict } from '../types';
import type { PortSpec } from './query';
import { endpointsOfPort } from './routing-deps';

/** Where `internet` comes from when no address is given (TEST-NET-2, documentation space). */
export const INTERNET_CLIENT_IP = '198.51.100.7';

export interface Client {
  readonly kind: 'pod' | 'external' | 'node';
  readonly ref: string;
  /** Graph id. */
  readonly at: string;
  readonly ip: string;
  readonly nodeName?: string;
  readonly peer: PolicyPeer;
  readonly pod?: ClusterPod;
  readonly label: string;
}

export interface State {
  readonly cluster: Cluster;
  readonly seed: number;
  /**
   * True when the query gave a seed: follow the endpoint kube-proxy's pick gives for it exactly
   * (the app's "send 10" walks seeds 0..9, drops included). Without one, the trace follows an
   * endpoint that accepts when one exists, so an `allow` verdict never shows a dropped packet.
   */
  readonly seeded: boolean;
  readonly hops: Hop[];
  readonly notes: string[];
}

export interface Outcome {
  readonly verdict: Verdict;
  readonly status?: number;
  readonly backend?: string;
  /** A redirect's Location (a Gateway's RequestRedirect). */
  readonly location?: string;
  /** The path and query the backend receives. */
  readonly backendPath?: string;
  readonly endpoints?: readonly string[];
  readonly blocked?: readonly string[];
  readonly error?: string;
}

export const deny: Outcome = { verdict: 'deny' };

// ---------------------------------------------------------------------------
// Lookups

export function findPod(cluster: Cluster, ref: string): ClusterPod | undefined {
  const i = cluster.lookups.podByRef[ref];
  return i === undefined ? undefined : cluster.pods[i];
}

export function findService(cluster: Cluster, ref: string): ClusterService | undefined {
  const i = cluster.lookups.serviceByRef[ref];
  return i === undefined ? undefined : cluster.services[i];
}

export function findNode(cluster: Cluster, name: string): ClusterNode | undefined {
  const i = cluster.lookups.nodeByName[name];
  return i === undefined ? undefined : cluster.nodes[i];
}

/** `NS/NAME` of a pod ref. */
export function podName(ref: string): string {
  return ref.split('/').slice(1).join('/');
}

export function readyEndpoints(service: ClusterService, port: ClusterServicePort): ServiceEndpoint[] {
  return endpointsOfPort(service, port).filter((e) => e.ready);
}

export function hostPort(ip: string, port: number): string {
  return `${ip}:${port}`;
}


export function findServicePort(
  service: ClusterService,
  portSpec: PortSpec,
  protocol: Protocol,
): { port?: ClusterServicePort; error?: string } {
  if (typeof portSpec === 'string') {
    const p = service.ports.find((x) => x.name === portSpec);
    return p !== undefined ? { port: p } : { error: `Service ${service.namespace}/${service.name} has no port named "${portSpec}"` };
  }
  const p = service.ports.find((x) => x.port === portSpec && x.protocol === protocol);
  return p !== undefined ? { port: p } : {};
}

export function describePorts(service: ClusterService): string {
  return service.ports.map((p) => `${p.port}/${p.protocol}${p.name !== undefined ? ` (${p.name})` : ''}`).join(', ') || 'none';
}

/** Where a connection through a Service ended (for the ingress controller reached at its ClusterIP). */
export interface Delivered {
  pod?: ClusterPod;
  accepted: boolean;
}
