/**
 * Gateway API (gateway.networking.k8s.io, standard channel of v1.6): GatewayClass, Gateway,
 * HTTPRoute and ReferenceGrant read into the typed model with the CRDs' defaults, and checked
 * against the CRDs' schema markers (required fields, enums, patterns, Minimum/Maximum,
 * Min/MaxItems, MaxLength, unknown fields under kubectl's strict field validation) and their CEL
 * rules, in the words apiextensions-apiserver prints them.
 *
 * v1 and v1beta1 are served with the same schema, so both read the same. An object with an
 * error is refused by the API server: it is left out of the model (an `info` says so) and the
 * rest of the scenario still answers. What the API accepts but no implementation acts on (a
 * `RegularExpression` match, a listener protocol nobody supports, filters the playground does not
 * simulate) is read and reported, never matched. GRPCRoute, TLSRoute, TCPRoute, UDPRoute and
 * ListenerSet are read into `notSimulated`.
 */
import type {
  Diagnostic,
  GatewayClassObject,
  GatewayListener,
  GatewayObject,
  HTTPBackendRef,
  HTTPPathModifier,
  HTTPRouteFilter,
  HTTPRouteMatch,
  HTTPRouteObject,
  HTTPRouteRule,
  HTTPValueMatchType,
  ObjectMeta,
  ObjectReference,
  ParentReference,
  ReferenceGrantObject,
} from '../types';
import type { Mutable } from '../mutable';
import { makeDiagnostic, type DiagnosticCode, type DiagnosticParams } from '../diagnostics';
import { GATEWAY_API_GROUP } from '../refs';
import { child, isObj, rangeAt, type Obj, type Reader } from './read';
import { nameErrors } from './name-formats';

/** The kinds read into the model; each is served as v1 and v1beta1 with one schema. */
export const GATEWAY_API_KINDS = ['GatewayClass', 'Gateway', 'HTTPRoute', 'ReferenceGrant'] as const;
export type GatewayApiKind = (typeof GATEWAY_API_KINDS)[number];
const SERVED_VERSIONS = ['v1', 'v1beta1'] as const;

/** Route and listener kinds of the standard channel that are read but not simulated yet. */
export const GATEWAY_API_NOT_SIMULATED_KINDS: ReadonlySet<string> = new Set(['GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute', 'ListenerSet']);

/** Listener protocols the playground routes; the other core ones are read and not simulated. */
export const SIMULATED_LISTENER_PROTOCOLS: readonly string[] = ['HTTP', 'HTTPS'];
/** The listener protocols of the Gateway API's core; any other is `UnsupportedProtocol`. */
export const CORE_LISTENER_PROTOCOLS: readonly string[] = ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'];

export function isGatewayApiKind(kind: string): kind is GatewayApiKind {
  return (GATEWAY_API_KINDS as readonly string[]).includes(kind);
}

/** Whether the document's kind belongs to the Gateway API (read, or read and not simulated). */
export function isGatewayApiDocumentKind(kind: string): boolean {
  return isGatewayApiKind(kind) || GATEWAY_API_NOT_SIMULATED_KINDS.has(kind);
}

/** Whether the API serves `apiVersion` for `kind`; undefined when it does, else what to use. */
export function gatewayApiVersionProblem(kind: string, apiVersion: string): string | undefined {
  if (isGatewayApiKind(kind)) {
    const ok = SERVED_VERSIONS.some((v) => apiVersion === `${GATEWAY_API_GROUP}/${v}`);
    return ok ? undefined : `apiVersion: ${GATEWAY_API_GROUP}/v1`;
  }
  // Not simulated: any version of the group is read past.
  return apiVersion.startsWith(`${GATEWAY_API_GROUP}/`) ? undefined : `apiVersion: ${GATEWAY_API_GROUP}/v1`;
}

/** The typed objects one Gateway API document adds to the model. */
export interface GatewayApiOut {
  gatewayClasses: GatewayClassObject[];
  gateways: GatewayObject[];
  httpRoutes: HTTPRouteObject[];
  referenceGrants: ReferenceGrantObject[];
}

/** Upstream's patterns (gateway-api v1.6.1, config/crd/standard), spelled as the CRDs spell them. */
const HOSTNAME_PATTERN = '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const PRECISE_HOSTNAME_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const SECTION_NAME_PATTERN = PRECISE_HOSTNAME_PATTERN;
const GROUP_PATTERN = '^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const KIND_PATTERN = '^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$';
const NAMESPACE_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
const CONTROLLER_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$";
const PROTOCOL_PATTERN = '^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9]+$';
const HEADER_NAME_PATTERN = "^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$";
const PATH_CHARS_PATTERN = "^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$";
const PATTERNS: Readonly<Record<string, RegExp>> = Object.fromEntries(
  [HOSTNAME_PATTERN, PRECISE_HOSTNAME_PATTERN, GROUP_PATTERN, KIND_PATTERN, NAMESPACE_PATTERN, CONTROLLER_PATTERN, PROTOCOL_PATTERN, HEADER_NAME_PATTERN, PATH_CHARS_PATTERN].map((p) => [
    p,
    // The CRDs write a backtick as \x60 (Go's RE2 spelling); JavaScript reads it the same.
    new RegExp(p),
  ]),
);

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] as const;
const FILTER_TYPES = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'RequestRedirect', 'URLRewrite', 'ExtensionRef', 'CORS'] as const;
/** Each filter type's own field (CEL: set exactly for its type). */
const FILTER_FIELD: Readonly<Record<string, string>> = {
  CORS: 'cors',
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  ExtensionRef: 'extensionRef',
};
/** The order the CRD lists its one-field-per-type CEL rules in. */
const FILTER_FIELD_ORDER = ['CORS', 'RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'RequestRedirect', 'URLRewrite', 'ExtensionRef'] as const;
/** Filters that may appear once per list, in the CRD's order. */
const UNREPEATABLE_FILTERS = ['CORS', 'RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite'] as const;
const REDIRECT_CODES = [301, 302, 303, 307, 308] as const;
const REDIRECT_SCHEMES = ['http', 'https'] as const;
const PATH_MODIFIERS = ['ReplaceFullPath', 'ReplacePrefixMatch'] as const;
const PATH_TYPES = ['Exact', 'PathPrefix', 'RegularExpression'] as const;
const VALUE_TYPES = ['Exact', 'RegularExpression'] as const;
const FROM = ['All', 'Selector', 'Same'] as const;
const TLS_MODES = ['Terminate', 'Passthrough'] as const;
const PORT_MAX = 65535;
const WEIGHT_MAX = 1_000_000;
const MAX_LISTENERS = 64;
const MAX_RULES = 16;
const MAX_MATCHES = 64;
const MAX_TOTAL_MATCHES = 128;
const MAX_BACKEND_REFS = 16;
const MAX_FILTERS = 16;
const MAX_HOSTNAMES = 16;
const MAX_PARENT_REFS = 32;
const MAX_HEADERS = 16;
const MAX_GRANT_ENTRIES = 16;

const PATH_RULE_SUFFIX = " when type one of ['Exact', 'PathPrefix']";

const present = (o: Obj, key: string): boolean => o[key] !== undefined && o[key] !== null;

/** A string field's schema: MinLength, MaxLength, pattern. */
interface StringSchema {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
}
// The schemas the HTTPRoute reader checks for every rule, made once.
const PATH_VALUE: StringSchema = { max: 1024 };
const HEADER_NAME: StringSchema = { min: 1, max: 256, pattern: HEADER_NAME_PATTERN };
const HEADER_VALUE: StringSchema = { min: 1, max: 4096 };
const QUERY_VALUE: StringSchema = { min: 1, max: 1024 };
const PRECISE_HOSTNAME: StringSchema = { min: 1, max: 253, pattern: PRECISE_HOSTNAME_PATTERN };
const GROUP: StringSchema = { max: 253, pattern: GROUP_PATTERN };
const KIND: StringSchema = { min: 1, max: 63, pattern: KIND_PATTERN };
const NAMESPACE: StringSchema = { min: 1, max: 63, pattern: NAMESPACE_PATTERN };
const OBJECT_NAME: StringSchema = { min: 1, max: 253 };
const SECTION_NAME: StringSchema = { min: 1, max: 253, pattern: SECTION_NAME_PATTERN };

/** Whether `s` passes its schema (then reading it reports nothing). */
function fitsSchema(s: string, opts: StringSchema): boolean {
  if (opts.min !== undefined && s.length < opts.min) return false;
  if (opts.max !== undefined && s.length > opts.max) return false;
  return opts.pattern === undefined || s.length === 0 || PATTERNS[opts.pattern]!.test(s);
}

/**
 * Reads one Gateway API document into `out`, or into `notSimulated` for the kinds not simulated
 * yet. A refused object adds nothing (its errors are in `r.diagnostics`). Never throws on input.
 *
 * @example
 * readGatewayApiObject(r, doc.object, meta, 'HTTPRoute', out);
 * out.httpRoutes[0].rules[0].matches[0].path; // { type: 'PathPrefix', value: '/' } when the YAML omits it
 */
export function readGatewayApiObject(r: Reader, o: Obj, meta: ObjectMeta, kind: GatewayApiKind, out: GatewayApiOut): void {
  const errorsBefore = countErrors(r.diagnostics);
  // Custom resources: the name is a DNS-1123 subdomain, the namespace a DNS-1123 label.
  for (const detail of nameErrors(meta.name, 'dns1123-subdomain')) {
    r.diagnostics.push(makeDiagnostic('metadata.name.invalid', { path: 'metadata.name', value: meta.name, detail }, { path: 'metadata.name', range: rangeAt(r.doc, 'metadata.name'), ref: r.ref }));
  }
  if (meta.namespace !== '') {
    for (const detail of nameErrors(meta.namespace, 'dns1123-label')) {
      r.diagnostics.push(makeDiagnostic('metadata.namespace.invalid', { path: 'metadata.namespace', value: meta.namespace, detail }, { path: 'metadata.namespace', range: rangeAt(r.doc, 'metadata.namespace'), ref: r.ref }));
    }
  }
  const reader = new GatewayApiReader(r);
  let read: GatewayClassObject | GatewayObject | HTTPRouteObject | ReferenceGrantObject | undefined;
  switch (kind) {
    case 'GatewayClass':
      read = reader.gatewayClass(o, meta);
      break;
    case 'Gateway':
      read = reader.gateway(o, meta);
      break;
    case 'HTTPRoute':
      read = reader.httpRoute(o, meta);
      break;
    case 'ReferenceGrant':
      read = reader.referenceGrant(o, meta);
      break;
  }
  const errors = countErrors(r.diagnostics) - errorsBefore;
  // Made only for a diagnostic: a moved document's field ranges are made on first read (parse.ts).
  const at = () => ({ path: 'metadata.name', range: rangeAt(r.doc, 'metadata.name'), ref: r.ref });
  const name = meta.namespace === '' ? meta.name : `${meta.namespace}/${meta.name}`;
  if (errors > 0 || read === undefined) {
    r.diagnostics.push(makeDiagnostic('gateway.refused', { kind, name, errors }, at()));
    return;
  }
  const list: { meta: ObjectMeta }[] =
    read.kind === 'GatewayClass' ? out.gatewayClasses : read.kind === 'Gateway' ? out.gateways : read.kind === 'HTTPRoute' ? out.httpRoutes : out.referenceGrants;
  if (!namesOf(list).add(name)) {
    r.diagnostics.push(makeDiagnostic('gateway.declared-twice', { kind, name }, at()));
    return;
  }
  switch (read.kind) {
    case 'GatewayClass':
      out.gatewayClasses.push(read);
      return;
    case 'Gateway':
      out.gateways.push(read);
      return;
    case 'HTTPRoute':
      out.httpRoutes.push(read);
      return;
    case 'ReferenceGrant':
      out.referenceGrants.push(read);
      return;
  }
}

/** The names already read into each output list, so a repeated name is found in O(1). */
const NAMES_READ = new WeakMap<object, Set<string>>();

/** The list's set of names, with an `add` that says whether the name was new. */
function namesOf(list: readonly { meta: ObjectMeta }[]): { add(name: string): boolean } {
  let names = NAMES_READ.get(list);
  if (names === undefined || names.size !== list.length) {
    names = new Set(list.map((x) => (x.meta.namespace === '' ? x.meta.name : `${x.meta.namespace}/${x.meta.name}`)));
    NAMES_READ.set(list, names);
  }
  const seen = names;
  return {
    add(name) {
      if (seen.has(name)) return false;
      seen.add(name);
      return true;
    },
  };
}

function countErrors(diagnostics: readonly Diagnostic[]): number {
  let n = 0;
  for (const d of diagnostics) if (d.severity === 'error') n++;
  return n;
}

/** One mapping of a list, with its path (`spec.rules[2]`) and index. */
interface ListItem {
  readonly o: Obj;
  readonly path: string;
  readonly index: number;
}
/** A list's MinItems/MaxItems. */
interface ListSchema {
  readonly min?: number;
  readonly max: number;
}
const NO_ITEMS: readonly ListItem[] = [];
const MATCHES_LIST: ListSchema = { max: MAX_MATCHES };
const FILTERS_LIST: ListSchema = { max: MAX_FILTERS };
const BACKEND_REFS_LIST: ListSchema = { max: MAX_BACKEND_REFS };
const HEADERS_LIST: ListSchema = { max: MAX_HEADERS };

class GatewayApiReader {
  constructor(private readonly r: Reader) {}

  private report<C extends DiagnosticCode>(code: C, params: DiagnosticParams<C> & { path: string }, at: string = params.path): void {
    this.r.diagnostics.push(makeDiagnostic(code, params, { path: params.path, range: rangeAt(this.r.doc, at), ref: this.r.ref }));
  }

  /** An OpenAPI schema failure: `<path>: Invalid value: <value>: <path> in body should ...`. */
  private schema(path: string, value: unknown, should: string): void {
    this.report('gateway.invalid', { path, value, detail: `${path} in body ${should}` });
  }

  /** A CEL rule's failure: `<path>: Invalid value: "object": <message>` (the value is the schema type). */
  private cel(path: string, type: 'object' | 'array' | 'string', message: string, at: string = path): void {
    this.report('gateway.invalid', { path, value: type, detail: message }, at);
  }

  private known(o: Obj, path: string, fields: readonly string[]): void {
    // for-in, not Object.keys: no array per object read (the objects are plain YAML mappings).
    for (const key in o) {
      if (!fields.includes(key)) this.report('gateway.unknown-field', { path: child(path, key) });
    }
  }

  private required(o: Obj, key: string, path: string): boolean {
    if (present(o, key)) return true;
    this.report('gateway.required', { path: child(path, key) });
    return false;
  }

  /** A string with the schema's MinLength/MaxLength/pattern; undefined when absent or not a string. */
  private string(v: unknown, path: string, opts: StringSchema = {}): string | undefined {
    const s = this.r.str(v, path);
    if (s === undefined || typeof v !== 'string') return s;
    if (opts.min !== undefined && s.length < opts.min) this.schema(path, s, `should be at least ${opts.min} chars long`);
    if (opts.max !== undefined && s.length > opts.max) this.report('gateway.too-long', { path, max: opts.max });
    if (opts.pattern !== undefined && s.length > 0 && !PATTERNS[opts.pattern]!.test(s)) this.schema(path, s, `should match '${opts.pattern}'`);
    return s;
  }

  /**
   * `o[key]` read as `string` reads it; the field's path is made only when there is something to
   * report (the HTTPRoute reader runs this for every field of every rule on each analysis).
   */
  private stringAt(o: Obj, key: string, parent: string, opts: StringSchema): string | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string' && fitsSchema(v, opts)) return v;
    return this.string(v, child(parent, key), opts);
  }

  /** `o[key]` read as `enumOf` reads it, the path made only to report. */
  private enumAt<T extends string>(o: Obj, key: string, parent: string, values: readonly T[]): T | undefined {
    const v = o[key];
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
    return this.enumOf(v, child(parent, key), values);
  }

  /** `o[key]` read as `intIn` reads it, the path made only to report. */
  private intAt(o: Obj, key: string, parent: string, min: number, max: number): number | undefined {
    const v = o[key];
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
    return this.intIn(v, child(parent, key), min, max);
  }

  /** `o[key]` read as a mapping (`Reader.obj`), the path made only to report. */
  private objAt(o: Obj, key: string, parent: string): Obj | undefined {
    const v = o[key];
    if (isObj(v)) return v;
    return v === undefined || v === null ? undefined : this.r.obj(v, child(parent, key));
  }

  private enumOf<T extends string>(v: unknown, path: string, values: readonly T[]): T | undefined {
    const s = this.r.str(v, path);
    if (s === undefined) return undefined;
    if (!(values as readonly string[]).includes(s)) {
      this.report('gateway.unsupported', { path, value: s, supported: values });
      return undefined;
    }
    return s as T;
  }

  private intIn(v: unknown, path: string, min: number, max: number): number | undefined {
    const n = this.r.int(v, path);
    if (n === undefined) return undefined;
    if (n < min) this.schema(path, n, `should be greater than or equal to ${min}`);
    else if (n > max) this.schema(path, n, `should be less than or equal to ${max}`);
    return n;
  }

  /** A list with MinItems/MaxItems; entries that are not mappings are reported and skipped. */
  private objects(v: unknown, path: string, opts: ListSchema): readonly ListItem[] {
    if (v === undefined || v === null) return NO_ITEMS;
    if (!Array.isArray(v)) {
      this.r.typeError(path, v, 'list');
      return NO_ITEMS;
    }
    if (opts.min !== undefined && v.length < opts.min) this.schema(path, v.length, `should have at least ${opts.min} items`);
    if (v.length > opts.max) this.report('gateway.too-many', { path, count: v.length, max: opts.max });
    // A plain loop (every rule, match and backendRef list comes through here); YAML lists have no holes.
    const out = new Array<ListItem>(v.length);
    let n = 0;
    for (let index = 0; index < v.length; index++) {
      const item: unknown = v[index];
      const p = child(path, index);
      const o = item === null ? {} : this.r.obj(item, p);
      if (o) out[n++] = { o, path: p, index };
    }
    out.length = n;
    return out;
  }

  /** `objects` of `o[key]`; the list's path is made only when the field is there. */
  private objectsAt(o: Obj, key: string, parent: string, opts: ListSchema): readonly ListItem[] {
    const v = o[key];
    return v === undefined || v === null ? NO_ITEMS : this.objects(v, child(parent, key), opts);
  }

  private spec(o: Obj): Obj | undefined {
    if (!present(o, 'spec')) {
      this.report('gateway.required', { path: 'spec' });
      return undefined;
    }
    return this.r.obj(o['spec'], 'spec');
  }

  // -- GatewayClass ------------------------------------------------------------------------------

  gatewayClass(o: Obj, meta: ObjectMeta): GatewayClassObject | undefined {
    const spec = this.spec(o);
    if (!spec) return undefined;
    this.known(spec, 'spec', ['controllerName', 'description', 'parametersRef']);
    let controllerName = '';
    if (this.required(spec, 'controllerName', 'spec')) {
      controllerName = this.string(spec['controllerName'], 'spec.controllerName', { min: 1, max: 253, pattern: CONTROLLER_PATTERN }) ?? '';
    }
    this.string(spec['description'], 'spec.description', { max: 64 });
    return { kind: 'GatewayClass', meta, controllerName };
  }

  // -- Gateway -----------------------------------------------------------------------------------

  gateway(o: Obj, meta: ObjectMeta): GatewayObject | undefined {
    const spec = this.spec(o);
    if (!spec) return undefined;
    this.known(spec, 'spec', ['addresses', 'allowedListeners', 'gatewayClassName', 'infrastructure', 'listeners', 'tls']);
    let gatewayClassName = '';
    if (this.required(spec, 'gatewayClassName', 'spec')) {
      gatewayClassName = this.string(spec['gatewayClassName'], 'spec.gatewayClassName', { min: 1, max: 253 }) ?? '';
    }
    const listeners: GatewayListener[] = [];
    if (this.required(spec, 'listeners', 'spec')) {
      const items = this.objects(spec['listeners'], 'spec.listeners', { min: 1, max: MAX_LISTENERS });
      for (const { o: lo, path } of items) {
        const listener = this.listener(lo, path);
        if (listener) listeners.push(listener);
      }
      this.listenerRules(items.map((i) => i.o));
    }
    for (const key of ['addresses', 'infrastructure', 'tls', 'allowedListeners']) {
      if (present(spec, key)) this.report('field.not-simulated', { path: child('spec', key), detail: 'read, not simulated' });
    }
    return { kind: 'Gateway', meta, gatewayClassName, listeners };
  }

  private listener(lo: Obj, path: string): GatewayListener | undefined {
    const { r } = this;
    this.known(lo, path, ['allowedRoutes', 'hostname', 'name', 'port', 'protocol', 'tls']);
    const hasName = this.required(lo, 'name', path);
    const hasPort = this.required(lo, 'port', path);
    const hasProtocol = this.required(lo, 'protocol', path);
    const name = hasName ? this.string(lo['name'], child(path, 'name'), { min: 1, max: 253, pattern: SECTION_NAME_PATTERN }) : undefined;
    const port = hasPort ? this.intIn(lo['port'], child(path, 'port'), 1, PORT_MAX) : undefined;
    const protocol = hasProtocol ? this.string(lo['protocol'], child(path, 'protocol'), { min: 1, max: 255, pattern: PROTOCOL_PATTERN }) : undefined;
    const hostname = this.string(lo['hostname'], child(path, 'hostname'), { min: 1, max: 253, pattern: HOSTNAME_PATTERN });

    let tls: GatewayListener['tls'];
    const tPath = child(path, 'tls');
    const to = r.obj(lo['tls'], tPath);
    if (to) {
      this.known(to, tPath, ['certificateRefs', 'mode', 'options']);
      const mode = present(to, 'mode') ? (this.enumOf(to['mode'], child(tPath, 'mode'), TLS_MODES) ?? 'Terminate') : 'Terminate';
      const certificateRefs: ObjectReference[] = [];
      const cPath = child(tPath, 'certificateRefs');
      for (const { o: co, path: p } of this.objects(to['certificateRefs'], cPath, { max: 64 })) {
        this.known(co, p, ['group', 'kind', 'name', 'namespace']);
        const ref = this.objectReference(co, p, { group: '', kind: 'Secret' });
        if (ref) certificateRefs.push(ref);
      }
      const options = r.obj(to['options'], child(tPath, 'options'));
      if (mode === 'Terminate' && certificateRefs.length === 0 && (!options || Object.keys(options).length === 0)) {
        this.cel(tPath, 'object', 'certificateRefs or options must be specified when mode is Terminate');
      }
      tls = { mode, certificateRefs };
    }

    const aPath = child(path, 'allowedRoutes');
    let allowedRoutes: GatewayListener['allowedRoutes'] = { from: 'Same' };
    const ao = r.obj(lo['allowedRoutes'], aPath);
    if (ao) {
      this.known(ao, aPath, ['kinds', 'namespaces']);
      const nPath = child(aPath, 'namespaces');
      const no = r.obj(ao['namespaces'], nPath);
      let from: 'Same' | 'All' | 'Selector' = 'Same';
      let selector: GatewayListener['allowedRoutes']['selector'];
      if (no) {
        this.known(no, nPath, ['from', 'selector']);
        if (present(no, 'from')) from = this.enumOf(no['from'], child(nPath, 'from'), FROM) ?? 'Same';
        if (present(no, 'selector')) selector = r.selector(no['selector'], child(nPath, 'selector'));
      }
      let kinds: { group: string; kind: string }[] | undefined;
      if (present(ao, 'kinds')) {
        kinds = [];
        for (const { o: ko, path: p } of this.objects(ao['kinds'], child(aPath, 'kinds'), { max: 8 })) {
          this.known(ko, p, ['group', 'kind']);
          const group = present(ko, 'group') ? (this.string(ko['group'], child(p, 'group'), { max: 253, pattern: GROUP_PATTERN }) ?? GATEWAY_API_GROUP) : GATEWAY_API_GROUP;
          if (!this.required(ko, 'kind', p)) continue;
          const kind = this.string(ko['kind'], child(p, 'kind'), { min: 1, max: 63, pattern: KIND_PATTERN });
          if (kind !== undefined) kinds.push({ group, kind });
        }
      }
      allowedRoutes = { from, ...(selector !== undefined ? { selector } : {}), ...(kinds !== undefined ? { kinds } : {}) };
    }

    if (name === undefined || port === undefined || protocol === undefined) return undefined;
    if (!CORE_LISTENER_PROTOCOLS.includes(protocol) && PATTERNS[PROTOCOL_PATTERN]!.test(protocol)) {
      // The schema takes any protocol name; the controller marks the listener UnsupportedProtocol.
      this.report('gateway.listener.protocol', { path: child(path, 'protocol'), listener: name, protocol, supported: SIMULATED_LISTENER_PROTOCOLS });
    } else if (!SIMULATED_LISTENER_PROTOCOLS.includes(protocol) && CORE_LISTENER_PROTOCOLS.includes(protocol)) {
      this.report('field.not-simulated', { path: child(path, 'protocol'), detail: `${protocol} listeners are read, not simulated yet (only HTTP and HTTPS are routed)` });
    }
    // Field by field, keys in the model's order (every route's attachment reads the listeners).
    const listener = { name, port, protocol } as Mutable<GatewayListener>;
    if (hostname !== undefined) listener.hostname = hostname;
    if (tls !== undefined) listener.tls = tls;
    listener.allowedRoutes = allowedRoutes;
    return listener;
  }

  /** The CEL rules on `spec.listeners`, in the CRD's order. */
  private listenerRules(items: readonly Obj[]): void {
    const path = 'spec.listeners';
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const has = (o: Obj, k: string): boolean => present(o, k);
    const protocolOf = (l: Obj): string | undefined => str(l['protocol']);
    const tlsOf = (l: Obj): Obj | undefined => (typeof l['tls'] === 'object' && l['tls'] !== null && !Array.isArray(l['tls']) ? (l['tls'] as Obj) : undefined);
    if (items.some((l) => ['HTTP', 'TCP', 'UDP'].includes(protocolOf(l) ?? '') && has(l, 'tls'))) {
      this.cel(path, 'array', "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']");
    }
    if (items.some((l) => protocolOf(l) === 'HTTPS' && tlsOf(l) !== undefined && !['', 'Terminate', undefined].includes(str(tlsOf(l)?.['mode'])))) {
      this.cel(path, 'array', 'tls mode must be Terminate for protocol HTTPS');
    }
    // mode defaults to Terminate whenever tls is present, so only a missing tls fails this rule.
    if (items.some((l) => protocolOf(l) === 'TLS' && tlsOf(l) === undefined)) this.cel(path, 'array', 'tls mode must be set for protocol TLS');
    if (items.some((l) => ['TCP', 'UDP'].includes(protocolOf(l) ?? '') && str(l['hostname']) !== undefined && l['hostname'] !== '')) {
      this.cel(path, 'array', "hostname must not be specified for protocols ['TCP', 'UDP']");
    }
    const names = items.map((l) => str(l['name']));
    if (new Set(names).size !== names.length) this.cel(path, 'array', 'Listener name must be unique within the Gateway');
    const keys = items.map((l) => `${String(l['port'])}|${String(l['protocol'])}|${has(l, 'hostname') ? String(l['hostname']) : ''}|${has(l, 'hostname')}`);
    if (new Set(keys).size !== keys.length) this.cel(path, 'array', 'Combination of port, protocol and hostname must be unique for each listener');
  }

  /** A reference with a group and kind defaulted (`certificateRefs`, ...). */
  private objectReference(o: Obj, path: string, defaults: { group: string; kind: string }): ObjectReference | undefined {
    const group = present(o, 'group') ? (this.stringAt(o, 'group', path, GROUP) ?? defaults.group) : defaults.group;
    const kind = present(o, 'kind') ? (this.stringAt(o, 'kind', path, KIND) ?? defaults.kind) : defaults.kind;
    const namespace = present(o, 'namespace') ? this.stringAt(o, 'namespace', path, NAMESPACE) : undefined;
    if (!this.required(o, 'name', path)) return undefined;
    const name = this.stringAt(o, 'name', path, OBJECT_NAME);
    if (name === undefined) return undefined;
    // Optional fields added one by one (not spread): the hot loops downstream read these objects,
    // and spread-built ones get slow shapes. Same keys, same order.
    const ref: Mutable<ObjectReference> = { group, kind, name };
    if (namespace !== undefined) ref.namespace = namespace;
    return ref;
  }

  // -- HTTPRoute ---------------------------------------------------------------------------------

  httpRoute(o: Obj, meta: ObjectMeta): HTTPRouteObject | undefined {
    const { r } = this;
    // `spec` is required but every field in it has a default or is optional.
    const spec = this.spec(o);
    if (!spec) return undefined;
    this.known(spec, 'spec', ['hostnames', 'parentRefs', 'rules']);

    const parentRefs: ParentReference[] = [];
    const pItems = this.objects(spec['parentRefs'], 'spec.parentRefs', { max: MAX_PARENT_REFS });
    for (const { o: po, path } of pItems) {
      this.known(po, path, ['group', 'kind', 'name', 'namespace', 'port', 'sectionName']);
      const ref = this.objectReference(po, path, { group: GATEWAY_API_GROUP, kind: 'Gateway' });
      const sectionName = present(po, 'sectionName') ? this.stringAt(po, 'sectionName', path, SECTION_NAME) : undefined;
      const port = present(po, 'port') ? this.intAt(po, 'port', path, 1, PORT_MAX) : undefined;
      if (ref) {
        const parent: Mutable<ParentReference> = { ...ref };
        if (sectionName !== undefined) parent.sectionName = sectionName;
        if (port !== undefined) parent.port = port;
        parentRefs.push(parent);
      }
    }
    this.parentRefRules(pItems.map((p) => p.o));

    const hostnames: string[] = [];
    const hPath = 'spec.hostnames';
    const hList = r.list(spec['hostnames'], hPath);
    if (hList.length > MAX_HOSTNAMES) this.report('gateway.too-many', { path: hPath, count: hList.length, max: MAX_HOSTNAMES });
    hList.forEach((h, i) => {
      const s = this.string(h, child(hPath, i), { min: 1, max: 253, pattern: HOSTNAME_PATTERN });
      if (s !== undefined) hostnames.push(s);
    });

    let rules: HTTPRouteRule[];
    if (!present(spec, 'rules')) {
      // The CRD's default: one rule matching PathPrefix `/`, with no backends (the Gateway answers 500).
      rules = [{ name: '', matches: [defaultMatch()], filters: [], backendRefs: [] }];
    } else {
      const items = this.objects(spec['rules'], 'spec.rules', { min: 1, max: MAX_RULES });
      let totalMatches = 0;
      rules = readEach(items, ({ o: ro, path }) => {
        const rule = this.rule(ro, path);
        totalMatches += Array.isArray(ro['matches']) ? ro['matches'].length : present(ro, 'matches') ? 0 : 1;
        return rule;
      });
      if (totalMatches > MAX_TOTAL_MATCHES) {
        this.cel('spec.rules', 'array', 'While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128');
      }
    }
    return { kind: 'HTTPRoute', meta, parentRefs, hostnames, rules };
  }

  /** The two CEL rules on `spec.parentRefs` (several refs to one parent need distinct sectionNames). */
  private parentRefRules(items: readonly Obj[]): void {
    const s = (v: unknown): string => (typeof v === 'string' ? v : '');
    const parent = (p: Obj): string => `${present(p, 'group') ? s(p['group']) : GATEWAY_API_GROUP}|${present(p, 'kind') ? s(p['kind']) : 'Gateway'}|${s(p['name'])}|${s(p['namespace'])}`;
    const section = (p: Obj): string => s(p['sectionName']);
    // Counted per parent and sectionName, so a long (refused) list stays linear.
    const counts = new Map<string, Map<string, number>>();
    for (const p of items) {
      const sections = counts.get(parent(p)) ?? new Map<string, number>();
      sections.set(section(p), (sections.get(section(p)) ?? 0) + 1);
      counts.set(parent(p), sections);
    }
    let mixed = false;
    let repeated = false;
    for (const sections of counts.values()) {
      if (sections.has('') && sections.size > 1) mixed = true;
      for (const n of sections.values()) if (n > 1) repeated = true;
    }
    if (mixed) this.cel('spec.parentRefs', 'array', 'sectionName must be specified when parentRefs includes 2 or more references to the same parent');
    if (repeated) this.cel('spec.parentRefs', 'array', 'sectionName must be unique when parentRefs includes 2 or more references to the same parent');
  }

  private rule(ro: Obj, path: string): HTTPRouteRule | undefined {
    this.known(ro, path, ['backendRefs', 'filters', 'matches', 'name', 'timeouts']);
    const name = present(ro, 'name') ? (this.stringAt(ro, 'name', path, SECTION_NAME) ?? '') : '';
    if (present(ro, 'timeouts')) this.report('field.not-simulated', { path: child(path, 'timeouts'), detail: 'read, not simulated' });

    const mItems = this.objectsAt(ro, 'matches', path, MATCHES_LIST);
    const matches = readEach(mItems, (m) => this.match(m.o, m.path));
    // The default applies when `matches` is absent; an empty list means the same to implementations.
    if (matches.length === 0 && mItems.length === 0) matches.push(defaultMatch());

    const fItems = this.objectsAt(ro, 'filters', path, FILTERS_LIST);
    const filters = readEach(fItems, (f) => this.filter(f.o, f.path));
    if (fItems.length > 0) this.filterListRules(fItems, child(path, 'filters'));

    const bItems = this.objectsAt(ro, 'backendRefs', path, BACKEND_REFS_LIST);
    const backendRefs = readEach(bItems, (b) => this.backendRef(b.o, b.path));

    // The rule's CEL rules, in the CRD's order (they all need a filter).
    if (fItems.length > 0) {
      if (bItems.length > 0 && fItems.some((f) => present(f.o, 'requestRedirect'))) {
        this.cel(path, 'object', 'RequestRedirect filter must not be used together with backendRefs');
      }
      if (prefixModifiers(fItems, 'requestRedirect') === 1 && !onePrefixMatch(ro)) {
        this.cel(path, 'object', 'When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified');
      }
      if (prefixModifiers(fItems, 'urlRewrite') === 1 && !onePrefixMatch(ro)) {
        this.cel(path, 'object', 'When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified');
      }
    }
    return { name, matches, filters, backendRefs };
  }

  private match(mo: Obj, path: string): HTTPRouteMatch | undefined {
    this.known(mo, path, ['headers', 'method', 'path', 'queryParams']);
    let matchPath: HTTPRouteMatch['path'] = { type: 'PathPrefix', value: '/' };
    const po = this.objAt(mo, 'path', path);
    if (po) {
      const pPath = child(path, 'path');
      this.known(po, pPath, ['type', 'value']);
      const type = present(po, 'type') ? this.enumAt(po, 'type', pPath, PATH_TYPES) : 'PathPrefix';
      const value = present(po, 'value') ? (this.stringAt(po, 'value', pPath, PATH_VALUE) ?? '/') : '/';
      if (type === 'Exact' || type === 'PathPrefix') {
        const fail = (m: string): void => this.cel(pPath, 'object', m);
        if (!value.startsWith('/')) fail(`value must be an absolute path and start with '/'${PATH_RULE_SUFFIX}`);
        if (value.includes('//')) fail(`must not contain '//'${PATH_RULE_SUFFIX}`);
        if (value.includes('/./')) fail(`must not contain '/./'${PATH_RULE_SUFFIX}`);
        if (value.includes('/../')) fail(`must not contain '/../'${PATH_RULE_SUFFIX}`);
        if (value.includes('%2f')) fail(`must not contain '%2f'${PATH_RULE_SUFFIX}`);
        if (value.includes('%2F')) fail(`must not contain '%2F'${PATH_RULE_SUFFIX}`);
        if (value.includes('#')) fail(`must not contain '#'${PATH_RULE_SUFFIX}`);
        if (value.endsWith('/..')) fail(`must not end with '/..'${PATH_RULE_SUFFIX}`);
        if (value.endsWith('/.')) fail(`must not end with '/.'${PATH_RULE_SUFFIX}`);
        if (!PATTERNS[PATH_CHARS_PATTERN]!.test(value)) fail(`must only contain valid characters (matching ${PATH_CHARS_PATTERN}) for types ['Exact', 'PathPrefix']`);
      } else if (type === 'RegularExpression') {
        this.regex(child(pPath, 'type'), 'path', value);
      }
      if (type !== undefined) matchPath = { type, value };
    }
    const headers = this.valueMatches(mo, 'headers', path, HEADER_VALUE, 'header');
    const queryParams = this.valueMatches(mo, 'queryParams', path, QUERY_VALUE, 'query parameter');
    const method = present(mo, 'method') ? this.enumAt(mo, 'method', path, HTTP_METHODS) : undefined;
    const match: Mutable<HTTPRouteMatch> = { path: matchPath, headers, queryParams };
    if (method !== undefined) match.method = method;
    return match;
  }

  private valueMatches(mo: Obj, key: string, parent: string, valueSchema: StringSchema, what: string): HTTPRouteMatch['headers'] {
    const items = this.objectsAt(mo, key, parent, HEADERS_LIST);
    if (items.length === 0) return [];
    const out: { type: HTTPValueMatchType; name: string; value: string }[] = [];
    for (const { o, path: p } of items) {
      this.known(o, p, ['name', 'type', 'value']);
      const hasName = this.required(o, 'name', p);
      const hasValue = this.required(o, 'value', p);
      const name = hasName ? this.stringAt(o, 'name', p, HEADER_NAME) : undefined;
      const value = hasValue ? this.stringAt(o, 'value', p, valueSchema) : undefined;
      const type = present(o, 'type') ? this.enumAt(o, 'type', p, VALUE_TYPES) : 'Exact';
      if (type === 'RegularExpression' && value !== undefined) this.regex(child(p, 'type'), what, value);
      if (name !== undefined && value !== undefined && type !== undefined) out.push({ type, name, value });
    }
    // Kept by the model for the analysis's life: no room left over from pushing.
    return out.slice();
  }

  /** A RegularExpression match: accepted by the API, its dialect left to each implementation. */
  private regex(path: string, what: string, value: string): void {
    this.report('gateway.match.regex', { path, what, value });
  }

  private filter(fo: Obj, path: string): HTTPRouteFilter | undefined {
    const { r } = this;
    this.known(fo, path, ['cors', 'extensionRef', 'requestHeaderModifier', 'requestMirror', 'requestRedirect', 'responseHeaderModifier', 'type', 'urlRewrite']);
    if (!this.required(fo, 'type', path)) return undefined;
    const type = this.enumAt(fo, 'type', path, FILTER_TYPES);
    // The CEL rules: a type's field is set exactly when the filter has that type.
    for (const t of FILTER_FIELD_ORDER) {
      const field = FILTER_FIELD[t]!;
      const written = typeof fo['type'] === 'string' ? fo['type'] : undefined;
      if (present(fo, field) && written !== t) this.cel(path, 'object', `filter.${field} must be nil if the filter.type is not ${t}`);
      if (!present(fo, field) && written === t) this.cel(path, 'object', `filter.${field} must be specified for ${t} filter.type`);
    }
    if (type === undefined) return undefined;
    if (type === 'RequestRedirect') {
      const ro = this.objAt(fo, 'requestRedirect', path);
      if (!ro) return undefined;
      const p = child(path, 'requestRedirect');
      this.known(ro, p, ['hostname', 'path', 'port', 'scheme', 'statusCode']);
      const scheme = present(ro, 'scheme') ? this.enumAt(ro, 'scheme', p, REDIRECT_SCHEMES) : undefined;
      const hostname = present(ro, 'hostname') ? this.stringAt(ro, 'hostname', p, PRECISE_HOSTNAME) : undefined;
      const port = present(ro, 'port') ? this.intAt(ro, 'port', p, 1, PORT_MAX) : undefined;
      let statusCode = 302;
      if (present(ro, 'statusCode')) {
        const v = ro['statusCode'];
        const code = typeof v === 'number' && Number.isInteger(v) ? v : r.int(v, child(p, 'statusCode'));
        if (code !== undefined && !(REDIRECT_CODES as readonly number[]).includes(code)) {
          this.report('gateway.unsupported', { path: child(p, 'statusCode'), value: code, supported: REDIRECT_CODES.map(String) });
        } else if (code !== undefined) statusCode = code;
      }
      const modifier = this.pathModifier(ro, p);
      return {
        type,
        statusCode,
        ...(scheme !== undefined ? { scheme } : {}),
        ...(hostname !== undefined ? { hostname } : {}),
        ...(port !== undefined ? { port } : {}),
        ...(modifier !== undefined ? { path: modifier } : {}),
      };
    }
    if (type === 'URLRewrite') {
      const uo = this.objAt(fo, 'urlRewrite', path);
      if (!uo) return undefined;
      const p = child(path, 'urlRewrite');
      this.known(uo, p, ['hostname', 'path']);
      const hostname = present(uo, 'hostname') ? this.stringAt(uo, 'hostname', p, PRECISE_HOSTNAME) : undefined;
      const modifier = this.pathModifier(uo, p);
      return { type, ...(hostname !== undefined ? { hostname } : {}), ...(modifier !== undefined ? { path: modifier } : {}) };
    }
    this.report('field.not-simulated', { path: child(path, 'type'), detail: `the ${type} filter is read, not simulated` });
    return { type: 'Other', name: type };
  }

  private pathModifier(o: Obj, parent: string): HTTPPathModifier | undefined {
    const mo = this.objAt(o, 'path', parent);
    if (!mo) return undefined;
    const path = child(parent, 'path');
    this.known(mo, path, ['replaceFullPath', 'replacePrefixMatch', 'type']);
    if (!this.required(mo, 'type', path)) return undefined;
    const written = typeof mo['type'] === 'string' ? mo['type'] : undefined;
    const type = this.enumAt(mo, 'type', path, PATH_MODIFIERS);
    const replaceFullPath = present(mo, 'replaceFullPath') ? this.stringAt(mo, 'replaceFullPath', path, PATH_VALUE) : undefined;
    const replacePrefixMatch = present(mo, 'replacePrefixMatch') ? this.stringAt(mo, 'replacePrefixMatch', path, PATH_VALUE) : undefined;
    if (written === 'ReplaceFullPath' && !present(mo, 'replaceFullPath')) this.cel(path, 'object', "replaceFullPath must be specified when type is set to 'ReplaceFullPath'");
    if (present(mo, 'replaceFullPath') && written !== 'ReplaceFullPath') this.cel(path, 'object', "type must be 'ReplaceFullPath' when replaceFullPath is set");
    if (written === 'ReplacePrefixMatch' && !present(mo, 'replacePrefixMatch')) this.cel(path, 'object', "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'");
    if (present(mo, 'replacePrefixMatch') && written !== 'ReplacePrefixMatch') this.cel(path, 'object', "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set");
    if (type === undefined) return undefined;
    return {
      type,
      ...(replaceFullPath !== undefined ? { replaceFullPath } : {}),
      ...(replacePrefixMatch !== undefined ? { replacePrefixMatch } : {}),
    };
  }

  /** The CEL rules on a `filters` list: redirect and rewrite exclude each other; some types once. */
  private filterListRules(items: readonly ListItem[], path: string): void {
    // One pass over the list: how often each unrepeatable type (redirect and rewrite among them) is used.
    const counts = UNREPEATABLE_FILTERS.map(() => 0);
    for (const f of items) {
      const i = (UNREPEATABLE_FILTERS as readonly unknown[]).indexOf(f.o['type']);
      if (i >= 0) counts[i]!++;
    }
    const count = (t: (typeof UNREPEATABLE_FILTERS)[number]): number => counts[UNREPEATABLE_FILTERS.indexOf(t)]!;
    if (count('RequestRedirect') > 0 && count('URLRewrite') > 0) {
      this.cel(path, 'array', 'May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both');
    }
    UNREPEATABLE_FILTERS.forEach((t, i) => {
      if (counts[i]! > 1) this.cel(path, 'array', `${t} filter cannot be repeated`);
    });
  }

  private backendRef(bo: Obj, path: string): HTTPBackendRef | undefined {
    this.known(bo, path, ['filters', 'group', 'kind', 'name', 'namespace', 'port', 'weight']);
    const ref = this.objectReference(bo, path, { group: '', kind: 'Service' });
    const port = present(bo, 'port') ? this.intAt(bo, 'port', path, 1, PORT_MAX) : undefined;
    const weight = present(bo, 'weight') ? (this.intAt(bo, 'weight', path, 0, WEIGHT_MAX) ?? 1) : 1;
    if (ref && ref.group === '' && ref.kind === 'Service' && !present(bo, 'port')) this.cel(path, 'object', 'Must have port for Service reference');
    if (present(bo, 'filters')) {
      const fPath = child(path, 'filters');
      const items = this.objects(bo['filters'], fPath, { max: MAX_FILTERS });
      for (const { o, path: p } of items) this.filter(o, p);
      if (items.length > 0) this.filterListRules(items, fPath);
      if (items.length > 0) this.report('field.not-simulated', { path: fPath, detail: 'filters on a backendRef are read, not simulated' });
    }
    if (!ref) return undefined;
    // Field by field, keys in the model's order: group, kind, name, namespace, port, weight.
    const backend = { group: ref.group, kind: ref.kind, name: ref.name } as Mutable<HTTPBackendRef>;
    if (ref.namespace !== undefined) backend.namespace = ref.namespace;
    if (port !== undefined) backend.port = port;
    backend.weight = weight;
    return backend;
  }

  // -- ReferenceGrant ----------------------------------------------------------------------------

  referenceGrant(o: Obj, meta: ObjectMeta): ReferenceGrantObject | undefined {
    const spec = this.spec(o);
    if (!spec) return undefined;
    this.known(spec, 'spec', ['from', 'to']);
    const hasFrom = this.required(spec, 'from', 'spec');
    const hasTo = this.required(spec, 'to', 'spec');
    const from: { group: string; kind: string; namespace: string }[] = [];
    const to: { group: string; kind: string; name?: string }[] = [];
    if (hasFrom) {
      for (const { o: fo, path } of this.objects(spec['from'], 'spec.from', { min: 1, max: MAX_GRANT_ENTRIES })) {
        this.known(fo, path, ['group', 'kind', 'namespace']);
        const g = this.required(fo, 'group', path) ? this.string(fo['group'], child(path, 'group'), { max: 253, pattern: GROUP_PATTERN }) : undefined;
        const k = this.required(fo, 'kind', path) ? this.string(fo['kind'], child(path, 'kind'), { min: 1, max: 63, pattern: KIND_PATTERN }) : undefined;
        const n = this.required(fo, 'namespace', path) ? this.string(fo['namespace'], child(path, 'namespace'), { min: 1, max: 63, pattern: NAMESPACE_PATTERN }) : undefined;
        if (g !== undefined && k !== undefined && n !== undefined) from.push({ group: g, kind: k, namespace: n });
      }
    }
    if (hasTo) {
      for (const { o: to_, path } of this.objects(spec['to'], 'spec.to', { min: 1, max: MAX_GRANT_ENTRIES })) {
        this.known(to_, path, ['group', 'kind', 'name']);
        const g = this.required(to_, 'group', path) ? this.string(to_['group'], child(path, 'group'), { max: 253, pattern: GROUP_PATTERN }) : undefined;
        const k = this.required(to_, 'kind', path) ? this.string(to_['kind'], child(path, 'kind'), { min: 1, max: 63, pattern: KIND_PATTERN }) : undefined;
        const n = present(to_, 'name') ? this.string(to_['name'], child(path, 'name'), { min: 1, max: 253 }) : undefined;
        if (g !== undefined && k !== undefined) to.push({ group: g, kind: k, ...(n !== undefined ? { name: n } : {}) });
      }
    }
    return { kind: 'ReferenceGrant', meta, from, to };
  }
}

/**
 * `read` of each item, in order, leaving out what it refuses, in an array of exactly that size:
 * the model keeps these lists for the analysis's life, and an array grown by `push` keeps room
 * for 17 (thousands of one-item lists per analysis with many routes).
 */
function readEach<T>(items: readonly ListItem[], read: (item: ListItem) => T | undefined): T[] {
  if (items.length === 0) return [];
  const out = new Array<T>(items.length);
  let n = 0;
  for (const item of items) {
    const value = read(item);
    if (value !== undefined) out[n++] = value;
  }
  out.length = n;
  return out;
}

/** How many filters set `field.path` to a ReplacePrefixMatch with its value (the CEL rules' count). */
function prefixModifiers(items: readonly ListItem[], field: 'requestRedirect' | 'urlRewrite'): number {
  let n = 0;
  for (const f of items) {
    const x = f.o[field];
    if (typeof x !== 'object' || x === null) continue;
    const p = (x as Obj)['path'];
    if (typeof p === 'object' && p !== null && (p as Obj)['type'] === 'ReplacePrefixMatch' && present(p as Obj, 'replacePrefixMatch')) n++;
  }
  return n;
}

/** Whether a rule has exactly one match, a PathPrefix one once defaulted (the CEL rules' `matches`). */
function onePrefixMatch(ro: Obj): boolean {
  const raw = ro['matches'];
  // Absent: the default, one PathPrefix `/`; present but not a list: none.
  if (!Array.isArray(raw)) return !present(ro, 'matches');
  if (raw.length !== 1) return false;
  const m: unknown = raw[0];
  if (typeof m !== 'object' || m === null) return true; // a null match defaults to PathPrefix `/`
  const p = (m as Obj)['path'];
  if (p === undefined || p === null) return true; // has(path) is true after defaulting
  if (typeof p !== 'object' || Array.isArray(p)) return false;
  const t = (p as Obj)['type'];
  return t === undefined || t === null || t === 'PathPrefix';
}

function defaultMatch(): HTTPRouteMatch {
  return { path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] };
}
