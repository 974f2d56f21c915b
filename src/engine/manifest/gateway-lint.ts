/**
 * The project's warnings about Gateway API objects that the API server accepts but a controller
 * would mark in their status: a Gateway whose class does not exist (not programmed), a route not
 * attached to a parent and why (NoMatchingParent, NotAllowedByListeners,
 * NoMatchingListenerHostname), a backendRef the controller cannot resolve (InvalidKind,
 * RefNotPermitted, BackendNotFound), a rule whose weights sum to 0, and an HTTPS listener whose
 * certificate the controller cannot use. Each points at the field that says so. The cluster
 * stage resolved the refs and listeners (`cluster/gateways.ts`); this only words and places them.
 */
import type { Cluster, ClusterHttpRoute, Diagnostic, GatewayObject, HTTPRouteObject, NormalizedManifests, ObjectMeta, RouteAttachment } from '../types';
import { makeDiagnostic, type DiagnosticLocation } from '../diagnostics';
import { GATEWAY_API_GROUP, objectRef } from '../refs';

/** Where a warning about an object points: its field's source range. */
type Locate = (meta: ObjectMeta | undefined, ref: string, path: string) => DiagnosticLocation;

const id = (meta: ObjectMeta): string => `${meta.namespace}/${meta.name}`;

export function gatewayWarnings(manifests: NormalizedManifests, cluster: Cluster, at: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const gateways = manifests.gateways ?? [];
  const routes = manifests.httpRoutes ?? [];
  if (gateways.length === 0 && routes.length === 0) return out;
  const classes = new Set((manifests.gatewayClasses ?? []).map((c) => c.meta.name));
  const builtGateways: Cluster['gateways'] = Array.isArray(cluster?.gateways) ? cluster.gateways : [];
  const invalidListeners = new Map(builtGateways.map((g) => [g.object, g.invalidListeners ?? []] as const));

  for (const gateway of gateways) {
    const ref = objectRef('gateway', gateway.meta.namespace, gateway.meta.name);
    if (!classes.has(gateway.gatewayClassName)) {
      out.push(makeDiagnostic('gateway.class.missing', { gateway: id(gateway.meta), gatewayClass: gateway.gatewayClassName }, at(gateway.meta, ref, 'spec.gatewayClassName')));
    }
    // The reader already warned about an unsupported protocol, at the field.
    for (const problem of invalidListeners.get(gateway) ?? []) {
      if (problem.reason === 'UnsupportedProtocol') continue;
      const i = gateway.listeners.findIndex((l) => l.name === problem.listener);
      const path = problem.certificateRef !== undefined ? `spec.listeners[${i}].tls.certificateRefs[${problem.certificateRef}]` : `spec.listeners[${i}]`;
      out.push(makeDiagnostic('gateway.listener.certificate', { gateway: id(gateway.meta), listener: problem.listener, reason: problem.reason, detail: problem.detail }, at(gateway.meta, ref, path)));
    }
  }

  const clusterRoutes = new Map<HTTPRouteObject, ClusterHttpRoute>();
  const built: Cluster['httpRoutes'] = Array.isArray(cluster?.httpRoutes) ? cluster.httpRoutes : [];
  for (const r of built) clusterRoutes.set(r.object, r);
  const gatewayByKey = new Map<string, GatewayObject>(gateways.map((g) => [id(g.meta), g]));
  for (const route of routes) {
    const ref = objectRef('httproute', route.meta.namespace, route.meta.name);
    const routeId = id(route.meta);
    const attachments = clusterRoutes.get(route)?.attachments ?? [];
    if (route.parentRefs.length === 0) {
      out.push(makeDiagnostic('gateway.route.not-attached', { route: routeId, parentRef: 'it', reason: 'NoMatchingParent', detail: 'spec.parentRefs names no Gateway, so no Gateway routes its requests' }, at(route.meta, ref, 'spec')));
    }
    route.parentRefs.forEach((parent, i) => {
      const mine = attachments.filter((a) => a.parentRefIndex === i);
      if (mine.length === 0 || mine.some((a) => a.reason === 'Accepted')) return;
      const namespace = parent.namespace ?? route.meta.namespace;
      const gateway = gatewayByKey.get(`${namespace}/${parent.name}`);
      const { reason, detail } = notAttachedDetail(route, parent, namespace, gateway, mine);
      out.push(makeDiagnostic('gateway.route.not-attached', { route: routeId, parentRef: `parentRefs[${i}]`, reason, detail }, at(route.meta, ref, `spec.parentRefs[${i}]`)));
    });
    for (const problem of clusterRoutes.get(route)?.invalidBackendRefs ?? []) {
      const backend = route.rules[problem.rule]?.backendRefs[problem.backendRef];
      if (backend === undefined) continue;
      const backendId = `${backend.namespace ?? route.meta.namespace}/${backend.name}`;
      const path = `spec.rules[${problem.rule}].backendRefs[${problem.backendRef}]`;
      out.push(makeDiagnostic('gateway.backend.invalid', { route: routeId, backend: backendId, reason: problem.reason, detail: problem.detail }, at(route.meta, ref, path)));
    }
    // Plain loops: this runs for every rule of every route on each analysis.
    for (let i = 0; i < route.rules.length; i++) {
      const refs = route.rules[i]!.backendRefs;
      if (refs.length === 0) continue;
      let allZero = true;
      for (const b of refs) {
        if (b.weight !== 0) {
          allZero = false;
          break;
        }
      }
      if (allZero) out.push(makeDiagnostic('gateway.rule.weights-zero', { route: routeId, rule: i }, at(route.meta, ref, `spec.rules[${i}].backendRefs`)));
    }
  }
  return out;
}

function notAttachedDetail(
  route: HTTPRouteObject,
  parent: HTTPRouteObject['parentRefs'][number],
  namespace: string,
  gateway: GatewayObject | undefined,
  attachments: readonly RouteAttachment[],
): { reason: RouteAttachment['reason']; detail: string } {
  const gatewayId = `${namespace}/${parent.name}`;
  if (parent.group !== GATEWAY_API_GROUP || parent.kind !== 'Gateway') {
    return { reason: 'NoMatchingParent', detail: `it names a ${parent.kind}${parent.group !== '' ? ` of group ${parent.group}` : ''}; only Gateway parents are simulated` };
  }
  if (gateway === undefined) return { reason: 'NoMatchingParent', detail: `Gateway ${gatewayId} does not exist` };
  if (attachments.every((a) => a.reason === 'NoMatchingParent')) {
    const wanted = [parent.sectionName !== undefined ? `named "${parent.sectionName}"` : '', parent.port !== undefined ? `on port ${parent.port}` : ''].filter((s) => s !== '').join(' ');
    return { reason: 'NoMatchingParent', detail: `Gateway ${gatewayId} has no listener ${wanted}` };
  }
  if (attachments.some((a) => a.reason === 'NoMatchingListenerHostname')) {
    const hostnames = gateway.listeners.filter((l) => attachments.some((a) => a.listener === l.name)).map((l) => l.hostname ?? '(any)');
    return {
      reason: 'NoMatchingListenerHostname',
      detail: `none of its hostnames (${route.hostnames.join(', ')}) intersects the hostnames of Gateway ${gatewayId}'s listeners (${hostnames.join(', ')})`,
    };
  }
  return {
    reason: 'NotAllowedByListeners',
    detail: `no listener of Gateway ${gatewayId} allows HTTPRoutes from namespace ${route.meta.namespace} (allowedRoutes: namespaces.from defaults to Same; kinds must include HTTPRoute on an HTTP or HTTPS listener)`,
  };
}
