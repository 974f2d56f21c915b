/**
 * Stage 2: ManifestDocuments → typed objects with the API server's defaults applied.
 *
 * Decoding only: a wrong JSON type (`ports: "abc"`, labels as a list) is an error here, at the
 * field's range, and the object is kept as well as it can be. Values of the right type but not
 * allowed by the API (`protocol: HTTP`, a nodePort out of range) are validate's business; here
 * they fall back to the default so later stages always see a well-formed model.
 */
import type {
  ClusterPolicyObject,
  GatewayClassObject,
  GatewayObject,
  HTTPRouteObject,
  ReferenceGrantObject,
  CniPlugin,
  Container,
  ContainerPort,
  Diagnostic,
  EndpointSliceObject,
  IngressBackend,
  IngressClassObject,
  IngressObject,
  IngressPath,
  IngressRule,
  IPBlock,
  LabelSelector,
  LabelSelectorRequirement,
  ManifestDocument,
  NamespaceObject,
  NetworkPolicyObject,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicyRule,
  NodeObject,
  NormalizedManifests,
  ObjectMeta,
  PathType,
  PodObject,
  PodTemplate,
  PolicyType,
  Protocol,
  ScenarioCheck,
  ScenarioDeletedPod,
  ScenarioObject,
  ServiceObject,
  ServicePort,
  ServiceType,
  SourceRange,
  SourceRef,
  Verdict,
  WorkloadKind,
  WorkloadObject,
} from '../types';
import type { Mutable } from '../mutable';
import { objectRef, type RefKind } from '../refs';
import { CNI_PLUGIN_NAMES } from '../cni-plugins';
import { makeDiagnostic } from '../diagnostics';
import { child, isObj, makeReader, rangeAt, type Obj, type Reader } from './read';
import { moveRange } from './parse';
import { isClusterPolicyKind, readClusterPolicy } from './cluster-policy';
import { gatewayApiVersionProblem, isGatewayApiDocumentKind, isGatewayApiKind, readGatewayApiObject } from './gateway';

/** The kinds the engine simulates, with the apiVersion each must have. */
export const SIMULATED_KINDS: Readonly<Record<string, string>> = {
  Namespace: 'v1',
  Node: 'v1',
  Pod: 'v1',
  Service: 'v1',
  Endpoints: 'v1',
  EndpointSlice: 'discovery.k8s.io/v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Ingress: 'networking.k8s.io/v1',
  IngressClass: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  ClusterNetworkPolicy: 'policy.networking.k8s.io/v1alpha2',
  AdminNetworkPolicy: 'policy.networking.k8s.io/v1alpha1',
  BaselineAdminNetworkPolicy: 'policy.networking.k8s.io/v1alpha1',
  Scenario: 'netplay.dev/v1',
};

/** Kinds without a namespace: their `meta.namespace` is `''`. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'Node',
  'IngressClass',
  'Scenario',
  'ClusterNetworkPolicy',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'GatewayClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'APIService',
]);

const PROTOCOLS: ReadonlySet<string> = new Set(['TCP', 'UDP', 'SCTP']);
const SERVICE_TYPES: ReadonlySet<string> = new Set([
  'ClusterIP',
  'NodePort',
  'LoadBalancer',
  'ExternalName',
]);
const PATH_TYPES: ReadonlySet<string> = new Set(['Exact', 'Prefix', 'ImplementationSpecific']);

/**
 * The playground's size limits: above them the engine refuses the extra objects with an
 * `input.limit` error at the line that asks for them (a workload's `replicas`, an object's
 * name), and stays exact below. Each is well above the sizes the benchmarks time (5,000 pods,
 * 1,000 policies).
 */
export const PLAYGROUND_LIMITS = {
  /** YAML documents, `kind: List` items included. */
  documents: 20_000,
  /** Pods in all: bare Pods plus the replicas of Deployments, ReplicaSets and StatefulSets. */
  pods: 10_000,
  networkPolicies: 2_000,
  /** ClusterNetworkPolicies and the v1alpha1 Admin/BaselineAdminNetworkPolicies together. */
  clusterPolicies: 500,
  /** Node objects (a DaemonSet runs a pod on each). */
  nodes: 1_000,
} as const;

/** The ref a diagnostic names its object by: `service/default/web`, `node/node-1`, `configmap/default/x`. */
export function refForObject(kind: string, namespace: string, name: string): string {
  const k = kind.toLowerCase();
  if (namespace === '') return `${k}/${name}`;
  return objectRef(k as RefKind, namespace, name);
}

/**
 * Decodes every document into the typed model, applying API defaults. Kinds the engine does not
 * simulate are listed in `notSimulated` with an `info` note. Never throws.
 *
 * @example
 * const { manifests } = normalizeManifests(parseManifests([{ name: 'a.yaml', text }]).documents);
 * manifests.services[0].ports[0].targetPort; // = port when the YAML omits it
 */
export function normalizeManifests(documents: readonly ManifestDocument[]): {
  manifests: NormalizedManifests;
  diagnostics: Diagnostic[];
} {
  const out = {
    namespaces: [] as NamespaceObject[],
    nodes: [] as NodeObject[],
    pods: [] as PodObject[],
    workloads: [] as WorkloadObject[],
    services: [] as ServiceObject[],
    endpointSlices: [] as EndpointSliceObject[],
    ingresses: [] as IngressObject[],
    ingressClasses: [] as IngressClassObject[],
    networkPolicies: [] as NetworkPolicyObject[],
    clusterPolicies: [] as ClusterPolicyObject[],
    gatewayClasses: [] as GatewayClassObject[],
    gateways: [] as GatewayObject[],
    httpRoutes: [] as HTTPRouteObject[],
    referenceGrants: [] as ReferenceGrantObject[],
    scenarios: [] as ScenarioObject[],
    notSimulated: [] as { kind: string; name: string; namespace?: string }[],
  };
  const diagnostics: Diagnostic[] = [];
  const limit = PLAYGROUND_LIMITS.documents;
  const skipped = documents[limit];
  if (skipped !== undefined) {
    const detail = `the playground reads at most ${limit} documents (List items included); the ones from here on were skipped`;
    diagnostics.push(makeDiagnostic('input.limit', { path: 'documents', value: documents.length, detail }, { range: skipped.range }));
  }
  const counts: Counts = { pods: 0 };
  for (const doc of skipped === undefined ? documents : documents.slice(0, limit)) {
    if (reuseNormalized(doc, out, diagnostics, counts)) continue;
    const diagnosticsBefore = diagnostics.length;
    const list = MEMO_LISTS[doc.kind];
    const objectsBefore = list === undefined ? 0 : out[list].length;
    const podsBefore = counts.pods;
    try {
      normalizeDocument(doc, out, diagnostics, counts);
      const notes = diagnostics.slice(diagnosticsBefore);
      if (list !== undefined && notes.every((d) => DOCUMENT_ONLY_NOTES.has(d.code)) && typeof doc.object === 'object' && doc.object !== null) {
        normalizedMemo.set(doc.object, { file: doc.file, kind: doc.kind, documentIndex: doc.documentIndex, range: doc.range, list, objects: out[list].slice(objectsBefore), notes, pods: counts.pods - podsBefore });
      }
    } catch (error) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      diagnostics.push(
        makeDiagnostic('internal', { stage: 'normalize', detail }, { range: doc.range }),
      );
    }
  }
  return { manifests: out, diagnostics };
}

/** Pods asked for so far, in document order (`PLAYGROUND_LIMITS.pods`). */
type Counts = { pods: number };

/**
 * The kinds whose typed objects depend on their own document alone (and the limits, checked
 * again on reuse), and the output list each goes to. Gateway API kinds (their names are checked
 * across documents while reading) and unknown kinds are read every time.
 */
const MEMO_LISTS: Readonly<Record<string, Exclude<keyof Out, 'notSimulated'>>> = {
  Namespace: 'namespaces',
  Node: 'nodes',
  Pod: 'pods',
  Deployment: 'workloads',
  ReplicaSet: 'workloads',
  StatefulSet: 'workloads',
  DaemonSet: 'workloads',
  Service: 'services',
  Endpoints: 'endpointSlices',
  EndpointSlice: 'endpointSlices',
  Ingress: 'ingresses',
  IngressClass: 'ingressClasses',
  NetworkPolicy: 'networkPolicies',
  ClusterNetworkPolicy: 'clusterPolicies',
  AdminNetworkPolicy: 'clusterPolicies',
  BaselineAdminNetworkPolicy: 'clusterPolicies',
};

/**
 * The notes a document may carry and still be reused: each says something about a field of
 * that document alone (`domainNames` read, not simulated; an IPv6 CIDR), never about another
 * document or a limit, so the same text always gives the same note (its range moved with it).
 */
const DOCUMENT_ONLY_NOTES: ReadonlySet<string> = new Set(['field.not-simulated']);

/**
 * What a document without diagnostics (or with document-only notes) was read into, by its parsed object (the parse cache
 * hands back the same object for a document whose text did not change): the objects, where the
 * document was (its `meta.source`), and the pods it asked for. A keystroke reads again only
 * the documents it changed; the others are reused, with their source moved when lines or
 * documents above them were added or removed.
 */
const normalizedMemo = new WeakMap<
  object,
  {
    readonly file: string;
    readonly kind: string;
    readonly documentIndex: number;
    readonly range: SourceRange;
    readonly list: Exclude<keyof Out, 'notSimulated'>;
    readonly objects: readonly { readonly meta: ObjectMeta }[];
    /** Its document-only notes, in reading order (ranges where the document was then). */
    readonly notes: readonly Diagnostic[];
    readonly pods: number;
  }
>();

/** The document's objects from the memo, when it has them and reusing them cannot cross a limit. */
function reuseNormalized(doc: ManifestDocument, out: Out, diagnostics: Diagnostic[], counts: Counts): boolean {
  const known = normalizedMemo.get(doc.object);
  if (known === undefined || known.file !== doc.file || known.kind !== doc.kind) return false;
  const list = out[known.list] as { meta: ObjectMeta }[];
  // Each limit as normalizeDocument checks it: a document that would reach one is read again.
  if (counts.pods + known.pods > PLAYGROUND_LIMITS.pods) return false;
  if (known.list === 'nodes' && list.length >= PLAYGROUND_LIMITS.nodes) return false;
  if (known.list === 'networkPolicies' && list.length >= PLAYGROUND_LIMITS.networkPolicies) return false;
  if (known.list === 'clusterPolicies') {
    if (list.length >= PLAYGROUND_LIMITS.clusterPolicies) return false;
    const name = known.objects[0]?.meta.name;
    if (out.clusterPolicies.some((p) => p.kind === doc.kind && p.meta.name === name)) return false;
  }
  const r = known.range;
  const moved =
    known.documentIndex !== doc.documentIndex ||
    r.file !== doc.range.file ||
    r.startLine !== doc.range.startLine ||
    r.startColumn !== doc.range.startColumn ||
    r.endLine !== doc.range.endLine ||
    r.endColumn !== doc.range.endColumn;
  // A note's range moves with its document: whole lines came or went above it (same column).
  if (moved && known.notes.length > 0 && r.startColumn !== doc.range.startColumn) return false;
  let objects = known.objects;
  let notes = known.notes;
  if (moved) {
    // The key order of `readMeta` (source after annotations): the JSON equals a fresh read.
    const source: SourceRef = { file: doc.file, documentIndex: doc.documentIndex, range: doc.range };
    objects = known.objects.map((o) => ({ ...o, meta: { ...o.meta, source } }));
    const dl = doc.range.startLine - r.startLine;
    notes = known.notes.map((d) => (d.range === undefined || dl === 0 ? d : { ...d, range: moveRange(d.range, dl) }));
    normalizedMemo.set(doc.object, { ...known, documentIndex: doc.documentIndex, range: doc.range, objects, notes });
  }
  for (const o of objects) list.push(o);
  for (const d of notes) diagnostics.push(d);
  counts.pods += known.pods;
  return true;
}

type Out = {
  namespaces: NamespaceObject[];
  nodes: NodeObject[];
  pods: PodObject[];
  workloads: WorkloadObject[];
  services: ServiceObject[];
  endpointSlices: EndpointSliceObject[];
  ingresses: IngressObject[];
  ingressClasses: IngressClassObject[];
  networkPolicies: NetworkPolicyObject[];
  clusterPolicies: ClusterPolicyObject[];
  gatewayClasses: GatewayClassObject[];
  gateways: GatewayObject[];
  httpRoutes: HTTPRouteObject[];
  referenceGrants: ReferenceGrantObject[];
  scenarios: ScenarioObject[];
  notSimulated: { kind: string; name: string; namespace?: string }[];
};

/** Built-in Kubernetes kinds the engine reads past quietly (an `info` note, not a warning). */
const BUILT_IN_KINDS: ReadonlySet<string> = new Set([
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
  'Job',
  'CronJob',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'LimitRange',
  'ResourceQuota',
  'PriorityClass',
  'CustomResourceDefinition',
  'APIService',
  'Lease',
  'Event',
  'ControllerRevision',
  'RuntimeClass',
  'PodTemplate',
  'ReplicationController',
  'CertificateSigningRequest',
  'ComponentStatus',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'IPAddress',
  'ServiceCIDR',
  'ResourceClaim',
  'DeviceClass',
  'PodSecurityPolicy',
  'Binding',
]);

function normalizeDocument(doc: ManifestDocument, out: Out, diagnostics: Diagnostic[], counts: Counts): void {
  const o = isObj(doc.object) ? doc.object : {};
  const kind = doc.kind;
  const clusterScoped = CLUSTER_SCOPED_KINDS.has(kind);
  const metaObj = isObj(o['metadata']) ? o['metadata'] : {};
  const rawName = typeof metaObj['name'] === 'string' ? metaObj['name'] : '';
  const rawNs =
    typeof metaObj['namespace'] === 'string' && metaObj['namespace'] !== ''
      ? metaObj['namespace']
      : 'default';
  const namespace = clusterScoped ? '' : rawNs;
  const ref = refForObject(kind, namespace, rawName || '?');

  const expected = SIMULATED_KINDS[kind];
  const gatewayApi = isGatewayApiDocumentKind(kind);
  if (expected === undefined && !gatewayApi) {
    out.notSimulated.push({ kind, name: rawName, ...(clusterScoped ? {} : { namespace }) });
    // cli.md: unknown kinds are warnings; Kubernetes' own kinds we don't simulate are a quiet note.
    const code = BUILT_IN_KINDS.has(kind) ? 'kind.not-simulated' : 'kind.unknown';
    diagnostics.push(makeDiagnostic(code, { kind }, { range: rangeAt(doc, 'kind'), ref }));
    return;
  }
  // Gateway API kinds are served in more than one version (see gateway.ts).
  const versionProblem = gatewayApi ? gatewayApiVersionProblem(kind, doc.apiVersion) : doc.apiVersion !== expected ? `apiVersion: ${expected}` : undefined;
  if (versionProblem !== undefined) {
    diagnostics.push(
      makeDiagnostic(
        'kind.unknown-version',
        { kind, apiVersion: doc.apiVersion, expected: versionProblem },
        { path: 'apiVersion', range: rangeAt(doc, 'apiVersion'), ref },
      ),
    );
    return;
  }

  const r = makeReader(doc, ref, diagnostics);
  const meta = readMeta(r, o, namespace);
  if (!meta) return;
  if (isClusterPolicyKind(kind) && typeof metaObj['namespace'] === 'string' && metaObj['namespace'] !== '') {
    // kubectl sends it, the API server drops it: a cluster-scoped object has no namespace.
    diagnostics.push(makeDiagnostic('clusterpolicy.namespace-ignored', { kind, namespace: metaObj['namespace'] }, { path: 'metadata.namespace', range: rangeAt(doc, 'metadata.namespace'), ref }));
  }

  /** One object over a count limit: skipped, with the error at its name. */
  const overLimit = (what: string, max: number): void => {
    const detail = `the playground simulates at most ${max} ${what}; this ${kind} was skipped`;
    diagnostics.push(makeDiagnostic('input.limit', { path: 'metadata.name', value: meta.name, detail }, { path: 'metadata.name', range: rangeAt(doc, 'metadata.name'), ref }));
  };
  switch (kind) {
    case 'Namespace':
      out.namespaces.push({ kind: 'Namespace', meta });
      return;
    case 'Node':
      if (out.nodes.length >= PLAYGROUND_LIMITS.nodes) overLimit('Nodes', PLAYGROUND_LIMITS.nodes);
      else out.nodes.push(readNode(r, o, meta));
      return;
    case 'Pod':
      if (counts.pods >= PLAYGROUND_LIMITS.pods) overLimit('pods', PLAYGROUND_LIMITS.pods);
      else {
        out.pods.push(readPod(r, o, meta));
        counts.pods++;
      }
      return;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet': {
      const workload = readWorkload(r, o, meta, kind);
      out.workloads.push(kind === 'DaemonSet' ? workload : withinPodLimit(r, workload, counts));
      return;
    }
    case 'Service':
      out.services.push(readService(r, o, meta));
      return;
    case 'Endpoints':
      for (const slice of readEndpoints(r, o, meta)) out.endpointSlices.push(slice);
      return;
    case 'EndpointSlice':
      out.endpointSlices.push(readEndpointSlice(r, o, meta));
      return;
    case 'Ingress':
      out.ingresses.push(readIngress(r, o, meta));
      return;
    case 'IngressClass':
      out.ingressClasses.push(readIngressClass(r, o, meta));
      return;
    case 'NetworkPolicy':
      if (out.networkPolicies.length >= PLAYGROUND_LIMITS.networkPolicies) overLimit('NetworkPolicies', PLAYGROUND_LIMITS.networkPolicies);
      else out.networkPolicies.push(readNetworkPolicy(r, o, meta));
      return;
    case 'ClusterNetworkPolicy':
    case 'AdminNetworkPolicy':
    case 'BaselineAdminNetworkPolicy': {
      if (out.clusterPolicies.length >= PLAYGROUND_LIMITS.clusterPolicies) {
        overLimit('cluster policies', PLAYGROUND_LIMITS.clusterPolicies);
        return;
      }
      const policy = readClusterPolicy(r, o, meta, kind);
      if (!policy) return;
      if (out.clusterPolicies.some((p) => p.kind === kind && p.meta.name === meta.name)) {
        diagnostics.push(makeDiagnostic('clusterpolicy.declared-twice', { kind, name: meta.name }, { path: 'metadata.name', range: rangeAt(doc, 'metadata.name'), ref }));
        return;
      }
      out.clusterPolicies.push(policy);
      return;
    }
    case 'Scenario':
      out.scenarios.push(readScenario(r, o, meta));
      return;
  }
  if (isGatewayApiKind(kind)) readGatewayApiObject(r, o, meta, kind, out);
  else if (gatewayApi) {
    out.notSimulated.push({ kind, name: meta.name, namespace: meta.namespace });
    diagnostics.push(makeDiagnostic('gateway.kind.not-simulated', { kind }, { range: rangeAt(doc, 'kind'), ref }));
  }
}

function readMeta(r: Reader, o: Obj, namespace: string): ObjectMeta | undefined {
  const m = r.obj(o['metadata'], 'metadata') ?? {};
  const name = r.str(m['name'], 'metadata.name');
  if (!name) {
    const generated =
      typeof m['generateName'] === 'string' ? ' (generateName is not simulated)' : '';
    r.diagnostics.push(
      makeDiagnostic(
        'metadata.name.required',
        { path: 'metadata.name', detail: `name or generateName is required${generated}` },
        { path: 'metadata.name', range: rangeAt(r.doc, 'metadata.name'), ref: r.ref },
      ),
    );
    return undefined;
  }
  r.str(m['namespace'], 'metadata.namespace');
  // Read-only in the API (the server sets it); kept when a `kubectl get -o yaml` snapshot has it,
  // because some controllers order objects by it (ingress-nginx: the oldest Ingress wins).
  const created = m['creationTimestamp'];
  const meta: Mutable<ObjectMeta> = {
    name,
    namespace,
    labels: r.strMap(m['labels'], 'metadata.labels'),
    annotations: r.strMap(m['annotations'], 'metadata.annotations'),
    source: { file: r.doc.file, documentIndex: r.doc.documentIndex, range: r.doc.range },
  };
  if (typeof created === 'string' && created !== '') meta.creationTimestamp = created;
  return meta;
}

function protocolOf(r: Reader, v: unknown, path: string): Protocol {
  const p = r.str(v, path);
  // Defaulting: protocol TCP (SetDefaults_ServicePort / ContainerPort / NetworkPolicyPort).
  return p !== undefined && PROTOCOLS.has(p) ? (p as Protocol) : 'TCP';
}

// ---------------------------------------------------------------------------------------------
// Pods and workloads

function readPodTemplate(
  r: Reader,
  metaObj: Obj | undefined,
  spec: Obj | undefined,
  specPath: string,
  metaPath: string,
): PodTemplate {
  const m = metaObj ?? {};
  const s = spec ?? {};
  const containers: Container[] = [];
  const cPath = child(specPath, 'containers');
  r.list(s['containers'], cPath).forEach((c, i) => {
    const path = child(cPath, i);
    const co = r.obj(c, path);
    if (!co) return;
    const ports: ContainerPort[] = [];
    const pPath = child(path, 'ports');
    r.list(co['ports'], pPath).forEach((p, j) => {
      const portPath = child(pPath, j);
      const po = r.obj(p, portPath);
      if (!po) return;
      const containerPort = r.int(po['containerPort'], child(portPath, 'containerPort'));
      if (containerPort === undefined) return;
      const name = r.str(po['name'], child(portPath, 'name'));
      const hostPort = r.int(po['hostPort'], child(portPath, 'hostPort'));
      const protocol = protocolOf(r, po['protocol'], child(portPath, 'protocol'));
      const port: Mutable<ContainerPort> = name ? { name, containerPort, protocol } : { containerPort, protocol };
      if (hostPort) port.hostPort = hostPort;
      ports.push(port);
    });
    containers.push({ name: r.str(co['name'], child(path, 'name')) ?? '', ports });
  });

  const requiredNodeAffinity: (readonly LabelSelectorRequirement[])[] = [];
  const affinity = r.obj(s['affinity'], child(specPath, 'affinity'));
  const nodeAffinity = affinity
    ? r.obj(affinity['nodeAffinity'], child(specPath, 'affinity.nodeAffinity'))
    : undefined;
  const reqPath = child(
    specPath,
    'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution',
  );
  const required = nodeAffinity
    ? r.obj(nodeAffinity['requiredDuringSchedulingIgnoredDuringExecution'], reqPath)
    : undefined;
  if (required) {
    const termsPath = child(reqPath, 'nodeSelectorTerms');
    r.list(required['nodeSelectorTerms'], termsPath).forEach((t, i) => {
      const termPath = child(termsPath, i);
      const to = r.obj(t, termPath);
      if (!to) return;
      const reqs: LabelSelectorRequirement[] = [];
      const readExprs = (field: 'matchExpressions' | 'matchFields'): void => {
        const ePath = child(termPath, field);
        r.list(to[field], ePath).forEach((e, j) => {
          const exprPath = child(ePath, j);
          const eo = r.obj(e, exprPath);
          if (!eo) return;
          let key = r.str(eo['key'], child(exprPath, 'key')) ?? '';
          const operator = r.str(eo['operator'], child(exprPath, 'operator')) ?? '';
          const values = r.strList(eo['values'], child(exprPath, 'values'));
          // matchFields only supports metadata.name: the same as the node's hostname label here.
          if (field === 'matchFields')
            key = key === 'metadata.name' ? 'kubernetes.io/hostname' : key;
          if (
            operator === 'In' ||
            operator === 'NotIn' ||
            operator === 'Exists' ||
            operator === 'DoesNotExist'
          ) {
            reqs.push({ key, operator, values });
          } else {
            r.diagnostics.push(
              makeDiagnostic(
                'field.not-simulated',
                {
                  path: child(exprPath, 'operator'),
                  detail: `operator ${JSON.stringify(operator)} is not simulated; this requirement is ignored`,
                },
                {
                  path: child(exprPath, 'operator'),
                  range: rangeAt(r.doc, child(exprPath, 'operator')),
                  ref: r.ref,
                },
              ),
            );
          }
        });
      };
      readExprs('matchExpressions');
      readExprs('matchFields');
      requiredNodeAffinity.push(reqs);
    });
  }

  const nodeName = r.str(s['nodeName'], child(specPath, 'nodeName'));
  const hostname = r.str(s['hostname'], child(specPath, 'hostname'));
  const subdomain = r.str(s['subdomain'], child(specPath, 'subdomain'));
  const labels = r.strMap(m['labels'], child(metaPath, 'labels'));
  const annotations = r.strMap(m['annotations'], child(metaPath, 'annotations'));
  const nodeSelector = r.strMap(s['nodeSelector'], child(specPath, 'nodeSelector'));
  const hostNetwork = r.bool(s['hostNetwork'], child(specPath, 'hostNetwork')) ?? false;
  const template: Mutable<PodTemplate> = nodeName
    ? { labels, annotations, nodeName, nodeSelector, requiredNodeAffinity, hostNetwork, containers }
    : { labels, annotations, nodeSelector, requiredNodeAffinity, hostNetwork, containers };
  if (hostname) template.hostname = hostname;
  if (subdomain) template.subdomain = subdomain;
  return template;
}

function readPod(r: Reader, o: Obj, meta: ObjectMeta): PodObject {
  const spec = r.obj(o['spec'], 'spec');
  // The pod's own labels were read (and checked) with its metadata.
  const template = {
    ...readPodTemplate(r, undefined, spec, 'spec', 'metadata'),
    labels: meta.labels,
    annotations: meta.annotations,
  };
  const st = r.obj(o['status'], 'status') ?? {};
  const podIP = r.str(st['podIP'], 'status.podIP');
  const hostIP = r.str(st['hostIP'], 'status.hostIP');
  const phase = r.str(st['phase'], 'status.phase');
  const podIPs: string[] = [];
  r.list(st['podIPs'], 'status.podIPs').forEach((p, i) => {
    const po = r.obj(p, `status.podIPs[${i}]`);
    const ip = po ? r.str(po['ip'], `status.podIPs[${i}].ip`) : undefined;
    if (ip) podIPs.push(ip);
  });
  if (podIPs.length === 0 && podIP) podIPs.push(podIP);
  let ready: boolean | undefined;
  r.list(st['conditions'], 'status.conditions').forEach((c, i) => {
    const co = r.obj(c, `status.conditions[${i}]`);
    if (co && co['type'] === 'Ready')
      ready = r.str(co['status'], `status.conditions[${i}].status`) === 'True';
  });
  return {
    kind: 'Pod',
    meta,
    template,
    status: {
      ...(podIP ? { podIP } : podIPs[0] ? { podIP: podIPs[0] } : {}),
      podIPs,
      ...(hostIP ? { hostIP } : {}),
      ...(phase ? { phase } : {}),
      ...(ready !== undefined ? { ready } : {}),
    },
  };
}

function readWorkload(r: Reader, o: Obj, meta: ObjectMeta, kind: WorkloadKind): WorkloadObject {
  const spec = r.obj(o['spec'], 'spec') ?? {};
  const tpl = r.obj(spec['template'], 'spec.template') ?? {};
  const template = readPodTemplate(
    r,
    r.obj(tpl['metadata'], 'spec.template.metadata'),
    r.obj(tpl['spec'], 'spec.template.spec'),
    'spec.template.spec',
    'spec.template.metadata',
  );
  // apps/v1 requires spec.selector (validate says so); without one, the template's labels stand in.
  const selector =
    spec['selector'] === undefined || spec['selector'] === null
      ? { matchLabels: template.labels, matchExpressions: [] }
      : r.selector(spec['selector'], 'spec.selector');
  const replicas = r.int(spec['replicas'], 'spec.replicas');
  const serviceName = kind === 'StatefulSet' ? r.str(spec['serviceName'], 'spec.serviceName') : undefined;
  return {
    kind,
    meta,
    ...(serviceName ? { serviceName } : {}),
    // Defaulting: replicas 1 (SetDefaults_Deployment etc.); ignored for DaemonSets.
    replicas: replicas !== undefined && replicas >= 0 ? replicas : 1,
    selector,
    template,
  };
}

/** The workload with as many replicas as the pod limit leaves, and an error at `spec.replicas` when that is fewer. */
function withinPodLimit(r: Reader, workload: WorkloadObject, counts: Counts): WorkloadObject {
  const max = PLAYGROUND_LIMITS.pods;
  const granted = Math.min(workload.replicas, Math.max(0, max - counts.pods));
  counts.pods += granted;
  if (granted === workload.replicas) return workload;
  const path = 'spec.replicas';
  const detail = `the playground simulates at most ${max} pods in all, so this ${workload.kind} runs ${granted}`;
  r.diagnostics.push(makeDiagnostic('input.limit', { path, value: workload.replicas, detail }, { path, range: rangeAt(r.doc, path), ref: r.ref }));
  return { ...workload, replicas: granted };
}

function readNode(r: Reader, o: Obj, meta: ObjectMeta): NodeObject {
  const spec = r.obj(o['spec'], 'spec') ?? {};
  const st = r.obj(o['status'], 'status') ?? {};
  let internalIP: string | undefined;
  r.list(st['addresses'], 'status.addresses').forEach((a, i) => {
    const ao = r.obj(a, `status.addresses[${i}]`);
    if (ao && ao['type'] === 'InternalIP' && internalIP === undefined) {
      internalIP = r.str(ao['address'], `status.addresses[${i}].address`);
    }
  });
  const podCIDR = r.str(spec['podCIDR'], 'spec.podCIDR');
  return {
    kind: 'Node',
    meta,
    ...(internalIP ? { internalIP } : {}),
    ...(podCIDR ? { podCIDR } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Services and endpoints

function readService(r: Reader, o: Obj, meta: ObjectMeta): ServiceObject {
  const spec = r.obj(o['spec'], 'spec') ?? {};
  const typeRaw = r.str(spec['type'], 'spec.type');
  const type: ServiceType =
    typeRaw !== undefined && SERVICE_TYPES.has(typeRaw) ? (typeRaw as ServiceType) : 'ClusterIP';
  const selectorMap =
    spec['selector'] === undefined || spec['selector'] === null
      ? undefined
      : r.strMap(spec['selector'], 'spec.selector');
  const ports: ServicePort[] = [];
  r.list(spec['ports'], 'spec.ports').forEach((p, i) => {
    const path = `spec.ports[${i}]`;
    const po = r.obj(p, path);
    if (!po) return;
    const port = r.int(po['port'], `${path}.port`);
    if (port === undefined) return;
    const name = r.str(po['name'], `${path}.name`);
    const target = r.intOrString(po['targetPort'], `${path}.targetPort`);
    const nodePort = r.int(po['nodePort'], `${path}.nodePort`);
    const appProtocol = r.str(po['appProtocol'], `${path}.appProtocol`);
    const protocol = protocolOf(r, po['protocol'], `${path}.protocol`);
    // Defaulting: targetPort = port when omitted (or 0 / "").
    const targetPort = target === undefined || target === 0 || target === '' ? port : target;
    const servicePort: Mutable<ServicePort> = name ? { name, protocol, port, targetPort } : { protocol, port, targetPort };
    if (nodePort) servicePort.nodePort = nodePort;
    if (appProtocol) servicePort.appProtocol = appProtocol;
    ports.push(servicePort);
  });
  const clusterIP = r.str(spec['clusterIP'], 'spec.clusterIP');
  const externalName = r.str(spec['externalName'], 'spec.externalName');
  const loadBalancerIP = r.str(spec['loadBalancerIP'], 'spec.loadBalancerIP');
  const loadBalancerClass = r.str(spec['loadBalancerClass'], 'spec.loadBalancerClass');
  const etp = r.str(spec['externalTrafficPolicy'], 'spec.externalTrafficPolicy');
  const itp = r.str(spec['internalTrafficPolicy'], 'spec.internalTrafficPolicy');
  const affinity = r.str(spec['sessionAffinity'], 'spec.sessionAffinity');
  const st = r.obj(o['status'], 'status') ?? {};
  const lb = r.obj(st['loadBalancer'], 'status.loadBalancer') ?? {};
  const statusLoadBalancerIPs: string[] = [];
  r.list(lb['ingress'], 'status.loadBalancer.ingress').forEach((g, i) => {
    const go = r.obj(g, `status.loadBalancer.ingress[${i}]`);
    const ip = go ? r.str(go['ip'], `status.loadBalancer.ingress[${i}].ip`) : undefined;
    if (ip) statusLoadBalancerIPs.push(ip);
  });
  const service: Mutable<ServiceObject> = { kind: 'Service', meta, type } as ServiceObject;
  // An empty selector is the same as none: the endpoints controller skips such Services.
  if (selectorMap && Object.keys(selectorMap).length > 0) service.selector = selectorMap;
  if (clusterIP) service.clusterIP = clusterIP;
  service.ports = ports;
  // Defaulting (SetDefaults_Service): Cluster / Cluster / None.
  service.externalTrafficPolicy = etp === 'Local' ? 'Local' : 'Cluster';
  service.internalTrafficPolicy = itp === 'Local' ? 'Local' : 'Cluster';
  service.sessionAffinity = affinity === 'ClientIP' ? 'ClientIP' : 'None';
  if (externalName) service.externalName = externalName;
  service.externalIPs = r.strList(spec['externalIPs'], 'spec.externalIPs');
  service.publishNotReadyAddresses = r.bool(spec['publishNotReadyAddresses'], 'spec.publishNotReadyAddresses') ?? false;
  if (loadBalancerIP) service.loadBalancerIP = loadBalancerIP;
  if (loadBalancerClass) service.loadBalancerClass = loadBalancerClass;
  service.statusLoadBalancerIPs = statusLoadBalancerIPs;
  return service;
}

type SliceEndpoint = EndpointSliceObject['endpoints'][number];
type SlicePort = EndpointSliceObject['ports'][number];

function targetPodRef(r: Reader, v: unknown, path: string, namespace: string): string | undefined {
  const t = r.obj(v, path);
  if (!t || t['kind'] !== 'Pod') return undefined;
  const name = r.str(t['name'], child(path, 'name'));
  if (!name) return undefined;
  const ns = r.str(t['namespace'], child(path, 'namespace')) || namespace;
  return objectRef('pod', ns, name);
}

function readSlicePorts(r: Reader, v: unknown, path: string): SlicePort[] {
  const ports: SlicePort[] = [];
  r.list(v, path).forEach((p, i) => {
    const pPath = child(path, i);
    const po = r.obj(p, pPath);
    if (!po) return;
    const port = r.int(po['port'], child(pPath, 'port'));
    if (port === undefined) return;
    const name = r.str(po['name'], child(pPath, 'name'));
    ports.push({
      ...(name ? { name } : {}),
      port,
      protocol: protocolOf(r, po['protocol'], child(pPath, 'protocol')),
    });
  });
  return ports;
}

/** Endpoints (v1): each subset becomes one EndpointSlice-shaped object. */
function readEndpoints(r: Reader, o: Obj, meta: ObjectMeta): EndpointSliceObject[] {
  const slices: EndpointSliceObject[] = [];
  const subsets = r.list(o['subsets'], 'subsets');
  subsets.forEach((s, i) => {
    const sPath = `subsets[${i}]`;
    const so = r.obj(s, sPath);
    if (!so) return;
    const endpoints: SliceEndpoint[] = [];
    for (const [field, ready] of [
      ['addresses', true],
      ['notReadyAddresses', false],
    ] as const) {
      const aPath = child(sPath, field);
      r.list(so[field], aPath).forEach((a, j) => {
        const addrPath = child(aPath, j);
        const ao = r.obj(a, addrPath);
        if (!ao) return;
        const ip = r.str(ao['ip'], child(addrPath, 'ip'));
        if (!ip) return;
        const nodeName = r.str(ao['nodeName'], child(addrPath, 'nodeName'));
        const podRef = targetPodRef(
          r,
          ao['targetRef'],
          child(addrPath, 'targetRef'),
          meta.namespace,
        );
        endpoints.push({
          addresses: [ip],
          ready,
          ...(nodeName ? { nodeName } : {}),
          ...(podRef ? { podRef } : {}),
        });
      });
    }
    slices.push({
      kind: 'EndpointSlice',
      meta: subsets.length > 1 ? { ...meta, name: `${meta.name}-${i}` } : meta,
      serviceName: meta.name,
      endpoints,
      ports: readSlicePorts(r, so['ports'], child(sPath, 'ports')),
    });
  });
  return slices;
}

function readEndpointSlice(r: Reader, o: Obj, meta: ObjectMeta): EndpointSliceObject {
  const endpoints: SliceEndpoint[] = [];
  r.list(o['endpoints'], 'endpoints').forEach((e, i) => {
    const ePath = `endpoints[${i}]`;
    const eo = r.obj(e, ePath);
    if (!eo) return;
    const conditions = r.obj(eo['conditions'], `${ePath}.conditions`) ?? {};
    // "ready: nil should be interpreted as true" (discovery/v1 EndpointConditions).
    const ready = r.bool(conditions['ready'], `${ePath}.conditions.ready`) ?? true;
    const nodeName = r.str(eo['nodeName'], `${ePath}.nodeName`);
    const podRef = targetPodRef(r, eo['targetRef'], `${ePath}.targetRef`, meta.namespace);
    endpoints.push({
      addresses: r.strList(eo['addresses'], `${ePath}.addresses`),
      ready,
      ...(nodeName ? { nodeName } : {}),
      ...(podRef ? { podRef } : {}),
    });
  });
  const serviceName = meta.labels['kubernetes.io/service-name'] ?? '';
  if (serviceName === '') {
    r.diagnostics.push(
      makeDiagnostic(
        'endpointslice.no-service',
        { name: `${meta.namespace}/${meta.name}` },
        { path: 'metadata.labels', range: rangeAt(r.doc, 'metadata.labels'), ref: r.ref },
      ),
    );
  }
  return {
    kind: 'EndpointSlice',
    meta,
    serviceName,
    endpoints,
    ports: readSlicePorts(r, o['ports'], 'ports'),
  };
}

// ---------------------------------------------------------------------------------------------
// Ingress

function readBackend(r: Reader, v: unknown, path: string): IngressBackend {
  const b = r.obj(v, path) ?? {};
  const svc = r.obj(b['service'], child(path, 'service'));
  const res = r.obj(b['resource'], child(path, 'resource'));
  const out: {
    service?: NonNullable<IngressBackend['service']>;
    resource?: NonNullable<IngressBackend['resource']>;
  } = {};
  if (svc) {
    const port = r.obj(svc['port'], child(path, 'service.port')) ?? {};
    const number = r.int(port['number'], child(path, 'service.port.number'));
    const name = r.str(port['name'], child(path, 'service.port.name'));
    out.service = {
      name: r.str(svc['name'], child(path, 'service.name')) ?? '',
      port: { ...(number ? { number } : {}), ...(name ? { name } : {}) },
    };
  }
  if (res) {
    out.resource = {
      kind: r.str(res['kind'], child(path, 'resource.kind')) ?? '',
      name: r.str(res['name'], child(path, 'resource.name')) ?? '',
    };
  }
  return out;
}

function readIngress(r: Reader, o: Obj, meta: ObjectMeta): IngressObject {
  const spec = r.obj(o['spec'], 'spec') ?? {};
  const rules: IngressRule[] = [];
  r.list(spec['rules'], 'spec.rules').forEach((rule, i) => {
    const rPath = `spec.rules[${i}]`;
    const ro = r.obj(rule, rPath);
    if (!ro) return;
    const host = r.str(ro['host'], `${rPath}.host`);
    const http = r.obj(ro['http'], `${rPath}.http`) ?? {};
    const paths: IngressPath[] = [];
    r.list(http['paths'], `${rPath}.http.paths`).forEach((p, j) => {
      const pPath = `${rPath}.http.paths[${j}]`;
      const po = r.obj(p, pPath);
      if (!po) return;
      const pathType = r.str(po['pathType'], `${pPath}.pathType`);
      paths.push({
        // Defaulting: '/' when omitted, as ingress-nginx treats an empty path.
        path: r.str(po['path'], `${pPath}.path`) || '/',
        // pathType is required in v1 (validate reports it); ImplementationSpecific was the old default.
        pathType:
          pathType !== undefined && PATH_TYPES.has(pathType)
            ? (pathType as PathType)
            : 'ImplementationSpecific',
        backend: readBackend(r, po['backend'], `${pPath}.backend`),
      });
    });
    rules.push({ ...(host ? { host } : {}), paths });
  });
  const tls: { hosts: string[]; secretName?: string }[] = [];
  r.list(spec['tls'], 'spec.tls').forEach((t, i) => {
    const to = r.obj(t, `spec.tls[${i}]`);
    if (!to) return;
    const secretName = r.str(to['secretName'], `spec.tls[${i}].secretName`);
    tls.push({
      hosts: r.strList(to['hosts'], `spec.tls[${i}].hosts`),
      ...(secretName ? { secretName } : {}),
    });
  });
  // The deprecated annotation still selects the class for ingress-nginx when the field is absent.
  const className =
    r.str(spec['ingressClassName'], 'spec.ingressClassName') ||
    meta.annotations['kubernetes.io/ingress.class'];
  const hasDefault = spec['defaultBackend'] !== undefined && spec['defaultBackend'] !== null;
  return {
    kind: 'Ingress',
    meta,
    ...(className ? { ingressClassName: className } : {}),
    ...(hasDefault
      ? { defaultBackend: readBackend(r, spec['defaultBackend'], 'spec.defaultBackend') }
      : {}),
    rules,
    tls,
  };
}

function readIngressClass(r: Reader, o: Obj, meta: ObjectMeta): IngressClassObject {
  const spec = r.obj(o['spec'], 'spec') ?? {};
  return {
    kind: 'IngressClass',
    meta,
    controller: r.str(spec['controller'], 'spec.controller') ?? '',
    isDefault: meta.annotations['ingressclass.kubernetes.io/is-default-class'] === 'true',
  };
}

// ---------------------------------------------------------------------------------------------
// NetworkPolicy

function readPeers(r: Reader, v: unknown, path: string): NetworkPolicyPeer[] {
  const peers: NetworkPolicyPeer[] = [];
  r.list(v, path).forEach((p, i) => {
    const pPath = child(path, i);
    const po = r.obj(p, pPath);
    if (!po) return;
    const peer: {
      podSelector?: LabelSelector;
      namespaceSelector?: LabelSelector;
      ipBlock?: IPBlock;
    } = {};
    if (po['podSelector'] !== undefined && po['podSelector'] !== null)
      peer.podSelector = r.selector(po['podSelector'], child(pPath, 'podSelector'));
    if (po['namespaceSelector'] !== undefined && po['namespaceSelector'] !== null) {
      peer.namespaceSelector = r.selector(
        po['namespaceSelector'],
        child(pPath, 'namespaceSelector'),
      );
    }
    const ib = r.obj(po['ipBlock'], child(pPath, 'ipBlock'));
    if (ib) {
      peer.ipBlock = {
        cidr: r.str(ib['cidr'], child(pPath, 'ipBlock.cidr')) ?? '',
        except: r.strList(ib['except'], child(pPath, 'ipBlock.except')),
      };
    }
    peers.push(peer);
  });
  return peers;
}

function readPolicyPorts(r: Reader, v: unknown, path: string): NetworkPolicyPort[] {
  const ports: NetworkPolicyPort[] = [];
  r.list(v, path).forEach((p, i) => {
    const pPath = child(path, i);
    const po = r.obj(p, pPath);
    if (!po) return;
    const port = r.intOrString(po['port'], child(pPath, 'port'));
    const endPort = r.int(po['endPort'], child(pPath, 'endPort'));
    const policyPort: Mutable<NetworkPolicyPort> = { protocol: protocolOf(r, po['protocol'], child(pPath, 'protocol')) };
    if (port !== undefined) policyPort.port = port;
    if (endPort !== undefined) policyPort.endPort = endPort;
    ports.push(policyPort);
  });
  return ports;
}

function readRules(
  r: Reader,
  v: unknown,
  path: string,
  peersField: 'from' | 'to',
): NetworkPolicyRule[] {
  const rules: NetworkPolicyRule[] = [];
  r.list(v, path).forEach((rule, i) => {
    const rPath = child(path, i);
    // `- {}` (or `- ` with nothing) is a rule that admits everything.
    const ro = rule === null ? {} : r.obj(rule, rPath);
    if (!ro) return;
    rules.push({
      peers: readPeers(r, ro[peersField], child(rPath, peersField)),
      ports: readPolicyPorts(r, ro['ports'], child(rPath, 'ports')),
    });
  });
  return rules;
}

function readNetworkPolicy(r: Reader, o: Obj, meta: ObjectMeta): NetworkPolicyObject {
  const spec = r.obj(o['spec'], 'spec') ?? {};
  const ingress = readRules(r, spec['ingress'], 'spec.ingress', 'from');
  const egress = readRules(r, spec['egress'], 'spec.egress', 'to');
  const given = r
    .strList(spec['policyTypes'], 'spec.policyTypes')
    .filter((t): t is PolicyType => t === 'Ingress' || t === 'Egress');
  const rawEgress = spec['egress'];
  const hasEgressRules = Array.isArray(rawEgress) && rawEgress.length > 0;
  // Defaulting (SetDefaults_NetworkPolicySpec): when policyTypes is empty, Ingress, plus Egress
  // when the policy has at least one egress rule.
  const defaulted = !Array.isArray(spec['policyTypes']) || spec['policyTypes'].length === 0;
  const policyTypes: PolicyType[] = defaulted
    ? hasEgressRules
      ? ['Ingress', 'Egress']
      : ['Ingress']
    : [...new Set(given)];
  return {
    kind: 'NetworkPolicy',
    meta,
    podSelector: r.selector(spec['podSelector'], 'spec.podSelector'),
    policyTypes,
    policyTypesDefaulted: defaulted,
    ingress,
    egress,
  };
}

// ---------------------------------------------------------------------------------------------
// Scenario (the project's own kind)

const VERDICTS: ReadonlySet<string> = new Set(['allow', 'deny']);

function readScenario(r: Reader, o: Obj, meta: ObjectMeta): ScenarioObject {
  const scenarioError = (path: string, detail: string): void => {
    r.diagnostics.push(
      makeDiagnostic(
        'scenario.invalid',
        { path, detail },
        { path, range: rangeAt(r.doc, path), ref: r.ref },
      ),
    );
  };
  const cniRaw = r.str(o['cni'], 'cni');
  let cni: CniPlugin | undefined;
  if (cniRaw !== undefined) {
    const lower = cniRaw.toLowerCase();
    cni = CNI_PLUGIN_NAMES.find((c) => c === lower);
    if (!cni)
      scenarioError(
        'cni',
        `${JSON.stringify(cniRaw)} is not a supported CNI plugin: use one of ${CNI_PLUGIN_NAMES.join(', ')}`,
      );
  }
  let nodes = r.int(o['nodes'], 'nodes');
  if (nodes !== undefined && (nodes < 1 || nodes > 100)) {
    scenarioError('nodes', `must be between 1 and 100, got ${nodes}`);
    nodes = undefined;
  }
  const bareMetal = r.bool(o['bareMetal'], 'bareMetal');
  const loadBalancerPool = r.str(o['loadBalancerPool'], 'loadBalancerPool');
  const title = r.str(o['title'], 'title');
  const description = r.str(o['description'], 'description');
  const checks: ScenarioCheck[] = [];
  r.list(o['checks'], 'checks').forEach((c, i) => {
    const path = `checks[${i}]`;
    const co = r.obj(c, path);
    if (!co) return;
    const from = r.str(co['from'], `${path}.from`);
    const to = r.str(co['to'], `${path}.to`);
    if (!from || !to) {
      scenarioError(path, 'a check needs both from and to');
      return;
    }
    const e = r.obj(co['expect'], `${path}.expect`) ?? {};
    const verdict = r.str(e['verdict'], `${path}.expect.verdict`);
    if (verdict !== undefined && !VERDICTS.has(verdict))
      scenarioError(
        `${path}.expect.verdict`,
        `must be "allow" or "deny", got ${JSON.stringify(verdict)}`,
      );
    const status = r.int(e['status'], `${path}.expect.status`);
    const backend = r.str(e['backend'], `${path}.expect.backend`);
    const endpoints =
      e['endpoints'] === undefined
        ? undefined
        : r.strList(e['endpoints'], `${path}.expect.endpoints`);
    const location = r.str(e['location'], `${path}.expect.location`);
    const backendPath = r.str(e['backendPath'], `${path}.expect.backendPath`);
    const name = r.str(co['name'], `${path}.name`);
    const via = r.str(co['via'], `${path}.via`);
    const method = r.str(co['method'], `${path}.method`);
    const headers = readCheckHeaders(r.obj(co['headers'], `${path}.headers`), (key) => scenarioError(`${path}.headers.${key}`, 'must be a string'));
    checks.push({
      ...(name ? { name } : {}),
      from,
      to,
      ...(via ? { via } : {}),
      ...(method ? { method } : {}),
      ...(headers !== undefined ? { headers } : {}),
      expect: {
        ...(verdict !== undefined && VERDICTS.has(verdict) ? { verdict: verdict as Verdict } : {}),
        ...(status !== undefined ? { status } : {}),
        ...(backend !== undefined ? { backend } : {}),
        ...(endpoints !== undefined ? { endpoints } : {}),
        ...(location !== undefined ? { location } : {}),
        ...(backendPath !== undefined ? { backendPath } : {}),
      },
    });
  });
  const deletedPods = readDeletedPods(r, o['deletedPods'], scenarioError);
  return {
    kind: 'Scenario',
    meta,
    ...(cni ? { cni } : {}),
    ...(nodes !== undefined ? { nodes } : {}),
    ...(bareMetal !== undefined ? { bareMetal } : {}),
    ...(loadBalancerPool ? { loadBalancerPool } : {}),
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    checks,
    ...(deletedPods.length > 0 ? { deletedPods } : {}),
  };
}

/** A check's `headers`: names to string values; a value that is not a string is reported and skipped. */
function readCheckHeaders(o: Record<string, unknown> | undefined, notString: (key: string) => void): Record<string, string> | undefined {
  if (o === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') out[k] = v;
    else notString(k);
  }
  return out;
}

// A pod name as the API server accepts it (DNS-1123 subdomain).
const POD_NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAMESPACE_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * `deletedPods: [NS/NAME, ...]`: pods deleted by hand, in order (a bare `NAME` is in `default`,
 * as `kubectl delete pod NAME` has it). What replaces each is decided by the cluster stage.
 */
function readDeletedPods(r: Reader, v: unknown, scenarioError: (path: string, detail: string) => void): ScenarioDeletedPod[] {
  const out: ScenarioDeletedPod[] = [];
  r.list(v, 'deletedPods').forEach((entry, i) => {
    const path = `deletedPods[${i}]`;
    const text = r.str(entry, path)?.trim();
    if (text === undefined) return;
    const parts = text.split('/');
    const [namespace, name] = parts.length === 1 ? ['default', parts[0]!] : parts.length === 2 ? [parts[0]!, parts[1]!] : ['', ''];
    if (!NAMESPACE_RE.test(namespace) || namespace.length > 63 || !POD_NAME_RE.test(name) || name.length > 253) {
      scenarioError(path, `${JSON.stringify(text)} is not a pod: write NAMESPACE/NAME (for example default/backend-0)`);
      return;
    }
    out.push({ namespace, name, path, range: rangeAt(r.doc, path) });
  });
  return out;
}
