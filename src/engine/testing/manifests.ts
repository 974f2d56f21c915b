/**
 * Hand-made NormalizedManifests for the cluster, routing and graph tests (no YAML involved,
 * so these stages are tested on their own). Only tests import this file.
 *
 * @example manifestsOf(deployment('web', { replicas: 2 }), service('web', { selector: { app: 'web' } }))
 */
import type {
  ClusterPolicyObject,
  GatewayClassObject,
  GatewayObject,
  HTTPRouteObject,
  ReferenceGrantObject,
  ContainerPort,
  EndpointSliceObject,
  IngressClassObject,
  IngressObject,
  Labels,
  NamespaceObject,
  NetworkPolicyObject,
  NodeObject,
  NormalizedManifests,
  ObjectMeta,
  PodObject,
  PodTemplate,
  ScenarioObject,
  ServiceObject,
  ServicePort,
  SourceRef,
  WorkloadKind,
  WorkloadObject,
} from '../types';

type AnyObject =
  | NamespaceObject
  | NodeObject
  | PodObject
  | WorkloadObject
  | ServiceObject
  | EndpointSliceObject
  | IngressObject
  | IngressClassObject
  | NetworkPolicyObject
  | ScenarioObject
  | ClusterPolicyObject
  | GatewayClassObject
  | GatewayObject
  | HTTPRouteObject
  | ReferenceGrantObject;

let documentCounter = 0;

/** Restarts document numbering, so two builds of the same objects are equal to the byte. */
export function resetDocumentOrder(): void {
  documentCounter = 0;
}

/** A source ref per object, in creation order, so document order is what the test wrote. */
function sourceRef(): SourceRef {
  const documentIndex = documentCounter++;
  return { file: 'test.yaml', documentIndex, range: { file: 'test.yaml', startLine: documentIndex * 10 + 1, startColumn: 1, endLine: documentIndex * 10 + 9, endColumn: 1 } };
}

export function metaOf(name: string, namespace = 'default', labels: Labels = {}, annotations: Labels = {}): ObjectMeta {
  return { name, namespace, labels, annotations, source: sourceRef() };
}

export function manifestsOf(...objects: AnyObject[]): NormalizedManifests {
  return {
    namespaces: objects.filter((o): o is NamespaceObject => o.kind === 'Namespace'),
    nodes: objects.filter((o): o is NodeObject => o.kind === 'Node'),
    pods: objects.filter((o): o is PodObject => o.kind === 'Pod'),
    workloads: objects.filter((o): o is WorkloadObject => ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(o.kind)),
    services: objects.filter((o): o is ServiceObject => o.kind === 'Service'),
    endpointSlices: objects.filter((o): o is EndpointSliceObject => o.kind === 'EndpointSlice'),
    ingresses: objects.filter((o): o is IngressObject => o.kind === 'Ingress'),
    ingressClasses: objects.filter((o): o is IngressClassObject => o.kind === 'IngressClass'),
    networkPolicies: objects.filter((o): o is NetworkPolicyObject => o.kind === 'NetworkPolicy'),
    clusterPolicies: objects.filter((o): o is ClusterPolicyObject => o.kind === 'ClusterNetworkPolicy' || o.kind === 'AdminNetworkPolicy' || o.kind === 'BaselineAdminNetworkPolicy'),
    gatewayClasses: objects.filter((o): o is GatewayClassObject => o.kind === 'GatewayClass'),
    gateways: objects.filter((o): o is GatewayObject => o.kind === 'Gateway'),
    httpRoutes: objects.filter((o): o is HTTPRouteObject => o.kind === 'HTTPRoute'),
    referenceGrants: objects.filter((o): o is ReferenceGrantObject => o.kind === 'ReferenceGrant'),
    scenarios: objects.filter((o): o is ScenarioObject => o.kind === 'Scenario'),
    notSimulated: [],
  };
}

export interface TemplateOptions {
  readonly labels?: Labels;
  readonly nodeName?: string;
  readonly nodeSelector?: Labels;
  readonly requiredNodeAffinity?: PodTemplate['requiredNodeAffinity'];
  readonly hostNetwork?: boolean;
  readonly ports?: readonly Partial<ContainerPort>[];
}

export function templateOf(o: TemplateOptions, fallbackLabels: Labels): PodTemplate {
  return {
    labels: o.labels ?? fallbackLabels,
    annotations: {},
    ...(o.nodeName !== undefined ? { nodeName: o.nodeName } : {}),
    nodeSelector: o.nodeSelector ?? {},
    requiredNodeAffinity: o.requiredNodeAffinity ?? [],
    hostNetwork: o.hostNetwork ?? false,
    containers: [
      {
        name: 'main',
        ports: (o.ports ?? [{ containerPort: 80 }]).map((p) => ({
          containerPort: p.containerPort ?? 80,
          protocol: p.protocol ?? 'TCP',
          ...(p.name !== undefined ? { name: p.name } : {}),
        })),
      },
    ],
  };
}

export function pod(
  name: string,
  o: TemplateOptions & { namespace?: string; status?: Partial<PodObject['status']> } = {},
): PodObject {
  return {
    kind: 'Pod',
    meta: metaOf(name, o.namespace, o.labels ?? { app: name }),
    template: templateOf(o, { app: name }),
    status: { podIPs: [], ...o.status },
  };
}

export function workload(
  kind: WorkloadKind,
  name: string,
  o: TemplateOptions & { namespace?: string; replicas?: number } = {},
): WorkloadObject {
  const labels = o.labels ?? { app: name };
  return {
    kind,
    meta: metaOf(name, o.namespace),
    replicas: o.replicas ?? 1,
    selector: { matchLabels: labels, matchExpressions: [] },
    template: templateOf(o, labels),
  };
}

export const deployment = (name: string, o: Parameters<typeof workload>[2] = {}): WorkloadObject => workload('Deployment', name, o);

export function service(
  name: string,
  o: Partial<Omit<ServiceObject, 'kind' | 'meta' | 'ports'>> & {
    namespace?: string;
    ports?: readonly (Partial<ServicePort> & { port: number })[];
  } = {},
): ServiceObject {
  const { namespace, ports, ...rest } = o;
  return {
    kind: 'Service',
    meta: metaOf(name, namespace),
    type: 'ClusterIP',
    selector: { app: name },
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
    sessionAffinity: 'None',
    externalIPs: [],
    publishNotReadyAddresses: false,
    statusLoadBalancerIPs: [],
    ...rest,
    ports: (ports ?? [{ port: 80 }]).map((p) => ({ protocol: 'TCP', targetPort: p.port, ...p })),
  };
}

export function node(name: string, o: { internalIP?: string; podCIDR?: string; labels?: Labels } = {}): NodeObject {
  return {
    kind: 'Node',
    meta: metaOf(name, '', o.labels ?? {}),
    ...(o.internalIP !== undefined ? { internalIP: o.internalIP } : {}),
    ...(o.podCIDR !== undefined ? { podCIDR: o.podCIDR } : {}),
  };
}

export function scenario(o: Partial<Omit<ScenarioObject, 'kind' | 'meta'>> = {}): ScenarioObject {
  return { kind: 'Scenario', meta: metaOf('test', ''), checks: [], ...o };
}

export function ingress(name: string, o: Partial<Omit<IngressObject, 'kind' | 'meta'>> & { namespace?: string; annotations?: Labels } = {}): IngressObject {
  const { namespace, annotations, ...rest } = o;
  return {
    kind: 'Ingress',
    meta: metaOf(name, namespace, {}, annotations ?? {}),
    rules: [{ host: 'example.com', paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] }],
    tls: [],
    ...rest,
  };
}

export function ingressClass(name: string, controller: string, isDefault = false): IngressClassObject {
  return { kind: 'IngressClass', meta: metaOf(name, ''), controller, isDefault };
}

export function endpointSlice(name: string, o: Partial<Omit<EndpointSliceObject, 'kind' | 'meta'>> & { namespace?: string } = {}): EndpointSliceObject {
  const { namespace, ...rest } = o;
  return { kind: 'EndpointSlice', meta: metaOf(name, namespace), serviceName: name, endpoints: [], ports: [], ...rest };
}

export function namespace(name: string, labels: Labels = {}): NamespaceObject {
  return { kind: 'Namespace', meta: metaOf(name, '', labels) };
}

export function networkPolicy(
  name: string,
  o: Partial<Omit<NetworkPolicyObject, 'kind' | 'meta'>> & { namespace?: string } = {},
): NetworkPolicyObject {
  const { namespace: ns, ...rest } = o;
  return {
    kind: 'NetworkPolicy',
    meta: metaOf(name, ns),
    podSelector: { matchLabels: {}, matchExpressions: [] },
    policyTypes: ['Ingress'],
    policyTypesDefaulted: false,
    ingress: [],
    egress: [],
    ...rest,
  };
}
