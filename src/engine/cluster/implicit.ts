/**
 * The objects every cluster has without anybody writing them: the `kubernetes` Service, the
 * cluster DNS (kube-dns Service + CoreDNS pods, as kubeadm installs them) and, when the
 * manifests bring none, an ingress-nginx controller shaped like its Helm chart's defaults, and
 * for each programmed Gateway without data-plane pods, the Deployment and LoadBalancer Service a
 * conformant implementation provisions for it (GEP-1762).
 * They carry no `source`, and the cluster marks what they produce as `implicit`.
 */
import type {
  ClusterNode,
  EndpointSliceObject,
  IngressClassObject,
  LabelSelector,
  Labels,
  ObjectMeta,
  ServiceObject,
  WorkloadObject,
} from '../types';
import { objectRef } from '../refs';

export const KUBERNETES_SERVICE_IP = '10.96.0.1';
export const KUBE_DNS_SERVICE_IP = '10.96.0.10';
export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';
export const IMPLICIT_INGRESS_NAMESPACE = 'ingress-nginx';
export const IMPLICIT_INGRESS_NAME = 'ingress-nginx-controller';
export const IMPLICIT_INGRESS_CLASS = 'nginx';
/** How ingress-nginx's own manifests label the controller pods. */
export const INGRESS_CONTROLLER_LABELS: Labels = {
  'app.kubernetes.io/name': 'ingress-nginx',
  'app.kubernetes.io/component': 'controller',
};
export const KUBE_DNS_LABELS: Labels = { 'k8s-app': 'kube-dns' };

function meta(namespace: string, name: string, labels: Labels = {}): ObjectMeta {
  return { name, namespace, labels, annotations: {} };
}

function selectorOf(labels: Labels): LabelSelector {
  return { matchLabels: labels, matchExpressions: [] };
}

function serviceDefaults(): Pick<
  ServiceObject,
  'externalTrafficPolicy' | 'internalTrafficPolicy' | 'sessionAffinity' | 'externalIPs' | 'publishNotReadyAddresses' | 'statusLoadBalancerIPs'
> {
  return {
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
    sessionAffinity: 'None',
    externalIPs: [],
    publishNotReadyAddresses: false,
    statusLoadBalancerIPs: [],
  };
}

/** `default/kubernetes` at 10.96.0.1: the API server, port https 443 → 6443. */
export function implicitKubernetesService(): ServiceObject {
  return {
    kind: 'Service',
    meta: meta('default', 'kubernetes', { component: 'apiserver', provider: 'kubernetes' }),
    type: 'ClusterIP',
    clusterIP: KUBERNETES_SERVICE_IP,
    ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 6443 }],
    ...serviceDefaults(),
  };
}

/** The API server listens on the nodes (no pods): every node's IP, port 6443. */
export function implicitKubernetesEndpoints(nodes: readonly ClusterNode[]): EndpointSliceObject {
  return {
    kind: 'EndpointSlice',
    meta: meta('default', 'kubernetes'),
    serviceName: 'kubernetes',
    endpoints: nodes.map((node) => ({ addresses: [node.ip], ready: true, nodeName: node.name })),
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  };
}

/** `kube-system/kube-dns` at 10.96.0.10 with ports dns 53/UDP and dns-tcp 53/TCP. */
export function implicitKubeDnsService(): ServiceObject {
  return {
    kind: 'Service',
    meta: meta('kube-system', 'kube-dns', { ...KUBE_DNS_LABELS, 'kubernetes.io/name': 'CoreDNS' }),
    type: 'ClusterIP',
    selector: KUBE_DNS_LABELS,
    clusterIP: KUBE_DNS_SERVICE_IP,
    ports: [
      { name: 'dns', protocol: 'UDP', port: 53, targetPort: 53 },
      { name: 'dns-tcp', protocol: 'TCP', port: 53, targetPort: 53 },
    ],
    ...serviceDefaults(),
  };
}

/** kubeadm's `kube-system/coredns` Deployment with two replicas → coredns-0, coredns-1. */
export function implicitCoreDnsDeployment(): WorkloadObject {
  return {
    kind: 'Deployment',
    meta: meta('kube-system', 'coredns', KUBE_DNS_LABELS),
    replicas: 2,
    selector: selectorOf(KUBE_DNS_LABELS),
    template: {
      labels: KUBE_DNS_LABELS,
      annotations: {},
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      requiredNodeAffinity: [],
      hostNetwork: false,
      containers: [
        {
          name: 'coredns',
          ports: [
            { name: 'dns', containerPort: 53, protocol: 'UDP' },
            { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
            { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
          ],
        },
      ],
    },
  };
}

const CONTROLLER_POD_LABELS: Labels = { ...INGRESS_CONTROLLER_LABELS, 'app.kubernetes.io/instance': 'ingress-nginx' };

/** ingress-nginx's Deployment (one replica → `ingress-nginx-controller-0`), ports http 80, https 443. */
export function implicitIngressControllerDeployment(): WorkloadObject {
  return {
    kind: 'Deployment',
    meta: meta(IMPLICIT_INGRESS_NAMESPACE, IMPLICIT_INGRESS_NAME, CONTROLLER_POD_LABELS),
    replicas: 1,
    selector: selectorOf(CONTROLLER_POD_LABELS),
    template: {
      labels: CONTROLLER_POD_LABELS,
      annotations: {},
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      requiredNodeAffinity: [],
      hostNetwork: false,
      containers: [
        {
          name: 'controller',
          ports: [
            { name: 'http', containerPort: 80, protocol: 'TCP' },
            { name: 'https', containerPort: 443, protocol: 'TCP' },
          ],
        },
      ],
    },
  };
}

/** The chart's LoadBalancer Service, ports http 80 → http, https 443 → https. */
export function implicitIngressControllerService(): ServiceObject {
  return {
    kind: 'Service',
    meta: meta(IMPLICIT_INGRESS_NAMESPACE, IMPLICIT_INGRESS_NAME, CONTROLLER_POD_LABELS),
    type: 'LoadBalancer',
    selector: CONTROLLER_POD_LABELS,
    ports: [
      { name: 'http', protocol: 'TCP', port: 80, targetPort: 'http', appProtocol: 'http' },
      { name: 'https', protocol: 'TCP', port: 443, targetPort: 'https', appProtocol: 'https' },
    ],
    ...serviceDefaults(),
  };
}

/** IngressClass `nginx` (controller k8s.io/ingress-nginx); not the default, as in the chart. */
export function implicitIngressClass(): IngressClassObject {
  return {
    kind: 'IngressClass',
    meta: { name: IMPLICIT_INGRESS_CLASS, namespace: '', labels: CONTROLLER_POD_LABELS, annotations: {} },
    controller: INGRESS_NGINX_CONTROLLER,
    isDefault: false,
  };
}

export const IMPLICIT_INGRESS_SERVICE_REF = objectRef('service', IMPLICIT_INGRESS_NAMESPACE, IMPLICIT_INGRESS_NAME);

/** The label a Gateway's data-plane pods carry (GEP-1762). */
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/** GEP-1762's name for the provisioned resources: `<gateway>-<class>`. */
export function implicitGatewayName(gateway: string, gatewayClass: string): string {
  return `${gateway}-${gatewayClass}`;
}

/** The distinct listener ports of a Gateway, in listener order. */
function gatewayPorts(ports: readonly number[]): number[] {
  return ports.filter((p, i) => ports.indexOf(p) === i);
}

/** The data plane of a Gateway: one replica labelled with the Gateway's name, a container port per listener port. */
export function implicitGatewayDeployment(namespace: string, gateway: string, gatewayClass: string, ports: readonly number[]): WorkloadObject {
  const labels: Labels = { [GATEWAY_NAME_LABEL]: gateway };
  return {
    kind: 'Deployment',
    meta: meta(namespace, implicitGatewayName(gateway, gatewayClass), labels),
    replicas: 1,
    selector: selectorOf(labels),
    template: {
      labels,
      annotations: {},
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      requiredNodeAffinity: [],
      hostNetwork: false,
      containers: [{ name: 'proxy', ports: gatewayPorts(ports).map((port) => ({ containerPort: port, protocol: 'TCP' as const })) }],
    },
  };
}

/** The LoadBalancer Service in front of the data plane, exposing every listener port. */
export function implicitGatewayService(namespace: string, gateway: string, gatewayClass: string, ports: readonly number[]): ServiceObject {
  const labels: Labels = { [GATEWAY_NAME_LABEL]: gateway };
  return {
    kind: 'Service',
    meta: meta(namespace, implicitGatewayName(gateway, gatewayClass), labels),
    type: 'LoadBalancer',
    selector: labels,
    ports: gatewayPorts(ports).map((port) => ({ name: `port-${port}`, protocol: 'TCP' as const, port, targetPort: port })),
    ...serviceDefaults(),
  };
}
