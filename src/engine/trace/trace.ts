/**
 * Hop-by-hop traces: one query (`--from`, `--to` as cli.md spells them) → the hops a packet
 * takes, with the addresses before and after each rewrite, and where it is dropped.
 *
 * Order of travel follows the data path: client → (cloud load balancer → node: kube-proxy
 * NodePort) → ingress controller pod → Ingress rule → Service → kube-proxy DNAT → egress
 * policy of the sender → CNI (veth/bridge, overlay) → ingress policy of the receiver → pod.
 * Policies see pod IPs after DNAT (Kubernetes docs, network-policies: "cluster ingress and
 * egress mechanisms often require rewriting the source or destination IP").
 */
import type {
  Cluster,
  ClusterNode,
  ClusterPod,
  ClusterService,
  ClusterServicePort,
  ConnectionVerdict,
  DirectionVerdict,
  Hop,
  PacketHeader,
  PolicyPeer,
  Protocol,
  Query,
  ServiceEndpoint,
  Trace,
  Verdict,
} from '../types';
import { namespacedName, objectRef, policyRef } from '../refs';
import { isIPv4, parseDestination, parseSource, type DestinationEndpoint, type PortSpec, type SourceEndpoint } from './query';
import { resolveIngressRoute } from '../routing/ingress';
import { headlessTargets, resolveDnsName } from '../routing/dns';
import { cniPlugin } from '../cni-plugins';
import { clusterDecisionHop, isClusterDecision, passHops } from './policy-hops';
import { endpointsOfPort, evaluateConnection, pickEndpoint, selectEndpoints, suggestFix, traceNetworkPath } from './routing-deps';

/** Where `internet` comes from when no address is given (TEST-NET-2, documentation space). */
export const INTERNET_CLIENT_IP = '198.51.100.7';

interface Client {
  readonly kind: 'pod' | 'external' | 'node';
  readonly ref: string;
  /** Graph id. */
  readonly at: string;
  readonly ip: string;
  readonly nodeName?: string;
  readonly peer: PolicyPeer;
  readonly pod?: ClusterPod;
  readonly label: string;
}

interface State {
  readonly cluster: Cluster;
  readonly seed: number;
  /**
   * True when the query gave a seed: follow the endpoint kube-proxy's pick gives for it exactly
   * (the app's "send 10" walks seeds 0..9, drops included). Without one, the trace follows an
   * endpoint that accepts when one exists, so an `allow` verdict never shows a dropped packet.
   */
  readonly seeded: boolean;
  readonly hops: Hop[];
  readonly notes: string[];
}

interface Outcome {
  readonly verdict: Verdict;
  readonly status?: number;
  readonly backend?: string;
  readonly endpoints?: readonly string[];
  readonly blocked?: readonly string[];
  readonly error?: string;
}

const deny: Outcome = { verdict: 'deny' };

// ---------------------------------------------------------------------------
// Lookups

function findPod(cluster: Cluster, ref: string): ClusterPod | undefined {
  const i = cluster.lookups.podByRef[ref];
  return i === undefined ? undefined : cluster.pods[i];
}

function findService(cluster: Cluster, ref: string): ClusterService | undefined {
  const i = cluster.lookups.serviceByRef[ref];
  return i === undefined ? undefined : cluster.services[i];
}

function findNode(cluster: Cluster, name: string): ClusterNode | undefined {
  const i = cluster.lookups.nodeByName[name];
  return i === undefined ? undefined : cluster.nodes[i];
}

/** `NS/NAME` of a pod ref. */
function podName(ref: string): string {
  return ref.split('/').slice(1).join('/');
}

function readyEndpoints(service: ClusterService, port: ClusterServicePort): ServiceEndpoint[] {
  return endpointsOfPort(service, port).filter((e) => e.ready);
}

function hostPort(ip: string, port: number): string {
  return `${ip}:${port}`;
}

// ---------------------------------------------------------------------------
// Source

function resolveClient(cluster: Cluster, src: Exclude<SourceEndpoint, { kind: 'error' }>): Client | { error: string } {
  switch (src.kind) {
    case 'internet':
      return { kind: 'external', ref: 'internet', at: 'internet', ip: INTERNET_CLIENT_IP, peer: { kind: 'external', ip: INTERNET_CLIENT_IP }, label: `a client on the internet (${INTERNET_CLIENT_IP})` };
    case 'ip':
      return { kind: 'external', ref: `ip/${src.ip}`, at: 'internet', ip: src.ip, peer: { kind: 'external', ip: src.ip }, label: `a client at ${src.ip}` };
    case 'node': {
      const node = findNode(cluster, src.name);
      if (node === undefined) return { error: `node ${src.name} does not exist (nodes: ${cluster.nodes.map((n) => n.name).join(', ')})` };
      return { kind: 'node', ref: node.ref, at: node.ref, ip: node.ip, nodeName: node.name, peer: { kind: 'node', nodeName: node.name, ip: node.ip }, label: `node ${node.name} (${node.ip})` };
    }
    case 'pod':
    case 'workload': {
      const name = src.kind === 'pod' ? src.name : `${src.name}-0`;
      const ref = objectRef('pod', src.namespace, name);
      const pod = findPod(cluster, ref);
      if (pod === undefined) {
        return {
          error:
            src.kind === 'pod'
              ? `pod ${src.namespace}/${src.name} does not exist`
              : `${src.workloadKind} ${src.namespace}/${src.name} has no pod ${name} (no such workload, or no replica)`,
        };
      }
      return {
        kind: 'pod',
        ref,
        at: ref,
        ip: pod.ip ?? '',
        ...(pod.nodeName !== undefined ? { nodeName: pod.nodeName } : {}),
        peer: { kind: 'pod', podRef: ref },
        pod,
        label: `${pod.namespace}/${pod.name}`,
      };
    }
  }
}

// ---------------------------------------------------------------------------
// Policy hops

/**
 * One policy hop for one direction, or none when the pod is not isolated in that direction
 * (nothing to show: a non-isolated direction allows everything).
 */
function policyHop(
  st: State,
  d: DirectionVerdict,
  at: string,
  fixArgs: { src: PolicyPeer; dst: PolicyPeer; port: number; protocol: Protocol; verdict: ConnectionVerdict },
  header: PacketHeader,
  kind: 'policy' | 'dns' = 'policy',
): Hop | undefined {
  if (d.enforced && isClusterDecision(d.decidedBy)) {
    const hop = clusterDecisionHop(d, d.decidedBy, at, header, kind);
    if (hop.verdict === 'pass') return hop;
    const fix = suggestFix(st.cluster, fixArgs.src, fixArgs.dst, fixArgs.port, fixArgs.protocol, fixArgs.verdict);
    return fix !== undefined ? { ...hop, fix } : hop;
  }
  if (!d.isolated && d.allowed) return undefined;
  if (!d.enforced) {
    if (!st.notes.includes(d.reason)) st.notes.push(d.reason);
    const first = d.isolatingPolicies[0];
    return {
      kind,
      ref: first !== undefined ? policyRef('networkpolicy', first) : at,
      verdict: 'pass',
      reason: d.reason,
      direction: d.direction,
      isolatingPolicies: d.isolatingPolicies,
      at,
      before: header,
    };
  }
  if (d.allowed) {
    const by = d.allowedBy[0];
    return {
      kind,
      ref: by !== undefined ? policyRef('networkpolicy', by.policy) : at,
      verdict: 'pass',
      reason: d.reason,
      ...(by !== undefined ? { policy: by.policy, rule: by.rule } : {}),
      direction: d.direction,
      isolatingPolicies: d.isolatingPolicies,
      at,
      before: header,
    };
  }
  const first = d.isolatingPolicies[0];
  const fix = suggestFix(st.cluster, fixArgs.src, fixArgs.dst, fixArgs.port, fixArgs.protocol, fixArgs.verdict);
  return {
    kind,
    ref: first !== undefined ? policyRef('networkpolicy', first) : at,
    verdict: 'drop',
    reason: d.reason,
    direction: d.direction,
    isolatingPolicies: d.isolatingPolicies,
    at,
    before: header,
    ...(fix !== undefined ? { fix } : {}),
  };
}

/**
 * Pushes one direction's policy hops: a `pass` hop per Admin Pass, then the deciding hop (see
 * `policyHop`). Returns the deciding hop, undefined when nothing decided.
 */
function pushPolicyHops(
  st: State,
  d: DirectionVerdict,
  at: string,
  fixArgs: { src: PolicyPeer; dst: PolicyPeer; port: number; protocol: Protocol; verdict: ConnectionVerdict },
  header: PacketHeader,
): Hop | undefined {
  if (d.enforced) st.hops.push(...passHops(d, at, header, 'policy'));
  const hop = policyHop(st, d, at, fixArgs, header);
  if (hop !== undefined) st.hops.push(hop);
  return hop;
}

function peerAt(peer: PolicyPeer): string {
  if (peer.kind === 'pod') return peer.podRef;
  if (peer.kind === 'node') return `node/${peer.nodeName}`;
  return 'internet';
}

/**
 * The last stretch to a pod: egress policy of the sender, the CNI path, ingress policy of the
 * receiver, the pod. Returns whether the pod accepts.
 */
function deliver(
  st: State,
  srcPeer: PolicyPeer,
  fromNode: { nodeName: string; ip: string } | undefined,
  pod: ClusterPod,
  port: number,
  protocol: Protocol,
  header: PacketHeader,
  viaService: boolean,
  finalHop?: (header: PacketHeader) => Hop,
): boolean {
  const dstPeer: PolicyPeer = { kind: 'pod', podRef: pod.ref };
  if (pod.ip === undefined || pod.nodeName === undefined || pod.phase === 'Pending') {
    st.hops.push({ kind: 'pod', ref: pod.ref, verdict: 'drop', reason: `${pod.namespace}/${pod.name} is Pending${pod.pendingReason !== undefined ? ` (${pod.pendingReason})` : ''}: it has no IP`, at: pod.ref, before: header });
    return false;
  }
  const verdict = evaluateConnection(st.cluster, srcPeer, dstPeer, port, protocol, { viaService });
  const fixArgs = { src: srcPeer, dst: dstPeer, port, protocol, verdict };
  const egress = pushPolicyHops(st, verdict.egress, peerAt(srcPeer), fixArgs, header);
  if (egress?.verdict === 'drop') return false;
  if (fromNode !== undefined) {
    st.hops.push(...traceNetworkPath(st.cluster, fromNode, { nodeName: pod.nodeName, ip: pod.ip }, header));
  } else {
    st.hops.push({
      kind: 'cni',
      ref: `node/${pod.nodeName}`,
      verdict: 'pass',
      reason: `the pod network is routable from the client (as with Calico BGP peering): routed to ${pod.nodeName}, then veth to ${pod.ip}, no address rewritten`,
      at: `node/${pod.nodeName}`,
      before: header,
    });
  }
  const ingress = pushPolicyHops(st, verdict.ingress, pod.ref, fixArgs, header);
  if (ingress?.verdict === 'drop') return false;
  const declared = pod.containerPorts.some((c) => c.containerPort === port && c.protocol === protocol);
  if (!declared && !pod.hostNetwork) {
    const note = `no container of ${pod.namespace}/${pod.name} declares ${protocol} ${port}: policies were evaluated on the number; whether a process listens is not known`;
    if (!st.notes.includes(note)) st.notes.push(note);
  }
  if (finalHop !== undefined) {
    st.hops.push(finalHop(header));
    return true;
  }
  st.hops.push({
    kind: 'pod',
    ref: pod.ref,
    verdict: 'pass',
    reason: `${pod.namespace}/${pod.name} (${pod.ip} on ${pod.nodeName}) receives ${protocol} ${port}${declared ? '' : ' (no container declares this port)'}`,
    at: pod.ref,
    before: header,
  });
  return true;
}

/** Splits candidate endpoints into those that would accept and those a policy stops. */
function classify(st: State, srcPeer: PolicyPeer, eps: readonly ServiceEndpoint[], viaService: boolean): { accepted: string[]; blocked: string[] } {
  const accepted: string[] = [];
  const blocked: string[] = [];
  for (const e of eps) {
    if (e.podRef === undefined) continue;
    const pod = findPod(st.cluster, e.podRef);
    if (pod === undefined) continue;
    const v = evaluateConnection(st.cluster, srcPeer, { kind: 'pod', podRef: e.podRef }, e.port, e.protocol, { viaService });
    (v.allowed ? accepted : blocked).push(podName(e.podRef));
  }
  return { accepted, blocked };
}

/** Whether one endpoint would take the connection (a known pod: both policy directions; an address: the sender's egress). */
function endpointAccepts(st: State, srcPeer: PolicyPeer, e: ServiceEndpoint, viaService: boolean): boolean {
  if (e.podRef !== undefined) {
    const pod = findPod(st.cluster, e.podRef);
    if (pod === undefined || pod.ip === undefined || pod.phase === 'Pending') return false;
    return evaluateConnection(st.cluster, srcPeer, { kind: 'pod', podRef: e.podRef }, e.port, e.protocol, { viaService }).allowed;
  }
  return evaluateConnection(st.cluster, srcPeer, { kind: 'external', ip: e.ip }, e.port, e.protocol).egress.allowed;
}

/**
 * The endpoint the trace follows. With a seed in the query: exactly what the balancer picks for
 * it. Without: the balancer may pick any endpoint, and the trace follows the first one (from the
 * seed-0 pick on) that accepts, so `allow` and the hops agree; `note` says so when some would not.
 */
function chooseEndpoint(
  st: State,
  srcPeer: PolicyPeer,
  endpoints: readonly ServiceEndpoint[],
  clientIP: string,
  sessionAffinity: 'None' | 'ClientIP',
  balancer: string,
  viaService: boolean,
): { picked: ServiceEndpoint; note?: string } {
  const first = pickEndpoint(endpoints, st.seed, clientIP, sessionAffinity)!;
  if (st.seeded || endpoints.length < 2) return { picked: first };
  const start = Math.max(0, endpoints.indexOf(first));
  const order = [...endpoints.slice(start), ...endpoints.slice(0, start)];
  const accepting = order.filter((e) => endpointAccepts(st, srcPeer, e, viaService));
  if (accepting.length === 0 || accepting.length === endpoints.length) return { picked: first };
  return {
    picked: accepting[0]!,
    note: `${balancer} may pick any of ${endpoints.length} endpoints; following one that accepts (${endpoints.length - accepting.length} of them would drop the connection)`,
  };
}

/** An endpoint that is an address without a pod (EndpointSlice given by hand). */
function deliverToAddress(st: State, srcPeer: PolicyPeer, e: ServiceEndpoint, header: PacketHeader): boolean {
  const v = evaluateConnection(st.cluster, srcPeer, { kind: 'external', ip: e.ip }, e.port, e.protocol);
  const hop = pushPolicyHops(st, v.egress, peerAt(srcPeer), { src: srcPeer, dst: { kind: 'external', ip: e.ip }, port: e.port, protocol: e.protocol, verdict: v }, header);
  if (hop?.verdict === 'drop') return false;
  st.notes.push(`endpoint ${e.ip}:${e.port} is not a known pod: it is taken to answer`);
  return true;
}

// ---------------------------------------------------------------------------
// Destinations

function toPod(st: State, client: Client, namespace: string, name: string, portSpec: PortSpec, protocol: Protocol): Outcome {
  const ref = objectRef('pod', namespace, name);
  const pod = findPod(st.cluster, ref);
  if (pod === undefined) return { ...deny, error: `pod ${namespace}/${name} does not exist` };
  let port: number;
  if (typeof portSpec === 'string') {
    const cp = pod.containerPorts.find((c) => c.name === portSpec && c.protocol === protocol);
    if (cp === undefined) return { ...deny, error: `pod ${namespace}/${name} declares no ${protocol} port named "${portSpec}"` };
    port = cp.containerPort;
  } else port = portSpec;
  const header: PacketHeader = { srcIP: client.ip, dstIP: pod.ip ?? '?', dstPort: port, protocol };
  const fromNode = client.kind === 'external' || client.nodeName === undefined ? undefined : { nodeName: client.nodeName, ip: client.ip };
  const ok = deliver(st, client.peer, fromNode, pod, port, protocol, header, false);
  return ok ? { verdict: 'allow', endpoints: [podName(ref)] } : { verdict: 'deny', blocked: [podName(ref)] };
}

function findServicePort(
  service: ClusterService,
  portSpec: PortSpec,
  protocol: Protocol,
): { port?: ClusterServicePort; error?: string } {
  if (typeof portSpec === 'string') {
    const p = service.ports.find((x) => x.name === portSpec);
    return p !== undefined ? { port: p } : { error: `Service ${service.namespace}/${service.name} has no port named "${portSpec}"` };
  }
  const p = service.ports.find((x) => x.port === portSpec && x.protocol === protocol);
  return p !== undefined ? { port: p } : {};
}

function describePorts(service: ClusterService): string {
  return service.ports.map((p) => `${p.port}/${p.protocol}${p.name !== undefined ? ` (${p.name})` : ''}`).join(', ') || 'none';
}

/** Where a connection through a Service ended (for the ingress controller reached at its ClusterIP). */
interface Delivered {
  pod?: ClusterPod;
  accepted: boolean;
}

function toService(
  st: State,
  client: Client,
  namespace: string,
  name: string,
  portSpec: PortSpec,
  protocol: Protocol,
  finalHop?: (pod: ClusterPod, header: PacketHeader) => Hop,
  delivered?: Delivered,
): Outcome {
  const ref = objectRef('service', namespace, name);
  const service = findService(st.cluster, ref);
  if (service === undefined) return { ...deny, error: `Service ${namespace}/${name} does not exist` };
  const found = findServicePort(service, portSpec, protocol);
  if (found.error !== undefined) return { ...deny, error: found.error };
  const sent: PacketHeader = { srcIP: client.ip, dstIP: service.clusterIP ?? '<none>', dstPort: typeof portSpec === 'number' ? portSpec : (found.port?.port ?? 0), protocol };
  const drop = (reason: string, header: PacketHeader = sent): Outcome => {
    st.hops.push({ kind: 'service', ref, verdict: 'drop', reason, at: ref, before: header });
    return deny;
  };
  if (client.kind === 'external') {
    return drop(
      `a ClusterIP${service.clusterIP !== undefined ? ` (${service.clusterIP})` : ''} is only reachable inside the cluster: from outside use ${service.type === 'LoadBalancer' ? `loadbalancer/${namespace}/${name}` : service.type === 'NodePort' ? `nodeport/NODE:PORT` : 'a NodePort or LoadBalancer Service, or an Ingress'}`,
    );
  }
  if (service.type === 'ExternalName') {
    return drop(`ExternalName Service: no ClusterIP and no proxying; DNS answers with a CNAME to ${service.externalName ?? '(none)'} (use dns/${name}.${namespace}:PORT)`);
  }
  if (service.headless || service.clusterIP === undefined) return toHeadless(st, client, service, portSpec, protocol, found.port);
  const sp = found.port;
  const portNumber = typeof portSpec === 'number' ? portSpec : 0;
  if (sp === undefined) {
    return drop(
      `Service ${namespace}/${name} defines no port ${portNumber}/${protocol} (ports: ${describePorts(service)}): nothing listens on ${hostPort(service.clusterIP, portNumber)}, the connection is refused`,
      { srcIP: client.ip, dstIP: service.clusterIP, dstPort: portNumber, protocol },
    );
  }
  const header0: PacketHeader = { srcIP: client.ip, dstIP: service.clusterIP, dstPort: sp.port, protocol: sp.protocol };
  const ready = readyEndpoints(service, sp);
  const selected = selectEndpoints(st.cluster, service, sp, { ...(client.nodeName !== undefined ? { clientNode: client.nodeName } : {}), external: false });
  const excluded = ready.filter((e) => !selected.endpoints.includes(e)).flatMap((e) => (e.podRef !== undefined ? [podName(e.podRef)] : []));
  st.hops.push({
    kind: 'service',
    ref,
    verdict: 'pass',
    reason: `ClusterIP ${hostPort(service.clusterIP, sp.port)} → targetPort ${sp.targetPort}; ${ready.length} ready endpoint${ready.length === 1 ? '' : 's'}`,
    at: ref,
    before: header0,
  });
  const nodeAt = client.nodeName !== undefined ? `node/${client.nodeName}` : ref;
  if (selected.endpoints.length === 0) {
    st.hops.push({
      kind: 'kube-proxy',
      ref,
      verdict: 'drop',
      reason: `kube-proxy: ${selected.reason}`,
      at: nodeAt,
      before: header0,
    });
    return { verdict: 'deny', blocked: excluded };
  }
  const { accepted, blocked } = classify(st, client.peer, selected.endpoints, true);
  const choice = chooseEndpoint(st, client.peer, selected.endpoints, client.ip, service.sessionAffinity, 'kube-proxy', true);
  const picked = choice.picked;
  const header1: PacketHeader = { ...header0, dstIP: picked.ip, dstPort: picked.port, protocol: picked.protocol };
  st.hops.push({
    kind: 'kube-proxy',
    ref,
    verdict: 'pass',
    reason: `kube-proxy: DNAT ${hostPort(service.clusterIP, sp.port)} → ${hostPort(picked.ip, picked.port)} (${picked.podRef !== undefined ? podName(picked.podRef) : picked.ip}, one of ${selected.endpoints.length}${service.sessionAffinity === 'ClientIP' ? '; sessionAffinity: ClientIP keeps this client on it' : ''}${service.internalTrafficPolicy === 'Local' ? '; internalTrafficPolicy: Local' : ''})${choice.note !== undefined ? `; ${choice.note}` : ''}`,
    at: nodeAt,
    before: header0,
    after: header1,
  });
  const fromNode = client.nodeName !== undefined ? { nodeName: client.nodeName, ip: client.ip } : undefined;
  const pod = picked.podRef !== undefined ? findPod(st.cluster, picked.podRef) : undefined;
  if (pod !== undefined) {
    const ok = deliver(st, client.peer, fromNode, pod, picked.port, picked.protocol, header1, true, finalHop !== undefined ? (h) => finalHop(pod, h) : undefined);
    if (delivered !== undefined) {
      delivered.pod = pod;
      delivered.accepted = ok;
    }
  } else if (deliverToAddress(st, client.peer, picked, header1)) accepted.push(picked.ip);
  return { verdict: accepted.length > 0 ? 'allow' : 'deny', endpoints: accepted, blocked: [...blocked, ...excluded] };
}

/**
 * `service/NS/NAME:PORT` on a headless Service (clusterIP: None): there is no virtual IP, so the
 * client connects straight to one of the addresses DNS gives it, the Service's ready pods (all of
 * them with `publishNotReadyAddresses`), as `curl NAME.NS:PORT` in a pod does. No kube-proxy: a
 * port number is used as is (no targetPort translation); a port name is looked up as an SRV
 * record, which carries each endpoint's own port.
 */
function toHeadless(st: State, client: Client, service: ClusterService, portSpec: PortSpec, protocol: Protocol, servicePort: ClusterServicePort | undefined): Outcome {
  const addresses = headlessTargets(service).filter((t) => t.podRef !== undefined);
  const numbered = typeof portSpec === 'number';
  const sp = servicePort;
  const endpointPort = (podRef: string): number | undefined =>
    numbered ? portSpec : sp === undefined ? undefined : endpointsOfPort(service, sp).find((e) => e.podRef === podRef)?.port;
  const which = service.publishNotReadyAddresses ? 'every endpoint pod (publishNotReadyAddresses)' : 'its ready pods';
  const translation =
    numbered && sp !== undefined && typeof sp.targetPort === 'number' && sp.targetPort !== portSpec
      ? `; no kube-proxy, so port ${portSpec} is used as is (targetPort ${sp.targetPort} applies only to EndpointSlices and SRV records)`
      : '';
  const portText = numbered ? String(portSpec) : `${portSpec} (SRV: each endpoint's port)`;
  if (addresses.length === 0) {
    st.hops.push({ kind: 'service', ref: service.ref, verdict: 'drop', reason: `headless Service (clusterIP: None): no virtual IP, and DNS has no A record: no ${service.publishNotReadyAddresses ? '' : 'ready '}endpoint pod; the name does not resolve`, at: service.ref });
    return deny;
  }
  st.hops.push({
    kind: 'service',
    ref: service.ref,
    verdict: 'pass',
    reason: `headless Service (clusterIP: None): no virtual IP; DNS answers ${service.name}.${service.namespace} with the IPs of ${which} (${addresses.length}), and the client connects straight to one on ${portText}${translation}`,
    at: service.ref,
  });
  const targets = addresses.map((t) => ({ ref: t.podRef!, pod: findPod(st.cluster, t.podRef!), port: endpointPort(t.podRef!) }));
  return connectToAddresses(st, client, targets, protocol, `no pod behind headless Service ${service.namespace}/${service.name} has port ${String(portSpec)}/${protocol}`);
}

/**
 * In through a node's NodePort (directly, or from a cloud load balancer): kube-proxy picks an
 * endpoint, SNATs to the node IP for `externalTrafficPolicy: Cluster`, keeps the client IP for
 * `Local` (and drops on a node without a local endpoint).
 */
function viaNodePort(
  st: State,
  client: Client,
  service: ClusterService,
  sp: ClusterServicePort,
  node: ClusterNode,
  header: PacketHeader,
  finalHop?: (pod: ClusterPod, header: PacketHeader) => Hop,
): { outcome: Outcome; pod?: ClusterPod; srcPeer?: PolicyPeer; accepted: boolean } {
  const ready = readyEndpoints(service, sp);
  const selected = selectEndpoints(st.cluster, service, sp, { viaNode: node.name, external: true });
  const local = service.externalTrafficPolicy === 'Local';
  const excluded = ready.filter((e) => !selected.endpoints.includes(e)).flatMap((e) => (e.podRef !== undefined ? [podName(e.podRef)] : []));
  if (selected.endpoints.length === 0) {
    st.hops.push({
      kind: 'node',
      ref: node.ref,
      verdict: 'drop',
      reason: `kube-proxy, NodePort ${sp.nodePort ?? '?'}: ${selected.reason}`,
      at: node.ref,
      before: header,
    });
    return { outcome: { verdict: 'deny', blocked: excluded }, accepted: false };
  }
  const srcPeer: PolicyPeer = local ? client.peer : { kind: 'node', nodeName: node.name, ip: node.ip };
  const srcIP = local ? client.ip : node.ip;
  const choice = chooseEndpoint(st, srcPeer, selected.endpoints, client.ip, service.sessionAffinity, 'kube-proxy', true);
  const picked = choice.picked;
  const after: PacketHeader = { srcIP, dstIP: picked.ip, dstPort: picked.port, protocol: picked.protocol };
  st.hops.push({
    kind: 'node',
    ref: node.ref,
    verdict: 'pass',
    reason: `kube-proxy: NodePort ${sp.nodePort ?? '?'} → endpoint ${hostPort(picked.ip, picked.port)}${picked.podRef !== undefined ? ` (${podName(picked.podRef)})` : ''}, ${local ? 'client IP kept (externalTrafficPolicy: Local)' : `SNAT to node IP ${node.ip} (externalTrafficPolicy: Cluster)`}${choice.note !== undefined ? `; ${choice.note}` : ''}`,
    at: node.ref,
    before: header,
    after,
  });
  const { accepted, blocked } = classify(st, srcPeer, selected.endpoints, true);
  const pod = picked.podRef !== undefined ? findPod(st.cluster, picked.podRef) : undefined;
  let ok = false;
  if (pod !== undefined) {
    const last = finalHop !== undefined ? (h: PacketHeader) => finalHop(pod, h) : undefined;
    ok = deliver(st, srcPeer, { nodeName: node.name, ip: node.ip }, pod, picked.port, picked.protocol, after, true, last);
  }
  else if (deliverToAddress(st, srcPeer, picked, after)) {
    ok = true;
    accepted.push(picked.ip);
  }
  return {
    outcome: { verdict: accepted.length > 0 ? 'allow' : 'deny', endpoints: accepted, blocked: [...blocked, ...excluded] },
    ...(pod !== undefined ? { pod } : {}),
    srcPeer,
    accepted: ok,
  };
}

/** The Service whose NodePort `port`/`protocol` is (kube-proxy opens it on every node). */
function findNodePortService(cluster: Cluster, port: number, protocol: Protocol): { service: ClusterService; sp: ClusterServicePort } | undefined {
  for (const service of cluster.services) {
    if (service.type !== 'NodePort' && service.type !== 'LoadBalancer') continue;
    const sp = service.ports.find((p) => p.nodePort === port && p.protocol === protocol);
    if (sp !== undefined) return { service, sp };
  }
  return undefined;
}

function opensNodePort(cluster: Cluster, port: number, protocol: Protocol): boolean {
  return findNodePortService(cluster, port, protocol) !== undefined;
}

/**
 * A pod's own egress policy on the way to a NodePort (pushes the policy hop; false when it drops).
 * kube-proxy DNATs a NodePort only on the node that owns the address (`--dst-type LOCAL`), and
 * the CNI judges a pod's egress after that: to its own node's IP the policy sees the endpoint
 * pod on its targetPort (any endpoint kube-proxy may pick will do); to another node's IP it sees
 * that node's address on the NodePort.
 */
function nodePortEgressAllowed(st: State, client: Client, node: ClusterNode, service: ClusterService, sp: ClusterServicePort, header: PacketHeader): boolean {
  if (client.kind !== 'pod' || client.pod === undefined) return true;
  const candidates: { dst: PolicyPeer; port: number; protocol: Protocol }[] =
    node.name === client.nodeName
      ? selectEndpoints(st.cluster, service, sp, { viaNode: node.name, external: true }).endpoints.map((e) => ({
          dst: e.podRef !== undefined ? { kind: 'pod' as const, podRef: e.podRef } : { kind: 'external' as const, ip: e.ip },
          port: e.port,
          protocol: e.protocol,
        }))
      : [{ dst: { kind: 'node', nodeName: node.name, ip: node.ip }, port: header.dstPort, protocol: header.protocol }];
  if (candidates.length === 0) return true;
  const judged = candidates.map((c) => ({ ...c, v: evaluateConnection(st.cluster, client.peer, c.dst, c.port, c.protocol) }));
  const chosen = judged.find((j) => j.v.egress.allowed) ?? judged[0]!;
  const hop = pushPolicyHops(st, chosen.v.egress, client.at, { src: client.peer, dst: chosen.dst, port: chosen.port, protocol: chosen.protocol, verdict: chosen.v }, header);
  return hop?.verdict !== 'drop';
}

function toNodePort(st: State, client: Client, nodeName: string, port: number, protocol: Protocol): Outcome {
  const node = findNode(st.cluster, nodeName);
  if (node === undefined) return { ...deny, error: `node ${nodeName} does not exist (nodes: ${st.cluster.nodes.map((n) => n.name).join(', ')})` };
  const header: PacketHeader = { srcIP: client.ip, dstIP: node.ip, dstPort: port, protocol };
  const found = findNodePortService(st.cluster, port, protocol);
  if (found !== undefined) {
    if (!nodePortEgressAllowed(st, client, node, found.service, found.sp, header)) return { verdict: 'deny' };
    return viaNodePort(st, client, found.service, found.sp, node, header).outcome;
  }
  st.hops.push({
    kind: 'node',
    ref: node.ref,
    verdict: 'drop',
    reason: `no Service opens NodePort ${port}/${protocol}: nothing listens on ${hostPort(node.ip, port)}`,
    at: node.ref,
    before: header,
  });
  return deny;
}

/** The cloud load balancer: external IP → a node's NodePort (health checks skip nodes without local endpoints for `Local`). */
function viaLoadBalancer(
  st: State,
  client: Client,
  service: ClusterService,
  sp: ClusterServicePort,
  finalHop?: (pod: ClusterPod, header: PacketHeader) => Hop,
): ReturnType<typeof viaNodePort> {
  const lbAt = `loadbalancer/${service.namespace}/${service.name}`;
  const lbIP = service.loadBalancerIPs[0];
  if (lbIP === undefined) {
    st.hops.push({
      kind: 'loadbalancer',
      ref: service.ref,
      verdict: 'drop',
      reason: `the LoadBalancer has no external IP (<pending>)${service.loadBalancerPendingReason !== undefined ? `: ${service.loadBalancerPendingReason}` : ''}`,
      at: service.ref,
    });
    return { outcome: deny, accepted: false };
  }
  const header: PacketHeader = { srcIP: client.ip, dstIP: lbIP, dstPort: sp.port, protocol: sp.protocol };
  const ready = readyEndpoints(service, sp);
  const local = service.externalTrafficPolicy === 'Local';
  const eligible = local ? st.cluster.nodes.filter((n) => ready.some((e) => e.nodeName === n.name)) : st.cluster.nodes;
  if (sp.nodePort === undefined || eligible.length === 0) {
    st.hops.push({
      kind: 'loadbalancer',
      ref: service.ref,
      verdict: 'drop',
      reason:
        sp.nodePort === undefined
          ? `port ${sp.port} has no NodePort for the load balancer to forward to`
          : ready.length === 0
            ? `no ready endpoints: every node fails the health check, the load balancer has nowhere to send`
            : `externalTrafficPolicy: Local: no node runs an endpoint, every node fails the health check`,
      at: lbAt,
      before: header,
    });
    return { outcome: deny, accepted: false };
  }
  let node = eligible[Math.abs(Math.trunc(st.seed)) % eligible.length]!;
  let nodeNote = '';
  if (!st.seeded && eligible.length > 1) {
    // The node decides which pods can serve (Local: only its own endpoints) and what source
    // they see (Cluster: the node's IP, which policies and the own-node rule judge). Without a
    // seed, follow a node through which some endpoint accepts.
    const accepts = (n: ClusterNode): boolean => {
      const srcPeer: PolicyPeer = local ? client.peer : { kind: 'node', nodeName: n.name, ip: n.ip };
      return selectEndpoints(st.cluster, service, sp, { viaNode: n.name, external: true }).endpoints.some((e) => endpointAccepts(st, srcPeer, e, true));
    };
    const start = eligible.indexOf(node);
    const better = [...eligible.slice(start), ...eligible.slice(0, start)].find(accepts);
    if (better !== undefined && better !== node) {
      node = better;
      nodeNote = `; the load balancer may pick any of ${eligible.length} nodes; following one through which an endpoint accepts`;
    }
  }
  const after: PacketHeader = { ...header, dstIP: node.ip, dstPort: sp.nodePort };
  st.hops.push({
    kind: 'loadbalancer',
    ref: service.ref,
    verdict: 'pass',
    reason: `external IP ${hostPort(lbIP, sp.port)} → ${node.name} NodePort ${sp.nodePort}${local ? ' (externalTrafficPolicy: Local: health checks keep only nodes with a local endpoint)' : ''}${nodeNote}`,
    at: lbAt,
    before: header,
    after,
  });
  const via = viaNodePort(st, client, service, sp, node, after, finalHop);
  // The load balancer may send the connection to any eligible node: every pod reachable through
  // one of them could serve it (the source each pod sees, and so its policies, depend on the node).
  const accepted = new Set(via.outcome.endpoints ?? []);
  const seen = new Set([...accepted, ...(via.outcome.blocked ?? [])]);
  for (const other of eligible) {
    if (other === node) continue;
    const eps = selectEndpoints(st.cluster, service, sp, { viaNode: other.name, external: true }).endpoints;
    const srcPeer: PolicyPeer = local ? client.peer : { kind: 'node', nodeName: other.name, ip: other.ip };
    const c = classify(st, srcPeer, eps, true);
    for (const a of c.accepted) accepted.add(a);
    for (const b of c.blocked) seen.add(b);
  }
  if (accepted.size === (via.outcome.endpoints ?? []).length && seen.size === accepted.size + (via.outcome.blocked ?? []).length) return via;
  const endpoints = [...accepted];
  const blocked = [...seen].filter((x) => !accepted.has(x));
  return { ...via, outcome: { ...via.outcome, verdict: endpoints.length > 0 ? 'allow' : 'deny', endpoints, blocked } };
}

function toLoadBalancer(st: State, client: Client, namespace: string, name: string, portSpec: PortSpec, protocol: Protocol): Outcome {
  const ref = objectRef('service', namespace, name);
  const service = findService(st.cluster, ref);
  if (service === undefined) return { ...deny, error: `Service ${namespace}/${name} does not exist` };
  const found = findServicePort(service, portSpec, protocol);
  if (found.error !== undefined) return { ...deny, error: found.error };
  if (service.type !== 'LoadBalancer') {
    st.hops.push({ kind: 'loadbalancer', ref, verdict: 'drop', reason: `Service ${namespace}/${name} is type ${service.type}, not LoadBalancer: it has no external IP`, at: ref });
    return deny;
  }
  if (found.port === undefined) {
    st.hops.push({
      kind: 'loadbalancer',
      ref,
      verdict: 'drop',
      reason: `the load balancer of ${namespace}/${name} listens on ${describePorts(service)}, not ${String(portSpec)}/${protocol}`,
      at: service.loadBalancerIPs.length > 0 ? `loadbalancer/${namespace}/${name}` : ref,
    });
    return deny;
  }
  return viaLoadBalancer(st, client, service, found.port).outcome;
}

/** The path of an absolute URL (`https://host/a/b` → `/a/b`). */
function pathOfUrl(url: string): string | undefined {
  const m = /^[a-z]+:\/\/[^/]*(\/[^?#]*)?/i.exec(url);
  return m === null ? undefined : (m[1] ?? '/');
}

/**
 * An HTTP request from inside the cluster to a name the cluster DNS answers, or to an address
 * that belongs to the cluster: it never leaves the cluster. `curl
 * http://my-svc:8080/` in a pod asks kube-dns, then connects to the ClusterIP on the URL's port,
 * and kube-proxy DNATs to an endpoint. Undefined when the request leaves through the load balancer.
 */
function toHttpInside(st: State, client: Client, d: Extract<DestinationEndpoint, { kind: 'http' }>, redirectsLeft: number): Outcome | undefined {
  const cluster = st.cluster;
  const front = cluster.ingressController?.serviceRef;
  const frontService = front !== undefined ? findService(cluster, front) : undefined;
  // The tutorial's <NodeIP>:<NodePort> on the ingress controller's Service, from anywhere: the
  // controller receives the request there and routes it by the Ingress rules.
  const node = cluster.nodes.find((n) => n.ip === d.host);
  if (node !== undefined && frontService !== undefined && frontService.ports.some((p) => p.nodePort === d.port && p.protocol === 'TCP')) {
    return toHttp(st, client, d, redirectsLeft, { kind: 'nodeport', node });
  }
  if (client.kind === 'external') return undefined;
  if (frontService !== undefined && frontService.clusterIP === d.host) return toHttp(st, client, d, redirectsLeft, { kind: 'clusterip' });
  const http = (o: Outcome, backend?: string): Outcome =>
    o.error !== undefined ? o : { ...o, ...(o.verdict === 'allow' ? { status: 200 } : {}), ...(backend !== undefined ? { backend } : {}) };
  if (isIPv4(d.host)) {
    const front = cluster.ingressController?.serviceRef;
    const frontIPs = front !== undefined ? (findService(cluster, front)?.loadBalancerIPs ?? []) : [];
    const belongs =
      cluster.lookups.podByIP[d.host] !== undefined ||
      cluster.lookups.serviceByClusterIP[d.host] !== undefined ||
      cluster.nodes.some((n) => n.ip === d.host) ||
      cluster.services.some((s) => s.type === 'LoadBalancer' && s.loadBalancerIPs.includes(d.host));
    if (!belongs || frontIPs.includes(d.host)) return undefined;
    const svcIdx = cluster.lookups.serviceByClusterIP[d.host];
    const svc = svcIdx !== undefined ? cluster.services[svcIdx] : undefined;
    const backend = svc !== undefined && svc.ports.some((p) => p.port === d.port && p.protocol === 'TCP') ? `${svc.ref}:${d.port}` : undefined;
    return http(toIp(st, client, { kind: 'ip', ip: d.host, port: d.port, protocol: 'TCP' }), backend);
  }
  const answer = resolveDnsName(cluster, d.host, client.pod?.namespace);
  if (answer.rcode !== 'NOERROR') return undefined;
  st.notes.push(`${d.host} is a name the cluster DNS answers (${answer.fqdn ?? d.host}): the request stays inside the cluster, it does not go out through the load balancer`);
  const svc = answer.kind === 'service' && answer.serviceRef !== undefined ? findService(cluster, answer.serviceRef) : undefined;
  const backend = svc !== undefined && svc.ports.some((p) => p.port === d.port && p.protocol === 'TCP') ? `${svc.ref}:${d.port}` : undefined;
  if (answer.serviceRef !== undefined && answer.serviceRef === front && answer.kind === 'service') {
    // The controller's own Service name: DNS, its ClusterIP, then the Ingress rules.
    return toDns(st, client, { kind: 'dns', name: d.host, port: d.port, protocol: 'TCP' }, () => toHttp(st, client, d, redirectsLeft, { kind: 'clusterip' }));
  }
  const out = toDns(st, client, { kind: 'dns', name: d.host, port: d.port, protocol: 'TCP' });
  // An ExternalName answer leaves the cluster: what answers there is not known.
  return answer.kind === 'external-name' ? out : http(out, backend);
}

/** How an HTTP request reaches the ingress controller: its load balancer, a node's NodePort, or its ClusterIP (from inside). */
type HttpEntry = { readonly kind: 'loadbalancer' } | { readonly kind: 'nodeport'; readonly node: ClusterNode } | { readonly kind: 'clusterip' };

function toHttp(
  st: State,
  client: Client,
  d: Extract<DestinationEndpoint, { kind: 'http' }>,
  redirectsLeft: number,
  entry: HttpEntry = { kind: 'loadbalancer' },
): Outcome {
  if (entry.kind === 'loadbalancer') {
    const inside = toHttpInside(st, client, d, redirectsLeft);
    if (inside !== undefined) return inside;
  }
  const ctrl = st.cluster.ingressController;
  const url = `${d.scheme}://${d.host}${(d.scheme === 'http' && d.port === 80) || (d.scheme === 'https' && d.port === 443) ? '' : `:${d.port}`}${d.path}`;
  if (ctrl === undefined) {
    st.hops.push({ kind: 'ingress-controller', ref: 'internet', verdict: 'drop', reason: `no ingress controller runs in this cluster: nothing answers ${url}`, at: 'internet' });
    return deny;
  }
  const service = ctrl.serviceRef !== undefined ? findService(st.cluster, ctrl.serviceRef) : undefined;
  if (service === undefined) {
    st.hops.push({ kind: 'ingress-controller', ref: ctrl.podRefs[0] ?? 'internet', verdict: 'drop', reason: 'the ingress controller has no Service to receive traffic from outside', at: 'internet' });
    return deny;
  }
  const sp = service.ports.find((p) => (entry.kind === 'nodeport' ? p.nodePort : p.port) === d.port && p.protocol === 'TCP');
  if (sp === undefined) {
    st.hops.push({
      kind: 'loadbalancer',
      ref: service.ref,
      verdict: 'drop',
      reason: `the ingress controller's Service listens on ${describePorts(service)}, not ${d.port}`,
      at: service.type === 'LoadBalancer' && service.loadBalancerIPs.length > 0 ? `loadbalancer/${service.namespace}/${service.name}` : service.ref,
    });
    return deny;
  }
  if (entry.kind === 'loadbalancer' && service.type !== 'LoadBalancer') {
    st.hops.push({
      kind: 'loadbalancer',
      ref: service.ref,
      verdict: 'drop',
      reason: `the ingress controller's Service ${service.namespace}/${service.name} is type ${service.type}: no external IP for ${d.host}; use nodeport/NODE:${sp.nodePort ?? 'PORT'}`,
      at: service.ref,
    });
    return deny;
  }
  const route = resolveIngressRoute(st.cluster, { scheme: d.scheme, host: d.host, path: d.path });
  const tlsNote =
    d.scheme === 'https'
      ? route.tls
        ? `, terminates TLS for ${d.host}`
        : `, serves ${d.host} with its default (fake) certificate: no spec.tls lists it`
      : '';
  const controllerHop = (pod: ClusterPod, header: PacketHeader): Hop => ({
    kind: 'ingress-controller',
    ref: pod.ref,
    verdict: 'pass',
    reason: `ingress-nginx (${pod.namespace}/${pod.name}) receives ${d.scheme.toUpperCase()} for ${d.host}${tlsNote} and routes by host and path`,
    at: pod.ref,
    before: header,
  });
  let entered: { outcome: Outcome; pod?: ClusterPod; accepted: boolean };
  if (entry.kind === 'nodeport') {
    const header: PacketHeader = { srcIP: client.ip, dstIP: entry.node.ip, dstPort: d.port, protocol: 'TCP' };
    entered = nodePortEgressAllowed(st, client, entry.node, service, sp, header)
      ? viaNodePort(st, client, service, sp, entry.node, header, controllerHop)
      : { outcome: deny, accepted: false };
  } else if (entry.kind === 'clusterip') {
    const delivered: Delivered = { accepted: false };
    const outcome = toService(st, client, service.namespace, service.name, sp.port, 'TCP', controllerHop, delivered);
    entered = { outcome, ...(delivered.pod !== undefined ? { pod: delivered.pod } : {}), accepted: delivered.accepted };
  } else entered = viaLoadBalancer(st, client, service, sp, controllerHop);
  const ctrlPod = entered.pod;
  if (!entered.accepted || ctrlPod === undefined || ctrlPod.ip === undefined || ctrlPod.nodeName === undefined) {
    return { verdict: 'deny', blocked: entered.outcome.blocked ?? [] };
  }
  for (const a of route.notSimulated) {
    const note = `annotation ${a} is not simulated`;
    if (!st.notes.includes(note)) st.notes.push(note);
  }
  const reason = route.reasons.join('; ');
  const ingressAt = route.ingress ?? ctrlPod.ref;
  switch (route.outcome) {
    case 'no-controller':
      return deny;
    case 'redirect': {
      st.hops.push({ kind: 'ingress', ref: ingressAt, verdict: 'pass', reason, at: ingressAt });
      const status = route.status ?? 308;
      if (redirectsLeft > 0 && route.location !== undefined) {
        st.notes.push(`the controller answered ${status} → ${route.location}; the client follows it`);
        // 308: the same path over https; 301 (trailing slash): the new path, same scheme and port.
        const next = status === 308 ? { ...d, scheme: 'https' as const, port: 443 } : { ...d, path: pathOfUrl(route.location) ?? d.path };
        // A 308 moves to https on 443, which a NodePort entry does not listen on: the client asks again by name.
        return toHttp(st, client, next, redirectsLeft - 1, status === 308 && entry.kind === 'nodeport' ? { kind: 'loadbalancer' } : entry);
      }
      return { verdict: 'allow', status };
    }
    case 'not-found':
      st.hops.push({ kind: 'ingress', ref: ingressAt, verdict: 'pass', reason, at: ingressAt });
      return { verdict: 'allow', status: 404 };
    case 'resource':
      st.hops.push({ kind: 'ingress', ref: ingressAt, verdict: 'pass', reason, at: ingressAt });
      return { verdict: 'allow', status: 404 };
    case 'backend':
      break;
  }
  const target = route.service!;
  const backend = target.port !== undefined ? `${target.ref}:${target.port}` : undefined;
  const withBackend = (o: Outcome): Outcome => ({ ...o, ...(backend !== undefined ? { backend } : {}) });
  st.hops.push({
    kind: 'ingress',
    ref: ingressAt,
    verdict: 'pass',
    reason: `${reason} → ${target.ref.replace(/^service\//, 'Service ')}:${target.port ?? target.portName ?? '?'}`,
    at: ingressAt,
  });
  if (route.status === 503) return withBackend({ verdict: 'allow', status: 503 });
  const svc = findService(st.cluster, target.ref)!;
  const svcPort = svc.ports.find((p) => p.port === target.port);
  if (svc.type === 'ExternalName' || svcPort === undefined) {
    st.hops.push({ kind: 'service', ref: svc.ref, verdict: 'drop', reason: `ExternalName backends (proxying to ${svc.externalName ?? '?'}) are not simulated`, at: svc.ref });
    return withBackend(deny);
  }
  const eps = readyEndpoints(svc, svcPort);
  if (eps.length === 0) {
    st.hops.push({
      kind: 'service',
      ref: svc.ref,
      verdict: 'drop',
      reason: `Service ${svc.namespace}/${svc.name} has no ready endpoints for port ${svcPort.port}: ingress-nginx answers 503 Service Temporarily Unavailable`,
      at: svc.ref,
    });
    return withBackend({ verdict: 'allow', status: 503 });
  }
  const srcPeer: PolicyPeer = { kind: 'pod', podRef: ctrlPod.ref };
  // ingress-nginx sends to the endpoints' pod IPs itself, not through the Service's ClusterIP.
  const choice = chooseEndpoint(st, srcPeer, eps, ctrlPod.ip, svc.sessionAffinity, 'ingress-nginx', false);
  const picked = choice.picked;
  const header: PacketHeader = { srcIP: ctrlPod.ip, dstIP: picked.ip, dstPort: picked.port, protocol: picked.protocol };
  st.hops.push({
    kind: 'service',
    ref: svc.ref,
    verdict: 'pass',
    reason: `port ${svcPort.port} → targetPort ${svcPort.targetPort}; ${eps.length} ready endpoint${eps.length === 1 ? '' : 's'}; ingress-nginx proxies to an endpoint itself (${hostPort(picked.ip, picked.port)}), not through the ClusterIP, so kube-proxy is not involved${route.backendPath !== d.path ? `; the backend sees path ${route.backendPath}` : ''}${choice.note !== undefined ? `; ${choice.note}` : ''}`,
    at: svc.ref,
    after: header,
  });
  const { accepted, blocked } = classify(st, srcPeer, eps, false);
  const pod = picked.podRef !== undefined ? findPod(st.cluster, picked.podRef) : undefined;
  if (pod !== undefined) deliver(st, srcPeer, { nodeName: ctrlPod.nodeName, ip: ctrlPod.ip }, pod, picked.port, picked.protocol, header, false);
  else if (deliverToAddress(st, srcPeer, picked, header)) accepted.push(picked.ip);
  return withBackend({
    verdict: accepted.length > 0 ? 'allow' : 'deny',
    ...(accepted.length > 0 ? { status: 200 } : {}),
    endpoints: accepted,
    blocked,
  });
}

function toDns(
  st: State,
  client: Client,
  d: Extract<DestinationEndpoint, { kind: 'dns' }>,
  toResolvedService?: (service: ClusterService) => Outcome,
): Outcome {
  if (client.kind === 'external') {
    return { ...deny, error: `dns/${d.name}: names are resolved as a pod (or a node) resolves them with the cluster DNS; use a pod, workload or node source` };
  }
  const cluster = st.cluster;
  const dnsRef = cluster.dns.serviceRef;
  const dnsService = findService(cluster, dnsRef);
  const dnsPort = dnsService?.ports.find((p) => p.port === 53 && p.protocol === 'UDP');
  const answer = resolveDnsName(cluster, d.name, client.pod?.namespace);
  const query: PacketHeader = { srcIP: client.ip, dstIP: cluster.dns.ip, dstPort: 53, protocol: 'UDP' };
  const corePods = dnsService !== undefined && dnsPort !== undefined ? readyEndpoints(dnsService, dnsPort).filter((e) => e.podRef !== undefined) : [];
  if (corePods.length === 0) {
    st.hops.push({ kind: 'dns', ref: dnsRef, verdict: 'drop', reason: `kube-dns (${cluster.dns.ip}) has no ready CoreDNS pod: the query times out`, at: dnsRef, before: query });
    return deny;
  }
  const verdicts = corePods.map((e) => ({ e, v: evaluateConnection(cluster, client.peer, { kind: 'pod', podRef: e.podRef! }, 53, 'UDP') }));
  const ok = verdicts.find((x) => x.v.allowed);
  if (ok === undefined) {
    const first = verdicts[0]!;
    const d0 = !first.v.egress.allowed ? first.v.egress : first.v.ingress;
    if (d0.enforced) st.hops.push(...passHops(d0, dnsRef, query, 'dns'));
    const hop = policyHop(st, d0, d0.direction === 'egress' ? client.ref : first.e.podRef!, { src: client.peer, dst: { kind: 'pod', podRef: first.e.podRef! }, port: 53, protocol: 'UDP', verdict: first.v }, query, 'dns')!;
    st.hops.push({
      ...hop,
      at: dnsRef,
      reason: `the DNS query for ${d.name} (UDP 53 to kube-dns ${cluster.dns.ip}) is dropped: ${d0.reason}`,
    });
    return { verdict: 'deny', blocked: dnsTargets(st, answer.podRefs, answer.serviceRef, d.port) };
  }
  const eg = ok.v.egress;
  const by = eg.isolated && eg.enforced ? eg.allowedBy[0] : undefined;
  st.hops.push({
    kind: 'dns',
    ref: dnsRef,
    verdict: answer.rcode === 'NOERROR' ? 'pass' : 'drop',
    reason: `${answer.reason}${by !== undefined ? `; the query (UDP 53) is allowed by ${by.policy} egress rule ${by.rule}` : ''}`,
    ...(by !== undefined ? { policy: by.policy, rule: by.rule, direction: 'egress' as const, isolatingPolicies: eg.isolatingPolicies } : {}),
    at: dnsRef,
    before: query,
  });
  if (answer.rcode === 'NXDOMAIN') return deny;
  switch (answer.kind) {
    case 'service': {
      const svc = findService(cluster, answer.serviceRef!)!;
      return toResolvedService !== undefined ? toResolvedService(svc) : toService(st, client, svc.namespace, svc.name, d.port, d.protocol);
    }
    case 'headless-pod':
    case 'pod': {
      const pod = findPod(cluster, answer.podRef!)!;
      return toPod(st, client, pod.namespace, pod.name, d.port, d.protocol);
    }
    case 'headless': {
      if (answer.podRefs.length === 0) {
        st.hops.push({ kind: 'dns', ref: answer.serviceRef!, verdict: 'drop', reason: 'no A record: the headless Service has no ready pod', at: answer.serviceRef! });
        return deny;
      }
      const targets = answer.podRefs.map((ref) => {
        const pod = findPod(cluster, ref);
        const port = pod === undefined ? undefined : typeof d.port === 'number' ? d.port : pod.containerPorts.find((c) => c.name === d.port && c.protocol === d.protocol)?.containerPort;
        return { ref, pod, port };
      });
      return connectToAddresses(st, client, targets, d.protocol, `no pod behind ${d.name} declares a ${d.protocol} port named "${String(d.port)}"`);
    }
    case 'external-name':
    default: {
      const port = typeof d.port === 'number' ? d.port : 0;
      const v = evaluateConnection(cluster, client.peer, { kind: 'external', ip: '203.0.113.254' }, port, d.protocol);
      if (v.egress.isolated && v.egress.enforced) {
        // The CNAME's address is not known here: only a rule that admits every address on the
        // port (no `to`, or ipBlock 0.0.0.0/0 without except) surely lets the connection out.
        const everywhere = v.egress.allowedBy.find((r) => admitsEveryAddress(cluster, r.policy, r.rule));
        if (everywhere === undefined) {
          st.hops.push({
            kind: 'policy',
            ref: policyRef('networkpolicy', v.egress.isolatingPolicies[0] ?? ''),
            verdict: 'drop',
            reason: `${client.label} is isolated for egress, and ${answer.cname ?? d.name} is resolved outside the cluster: no egress rule admits every address on ${d.protocol} ${port}, and whether an ipBlock admits its address is not known here (treated as dropped)`,
            direction: 'egress',
            isolatingPolicies: v.egress.isolatingPolicies,
            at: client.at,
          });
          return deny;
        }
        st.hops.push({
          kind: 'policy',
          ref: policyRef('networkpolicy', everywhere.policy),
          verdict: 'pass',
          reason: `${client.label} is isolated for egress; ${everywhere.policy} egress rule ${everywhere.rule} admits every address on ${d.protocol} ${port}, so the connection to ${answer.cname ?? d.name} may leave`,
          policy: everywhere.policy,
          rule: everywhere.rule,
          direction: 'egress',
          isolatingPolicies: v.egress.isolatingPolicies,
          at: client.at,
        });
      }
      st.notes.push(`${d.name} is a CNAME to ${answer.cname ?? '?'}: the connection leaves the cluster (not simulated further)`);
      return { verdict: 'allow' };
    }
  }
}

/**
 * A client that got several pod addresses (a headless Service's A records) connects straight
 * to one of them: no virtual IP, no kube-proxy. The resolver gets every address; the client
 * takes one (the seed says which; without a seed, the trace follows one that accepts).
 * Targets without a pod or a port are skipped; none left: `noPortError`.
 */
function connectToAddresses(
  st: State,
  client: Client,
  targets: readonly { ref: string; pod: ClusterPod | undefined; port: number | undefined }[],
  protocol: Protocol,
  noPortError: string,
): Outcome {
  const accepted: string[] = [];
  const blocked: string[] = [];
  const seedChoice = targets[Math.abs(Math.trunc(st.seed)) % targets.length]?.ref;
  const candidates: { ref: string; pod: ClusterPod; port: number; allowed: boolean }[] = [];
  for (const { ref, pod, port } of targets) {
    if (pod === undefined || port === undefined) continue;
    const v = evaluateConnection(st.cluster, client.peer, { kind: 'pod', podRef: ref }, port, protocol);
    (v.allowed ? accepted : blocked).push(podName(ref));
    candidates.push({ ref, pod, port, allowed: v.allowed });
  }
  const seeded = candidates.find((c) => c.ref === seedChoice) ?? candidates[0];
  // With a seed the client uses that A record; without one, follow an address that accepts.
  const chosen = st.seeded || seeded?.allowed === true ? seeded : (candidates.find((c) => c.allowed) ?? seeded);
  if (!st.seeded && chosen !== seeded) {
    st.notes.push(`the client may use any of ${candidates.length} A records; following one that accepts (${blocked.length} would drop the connection)`);
  }
  if (chosen === undefined) return { ...deny, error: noPortError };
  const header: PacketHeader = { srcIP: client.ip, dstIP: chosen.pod.ip!, dstPort: chosen.port, protocol };
  deliver(st, client.peer, { nodeName: client.nodeName!, ip: client.ip }, chosen.pod, chosen.port, protocol, header, false);
  return { verdict: accepted.length > 0 ? 'allow' : 'deny', endpoints: accepted, blocked };
}

/** Whether egress rule `rule` of policy `NS/NAME` admits any destination address (its ports aside). */
function admitsEveryAddress(cluster: Cluster, policy: string, rule: number): boolean {
  const p = cluster.networkPolicies.find((x) => namespacedName(x.meta.namespace, x.meta.name) === policy);
  const r = p?.egress[rule];
  if (r === undefined) return false;
  return r.peers.length === 0 || r.peers.some((peer) => peer.ipBlock !== undefined && peer.ipBlock.cidr === '0.0.0.0/0' && peer.ipBlock.except.length === 0);
}

/** The pods a DNS name would have led to (for `blocked` when the query itself is dropped). */
function dnsTargets(st: State, podRefs: readonly string[], serviceRef: string | undefined, port: PortSpec): string[] {
  if (podRefs.length > 0) return podRefs.map(podName);
  if (serviceRef === undefined) return [];
  const svc = findService(st.cluster, serviceRef);
  const sp = svc?.ports.find((p) => (typeof port === 'number' ? p.port === port : p.name === port));
  if (svc === undefined || sp === undefined) return [];
  return readyEndpoints(svc, sp).flatMap((e) => (e.podRef !== undefined ? [podName(e.podRef)] : []));
}

function toIp(st: State, client: Client, d: Extract<DestinationEndpoint, { kind: 'ip' }>): Outcome {
  const cluster = st.cluster;
  const podIdx = cluster.lookups.podByIP[d.ip];
  if (podIdx !== undefined) {
    const pod = cluster.pods[podIdx]!;
    st.notes.push(`${d.ip} is the IP of pod ${pod.namespace}/${pod.name}`);
    return toPod(st, client, pod.namespace, pod.name, d.port, d.protocol);
  }
  const svcIdx = cluster.lookups.serviceByClusterIP[d.ip];
  if (svcIdx !== undefined) {
    const svc = cluster.services[svcIdx]!;
    st.notes.push(`${d.ip} is the ClusterIP of Service ${svc.namespace}/${svc.name}`);
    return toService(st, client, svc.namespace, svc.name, d.port, d.protocol);
  }
  const lb = cluster.services.find((s) => s.type === 'LoadBalancer' && s.loadBalancerIPs.includes(d.ip));
  if (lb !== undefined) {
    st.notes.push(`${d.ip} is the external IP of LoadBalancer ${lb.namespace}/${lb.name}`);
    return toLoadBalancer(st, client, lb.namespace, lb.name, d.port, d.protocol);
  }
  const node = cluster.nodes.find((n) => n.ip === d.ip);
  if (node !== undefined && opensNodePort(cluster, d.port, d.protocol)) {
    // The tutorial's <NodeIP>:<NodePort>: kube-proxy on that node answers, whoever sends.
    st.notes.push(`${d.ip} is node ${node.name}, and ${d.port}/${d.protocol} is a NodePort`);
    return toNodePort(st, client, node.name, d.port, d.protocol);
  }
  const header: PacketHeader = { srcIP: client.ip, dstIP: d.ip, dstPort: d.port, protocol: d.protocol };
  const dstPeer: PolicyPeer = node !== undefined ? { kind: 'node', nodeName: node.name, ip: node.ip } : { kind: 'external', ip: d.ip };
  if (client.kind === 'pod' && client.pod !== undefined) {
    const v = evaluateConnection(cluster, client.peer, dstPeer, d.port, d.protocol);
    const hop = pushPolicyHops(st, v.egress, client.at, { src: client.peer, dst: dstPeer, port: d.port, protocol: d.protocol, verdict: v }, header);
    if (hop?.verdict === 'drop') return deny;
    if (node !== undefined) {
      st.hops.push({ kind: 'node', ref: node.ref, verdict: 'pass', reason: `${d.ip} is node ${node.name}: a process in its host network receives ${d.protocol} ${d.port}`, at: node.ref, before: header });
      return { verdict: 'allow' };
    }
    const own = findNode(cluster, client.nodeName ?? '');
    const after: PacketHeader = { ...header, srcIP: own?.ip ?? header.srcIP };
    st.hops.push({
      kind: 'node',
      ref: own?.ref ?? client.ref,
      verdict: 'pass',
      reason: `leaving the pod network: ${own?.name ?? 'the node'} masquerades the source to its node IP ${own?.ip ?? '?'} (SNAT)`,
      at: own?.ref ?? client.at,
      before: header,
      after,
    });
    st.hops.push({ kind: 'client', ref: `ip/${d.ip}`, verdict: 'pass', reason: `reaches ${hostPort(d.ip, d.port)} outside the cluster`, at: 'internet', before: after });
    return { verdict: 'allow' };
  }
  if (node !== undefined) {
    st.hops.push({ kind: 'node', ref: node.ref, verdict: 'pass', reason: `${d.ip} is node ${node.name}: a process in its host network receives ${d.protocol} ${d.port} (no NetworkPolicy applies to the host network)`, at: node.ref, before: header });
    return { verdict: 'allow' };
  }
  st.hops.push({ kind: 'client', ref: `ip/${d.ip}`, verdict: 'pass', reason: `${d.ip} is outside the cluster: nothing in the cluster stands between ${client.label} and it`, at: 'internet', before: header });
  return { verdict: 'allow' };
}

// ---------------------------------------------------------------------------

function uniqSorted(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort();
}

/**
 * The packet as the client sends it, before anything rewrites it: for the hops that happen
 * before any address is known (a Pending source, a `<pending>` LoadBalancer, a missing controller).
 */
function intendedHeader(cluster: Cluster, client: Client, dst: Exclude<DestinationEndpoint, { kind: 'error' }>): PacketHeader {
  const srcIP = client.ip !== '' ? client.ip : '<none>';
  const num = (p: PortSpec): number => (typeof p === 'number' ? p : 0);
  switch (dst.kind) {
    case 'pod':
      return { srcIP, dstIP: findPod(cluster, objectRef('pod', dst.namespace, dst.name))?.ip ?? '<none>', dstPort: num(dst.port), protocol: dst.protocol };
    case 'service': {
      const svc = findService(cluster, objectRef('service', dst.namespace, dst.name));
      return { srcIP, dstIP: svc?.clusterIP ?? '<none>', dstPort: num(dst.port), protocol: dst.protocol };
    }
    case 'loadbalancer': {
      const svc = findService(cluster, objectRef('service', dst.namespace, dst.name));
      return { srcIP, dstIP: svc?.loadBalancerIPs[0] ?? '<pending>', dstPort: num(dst.port), protocol: dst.protocol };
    }
    case 'nodeport':
      return { srcIP, dstIP: findNode(cluster, dst.node)?.ip ?? '<none>', dstPort: dst.port, protocol: dst.protocol };
    case 'http': {
      const ref = cluster.ingressController?.serviceRef;
      const svc = ref !== undefined ? findService(cluster, ref) : undefined;
      return { srcIP, dstIP: svc?.loadBalancerIPs[0] ?? '<pending>', dstPort: dst.port, protocol: 'TCP' };
    }
    case 'dns':
      return { srcIP, dstIP: cluster.dns.ip, dstPort: 53, protocol: 'UDP' };
    case 'ip':
      return { srcIP, dstIP: dst.ip, dstPort: dst.port, protocol: dst.protocol };
  }
}

/**
 * Every hop records the packet as it arrives: a hop that does not rewrite or first see the
 * packet (the client, the Ingress rule, a drop before any address) gets the packet of the hop
 * before it (the client: the first packet of the trace).
 */
function fillAddresses(hops: readonly Hop[], intended: PacketHeader): Hop[] {
  let last: PacketHeader | undefined;
  const first = hops.find((h) => h.before !== undefined)?.before ?? intended;
  return hops.map((h) => {
    if (h.before !== undefined) {
      last = h.after ?? h.before;
      return h;
    }
    const before = last ?? first;
    last = h.after ?? before;
    return { ...h, before };
  });
}

/** With a CNI plugin that does not implement policy.networking.k8s.io, say its cluster policies are not applied. */
function noteClusterPoliciesNotEnforced(st: State): void {
  if (st.cluster.clusterPolicies.length === 0) return;
  const plugin = cniPlugin(st.cluster.settings.cni);
  if (plugin.enforcesClusterPolicy) return;
  st.notes.push(`${plugin.title} does not enforce cluster-scoped policies (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy): their Admin and Baseline rules are not applied, and traffic passes them`);
}

/**
 * Follows one query hop by hop.
 *
 * @example
 * const trace = traceQuery(cluster, { from: 'internet', to: 'http://example.com/api' });
 * trace.verdict // 'allow'
 * trace.backend // 'service/default/backend-service:8080'
 * trace.hops.map((h) => h.kind) // ['client', 'loadbalancer', 'node', 'cni', 'ingress-controller', 'ingress', 'service', 'cni', 'policy', 'pod']
 */
export function traceQuery(cluster: Cluster, query: Query): Trace {
  const base = { from: query.from, to: query.to };
  const fail = (error: string, hops: Hop[] = [], notes: string[] = []): Trace => ({ ...base, verdict: 'deny', endpoints: [], blocked: [], hops, notes, error });
  const src = parseSource(query.from);
  if (src.kind === 'error') return fail(src.error);
  const dst = parseDestination(query.to);
  if (dst.kind === 'error') return fail(dst.error);
  const client = resolveClient(cluster, src);
  if ('error' in client) return fail(client.error);
  const seeded = typeof query.seed === 'number' && Number.isFinite(query.seed);
  const st: State = { cluster, seed: seeded ? query.seed : 0, seeded, hops: [], notes: [] };

  if (client.kind === 'pod' && (client.pod?.ip === undefined || client.pod.phase === 'Pending')) {
    st.hops.push({ kind: 'client', ref: client.ref, verdict: 'drop', reason: `${client.label} is Pending${client.pod?.pendingReason !== undefined ? ` (${client.pod.pendingReason})` : ''}: it has no IP and sends nothing`, at: client.at });
    return { ...base, verdict: 'deny', endpoints: [], blocked: [], hops: fillAddresses(st.hops, intendedHeader(cluster, client, dst)), notes: st.notes };
  }
  st.hops.push({
    kind: 'client',
    ref: client.ref,
    verdict: 'pass',
    reason: `${client.kind === 'pod' ? `${client.label} sends from ${client.ip}` : `${client.label} sends`}${client.pod?.nodeName !== undefined ? ` on ${client.pod.nodeName}` : ''}${client.pod?.hostNetwork === true ? ' (host network: NetworkPolicy does not apply to it)' : ''}`,
    at: client.at,
  });

  let out: Outcome;
  switch (dst.kind) {
    case 'pod':
      out = toPod(st, client, dst.namespace, dst.name, dst.port, dst.protocol);
      break;
    case 'service':
      out = toService(st, client, dst.namespace, dst.name, dst.port, dst.protocol);
      break;
    case 'nodeport':
      out = toNodePort(st, client, dst.node, dst.port, dst.protocol);
      break;
    case 'loadbalancer':
      out = toLoadBalancer(st, client, dst.namespace, dst.name, dst.port, dst.protocol);
      break;
    case 'http':
      // At most two redirects are followed: a trailing-slash 301, then the TLS 308.
      out = toHttp(st, client, dst, 2);
      break;
    case 'dns':
      out = toDns(st, client, dst);
      break;
    case 'ip':
      out = toIp(st, client, dst);
      break;
  }
  if (out.error !== undefined) return fail(out.error, st.hops, st.notes);
  noteClusterPoliciesNotEnforced(st);
  const hops = fillAddresses(st.hops, intendedHeader(cluster, client, dst));
  const endpoints = uniqSorted(out.endpoints ?? []);
  const blocked = uniqSorted(out.blocked ?? []).filter((b) => !endpoints.includes(b));
  return {
    ...base,
    verdict: out.verdict,
    ...(out.status !== undefined ? { status: out.status } : {}),
    ...(out.backend !== undefined ? { backend: out.backend } : {}),
    endpoints,
    blocked,
    hops,
    notes: st.notes,
  };
}
