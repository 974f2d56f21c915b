/**
 * The shared last stretch of every destination: endpoints → the one the balancer picks for the
 * seed → the sender's egress policy, the node and CNI hops, the receiver's ingress policy → the
 * pod. Each destination module says how the packet reached the endpoints (kube-proxy, a
 * NodePort, a proxy such as ingress-nginx or a Gateway) and hands the rest to `forwardToEndpoint`.
 */
import type { ClusterPod, ConnectionVerdict, DirectionVerdict, Hop, PacketHeader, PolicyPeer, Protocol, ServiceEndpoint } from '../types';
import { policyRef } from '../refs';
import { clusterDecisionHop, isClusterDecision, passHops } from './policy-hops';
import { evaluateConnection, pickEndpoint, suggestFix, traceNetworkPath } from './routing-deps';
import { findPod, podName, type State } from './state';


/**
 * The verdicts of one trace, by source, pod, port, protocol and Service flag: the endpoints are
 * judged to classify them, to choose one and to deliver to it, and the same pair must not be
 * evaluated again each time. Keyed on the trace's State, so it lives as long as one trace.
 */
const podVerdictsOfTrace = new WeakMap<State, Map<string, ConnectionVerdict>>();

/** `evaluateConnection` to a pod, once per trace for the same arguments. */
function judgePod(st: State, srcPeer: PolicyPeer, podRef: string, port: number, protocol: Protocol, viaService: boolean): ConnectionVerdict {
  let memo = podVerdictsOfTrace.get(st);
  if (memo === undefined) {
    memo = new Map();
    podVerdictsOfTrace.set(st, memo);
  }
  const key = JSON.stringify([srcPeer, podRef, port, protocol, viaService]);
  let v = memo.get(key);
  if (v === undefined) {
    v = evaluateConnection(st.cluster, srcPeer, { kind: 'pod', podRef }, port, protocol, { viaService });
    memo.set(key, v);
  }
  return v;
}

/**
 * One policy hop for one direction, or none when the pod is not isolated in that direction
 * (nothing to show: a non-isolated direction allows everything).
 */
export function policyHop(
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
export function pushPolicyHops(
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

export function peerAt(peer: PolicyPeer): string {
  if (peer.kind === 'pod') return peer.podRef;
  if (peer.kind === 'node') return `node/${peer.nodeName}`;
  return 'internet';
}

/**
 * The last stretch to a pod: egress policy of the sender, the CNI path, ingress policy of the
 * receiver, the pod. Returns whether the pod accepts.
 */
export function deliver(
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
  const verdict = judgePod(st, srcPeer, pod.ref, port, protocol, viaService);
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
export function classify(st: State, srcPeer: PolicyPeer, eps: readonly ServiceEndpoint[], viaService: boolean): { accepted: string[]; blocked: string[] } {
  const accepted: string[] = [];
  const blocked: string[] = [];
  for (const e of eps) {
    if (e.podRef === undefined) continue;
    const pod = findPod(st.cluster, e.podRef);
    if (pod === undefined) continue;
    const v = judgePod(st, srcPeer, e.podRef, e.port, e.protocol, viaService);
    (v.allowed ? accepted : blocked).push(podName(e.podRef));
  }
  return { accepted, blocked };
}

/** Whether one endpoint would take the connection (a known pod: both policy directions; an address: the sender's egress). */
export function endpointAccepts(st: State, srcPeer: PolicyPeer, e: ServiceEndpoint, viaService: boolean): boolean {
  if (e.podRef !== undefined) {
    const pod = findPod(st.cluster, e.podRef);
    if (pod === undefined || pod.ip === undefined || pod.phase === 'Pending') return false;
    return judgePod(st, srcPeer, e.podRef, e.port, e.protocol, viaService).allowed;
  }
  return evaluateConnection(st.cluster, srcPeer, { kind: 'external', ip: e.ip }, e.port, e.protocol).egress.allowed;
}

/**
 * The endpoint the trace follows. With a seed in the query: exactly what the balancer picks for
 * it. Without: the balancer may pick any endpoint, and the trace follows the first one (from the
 * seed-0 pick on) that accepts, so `allow` and the hops agree; `note` says so when some would not.
 */
export function chooseEndpoint(
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
export function deliverToAddress(st: State, srcPeer: PolicyPeer, e: ServiceEndpoint, header: PacketHeader): boolean {
  const v = evaluateConnection(st.cluster, srcPeer, { kind: 'external', ip: e.ip }, e.port, e.protocol);
  const hop = pushPolicyHops(st, v.egress, peerAt(srcPeer), { src: srcPeer, dst: { kind: 'external', ip: e.ip }, port: e.port, protocol: e.protocol, verdict: v }, header);
  if (hop?.verdict === 'drop') return false;
  st.notes.push(`endpoint ${e.ip}:${e.port} is not a known pod: it is taken to answer`);
  return true;
}


/** How one destination hands its endpoints to `forwardToEndpoint`. */
export interface Forwarding {
  /** The source the endpoint pods see (after any SNAT or proxy): their policies judge it. */
  readonly srcPeer: PolicyPeer;
  /** Where the packet sets off towards the pod (a node, or a proxy pod's node); absent: routed from outside (pod network routable). */
  readonly fromNode?: { readonly nodeName: string; readonly ip: string };
  /** The candidate endpoints, in the balancer's order. */
  readonly endpoints: readonly ServiceEndpoint[];
  /** The address session affinity keys on. */
  readonly clientIP: string;
  readonly sessionAffinity: 'None' | 'ClientIP';
  /** Who picks (`kube-proxy`, `ingress-nginx`, a Gateway), for the note when the trace follows another endpoint. */
  readonly balancer: string;
  /** True when kube-proxy translated a Service address on the way (policies judge the pod port either way). */
  readonly viaService: boolean;
  /** The hop that picks the endpoint (the DNAT, the NodePort, the proxy), and the packet as it leaves that hop. */
  readonly choiceHop: (picked: ServiceEndpoint, note: string | undefined) => { readonly hop: Hop; readonly header: PacketHeader };
  /** Replaces the final `pod` hop (a proxy that receives the connection, such as the ingress controller). */
  readonly finalHop?: (pod: ClusterPod, header: PacketHeader) => Hop;
}

export interface Forwarded {
  /** Every candidate that would accept (`NS/POD`, or the address of an endpoint without a pod). */
  readonly accepted: string[];
  /** Every candidate pod a policy stops. */
  readonly blocked: string[];
  /** The endpoint pod the trace followed, when it is a pod. */
  readonly pod?: ClusterPod;
  /** Whether the followed endpoint took the connection. */
  readonly delivered: boolean;
}

/**
 * The one forwarding step every destination shares: endpoints → the one the balancer picks for
 * the seed (or, without a seed, one that accepts) → the choice hop → policy, node and CNI hops →
 * delivered or dropped. Returns which candidates accept and which a policy stops.
 */
export function forwardToEndpoint(st: State, f: Forwarding): Forwarded {
  const { accepted, blocked } = classify(st, f.srcPeer, f.endpoints, f.viaService);
  const choice = chooseEndpoint(st, f.srcPeer, f.endpoints, f.clientIP, f.sessionAffinity, f.balancer, f.viaService);
  const picked = choice.picked;
  const { hop, header } = f.choiceHop(picked, choice.note);
  st.hops.push(hop);
  const pod = picked.podRef !== undefined ? findPod(st.cluster, picked.podRef) : undefined;
  if (pod !== undefined) {
    const last = f.finalHop !== undefined ? (h: PacketHeader) => f.finalHop!(pod, h) : undefined;
    const delivered = deliver(st, f.srcPeer, f.fromNode, pod, picked.port, picked.protocol, header, f.viaService, last);
    return { accepted, blocked, pod, delivered };
  }
  const delivered = deliverToAddress(st, f.srcPeer, picked, header);
  if (delivered) accepted.push(picked.ip);
  return { accepted, blocked, delivered };
}
