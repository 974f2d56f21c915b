/**
 * The CLUSTER stage: normalized manifests → a Cluster (nodes, namespaces, pods with nodes and
 * IPs, Services with addresses and endpoints, the ingress controller, DNS, lookups).
 *
 * Settings: the Scenario document wins over `options` (defaults for manifests that don't say,
 * as docs/cli.md has it), which win over the built-in defaults (cni calico, 3 nodes); Node objects, when given, are the nodes. See `nodes.ts`, `pods.ts`
 * (scheduling, IPAM), `services.ts` (ClusterIPs, NodePorts, LoadBalancers, endpoints) and
 * `ingress-controller.ts`.
 */
import type {
  Cluster,
  ClusterNamespace,
  ClusterPod,
  ClusterService,
  Diagnostic,
  EndpointSliceObject,
  IngressClassObject,
  NormalizedManifests,
  ServiceObject,
  SimulateOptions,
  WorkloadObject,
} from '../types';
import { objectRef } from '../refs';
import { clusterDiagnostic } from './diagnostics';
import { sortClusterPolicies } from './cluster-policies';
import {
  IMPLICIT_INGRESS_NAMESPACE,
  IMPLICIT_INGRESS_SERVICE_REF,
  KUBE_DNS_SERVICE_IP,
  implicitCoreDnsDeployment,
  implicitIngressClass,
  implicitIngressControllerDeployment,
  implicitIngressControllerService,
  implicitKubeDnsService,
  implicitKubernetesEndpoints,
  implicitKubernetesService,
} from './implicit';
import { buildIngressController, buildIngresses, declaresIngressController, pickIngressNginxClass } from './ingress-controller';
import { buildGateways, planGatewayDataPlanes } from './gateways';
import { buildNodes, buildSettings, createNodeAddressPool } from './nodes';
import { buildPods } from './pods';
import { buildServices } from './services';
import { matchesLabels } from '../match/labels';

const METADATA_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Builds the simulated cluster. Never throws on user input; what a real cluster would complain
 * about (a Pending pod, a `<pending>` LoadBalancer, an Ingress nobody serves) comes back as
 * diagnostics.
 *
 * @example
 * const { cluster } = buildCluster(manifests, { cni: 'flannel' });
 * cluster.nodes.map((n) => n.podCIDR); // ['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']
 */
export function buildCluster(
  manifests: NormalizedManifests,
  options: SimulateOptions,
): { cluster: Cluster; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const scenario = manifests.scenarios[0];
  const { requestedNodes, ...settingsBase } = buildSettings(options, scenario, diagnostics);
  const pool = createNodeAddressPool();
  const givenNodes = buildNodes(manifests.nodes, requestedNodes, pool, diagnostics);

  // 1. The objects every cluster has (only where the manifests do not bring their own).
  const serviceRefs = new Set(manifests.services.map((s) => objectRef('service', s.meta.namespace, s.meta.name)));
  const implicitServices: ServiceObject[] = [];
  const implicitWorkloads: WorkloadObject[] = [];
  const implicitSlices: EndpointSliceObject[] = [];
  const implicitClasses: IngressClassObject[] = [];
  if (!serviceRefs.has('service/default/kubernetes')) implicitServices.push(implicitKubernetesService());
  const userDns = manifests.services.find((s) => s.meta.namespace === 'kube-system' && s.meta.name === 'kube-dns');
  const dnsService = userDns ?? implicitKubeDnsService();
  if (userDns === undefined) implicitServices.push(dnsService);
  const dnsSelector = dnsService.selector;
  if (dnsSelector !== undefined && Object.keys(dnsSelector).length > 0) {
    const hasDnsPods =
      manifests.pods.some((p) => p.meta.namespace === 'kube-system' && matchesLabels(dnsSelector, p.template.labels)) ||
      manifests.workloads.some((w) => w.meta.namespace === 'kube-system' && matchesLabels(dnsSelector, w.template.labels));
    if (!hasDnsPods) implicitWorkloads.push(implicitCoreDnsDeployment());
  }
  const controllerImplicit = !declaresIngressController(manifests.pods, manifests.workloads) && manifests.ingresses.length > 0;
  if (controllerImplicit) {
    implicitWorkloads.push(implicitIngressControllerDeployment());
    if (!serviceRefs.has(IMPLICIT_INGRESS_SERVICE_REF)) implicitServices.push(implicitIngressControllerService());
    if (pickIngressNginxClass(manifests.ingressClasses) === undefined && !manifests.ingressClasses.some((c) => c.meta.name === 'nginx')) {
      implicitClasses.push(implicitIngressClass());
    }
  }
  // Gateways without data-plane pods get the Deployment and Service their controller would make.
  const gatewayDataPlanes = planGatewayDataPlanes(manifests);
  implicitWorkloads.push(...gatewayDataPlanes.workloads);
  implicitServices.push(...gatewayDataPlanes.services);
  const implicitRefs = new Set(implicitServices.map((s) => objectRef('service', s.meta.namespace, s.meta.name)));

  // 2. Pods: expanded, scheduled, addressed.
  const placed = buildPods(manifests.pods, [...manifests.workloads, ...implicitWorkloads], givenNodes, manifests.nodes.length > 0, pool, diagnostics, scenario?.deletedPods);
  const nodes = [...givenNodes, ...placed.addedNodes];
  const pods = placed.pods;
  if (implicitRefs.has('service/default/kubernetes')) implicitSlices.push(implicitKubernetesEndpoints(nodes));

  // 3. The ingress controller (its Service decides which LoadBalancer gets the first address).
  const allServiceObjects = [...manifests.services, ...implicitServices];
  const ingressClasses = [...manifests.ingressClasses, ...implicitClasses];
  const stubs = allServiceObjects.map((s) => ({
    ref: objectRef('service', s.meta.namespace, s.meta.name),
    name: s.meta.name,
    namespace: s.meta.namespace,
    type: s.type,
    ...(s.selector !== undefined && Object.keys(s.selector).length > 0 ? { selector: s.selector } : {}),
  }));
  const ingressController = buildIngressController(controllerImplicit, pods, stubs, ingressClasses);

  // 4. Services.
  const settings = { ...settingsBase, nodeCount: nodes.length };
  const services = buildServices(
    {
      services: allServiceObjects,
      pods,
      nodes,
      settings,
      endpointSlices: [...manifests.endpointSlices, ...implicitSlices],
      ...(ingressController?.serviceRef !== undefined ? { frontDoorRef: ingressController.serviceRef } : {}),
      implicitRefs,
    },
    diagnostics,
  );

  // 5. Ingresses.
  const ingresses = buildIngresses(manifests.ingresses, ingressController, ingressClasses);
  for (const ingress of ingresses) {
    if (!ingress.served) {
      diagnostics.push(
        clusterDiagnostic('cluster.ingress.not-served', 'warning', `Ingress ${ingress.object.meta.namespace}/${ingress.object.meta.name} is not served: ${ingress.servedReason}`, {
          meta: ingress.object.meta,
          ref: ingress.ref,
        }),
      );
    }
  }

  // 6. Namespaces: every one declared or mentioned, plus the system ones.
  const namespaces = buildNamespaces(manifests, pods, services, controllerImplicit);

  // 7. Gateway API: the Gateways' data planes and the routes' attachments.
  const gatewayApi = buildGateways(manifests, pods, services, namespaces);

  // 8. DNS.
  const dnsRef = objectRef('service', dnsService.meta.namespace, dnsService.meta.name);
  const dns = services.find((s) => s.ref === dnsRef);
  const dnsPods = new Set<string>();
  for (const list of Object.values(dns?.endpoints ?? {})) for (const e of list) if (e.podRef !== undefined) dnsPods.add(e.podRef);

  const cluster: Cluster = {
    settings,
    nodes,
    namespaces,
    pods,
    services,
    ingresses,
    ingressClasses,
    networkPolicies: manifests.networkPolicies,
    clusterPolicies: sortClusterPolicies(manifests.clusterPolicies),
    endpointSlices: manifests.endpointSlices,
    ...(ingressController !== undefined ? { ingressController } : {}),
    gatewayClasses: manifests.gatewayClasses,
    gateways: gatewayApi.gateways,
    httpRoutes: gatewayApi.httpRoutes,
    referenceGrants: manifests.referenceGrants,
    dns: { serviceRef: dnsRef, ip: dns?.clusterIP ?? KUBE_DNS_SERVICE_IP, podRefs: [...dnsPods].sort() },
    ...(scenario !== undefined ? { scenario } : {}),
    lookups: buildLookups(nodes, namespaces, pods, services),
  };
  return { cluster, diagnostics };
}

function buildNamespaces(
  manifests: NormalizedManifests,
  pods: readonly ClusterPod[],
  services: readonly ClusterService[],
  controllerImplicit: boolean,
): ClusterNamespace[] {
  const declared = new Map(manifests.namespaces.map((ns) => [ns.meta.name, ns] as const));
  const names = new Set<string>(['default', 'kube-system', ...declared.keys()]);
  if (controllerImplicit) names.add(IMPLICIT_INGRESS_NAMESPACE);
  const mention = (ns: string): void => {
    if (ns !== '') names.add(ns);
  };
  for (const p of pods) mention(p.namespace);
  for (const s of services) mention(s.namespace);
  for (const i of manifests.ingresses) mention(i.meta.namespace);
  for (const n of manifests.networkPolicies) mention(n.meta.namespace);
  for (const e of manifests.endpointSlices) mention(e.meta.namespace);
  for (const w of manifests.workloads) mention(w.meta.namespace);
  for (const g of manifests.gateways) mention(g.meta.namespace);
  for (const r of manifests.httpRoutes) mention(r.meta.namespace);
  return [...names].sort().map((name) => {
    const ns = declared.get(name);
    // The API server sets kubernetes.io/metadata.name on every namespace and keeps it equal to the name.
    return { name, labels: { ...(ns?.meta.labels ?? {}), [METADATA_NAME_LABEL]: name }, implicit: ns === undefined };
  });
}

function buildLookups(
  nodes: Cluster['nodes'],
  namespaces: readonly ClusterNamespace[],
  pods: readonly ClusterPod[],
  services: readonly ClusterService[],
): Cluster['lookups'] {
  const podByRef: Record<string, number> = {};
  const podByIP: Record<string, number> = {};
  pods.forEach((pod, i) => {
    podByRef[pod.ref] = i;
    // Host-network pods share their node's IP: that address names the node, not the pod.
    if (pod.ip !== undefined && !pod.hostNetwork && podByIP[pod.ip] === undefined) podByIP[pod.ip] = i;
  });
  const serviceByRef: Record<string, number> = {};
  const serviceByClusterIP: Record<string, number> = {};
  services.forEach((svc, i) => {
    serviceByRef[svc.ref] = i;
    if (svc.clusterIP !== undefined && serviceByClusterIP[svc.clusterIP] === undefined) serviceByClusterIP[svc.clusterIP] = i;
  });
  const nodeByName: Record<string, number> = {};
  nodes.forEach((node, i) => (nodeByName[node.name] = i));
  const namespaceByName: Record<string, number> = {};
  namespaces.forEach((ns, i) => (namespaceByName[ns.name] = i));
  return { podByRef, podByIP, serviceByRef, serviceByClusterIP, nodeByName, namespaceByName };
}
