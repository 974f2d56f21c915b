/**
 * Services: ClusterIPs, NodePorts, LoadBalancer addresses and endpoints per port.
 *
 * Allocation is deterministic and stable while typing: a Service's ClusterIP and NodePorts are
 * picked by a hash of its name (probing on collision, in sorted order), so adding a Service
 * does not move the others. What the manifests state always wins and is never handed out again.
 */
import type {
  ClusterNode,
  ClusterPod,
  ClusterService,
  ClusterServicePort,
  ClusterSettings,
  Diagnostic,
  EndpointSliceObject,
  Labels,
  Protocol,
  ServiceEndpoint,
  ServiceObject,
} from '../types';
import { objectRef } from '../refs';
import { clusterDiagnostic } from './diagnostics';
import { hashString } from './hash';
import { formatIPv4, parseIPv4, parseIPv4Range } from '../match/cidr';
import { KUBE_DNS_SERVICE_IP, KUBERNETES_SERVICE_IP } from './implicit';
import { matchesLabels } from '../match/labels';

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
/** The simulated cloud hands out 203.0.113.10, .11, ... (TEST-NET-3, documentation range). */
const CLOUD_LB_FIRST = parseIPv4('203.0.113.10') ?? 0;
const CLOUD_LB_LAST = parseIPv4('203.0.113.254') ?? 0;
/** Dynamic ClusterIPs come from 10.96.0.0/16 (inside the /12), so they read as Service IPs. */
const CLUSTER_IP_BLOCK_FIRST = parseIPv4('10.96.0.0') ?? 0;
const CLUSTER_IP_BLOCK_SIZE = 65536;

/** The key of a Service port in `ClusterService.endpoints`: its name, `""` when unnamed. */
export function servicePortKey(port: { readonly name?: string }): string {
  return port.name ?? '';
}

/** Name-sorted (then by IP) with ready endpoints first, as the Cluster type promises. */
function sortEndpoints(endpoints: ServiceEndpoint[]): ServiceEndpoint[] {
  const label = (e: ServiceEndpoint): string => e.podRef ?? `~${e.ip}`;
  return endpoints.sort((a, b) => {
    if (a.ready !== b.ready) return a.ready ? -1 : 1;
    const la = label(a);
    const lb = label(b);
    if (la !== lb) return la < lb ? -1 : 1;
    return a.port - b.port;
  });
}

/** Pods by namespace, and by `key=value` inside it, so selectors scale to thousands of pods. */
export interface PodIndex {
  candidates(namespace: string, selector: Readonly<Record<string, string>>): readonly ClusterPod[];
}

/** `keys`: the label keys selectors use (indexing every label, `pod-template-hash` too, would be waste). */
export function buildPodIndex(pods: readonly ClusterPod[], keys: ReadonlySet<string>): PodIndex {
  const byNamespace = new Map<string, ClusterPod[]>();
  const byLabel = new Map<string, ClusterPod[]>();
  // Replicas share one labels object: its index lists are found once, then each replica is
  // pushed onto them (same lists, same order as looking every key up per pod).
  const listsOf = new Map<Labels, { namespace: string; lists: ClusterPod[][] }>();
  for (const pod of pods) {
    const list = byNamespace.get(pod.namespace);
    if (list === undefined) byNamespace.set(pod.namespace, [pod]);
    else list.push(pod);
    const known = listsOf.get(pod.labels);
    if (known !== undefined && known.namespace === pod.namespace) {
      for (const l of known.lists) l.push(pod);
      continue;
    }
    const lists: ClusterPod[][] = [];
    for (const key of keys) {
      const value = pod.labels[key];
      if (value === undefined || !Object.prototype.hasOwnProperty.call(pod.labels, key)) continue;
      const k = `${pod.namespace}\u0000${key}\u0000${value}`;
      let l = byLabel.get(k);
      if (l === undefined) {
        l = [];
        byLabel.set(k, l);
      }
      l.push(pod);
      lists.push(l);
    }
    if (known === undefined) listsOf.set(pod.labels, { namespace: pod.namespace, lists });
  }
  return {
    candidates(namespace, selector) {
      const keys = Object.keys(selector);
      if (keys.length === 0) return byNamespace.get(namespace) ?? [];
      let best: readonly ClusterPod[] | undefined;
      for (const key of keys) {
        const l = byLabel.get(`${namespace}\u0000${key}\u0000${selector[key] ?? ''}`) ?? [];
        if (best === undefined || l.length < best.length) best = l;
      }
      return (best ?? []).filter((pod) => matchesLabels(selector, pod.labels));
    },
  };
}

/**
 * The port a pod serves a Service port on: a number as is; a name looked up in the pod's
 * container ports with that name AND the Service port's protocol (podutil.FindPort). Undefined
 * when the pod lacks it: the pod is then no endpoint of that port.
 */
export function resolveTargetPort(
  targetPort: number | string,
  protocol: Protocol,
  pod: Pick<ClusterPod, 'containerPorts'>,
): number | undefined {
  if (typeof targetPort === 'number') return targetPort;
  const found = pod.containerPorts.find((p) => p.name === targetPort && p.protocol === protocol);
  return found?.containerPort;
}

interface ServiceInputs {
  readonly services: readonly ServiceObject[];
  readonly pods: readonly ClusterPod[];
  readonly nodes: readonly ClusterNode[];
  readonly settings: Omit<ClusterSettings, 'nodeCount'>;
  readonly endpointSlices: readonly EndpointSliceObject[];
  /** The ingress controller's Service gets the first cloud address (stable front door). */
  readonly frontDoorRef?: string;
  readonly implicitRefs: ReadonlySet<string>;
}

export function buildServices(input: ServiceInputs, diagnostics: Diagnostic[]): ClusterService[] {
  // 0. One Service per name.
  const services: ServiceObject[] = [];
  const seen = new Set<string>();
  for (const svc of input.services) {
    const ref = objectRef('service', svc.meta.namespace, svc.meta.name);
    if (seen.has(ref)) {
      diagnostics.push(
        clusterDiagnostic('cluster.service.duplicate', 'warning', `Service ${svc.meta.namespace}/${svc.meta.name} is declared twice; the first one is used`, { meta: svc.meta, ref }),
      );
      continue;
    }
    seen.add(ref);
    services.push(svc);
  }
  const refs = new Map<ServiceObject, string>();
  for (const svc of services) refs.set(svc, objectRef('service', svc.meta.namespace, svc.meta.name));
  const refOf = (svc: ServiceObject): string => refs.get(svc) ?? objectRef('service', svc.meta.namespace, svc.meta.name);
  const sorted = [...services].sort((a, b) => (refOf(a) < refOf(b) ? -1 : refOf(a) > refOf(b) ? 1 : 0));

  const clusterIPs = allocateClusterIPs(services, sorted, refOf);
  const nodePorts = allocateNodePorts(services, sorted, refOf);
  const lb = allocateLoadBalancerIPs(services, sorted, refOf, input, diagnostics);
  const selectorKeys = new Set<string>();
  for (const svc of services) for (const key of Object.keys(svc.selector ?? {})) selectorKeys.add(key);
  const podIndex = buildPodIndex(input.pods, selectorKeys);
  const podByIP = new Map<string, ClusterPod>();
  for (const pod of input.pods) if (pod.ip !== undefined && !pod.hostNetwork && !podByIP.has(pod.ip)) podByIP.set(pod.ip, pod);

  return services.map((svc) => {
    const ref = refOf(svc);
    const ports: ClusterServicePort[] = svc.ports.map((port, i) => {
      const nodePort = nodePorts.get(`${ref}#${i}`);
      // Without an allocated NodePort the port reads as it was given (a copy would be equal).
      return nodePort === undefined ? port : { ...port, nodePort };
    });
    const clusterIP = clusterIPs.get(ref);
    const lbState = lb.get(ref);
    // Field by field, optional ones in place (no spread per Service); the key order is its JSON.
    const built = { ref, name: svc.meta.name, namespace: svc.meta.namespace, type: svc.type, headless: svc.type !== 'ExternalName' && svc.clusterIP === 'None' } as {
      -readonly [K in keyof ClusterService]: ClusterService[K];
    };
    if (clusterIP !== undefined) built.clusterIP = clusterIP;
    built.ports = ports;
    built.loadBalancerIPs = lbState?.ips ?? [];
    if (lbState?.pendingReason !== undefined) built.loadBalancerPendingReason = lbState.pendingReason;
    if (svc.selector !== undefined && Object.keys(svc.selector).length > 0) built.selector = svc.selector;
    built.externalTrafficPolicy = svc.externalTrafficPolicy;
    built.internalTrafficPolicy = svc.internalTrafficPolicy;
    built.sessionAffinity = svc.sessionAffinity;
    if (svc.externalName !== undefined) built.externalName = svc.externalName;
    built.publishNotReadyAddresses = svc.publishNotReadyAddresses;
    if (Object.keys(svc.meta.labels).length > 0) built.labels = svc.meta.labels;
    built.endpoints = buildEndpoints(svc, ports, podIndex, podByIP, input.endpointSlices);
    built.implicit = input.implicitRefs.has(ref);
    if (svc.meta.source !== undefined) built.source = svc.meta.source;
    return built;
  });
}

/**
 * Endpoints per Service port.
 * - ExternalName: none (DNS CNAME only).
 * - With a selector: Running pods of the Service's namespace whose labels match; `ready` is
 *   the pod's readiness, or true for every pod with `publishNotReadyAddresses` (what the
 *   EndpointSlice controller writes); a named targetPort is resolved per pod.
 * - Without a selector (an absent or empty one: the API drops `selector: {}`): the
 *   EndpointSlices/Endpoints labelled for the Service, ports matched by name.
 */
function buildEndpoints(
  svc: ServiceObject,
  ports: readonly ClusterServicePort[],
  podIndex: PodIndex,
  podByIP: ReadonlyMap<string, ClusterPod>,
  slices: readonly EndpointSliceObject[],
): Record<string, ServiceEndpoint[]> {
  const result: Record<string, ServiceEndpoint[]> = {};
  const keyOf = keyer(ports);
  if (svc.type === 'ExternalName') {
    ports.forEach((port, i) => (result[keyOf(i)] = []));
    return result;
  }
  if (svc.selector !== undefined && Object.keys(svc.selector).length > 0) {
    const selected = podIndex.candidates(svc.meta.namespace, svc.selector).filter((pod) => pod.phase === 'Running' && pod.ip !== undefined);
    ports.forEach((port, i) => {
      const list: ServiceEndpoint[] = [];
      for (const pod of selected) {
        const target = resolveTargetPort(port.targetPort, port.protocol, pod);
        if (target === undefined || pod.ip === undefined) continue;
        const ready = svc.publishNotReadyAddresses || pod.ready;
        // Two literals rather than a spread in the middle (one per pod and port); the key order is the endpoint's JSON.
        list.push(
          pod.nodeName !== undefined
            ? { podRef: pod.ref, ip: pod.ip, nodeName: pod.nodeName, port: target, protocol: port.protocol, ready }
            : { podRef: pod.ref, ip: pod.ip, port: target, protocol: port.protocol, ready },
        );
      }
      result[keyOf(i)] = sortEndpoints(list);
    });
    return result;
  }
  const own = slices.filter((s) => s.meta.namespace === svc.meta.namespace && s.serviceName === svc.meta.name);
  ports.forEach((port, i) => {
    const list: ServiceEndpoint[] = [];
    const name = port.name ?? '';
    for (const slice of own) {
      // A single-port Service may be matched by an unnamed slice port whatever its name.
      const slicePort =
        slice.ports.find((p) => (p.name ?? '') === name && p.protocol === port.protocol) ??
        (ports.length === 1 && slice.ports.length === 1 && slice.ports[0]?.protocol === port.protocol ? slice.ports[0] : undefined);
      if (slicePort === undefined) continue;
      for (const endpoint of slice.endpoints) {
        for (const address of endpoint.addresses) {
          const pod = endpoint.podRef === undefined ? podByIP.get(address) : undefined;
          const podRef = endpoint.podRef ?? pod?.ref;
          const nodeName = endpoint.nodeName ?? pod?.nodeName;
          list.push({
            ...(podRef !== undefined ? { podRef } : {}),
            ip: address,
            ...(nodeName !== undefined ? { nodeName } : {}),
            port: slicePort.port,
            protocol: slicePort.protocol,
            ready: svc.publishNotReadyAddresses || endpoint.ready,
          });
        }
      }
    }
    result[keyOf(i)] = sortEndpoints(list);
  });
  return result;
}

/** Port keys: the name, `""` for an unnamed one; a second unnamed port (invalid) gets `PORT/PROTO`. */
function keyer(ports: readonly ClusterServicePort[]): (i: number) => string {
  const keys: string[] = [];
  const used = new Set<string>();
  for (const port of ports) {
    let key = servicePortKey(port);
    if (used.has(key)) key = `${port.port}/${port.protocol}`;
    used.add(key);
    keys.push(key);
  }
  return (i) => keys[i] ?? '';
}

/** Keys of `ClusterService.endpoints` in port order (see `servicePortKey`). */
export function servicePortKeys(ports: readonly ClusterServicePort[]): string[] {
  const keyOf = keyer(ports);
  return ports.map((_, i) => keyOf(i));
}

function allocateClusterIPs(
  services: readonly ServiceObject[],
  sorted: readonly ServiceObject[],
  refOf: (svc: ServiceObject) => string,
): Map<string, string> {
  const result = new Map<string, string>();
  const taken = new Set<number>([parseIPv4(KUBERNETES_SERVICE_IP) ?? 0, parseIPv4(KUBE_DNS_SERVICE_IP) ?? 0]);
  for (const svc of services) {
    if (svc.type === 'ExternalName' || svc.clusterIP === undefined || svc.clusterIP === 'None') continue;
    const n = parseIPv4(svc.clusterIP);
    if (n === undefined) continue;
    taken.add(n);
    result.set(refOf(svc), svc.clusterIP);
  }
  for (const svc of sorted) {
    const ref = refOf(svc);
    if (svc.type === 'ExternalName' || svc.clusterIP === 'None' || result.has(ref)) continue;
    // kubeadm gives these two their well-known addresses.
    if (ref === 'service/default/kubernetes' && !result.has(ref) && ![...result.values()].includes(KUBERNETES_SERVICE_IP)) {
      result.set(ref, KUBERNETES_SERVICE_IP);
      continue;
    }
    if (ref === 'service/kube-system/kube-dns' && ![...result.values()].includes(KUBE_DNS_SERVICE_IP)) {
      result.set(ref, KUBE_DNS_SERVICE_IP);
      continue;
    }
    let offset = hashString(ref) % CLUSTER_IP_BLOCK_SIZE;
    for (let tries = 0; tries < CLUSTER_IP_BLOCK_SIZE; tries++) {
      const ip = CLUSTER_IP_BLOCK_FIRST + offset;
      const host = offset & 255;
      if (host !== 0 && host !== 255 && !taken.has(ip)) {
        taken.add(ip);
        result.set(ref, formatIPv4(ip));
        break;
      }
      offset = (offset + 1) % CLUSTER_IP_BLOCK_SIZE;
    }
  }
  return result;
}

/**
 * NodePorts for NodePort and LoadBalancer Services: given ones are kept (and reserved); the
 * rest are hashed into 30000-32767 and probed upwards past taken ones. Ports of one Service
 * with the same number (53/UDP and 53/TCP) share one NodePort, as the API server allocates.
 */
function allocateNodePorts(
  services: readonly ServiceObject[],
  sorted: readonly ServiceObject[],
  refOf: (svc: ServiceObject) => string,
): Map<string, number> {
  const result = new Map<string, number>();
  const taken = new Set<number>();
  const opens = (svc: ServiceObject): boolean => svc.type === 'NodePort' || svc.type === 'LoadBalancer';
  for (const svc of services) {
    if (!opens(svc)) continue;
    svc.ports.forEach((port, i) => {
      if (port.nodePort === undefined) return;
      taken.add(port.nodePort);
      result.set(`${refOf(svc)}#${i}`, port.nodePort);
    });
  }
  const span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  for (const svc of sorted) {
    if (!opens(svc)) continue;
    const ref = refOf(svc);
    const byNumber = new Map<number, number>();
    svc.ports.forEach((port, i) => {
      const given = result.get(`${ref}#${i}`);
      if (given !== undefined) byNumber.set(port.port, given);
    });
    svc.ports.forEach((port, i) => {
      const key = `${ref}#${i}`;
      if (result.has(key)) return;
      const shared = byNumber.get(port.port);
      if (shared !== undefined) {
        result.set(key, shared);
        return;
      }
      let offset = hashString(`${ref}:${port.port}`) % span;
      for (let tries = 0; tries < span; tries++) {
        const candidate = NODE_PORT_MIN + offset;
        if (!taken.has(candidate)) {
          taken.add(candidate);
          result.set(key, candidate);
          byNumber.set(port.port, candidate);
          return;
        }
        offset = (offset + 1) % span;
      }
    });
  }
  return result;
}

interface LoadBalancerState {
  readonly ips: readonly string[];
  readonly pendingReason?: string;
}

/**
 * External addresses: `status.loadBalancer.ingress` wins; else the simulated cloud assigns
 * `spec.loadBalancerIP` when asked for, or the next of 203.0.113.10+ (the ingress
 * controller's first, then by name). On bare metal nothing answers unless a MetalLB-style
 * pool is configured, and the address stays `<pending>`.
 */
function allocateLoadBalancerIPs(
  services: readonly ServiceObject[],
  sorted: readonly ServiceObject[],
  refOf: (svc: ServiceObject) => string,
  input: ServiceInputs,
  diagnostics: Diagnostic[],
): Map<string, LoadBalancerState> {
  const result = new Map<string, LoadBalancerState>();
  const taken = new Set<number>();
  const lbs = services.filter((svc) => svc.type === 'LoadBalancer');
  for (const svc of lbs) {
    for (const ip of svc.statusLoadBalancerIPs) {
      const n = parseIPv4(ip);
      if (n !== undefined) taken.add(n);
    }
    if (svc.statusLoadBalancerIPs.length > 0) result.set(refOf(svc), { ips: [...svc.statusLoadBalancerIPs] });
  }
  const pool = input.settings.bareMetal
    ? input.settings.loadBalancerPool !== undefined
      ? parseIPv4Range(input.settings.loadBalancerPool)
      : undefined
    : { first: CLOUD_LB_FIRST, last: CLOUD_LB_LAST, prefix: -1 };
  const order = [...sorted.filter((svc) => refOf(svc) === input.frontDoorRef), ...sorted.filter((svc) => refOf(svc) !== input.frontDoorRef)];
  let cursor = pool?.first ?? 0;
  for (const svc of order) {
    if (svc.type !== 'LoadBalancer' || result.has(refOf(svc))) continue;
    const ref = refOf(svc);
    const pend = (reason: string): void => {
      result.set(ref, { ips: [], pendingReason: reason });
      diagnostics.push(
        clusterDiagnostic('cluster.loadbalancer.pending', 'warning', `Service ${svc.meta.namespace}/${svc.meta.name}: EXTERNAL-IP stays <pending>: ${reason}`, { meta: svc.meta, ref, path: 'spec.type' }),
      );
    };
    if (svc.loadBalancerClass !== undefined) {
      pend(`loadBalancerClass "${svc.loadBalancerClass}": the default load-balancer implementation ignores Services with a class, and no controller for it is simulated`);
      continue;
    }
    if (input.settings.bareMetal && input.settings.loadBalancerPool === undefined) {
      pend('bare-metal cluster: no cloud load balancer answers; install a load-balancer implementation such as MetalLB (set loadBalancerPool in the Scenario) or use a NodePort');
      continue;
    }
    if (pool === undefined) {
      pend(`loadBalancerPool "${input.settings.loadBalancerPool ?? ''}" is not a CIDR or an address range`);
      continue;
    }
    const wanted = svc.loadBalancerIP !== undefined ? parseIPv4(svc.loadBalancerIP) : undefined;
    if (wanted !== undefined) {
      if (input.settings.bareMetal && (wanted < pool.first || wanted > pool.last)) {
        pend(`spec.loadBalancerIP ${svc.loadBalancerIP ?? ''} is outside the pool ${input.settings.loadBalancerPool ?? ''}`);
        continue;
      }
      if (!taken.has(wanted)) {
        taken.add(wanted);
        result.set(ref, { ips: [formatIPv4(wanted)] });
        continue;
      }
      pend(`spec.loadBalancerIP ${svc.loadBalancerIP ?? ''} is already used by another Service`);
      continue;
    }
    while (cursor <= pool.last && taken.has(cursor)) cursor++;
    if (cursor > pool.last) {
      pend(input.settings.bareMetal ? `the pool ${input.settings.loadBalancerPool ?? ''} has no free address left` : 'the simulated cloud has no free address left in 203.0.113.0/24');
      continue;
    }
    taken.add(cursor);
    result.set(ref, { ips: [formatIPv4(cursor)] });
    cursor++;
  }
  return result;
}
