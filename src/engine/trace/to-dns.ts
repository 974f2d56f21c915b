/** `dns/NAME:PORT`: the query to kube-dns (and its policies), then the connection to what it answers. */
import type { Cluster, ClusterService, PacketHeader } from '../types';
import { namespacedName, policyRef } from '../refs';
import type { DestinationEndpoint, PortSpec } from './query';
import { resolveDnsName } from '../routing/dns';
import { passHops } from './policy-hops';
import { policyHop } from './forward';
import { evaluateConnection } from './routing-deps';
import { connectToAddresses, toService } from './to-service';
import { toPod } from './to-pod';
import { deny, findPod, findService, podName, readyEndpoints, type Client, type Outcome, type State } from './state';

export function toDns(
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


export function admitsEveryAddress(cluster: Cluster, policy: string, rule: number): boolean {
  const p = cluster.networkPolicies.find((x) => namespacedName(x.meta.namespace, x.meta.name) === policy);
  const r = p?.egress[rule];
  if (r === undefined) return false;
  return r.peers.length === 0 || r.peers.some((peer) => peer.ipBlock !== undefined && peer.ipBlock.cidr === '0.0.0.0/0' && peer.ipBlock.except.length === 0);
}

/** The pods a DNS name would have led to (for `blocked` when the query itself is dropped). */
export function dnsTargets(st: State, podRefs: readonly string[], serviceRef: string | undefined, port: PortSpec): string[] {
  if (podRefs.length > 0) return podRefs.map(podName);
  if (serviceRef === undefined) return [];
  const svc = findService(st.cluster, serviceRef);
  const sp = svc?.ports.find((p) => (typeof port === 'number' ? p.port === port : p.name === port));
  if (svc === undefined || sp === undefined) return [];
  return readyEndpoints(svc, sp).flatMap((e) => (e.podRef !== undefined ? [podName(e.podRef)] : []));
}

