/**
 * An address no Service, load balancer or pod owns: a node's host network, or a place outside
 * the cluster (egress to the world, where `ipBlock` rules apply).
 */
import type { ClusterNode, PacketHeader, PolicyPeer } from '../types';
import type { DestinationEndpoint } from './query';
import { pushPolicyHops } from './forward';
import { evaluateConnection } from './routing-deps';
import { deny, findNode, hostPort, type Client, type Outcome, type State } from './state';

export function toExternal(st: State, client: Client, d: Extract<DestinationEndpoint, { kind: 'ip' }>, node: ClusterNode | undefined): Outcome {
  const cluster = st.cluster;
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
