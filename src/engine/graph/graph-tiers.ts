/**
 * The graph's tiers, left to right, by name: where an object sits in the path a request takes
 * from the Internet to a pod. `GraphNode.tier` holds the number, so the JSON stays as it was.
 */
import type { GraphTier } from '../types';

export const GRAPH_TIERS = {
  /** Where outside traffic starts. */
  internet: 0,
  /** The ways in from outside: load balancers (one per LoadBalancer Service), the nodes' NodePorts. */
  entry: 1,
  /** The HTTP proxies that read the request: the ingress controller's pods, the Gateways. */
  proxy: 2,
  /** The rules those proxies follow: Ingresses (beside them, HTTPRoutes). */
  route: 3,
  /** Services, the cluster DNS Service among them. */
  service: 4,
  /** Pods. */
  pod: 5,
} as const satisfies Record<string, GraphTier>;

export type GraphTierName = keyof typeof GRAPH_TIERS;
