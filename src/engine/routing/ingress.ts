/**
 * Host/path → backend, as ingress-nginx routes a request among the Ingresses it serves.
 *
 * Sources: Kubernetes docs, concepts/services-networking/ingress.md ("Path types",
 * "Examples", "Multiple matches", "Hostname wildcards"); ingress-nginx docs,
 * user-guide/ingress-path-matching.md and nginx-configuration/annotations.md
 * (use-regex, rewrite-target, ssl-redirect, force-ssl-redirect).
 */
import type {
  Cluster,
  ClusterIngress,
  ClusterService,
  IngressBackend,
  IngressObject,
  PathType,
} from '../types';
import { objectRef } from '../refs';

export interface IngressRequest {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly path: string;
}

/** The Service an Ingress backend names, with its port resolved to the Service port number. */
export interface IngressServiceTarget {
  /** `service/NS/NAME`. */
  readonly ref: string;
  readonly namespace: string;
  readonly name: string;
  /** The Service port number (resolved from the name when the Ingress names the port). */
  readonly port?: number;
  /** The port as the Ingress wrote it. */
  readonly portName?: string;
  /** Set when the Service or its port does not exist: the controller answers 503. */
  readonly problem?: string;
}

export type IngressOutcome =
  /** A Service backend was chosen. */
  | 'backend'
  /** Neither a rule nor a default backend matched: the controller answers 404. */
  | 'not-found'
  /**
   * The controller answers a redirect itself: 308 to https for plain HTTP to a TLS host, or
   * 301 to the path with a trailing slash (nginx's answer when only `location /foo/` exists).
   */
  | 'redirect'
  /** A `resource` backend: ingress-nginx serves only Service backends, so the path answers 404. */
  | 'resource'
  /** No ingress controller in the cluster. */
  | 'no-controller';

export interface IngressRoute {
  readonly outcome: IngressOutcome;
  /** What the controller answers itself: 404, 301/308 (redirects), or 503 for a backend Service that is missing. */
  readonly status?: number;
  /** The Ingress whose rule (or default backend) decided: `ingress/NS/NAME`. */
  readonly ingress?: string;
  /** Index into that Ingress's `spec.rules` and the rule's paths. */
  readonly ruleIndex?: number;
  readonly pathIndex?: number;
  /** The rule's host as written (`*.foo.com`), absent for a rule without host. */
  readonly host?: string;
  readonly path?: string;
  readonly pathType?: PathType;
  /** True when `spec.defaultBackend` answered. */
  readonly defaultBackend?: boolean;
  readonly service?: IngressServiceTarget;
  /** The path the backend sees (after `rewrite-target`). */
  readonly backendPath: string;
  /** For a redirect: the URL the client is sent to. */
  readonly location?: string;
  /** Whether the host is served with TLS (listed under `spec.tls`). */
  readonly tls: boolean;
  /** One sentence per decision, in order. */
  readonly reasons: readonly string[];
  /** `nginx.ingress.kubernetes.io/*` annotations of the deciding Ingress that are not simulated. */
  readonly notSimulated: readonly string[];
}

const NGINX = 'nginx.ingress.kubernetes.io/';
const SIMULATED_ANNOTATIONS = new Set([
  `${NGINX}use-regex`,
  `${NGINX}rewrite-target`,
  `${NGINX}ssl-redirect`,
  `${NGINX}force-ssl-redirect`,
]);

type HostMatch = 'exact' | 'wildcard' | 'any';

interface Location {
  readonly ingress: ClusterIngress;
  readonly order: number;
  readonly ruleIndex: number;
  readonly pathIndex: number;
  readonly host?: string;
  readonly path: string;
  readonly pathType: PathType;
  readonly backend: IngressBackend;
}

/** `*.foo.com` covers exactly one more DNS label: `bar.foo.com`, not `baz.bar.foo.com`, not `foo.com`. */
export function matchesWildcardHost(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.')) return false;
  const suffix = pattern.slice(1); // ".foo.com"
  if (!host.endsWith(suffix)) return false;
  const label = host.slice(0, host.length - suffix.length);
  return label.length > 0 && !label.includes('.');
}

function hostMatch(ruleHost: string | undefined, host: string): HostMatch | undefined {
  if (ruleHost === undefined || ruleHost === '') return 'any';
  const h = ruleHost.toLowerCase();
  if (h === host) return 'exact';
  if (matchesWildcardHost(h, host)) return 'wildcard';
  return undefined;
}

/**
 * Kubernetes `Prefix`: element-wise on '/', trailing slash ignored on both sides.
 * `/foo` matches `/foo`, `/foo/`, `/foo/bar`, not `/foobar`; `/` matches everything.
 */
export function matchesPrefixPath(rulePath: string, requestPath: string): boolean {
  const ruleParts = rulePath.split('/').filter((p) => p.length > 0);
  const reqParts = requestPath.split('/').filter((p) => p.length > 0);
  if (ruleParts.length > reqParts.length) return false;
  return ruleParts.every((p, i) => reqParts[i] === p);
}

/** Kubernetes `Exact`: the whole path, case-sensitively (`/foo` ≠ `/foo/`). */
export function matchesExactPath(rulePath: string, requestPath: string): boolean {
  return rulePath === requestPath;
}

/**
 * ingress-nginx `ImplementationSpecific` (no regex): the path becomes an nginx prefix
 * `location /foo`, a plain string prefix without element boundaries, so `/foo` also
 * matches `/foobar`.
 */
export function matchesImplementationSpecificPath(rulePath: string, requestPath: string): boolean {
  return requestPath.startsWith(rulePath);
}

function compileRegex(path: string): RegExp | undefined {
  try {
    // ingress-nginx writes `location ~* "^PATH"`: case-insensitive, anchored at the start only.
    return new RegExp(`^${path}`, 'i');
  } catch {
    return undefined;
  }
}

function annotation(ing: IngressObject, name: string): string | undefined {
  return ing.meta.annotations[`${NGINX}${name}`];
}

function isTrue(v: string | undefined): boolean {
  return v !== undefined && v.toLowerCase() === 'true';
}

function typeRank(t: PathType): number {
  return t === 'Exact' ? 2 : t === 'Prefix' ? 1 : 0;
}

function pathLength(loc: Location): number {
  // Compare Prefix paths without their trailing slash: `/foo/` and `/foo` are the same match.
  return loc.pathType === 'Prefix' && loc.path.length > 1 ? loc.path.replace(/\/+$/, '').length : loc.path.length;
}

function findService(cluster: Cluster, namespace: string, name: string): ClusterService | undefined {
  const idx = cluster.lookups.serviceByRef[objectRef('service', namespace, name)];
  return idx === undefined ? undefined : cluster.services[idx];
}

/** Resolves an Ingress backend's Service and port (a named port to the Service port number). */
export function resolveIngressBackendService(
  cluster: Cluster,
  namespace: string,
  backend: IngressBackend,
): IngressServiceTarget | undefined {
  const svc = backend.service;
  if (svc === undefined) return undefined;
  const ref = objectRef('service', namespace, svc.name);
  const base = { ref, namespace, name: svc.name };
  const service = findService(cluster, namespace, svc.name);
  const portName = svc.port.name;
  if (service === undefined) {
    return {
      ...base,
      ...(svc.port.number !== undefined ? { port: svc.port.number } : {}),
      ...(portName !== undefined ? { portName } : {}),
      problem: `Service ${namespace}/${svc.name} does not exist`,
    };
  }
  if (portName !== undefined) {
    const sp = service.ports.find((p) => p.name === portName);
    return sp === undefined
      ? { ...base, portName, problem: `Service ${namespace}/${svc.name} has no port named "${portName}"` }
      : { ...base, port: sp.port, portName };
  }
  const number = svc.port.number;
  if (number === undefined) {
    return { ...base, problem: `the backend of Service ${namespace}/${svc.name} names no port` };
  }
  if (service.type !== 'ExternalName' && !service.ports.some((p) => p.port === number)) {
    return { ...base, port: number, problem: `Service ${namespace}/${svc.name} has no port ${number}` };
  }
  return { ...base, port: number };
}

function tlsCovers(ing: IngressObject, host: string): boolean {
  return ing.tls.some((t) => {
    // A tls entry without hosts covers the Ingress's own rule hosts (the API allows it; ingress-nginx
    // serves those hosts with the default certificate).
    const hosts = t.hosts.length > 0 ? t.hosts : ing.rules.flatMap((r) => (r.host !== undefined ? [r.host] : []));
    return hosts.some((h) => {
      const l = h.toLowerCase();
      return l === host || matchesWildcardHost(l, host);
    });
  });
}

function rewritePath(ing: IngressObject, loc: Location, requestPath: string): string | undefined {
  const target = annotation(ing, 'rewrite-target');
  if (target === undefined) return undefined;
  const re = compileRegex(loc.path);
  const m = re?.exec(requestPath);
  if (m === null || m === undefined) return target;
  // nginx `rewrite` replaces the whole URI with the target, `$N` being the capture groups.
  return target.replace(/\$(\d)/g, (_, d: string) => m[Number(d)] ?? '');
}

/**
 * Routes one HTTP request through the Ingresses the controller serves.
 *
 * 1. Only served Ingresses count (class matching is decided by the cluster builder).
 * 2. The server (virtual host) is chosen first: an exact host beats a wildcard `*.foo.com`
 *    (one label), which beats rules without host (ingress-nginx's catch-all server).
 * 3. The locations of every Ingress for that host are merged. Without regex: the longest
 *    match wins, `Exact` beats `Prefix` beats `ImplementationSpecific` at equal length.
 *    With `use-regex`/`rewrite-target` on any Ingress of the host: every path is a
 *    case-insensitive regex `^PATH`, tried longest first, first match wins (ingress-nginx).
 * 4. No match: a `spec.defaultBackend` (of that host's Ingresses first), else 404.
 * 5. Plain HTTP to a host listed under `spec.tls`: 308 to https unless `ssl-redirect: "false"`.
 *
 * @example
 * resolveIngressRoute(cluster, { scheme: 'http', host: 'example.com', path: '/api' })
 * // { outcome: 'backend', ingress: 'ingress/default/webapp-ingress', path: '/api', pathType: 'Prefix',
 * //   service: { ref: 'service/default/backend-service', port: 8080, ... }, ... }
 */
export function resolveIngressRoute(cluster: Cluster, request: IngressRequest): IngressRoute {
  const host = request.host.toLowerCase().replace(/:\d+$/, '');
  const requestPath = request.path.length === 0 ? '/' : request.path;
  const reasons: string[] = [];
  if (cluster.ingressController === undefined) {
    return {
      outcome: 'no-controller',
      backendPath: requestPath,
      tls: false,
      reasons: ['no ingress controller runs in this cluster'],
      notSimulated: [],
    };
  }
  const served = sortAsIngressNginx(cluster.ingresses.filter((i) => i.served));

  // 2. Locations by host match.
  const byMatch: Record<HostMatch, Location[]> = { exact: [], wildcard: [], any: [] };
  // Every rule creates its host's server, even without paths (then only the default backend answers).
  const servers: Record<HostMatch, ClusterIngress[]> = { exact: [], wildcard: [], any: [] };
  served.forEach((ing, order) => {
    ing.object.rules.forEach((rule, ruleIndex) => {
      const m = hostMatch(rule.host, host);
      if (m === undefined) return;
      if (!servers[m].includes(ing)) servers[m].push(ing);
      rule.paths.forEach((p, pathIndex) => {
        byMatch[m].push({
          ingress: ing,
          order,
          ruleIndex,
          pathIndex,
          ...(rule.host !== undefined && rule.host !== '' ? { host: rule.host } : {}),
          path: p.path.length === 0 ? '/' : p.path,
          pathType: p.pathType,
          backend: p.backend,
        });
      });
    });
  });
  const serverHostMatch: HostMatch | undefined =
    servers.exact.length > 0 ? 'exact' : servers.wildcard.length > 0 ? 'wildcard' : servers.any.length > 0 ? 'any' : undefined;
  const locations = serverHostMatch === undefined ? [] : byMatch[serverHostMatch];
  const serverIngresses = serverHostMatch === undefined ? [] : servers[serverHostMatch];
  if (serverHostMatch === 'exact') reasons.push(`host ${host} matches a rule exactly`);
  else if (serverHostMatch === 'wildcard') {
    const pattern = serverIngresses[0]?.object.rules.find((r) => hostMatch(r.host, host) === 'wildcard')?.host ?? '';
    reasons.push(`host ${host} matches wildcard ${pattern} (one extra label)`);
  }
  else if (serverHostMatch === 'any') reasons.push(`no rule names host ${host}; rules without host match every host`);
  else reasons.push(`no rule matches host ${host}`);

  // 3. Path matching.
  const regexMode = serverIngresses.some(
    (i) => isTrue(annotation(i.object, 'use-regex')) || annotation(i.object, 'rewrite-target') !== undefined,
  );
  let chosen: Location | undefined;
  if (regexMode) {
    const ordered = [...locations].sort((a, b) => b.path.length - a.path.length || a.order - b.order);
    chosen = ordered.find((l) => compileRegex(l.path)?.test(requestPath) === true);
    if (chosen !== undefined) {
      reasons.push(
        `path ${requestPath} matches regex ^${chosen.path} (case-insensitive; use-regex or rewrite-target on this host makes every path a regex, tried longest first)`,
      );
    }
  } else {
    // nginx (ngx_http_core_find_static_location): a request for /foo when no location is named
    // /foo but one is named /foo/ gets "301 Moved Permanently" to /foo/, before any path rule
    // applies. ingress-nginx writes Prefix /foo as `location /foo/` plus `location = /foo`
    // (location.go, updateServerLocations), so only paths written with a trailing slash (any
    // type) trigger it; the client follows the redirect. The docs table's "Exact /foo/ does not
    // match /foo" therefore becomes a redirect to /foo/ with ingress-nginx.
    const slash = trailingSlashRedirect(locations, requestPath);
    if (slash !== undefined) {
      const location = `${request.scheme}://${host}${slash.path}`;
      return {
        outcome: 'redirect',
        status: 301,
        ingress: slash.ingress.ref,
        backendPath: requestPath,
        location,
        tls: served.some((i) => tlsCovers(i.object, host)),
        reasons: [
          ...reasons,
          `no location is named ${requestPath} but ${slash.path} is (${slash.pathType}): nginx answers 301 → ${slash.path} (ingress-nginx behaviour; the client follows it)`,
        ],
        notSimulated: notSimulatedOf(slash.ingress.object),
      };
    }
    const matching = locations.filter((l) =>
      l.pathType === 'Exact'
        ? matchesExactPath(l.path, requestPath)
        : l.pathType === 'Prefix'
          ? matchesPrefixPath(l.path, requestPath)
          : matchesImplementationSpecificPath(l.path, requestPath),
    );
    matching.sort(
      (a, b) => pathLength(b) - pathLength(a) || typeRank(b.pathType) - typeRank(a.pathType) || a.order - b.order,
    );
    chosen = matching[0];
    if (chosen !== undefined) {
      const how =
        chosen.pathType === 'ImplementationSpecific'
          ? 'ImplementationSpecific, an nginx string prefix'
          : chosen.pathType;
      reasons.push(
        `path ${requestPath} matches ${chosen.path} (${how})${matching.length > 1 ? `; longest of ${matching.length} matches` : ''}`,
      );
      const won = chosen;
      const shadowed = locations.filter((l) => l !== won && l.ingress !== won.ingress && l.path === won.path && l.pathType === won.pathType);
      if (shadowed.length > 0) {
        // controller.go getBackendServers: a location already configured for the server is kept;
        // Ingresses are taken in sortAsIngressNginx order.
        const losers = [...new Set(shadowed.map((l) => l.ingress))];
        reasons.push(
          `${losers.map((l) => l.ref).join(', ')} also define${losers.length === 1 ? 's' : ''} ${won.path} (${won.pathType}) for this host: ${precedence(won.ingress, losers)}, here ${won.ingress.ref}`,
        );
      }
    }
  }

  // 5. TLS redirect (decided by the location's Ingress, or the host's first Ingress).
  const tls = served.some((i) => tlsCovers(i.object, host));
  const deciding = chosen?.ingress ?? serverIngresses[0];
  if (request.scheme === 'http' && deciding !== undefined) {
    const sslRedirect = annotation(deciding.object, 'ssl-redirect');
    const force = isTrue(annotation(deciding.object, 'force-ssl-redirect'));
    const redirect = force || (tls && (sslRedirect === undefined || isTrue(sslRedirect)));
    if (redirect) {
      const location = `https://${host}${requestPath}`;
      return {
        outcome: 'redirect',
        status: 308,
        ingress: deciding.ref,
        backendPath: requestPath,
        location,
        tls,
        reasons: [
          ...reasons,
          force
            ? `force-ssl-redirect: 308 to ${location}`
            : `host ${host} is listed under spec.tls: ingress-nginx redirects plain HTTP with 308 to ${location} (ssl-redirect defaults to true)`,
        ],
        notSimulated: notSimulatedOf(deciding.object),
      };
    }
    if (tls) reasons.push(`ssl-redirect: "false": plain HTTP is served although ${host} has TLS`);
  }

  if (chosen !== undefined) {
    return finish(cluster, chosen.ingress, chosen, requestPath, tls, reasons, false);
  }

  // 4. Default backend (controller.go createServers): a named host's server is created by the
  // first (oldest) Ingress with a rule for it, and its `location /` uses that Ingress's
  // spec.defaultBackend, else the controller's own default backend (404). The catch-all server
  // (rules without host, unknown hosts) uses the defaultBackend of the last Ingress that has one.
  const namedServer = serverHostMatch === 'exact' || serverHostMatch === 'wildcard';
  const creator = namedServer ? serverIngresses[0] : undefined;
  const withDefault = namedServer
    ? creator?.object.defaultBackend !== undefined
      ? creator
      : undefined
    : [...served].reverse().find((i) => i.object.defaultBackend !== undefined);
  if (withDefault !== undefined && withDefault.object.defaultBackend !== undefined) {
    reasons.push(
      namedServer
        ? `no path matches ${requestPath}: the host's server was made by ${withDefault.ref}, whose spec.defaultBackend answers`
        : `no path matches ${requestPath}: the catch-all server answers with spec.defaultBackend of ${withDefault.ref}`,
    );
    return finish(cluster, withDefault, undefined, requestPath, tls, reasons, true);
  }
  reasons.push(
    namedServer && creator !== undefined && served.some((i) => i !== creator && serverIngresses.includes(i) && i.object.defaultBackend !== undefined)
      ? `no path of host ${host} matches ${requestPath}; the host's server was made by ${creator.ref}, which has no defaultBackend (those of later Ingresses do not apply to it): the controller answers 404`
      : locations.length > 0
        ? `no path of host ${host} matches ${requestPath} and no defaultBackend applies: the controller answers 404`
        : `no Ingress has a defaultBackend: the controller answers 404`,
  );
  return { outcome: 'not-found', status: 404, backendPath: requestPath, tls, reasons, notSimulated: [] };
}

/**
 * The order ingress-nginx takes Ingresses in (store.go `sortIngressSlice`): oldest
 * `creationTimestamp` first; equal timestamps by `namespace/name`, the one sorting LAST first.
 * Objects applied together from one file are created within the same second (timestamps have
 * second precision), so without timestamps they are taken as equal: the tie-break decides.
 * A snapshot's timestamps (`kubectl get -o yaml`) are compared as written (RFC 3339, UTC).
 */
export function sortAsIngressNginx(ingresses: readonly ClusterIngress[]): ClusterIngress[] {
  const key = (i: ClusterIngress): string => `${i.object.meta.namespace}/${i.object.meta.name}`;
  return [...ingresses].sort((a, b) => {
    const ta = a.object.meta.creationTimestamp;
    const tb = b.object.meta.creationTimestamp;
    if (ta !== tb) {
      // Without a timestamp an object is created when the manifests are applied: after any snapshot's.
      if (ta === undefined) return 1;
      if (tb === undefined) return -1;
      return ta < tb ? -1 : 1;
    }
    return key(a) > key(b) ? -1 : key(a) < key(b) ? 1 : 0;
  });
}

/** Why one Ingress comes before another for ingress-nginx, in words. */
function precedence(winner: ClusterIngress, others: readonly ClusterIngress[]): string {
  const t = winner.object.meta.creationTimestamp;
  if (t !== undefined && others.every((o) => o.object.meta.creationTimestamp !== undefined && o.object.meta.creationTimestamp > t)) {
    return `ingress-nginx keeps the oldest Ingress (creationTimestamp ${t})`;
  }
  return 'ingress-nginx keeps the oldest Ingress; with equal creationTimestamps (as for manifests applied together) the one whose namespace/name sorts last';
}

/**
 * The location nginx redirects to when the request lacks only a trailing slash: no location is
 * named exactly `requestPath` (ingress-nginx's names: every path as written, plus `PATH/` for a
 * Prefix path without one, plus the server's `/`), and one is named `requestPath/`.
 */
function trailingSlashRedirect(locations: readonly Location[], requestPath: string): Location | undefined {
  if (requestPath === '/' || requestPath.endsWith('/')) return undefined;
  const names = new Set<string>(['/']);
  for (const l of locations) {
    names.add(l.path);
    if (l.pathType === 'Prefix' && !l.path.endsWith('/')) names.add(`${l.path}/`);
  }
  if (names.has(requestPath)) return undefined;
  return locations.find((l) => l.path === `${requestPath}/`);
}

function notSimulatedOf(ing: IngressObject): string[] {
  return Object.keys(ing.meta.annotations)
    .filter((k) => k.startsWith(NGINX) && !SIMULATED_ANNOTATIONS.has(k))
    .sort();
}

function finish(
  cluster: Cluster,
  ing: ClusterIngress,
  loc: Location | undefined,
  requestPath: string,
  tls: boolean,
  reasons: string[],
  isDefault: boolean,
): IngressRoute {
  const backend = loc?.backend ?? ing.object.defaultBackend;
  const ns = ing.object.meta.namespace;
  const rewritten = loc !== undefined ? rewritePath(ing.object, loc, requestPath) : undefined;
  if (rewritten !== undefined) reasons.push(`rewrite-target: the backend sees ${rewritten}`);
  const where = {
    ingress: ing.ref,
    ...(loc !== undefined
      ? {
          ruleIndex: loc.ruleIndex,
          pathIndex: loc.pathIndex,
          ...(loc.host !== undefined ? { host: loc.host } : {}),
          path: loc.path,
          pathType: loc.pathType,
        }
      : {}),
    ...(isDefault ? { defaultBackend: true } : {}),
    backendPath: rewritten ?? requestPath,
    tls,
    notSimulated: notSimulatedOf(ing.object),
  };
  if (backend?.resource !== undefined) {
    return {
      ...where,
      outcome: 'resource',
      status: 404,
      // ingress-nginx (internal/ingress/controller/controller.go, getBackendServers) skips a path
      // whose backend is not a Service ("does not contain a service backend"): no location for it.
      reasons: [...reasons, `the backend is a ${backend.resource.kind} resource "${backend.resource.name}", not a Service: ingress-nginx serves only Service backends, so it answers 404`],
    };
  }
  const service = backend === undefined ? undefined : resolveIngressBackendService(cluster, ns, backend);
  if (service === undefined) {
    return { ...where, outcome: 'not-found', status: 404, reasons: [...reasons, 'the backend names no Service'] };
  }
  if (service.problem !== undefined) {
    return {
      ...where,
      outcome: 'backend',
      status: 503,
      service,
      reasons: [...reasons, `${service.problem}: the controller answers 503`],
    };
  }
  return { ...where, outcome: 'backend', service, reasons };
}
