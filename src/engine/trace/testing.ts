/**
 * A small hand-made Cluster for the routing and trace tests, independent of the cluster
 * builder (so the trace logic is tested on objects whose every field the test chose).
 * Not used by the engine itself.
 */
import type {
  Cluster,
  ClusterPod,
  ClusterService,
  ClusterServicePort,
  CniPlugin,
  ContainerPort,
  IngressObject,
  Labels,
  NetworkPolicyObject,
  ServiceEndpoint,
  ServiceType,
} from '../types';
import { objectRef } from '../refs';

export interface PodSpec {
  readonly namespace?: string;
  readonly name: string;
  readonly labels?: Labels;
  readonly node?: string;
  readonly ports?: readonly (Partial<ContainerPort> & { containerPort: number })[];
  readonly ready?: boolean;
  readonly hostNetwork?: boolean;
  readonly owner?: string;
  readonly ip?: string;
  /** `spec.subdomain` (a StatefulSet's serviceName); the hostname is the pod name. */
  readonly subdomain?: string;
}

export interface ServiceSpec {
  readonly namespace?: string;
  readonly name: string;
  readonly type?: ServiceType;
  readonly selector?: Labels;
  readonly headless?: boolean;
  readonly clusterIP?: string;
  readonly ports?: readonly (Partial<ClusterServicePort> & { port: number })[];
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  readonly internalTrafficPolicy?: 'Cluster' | 'Local';
  readonly sessionAffinity?: 'None' | 'ClientIP';
  readonly externalName?: string;
  readonly loadBalancerIPs?: readonly string[];
}

export interface ClusterSpec {
  readonly nodes?: number;
  readonly cni?: CniPlugin;
  readonly pods?: readonly PodSpec[];
  readonly services?: readonly ServiceSpec[];
  readonly ingresses?: readonly (Partial<IngressObject> & { name: string; namespace?: string; served?: boolean })[];
  readonly policies?: readonly NetworkPolicyObject[];
  readonly namespaces?: Readonly<Record<string, Labels>>;
  /** Default true: the implicit ingress-nginx controller, its pod and LoadBalancer Service. */
  readonly ingressController?: boolean;
}

function meta(namespace: string, name: string, annotations: Labels = {}) {
  return { name, namespace, labels: {}, annotations };
}

/** Builds a Cluster from a few lines of spec, with the default addresses of semantics.md. */
export function makeTestCluster(spec: ClusterSpec): Cluster {
  const nodeCount = spec.nodes ?? 3;
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({
    ref: `node/node-${i + 1}`,
    name: `node-${i + 1}`,
    ip: `192.168.0.${11 + i}`,
    podCIDR: `10.244.${i}.0/24`,
    labels: { 'kubernetes.io/hostname': `node-${i + 1}`, 'kubernetes.io/os': 'linux' },
    implicit: true,
  }));
  const withController = spec.ingressController ?? true;
  const podSpecs: PodSpec[] = [
    ...(withController
      ? [
          {
            namespace: 'ingress-nginx',
            name: 'ingress-nginx-controller-0',
            labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
            node: 'node-1',
            ports: [
              { name: 'http', containerPort: 80 },
              { name: 'https', containerPort: 443 },
            ],
            owner: 'deployment/ingress-nginx/ingress-nginx-controller',
          },
        ]
      : []),
    {
      namespace: 'kube-system',
      name: 'coredns-0',
      labels: { 'k8s-app': 'kube-dns' },
      node: 'node-1',
      ports: [
        { name: 'dns', containerPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
      ],
    },
    {
      namespace: 'kube-system',
      name: 'coredns-1',
      labels: { 'k8s-app': 'kube-dns' },
      node: nodeCount > 1 ? 'node-2' : 'node-1',
      ports: [
        { name: 'dns', containerPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
      ],
    },
    ...(spec.pods ?? []),
  ];
  const perNode: Record<string, number> = {};
  let spread = 0;
  const pods: ClusterPod[] = podSpecs.map((p) => {
    const ns = p.namespace ?? 'default';
    const nodeName = p.node ?? nodes[spread++ % nodeCount]!.name;
    const nodeIdx = nodes.findIndex((n) => n.name === nodeName);
    const next = (perNode[nodeName] ?? 1) + 1;
    perNode[nodeName] = next;
    const ip = p.hostNetwork === true ? nodes[nodeIdx]!.ip : (p.ip ?? `10.244.${nodeIdx}.${next}`);
    return {
      ref: objectRef('pod', ns, p.name),
      name: p.name,
      namespace: ns,
      labels: p.labels ?? {},
      phase: 'Running',
      nodeName,
      ip,
      hostNetwork: p.hostNetwork ?? false,
      ready: p.ready ?? true,
      containerPorts: (p.ports ?? []).map((c) => ({ protocol: 'TCP', ...c })),
      ...(p.owner !== undefined ? { owner: p.owner } : {}),
      hostname: p.name,
      ...(p.subdomain !== undefined ? { subdomain: p.subdomain } : {}),
      implicit: false,
    };
  });

  const serviceSpecs: ServiceSpec[] = [
    { namespace: 'default', name: 'kubernetes', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] },
    {
      namespace: 'kube-system',
      name: 'kube-dns',
      clusterIP: '10.96.0.10',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    },
    ...(withController
      ? [
          {
            namespace: 'ingress-nginx',
            name: 'ingress-nginx-controller',
            type: 'LoadBalancer' as const,
            selector: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
            ports: [
              { name: 'http', port: 80, targetPort: 'http', nodePort: 31080 },
              { name: 'https', port: 443, targetPort: 'https', nodePort: 31443 },
            ],
            loadBalancerIPs: ['203.0.113.10'],
          },
        ]
      : []),
    ...(spec.services ?? []),
  ];
  let nextIP = 100;
  let nextNodePort = 30000;
  const services: ClusterService[] = serviceSpecs.map((s) => {
    const ns = s.namespace ?? 'default';
    const type = s.type ?? 'ClusterIP';
    const headless = s.headless ?? false;
    const ports: ClusterServicePort[] = (s.ports ?? []).map((p) => ({
      protocol: 'TCP',
      targetPort: p.port,
      ...p,
      ...(type === 'NodePort' || type === 'LoadBalancer' ? { nodePort: p.nodePort ?? nextNodePort++ } : {}),
    }));
    const endpoints: Record<string, ServiceEndpoint[]> = {};
    for (const sp of ports) {
      const list: ServiceEndpoint[] = [];
      if (s.selector !== undefined) {
        for (const pod of pods) {
          if (pod.namespace !== ns) continue;
          if (!Object.entries(s.selector).every(([k, v]) => pod.labels[k] === v)) continue;
          let port: number | undefined;
          if (typeof sp.targetPort === 'number') port = sp.targetPort;
          else port = pod.containerPorts.find((c) => c.name === sp.targetPort && c.protocol === sp.protocol)?.containerPort;
          if (port === undefined || pod.ip === undefined) continue;
          list.push({
            podRef: pod.ref,
            ip: pod.ip,
            ...(pod.nodeName !== undefined ? { nodeName: pod.nodeName } : {}),
            port,
            protocol: sp.protocol,
            ready: pod.ready,
          });
        }
      }
      list.sort((a, b) => Number(b.ready) - Number(a.ready) || (a.podRef ?? '').localeCompare(b.podRef ?? ''));
      endpoints[sp.name ?? ''] = list;
    }
    const clusterIP =
      type === 'ExternalName' || headless ? undefined : (s.clusterIP ?? `10.96.0.${nextIP++}`);
    return {
      ref: objectRef('service', ns, s.name),
      name: s.name,
      namespace: ns,
      type,
      headless,
      ...(clusterIP !== undefined ? { clusterIP } : {}),
      ports,
      loadBalancerIPs: s.loadBalancerIPs ?? (type === 'LoadBalancer' ? [`203.0.113.${nextIP}`] : []),
      ...(s.selector !== undefined ? { selector: s.selector } : {}),
      externalTrafficPolicy: s.externalTrafficPolicy ?? 'Cluster',
      internalTrafficPolicy: s.internalTrafficPolicy ?? 'Cluster',
      sessionAffinity: s.sessionAffinity ?? 'None',
      ...(s.externalName !== undefined ? { externalName: s.externalName } : {}),
      publishNotReadyAddresses: false,
      endpoints,
      implicit: false,
    };
  });

  const ingresses = (spec.ingresses ?? []).map((i) => {
    const ns = i.namespace ?? 'default';
    const object: IngressObject = {
      kind: 'Ingress',
      meta: {
        ...meta(ns, i.name),
        ...(i.meta !== undefined ? { annotations: i.meta.annotations } : {}),
        ...(i.meta?.creationTimestamp !== undefined ? { creationTimestamp: i.meta.creationTimestamp } : {}),
      },
      rules: i.rules ?? [],
      tls: i.tls ?? [],
      ...(i.defaultBackend !== undefined ? { defaultBackend: i.defaultBackend } : {}),
      ...(i.ingressClassName !== undefined ? { ingressClassName: i.ingressClassName } : {}),
    };
    const served = i.served ?? true;
    return { ref: objectRef('ingress', ns, i.name), object, served, servedReason: served ? 'served' : 'not served' };
  });

  const nsNames = new Set(['default', 'kube-system', ...(withController ? ['ingress-nginx'] : [])]);
  for (const p of pods) nsNames.add(p.namespace);
  for (const s of services) nsNames.add(s.namespace);
  for (const n of Object.keys(spec.namespaces ?? {})) nsNames.add(n);
  const namespaces = [...nsNames].sort().map((name) => ({
    name,
    labels: { ...(spec.namespaces?.[name] ?? {}), 'kubernetes.io/metadata.name': name },
    implicit: true,
  }));

  const index = <T>(items: readonly T[], key: (t: T) => string | undefined): Record<string, number> => {
    const out: Record<string, number> = {};
    items.forEach((t, i) => {
      const k = key(t);
      if (k !== undefined) out[k] = i;
    });
    return out;
  };

  return {
    settings: {
      cni: spec.cni ?? 'calico',
      nodeCount,
      bareMetal: false,
      clusterDomain: 'cluster.local',
      podCIDR: '10.244.0.0/16',
      serviceCIDR: '10.96.0.0/12',
    },
    nodes,
    namespaces,
    pods,
    services,
    ingresses,
    ingressClasses: [],
    networkPolicies: spec.policies ?? [],
    endpointSlices: [],
    ...(withController
      ? {
          ingressController: {
            implicit: true,
            namespace: 'ingress-nginx',
            className: 'nginx',
            controller: 'k8s.io/ingress-nginx',
            podRefs: ['pod/ingress-nginx/ingress-nginx-controller-0'],
            serviceRef: 'service/ingress-nginx/ingress-nginx-controller',
          },
        }
      : {}),
    dns: {
      serviceRef: 'service/kube-system/kube-dns',
      ip: '10.96.0.10',
      podRefs: ['pod/kube-system/coredns-0', 'pod/kube-system/coredns-1'],
    },
    lookups: {
      podByRef: index(pods, (p) => p.ref),
      podByIP: index(pods, (p) => (p.hostNetwork ? undefined : p.ip)),
      serviceByRef: index(services, (s) => s.ref),
      serviceByClusterIP: index(services, (s) => s.clusterIP),
      nodeByName: index(nodes, (n) => n.name),
      namespaceByName: index(namespaces, (n) => n.name),
    },
  };
}
