/**
 * The engine's data model: every stage's input and output, as plain JSON-safe data.
 *
 * Stages: text → `parse` (ManifestDocument, with source ranges) → `normalize` (typed
 * Kubernetes objects with API defaults) → `build` (Cluster: nodes, IPAM, pods, Services
 * with addresses and endpoints, the ingress controller) → `evaluate`/`resolve` → `trace`.
 *
 * WARNING: everything here crosses `postMessage` and prints as `--json`: no classes, no
 * Map/Set, no functions, no undefined-vs-missing tricks that JSON would lose.
 */

// ---------------------------------------------------------------------------
// Diagnostics and source positions

export type Severity = 'error' | 'warning' | 'info';

/** 1-based line and column, as editors and `file:line:col` show them. End is exclusive. */
export interface SourceRange {
  readonly file: string;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface Diagnostic {
  /** A code from the catalogue in `diagnostics.ts`, e.g. `service.nodeport.range`. */
  readonly code: string;
  readonly severity: Severity;
  /** In the API server's words where it has such a rule: `spec.ports[0].nodePort: Invalid value: ...`. */
  readonly message: string;
  /** The field path inside the object, e.g. `spec.ports[0].nodePort`. */
  readonly path?: string;
  readonly range?: SourceRange;
  /** The object it is about, as an object ref (`service/default/web`). */
  readonly ref?: string;
}

// ---------------------------------------------------------------------------
// Common Kubernetes shapes

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type Labels = Readonly<Record<string, string>>;

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

/** An empty selector (no labels, no expressions) selects everything. */
export interface LabelSelector {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly LabelSelectorRequirement[];
}

/** Where an object came from: its file, its document index and the document's range. */
export interface SourceRef {
  readonly file: string;
  readonly documentIndex: number;
  readonly range: SourceRange;
}

export interface ObjectMeta {
  readonly name: string;
  /** Always set for namespaced kinds after normalization (`default` when the YAML omits it). */
  readonly namespace: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  /** Absent for objects the engine added itself (an implicit ingress controller, kube-dns). */
  readonly source?: SourceRef;
  /** `metadata.creationTimestamp` as written (RFC 3339), when a snapshot gives it. */
  readonly creationTimestamp?: string;
}

// ---------------------------------------------------------------------------
// Stage 1: parse

/** One YAML document holding one Kubernetes object (a `kind: List` is unpacked into several). */
export interface ManifestDocument {
  readonly file: string;
  readonly documentIndex: number;
  /** Index inside a `kind: List`'s `items`, when the object came from one. */
  readonly listIndex?: number;
  readonly apiVersion: string;
  readonly kind: string;
  /** The object as plain data. */
  readonly object: Readonly<Record<string, unknown>>;
  readonly range: SourceRange;
  /**
   * Source ranges of fields, keyed by their path (`spec.ports[0].nodePort`), for the
   * fields that diagnostics and highlights point at. Paths are relative to the object.
   */
  readonly fieldRanges: Readonly<Record<string, SourceRange>>;
}

export interface ParseResult {
  readonly documents: readonly ManifestDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface InputFile {
  readonly name: string;
  readonly text: string;
}

// ---------------------------------------------------------------------------
// Stage 2: normalize (typed objects, API defaults applied)

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
  readonly hostPort?: number;
}

export interface Container {
  readonly name: string;
  readonly ports: readonly ContainerPort[];
}

/** A pod spec as a Pod or a workload's template gives it. */
export interface PodTemplate {
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly nodeName?: string;
  readonly nodeSelector: Labels;
  /** Required node affinity terms (ORed), each a list of match expressions on node labels (ANDed). */
  readonly requiredNodeAffinity: readonly (readonly LabelSelectorRequirement[])[];
  readonly hostNetwork: boolean;
  readonly containers: readonly Container[];
  /** `spec.hostname` (the pod's hostname; defaults to the pod name). */
  readonly hostname?: string;
  /** `spec.subdomain`: with a headless Service of that name, DNS answers `HOSTNAME.SUBDOMAIN.NS.svc.cluster.local`. */
  readonly subdomain?: string;
}

export interface PodObject {
  readonly kind: 'Pod';
  readonly meta: ObjectMeta;
  readonly template: PodTemplate;
  readonly status: {
    readonly podIP?: string;
    readonly podIPs: readonly string[];
    readonly hostIP?: string;
    readonly phase?: string;
    /** From `status.conditions[type=Ready]`; absent means "ready" (the playground's default). */
    readonly ready?: boolean;
  };
}

export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet';

export interface WorkloadObject {
  readonly kind: WorkloadKind;
  readonly meta: ObjectMeta;
  /** Ignored for DaemonSets (one pod per eligible node). Defaults to 1. */
  readonly replicas: number;
  readonly selector: LabelSelector;
  readonly template: PodTemplate;
  /** StatefulSet `spec.serviceName`: the headless Service that gives each pod its DNS name (the pods' subdomain). */
  readonly serviceName?: string;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface ServicePort {
  readonly name?: string;
  readonly protocol: Protocol;
  readonly port: number;
  /** Defaults to `port`. A string is a container port name, resolved per pod. */
  readonly targetPort: number | string;
  readonly nodePort?: number;
  readonly appProtocol?: string;
}

export interface ServiceObject {
  readonly kind: 'Service';
  readonly meta: ObjectMeta;
  readonly type: ServiceType;
  /** Absent: no selector, endpoints come from EndpointSlices/Endpoints. */
  readonly selector?: Labels;
  /** As written: an address, `None` (headless) or absent (to be allocated). */
  readonly clusterIP?: string;
  readonly ports: readonly ServicePort[];
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly internalTrafficPolicy: 'Cluster' | 'Local';
  readonly sessionAffinity: 'None' | 'ClientIP';
  readonly externalName?: string;
  readonly externalIPs: readonly string[];
  readonly publishNotReadyAddresses: boolean;
  readonly loadBalancerIP?: string;
  readonly loadBalancerClass?: string;
  /** `status.loadBalancer.ingress[].ip`, as `kubectl get -o yaml` prints it. */
  readonly statusLoadBalancerIPs: readonly string[];
}

/** Endpoints and EndpointSlice objects are both normalized to this. */
export interface EndpointSliceObject {
  readonly kind: 'EndpointSlice';
  readonly meta: ObjectMeta;
  readonly serviceName: string;
  readonly endpoints: readonly {
    readonly addresses: readonly string[];
    readonly ready: boolean;
    readonly nodeName?: string;
    /** `pod/NS/NAME` when the endpoint names its pod. */
    readonly podRef?: string;
  }[];
  readonly ports: readonly { readonly name?: string; readonly port: number; readonly protocol: Protocol }[];
}

export interface IngressServiceBackend {
  readonly name: string;
  readonly port: { readonly number?: number; readonly name?: string };
}

export interface IngressBackend {
  readonly service?: IngressServiceBackend;
  /** A `resource` backend (not simulated: answered as such in traces). */
  readonly resource?: { readonly kind: string; readonly name: string };
}

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

export interface IngressPath {
  /** Defaults to `/` when omitted (ingress-nginx does so for ImplementationSpecific). */
  readonly path: string;
  readonly pathType: PathType;
  readonly backend: IngressBackend;
}

export interface IngressRule {
  /** Absent: the rule matches every host. */
  readonly host?: string;
  readonly paths: readonly IngressPath[];
}

export interface IngressObject {
  readonly kind: 'Ingress';
  readonly meta: ObjectMeta;
  readonly ingressClassName?: string;
  readonly defaultBackend?: IngressBackend;
  readonly rules: readonly IngressRule[];
  readonly tls: readonly { readonly hosts: readonly string[]; readonly secretName?: string }[];
}

export interface IngressClassObject {
  readonly kind: 'IngressClass';
  readonly meta: ObjectMeta;
  readonly controller: string;
  /** `ingressclass.kubernetes.io/is-default-class: "true"`. */
  readonly isDefault: boolean;
}

export interface IPBlock {
  readonly cidr: string;
  readonly except: readonly string[];
}

/** One element of `from`/`to`. Both selectors in one element are ANDed. */
export interface NetworkPolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: IPBlock;
}

export interface NetworkPolicyPort {
  /** Defaults to TCP. */
  readonly protocol: Protocol;
  /** Absent: every port of that protocol. A string is a named container port of the destination pod. */
  readonly port?: number | string;
  readonly endPort?: number;
}

/**
 * One ingress or egress rule. `peers` is `from` (ingress) or `to` (egress); as in the API,
 * an empty `peers` admits every peer and an empty `ports` admits every port.
 */
export interface NetworkPolicyRule {
  readonly peers: readonly NetworkPolicyPeer[];
  readonly ports: readonly NetworkPolicyPort[];
}

export type PolicyType = 'Ingress' | 'Egress';

export interface NetworkPolicyObject {
  readonly kind: 'NetworkPolicy';
  readonly meta: ObjectMeta;
  readonly podSelector: LabelSelector;
  /** As given, or as the API server defaults it (Ingress, plus Egress when egress rules exist). */
  readonly policyTypes: readonly PolicyType[];
  readonly policyTypesDefaulted: boolean;
  readonly ingress: readonly NetworkPolicyRule[];
  readonly egress: readonly NetworkPolicyRule[];
}

/**
 * The cluster-scoped policy tiers of policy.networking.k8s.io: `Admin` is walked before the
 * namespaces' NetworkPolicies, `Baseline` after them.
 */
export type ClusterPolicyTier = 'Admin' | 'Baseline';

/** A rule's action in the API's words (v1alpha1 `Allow` is read as `Accept`). */
export type ClusterPolicyAction = 'Accept' | 'Deny' | 'Pass';

/** The pods a cluster policy applies to, or a peer given by namespace and pod selectors. */
export type ClusterPolicyPods =
  /** Every pod of the namespaces the selector matches. */
  | { readonly kind: 'namespaces'; readonly namespaceSelector: LabelSelector }
  /** Pods matching `podSelector` inside the namespaces matching `namespaceSelector` (AND). */
  | { readonly kind: 'pods'; readonly namespaceSelector: LabelSelector; readonly podSelector: LabelSelector };

/**
 * One `from`/`to` element. Ingress peers are only `namespaces` and `pods`; egress peers may also
 * be `networks` (CIDRs, pod and node IPs included), `nodes` (the addresses of matching nodes, so
 * host-network pods on them) and `domainNames` (read, not simulated: they never match).
 */
export type ClusterPolicyPeer =
  | ClusterPolicyPods
  | { readonly kind: 'networks'; readonly cidrs: readonly string[] }
  | { readonly kind: 'nodes'; readonly nodeSelector: LabelSelector }
  | { readonly kind: 'domainNames'; readonly domainNames: readonly string[] };

/**
 * One entry of `protocols` (v1alpha2) or `ports` (v1alpha1): a protocol with a port number or an
 * inclusive range (`port` absent: every port of that protocol), or a named port resolved on the
 * destination pod (never matches networks/nodes destinations).
 */
export type ClusterPolicyPort =
  | { readonly kind: 'port'; readonly protocol: Protocol; readonly port?: number; readonly endPort?: number }
  | { readonly kind: 'namedPort'; readonly name: string };

export interface ClusterPolicyRule {
  /** The rule's `name`, when given (shown in traces); `''` when absent. */
  readonly name: string;
  readonly action: ClusterPolicyAction;
  /** `from` (ingress) or `to` (egress): the API requires at least one. */
  readonly peers: readonly ClusterPolicyPeer[];
  /** Absent: every port and protocol. */
  readonly ports?: readonly ClusterPolicyPort[];
}

/**
 * A ClusterNetworkPolicy (v1alpha2), or a v1alpha1 AdminNetworkPolicy (tier Admin) or
 * BaselineAdminNetworkPolicy (tier Baseline, priority 0), read into one shape. Cluster-scoped:
 * `meta.namespace` is `''`.
 */
export interface ClusterPolicyObject {
  readonly kind: 'ClusterNetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';
  readonly meta: ObjectMeta;
  readonly tier: ClusterPolicyTier;
  /** 0–1000, lower first. */
  readonly priority: number;
  readonly subject: ClusterPolicyPods;
  readonly ingress: readonly ClusterPolicyRule[];
  readonly egress: readonly ClusterPolicyRule[];
}

// ---------------------------------------------------------------------------
// Gateway API (gateway.networking.k8s.io v1; ReferenceGrant v1beta1)

export interface GatewayClassObject {
  readonly kind: 'GatewayClass';
  readonly meta: ObjectMeta;
  readonly controllerName: string;
}

/** A reference to an object by group/kind/name (a listener's certificate, a grant's target). */
export interface ObjectReference {
  /** `''` is the core group. */
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** Absent: the referring object's namespace. */
  readonly namespace?: string;
}

export interface GatewayListener {
  readonly name: string;
  /** Absent: matches every host. May start with `*.` (one or more labels). */
  readonly hostname?: string;
  readonly port: number;
  /** As written: `HTTP`, `HTTPS`, `TLS`, `TCP`, `UDP` (only HTTP and HTTPS are simulated). */
  readonly protocol: string;
  readonly tls?: {
    /** `Terminate` (default) or `Passthrough`. */
    readonly mode: string;
    readonly certificateRefs: readonly ObjectReference[];
  };
  readonly allowedRoutes: {
    /** `Same` (default), `All` or `Selector`. */
    readonly from: 'Same' | 'All' | 'Selector';
    readonly selector?: LabelSelector;
    /** Absent: the kinds the protocol allows (HTTPRoute for HTTP and HTTPS). */
    readonly kinds?: readonly { readonly group: string; readonly kind: string }[];
  };
}

export interface GatewayObject {
  readonly kind: 'Gateway';
  readonly meta: ObjectMeta;
  readonly gatewayClassName: string;
  readonly listeners: readonly GatewayListener[];
}

/** An HTTPRoute `parentRefs` entry (defaults applied: group gateway.networking.k8s.io, kind Gateway). */
export interface ParentReference {
  readonly group: string;
  readonly kind: string;
  /** Absent: the route's namespace. */
  readonly namespace?: string;
  readonly name: string;
  readonly sectionName?: string;
  readonly port?: number;
}

export type HTTPPathMatchType = 'Exact' | 'PathPrefix' | 'RegularExpression';
export type HTTPValueMatchType = 'Exact' | 'RegularExpression';

export interface HTTPRouteMatch {
  /** Defaults to PathPrefix `/` when the match omits it. */
  readonly path: { readonly type: HTTPPathMatchType; readonly value: string };
  readonly headers: readonly { readonly type: HTTPValueMatchType; readonly name: string; readonly value: string }[];
  readonly queryParams: readonly { readonly type: HTTPValueMatchType; readonly name: string; readonly value: string }[];
  /** Absent: any method. */
  readonly method?: string;
}

export interface HTTPPathModifier {
  readonly type: 'ReplaceFullPath' | 'ReplacePrefixMatch';
  readonly replaceFullPath?: string;
  readonly replacePrefixMatch?: string;
}

export type HTTPRouteFilter =
  | {
      readonly type: 'RequestRedirect';
      readonly scheme?: string;
      readonly hostname?: string;
      readonly path?: HTTPPathModifier;
      readonly port?: number;
      /** Default 302. */
      readonly statusCode: number;
    }
  | { readonly type: 'URLRewrite'; readonly hostname?: string; readonly path?: HTTPPathModifier }
  /** Any other filter type, read and listed as not simulated. */
  | { readonly type: 'Other'; readonly name: string };

export interface HTTPBackendRef {
  /** `''` (core) and kind `Service` by default. */
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** Absent: the route's namespace. */
  readonly namespace?: string;
  readonly port?: number;
  /** Default 1. */
  readonly weight: number;
}

export interface HTTPRouteRule {
  /** The rule's `name`, when given; `''` otherwise. */
  readonly name: string;
  /** Empty in the YAML: one match, PathPrefix `/`. */
  readonly matches: readonly HTTPRouteMatch[];
  readonly filters: readonly HTTPRouteFilter[];
  readonly backendRefs: readonly HTTPBackendRef[];
}

export interface HTTPRouteObject {
  readonly kind: 'HTTPRoute';
  readonly meta: ObjectMeta;
  readonly parentRefs: readonly ParentReference[];
  readonly hostnames: readonly string[];
  readonly rules: readonly HTTPRouteRule[];
}

export interface ReferenceGrantObject {
  readonly kind: 'ReferenceGrant';
  readonly meta: ObjectMeta;
  readonly from: readonly { readonly group: string; readonly kind: string; readonly namespace: string }[];
  /** `name` absent: every object of that kind in the grant's namespace. */
  readonly to: readonly { readonly group: string; readonly kind: string; readonly name?: string }[];
}

export interface NamespaceObject {
  readonly kind: 'Namespace';
  readonly meta: ObjectMeta;
}

export interface NodeObject {
  readonly kind: 'Node';
  readonly meta: ObjectMeta;
  readonly internalIP?: string;
  readonly podCIDR?: string;
}

export type CniPlugin = 'calico' | 'cilium' | 'weave' | 'flannel';

/** What a check expects of its query's answer; every field given must hold. */
export interface CheckExpectation {
  readonly verdict?: Verdict;
  readonly status?: number;
  readonly backend?: string;
  readonly endpoints?: readonly string[];
  /** HTTP: a redirect's Location. */
  readonly location?: string;
  /** HTTP: the path and query the backend receives. */
  readonly backendPath?: string;
}

export interface ScenarioCheck {
  readonly name?: string;
  readonly from: string;
  readonly to: string;
  /** HTTP destinations: the entry point, method and headers of the request (as in `Query`). */
  readonly via?: string;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly expect: CheckExpectation;
}

/** One entry of the Scenario's `deletedPods`: a pod deleted by hand (`NS/NAME`). */
export interface ScenarioDeletedPod {
  readonly namespace: string;
  readonly name: string;
  /** `deletedPods[i]`, for diagnostics. */
  readonly path: string;
  readonly range?: SourceRange;
}

/** The project's own optional `kind: Scenario` document (apiVersion `netplay.dev/v1`). */
export interface ScenarioObject {
  readonly kind: 'Scenario';
  readonly meta: ObjectMeta;
  readonly cni?: CniPlugin;
  readonly nodes?: number;
  /** Bare metal: LoadBalancer Services stay `<pending>` unless `loadBalancerPool` is set. */
  readonly bareMetal?: boolean;
  /** A MetalLB-style address pool (CIDR) for LoadBalancer Services. */
  readonly loadBalancerPool?: string;
  readonly title?: string;
  readonly description?: string;
  readonly checks: readonly ScenarioCheck[];
  /** Pods deleted by hand, in order; their controllers replace them (see cluster/pods.ts). */
  readonly deletedPods?: readonly ScenarioDeletedPod[];
}

export interface NormalizedManifests {
  readonly namespaces: readonly NamespaceObject[];
  readonly nodes: readonly NodeObject[];
  readonly pods: readonly PodObject[];
  readonly workloads: readonly WorkloadObject[];
  readonly services: readonly ServiceObject[];
  readonly endpointSlices: readonly EndpointSliceObject[];
  readonly ingresses: readonly IngressObject[];
  readonly ingressClasses: readonly IngressClassObject[];
  readonly networkPolicies: readonly NetworkPolicyObject[];
  /** ClusterNetworkPolicies and the v1alpha1 Admin/BaselineAdminNetworkPolicies, in document order. */
  readonly clusterPolicies: readonly ClusterPolicyObject[];
  readonly gatewayClasses: readonly GatewayClassObject[];
  readonly gateways: readonly GatewayObject[];
  /** In document order (which stands for creation order, the last tie-breaker of precedence). */
  readonly httpRoutes: readonly HTTPRouteObject[];
  readonly referenceGrants: readonly ReferenceGrantObject[];
  readonly scenarios: readonly ScenarioObject[];
  /** Kinds the engine reads but does not simulate (ConfigMap, Role, Job, ...): a quiet note each. */
  readonly notSimulated: readonly { readonly kind: string; readonly name: string; readonly namespace?: string }[];
}

// ---------------------------------------------------------------------------
// Stage 3: the cluster

export interface ClusterSettings {
  readonly cni: CniPlugin;
  readonly nodeCount: number;
  readonly bareMetal: boolean;
  readonly loadBalancerPool?: string;
  readonly clusterDomain: string;
  /** `10.244.0.0/16`. */
  readonly podCIDR: string;
  /** `10.96.0.0/12`. */
  readonly serviceCIDR: string;
}

export interface ClusterNode {
  readonly ref: string;
  readonly name: string;
  readonly ip: string;
  readonly podCIDR: string;
  readonly labels: Labels;
  /** True when the engine made it up (no Node objects given). */
  readonly implicit: boolean;
}

export interface ClusterNamespace {
  readonly name: string;
  /** Always includes `kubernetes.io/metadata.name`. */
  readonly labels: Labels;
  readonly implicit: boolean;
}

export interface ClusterPod {
  /** `pod/NS/NAME`. */
  readonly ref: string;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly phase: 'Running' | 'Pending';
  /** Why a Pending pod could not be scheduled. */
  readonly pendingReason?: string;
  readonly nodeName?: string;
  /** Absent while Pending. The node's IP for hostNetwork pods. */
  readonly ip?: string;
  readonly hostNetwork: boolean;
  /** The pod's hostname (`spec.hostname`, else its name) and `spec.subdomain` (a StatefulSet's `serviceName`), for per-pod DNS. */
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly ready: boolean;
  readonly containerPorts: readonly ContainerPort[];
  /** `deployment/NS/NAME` etc. when a workload made it. */
  readonly owner?: string;
  /** Added by the engine (implicit ingress controller, kube-dns). */
  readonly implicit: boolean;
  readonly source?: SourceRef;
}

/** A Service port with its allocated NodePort, when the type opens one. */
export interface ClusterServicePort extends ServicePort {
  readonly nodePort?: number;
}

/** One endpoint of one Service port: a pod (or address) and the port it is reached on. */
export interface ServiceEndpoint {
  /** `pod/NS/NAME` when the endpoint is a known pod. */
  readonly podRef?: string;
  readonly ip: string;
  readonly nodeName?: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly ready: boolean;
}

export interface ClusterService {
  readonly ref: string;
  readonly name: string;
  readonly namespace: string;
  readonly type: ServiceType;
  readonly headless: boolean;
  /** Absent for headless and ExternalName Services. */
  readonly clusterIP?: string;
  readonly ports: readonly ClusterServicePort[];
  /** External addresses of a LoadBalancer (empty while pending). */
  readonly loadBalancerIPs: readonly string[];
  /** Why a LoadBalancer has no address (bare metal without a pool). */
  readonly loadBalancerPendingReason?: string;
  readonly selector?: Labels;
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly internalTrafficPolicy: 'Cluster' | 'Local';
  readonly sessionAffinity: 'None' | 'ClientIP';
  readonly externalName?: string;
  readonly publishNotReadyAddresses: boolean;
  /** The Service's own labels (absent when it has none): kube-proxy skips some (`kubeProxyIgnores`). */
  readonly labels?: Labels;
  /** Keyed by the Service port's name (`""` for a single unnamed port). Ready ones first, sorted by pod name. */
  readonly endpoints: Readonly<Record<string, readonly ServiceEndpoint[]>>;
  readonly implicit: boolean;
  readonly source?: SourceRef;
}

export interface ClusterIngressController {
  readonly implicit: boolean;
  readonly namespace: string;
  /** The IngressClass it serves (`nginx`). */
  readonly className: string;
  readonly controller: string;
  readonly podRefs: readonly string[];
  /** Its LoadBalancer (or NodePort) Service. */
  readonly serviceRef?: string;
}

export interface ClusterIngress {
  readonly ref: string;
  readonly object: IngressObject;
  /** Whether the controller serves it (class matching), and why or why not. */
  readonly served: boolean;
  readonly servedReason: string;
}

/** Why a route is or is not attached to one listener (the Gateway API's condition reasons). */
export type RouteAttachReason =
  | 'Accepted'
  | 'NoMatchingParent'
  | 'NotAllowedByListeners'
  | 'NoMatchingListenerHostname';

/** Why a backendRef cannot be resolved (the route's `ResolvedRefs` condition reasons): its share of requests gets 500. */
export type BackendRefReason = 'InvalidKind' | 'RefNotPermitted' | 'BackendNotFound';

export interface InvalidBackendRef {
  /** Indexes into `spec.rules` and that rule's `backendRefs`. */
  readonly rule: number;
  readonly backendRef: number;
  readonly reason: BackendRefReason;
  readonly detail: string;
}

/** A listener a controller would not program (it takes no traffic), and why. */
export interface InvalidListener {
  readonly listener: string;
  readonly reason: 'UnsupportedProtocol' | 'InvalidCertificateRef' | 'RefNotPermitted';
  readonly detail: string;
  /** The index into `tls.certificateRefs` at fault, for the certificate reasons. */
  readonly certificateRef?: number;
}

/** A programmed Gateway with its data plane. */
export interface ClusterGateway {
  /** `gateway/NS/NAME`. */
  readonly ref: string;
  readonly object: GatewayObject;
  /** False when its GatewayClass does not exist: no address, no data plane. */
  readonly programmed: boolean;
  readonly programmedReason: string;
  /** The data-plane pods (`pod/NS/NAME`): labelled `gateway.networking.k8s.io/gateway-name`, or the implicit `<gateway>-<class>-0`. */
  readonly podRefs: readonly string[];
  /** True when the engine made the data plane up (no labelled pods in the manifests). */
  readonly implicit: boolean;
  /** The LoadBalancer Service fronting the data plane (`service/NS/NAME`), when there is one. */
  readonly serviceRef?: string;
  /** Listeners a controller would not program: an unsupported protocol, an unusable certificate (absent: none). */
  readonly invalidListeners?: readonly InvalidListener[];
}

/** One parentRef of a route against one listener: attached or not, and why. */
export interface RouteAttachment {
  /** `gateway/NS/NAME`. */
  readonly gatewayRef: string;
  readonly listener: string;
  readonly parentRefIndex: number;
  readonly reason: RouteAttachReason;
  /** The route's hostnames that intersect the listener's (empty: every host the listener takes). */
  readonly hostnames: readonly string[];
}

export interface ClusterHttpRoute {
  /** `httproute/NS/NAME`. */
  readonly ref: string;
  readonly object: HTTPRouteObject;
  /** Document order among routes (older first): the precedence tie-breaker. */
  readonly order: number;
  /** Every parentRef × listener considered, attached or not. */
  readonly attachments: readonly RouteAttachment[];
  /** The backendRefs that cannot be resolved, in rule order (absent: every one resolves). */
  readonly invalidBackendRefs?: readonly InvalidBackendRef[];
}

export interface ClusterDns {
  readonly serviceRef: string;
  readonly ip: string;
  readonly podRefs: readonly string[];
}

export interface Cluster {
  readonly settings: ClusterSettings;
  readonly nodes: readonly ClusterNode[];
  readonly namespaces: readonly ClusterNamespace[];
  readonly pods: readonly ClusterPod[];
  readonly services: readonly ClusterService[];
  readonly ingresses: readonly ClusterIngress[];
  readonly ingressClasses: readonly IngressClassObject[];
  readonly networkPolicies: readonly NetworkPolicyObject[];
  /**
   * Cluster-scoped policies in walk order: the Admin tier, then the Baseline tier, each by
   * ascending priority, equal priorities by name (upstream leaves that order undefined; lint warns).
   */
  readonly clusterPolicies: readonly ClusterPolicyObject[];
  readonly endpointSlices: readonly EndpointSliceObject[];
  readonly ingressController?: ClusterIngressController;
  readonly gatewayClasses: readonly GatewayClassObject[];
  readonly gateways: readonly ClusterGateway[];
  readonly httpRoutes: readonly ClusterHttpRoute[];
  readonly referenceGrants: readonly ReferenceGrantObject[];
  readonly dns: ClusterDns;
  readonly scenario?: ScenarioObject;
  /** Index maps (ref → array index), so lookups stay plain data. */
  readonly lookups: {
    readonly podByRef: Readonly<Record<string, number>>;
    readonly podByIP: Readonly<Record<string, number>>;
    readonly serviceByRef: Readonly<Record<string, number>>;
    readonly serviceByClusterIP: Readonly<Record<string, number>>;
    readonly nodeByName: Readonly<Record<string, number>>;
    readonly namespaceByName: Readonly<Record<string, number>>;
  };
}

// ---------------------------------------------------------------------------
// Stage 4: policy verdicts

/** Who is at one end of a connection, as NetworkPolicy sees it. */
export type PolicyPeer =
  | { readonly kind: 'pod'; readonly podRef: string }
  | { readonly kind: 'external'; readonly ip: string }
  | { readonly kind: 'node'; readonly nodeName: string; readonly ip: string };

export interface RuleRef {
  /** `NS/NAME`. */
  readonly policy: string;
  readonly rule: number;
}

/**
 * Where a policy decision was taken, in walk order: the Admin tier of cluster policies, the
 * namespaces' NetworkPolicies, the Baseline tier.
 */
export type PolicyTier = 'admin' | 'networkpolicy' | 'baseline';

/**
 * What the deciding policy did to the connection in that direction. `pass`: an Admin rule
 * handed the decision down (listed in `DirectionVerdict.passed`), or a Baseline rule passed,
 * which is the default allow.
 */
export type PolicyAction = 'allow' | 'deny' | 'pass';

/** The policy, and the rule of it, that decided one direction. */
export interface DecidedBy {
  readonly tier: PolicyTier;
  /** The policy's ref, made by `policyRef` (`networkpolicy/NS/NAME`). */
  readonly ref: string;
  /** The index of the deciding rule in that direction's list; absent when no rule matched (an isolating policy's implicit deny). */
  readonly rule?: number;
  /** The deciding rule's `name` (cluster policies), when it has one. */
  readonly ruleName?: string;
  readonly action: PolicyAction;
}

/** One direction of one connection, with the reasons. */
export interface DirectionVerdict {
  readonly direction: 'ingress' | 'egress';
  readonly allowed: boolean;
  /** False when the CNI plugin does not enforce NetworkPolicy (Flannel) or the pod uses the host network. */
  readonly enforced: boolean;
  /** Whether any policy of that type selects the pod (for external peers: always false). */
  readonly isolated: boolean;
  /** Every policy (`NS/NAME`) of that type that selects the pod. */
  readonly isolatingPolicies: readonly string[];
  /** Every rule that admits the connection. */
  readonly allowedBy: readonly RuleRef[];
  /**
   * The policy that decided, when one did and the CNI plugin enforces it: the first admitting
   * rule (allow), or the first isolating policy when nothing admits (deny). Absent when no
   * policy applies (not isolated, loopback, host network, own node, not enforced).
   */
  readonly decidedBy?: DecidedBy;
  /**
   * Admin rules whose action was Pass, met on the walk before `decidedBy` (the trace shows a
   * `pass` hop for each, then the hop of the tier that decided). Absent when none.
   */
  readonly passed?: readonly DecidedBy[];
  /** One sentence saying why. */
  readonly reason: string;
}

export interface ConnectionVerdict {
  readonly allowed: boolean;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
}

/** One port class of the reachability matrix: every from → to pod pair on that port. */
export interface ReachabilityGrid {
  /** The port as asked: a number, or a container port name resolved per destination pod. */
  readonly port: number | string;
  readonly protocol: Protocol;
  /**
   * One string per from-pod (same order as `ReachabilityMatrix.pods`), one glyph per to-pod:
   * `.` allowed, `X` denied (the glyphs of the upstream e2e truth tables). The diagonal is `.`
   * (loopback). Empty when there are more than `expandLimit` pods: use `classRows`.
   */
  readonly rows: readonly string[];
  /**
   * The same per pod class: `classRows[c]` has one glyph per class, for pods of class c to pods
   * of each class (pods of one class behave alike; the loopback diagonal is not included).
   */
  readonly classRows: readonly string[];
}

/** The pod-to-pod reachability matrix (`netplay matrix`, the app's matrix view). */
export interface ReachabilityMatrix {
  /** Running pods with an IP, as sorted `NS/NAME`; rows and columns follow this order. */
  readonly pods: readonly string[];
  /** `podClasses[i]` is the class of `pods[i]` (index into each grid's `classRows`). */
  readonly podClasses: readonly number[];
  /** Per-pod `rows` are filled only up to this many pods (the class grids always are). */
  readonly expandLimit: number;
  /** One grid per port class, sorted by protocol then port. */
  readonly ports: readonly ReachabilityGrid[];
  /** Whether the CNI plugin enforces NetworkPolicy (false for Flannel: every cell is `.`). */
  readonly enforced: boolean;
  /** Things a reader should know (Flannel does not enforce, pods without the named port, ...). */
  readonly notes: readonly string[];
}

// ---------------------------------------------------------------------------
// Stage 5: traces

export type Verdict = 'allow' | 'deny';

export type HopKind =
  | 'client'
  | 'loadbalancer'
  | 'node'
  | 'ingress'
  | 'ingress-controller'
  | 'service'
  | 'kube-proxy'
  | 'cni'
  | 'policy'
  | 'pod'
  | 'dns'
  | 'gateway'
  | 'route';

/** The addresses of a packet at one point of its way. */
export interface PacketHeader {
  readonly srcIP: string;
  readonly srcPort?: number;
  readonly dstIP: string;
  readonly dstPort: number;
  readonly protocol: Protocol;
  /** VXLAN (or other overlay) outer header, between node IPs. */
  readonly outer?: {
    readonly srcIP: string;
    readonly dstIP: string;
    readonly dstPort: number;
    readonly protocol: Protocol;
    readonly encapsulation: 'vxlan' | 'ipip';
  };
}

/** The narrowest change that would allow a dropped connection, as YAML a user can apply. */
export interface SuggestedFix {
  readonly summary: string;
  /** `patch`: add a peer/rule to an existing policy; `new-policy`: add a whole NetworkPolicy. */
  readonly kind: 'patch' | 'new-policy';
  /** The policy (`NS/NAME`) the patch edits, or the new policy's `NS/NAME`. */
  readonly policy: string;
  /** The complete resulting NetworkPolicy YAML (one document), to replace or append. */
  readonly yaml: string;
  /** What else the change opens, in words. */
  readonly alsoOpens: readonly string[];
  /**
   * The kind of the policy `policy` names, when it is not a NetworkPolicy: a cluster-scoped
   * policy (`clusternetworkpolicy`, `adminnetworkpolicy`), named by its NAME alone. Absent:
   * `networkpolicy` (`policy` is `NS/NAME`).
   */
  readonly policyKind?: 'networkpolicy' | 'clusternetworkpolicy' | 'adminnetworkpolicy' | 'baselineadminnetworkpolicy';
  /** The tier the change is made in (absent: `networkpolicy`). */
  readonly tier?: PolicyTier;
  /** What the change closes, in words: a NetworkPolicy that newly isolates a pod ends the default allow (and the Baseline tier) for it. */
  readonly closes?: readonly string[];
  /** The other ways to let the packet through, in words (a different tier, or changing the rule that denied). */
  readonly alternatives?: readonly string[];
}

export interface Hop {
  readonly kind: HopKind;
  /** The acting object: `KIND/NS/NAME` lower-case kind, `node/NAME`, `internet`, `ip/A.B.C.D`. */
  readonly ref: string;
  readonly verdict: 'pass' | 'drop';
  readonly reason: string;
  /** Policy hops: the policy `NS/NAME` and rule index that decided (absent when nothing admitted). */
  readonly policy?: string;
  readonly rule?: number;
  readonly direction?: 'ingress' | 'egress';
  /** Policy drops: every policy that isolates the pod in that direction. */
  readonly isolatingPolicies?: readonly string[];
  /** Hops of cluster-scoped policies (`ref` `clusternetworkpolicy/NAME` and the v1alpha1 kinds): the tier, the rule's action and its `name`. */
  readonly tier?: ClusterPolicyTier;
  readonly action?: ClusterPolicyAction;
  readonly name?: string;
  /** `gateway` hops: the listener that took the request, and the data-plane pod that serves it. */
  readonly listener?: string;
  readonly pod?: string;
  /** `route` hops: the winning rule's index and the index of its match that matched. */
  readonly match?: number;
  /** HTTP hops: the request as it is at this hop (the route hop shows the rewritten path). */
  readonly request?: HttpRequestView;
  /** The packet as it arrives at this hop, and as it leaves (when the hop rewrites it). */
  readonly before?: PacketHeader;
  readonly after?: PacketHeader;
  /** The graph node (`GraphNode.id`) where the hop happens, for the animation. */
  readonly at: string;
  readonly fix?: SuggestedFix;
}

/** An HTTP request as a hop sees it. */
export interface HttpRequestView {
  readonly method: string;
  readonly host: string;
  /** Path and query as received at this hop. */
  readonly path: string;
  /** The path and query the backend receives, when a rewrite changed it. */
  readonly rewrittenPath?: string;
}

export interface Trace {
  readonly from: string;
  readonly to: string;
  readonly verdict: Verdict;
  readonly status?: number;
  readonly backend?: string;
  /** A redirect's absolute Location (port omitted when it is the scheme's default). */
  readonly location?: string;
  /** The path and query the backend receives (after URLRewrite or rewrite-target); absent when no backend is reached. */
  readonly backendPath?: string;
  readonly endpoints: readonly string[];
  readonly blocked: readonly string[];
  readonly hops: readonly Hop[];
  /** Set for an invalid query; other fields are then best effort. */
  readonly error?: string;
  /** Notes a learner should read (nothing declares the port, policy not enforced, ...). */
  readonly notes: readonly string[];
}

export interface Query {
  readonly from: string;
  readonly to: string;
  /** Which endpoint to follow when several could serve (load balancing); default 0. */
  readonly seed?: number;
  /** HTTP destinations: the entry point, `gateway/NS/NAME` or `ingress` (absent: chosen by host). */
  readonly via?: string;
  /** HTTP destinations: the method (default GET). */
  readonly method?: string;
  /** HTTP destinations: request headers (names case-insensitive; `Host` overrides the URL's). */
  readonly headers?: Readonly<Record<string, string>>;
}

// ---------------------------------------------------------------------------
// Graph model (the UI lays it out; the engine says what is there)

export type GraphNodeKind =
  | 'internet'
  | 'loadbalancer'
  | 'node'
  | 'ingress-controller'
  | 'ingress'
  | 'service'
  | 'pod'
  | 'dns'
  | 'gateway'
  | 'httproute';

/** A column of the graph, left to right; named in `GRAPH_TIERS` (internet, entry, proxy, route, service, pod). */
export type GraphTier = 0 | 1 | 2 | 3 | 4 | 5;

export interface GraphNode {
  /** Stable across edits: the object ref (`service/default/web`), `internet`, `node/node-1`. */
  readonly id: string;
  readonly kind: GraphNodeKind;
  readonly label: string;
  readonly sublabel?: string;
  /** Left-to-right tier (`GRAPH_TIERS`): internet, entry (load balancers, nodes), proxy (ingress controller, Gateways), route (Ingresses, HTTPRoutes), service, pod. */
  readonly tier: GraphTier;
  readonly namespace?: string;
  /** For pods: the node that runs it. */
  readonly nodeName?: string;
  readonly implicit: boolean;
  readonly status: 'ok' | 'warning' | 'pending';
  /** Short facts to show on demand (IP, labels, ports). */
  readonly details: Readonly<Record<string, string>>;
  /** For pods: the policies (`NS/NAME`) isolating it, per direction. */
  readonly shields?: { readonly ingress: readonly string[]; readonly egress: readonly string[] };
  /** For pods: the cluster-scoped policies whose subject selects it, in walk order (absent when none). */
  readonly clusterShields?: readonly ClusterShield[];
  readonly source?: SourceRef;
}

/** One cluster-scoped policy selecting a pod: its ref, tier, and the directions it has rules for. */
export interface ClusterShield {
  /** `clusternetworkpolicy/NAME` (or the v1alpha1 kinds), made by `policyRef`. */
  readonly ref: string;
  readonly tier: ClusterPolicyTier;
  readonly directions: readonly ('ingress' | 'egress')[];
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: 'routes' | 'selects' | 'forwards';
  readonly label?: string;
}

export interface GraphModel {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

// ---------------------------------------------------------------------------
// The façade

export interface SimulateOptions {
  readonly cni?: CniPlugin;
  readonly nodes?: number;
}

/** One Scenario check run against the cluster: its trace, whether every expectation held, and why. */
export interface CheckResult {
  readonly check: ScenarioCheck;
  readonly trace: Trace;
  readonly pass: boolean;
  /** One line: what was expected and what happened. */
  readonly why: string;
}

export interface Analysis {
  readonly cluster: Cluster;
  readonly graph: GraphModel;
  readonly diagnostics: readonly Diagnostic[];
  /** The Scenario document's checks, run as part of the analysis (lessons show them as they change). */
  readonly checks: readonly CheckResult[];
  /**
   * Where each NetworkPolicy, Service and Ingress sits in the text, with the spans of its rules
   * and selectors: the editor lights them up without parsing (absent in hand-made analyses).
   */
  readonly outline?: readonly ObjectOutline[];
}

/** One object's place in the text and the spans of its parts (from the parser's field ranges). */
export interface ObjectOutline {
  /**
   * `networkpolicy/NS/NAME`, `service/NS/NAME`, `ingress/NS/NAME`; cluster policies as `policyRef`
   * names them (`clusternetworkpolicy/NAME`, `adminnetworkpolicy/NAME`, `baselineadminnetworkpolicy/default`).
   */
  readonly ref: string;
  readonly kind: string;
  /** The whole document (or `kind: List` item). */
  readonly range: SourceRange;
  /**
   * A field and everything under it, by path relative to the object: `spec.podSelector`,
   * `spec.ingress`, `spec.ingress[0]`, `spec.ingress[0].from[1]`, `spec.selector`,
   * `spec.ports[0]`, `spec.rules[0].http.paths[1]`, `metadata.name`.
   */
  readonly spans: Readonly<Record<string, SourceRange>>;
}
