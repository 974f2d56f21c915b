/**
 * ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2) and the v1alpha1 AdminNetworkPolicy /
 * BaselineAdminNetworkPolicy, read into one ClusterPolicyObject and checked against their CRDs:
 * the schema's markers (required fields, enums, Minimum/Maximum, Min/MaxItems, the one-of
 * structs' Min/MaxProperties, unknown fields under kubectl's strict field validation) and the
 * CEL rules, in the words apiextensions-apiserver prints them.
 *
 * The API server refuses an object that breaks any of them, so a policy with an error is left
 * out of the model (an `info` says so) and the rest of the scenario still answers. Warnings (a
 * namespace on a cluster-scoped kind, an empty v1alpha1 port range) keep the policy.
 */
import type {
  ClusterPolicyAction,
  ClusterPolicyObject,
  ClusterPolicyPeer,
  ClusterPolicyPods,
  ClusterPolicyPort,
  ClusterPolicyRule,
  ClusterPolicyTier,
  ObjectMeta,
  Protocol,
} from '../types';
import { makeDiagnostic, type DiagnosticCode, type DiagnosticParams } from '../diagnostics';
import { parseCidr } from '../match/cidr';
import { child, rangeAt, type Obj, type Reader } from './read';

export type ClusterPolicyKind = ClusterPolicyObject['kind'];

/** The grammar that differs between the three kinds. */
interface Grammar {
  readonly specFields: readonly string[];
  /** `MaxItems` of `ingress`/`egress`, and of each rule's peers and ports. */
  readonly maxRules: number;
  readonly maxPeers: number;
  readonly maxPorts: number;
  /** The `action` enum, in the CRD's order. */
  readonly actions: readonly string[];
  readonly portsField: 'protocols' | 'ports';
  readonly egressPeers: readonly string[];
  /** The peers the egress rule's CEL rule forbids beside a named port, and its message. */
  readonly namedPortPeers: readonly string[];
  readonly namedPortMessage: string;
}

const NAMED_PORT_MESSAGE =
  'networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames';

const GRAMMAR: Readonly<Record<ClusterPolicyKind, Grammar>> = {
  ClusterNetworkPolicy: {
    specFields: ['tier', 'priority', 'subject', 'ingress', 'egress'],
    maxRules: 25,
    maxPeers: 25,
    maxPorts: 25,
    actions: ['Accept', 'Deny', 'Pass'],
    portsField: 'protocols',
    egressPeers: ['namespaces', 'pods', 'nodes', 'networks', 'domainNames'],
    namedPortPeers: ['networks', 'nodes', 'domainNames'],
    namedPortMessage: NAMED_PORT_MESSAGE,
  },
  AdminNetworkPolicy: {
    specFields: ['priority', 'subject', 'ingress', 'egress'],
    maxRules: 100,
    maxPeers: 100,
    maxPorts: 100,
    actions: ['Allow', 'Deny', 'Pass'],
    portsField: 'ports',
    egressPeers: ['namespaces', 'pods', 'nodes', 'networks', 'domainNames'],
    namedPortPeers: ['networks', 'nodes', 'domainNames'],
    namedPortMessage: NAMED_PORT_MESSAGE,
  },
  BaselineAdminNetworkPolicy: {
    specFields: ['subject', 'ingress', 'egress'],
    maxRules: 100,
    maxPeers: 100,
    maxPorts: 100,
    actions: ['Allow', 'Deny'],
    portsField: 'ports',
    egressPeers: ['namespaces', 'pods', 'nodes', 'networks'],
    namedPortPeers: ['networks', 'nodes'],
    namedPortMessage: 'networks/nodes peer cannot be set with namedPorts since there are no namedPorts for networks/nodes',
  },
};

export const CLUSTER_POLICY_KINDS: ReadonlySet<string> = new Set(Object.keys(GRAMMAR));

export function isClusterPolicyKind(kind: string): kind is ClusterPolicyKind {
  return CLUSTER_POLICY_KINDS.has(kind);
}

/** The CEL rule on BaselineAdminNetworkPolicy (v0.1.7), word for word. */
export const BANP_NAME_MESSAGE = 'Only one baseline admin network policy with metadata.name="default" can be created in the cluster';

const TIERS = ['Admin', 'Baseline'] as const;
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
const PRIORITY_MAX = 1000;
const PORT_MAX = 65535;
const NAME_MAX = 100;
const LIST_MAX = 25; // networks, domainNames
/** The CRD's pattern for a domain name (upstream spells `A-z` in two places; kept as is). */
const DOMAIN_PATTERN = '^(\\*\\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.?$';
const DOMAIN_RE = new RegExp(DOMAIN_PATTERN);

const present = (o: Obj, key: string): boolean => o[key] !== undefined && o[key] !== null;

/** CEL's `isCIDR` for IPv6 (the cluster is IPv4-only: such a CIDR is read and never matches). */
function isIPv6Cidr(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0) return false;
  const ip = s.slice(0, slash);
  const prefix = s.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(prefix) || Number(prefix) > 128) return false;
  if (!/^[0-9a-fA-F:.]+$/.test(ip) || !ip.includes(':')) return false;
  const halves = ip.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (groups.some((g) => g === '' || (!g.includes('.') && g.length > 4))) return false;
  return halves.length === 2 ? groups.length < 8 : groups.length === 8;
}

/**
 * Reads one cluster policy. Returns undefined when the API server would refuse it (every
 * error is in `r.diagnostics` at its line, then one `clusterpolicy.refused` note).
 *
 * @example
 * readClusterPolicy(r, doc.object, meta, 'ClusterNetworkPolicy')
 * // { kind: 'ClusterNetworkPolicy', tier: 'Admin', priority: 10, subject: {...}, ingress: [...], egress: [] }
 */
export function readClusterPolicy(r: Reader, o: Obj, meta: ObjectMeta, kind: ClusterPolicyKind): ClusterPolicyObject | undefined {
  const errorsBefore = countErrors(r);
  const policy = new PolicyReader(r, kind).read(o, meta);
  const errors = countErrors(r) - errorsBefore;
  if (errors === 0 && policy) return policy;
  r.diagnostics.push(
    makeDiagnostic('clusterpolicy.refused', { kind, name: meta.name, errors }, { path: 'metadata.name', range: rangeAt(r.doc, 'metadata.name'), ref: r.ref }),
  );
  return undefined;
}

function countErrors(r: Reader): number {
  let n = 0;
  for (const d of r.diagnostics) if (d.severity === 'error') n++;
  return n;
}

class PolicyReader {
  private readonly grammar: Grammar;

  constructor(
    private readonly r: Reader,
    private readonly kind: ClusterPolicyKind,
  ) {
    this.grammar = GRAMMAR[kind];
  }

  private report<C extends DiagnosticCode>(code: C, params: DiagnosticParams<C> & { path: string }, at: string = params.path): void {
    this.r.diagnostics.push(makeDiagnostic(code, params, { path: params.path, range: rangeAt(this.r.doc, at), ref: this.r.ref }));
  }

  /** An OpenAPI schema failure: `<path>: Invalid value: <value>: <path> in body should ...`. */
  private schema(path: string, value: unknown, should: string): void {
    this.report('clusterpolicy.invalid', { path, value, detail: `${path} in body ${should}` });
  }

  /** Fields the schema does not have: kubectl's strict field validation refuses them. */
  private known(o: Obj, path: string, fields: readonly string[]): void {
    for (const key of Object.keys(o)) {
      if (!fields.includes(key)) this.report('clusterpolicy.unknown-field', { path: child(path, key) });
    }
  }

  /** A struct of which exactly one field is set (`MinProperties=1`, `MaxProperties=1`). */
  private oneOf(o: Obj, path: string, fields: readonly string[]): string | undefined {
    const set = fields.filter((f) => present(o, f));
    const hint = `set exactly one of ${fields.join(', ')}`;
    if (set.length === 0) this.schema(path, 'object', `should have at least 1 properties (${hint})`);
    else if (set.length > 1) this.schema(path, 'object', `should have at most 1 properties (${hint}; found ${set.join(' and ')})`);
    return set.length === 1 ? set[0] : undefined;
  }

  /** A list with `MinItems`/`MaxItems`; an absent required list is `Required value`. */
  private items(v: unknown, path: string, opts: { required: boolean; min: 0 | 1; max: number }): readonly unknown[] | undefined {
    if (v === undefined || v === null) {
      if (opts.required) this.report('clusterpolicy.required', { path });
      return undefined;
    }
    if (!Array.isArray(v)) {
      this.r.typeError(path, v, 'list');
      return undefined;
    }
    if (v.length < opts.min) this.schema(path, v.length, `should have at least ${opts.min} items`);
    if (v.length > opts.max) this.report('clusterpolicy.too-many', { path, count: v.length, max: opts.max });
    return v as readonly unknown[];
  }

  private intIn(v: unknown, path: string, min: number, max: number, required: boolean): number | undefined {
    if (v === undefined || v === null) {
      if (required) this.report('clusterpolicy.required', { path });
      return undefined;
    }
    const n = this.r.int(v, path);
    if (n === undefined) return undefined;
    if (n < min) this.schema(path, n, `should be greater than or equal to ${min}`);
    else if (n > max) this.schema(path, n, `should be less than or equal to ${max}`);
    return n;
  }

  read(o: Obj, meta: ObjectMeta): ClusterPolicyObject | undefined {
    const { r, kind, grammar } = this;
    if (kind === 'BaselineAdminNetworkPolicy' && meta.name !== 'default') {
      this.r.diagnostics.push(
        makeDiagnostic('clusterpolicy.banp.name', { message: BANP_NAME_MESSAGE }, { path: 'metadata.name', range: rangeAt(r.doc, 'metadata.name'), ref: r.ref }),
      );
    }
    if (!present(o, 'spec')) {
      this.report('clusterpolicy.required', { path: 'spec' });
      return undefined;
    }
    const spec = r.obj(o['spec'], 'spec');
    if (!spec) return undefined;
    this.known(spec, 'spec', grammar.specFields);

    let tier: ClusterPolicyTier = kind === 'BaselineAdminNetworkPolicy' ? 'Baseline' : 'Admin';
    if (kind === 'ClusterNetworkPolicy') {
      const t = present(spec, 'tier') ? r.str(spec['tier'], 'spec.tier') : undefined;
      if (!present(spec, 'tier')) this.report('clusterpolicy.required', { path: 'spec.tier' });
      else if (t !== undefined && !(TIERS as readonly string[]).includes(t)) this.report('clusterpolicy.unsupported', { path: 'spec.tier', value: t, supported: TIERS });
      else if (t !== undefined) tier = t as ClusterPolicyTier;
    }
    const priority = kind === 'BaselineAdminNetworkPolicy' ? 0 : (this.intIn(spec['priority'], 'spec.priority', 0, PRIORITY_MAX, true) ?? 0);
    const subject = this.subject(spec);
    const ingress = this.rules(spec['ingress'], 'spec.ingress', 'from');
    const egress = this.rules(spec['egress'], 'spec.egress', 'to');
    if (!subject) return undefined;
    return { kind, meta, tier, priority, subject, ingress, egress };
  }

  private subject(spec: Obj): ClusterPolicyPods | undefined {
    const path = 'spec.subject';
    if (!present(spec, 'subject')) {
      this.report('clusterpolicy.required', { path });
      return undefined;
    }
    const o = this.r.obj(spec['subject'], path);
    if (!o) return undefined;
    this.known(o, path, ['namespaces', 'pods']);
    return this.pods(o, path);
  }

  /** A `namespaces` / `pods` one-of (the subject, or a peer's first two forms). */
  private pods(o: Obj, path: string, which: string | undefined = this.oneOf(o, path, ['namespaces', 'pods'])): ClusterPolicyPods | undefined {
    if (which === 'namespaces') {
      const p = child(path, 'namespaces');
      if (!this.r.obj(o['namespaces'], p)) return undefined;
      return { kind: 'namespaces', namespaceSelector: this.r.selector(o['namespaces'], p) };
    }
    if (which !== 'pods') return undefined;
    const p = child(path, 'pods');
    const po = this.r.obj(o['pods'], p);
    if (!po) return undefined;
    this.known(po, p, ['namespaceSelector', 'podSelector']);
    // v1alpha2 marks namespaceSelector optional (absent = every namespace); v1alpha1 requires it.
    if (!present(po, 'namespaceSelector') && this.kind !== 'ClusterNetworkPolicy') this.report('clusterpolicy.required', { path: child(p, 'namespaceSelector') });
    if (!present(po, 'podSelector')) this.report('clusterpolicy.required', { path: child(p, 'podSelector') });
    return {
      kind: 'pods',
      namespaceSelector: this.r.selector(po['namespaceSelector'], child(p, 'namespaceSelector')),
      podSelector: this.r.selector(po['podSelector'], child(p, 'podSelector')),
    };
  }

  private rules(v: unknown, path: string, peersField: 'from' | 'to'): ClusterPolicyRule[] {
    const { grammar } = this;
    const out: ClusterPolicyRule[] = [];
    // No MinItems on the rule lists: `ingress: []` is the same as no ingress rules.
    const list = this.items(v, path, { required: false, min: 0, max: grammar.maxRules });
    if (!list) return out;
    list.forEach((rule, i) => {
      const rPath = child(path, i);
      const ro = rule === null ? {} : this.r.obj(rule, rPath);
      if (!ro) return;
      const read = this.rule(ro, rPath, peersField);
      if (read) out.push(read);
    });
    return out;
  }

  private rule(ro: Obj, rPath: string, peersField: 'from' | 'to'): ClusterPolicyRule | undefined {
    const { r, grammar } = this;
    this.known(ro, rPath, ['name', 'action', peersField, grammar.portsField]);
    const name = r.str(ro['name'], child(rPath, 'name')) ?? '';
    if (name.length > NAME_MAX) this.report('clusterpolicy.too-long', { path: child(rPath, 'name'), max: NAME_MAX });
    let action: ClusterPolicyAction | undefined;
    const aPath = child(rPath, 'action');
    if (!present(ro, 'action')) this.report('clusterpolicy.required', { path: aPath });
    else {
      const a = r.str(ro['action'], aPath);
      if (a !== undefined && !grammar.actions.includes(a)) this.report('clusterpolicy.unsupported', { path: aPath, value: a, supported: grammar.actions });
      else if (a !== undefined) action = a === 'Allow' ? 'Accept' : (a as ClusterPolicyAction);
    }
    const pPath = child(rPath, peersField);
    const peers: ClusterPolicyPeer[] = [];
    const peerForms = new Set<string>();
    const allowed = peersField === 'from' ? ['namespaces', 'pods'] : grammar.egressPeers;
    this.items(ro[peersField], pPath, { required: true, min: 1, max: grammar.maxPeers })?.forEach((peer, j) => {
      const path = child(pPath, j);
      const po = r.obj(peer, path) ?? (peer === null ? {} : undefined);
      if (!po) return;
      this.known(po, path, allowed);
      const which = this.oneOf(po, path, allowed);
      if (which !== undefined) peerForms.add(which);
      const read = this.peer(po, path, which);
      if (read) peers.push(read);
    });
    const portsPath = child(rPath, grammar.portsField);
    let ports: ClusterPolicyPort[] | undefined;
    let namedPortAt: string | undefined;
    const list = this.items(ro[grammar.portsField], portsPath, { required: false, min: 1, max: grammar.maxPorts });
    if (list) {
      ports = [];
      list.forEach((p, k) => {
        const path = child(portsPath, k);
        const po = r.obj(p, path) ?? (p === null ? {} : undefined);
        if (!po) return;
        const read = grammar.portsField === 'protocols' ? this.protocol(po, path) : this.port(po, path);
        if (!read) return;
        if (read.kind === 'namedPort') namedPortAt ??= path;
        ports?.push(read);
      });
    }
    // The egress rule's CEL rule: a named port exists only on pods.
    if (peersField === 'to' && namedPortAt !== undefined && grammar.namedPortPeers.some((f) => peerForms.has(f))) {
      this.report('clusterpolicy.named-port.forbidden', { path: rPath, value: 'object', detail: grammar.namedPortMessage }, namedPortAt);
    }
    if (action === undefined) return undefined;
    return { name, action, peers, ...(ports !== undefined ? { ports } : {}) };
  }

  private peer(po: Obj, path: string, which: string | undefined): ClusterPolicyPeer | undefined {
    const { r } = this;
    if (which === 'namespaces' || which === 'pods') return this.pods(po, path, which);
    if (which === 'nodes') {
      const p = child(path, 'nodes');
      if (!r.obj(po['nodes'], p)) return undefined;
      return { kind: 'nodes', nodeSelector: r.selector(po['nodes'], p) };
    }
    if (which === 'networks') {
      const p = child(path, 'networks');
      const cidrs: string[] = [];
      const seen = new Set<string>();
      this.items(po['networks'], p, { required: false, min: 1, max: LIST_MAX })?.forEach((c, i) => {
        const cPath = child(p, i);
        const s = r.str(c, cPath);
        if (s === undefined) return;
        if (seen.has(s)) this.report('clusterpolicy.duplicate', { path: cPath, value: s });
        seen.add(s);
        if (parseCidr(s)) cidrs.push(s);
        else if (isIPv6Cidr(s)) {
          this.report('field.not-simulated', { path: cPath, detail: `${JSON.stringify(s)} is IPv6; the simulated cluster is IPv4-only, so it matches no address` });
        } else this.report('clusterpolicy.invalid', { path: cPath, value: 'string', detail: 'Invalid CIDR format provided' });
      });
      return { kind: 'networks', cidrs };
    }
    if (which === 'domainNames') {
      const p = child(path, 'domainNames');
      const names: string[] = [];
      this.items(po['domainNames'], p, { required: false, min: 1, max: LIST_MAX })?.forEach((d, i) => {
        const dPath = child(p, i);
        const s = r.str(d, dPath);
        if (s === undefined) return;
        if (!DOMAIN_RE.test(s)) this.schema(dPath, s, `should match '${DOMAIN_PATTERN}'`);
        names.push(s);
      });
      this.report('field.not-simulated', {
        path: p,
        detail: 'domainNames are read but not simulated (the playground has no DNS names outside the cluster to match): this peer matches no traffic',
      });
      return { kind: 'domainNames', domainNames: names };
    }
    return undefined;
  }

  /** v1alpha2 `protocols[]`: one of tcp/udp/sctp `{destinationPort: {number} | {range}}`, or `destinationNamedPort`. */
  private protocol(po: Obj, path: string): ClusterPolicyPort | undefined {
    const { r } = this;
    const fields = ['tcp', 'udp', 'sctp', 'destinationNamedPort'];
    this.known(po, path, fields);
    const which = this.oneOf(po, path, fields);
    if (which === undefined) return undefined;
    if (which === 'destinationNamedPort') {
      const name = r.str(po['destinationNamedPort'], child(path, 'destinationNamedPort'));
      return name === undefined ? undefined : { kind: 'namedPort', name };
    }
    const protocol = which.toUpperCase() as Protocol;
    const pPath = child(path, which);
    const proto = r.obj(po[which], pPath);
    if (!proto) return undefined;
    this.known(proto, pPath, ['destinationPort']);
    if (!present(proto, 'destinationPort')) {
      this.schema(pPath, 'object', 'should have at least 1 properties');
      return undefined;
    }
    const dPath = child(pPath, 'destinationPort');
    const dest = r.obj(proto['destinationPort'], dPath);
    if (!dest) return undefined;
    this.known(dest, dPath, ['number', 'range']);
    const form = this.oneOf(dest, dPath, ['number', 'range']);
    if (form === 'number') {
      const port = this.intIn(dest['number'], child(dPath, 'number'), 1, PORT_MAX, true);
      return port === undefined ? undefined : { kind: 'port', protocol, port };
    }
    if (form !== 'range') return undefined;
    const rgPath = child(dPath, 'range');
    const range = r.obj(dest['range'], rgPath);
    if (!range) return undefined;
    this.known(range, rgPath, ['start', 'end']);
    const start = this.intIn(range['start'], child(rgPath, 'start'), 1, PORT_MAX, true);
    const end = this.intIn(range['end'], child(rgPath, 'end'), 1, PORT_MAX, true);
    if (start === undefined || end === undefined) return undefined;
    if (start >= end) this.report('clusterpolicy.invalid', { path: rgPath, value: 'object', detail: 'Start port must be less than End port' });
    return { kind: 'port', protocol, port: start, endPort: end };
  }

  /** v1alpha1 `ports[]`: one of portNumber `{protocol, port}`, namedPort, portRange `{protocol, start, end}`. */
  private port(po: Obj, path: string): ClusterPolicyPort | undefined {
    const { r } = this;
    const fields = ['portNumber', 'namedPort', 'portRange'];
    this.known(po, path, fields);
    const which = this.oneOf(po, path, fields);
    if (which === 'namedPort') {
      const name = r.str(po['namedPort'], child(path, 'namedPort'));
      return name === undefined ? undefined : { kind: 'namedPort', name };
    }
    if (which === undefined) return undefined;
    const p = child(path, which);
    const o = r.obj(po[which], p);
    if (!o) return undefined;
    const protocol = this.protocolName(o, p);
    if (which === 'portNumber') {
      this.known(o, p, ['protocol', 'port']);
      const port = this.intIn(o['port'], child(p, 'port'), 1, PORT_MAX, true);
      return port === undefined || protocol === undefined ? undefined : { kind: 'port', protocol, port };
    }
    this.known(o, p, ['protocol', 'start', 'end']);
    const start = this.intIn(o['start'], child(p, 'start'), 1, PORT_MAX, true);
    const end = this.intIn(o['end'], child(p, 'end'), 1, PORT_MAX, true);
    if (start === undefined || end === undefined || protocol === undefined) return undefined;
    // v1alpha1 has no CEL rule on the order (v1alpha2 added one): the range is just empty.
    if (start > end) this.report('clusterpolicy.port-range.empty', { path: p, start, end });
    return { kind: 'port', protocol, port: start, endPort: end };
  }

  /** v1alpha1's `protocol` (a core `Protocol`, defaulted to TCP). */
  private protocolName(o: Obj, path: string): Protocol | undefined {
    const p = child(path, 'protocol');
    if (!present(o, 'protocol')) return 'TCP';
    const s = this.r.str(o['protocol'], p);
    if (s === undefined) return undefined;
    if (!(PROTOCOLS as readonly string[]).includes(s)) {
      // The CRD has no enum here, but no implementation can match another protocol: refused.
      this.report('clusterpolicy.unsupported', { path: p, value: s, supported: PROTOCOLS });
      return undefined;
    }
    return s as Protocol;
  }
}

