/**
 * Stage 3b: what the API server would refuse, in its own words, at the field's source range —
 * and the project's own warnings about objects that do not fit together (a Service selecting
 * nothing, an Ingress backend that does not exist, a policy the CNI does not enforce).
 *
 * The API rules read the raw documents (so a value the normalizer had to replace by its
 * default is still reported as written); the cross-object warnings read the built Cluster.
 * Rules cite `pkg/apis/core/validation`, `pkg/apis/networking/validation`,
 * `pkg/apis/apps/validation` and `k8s.io/apimachinery/pkg/util/validation` (kubernetes/kubernetes).
 */
import type {
  Cluster,
  ClusterPod,
  ClusterService,
  Diagnostic,
  IngressBackend,
  Labels,
  LabelSelector,
  LabelSelectorRequirement,
  ManifestDocument,
  NormalizedManifests,
  ObjectMeta,
} from '../types';
import { makeDiagnostic, type DiagnosticCode, type DiagnosticParams } from '../diagnostics';
import { matchesSelector } from '../match/labels';
import { formatIPv4, parseCidr, parseIPv4 } from '../match/cidr';
import { CNI_PLUGINS } from '../cni-plugins';
import { CLUSTER_SCOPED_KINDS, SIMULATED_KINDS, refForObject } from './normalize';
import { isObj, rangeAt, type Obj } from './read';
import { clusterPolicyWarnings } from './cluster-policy-lint';
import { gatewayWarnings } from './gateway-lint';
import { maxLenError, nameErrors, regexError, wildcardErrors, type NameRule } from './name-formats';

/** `IsValidPortName`. */
function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.length > 0 && (name.startsWith('-') || name.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
/** `TotalAnnotationSizeLimitB` (apimachinery's ObjectMeta validation): keys and values, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

/** Go's `len` of a string: its UTF-8 bytes. */
function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * `IsQualifiedName`: a label key (or annotation key), an optional DNS-subdomain prefix and
 * `/`, then a name of at most 63 characters.
 *
 * @example qualifiedNameErrors('-bad') // ["name part must consist of alphanumeric characters, ..."]
 */
export function qualifiedNameErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const msg of nameErrors(prefix, 'dns1123-subdomain')) errs.push(`prefix part ${msg}`);
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!QUALIFIED_NAME_RE.test(name)) errs.push(`name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** `IsValidLabelValue`: empty, or at most 63 characters starting and ending alphanumeric. */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/**
 * Metadata name rule per kind, as each API group's `Validate*Name` applies it: Services are
 * DNS-1035 labels (`ValidateServiceName`), Namespaces and StatefulSets DNS-1123 labels
 * (`ValidateNamespaceName`, `ValidateStatefulSetName`), the rest DNS-1123 subdomains.
 */
const NAME_RULES: Readonly<Record<string, NameRule>> = {
  Service: 'dns1035-label',
  Namespace: 'dns1123-label',
  StatefulSet: 'dns1123-label',
  Pod: 'dns1123-subdomain',
  Node: 'dns1123-subdomain',
  Deployment: 'dns1123-subdomain',
  ReplicaSet: 'dns1123-subdomain',
  DaemonSet: 'dns1123-subdomain',
  Endpoints: 'dns1123-subdomain',
  EndpointSlice: 'dns1123-subdomain',
  Ingress: 'dns1123-subdomain',
  IngressClass: 'dns1123-subdomain',
  NetworkPolicy: 'dns1123-subdomain',
  // Custom resources: apiextensions-apiserver checks every name as a DNS-1123 subdomain.
  ClusterNetworkPolicy: 'dns1123-subdomain',
  AdminNetworkPolicy: 'dns1123-subdomain',
  BaselineAdminNetworkPolicy: 'dns1123-subdomain',
};

const SERVICE_PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const; // supportedPortProtocols.List(): sorted
const POLICY_PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const; // as ValidateNetworkPolicyPort lists them
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] as const;
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

// ---------------------------------------------------------------------------------------------

interface Ctx {
  readonly doc: ManifestDocument;
  readonly ref: string;
  readonly out: Diagnostic[];
}

function report<C extends DiagnosticCode>(ctx: Ctx, code: C, params: DiagnosticParams<C> & { path: string }): void {
  ctx.out.push(makeDiagnostic(code, params, { path: params.path, range: rangeAt(ctx.doc, params.path), ref: ctx.ref }));
}

/**
 * `qualifiedNameErrors` of a label or annotation key, remembered: every object repeats the same
 * few keys (`app`, `tier`, `app.kubernetes.io/name`), and the answer is a function of the text
 * alone. Bounded, so a long session cannot grow it without end.
 */
const keyErrorsMemo = new Map<string, readonly string[]>();
function labelKeyErrors(key: string): readonly string[] {
  let errors = keyErrorsMemo.get(key);
  if (errors === undefined) {
    errors = qualifiedNameErrors(key);
    if (keyErrorsMemo.size >= 10_000) keyErrorsMemo.clear();
    keyErrorsMemo.set(key, errors);
  }
  return errors;
}

/** `ValidateLabels`: each key by `IsQualifiedName`, each value by `IsValidLabelValue`; the error names the map, the range is the key's line. */
function validateLabels(ctx: Ctx, v: unknown, path: string): void {
  if (!isObj(v)) return;
  for (const key of Object.keys(v)) {
    const value = v[key];
    const keyErrors = labelKeyErrors(key);
    // normalize reported a value that is not a string
    const valueErrors = typeof value === 'string' ? labelValueErrors(value) : [];
    if (keyErrors.length === 0 && valueErrors.length === 0) continue; // the common case: no range looked up
    const at = { path, range: rangeAt(ctx.doc, `${path}.${key}`), ref: ctx.ref };
    for (const detail of keyErrors) ctx.out.push(makeDiagnostic('label.invalid', { path, value: key, detail }, at));
    for (const detail of valueErrors) ctx.out.push(makeDiagnostic('label.invalid', { path, value, detail }, at));
  }
}

/** `ValidateAnnotations`: keys as qualified names (case does not matter), keys and values at most 256 KiB in all. */
function validateAnnotations(ctx: Ctx, v: unknown, path: string): void {
  if (!isObj(v)) return;
  let total = 0;
  for (const key of Object.keys(v)) {
    const keyErrors = labelKeyErrors(key.toLowerCase());
    if (keyErrors.length > 0) {
      const at = { path, range: rangeAt(ctx.doc, `${path}.${key}`), ref: ctx.ref };
      for (const detail of keyErrors) ctx.out.push(makeDiagnostic('label.invalid', { path, value: key, detail }, at));
    }
    const value = v[key];
    total += byteLength(key) + (typeof value === 'string' ? byteLength(value) : 0);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) report(ctx, 'annotations.too-long', { path, limit: TOTAL_ANNOTATION_SIZE_LIMIT_B });
}

/** `ValidateObjectMeta`'s labels and annotations, at `metadata` or a pod template's. */
function validateMetaMaps(ctx: Ctx, meta: Obj, path: string): void {
  validateLabels(ctx, meta['labels'], `${path}.labels`);
  validateAnnotations(ctx, meta['annotations'], `${path}.annotations`);
}

const isPortNum = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;
const objOf = (v: unknown): Obj => (isObj(v) ? v : {});
const listOf = (v: unknown): readonly unknown[] => (Array.isArray(v) ? (v as readonly unknown[]) : []);
const strOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * API-server validation of every document, plus cross-object warnings from the built cluster.
 * Never throws: a bug becomes an `internal` diagnostic.
 *
 * @example
 * validateManifests(parsed.documents, normalized.manifests, built.cluster)
 * // [{ code: 'service.nodeport.range', message: 'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767', range: {...} }]
 */
export function validateManifests(
  documents: readonly ManifestDocument[],
  manifests: NormalizedManifests,
  cluster: Cluster,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const allocatedNodePorts: Record<string, string> = {};
  for (const doc of documents) {
    if (reuseClean(doc, allocatedNodePorts)) continue;
    const before = out.length;
    const claims: [string, string][] = [];
    try {
      validateDocument(doc, out, allocatedNodePorts, claims);
      if (out.length === before && typeof doc.object === 'object' && doc.object !== null) cleanDocuments.set(doc.object, claims);
    } catch (error) {
      out.push(internal(error, doc));
    }
  }
  try {
    for (const d of crossObjectWarnings(documents, manifests, cluster)) out.push(d);
  } catch (error) {
    out.push(internal(error, undefined));
  }
  return out;
}

/**
 * Documents that validated without a diagnostic, by their parsed object (the parse cache hands
 * back the same object for a document whose text did not change), with the node ports a
 * Service among them took (`[port, service]`). A clean document's answer does not depend on
 * where it is, only on the node ports the documents before it took: it is reused when none of
 * its ports is taken by another Service, and read again otherwise (to report the clash).
 */
const cleanDocuments = new WeakMap<object, readonly (readonly [string, string])[]>();

function reuseClean(doc: ManifestDocument, nodePorts: Record<string, string>): boolean {
  const claims = cleanDocuments.get(doc.object);
  if (claims === undefined) return false;
  for (const [key, id] of claims) if (nodePorts[key] !== undefined && nodePorts[key] !== id) return false;
  for (const [key, id] of claims) nodePorts[key] = id;
  return true;
}

function internal(error: unknown, doc: ManifestDocument | undefined): Diagnostic {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return makeDiagnostic('internal', { stage: 'validate', detail }, doc ? { range: doc.range } : {});
}

function validateDocument(doc: ManifestDocument, out: Diagnostic[], nodePorts: Record<string, string>, claims: [string, string][]): void {
  const expected = SIMULATED_KINDS[doc.kind];
  // Not simulated, or the wrong apiVersion (normalize said so): nothing to validate here.
  if (expected === undefined || expected !== doc.apiVersion || doc.kind === 'Scenario') return;
  const o = doc.object;
  const meta = objOf(o['metadata']);
  const name = strOf(meta['name']);
  if (!name) return; // normalize reported `metadata.name: Required value`
  const namespaced = !CLUSTER_SCOPED_KINDS.has(doc.kind);
  const namespace = namespaced ? strOf(meta['namespace']) || 'default' : '';
  const ctx: Ctx = { doc, ref: refForObject(doc.kind, namespace, name), out };

  // ValidateObjectMeta: the name by the kind's rule, the namespace as a DNS-1123 label.
  const rule = NAME_RULES[doc.kind];
  if (rule) {
    for (const detail of nameErrors(name, rule)) report(ctx, 'metadata.name.invalid', { path: 'metadata.name', value: name, detail });
  }
  const ns = strOf(meta['namespace']);
  if (namespaced && ns) {
    for (const detail of nameErrors(ns, 'dns1123-label')) report(ctx, 'metadata.namespace.invalid', { path: 'metadata.namespace', value: ns, detail });
  }
  validateMetaMaps(ctx, meta, 'metadata');

  const spec = objOf(o['spec']);
  switch (doc.kind) {
    case 'Service':
      validateService(ctx, spec, nodePorts, `${namespace}/${name}`, claims);
      return;
    case 'Pod':
      validatePodSpec(ctx, spec, 'spec');
      return;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      validateWorkload(ctx, spec);
      return;
    case 'NetworkPolicy':
      validateNetworkPolicy(ctx, spec);
      return;
    case 'Ingress':
      validateIngress(ctx, spec);
      return;
    case 'IngressClass':
      if (!strOf(spec['controller'])) report(ctx, 'ingressclass.controller.required', { path: 'spec.controller' });
      return;
  }
}

// ---------------------------------------------------------------------------------------------
// Service (ValidateService, validateServicePort, the NodePort allocator)

function validateService(ctx: Ctx, spec: Obj, nodePorts: Record<string, string>, id: string, claims: [string, string][]): void {
  const typeRaw = spec['type'];
  const type = typeof typeRaw === 'string' ? typeRaw : 'ClusterIP';
  if (typeof typeRaw === 'string' && !(SERVICE_TYPES as readonly string[]).includes(typeRaw)) {
    report(ctx, 'service.type.unsupported', { path: 'spec.type', value: typeRaw, supported: SERVICE_TYPES });
  }
  const clusterIP = strOf(spec['clusterIP']);
  const headless = clusterIP === 'None';
  if (clusterIP && !headless && parseIPv4(clusterIP) === undefined && !looksLikeIPv6(clusterIP)) {
    report(ctx, 'service.clusterip.invalid', {
      path: 'spec.clusterIP',
      value: clusterIP,
      detail: 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    });
  }
  if (type === 'ExternalName' && !strOf(spec['externalName'])) report(ctx, 'service.externalname.required', { path: 'spec.externalName' });
  validateLabels(ctx, spec['selector'], 'spec.selector');

  const ports = listOf(spec['ports']);
  if (ports.length === 0 && !headless && type !== 'ExternalName') report(ctx, 'service.ports.required', { path: 'spec.ports' });
  const names = new Set<string>();
  const ownNodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const path = `spec.ports[${i}]`;
    const po = objOf(p);
    const name = strOf(po['name']) ?? '';
    if (ports.length > 1 && name === '') {
      report(ctx, 'service.port.name-required', { path: `${path}.name` });
    } else if (name !== '') {
      for (const detail of nameErrors(name, 'dns1123-label')) report(ctx, 'port.name.invalid', { path: `${path}.name`, value: name, detail });
      if (names.has(name)) report(ctx, 'service.port.name-duplicate', { path: `${path}.name`, value: name });
      names.add(name);
    }
    const port = po['port'];
    if (typeof port === 'number' && !isPortNum(port)) report(ctx, 'port.range', { path: `${path}.port`, value: port });
    if (port === undefined || port === null) report(ctx, 'port.range', { path: `${path}.port`, value: 0 });
    const protocol = po['protocol'];
    if (typeof protocol === 'string' && !(SERVICE_PROTOCOLS as readonly string[]).includes(protocol)) {
      report(ctx, 'protocol.unsupported', { path: `${path}.protocol`, value: protocol, supported: SERVICE_PROTOCOLS });
    }
    validatePortNumOrName(ctx, po['targetPort'], `${path}.targetPort`, true);

    const nodePort = po['nodePort'];
    if (typeof nodePort !== 'number' || nodePort === 0) return;
    const nodePortPath = `${path}.nodePort`;
    if (type === 'ClusterIP' || type === 'ExternalName') {
      report(ctx, 'service.nodeport.forbidden', { path: nodePortPath, detail: `may not be used when \`type\` is '${type}'` });
      return;
    }
    // The NodePort allocator (pkg/registry/core/service/portallocator): range, then uniqueness.
    if (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX) {
      report(ctx, 'service.nodeport.range', { path: nodePortPath, value: nodePort });
      return;
    }
    const protocolKey = `${nodePort}/${typeof protocol === 'string' ? protocol : 'TCP'}`;
    if (ownNodePorts.has(protocolKey)) {
      report(ctx, 'field.duplicate', { path: nodePortPath, value: nodePort });
      return;
    }
    ownNodePorts.add(protocolKey);
    const key = String(nodePort);
    if (nodePorts[key] !== undefined && nodePorts[key] !== id) {
      report(ctx, 'service.nodeport.allocated', { path: nodePortPath, value: nodePort });
    } else {
      nodePorts[key] = id;
      claims.push([key, id]);
    }
  });

  const etp = spec['externalTrafficPolicy'];
  if (typeof etp === 'string' && etp !== '') {
    if (etp !== 'Cluster' && etp !== 'Local') {
      report(ctx, 'service.policy.unsupported', { path: 'spec.externalTrafficPolicy', value: etp, supported: ['Cluster', 'Local'] });
    } else if (type !== 'NodePort' && type !== 'LoadBalancer') {
      report(ctx, 'field.invalid', {
        path: 'spec.externalTrafficPolicy',
        value: etp,
        detail: "may only be set when `type` is 'NodePort' or 'LoadBalancer'",
      });
    }
  }
  const itp = spec['internalTrafficPolicy'];
  if (typeof itp === 'string' && itp !== 'Cluster' && itp !== 'Local') {
    report(ctx, 'service.policy.unsupported', { path: 'spec.internalTrafficPolicy', value: itp, supported: ['Cluster', 'Local'] });
  }
  const affinity = spec['sessionAffinity'];
  if (typeof affinity === 'string' && affinity !== 'None' && affinity !== 'ClientIP') {
    report(ctx, 'service.policy.unsupported', { path: 'spec.sessionAffinity', value: affinity, supported: ['ClientIP', 'None'] });
  }
}

/** `ValidatePortNumOrName` (targetPort 0 / absent is defaulted to `port`, so allowed here). */
function validatePortNumOrName(ctx: Ctx, v: unknown, path: string, zeroAllowed: boolean): void {
  if (typeof v === 'number') {
    if (zeroAllowed && v === 0) return;
    if (!isPortNum(v)) report(ctx, 'port.range', { path, value: v });
  } else if (typeof v === 'string' && v !== '') {
    for (const detail of portNameErrors(v)) report(ctx, 'port.name.invalid', { path, value: v, detail });
  }
}

function looksLikeIPv6(s: string): boolean {
  return /^[0-9a-fA-F:.]+$/.test(s) && s.includes(':') && s.split('::').length <= 2;
}

// ---------------------------------------------------------------------------------------------
// Pods and workloads

function validatePodSpec(ctx: Ctx, spec: Obj, specPath: string): void {
  listOf(spec['containers']).forEach((c, i) => {
    const cPath = `${specPath}.containers[${i}]`;
    listOf(objOf(c)['ports']).forEach((p, j) => {
      const pPath = `${cPath}.ports[${j}]`;
      const po = objOf(p);
      const containerPort = po['containerPort'];
      if (typeof containerPort === 'number' && !isPortNum(containerPort)) report(ctx, 'port.range', { path: `${pPath}.containerPort`, value: containerPort });
      if (containerPort === undefined || containerPort === null) report(ctx, 'port.range', { path: `${pPath}.containerPort`, value: 0 });
      const name = strOf(po['name']);
      if (name) for (const detail of portNameErrors(name)) report(ctx, 'port.name.invalid', { path: `${pPath}.name`, value: name, detail });
      const protocol = po['protocol'];
      if (typeof protocol === 'string' && !(SERVICE_PROTOCOLS as readonly string[]).includes(protocol)) {
        report(ctx, 'protocol.unsupported', { path: `${pPath}.protocol`, value: protocol, supported: SERVICE_PROTOCOLS });
      }
    });
  });
}

/** Go's `%#v` of a `map[string]string`, which the API server prints for label maps. */
function goStringMap(m: Obj): string {
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(m[k]))}`).join(', ')}}`;
}

function validateWorkload(ctx: Ctx, spec: Obj): void {
  const template = objOf(spec['template']);
  validateMetaMaps(ctx, objOf(template['metadata']), 'spec.template.metadata');
  validatePodSpec(ctx, objOf(template['spec']), 'spec.template.spec');
  const selector = spec['selector'];
  if (selector === undefined || selector === null) {
    report(ctx, 'field.required', { path: 'spec.selector' });
    return;
  }
  const sel = toSelector(selector);
  validateSelector(ctx, selector, 'spec.selector');
  const labels = objOf(objOf(template['metadata'])['labels']);
  const labelMap: Record<string, string> = {};
  for (const k of Object.keys(labels)) if (typeof labels[k] === 'string') labelMap[k] = labels[k];
  // ValidateDeploymentSpec etc.: the selector must be non-empty and match the template's labels.
  if (Object.keys(sel.matchLabels).length === 0 && sel.matchExpressions.length === 0) {
    report(ctx, 'field.invalid', { path: 'spec.selector', value: selector, detail: 'empty selector is invalid for deployment' });
  } else if (!matchesSelector(sel, labelMap)) {
    // field.Invalid prints the Go value: the label map in Go's notation.
    const path = 'spec.template.metadata.labels';
    ctx.out.push({
      ...makeDiagnostic('field.invalid', { path, detail: '' }, { path, range: rangeAt(ctx.doc, path), ref: ctx.ref }),
      message: `${path}: Invalid value: ${goStringMap(labels)}: \`selector\` does not match template \`labels\``,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Label selectors (ValidateLabelSelector)

function toSelector(v: unknown): LabelSelector {
  const o = objOf(v);
  const matchLabels: Record<string, string> = {};
  const ml = objOf(o['matchLabels']);
  for (const k of Object.keys(ml)) if (typeof ml[k] === 'string') matchLabels[k] = ml[k];
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const e of listOf(o['matchExpressions'])) {
    const eo = objOf(e);
    const operator = strOf(eo['operator']);
    if (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist') continue;
    const values = listOf(eo['values']).filter((x): x is string => typeof x === 'string');
    matchExpressions.push({ key: strOf(eo['key']) ?? '', operator, values });
  }
  return { matchLabels, matchExpressions };
}

function validateSelector(ctx: Ctx, v: unknown, path: string): void {
  validateLabels(ctx, objOf(v)['matchLabels'], `${path}.matchLabels`);
  listOf(objOf(v)['matchExpressions']).forEach((e, i) => {
    const ePath = `${path}.matchExpressions[${i}]`;
    const eo = objOf(e);
    const operator = eo['operator'];
    const values = listOf(eo['values']);
    // ValidateLabelSelectorRequirement: the key is a label key, each value a label value.
    const key = eo['key'];
    if (typeof key === 'string') {
      for (const detail of qualifiedNameErrors(key)) report(ctx, 'label.invalid', { path: `${ePath}.key`, value: key, detail });
    }
    values.forEach((value, j) => {
      if (typeof value !== 'string') return;
      for (const detail of labelValueErrors(value)) report(ctx, 'label.invalid', { path: `${ePath}.values[${j}]`, value, detail });
    });
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) {
        report(ctx, 'field.required', { path: `${ePath}.values`, detail: "must be specified when `operator` is 'In' or 'NotIn'" });
      }
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) {
        report(ctx, 'field.forbidden', { path: `${ePath}.values`, detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" });
      }
    } else {
      report(ctx, 'selector.operator.invalid', { path: `${ePath}.operator`, value: operator ?? '', detail: 'not a valid selector operator' });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// NetworkPolicy (ValidateNetworkPolicySpec, ValidateNetworkPolicyPort/Peer, ValidateIPBlock)

function validateNetworkPolicy(ctx: Ctx, spec: Obj): void {
  validateSelector(ctx, spec['podSelector'], 'spec.podSelector');
  for (const [field, peersField] of [['ingress', 'from'], ['egress', 'to']] as const) {
    listOf(spec[field]).forEach((rule, i) => {
      const rPath = `spec.${field}[${i}]`;
      const ro = objOf(rule);
      listOf(ro['ports']).forEach((p, j) => validatePolicyPort(ctx, objOf(p), `${rPath}.ports[${j}]`));
      listOf(ro[peersField]).forEach((p, j) => validatePeer(ctx, objOf(p), `${rPath}.${peersField}[${j}]`));
    });
  }
  const types = listOf(spec['policyTypes']);
  if (types.length > 2) {
    report(ctx, 'networkpolicy.policytypes.invalid', { path: 'spec.policyTypes', value: types, detail: 'may not specify more than two policyTypes' });
    return;
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') {
      report(ctx, 'networkpolicy.policytypes.unsupported', { path: `spec.policyTypes[${i}]`, value: t, supported: ['Ingress', 'Egress'] });
    }
  });
}

function validatePolicyPort(ctx: Ctx, po: Obj, path: string): void {
  const protocol = po['protocol'];
  if (typeof protocol === 'string' && !(POLICY_PROTOCOLS as readonly string[]).includes(protocol)) {
    report(ctx, 'protocol.unsupported', { path: `${path}.protocol`, value: protocol, supported: POLICY_PROTOCOLS });
  }
  const port = po['port'];
  const endPort = po['endPort'];
  const hasEnd = typeof endPort === 'number';
  if (typeof port === 'number') {
    if (!isPortNum(port)) report(ctx, 'port.range', { path: `${path}.port`, value: port });
    if (hasEnd) {
      if (endPort < port) report(ctx, 'networkpolicy.endport', { path: `${path}.endPort`, value: endPort, detail: 'must be greater than or equal to `port`' });
      if (!isPortNum(endPort)) report(ctx, 'port.range', { path: `${path}.endPort`, value: endPort });
    }
  } else if (typeof port === 'string') {
    if (hasEnd) report(ctx, 'networkpolicy.endport', { path: `${path}.endPort`, value: endPort, detail: 'may not be specified when `port` is non-numeric' });
    for (const detail of portNameErrors(port)) report(ctx, 'port.name.invalid', { path: `${path}.port`, value: port, detail });
  } else if (hasEnd) {
    report(ctx, 'networkpolicy.endport', { path: `${path}.endPort`, value: endPort, detail: 'may not be specified when `port` is not specified' });
  }
}

function validatePeer(ctx: Ctx, po: Obj, path: string): void {
  let count = 0;
  const present = (k: string): boolean => po[k] !== undefined && po[k] !== null;
  if (present('podSelector')) {
    count++;
    validateSelector(ctx, po['podSelector'], `${path}.podSelector`);
  }
  if (present('namespaceSelector')) {
    count++;
    validateSelector(ctx, po['namespaceSelector'], `${path}.namespaceSelector`);
  }
  if (present('ipBlock')) {
    count++;
    validateIPBlock(ctx, objOf(po['ipBlock']), `${path}.ipBlock`);
  }
  if (count === 0) report(ctx, 'networkpolicy.peer.required', { path, detail: 'must specify a peer' });
  else if (count > 1 && present('ipBlock')) report(ctx, 'networkpolicy.peer.forbidden', { path, detail: 'may not specify both ipBlock and another peer' });
}

const CIDR_EXAMPLE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

function looksLikeIPv6Cidr(s: string): boolean {
  const [ip, prefix, extra] = s.split('/');
  return extra === undefined && ip !== undefined && looksLikeIPv6(ip) && prefix !== undefined && /^\d{1,3}$/.test(prefix) && Number(prefix) <= 128;
}

function validateIPBlock(ctx: Ctx, ib: Obj, path: string): void {
  const cidr = strOf(ib['cidr']) ?? '';
  if (cidr === '') {
    report(ctx, 'networkpolicy.ipblock.cidr-required', { path: `${path}.cidr` });
    return;
  }
  const parsed = parseCidr(cidr);
  if (!parsed) {
    if (!looksLikeIPv6Cidr(cidr)) report(ctx, 'networkpolicy.ipblock.cidr', { path: `${path}.cidr`, value: cidr, detail: CIDR_EXAMPLE });
    return; // IPv6 is accepted but not simulated further
  }
  warnAmbiguous(ctx, cidr, `${path}.cidr`);
  listOf(ib['except']).forEach((e, i) => {
    const ePath = `${path}.except[${i}]`;
    const ex = typeof e === 'string' ? e : '';
    const pe = parseCidr(ex);
    if (!pe) {
      if (!looksLikeIPv6Cidr(ex)) report(ctx, 'networkpolicy.ipblock.cidr', { path: ePath, value: e, detail: CIDR_EXAMPLE });
      else report(ctx, 'networkpolicy.ipblock.except', { path: ePath, value: ex, detail: 'must be a strict subset of `cidr`' });
      return;
    }
    warnAmbiguous(ctx, ex, ePath);
    // ValidateIPBlock: except must lie inside cidr and be strictly narrower.
    const inside = ((pe.network & parsed.mask) >>> 0) === parsed.network;
    if (!inside || parsed.prefix >= pe.prefix) {
      report(ctx, 'networkpolicy.ipblock.except', { path: ePath, value: ex, detail: 'must be a strict subset of `cidr`' });
    }
  });
}

/** GetWarningsForCIDR: host bits set beyond the prefix make the value ambiguous. */
function warnAmbiguous(ctx: Ctx, value: string, path: string): void {
  const slash = value.indexOf('/');
  const ip = parseIPv4(value.slice(0, slash));
  const parsed = parseCidr(value);
  if (ip === undefined || !parsed || ip === parsed.network) return;
  const network = `${formatIPv4(parsed.network)}/${parsed.prefix}`;
  report(ctx, 'networkpolicy.ipblock.ambiguous', { path, value, network, single: `${value.slice(0, slash)}/32` });
}

// ---------------------------------------------------------------------------------------------
// Ingress (ValidateIngressSpec, validateHTTPIngressPath, validateIngressBackend)

const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'] as const; // sets.List(): sorted

function validateIngress(ctx: Ctx, spec: Obj): void {
  const rules = listOf(spec['rules']);
  const hasDefault = spec['defaultBackend'] !== undefined && spec['defaultBackend'] !== null;
  if (rules.length === 0 && !hasDefault) {
    const range = rangeAt(ctx.doc, 'spec');
    ctx.out.push({
      ...makeDiagnostic('ingress.rules.required', { path: 'spec', detail: '' }, { path: 'spec', range, ref: ctx.ref }),
      message: 'spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified',
    });
  }
  if (hasDefault) validateIngressBackend(ctx, objOf(spec['defaultBackend']), 'spec.defaultBackend');
  rules.forEach((rule, i) => {
    const rPath = `spec.rules[${i}]`;
    const ro = objOf(rule);
    const host = strOf(ro['host']);
    if (host) {
      if (parseIPv4(host) !== undefined || looksLikeIPv6(host)) {
        report(ctx, 'ingress.host.invalid', { path: `${rPath}.host`, value: host, detail: 'must be a DNS name, not an IP address' });
      }
      const errs = host.includes('*') ? wildcardErrors(host) : nameErrors(host, 'dns1123-subdomain');
      for (const detail of errs) report(ctx, 'ingress.host.invalid', { path: `${rPath}.host`, value: host, detail });
    }
    if (ro['http'] === undefined || ro['http'] === null) return;
    const paths = listOf(objOf(ro['http'])['paths']);
    if (paths.length === 0) report(ctx, 'ingress.paths.required', { path: `${rPath}.http.paths` });
    paths.forEach((p, j) => validateIngressPath(ctx, objOf(p), `${rPath}.http.paths[${j}]`));
  });
}

function validateIngressPath(ctx: Ctx, po: Obj, path: string): void {
  const pathType = po['pathType'];
  const value = strOf(po['path']) ?? '';
  if (pathType === undefined || pathType === null) {
    report(ctx, 'ingress.pathtype.required', { path: `${path}.pathType`, detail: 'pathType must be specified' });
    return;
  }
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) report(ctx, 'ingress.path.invalid', { path: `${path}.path`, value, detail: 'must be an absolute path' });
    if (value.length > 0) {
      for (const seq of INVALID_PATH_SEQUENCES) {
        if (value.includes(seq)) report(ctx, 'ingress.path.invalid', { path: `${path}.path`, value, detail: `must not contain '${seq}'` });
      }
      for (const suffix of INVALID_PATH_SUFFIXES) {
        if (value.endsWith(suffix)) report(ctx, 'ingress.path.invalid', { path: `${path}.path`, value, detail: `cannot end with '${suffix}'` });
      }
    }
  } else if (pathType === 'ImplementationSpecific') {
    if (value.length > 0 && !value.startsWith('/')) report(ctx, 'ingress.path.invalid', { path: `${path}.path`, value, detail: 'must be an absolute path' });
  } else {
    report(ctx, 'ingress.pathtype.unsupported', { path: `${path}.pathType`, value: pathType, supported: PATH_TYPES });
  }
  validateIngressBackend(ctx, objOf(po['backend']), `${path}.backend`);
}

function validateIngressBackend(ctx: Ctx, bo: Obj, path: string): void {
  const hasService = bo['service'] !== undefined && bo['service'] !== null;
  const hasResource = bo['resource'] !== undefined && bo['resource'] !== null;
  if (hasService && hasResource) {
    report(ctx, 'ingress.backend.invalid', { path, value: '', detail: 'cannot set both resource and service backends' });
    return;
  }
  if (hasResource) return;
  if (!hasService) {
    report(ctx, 'ingress.backend.invalid', { path, value: '', detail: 'resource or service backend is required' });
    return;
  }
  const svc = objOf(bo['service']);
  const name = strOf(svc['name']) ?? '';
  if (name === '') report(ctx, 'ingress.backend.required', { path: `${path}.service.name` });
  else for (const detail of nameErrors(name, 'dns1035-label')) report(ctx, 'ingress.backend.invalid', { path: `${path}.service.name`, value: name, detail });
  const port = objOf(svc['port']);
  const portName = strOf(port['name']) ?? '';
  const portNumber = typeof port['number'] === 'number' ? port['number'] : 0;
  if (portName !== '' && portNumber !== 0) {
    report(ctx, 'ingress.backend.invalid', { path, value: '', detail: 'cannot set both port name & port number' });
  } else if (portName !== '') {
    for (const detail of portNameErrors(portName)) report(ctx, 'port.name.invalid', { path: `${path}.service.port.name`, value: portName, detail });
  } else if (portNumber !== 0) {
    if (!isPortNum(portNumber)) report(ctx, 'port.range', { path: `${path}.service.port.number`, value: portNumber });
  } else {
    report(ctx, 'ingress.backend.required', { path, detail: 'port name or number is required' });
  }
}

// ---------------------------------------------------------------------------------------------
// The project's own warnings: objects that do not fit together

/**
 * Each parsed object's ref, by the object (the parse cache hands back the same object for a
 * document whose text did not change): a warning's range is looked up among every document,
 * and a keystroke should not rebuild thousands of refs for it. Kept with the kind it was read
 * as; `null` when the object has no name.
 */
const documentRefs = new WeakMap<object, { readonly kind: string; readonly ref: string | null }>();

function documentRef(doc: ManifestDocument): string | undefined {
  const known = documentRefs.get(doc.object);
  if (known !== undefined && known.kind === doc.kind) return known.ref ?? undefined;
  const meta = objOf(doc.object['metadata']);
  const name = strOf(meta['name']);
  const ref = name ? refForObject(doc.kind, CLUSTER_SCOPED_KINDS.has(doc.kind) ? '' : strOf(meta['namespace']) || 'default', name) : null;
  if (typeof doc.object === 'object' && doc.object !== null) documentRefs.set(doc.object, { kind: doc.kind, ref });
  return ref ?? undefined;
}

function crossObjectWarnings(documents: readonly ManifestDocument[], manifests: NormalizedManifests, cluster: Cluster): Diagnostic[] {
  const out: Diagnostic[] = [];
  // The first document of each ref, found when a warning first needs a range (most analyses have none).
  let docByRefIndex: Record<string, ManifestDocument> | undefined;
  const docByRef = (): Record<string, ManifestDocument> => {
    if (docByRefIndex !== undefined) return docByRefIndex;
    const index: Record<string, ManifestDocument> = {};
    for (const doc of documents) {
      const ref = documentRef(doc);
      if (ref !== undefined) index[ref] ??= doc;
    }
    return (docByRefIndex = index);
  };
  const at = (meta: ObjectMeta | undefined, ref: string, path: string): { path: string; range?: ReturnType<typeof rangeAt>; ref: string } => {
    const doc = docByRef()[ref];
    if (doc) return { path, range: rangeAt(doc, path), ref };
    return meta?.source ? { path, range: meta.source.range, ref } : { path, ref };
  };

  const pods: readonly ClusterPod[] = Array.isArray(cluster?.pods) ? cluster.pods : [];
  // Pods grouped by namespace once (in cluster order), not filtered per Service and policy.
  const podsByNamespace = new Map<string, ClusterPod[]>();
  for (const p of pods) {
    const list = podsByNamespace.get(p.namespace);
    if (list) list.push(p);
    else podsByNamespace.set(p.namespace, [p]);
  }
  const podsIn = (namespace: string): readonly ClusterPod[] => podsByNamespace.get(namespace) ?? [];
  // Replicas share one labels object: match each distinct labels object once per selector.
  // (arrays, not Map entries: iterating a Map's entries allocates a pair per entry)
  type LabelGroup = { readonly labels: Labels; readonly pods: ClusterPod[] };
  const labelGroups = new Map<string, LabelGroup[]>();
  const groupsIn = (namespace: string): readonly LabelGroup[] => {
    let groups = labelGroups.get(namespace);
    if (groups === undefined) {
      const byLabels = new Map<Labels, ClusterPod[]>();
      groups = [];
      for (const p of podsIn(namespace)) {
        const list = byLabels.get(p.labels);
        if (list) list.push(p);
        else {
          const pods = [p];
          byLabels.set(p.labels, pods);
          groups.push({ labels: p.labels, pods });
        }
      }
      labelGroups.set(namespace, groups);
    }
    return groups;
  };
  const selectIn = (namespace: string, selector: LabelSelector): ClusterPod[] => {
    const selected: ClusterPod[] = [];
    for (const group of groupsIn(namespace)) if (matchesSelector(selector, group.labels)) for (const p of group.pods) selected.push(p);
    return selected;
  };
  const selectsAnyIn = (namespace: string, selector: LabelSelector): boolean => {
    for (const group of groupsIn(namespace)) if (matchesSelector(selector, group.labels)) return true;
    return false;
  };

  // Services: a selector that selects nothing; a targetPort no selected pod exposes.
  for (const svc of manifests.services) {
    if (!svc.selector) continue;
    const ref = refForObject('Service', svc.meta.namespace, svc.meta.name);
    const selected = selectIn(svc.meta.namespace, { matchLabels: svc.selector, matchExpressions: [] });
    const id = `${svc.meta.namespace}/${svc.meta.name}`;
    if (selected.length === 0) {
      const selector = Object.entries(svc.selector).map(([k, v]) => `${k}=${v}`).join(',');
      out.push(makeDiagnostic('service.selector.no-match', { service: id, selector, namespace: svc.meta.namespace }, at(svc.meta, ref, 'spec.selector')));
      continue;
    }
    svc.ports.forEach((port, i) => {
      const named = typeof port.targetPort === 'string';
      const exposes = selected.some((p) =>
        p.containerPorts.some((cp) =>
          cp.protocol === port.protocol && (named ? cp.name === port.targetPort : cp.containerPort === port.targetPort),
        ),
      );
      if (exposes) return;
      // A pod with no declared ports at all may still listen: only a named port is then a sure miss.
      const path = svc.ports.length > 0 ? `spec.ports[${i}].targetPort` : 'spec.ports';
      out.push(
        makeDiagnostic('service.targetport.unexposed', { service: id, targetPort: port.targetPort, protocol: port.protocol, named }, at(svc.meta, ref, docHas(docByRef()[ref], path) ? path : `spec.ports[${i}]`)),
      );
    });
  }

  // NetworkPolicies: a podSelector that selects nothing; a CNI that does not enforce them.
  const cni = cluster?.settings?.cni;
  for (const policy of manifests.networkPolicies) {
    const ref = refForObject('NetworkPolicy', policy.meta.namespace, policy.meta.name);
    const id = `${policy.meta.namespace}/${policy.meta.name}`;
    const selects = selectsAnyIn(policy.meta.namespace, policy.podSelector);
    if (!selects) {
      out.push(makeDiagnostic('networkpolicy.selects-nothing', { policy: id, namespace: policy.meta.namespace }, at(policy.meta, ref, 'spec.podSelector')));
    }
    if (cni !== undefined && CNI_PLUGINS[cni]?.enforcesPolicy === false) {
      out.push(makeDiagnostic('networkpolicy.not-enforced', { policy: id, cni }, at(policy.meta, ref, 'kind')));
    }
  }

  // Cluster policies: a subject that selects nothing, a CNI that does not enforce them, equal priorities that overlap.
  for (const d of clusterPolicyWarnings(manifests.clusterPolicies ?? [], cluster, at)) out.push(d);

  // Gateway API: classes, attachment, backendRefs, weights and certificates a controller would flag.
  for (const d of gatewayWarnings(manifests, cluster, at)) out.push(d);

  // Ingresses: backends naming a Service or a port that does not exist.
  const services: readonly ClusterService[] = Array.isArray(cluster?.services) ? cluster.services : [];
  /** The first Service of each namespace and name (as `find` would return it). */
  const serviceByName = new Map<string, ClusterService>();
  for (const s of services) if (!serviceByName.has(`${s.namespace}\0${s.name}`)) serviceByName.set(`${s.namespace}\0${s.name}`, s);
  for (const ingress of manifests.ingresses) {
    const ref = refForObject('Ingress', ingress.meta.namespace, ingress.meta.name);
    const id = `${ingress.meta.namespace}/${ingress.meta.name}`;
    const backends: { backend: IngressBackend; path: string }[] = [];
    if (ingress.defaultBackend) backends.push({ backend: ingress.defaultBackend, path: 'spec.defaultBackend' });
    ingress.rules.forEach((rule, i) =>
      rule.paths.forEach((p, j) => backends.push({ backend: p.backend, path: `spec.rules[${i}].http.paths[${j}].backend` })),
    );
    for (const { backend, path } of backends) {
      const b = backend.service;
      if (!b || b.name === '') continue;
      const svc = serviceByName.get(`${ingress.meta.namespace}\0${b.name}`);
      if (!svc) {
        out.push(makeDiagnostic('ingress.backend.service-missing', { ingress: id, service: b.name, namespace: ingress.meta.namespace }, at(ingress.meta, ref, `${path}.service.name`)));
        continue;
      }
      const wanted = b.port.number ?? b.port.name;
      if (wanted === undefined) continue;
      const found = svc.ports.some((sp) => (typeof wanted === 'number' ? sp.port === wanted : sp.name === wanted));
      if (!found) {
        const portPath = typeof wanted === 'number' ? `${path}.service.port.number` : `${path}.service.port.name`;
        out.push(makeDiagnostic('ingress.backend.port-missing', { ingress: id, service: b.name, port: wanted }, at(ingress.meta, ref, portPath)));
      }
    }
  }
  return out;
}

function docHas(doc: ManifestDocument | undefined, path: string): boolean {
  return doc !== undefined && doc.fieldRanges[path] !== undefined;
}

