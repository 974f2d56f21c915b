/**
 * The project's warnings about Gateway API objects that the API server accepts but a controller
 * would mark in their status: a Gateway whose class does not exist (not programmed), a route not
 * attached to a parent and why (NoMatchingParent, NotAllowedByListeners,
 * NoMatchingListenerHostname), a backendRef the controller cannot resolve (InvalidKind,
 * RefNotPermitted, BackendNotFound), a rule whose weights sum to 0, and an HTTPS listener whose
 * certificate the controller cannot use. Each points at the field that says so.
 */
import type {
  Cluster,
  ClusterHttpRoute,
  Diagnostic,
  GatewayObject,
  HTTPBackendRef,
  HTTPRouteObject,
  NormalizedManifests,
  ObjectMeta,
  ReferenceGrantObject,
  RouteAttachment,
} from '../types';
import { makeDiagnostic, type DiagnosticLocation } from '../diagnostics';
import { GATEWAY_API_GROUP, objectRef } from '../refs';

/** Where a warning about an object points: its field's source range. */
type Locate = (meta: ObjectMeta | undefined, ref: string, path: string) => DiagnosticLocation;

const id = (meta: ObjectMeta): string => `${meta.namespace}/${meta.name}`;

/**
 * Whether a ReferenceGrant in `toNamespace` lets a `fromKind` of `fromNamespace` refer to the
 * core object `toKind`/`name` (a grant without `to.name` admits every object of that kind).
 */
export function grantPermits(
  grants: readonly ReferenceGrantObject[],
  from: { readonly kind: string; readonly namespace: string },
  to: { readonly group: string; readonly kind: string; readonly namespace: string; readonly name: string },
): boolean {
  return grants.some(
    (g) =>
      g.meta.namespace === to.namespace &&
      g.from.some((f) => f.group === GATEWAY_API_GROUP && f.kind === from.kind && f.namespace === from.namespace) &&
      g.to.some((t) => t.group === to.group && t.kind === to.kind && (t.name === undefined || t.name === to.name)),
  );
}

/**
 * Why a backendRef of a route cannot be resolved (the ResolvedRefs reason), or undefined when it
 * names a core Service that exists and may be referred to.
 */
export function backendRefProblem(
  route: HTTPRouteObject,
  ref: HTTPBackendRef,
  serviceExists: (namespace: string, name: string) => boolean,
  grants: readonly ReferenceGrantObject[],
): { reason: 'InvalidKind' | 'RefNotPermitted' | 'BackendNotFound'; detail: string } | undefined {
  const namespace = ref.namespace ?? route.meta.namespace;
  if (ref.group !== '' || ref.kind !== 'Service') {
    return { reason: 'InvalidKind', detail: `it is a ${ref.kind}${ref.group !== '' ? ` of group ${ref.group}` : ''}; only core Services are backends` };
  }
  if (namespace !== route.meta.namespace && !grantPermits(grants, { kind: 'HTTPRoute', namespace: route.meta.namespace }, { group: '', kind: 'Service', namespace, name: ref.name })) {
    return {
      reason: 'RefNotPermitted',
      detail: `Service ${namespace}/${ref.name} is in another namespace and no ReferenceGrant in namespace ${namespace} lets HTTPRoutes from namespace ${route.meta.namespace} refer to it`,
    };
  }
  if (!serviceExists(namespace, ref.name)) return { reason: 'BackendNotFound', detail: `Service ${namespace}/${ref.name} does not exist` };
  return undefined;
}

export function gatewayWarnings(manifests: NormalizedManifests, cluster: Cluster, at: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const gateways = manifests.gateways ?? [];
  const routes = manifests.httpRoutes ?? [];
  if (gateways.length === 0 && routes.length === 0) return out;
  const grants = manifests.referenceGrants ?? [];
  const classes = new Set((manifests.gatewayClasses ?? []).map((c) => c.meta.name));
  const clusterServices: Cluster['services'] = Array.isArray(cluster?.services) ? cluster.services : [];
  const services = new Set(clusterServices.map((s) => `${s.namespace}/${s.name}`));
  const secrets = new Set(manifests.notSimulated.filter((o) => o.kind === 'Secret').map((o) => `${o.namespace ?? 'default'}/${o.name}`));

  for (const gateway of gateways) {
    const ref = objectRef('gateway', gateway.meta.namespace, gateway.meta.name);
    if (!classes.has(gateway.gatewayClassName)) {
      out.push(makeDiagnostic('gateway.class.missing', { gateway: id(gateway.meta), gatewayClass: gateway.gatewayClassName }, at(gateway.meta, ref, 'spec.gatewayClassName')));
    }
    certificateWarnings(gateway, grants, secrets, ref, at, out);
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
    route.rules.forEach((rule, i) => {
      rule.backendRefs.forEach((backend, j) => {
        const problem = backendRefProblem(route, backend, (ns, name) => services.has(`${ns}/${name}`), grants);
        if (!problem) return;
        const backendId = `${backend.namespace ?? route.meta.namespace}/${backend.name}`;
        out.push(makeDiagnostic('gateway.backend.invalid', { route: routeId, backend: backendId, ...problem }, at(route.meta, ref, `spec.rules[${i}].backendRefs[${j}]`)));
      });
      if (rule.backendRefs.length > 0 && rule.backendRefs.every((b) => b.weight === 0)) {
        out.push(makeDiagnostic('gateway.rule.weights-zero', { route: routeId, rule: i }, at(route.meta, ref, `spec.rules[${i}].backendRefs`)));
      }
    });
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

function certificateWarnings(gateway: GatewayObject, grants: readonly ReferenceGrantObject[], secrets: ReadonlySet<string>, ref: string, at: Locate, out: Diagnostic[]): void {
  gateway.listeners.forEach((listener, i) => {
    if (listener.protocol !== 'HTTPS') return;
    const warn = (path: string, reason: string, detail: string): void => {
      out.push(makeDiagnostic('gateway.listener.certificate', { gateway: id(gateway.meta), listener: listener.name, reason, detail }, at(gateway.meta, ref, path)));
    };
    const certificateRefs = listener.tls?.certificateRefs ?? [];
    if (listener.tls === undefined) {
      warn(`spec.listeners[${i}]`, 'InvalidCertificateRef', 'it has no tls.certificateRefs, so it has no certificate to terminate TLS with');
      return;
    }
    certificateRefs.forEach((cert, j) => {
      const path = `spec.listeners[${i}].tls.certificateRefs[${j}]`;
      const namespace = cert.namespace ?? gateway.meta.namespace;
      if (cert.group !== '' || cert.kind !== 'Secret') {
        warn(path, 'InvalidCertificateRef', `it names a ${cert.kind}${cert.group !== '' ? ` of group ${cert.group}` : ''}; the certificate must be a core Secret`);
      } else if (namespace !== gateway.meta.namespace && !grantPermits(grants, { kind: 'Gateway', namespace: gateway.meta.namespace }, { group: '', kind: 'Secret', namespace, name: cert.name })) {
        warn(path, 'RefNotPermitted', `Secret ${namespace}/${cert.name} is in another namespace and no ReferenceGrant in namespace ${namespace} lets Gateways from namespace ${gateway.meta.namespace} refer to it`);
      } else if (!secrets.has(`${namespace}/${cert.name}`)) {
        warn(path, 'InvalidCertificateRef', `Secret ${namespace}/${cert.name} is not in the manifests`);
      }
    });
  });
}
