/**
 * Hand-made Gateway API objects on a Cluster for the picker's tests: the attachments are given,
 * not computed (the engine's tests cover attaching), so these tests hold the picker alone.
 */
import type {
  Cluster,
  ClusterGateway,
  ClusterHttpRoute,
  GatewayListener,
  HTTPRouteMatch,
  HTTPRouteRule,
} from '../../../../engine';

const meta = (name: string) => ({ name, namespace: 'default', labels: {}, annotations: {} });

export function gateway(
  name: string,
  listeners: readonly (Partial<GatewayListener> & { name: string })[],
): ClusterGateway {
  return {
    ref: `gateway/default/${name}`,
    object: {
      kind: 'Gateway',
      meta: meta(name),
      gatewayClassName: 'test',
      listeners: listeners.map((l) => ({
        port: 80,
        protocol: 'HTTP',
        allowedRoutes: { from: 'Same' },
        ...l,
      })),
    },
    programmed: true,
    programmedReason: 'Programmed',
    podRefs: [`pod/default/${name}-test-0`],
    implicit: true,
  };
}

export function match(m: Partial<HTTPRouteMatch>): HTTPRouteMatch {
  return { path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [], ...m };
}

/** A route attached to `attached` (gateway name, listener name, the intersected hostnames). */
export function route(
  name: string,
  rules: readonly (readonly HTTPRouteMatch[])[],
  attached: readonly [gateway: string, listener: string, hostnames: readonly string[]][],
  notAttached: readonly [gateway: string, listener: string][] = [],
): ClusterHttpRoute {
  return {
    ref: `httproute/default/${name}`,
    object: {
      kind: 'HTTPRoute',
      meta: meta(name),
      parentRefs: [],
      hostnames: [],
      rules: rules.map((matches): HTTPRouteRule => ({
        name: '',
        matches,
        filters: [],
        backendRefs: [],
      })),
    },
    order: 0,
    attachments: [
      ...attached.map(([g, listener, hostnames]) => ({
        gatewayRef: `gateway/default/${g}`,
        listener,
        parentRefIndex: 0,
        reason: 'Accepted' as const,
        hostnames,
      })),
      ...notAttached.map(([g, listener]) => ({
        gatewayRef: `gateway/default/${g}`,
        listener,
        parentRefIndex: 0,
        reason: 'NoMatchingParent' as const,
        hostnames: [],
      })),
    ],
  };
}

export function withGateways(
  cluster: Cluster,
  gateways: readonly ClusterGateway[],
  httpRoutes: readonly ClusterHttpRoute[],
): Cluster {
  return { ...cluster, gateways, httpRoutes };
}
