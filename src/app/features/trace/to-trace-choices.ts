/**
 * The quick lists of the trace panel, built from the analysis: where a packet can start and
 * where it can go, as cli.md endpoint strings.
 */
import type { Analysis, Cluster, HTTPRouteMatch } from '../../../engine';
import type { HttpExtras } from '../../store/trace-slice';

export interface TraceChoice {
  readonly value: string;
  readonly label: string;
  readonly group: string;
  /**
   * HTTP destinations: the entry point, method and headers picking it sends with (a Gateway's
   * host × path, or an Ingress URL when Gateways exist too). Absent: none.
   */
  readonly http?: HttpExtras;
  /** Unique among the choices when `value` is not (one URL through two entry points). */
  readonly id?: string;
  /** Gateway choices: the route (`httproute/NS/NAME`) whose rule the URL matches. */
  readonly route?: string;
}

const ingressUrl = (host: string | undefined, path: string, tls: boolean) =>
  `${tls ? 'https' : 'http'}://${host && !host.startsWith('*') ? host : host ? `x${host.slice(1)}` : 'example.com'}${path.startsWith('/') ? path : `/${path}`}`;

export function toSourceChoices(analysis: Analysis | undefined): TraceChoice[] {
  const choices: TraceChoice[] = [
    { value: 'internet', label: 'Internet (an outside client)', group: 'Outside' },
  ];
  if (!analysis) return choices;
  for (const pod of analysis.cluster.pods) {
    if (pod.phase !== 'Running') continue;
    choices.push({ value: pod.ref, label: `${pod.namespace}/${pod.name}`, group: 'Pods' });
  }
  for (const node of analysis.cluster.nodes) {
    choices.push({ value: node.ref, label: `${node.name} (host network)`, group: 'Nodes' });
  }
  return choices;
}

export function toDestinationChoices(
  analysis: Analysis | undefined,
  source: string,
): TraceChoice[] {
  if (!analysis) return [];
  const { cluster } = analysis;
  const choices: TraceChoice[] = [];
  const seen = new Set<string>();
  const add = (c: TraceChoice) => {
    const key = c.id ?? c.value;
    if (seen.has(key)) return;
    seen.add(key);
    choices.push(c);
  };
  const outside = source === 'internet' || source.startsWith('ip/');

  // 1. HTTP through a Gateway: each listener host × route path (with what the match needs).
  for (const c of toGatewayChoices(cluster)) add(c);
  // 2. HTTP through the ingress controller: each Ingress host/path. With Gateways in the
  // cluster the host alone may not say which entry point: the choice names the controller.
  const viaIngress = cluster.gateways.length > 0 ? { via: 'ingress' } : undefined;
  for (const ing of cluster.ingresses) {
    const tlsHosts = new Set(ing.object.tls.flatMap((t) => t.hosts));
    for (const rule of ing.object.rules) {
      for (const p of rule.paths) {
        const url = ingressUrl(rule.host, p.path, false);
        add({
          value: url,
          label: `${url}  (${ing.ref.replace(/^ingress\//, '')})`,
          group: 'HTTP via Ingress',
          ...(viaIngress && { http: viaIngress, id: `ingress ${url}` }),
        });
        if (rule.host && tlsHosts.has(rule.host)) {
          const secure = ingressUrl(rule.host, p.path, true);
          add({
            value: secure,
            label: secure,
            group: 'HTTP via Ingress',
            ...(viaIngress && { http: viaIngress, id: `ingress ${secure}` }),
          });
        }
      }
    }
  }
  // 3. LoadBalancer and NodePort entries.
  for (const svc of cluster.services) {
    for (const port of svc.ports) {
      const name = `${svc.namespace}/${svc.name}`;
      if (svc.type === 'LoadBalancer') {
        add({
          value: `loadbalancer/${name}:${port.port}`,
          label: `${name}:${port.port} (LoadBalancer)`,
          group: 'LoadBalancers',
        });
      }
      const node = cluster.nodes[0];
      if (
        (svc.type === 'NodePort' || svc.type === 'LoadBalancer') &&
        port.nodePort !== undefined &&
        node
      ) {
        add({
          value: `nodeport/${node.name}:${port.nodePort}`,
          label: `${node.name}:${port.nodePort} (NodePort of ${name})`,
          group: 'NodePorts',
        });
      }
    }
  }
  if (outside) return choices;
  // 4. From inside: each Service port, then each pod port.
  for (const svc of cluster.services) {
    if (svc.type === 'ExternalName') continue;
    for (const port of svc.ports) {
      add({
        value: `service/${svc.namespace}/${svc.name}:${port.port}${port.protocol === 'TCP' ? '' : `/${port.protocol}`}`,
        label: `${svc.namespace}/${svc.name}:${port.port}${port.protocol === 'TCP' ? '' : `/${port.protocol}`}`,
        group: 'Services',
      });
    }
  }
  // 5. DNS names as the source pod would look them up (short within its namespace).
  const sourceNamespace = source.startsWith('pod/') ? source.split('/')[1] : undefined;
  if (sourceNamespace) {
    for (const svc of cluster.services) {
      const host = svc.namespace === sourceNamespace ? svc.name : `${svc.name}.${svc.namespace}`;
      for (const port of svc.ports) {
        const value = `dns/${host}:${port.port}${port.protocol === 'TCP' ? '' : `/${port.protocol}`}`;
        add({ value, label: value.slice(4), group: 'DNS names' });
      }
    }
  }
  for (const pod of cluster.pods) {
    if (pod.phase !== 'Running' || pod.ref === source) continue;
    for (const port of pod.containerPorts) {
      add({
        value: `${pod.ref}:${port.containerPort}${port.protocol === 'TCP' ? '' : `/${port.protocol}`}`,
        label: `${pod.namespace}/${pod.name}:${port.containerPort}`,
        group: 'Pods',
      });
    }
  }
  return choices;
}

/** A path a match takes as a URL path (a regex or an empty value: none). */
function matchPath(match: HTTPRouteMatch): string | undefined {
  if (match.path.type === 'RegularExpression') return undefined;
  const path = match.path.value || '/';
  return path.startsWith('/') ? path : `/${path}`;
}

/** The query string a match needs (`?v=2&x=1`), from its Exact query params. */
function matchQuery(match: HTTPRouteMatch): string {
  const params = match.queryParams.filter((q) => q.type === 'Exact');
  if (params.length === 0) return '';
  return `?${params.map((q) => `${encodeURIComponent(q.name)}=${encodeURIComponent(q.value)}`).join('&')}`;
}

/** The headers a match needs (its Exact ones), or undefined. */
function matchHeaders(match: HTTPRouteMatch): Record<string, string> | undefined {
  const exact = match.headers.filter((h) => h.type === 'Exact');
  if (exact.length === 0) return undefined;
  return Object.fromEntries(exact.map((h) => [h.name, h.value]));
}

const DEFAULT_MATCH: HTTPRouteMatch = {
  path: { type: 'PathPrefix', value: '/' },
  headers: [],
  queryParams: [],
};

/**
 * One choice per attached listener host × route rule match: the URL (scheme and port from the
 * listener, host from the route's hostnames that intersect it, else the listener's, path and
 * query params from the match), sent via that Gateway with the method and headers the match
 * needs. Unattached routes and regex paths give none.
 *
 * @example toGatewayChoices(cluster)[0]
 * // { value: 'http://gw.example.com/api', http: { via: 'gateway/default/public' }, group: 'HTTP via Gateway', ... }
 */
export function toGatewayChoices(cluster: Cluster): TraceChoice[] {
  const choices: TraceChoice[] = [];
  for (const route of cluster.httpRoutes) {
    const routeName = route.ref.replace(/^httproute\//, '');
    for (const attachment of route.attachments) {
      if (attachment.reason !== 'Accepted') continue;
      const gateway = cluster.gateways.find((g) => g.ref === attachment.gatewayRef);
      const listener = gateway?.object.listeners.find((l) => l.name === attachment.listener);
      if (!gateway || !listener) continue;
      const protocol = listener.protocol.toUpperCase();
      if (protocol !== 'HTTP' && protocol !== 'HTTPS') continue;
      const tls = protocol === 'HTTPS';
      const defaultPort = tls ? 443 : 80;
      const port = listener.port === defaultPort ? '' : `:${listener.port}`;
      const hosts = attachment.hostnames.length
        ? attachment.hostnames
        : [listener.hostname ?? 'example.com'];
      const gatewayName = gateway.ref.replace(/^gateway\//, '');
      for (const host of hosts) {
        for (const rule of route.object.rules) {
          for (const match of rule.matches.length ? rule.matches : [DEFAULT_MATCH]) {
            const path = matchPath(match);
            if (path === undefined) continue;
            const base = ingressUrl(host, path, tls);
            const slash = base.indexOf('/', base.indexOf('//') + 2);
            const url = `${base.slice(0, slash)}${port}${base.slice(slash)}${matchQuery(match)}`;
            const headers = matchHeaders(match);
            const http: HttpExtras = {
              via: gateway.ref,
              ...(match.method && { method: match.method }),
              ...(headers && { headers }),
            };
            const needs = [
              match.method,
              ...Object.entries(headers ?? {}).map(([n, v]) => `${n}: ${v}`),
            ].filter(Boolean);
            choices.push({
              value: url,
              id: `${gateway.ref} ${match.method ?? ''} ${JSON.stringify(headers ?? {})} ${url}`,
              label: `${url}  (${gatewayName} › ${routeName}${needs.length ? `; ${needs.join(', ')}` : ''})`,
              group: 'HTTP via Gateway',
              http,
              route: route.ref,
            });
          }
        }
      }
    }
  }
  return choices;
}
