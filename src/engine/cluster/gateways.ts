/**
 * Gateway API in the cluster: each Gateway with its data plane, and each HTTPRoute with the
 * listeners it attaches to (and why it does not attach to the others).
 *
 * Every GatewayClass stands for a conformant in-cluster implementation. A Gateway whose class
 * exists is programmed; its data plane is the pods labelled
 * `gateway.networking.k8s.io/gateway-name: <gateway>` in its namespace or, when the manifests
 * hold none, a Deployment `<gateway>-<class>` and a LoadBalancer Service of that name exposing
 * every listener port (GEP-1762), added before the pods are placed so they are real cluster
 * pods and Services (see `implicit.ts`).
 *
 * Attachment follows the Gateway API reference: a parentRef names the Gateway (and a listener by
 * `sectionName` / `port`), the listener's `allowedRoutes` admits the route's namespace and kind,
 * and the hostnames intersect (a wildcard matches one or more labels).
 */
import type {
  BackendRefReason,
  ClusterGateway,
  ClusterHttpRoute,
  ClusterNamespace,
  ClusterPod,
  ClusterService,
  GatewayListener,
  GatewayObject,
  HTTPBackendRef,
  HTTPRouteObject,
  InvalidBackendRef,
  InvalidListener,
  Labels,
  NormalizedManifests,
  ParentReference,
  ReferenceGrantObject,
  RouteAttachReason,
  RouteAttachment,
  ServiceObject,
  WorkloadObject,
} from '../types';
import { GATEWAY_API_GROUP, objectRef } from '../refs';
import { matchesLabels, matchesSelector } from '../match/labels';
import { CORE_LISTENER_PROTOCOLS } from '../manifest/gateway';
import { GATEWAY_NAME_LABEL, implicitGatewayDeployment, implicitGatewayName, implicitGatewayService } from './implicit';

/** The protocols whose listeners take HTTPRoutes (their default `allowedRoutes.kinds`). */
const HTTP_ROUTE_PROTOCOLS: readonly string[] = ['HTTP', 'HTTPS'];


const gatewayKey = (namespace: string, name: string): string => `${namespace}/${name}`;

/** Whether the manifests bring data-plane pods for a Gateway (before workloads are expanded). */
function declaresDataPlane(manifests: NormalizedManifests, gateway: GatewayObject): boolean {
  const wanted: Labels = { [GATEWAY_NAME_LABEL]: gateway.meta.name };
  const ns = gateway.meta.namespace;
  return (
    manifests.pods.some((p) => p.meta.namespace === ns && matchesLabels(wanted, p.template.labels)) ||
    manifests.workloads.some((w) => w.meta.namespace === ns && matchesLabels(wanted, w.template.labels))
  );
}

function programmedClass(manifests: NormalizedManifests, gateway: GatewayObject): boolean {
  return manifests.gatewayClasses.some((c) => c.meta.name === gateway.gatewayClassName);
}

/**
 * The implicit data planes to add before pods are placed: for each programmed Gateway without
 * labelled pods, a Deployment `<gateway>-<class>` and (unless the manifests already have a
 * Service of that name) its LoadBalancer Service.
 *
 * @example
 * planGatewayDataPlanes(manifests).workloads[0].meta.name; // 'public-example' for Gateway public of class example
 */
export function planGatewayDataPlanes(manifests: NormalizedManifests): { workloads: WorkloadObject[]; services: ServiceObject[] } {
  const workloads: WorkloadObject[] = [];
  const services: ServiceObject[] = [];
  for (const gateway of manifests.gateways) {
    if (!programmedClass(manifests, gateway) || declaresDataPlane(manifests, gateway)) continue;
    const { namespace, name } = gateway.meta;
    const ports = gateway.listeners.map((l) => l.port);
    workloads.push(implicitGatewayDeployment(namespace, name, gateway.gatewayClassName, ports));
    const serviceName = implicitGatewayName(name, gateway.gatewayClassName);
    if (!manifests.services.some((s) => s.meta.namespace === namespace && s.meta.name === serviceName)) {
      services.push(implicitGatewayService(namespace, name, gateway.gatewayClassName, ports));
    }
  }
  return { workloads, services };
}

/**
 * The Gateways with their data planes and the HTTPRoutes with their attachments, once pods,
 * Services and namespaces are built.
 */
export function buildGateways(
  manifests: NormalizedManifests,
  pods: readonly ClusterPod[],
  services: readonly ClusterService[],
  namespaces: readonly ClusterNamespace[],
): { gateways: ClusterGateway[]; httpRoutes: ClusterHttpRoute[] } {
  if (manifests.gateways.length === 0 && manifests.httpRoutes.length === 0) return { gateways: [], httpRoutes: [] };
  const grants = manifests.referenceGrants;
  const secrets = new Set(manifests.notSimulated.filter((o) => o.kind === 'Secret').map((o) => `${o.namespace ?? 'default'}/${o.name}`));
  const gateways = manifests.gateways.map((g) => {
    const built = buildGateway(manifests, g, pods, services);
    const invalidListeners = listenerProblems(g, grants, secrets);
    return invalidListeners.length > 0 ? { ...built, invalidListeners } : built;
  });
  const serviceNames = new Set(services.map((s) => `${s.namespace}/${s.name}`));
  const serviceExists = (namespace: string, name: string): boolean => serviceNames.has(`${namespace}/${name}`);
  const byKey = new Map<string, GatewayObject>();
  for (const g of manifests.gateways) byKey.set(gatewayKey(g.meta.namespace, g.meta.name), g);
  const namespaceLabels = new Map<string, Labels>(namespaces.map((n) => [n.name, n.labels]));
  const labelsOf = (ns: string): Labels => namespaceLabels.get(ns) ?? { 'kubernetes.io/metadata.name': ns };
  const httpRoutes = manifests.httpRoutes.map((route, order): ClusterHttpRoute => {
    const invalidBackendRefs: InvalidBackendRef[] = [];
    // Plain loops: this runs for every backendRef of every route on each analysis.
    for (let i = 0; i < route.rules.length; i++) {
      const refs = route.rules[i]!.backendRefs;
      for (let j = 0; j < refs.length; j++) {
        const problem = backendRefProblem(route, refs[j]!, serviceExists, grants);
        if (problem) invalidBackendRefs.push({ rule: i, backendRef: j, ...problem });
      }
    }
    // Field by field, not a conditional spread: the trace and the graph read these objects.
    const built: { -readonly [K in keyof ClusterHttpRoute]: ClusterHttpRoute[K] } = {
      ref: objectRef('httproute', route.meta.namespace, route.meta.name),
      object: route,
      order,
      attachments: attachRoute(route, byKey, labelsOf),
    };
    if (invalidBackendRefs.length > 0) built.invalidBackendRefs = invalidBackendRefs;
    return built;
  });
  return { gateways, httpRoutes };
}

function buildGateway(manifests: NormalizedManifests, gateway: GatewayObject, pods: readonly ClusterPod[], services: readonly ClusterService[]): ClusterGateway {
  const { namespace, name } = gateway.meta;
  const ref = objectRef('gateway', namespace, name);
  const className = gateway.gatewayClassName;
  if (!programmedClass(manifests, gateway)) {
    return { ref, object: gateway, programmed: false, programmedReason: `GatewayClass "${className}" does not exist, so no controller programs this Gateway (no address, no data plane)`, podRefs: [], implicit: false };
  }
  const implicit = !declaresDataPlane(manifests, gateway);
  const own = pods.filter((p) => p.namespace === namespace && p.labels[GATEWAY_NAME_LABEL] === name);
  const implicitServiceRef = objectRef('service', namespace, implicitGatewayName(name, className));
  const fronting = services
    .filter((s) => s.namespace === namespace && (s.type === 'LoadBalancer' || s.type === 'NodePort'))
    .filter((s) => s.selector !== undefined && Object.keys(s.selector).length > 0 && own.some((p) => matchesLabels(s.selector ?? {}, p.labels)))
    .sort((a, b) => (a.ref === implicitServiceRef ? -1 : b.ref === implicitServiceRef ? 1 : a.type !== b.type ? (a.type === 'LoadBalancer' ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    ref,
    object: gateway,
    programmed: true,
    programmedReason: implicit
      ? `programmed by the controller of GatewayClass "${className}", which runs its data plane as Deployment ${implicitGatewayName(name, className)} (implicit: the manifests bring no pod labelled ${GATEWAY_NAME_LABEL}: ${name})`
      : `programmed by the controller of GatewayClass "${className}"; its data plane is the pods labelled ${GATEWAY_NAME_LABEL}: ${name}`,
    podRefs: own.map((p) => p.ref).sort(),
    implicit,
    ...(fronting[0] !== undefined ? { serviceRef: fronting[0].ref } : {}),
  };
}

/** Every parentRef × listener it selects, with the reason it is or is not attached. */
export function attachRoute(route: HTTPRouteObject, gateways: ReadonlyMap<string, GatewayObject>, namespaceLabels: (ns: string) => Labels): RouteAttachment[] {
  const out: RouteAttachment[] = [];
  route.parentRefs.forEach((parent, parentRefIndex) => {
    const namespace = parent.namespace ?? route.meta.namespace;
    const gatewayRef = objectRef('gateway', namespace, parent.name);
    const gateway = parent.group === GATEWAY_API_GROUP && parent.kind === 'Gateway' ? gateways.get(gatewayKey(namespace, parent.name)) : undefined;
    const none = (listener: string): RouteAttachment => ({ gatewayRef, listener, parentRefIndex, reason: 'NoMatchingParent', hostnames: [] });
    if (gateway === undefined) {
      out.push(none(parent.sectionName ?? ''));
      return;
    }
    const selected = gateway.listeners.filter((l) => selectsListener(parent, l));
    if (selected.length === 0) {
      out.push(none(parent.sectionName ?? ''));
      return;
    }
    for (const listener of selected) {
      const reason = listenerReason(route, gateway, listener, namespaceLabels);
      const hostnames = reason === 'Accepted' ? (intersectHostnames(listener.hostname, route.hostnames) ?? []) : [];
      out.push({ gatewayRef, listener: listener.name, parentRefIndex, reason, hostnames });
    }
  });
  return out;
}

function selectsListener(parent: ParentReference, listener: GatewayListener): boolean {
  if (parent.sectionName !== undefined && parent.sectionName !== listener.name) return false;
  if (parent.port !== undefined && parent.port !== listener.port) return false;
  return true;
}

function listenerReason(route: HTTPRouteObject, gateway: GatewayObject, listener: GatewayListener, namespaceLabels: (ns: string) => Labels): RouteAttachReason {
  if (!allowsRoute(gateway, listener, route.meta.namespace, namespaceLabels)) return 'NotAllowedByListeners';
  if (intersectHostnames(listener.hostname, route.hostnames) === undefined) return 'NoMatchingListenerHostname';
  return 'Accepted';
}

/** `allowedRoutes`: the route's namespace (Same by default, All, Selector) and its kind. */
function allowsRoute(gateway: GatewayObject, listener: GatewayListener, routeNamespace: string, namespaceLabels: (ns: string) => Labels): boolean {
  const kinds = listener.allowedRoutes.kinds;
  const kindAllowed =
    kinds === undefined
      ? HTTP_ROUTE_PROTOCOLS.includes(listener.protocol)
      : HTTP_ROUTE_PROTOCOLS.includes(listener.protocol) && kinds.some((k) => k.group === GATEWAY_API_GROUP && k.kind === 'HTTPRoute');
  if (!kindAllowed) return false;
  switch (listener.allowedRoutes.from) {
    case 'All':
      return true;
    case 'Selector':
      // A Selector without a selector selects nothing (the listener is invalid upstream).
      return listener.allowedRoutes.selector !== undefined && matchesSelector(listener.allowedRoutes.selector, namespaceLabels(routeNamespace));
    case 'Same':
    default:
      return routeNamespace === gateway.meta.namespace;
  }
}

/** Whether a wildcard `*.suffix` covers a name (one or more labels in place of `*`). */
function wildcardCovers(wildcard: string, name: string): boolean {
  const suffix = wildcard.slice(1); // `.example.com`
  const bare = name.startsWith('*.') ? name.slice(1) : name;
  return bare.length > suffix.length && bare.endsWith(suffix);
}

/**
 * The route hostnames a listener takes: each the more specific of the pair. `[]` when the route
 * names no hostname (it takes every host the listener takes); undefined when none intersects.
 *
 * @example
 * intersectHostnames('*.example.com', ['foo.example.com', 'bar.test']); // ['foo.example.com']
 * intersectHostnames('foo.example.com', ['*.example.com']); // ['foo.example.com']
 */
export function intersectHostnames(listenerHostname: string | undefined, routeHostnames: readonly string[]): string[] | undefined {
  if (routeHostnames.length === 0) return [];
  if (listenerHostname === undefined || listenerHostname === '') return [...routeHostnames];
  const out: string[] = [];
  const add = (h: string): void => {
    if (!out.includes(h)) out.push(h);
  };
  const listenerWild = listenerHostname.startsWith('*.');
  for (const h of routeHostnames) {
    const routeWild = h.startsWith('*.');
    if (h === listenerHostname) add(h);
    else if (listenerWild && wildcardCovers(listenerHostname, h)) add(h);
    else if (routeWild && wildcardCovers(h, listenerHostname)) add(listenerHostname);
  }
  return out.length > 0 ? out : undefined;
}

/**
 * Whether a ReferenceGrant in the target's namespace lets a `from.kind` of `from.namespace`
 * refer to the core object `to` (a grant without `to.name` admits every object of that kind).
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
 * Why a backendRef cannot be resolved, or undefined when it names a core Service that exists
 * and may be referred to. Checked in the order controllers report: kind, grant, existence.
 */
export function backendRefProblem(
  route: HTTPRouteObject,
  ref: HTTPBackendRef,
  serviceExists: (namespace: string, name: string) => boolean,
  grants: readonly ReferenceGrantObject[],
): { reason: BackendRefReason; detail: string } | undefined {
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

/** The listeners a controller would not program: an unknown protocol, or an HTTPS listener without a usable certificate. */
export function listenerProblems(gateway: GatewayObject, grants: readonly ReferenceGrantObject[], secrets: ReadonlySet<string>): InvalidListener[] {
  const out: InvalidListener[] = [];
  for (const listener of gateway.listeners) {
    if (!CORE_LISTENER_PROTOCOLS.includes(listener.protocol)) {
      out.push({ listener: listener.name, reason: 'UnsupportedProtocol', detail: `protocol ${JSON.stringify(listener.protocol)} is not supported` });
      continue;
    }
    if (listener.protocol !== 'HTTPS') continue;
    if (listener.tls === undefined) {
      out.push({ listener: listener.name, reason: 'InvalidCertificateRef', detail: 'it has no tls.certificateRefs, so it has no certificate to terminate TLS with' });
      continue;
    }
    listener.tls.certificateRefs.forEach((cert, certificateRef) => {
      const namespace = cert.namespace ?? gateway.meta.namespace;
      const problem = (reason: InvalidListener['reason'], detail: string): void => {
        out.push({ listener: listener.name, reason, detail, certificateRef });
      };
      if (cert.group !== '' || cert.kind !== 'Secret') {
        problem('InvalidCertificateRef', `it names a ${cert.kind}${cert.group !== '' ? ` of group ${cert.group}` : ''}; the certificate must be a core Secret`);
      } else if (namespace !== gateway.meta.namespace && !grantPermits(grants, { kind: 'Gateway', namespace: gateway.meta.namespace }, { group: '', kind: 'Secret', namespace, name: cert.name })) {
        problem('RefNotPermitted', `Secret ${namespace}/${cert.name} is in another namespace and no ReferenceGrant in namespace ${namespace} lets Gateways from namespace ${gateway.meta.namespace} refer to it`);
      } else if (!secrets.has(`${namespace}/${cert.name}`)) {
        problem('InvalidCertificateRef', `Secret ${namespace}/${cert.name} is not in the manifests`);
      }
    });
  }
  return out;
}
