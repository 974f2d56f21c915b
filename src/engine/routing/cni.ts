/**
 * The CNI plugin's part of a packet's way between two pods (or a pod and a node).
 *
 * - Same node: pod eth0 → its veth → the host side → the other pod's veth. Flannel and Weave
 *   join the veths on a Linux bridge (`cni0`, `weave`); Calico has no bridge: every pod has a
 *   /32 route to its `cali*` veth and the host routes between them; Cilium has no bridge
 *   either: eBPF programs on the `lxc*` veths redirect the packet.
 * - Across nodes: Calico (BGP mode, nodes on one network) routes the pod subnet to the peer
 *   node as learned over BGP, no encapsulation; Flannel and Cilium wrap the packet in VXLAN
 *   (UDP 8472, the Linux default they both use), Weave's fast datapath in VXLAN on UDP 6784.
 *   The outer header runs node IP → node IP.
 * - Traffic to a node's own IP (host network) crosses the underlay as is, with every plugin.
 */
import type { Cluster, ClusterNode, Hop, PacketHeader } from '../types';
import { cniPlugin } from '../cni-plugins';
import { clusterRef } from '../refs';

function cniHop(node: string, reason: string, before: PacketHeader, after: PacketHeader): Hop {
  return { kind: 'cni', ref: clusterRef('node', node), verdict: 'pass', reason, before, after, at: clusterRef('node', node) };
}

/**
 * The CNI hops from one address to another: one hop on the same node, two across nodes (the
 * sending node, with the outer header an overlay adds, and the receiving node, which removes it).
 *
 * @example
 * traceNetworkPath(cluster, { nodeName: 'node-1', ip: '10.244.0.2' }, { nodeName: 'node-3', ip: '10.244.2.2' }, header)
 * // flannel: [{ at: 'node/node-1', after: { ..., outer: { srcIP: '192.168.0.11', dstIP: '192.168.0.13', dstPort: 8472, ... } } }, { at: 'node/node-3', ... }]
 */
export function traceNetworkPath(
  cluster: Cluster,
  from: { nodeName: string; ip: string },
  to: { nodeName: string; ip: string },
  header: PacketHeader,
): Hop[] {
  const plugin = cniPlugin(cluster.settings.cni);
  const find = (name: string): ClusterNode | undefined => {
    const i = cluster.lookups.nodeByName[name];
    return i === undefined ? undefined : cluster.nodes[i];
  };
  const src = find(from.nodeName);
  const dst = find(to.nodeName);
  const fromHost = src !== undefined && from.ip === src.ip;
  const toHost = dst !== undefined && to.ip === dst.ip;
  const side = plugin.bridge;

  if (from.nodeName === to.nodeName) {
    if (from.ip === to.ip) {
      return [cniHop(from.nodeName, fromHost ? 'the node talks to itself: the packet stays in the host network namespace' : 'the pod talks to itself: the packet never leaves its network namespace', header, header)];
    }
    const reason = fromHost
      ? `same node: the host routes the packet to ${to.ip} (${side.in})`
      : toHost
        ? `same node: the pod's packet reaches the host (${side.out})`
        : `same node: ${side.same}`;
    return [cniHop(from.nodeName, reason, header, header)];
  }
  if (src === undefined || dst === undefined) {
    const missing = src === undefined ? from.nodeName : to.nodeName;
    return [cniHop(src?.name ?? from.nodeName, `node ${missing} is not in the cluster: no route is known`, header, header)];
  }

  const leave = fromHost ? 'from the host network' : side.out;
  if (toHost) {
    // Node IPs live on the underlay: no plugin encapsulates node-to-node traffic.
    return [
      cniHop(src.name, `${leave}: ${dst.ip} is a node address, sent over the node network as is (no encapsulation)`, header, header),
      cniHop(dst.name, `${dst.name} receives it on eth0 in its host network namespace`, header, header),
    ];
  }
  const overlay = plugin.overlay;
  if (overlay === undefined) {
    return [
      cniHop(src.name, `${leave}: route ${dst.podCIDR} via ${dst.ip} (learned over BGP from ${dst.name}), out eth0 without encapsulation`, header, header),
      cniHop(dst.name, `${dst.name} delivers it to the pod: ${side.in}`, header, header),
    ];
  }
  const wrapped: PacketHeader = {
    ...header,
    outer: { srcIP: src.ip, dstIP: dst.ip, dstPort: overlay.port, protocol: 'UDP', encapsulation: 'vxlan' },
  };
  return [
    cniHop(src.name, `${leave} → ${overlay.device}: wrapped in VXLAN, UDP ${src.ip} → ${dst.ip}:${overlay.port} (${overlay.note})`, header, wrapped),
    cniHop(dst.name, `${overlay.device} on ${dst.name} unwraps the VXLAN packet, then ${side.in}`, wrapped, header),
  ];
}
