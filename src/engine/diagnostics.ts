/**
 * The one catalogue of diagnostic codes: each code has a severity and a message template.
 * Every stage builds its diagnostics here (`makeDiagnostic`), so the CLI, the editor markers
 * and the tests agree on codes and wording.
 *
 * Messages follow the API server's wording where Kubernetes has such a rule
 * (`k8s.io/apimachinery/pkg/util/validation/field`: `<path>: Invalid value: <value>: <detail>`,
 * `Required value`, `Unsupported value: ... supported values: ...`, `Forbidden: ...`,
 * `Duplicate value: ...`), and are one plain sentence otherwise.
 *
 * @example
 * makeDiagnostic('service.nodeport.range', { path: 'spec.ports[0].nodePort', value: 80 }, { range });
 * // { code: 'service.nodeport.range', severity: 'error',
 * //   message: 'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767', ... }
 */
import type { Diagnostic, Severity, SourceRange } from './types';

/** Formats a value as Go's `field.Error` does: strings quoted, numbers and booleans bare. */
export function formatFieldValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

/** `field.Invalid`: `<path>: Invalid value: <value>: <detail>`. */
export function invalidMessage(path: string, value: unknown, detail: string): string {
  return `${path}: Invalid value: ${formatFieldValue(value)}: ${detail}`;
}

/** `field.Required`: `<path>: Required value` (with `: <detail>` when there is one). */
export function requiredMessage(path: string, detail?: string): string {
  return detail ? `${path}: Required value: ${detail}` : `${path}: Required value`;
}

/** `field.NotSupported`: the supported values in the order Kubernetes lists them. */
export function unsupportedMessage(path: string, value: unknown, supported: readonly string[]): string {
  const list = supported.map((s) => JSON.stringify(s)).join(', ');
  return `${path}: Unsupported value: ${formatFieldValue(value)}: supported values: ${list}`;
}

/** `field.Forbidden`. */
export function forbiddenMessage(path: string, detail: string): string {
  return `${path}: Forbidden: ${detail}`;
}

/** `field.Duplicate`. */
export function duplicateMessage(path: string, value: unknown): string {
  return `${path}: Duplicate value: ${formatFieldValue(value)}`;
}

interface FieldParams {
  readonly path: string;
  readonly value?: unknown;
  readonly detail?: string;
}

interface UnsupportedParams {
  readonly path: string;
  readonly value: unknown;
  readonly supported: readonly string[];
}

const invalid = (p: FieldParams): string => invalidMessage(p.path, p.value, p.detail ?? '');
const required = (p: FieldParams): string => requiredMessage(p.path, p.detail);
const unsupported = (p: UnsupportedParams): string => unsupportedMessage(p.path, p.value, p.supported);
const forbidden = (p: FieldParams): string => forbiddenMessage(p.path, p.detail ?? '');

const NODE_PORT_RANGE = '30000-32767';
const detailOnly = (p: { detail: string }): string => p.detail;

/**
 * The catalogue. Codes are dotted, lower-case: `<area>.<what>`. Adding a code is an additive
 * change; never rename one (the CLI's `--json` output and golden files carry them).
 */
export const DIAGNOSTIC_CATALOGUE = {
  // -- input and YAML -------------------------------------------------------------------------
  'input.too-large': {
    severity: 'error',
    message: (p: { bytes: number; limitBytes: number }) =>
      `The input is ${(p.bytes / 1048576).toFixed(1)} MB, over the ${Math.round(p.limitBytes / 1048576)} MB limit: it was not parsed. Split it or remove what you do not need.`,
  },
  'yaml.syntax': {
    severity: 'error',
    message: (p: { detail: string }) => `YAML syntax error: ${p.detail}. This document was skipped.`,
  },
  'yaml.warning': {
    severity: 'warning',
    message: (p: { detail: string }) => `YAML: ${p.detail}`,
  },
  'yaml.alias-limit': {
    severity: 'error',
    message: (p: { limit: number }) =>
      `This document expands its aliases (*name) more than ${p.limit} times, as an alias bomb ("billion laughs") does: it was refused.`,
  },
  'yaml.unsupported': {
    severity: 'error',
    message: (p: { detail: string }) => `YAML that kubectl cannot read: ${p.detail}. This document was skipped.`,
  },
  'input.limit': {
    severity: 'error',
    message: (p: { path: string; value: unknown; detail: string }) => invalidMessage(p.path, p.value, p.detail),
  },
  'document.not-mapping': {
    severity: 'error',
    message: (p: { got: string }) =>
      `A Kubernetes object must be a mapping (key: value pairs), but this document is ${p.got}: it was skipped.`,
  },
  'document.missing-type': {
    severity: 'error',
    message: (p: { missing: readonly string[] }) =>
      `${p.missing.map((m) => `${m} not set`).join(', ')}: every Kubernetes object needs apiVersion and kind. This document was skipped.`,
  },
  internal: {
    severity: 'error',
    message: (p: { stage: string; detail: string }) =>
      `Internal error in the ${p.stage} stage (a bug in kube-netplay, not in your YAML): ${p.detail}`,
  },

  // -- decoding (normalize) ---------------------------------------------------------------------
  'kind.not-simulated': {
    severity: 'info',
    message: (p: { kind: string }) => `${p.kind} is not simulated`,
  },
  'kind.unknown': {
    severity: 'warning',
    message: (p: { kind: string }) =>
      `${p.kind} is not a Kubernetes kind the playground knows: it is read past and not simulated`,
  },
  'kind.unknown-version': {
    severity: 'error',
    message: (p: { kind: string; apiVersion: string; expected: string }) =>
      `no matches for kind "${p.kind}" in version "${p.apiVersion}" (use ${p.expected}): this object was skipped`,
  },
  'field.type': {
    severity: 'error',
    message: (p: { path: string; value: unknown; expected: string }) =>
      `${p.path}: invalid type: got ${describeType(p.value)} ${formatFieldValue(p.value)}, expected ${p.expected}`,
  },
  'field.required': { severity: 'error', message: required },
  'field.invalid': { severity: 'error', message: invalid },
  'field.unsupported': { severity: 'error', message: unsupported },
  'field.forbidden': { severity: 'error', message: forbidden },
  'field.duplicate': {
    severity: 'error',
    message: (p: { path: string; value: unknown }) => duplicateMessage(p.path, p.value),
  },
  'field.not-simulated': {
    severity: 'info',
    message: (p: { path: string; detail: string }) => `${p.path}: ${p.detail}`,
  },

  // -- API server validation (validate) -----------------------------------------------------------
  'metadata.name.required': { severity: 'error', message: required },
  'metadata.name.invalid': { severity: 'error', message: invalid },
  'metadata.namespace.invalid': { severity: 'error', message: invalid },
  /** A label key or value (metadata, pod template, selector), or an annotation key. */
  'label.invalid': { severity: 'error', message: invalid },
  'annotations.too-long': {
    severity: 'error',
    message: (p: { path: string; limit: number }) => `${p.path}: Too long: may not be more than ${p.limit} bytes`,
  },
  'port.range': {
    severity: 'error',
    message: (p: { path: string; value: unknown }) =>
      invalidMessage(p.path, p.value, 'must be between 1 and 65535, inclusive'),
  },
  'port.name.invalid': { severity: 'error', message: invalid },
  'protocol.unsupported': { severity: 'error', message: unsupported },
  'service.type.unsupported': { severity: 'error', message: unsupported },
  'service.policy.unsupported': { severity: 'error', message: unsupported },
  'service.ports.required': { severity: 'error', message: required },
  'service.port.name-required': { severity: 'error', message: required },
  'service.port.name-duplicate': {
    severity: 'error',
    message: (p: { path: string; value: unknown }) => duplicateMessage(p.path, p.value),
  },
  'service.nodeport.range': {
    severity: 'error',
    message: (p: { path: string; value: unknown }) =>
      invalidMessage(
        p.path,
        p.value,
        `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE}`,
      ),
  },
  'service.nodeport.allocated': {
    severity: 'error',
    message: (p: { path: string; value: unknown }) =>
      invalidMessage(p.path, p.value, 'provided port is already allocated'),
  },
  'service.nodeport.forbidden': { severity: 'error', message: forbidden },
  'service.clusterip.invalid': { severity: 'error', message: invalid },
  'service.externalname.required': { severity: 'error', message: required },
  'networkpolicy.ipblock.cidr': { severity: 'error', message: invalid },
  'networkpolicy.ipblock.cidr-required': { severity: 'error', message: required },
  'networkpolicy.ipblock.ambiguous': {
    severity: 'warning',
    message: (p: { path: string; value: string; network: string; single: string }) =>
      `${p.path}: CIDR value ${JSON.stringify(p.value)} is ambiguous in this context (should be ${JSON.stringify(p.network)} or ${JSON.stringify(p.single)}?)`,
  },
  'networkpolicy.ipblock.except': { severity: 'error', message: invalid },
  'networkpolicy.endport': { severity: 'error', message: invalid },
  'networkpolicy.peer.required': { severity: 'error', message: required },
  'networkpolicy.peer.forbidden': { severity: 'error', message: forbidden },
  'networkpolicy.policytypes.unsupported': { severity: 'error', message: unsupported },
  'networkpolicy.policytypes.invalid': { severity: 'error', message: invalid },
  'selector.operator.invalid': { severity: 'error', message: invalid },
  'ingress.rules.required': { severity: 'error', message: invalid },
  'ingress.pathtype.required': { severity: 'error', message: required },
  'ingress.pathtype.unsupported': { severity: 'error', message: unsupported },
  'ingress.path.invalid': { severity: 'error', message: invalid },
  'ingress.paths.required': { severity: 'error', message: required },
  'ingress.host.invalid': { severity: 'error', message: invalid },
  'ingress.backend.invalid': { severity: 'error', message: invalid },
  'ingress.backend.required': { severity: 'error', message: required },
  'ingressclass.controller.required': { severity: 'error', message: required },
  // ClusterNetworkPolicy / AdminNetworkPolicy / BaselineAdminNetworkPolicy: the CRDs' schema and
  // CEL rules, in the words apiextensions-apiserver prints (see manifest/cluster-policy.ts).
  'clusterpolicy.invalid': { severity: 'error', message: invalid },
  'clusterpolicy.required': { severity: 'error', message: required },
  'clusterpolicy.unsupported': { severity: 'error', message: unsupported },
  'clusterpolicy.too-many': {
    severity: 'error',
    message: (p: { path: string; count: number; max: number }) => `${p.path}: Too many: ${p.count}: must have at most ${p.max} items`,
  },
  'clusterpolicy.too-long': {
    severity: 'error',
    message: (p: { path: string; max: number }) => `${p.path}: Too long: may not be more than ${p.max} bytes`,
  },
  'clusterpolicy.duplicate': {
    severity: 'error',
    message: (p: { path: string; value: unknown }) => duplicateMessage(p.path, p.value),
  },
  'clusterpolicy.unknown-field': {
    severity: 'error',
    message: (p: { path: string }) => `strict decoding error: unknown field ${JSON.stringify(p.path)}`,
  },
  /** The CEL rule of an egress rule: a named port only exists on pods. */
  'clusterpolicy.named-port.forbidden': { severity: 'error', message: invalid },
  /** The CEL rule of BaselineAdminNetworkPolicy: the singleton is named `default`. */
  'clusterpolicy.banp.name': {
    severity: 'error',
    message: (p: { message: string }) => `<nil>: Invalid value: "object": ${p.message}`,
  },
  'clusterpolicy.refused': {
    severity: 'info',
    message: (p: { kind: string; name: string; errors: number }) =>
      `${p.kind} ${p.name} is refused (${p.errors} ${p.errors === 1 ? 'error' : 'errors'} in it): the API server would not create it, so it is not part of the simulated cluster`,
  },
  'clusterpolicy.namespace-ignored': {
    severity: 'warning',
    message: (p: { kind: string; namespace: string }) =>
      `metadata.namespace: ${p.kind} is cluster-scoped: the namespace ${JSON.stringify(p.namespace)} is ignored and the policy applies across the cluster`,
  },
  'clusterpolicy.declared-twice': {
    severity: 'warning',
    message: (p: { kind: string; name: string }) =>
      `${p.kind} ${p.name} is declared twice; the first one is used`,
  },
  'clusterpolicy.port-range.empty': {
    severity: 'warning',
    message: (p: { path: string; start: number; end: number }) =>
      `${p.path}: start ${p.start} is greater than end ${p.end}: this range holds no port, so the entry matches no traffic (v1alpha1 does not refuse it)`,
  },

  // Gateway API (gateway.networking.k8s.io v1.6): the CRDs' schema and CEL rules, in the words
  // apiextensions-apiserver prints (see manifest/gateway.ts).
  'gateway.invalid': { severity: 'error', message: invalid },
  'gateway.required': { severity: 'error', message: required },
  'gateway.unsupported': { severity: 'error', message: unsupported },
  'gateway.too-many': {
    severity: 'error',
    message: (p: { path: string; count: number; max: number }) => `${p.path}: Too many: ${p.count}: must have at most ${p.max} items`,
  },
  'gateway.too-long': {
    severity: 'error',
    message: (p: { path: string; max: number }) => `${p.path}: Too long: may not be more than ${p.max} bytes`,
  },
  'gateway.unknown-field': {
    severity: 'error',
    message: (p: { path: string }) => `strict decoding error: unknown field ${JSON.stringify(p.path)}`,
  },
  'gateway.refused': {
    severity: 'info',
    message: (p: { kind: string; name: string; errors: number }) =>
      `${p.kind} ${p.name} is refused (${p.errors} ${p.errors === 1 ? 'error' : 'errors'} in it): the API server would not create it, so it is not part of the simulated cluster`,
  },
  'gateway.declared-twice': {
    severity: 'warning',
    message: (p: { kind: string; name: string }) => `${p.kind} ${p.name} is declared twice; the first one is used`,
  },
  'gateway.match.regex': {
    severity: 'warning',
    message: (p: { path: string; what: string; value: string }) =>
      `${p.path}: RegularExpression ${p.what} match ${JSON.stringify(p.value)}: its syntax and meaning are implementation-specific, so the playground reads it but never matches it`,
  },
  'gateway.listener.protocol': {
    severity: 'warning',
    message: (p: { path: string; listener: string; protocol: string; supported: readonly string[] }) =>
      `${p.path}: listener ${JSON.stringify(p.listener)} has protocol ${JSON.stringify(p.protocol)}, which is not a core Gateway API protocol (HTTP, HTTPS, TLS, TCP, UDP): the simulated implementation reports UnsupportedProtocol (Accepted=False) and the listener takes no traffic. The playground routes ${p.supported.join(' and ')}`,
  },
  'gateway.kind.not-simulated': {
    severity: 'info',
    message: (p: { kind: string }) => `${p.kind} is read, not simulated yet: the routes it declares carry no traffic in the playground`,
  },

  // -- the project's own warnings (cross-object) --------------------------------------------------
  'service.selector.no-match': {
    severity: 'warning',
    message: (p: { service: string; selector: string; namespace: string }) =>
      `Service ${p.service}: selector ${p.selector} matches no pod in namespace ${p.namespace}, so it has no endpoints and connections to it are refused`,
  },
  'service.targetport.unexposed': {
    severity: 'warning',
    message: (p: { service: string; targetPort: number | string; protocol: string; named: boolean }) =>
      p.named
        ? `Service ${p.service}: no selected pod has a container port named ${JSON.stringify(p.targetPort)} (${p.protocol}), so this port has no endpoints`
        : `Service ${p.service}: no selected pod declares containerPort ${p.targetPort}/${p.protocol}; traffic is still sent to that port, so make sure the container listens on it`,
  },
  'networkpolicy.selects-nothing': {
    severity: 'warning',
    message: (p: { policy: string; namespace: string }) =>
      `NetworkPolicy ${p.policy}: podSelector selects no pod in namespace ${p.namespace}, so it has no effect`,
  },
  'networkpolicy.not-enforced': {
    severity: 'warning',
    message: (p: { policy: string; cni: string }) =>
      `NetworkPolicy ${p.policy} is not enforced: the ${p.cni} CNI plugin does not implement NetworkPolicy, so traffic passes as if it did not exist`,
  },
  'clusterpolicy.selects-nothing': {
    severity: 'warning',
    message: (p: { kind: string; name: string }) =>
      `${p.kind} ${p.name}: spec.subject selects no pod (host-network pods are never subjects), so it has no effect`,
  },
  'clusterpolicy.not-enforced': {
    severity: 'warning',
    message: (p: { kind: string; name: string; cni: string }) =>
      `${p.kind} ${p.name} is not enforced: the ${p.cni} CNI plugin does not implement the policy.networking.k8s.io tiers, so traffic passes as if it did not exist`,
  },
  'clusterpolicy.priority-overlap': {
    severity: 'warning',
    message: (p: { policy: string; other: string; tier: string; priority: number; detail: string }) =>
      `${p.policy} and ${p.other} are both in the ${p.tier} tier at priority ${p.priority} and their rules overlap: ${p.detail}. Upstream leaves the order of equal priorities to the implementation (the playground walks them by name); give them different priorities`,
  },
  'gateway.class.missing': {
    severity: 'warning',
    message: (p: { gateway: string; gatewayClass: string }) =>
      `Gateway ${p.gateway}: GatewayClass "${p.gatewayClass}" does not exist, so no controller programs this Gateway: it gets no address and no data plane, and the routes attached to it carry no traffic`,
  },
  'gateway.route.not-attached': {
    severity: 'warning',
    message: (p: { route: string; parentRef: string; reason: string; detail: string }) =>
      `HTTPRoute ${p.route}: ${p.parentRef} is not attached (${p.reason}): ${p.detail}`,
  },
  'gateway.backend.invalid': {
    severity: 'warning',
    message: (p: { route: string; backend: string; reason: string; detail: string }) =>
      `HTTPRoute ${p.route}: backendRef ${p.backend} cannot be resolved (${p.reason}): ${p.detail}, so the Gateway answers 500 for its share of requests`,
  },
  'gateway.rule.weights-zero': {
    severity: 'warning',
    message: (p: { route: string; rule: number }) =>
      `HTTPRoute ${p.route}: every backendRef of spec.rules[${p.rule}] has weight 0, so no request goes to a backend: the Gateway answers 500 for this rule`,
  },
  'gateway.listener.certificate': {
    severity: 'warning',
    message: (p: { gateway: string; listener: string; reason: string; detail: string }) =>
      `Gateway ${p.gateway}: HTTPS listener "${p.listener}" has no usable certificate (${p.reason}): ${p.detail}; a real controller does not program this listener`,
  },
  'ingress.backend.service-missing': {
    severity: 'warning',
    message: (p: { ingress: string; service: string; namespace: string }) =>
      `Ingress ${p.ingress}: backend Service "${p.service}" does not exist in namespace ${p.namespace}, so the controller answers 503 for it`,
  },
  'ingress.backend.port-missing': {
    severity: 'warning',
    message: (p: { ingress: string; service: string; port: number | string }) =>
      `Ingress ${p.ingress}: backend Service "${p.service}" has no port ${typeof p.port === 'string' ? JSON.stringify(p.port) : p.port}, so the controller answers 503 for it`,
  },
  'endpointslice.no-service': {
    severity: 'warning',
    message: (p: { name: string }) =>
      `EndpointSlice ${p.name} has no kubernetes.io/service-name label, so no Service uses it`,
  },
  'scenario.invalid': {
    severity: 'error',
    message: (p: { path: string; detail: string }) => `Scenario ${p.path}: ${p.detail}`,
  },
  'scenario.multiple': {
    severity: 'warning',
    message: (p: { names: readonly string[] }) =>
      `Several Scenario documents (${p.names.join(', ')}): only the first one's settings are used`,
  },

  // -- the cluster stage (codes as src/engine/cluster raises them; the message is built there) --
  'cluster.options.invalid': { severity: 'error', message: detailOnly },
  'cluster.nodes.range': { severity: 'warning', message: detailOnly },
  'cluster.node.implicit': { severity: 'info', message: detailOnly },
  'cluster.node.duplicate': { severity: 'warning', message: detailOnly },
  'cluster.pod.duplicate': { severity: 'warning', message: detailOnly },
  'cluster.pod.pending': { severity: 'warning', message: detailOnly },
  'cluster.pod.ip-conflict': { severity: 'warning', message: detailOnly },
  'cluster.pod.deleted': { severity: 'info', message: detailOnly },
  'cluster.pod.delete-unknown': { severity: 'warning', message: detailOnly },
  'cluster.service.duplicate': { severity: 'warning', message: detailOnly },
  'cluster.loadbalancer.pending': { severity: 'warning', message: detailOnly },
  'cluster.ingress.not-served': { severity: 'warning', message: detailOnly },
  'cluster.ingress-controller.implicit': { severity: 'info', message: detailOnly },
  'reference.missing': {
    severity: 'warning',
    message: (p: { from: string; to: string }) => `${p.from} refers to ${p.to}, which does not exist`,
  },
  'engine.note': { severity: 'info', message: detailOnly },
} as const satisfies Record<string, { severity: Severity; message: (p: never) => string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CATALOGUE;

export type DiagnosticParams<C extends DiagnosticCode> = Parameters<
  (typeof DIAGNOSTIC_CATALOGUE)[C]['message']
>[0];

/** Where a diagnostic points: the field path, its source range, the object's ref. */
export interface DiagnosticLocation {
  readonly path?: string | undefined;
  readonly range?: SourceRange | undefined;
  readonly ref?: string | undefined;
}

/** Builds a diagnostic from the catalogue; the only way stages should make one. */
export function makeDiagnostic<C extends DiagnosticCode>(
  code: C,
  params: DiagnosticParams<C>,
  at: DiagnosticLocation = {},
): Diagnostic {
  const entry = DIAGNOSTIC_CATALOGUE[code];
  const message = (entry.message as (p: DiagnosticParams<C>) => string)(params);
  return {
    code,
    severity: entry.severity,
    message,
    ...(at.path !== undefined ? { path: at.path } : {}),
    ...(at.range !== undefined ? { range: at.range } : {}),
    ...(at.ref !== undefined ? { ref: at.ref } : {}),
  };
}

/** The catalogue's severity for a code. */
export function severityOf(code: DiagnosticCode): Severity {
  return DIAGNOSTIC_CATALOGUE[code].severity;
}

function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
