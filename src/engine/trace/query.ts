/**
 * The endpoints of a query, as the CLI contract (cli.md, "Endpoints of a query") spells them.
 * Parsing is syntax only: whether the objects exist is decided by the trace, against a cluster.
 */
import type { Protocol } from '../types';

/** A port as written: a number, or a name to resolve (Service port name, container port name). */
export type PortSpec = number | string;

export type WorkloadSourceKind = 'deployment' | 'statefulset' | 'daemonset';

export interface QueryError {
  readonly kind: 'error';
  readonly error: string;
}

export type SourceEndpoint =
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string }
  | {
      readonly kind: 'workload';
      readonly workloadKind: WorkloadSourceKind;
      readonly namespace: string;
      readonly name: string;
    }
  | { readonly kind: 'internet' }
  | { readonly kind: 'ip'; readonly ip: string }
  | { readonly kind: 'node'; readonly name: string }
  | QueryError;

export type DestinationEndpoint =
  | {
      readonly kind: 'pod';
      readonly namespace: string;
      readonly name: string;
      readonly port: PortSpec;
      readonly protocol: Protocol;
    }
  | {
      readonly kind: 'service';
      readonly namespace: string;
      readonly name: string;
      readonly port: PortSpec;
      readonly protocol: Protocol;
    }
  | { readonly kind: 'nodeport'; readonly node: string; readonly port: number; readonly protocol: Protocol }
  | {
      readonly kind: 'loadbalancer';
      readonly namespace: string;
      readonly name: string;
      readonly port: PortSpec;
      readonly protocol: Protocol;
    }
  | {
      readonly kind: 'http';
      readonly scheme: 'http' | 'https';
      /** Lower-case, without the port. */
      readonly host: string;
      /** 80 for http, 443 for https unless given. */
      readonly port: number;
      /** Starts with `/`; the query string and fragment are kept out of routing. */
      readonly path: string;
    }
  | { readonly kind: 'dns'; readonly name: string; readonly port: PortSpec; readonly protocol: Protocol }
  | { readonly kind: 'ip'; readonly ip: string; readonly port: number; readonly protocol: Protocol }
  | QueryError;

const NAME_RE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
// IANA_SVC_NAME, as the API server validates container and Service port names.
const PORT_NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const HOST_RE = /^[a-z0-9*]([-a-z0-9.]*[a-z0-9])?$/;

/** Dotted-quad IPv4 with every octet 0..255 and no leading zeros. */
export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return (
    parts.length === 4 &&
    parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)
  );
}

function fail(error: string): QueryError {
  return { kind: 'error', error };
}

function checkName(what: string, value: string): string | undefined {
  if (!NAME_RE.test(value)) {
    return `${what} "${value}" is not a valid Kubernetes name (lower-case letters, digits, '-' and '.')`;
  }
  return undefined;
}

/** `NS/NAME` → parts, or an error message. */
function splitNamespaced(
  kind: string,
  rest: string,
  original: string,
): { namespace: string; name: string } | QueryError {
  const parts = rest.split('/');
  if (parts.length !== 2 || parts.some((p) => p.length === 0)) {
    return fail(`"${original}": expected ${kind}/NAMESPACE/NAME`);
  }
  const [namespace, name] = parts as [string, string];
  const bad = checkName('namespace', namespace) ?? checkName('name', name);
  return bad !== undefined ? fail(`"${original}": ${bad}`) : { namespace, name };
}

function parsePortSpec(raw: string, original: string): PortSpec | QueryError {
  if (raw.length === 0) return fail(`"${original}": the port is missing after ':'`);
  if (/^[0-9]+$/.test(raw)) {
    const n = Number(raw);
    if (n < 1 || n > 65535) return fail(`"${original}": port ${raw} is not in 1-65535`);
    return n;
  }
  const name = raw.toLowerCase() === raw ? raw : undefined;
  if (name === undefined || !PORT_NAME_RE.test(name) || !/[a-z]/.test(name) || name.length > 15) {
    return fail(
      `"${original}": "${raw}" is neither a port number nor a port name (at most 15 lower-case letters, digits and '-')`,
    );
  }
  return name;
}

function parseProtocol(raw: string | undefined, original: string): Protocol | QueryError {
  if (raw === undefined) return 'TCP';
  const upper = raw.toUpperCase();
  if (upper === 'TCP' || upper === 'UDP' || upper === 'SCTP') return upper;
  return fail(`"${original}": protocol "${raw}" is not TCP, UDP or SCTP`);
}

/** Splits `BODY:PORT[/PROTO]` at the last ':'; the body may itself contain '/'. */
function splitPort(
  s: string,
  original: string,
): { body: string; port: PortSpec; protocol: Protocol } | QueryError {
  const colon = s.lastIndexOf(':');
  if (colon < 0) return fail(`"${original}": a port is required (…:PORT[/PROTO])`);
  const body = s.slice(0, colon);
  const tail = s.slice(colon + 1);
  const slash = tail.indexOf('/');
  const portRaw = slash < 0 ? tail : tail.slice(0, slash);
  const protoRaw = slash < 0 ? undefined : tail.slice(slash + 1);
  const port = parsePortSpec(portRaw, original);
  if (typeof port === 'object') return port;
  const protocol = parseProtocol(protoRaw, original);
  if (typeof protocol === 'object') return protocol;
  return { body, port, protocol };
}

/**
 * Parses a query source (`--from`).
 *
 * @example
 * parseSource('deployment/default/frontend') // { kind: 'workload', workloadKind: 'deployment', namespace: 'default', name: 'frontend' }
 * parseSource('ip/8.8.8.8') // { kind: 'ip', ip: '8.8.8.8' }
 * parseSource('pod/x') // { kind: 'error', error: '"pod/x": expected pod/NAMESPACE/NAME' }
 */
export function parseSource(s: string): SourceEndpoint {
  const input = s.trim();
  if (input === 'internet') return { kind: 'internet' };
  const slash = input.indexOf('/');
  if (slash < 0) {
    return fail(
      `"${input}" is not a source: use pod/NS/NAME, deployment|statefulset|daemonset/NS/NAME, internet, ip/A.B.C.D or node/NAME`,
    );
  }
  const kind = input.slice(0, slash).toLowerCase();
  const rest = input.slice(slash + 1);
  switch (kind) {
    case 'pod': {
      const nn = splitNamespaced('pod', rest, input);
      return 'kind' in nn ? nn : { kind: 'pod', ...nn };
    }
    case 'deployment':
    case 'statefulset':
    case 'daemonset': {
      const nn = splitNamespaced(kind, rest, input);
      return 'kind' in nn ? nn : { kind: 'workload', workloadKind: kind, ...nn };
    }
    case 'ip':
      return isIPv4(rest) ? { kind: 'ip', ip: rest } : fail(`"${input}": "${rest}" is not an IPv4 address`);
    case 'node': {
      if (rest.length === 0 || rest.includes('/')) return fail(`"${input}": expected node/NAME`);
      const bad = checkName('node name', rest);
      return bad !== undefined ? fail(`"${input}": ${bad}`) : { kind: 'node', name: rest };
    }
    default:
      return fail(
        `"${input}": unknown source kind "${kind}" (use pod, deployment, statefulset, daemonset, internet, ip or node)`,
      );
  }
}

function parseUrl(input: string): DestinationEndpoint {
  const m = /^(https?):\/\/([^/?#]*)([^?#]*)([?#].*)?$/i.exec(input);
  if (m === null) return fail(`"${input}" is not a URL of the form http(s)://HOST[:PORT]/PATH`);
  const scheme = m[1]!.toLowerCase() as 'http' | 'https';
  const authority = m[2]!;
  let host = authority;
  let port = scheme === 'https' ? 443 : 80;
  const colon = authority.lastIndexOf(':');
  if (colon >= 0) {
    host = authority.slice(0, colon);
    const raw = authority.slice(colon + 1);
    if (!/^[0-9]+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
      return fail(`"${input}": port "${raw}" is not a number in 1-65535`);
    }
    port = Number(raw);
  }
  host = host.toLowerCase();
  if (host.length === 0) return fail(`"${input}": the host is missing`);
  if (host.includes('@')) return fail(`"${input}": user info in URLs is not supported`);
  if (!HOST_RE.test(host) && !isIPv4(host)) return fail(`"${input}": "${host}" is not a valid host name`);
  const path = m[3] === undefined || m[3] === '' ? '/' : m[3];
  return { kind: 'http', scheme, host, port, path };
}

/**
 * Parses a query destination (`--to`).
 *
 * @example
 * parseDestination('service/default/web:http') // { kind: 'service', namespace: 'default', name: 'web', port: 'http', protocol: 'TCP' }
 * parseDestination('http://example.com/api') // { kind: 'http', scheme: 'http', host: 'example.com', port: 80, path: '/api' }
 * parseDestination('dns/kube-dns.kube-system:53/udp') // { kind: 'dns', name: 'kube-dns.kube-system', port: 53, protocol: 'UDP' }
 */
export function parseDestination(s: string): DestinationEndpoint {
  const input = s.trim();
  if (/^https?:\/\//i.test(input)) return parseUrl(input);
  const slash = input.indexOf('/');
  if (slash < 0) {
    return fail(
      `"${input}" is not a destination: use pod/NS/NAME:PORT, service/NS/NAME:PORT, nodeport/NODE:PORT, loadbalancer/NS/NAME:PORT, http(s)://HOST/PATH, dns/NAME:PORT or ip/A.B.C.D:PORT`,
    );
  }
  const kind = input.slice(0, slash).toLowerCase();
  const known = ['pod', 'service', 'nodeport', 'loadbalancer', 'dns', 'ip'];
  if (!known.includes(kind)) {
    return fail(
      `"${input}": unknown destination kind "${kind}" (use pod, service, nodeport, loadbalancer, dns, ip or an http(s):// URL)`,
    );
  }
  const split = splitPort(input.slice(slash + 1), input);
  if ('kind' in split) return split;
  const { body, port, protocol } = split;
  switch (kind) {
    case 'pod':
    case 'service':
    case 'loadbalancer': {
      const nn = splitNamespaced(kind, body, input);
      if ('kind' in nn) return nn;
      return { kind, ...nn, port, protocol };
    }
    case 'nodeport': {
      if (body.length === 0 || body.includes('/')) return fail(`"${input}": expected nodeport/NODE:PORT`);
      const bad = checkName('node name', body);
      if (bad !== undefined) return fail(`"${input}": ${bad}`);
      if (typeof port !== 'number') return fail(`"${input}": a NodePort is a number, not a name`);
      return { kind: 'nodeport', node: body, port, protocol };
    }
    case 'dns': {
      const name = body.toLowerCase().replace(/\.$/, '');
      if (name.length === 0 || !NAME_RE.test(name)) return fail(`"${input}": "${body}" is not a DNS name`);
      return { kind: 'dns', name, port, protocol };
    }
    default: {
      if (!isIPv4(body)) return fail(`"${input}": "${body}" is not an IPv4 address`);
      if (typeof port !== 'number') return fail(`"${input}": a port outside the cluster is a number, not a name`);
      return { kind: 'ip', ip: body, port, protocol };
    }
  }
}
