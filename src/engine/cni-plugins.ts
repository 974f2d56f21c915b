/**
 * One record per CNI plugin: how it joins pods on a node, how it carries packets between
 * nodes, and which policies it enforces. The trace, the matrix, the evaluators, validation, the
 * graph and the app's pickers all read this record instead of keeping their own lists.
 *
 * - Same node: Flannel and Weave join the veths on a Linux bridge (`cni0`, `weave`); Calico has
 *   no bridge (every pod has a /32 route to its `cali*` veth); Cilium has none either (eBPF on
 *   the `lxc*` veths redirects the packet).
 * - Across nodes: Calico (BGP mode) routes each node's podCIDR without encapsulation; Flannel
 *   and Cilium wrap the packet in VXLAN on UDP 8472 (the Linux default both use), Weave's fast
 *   datapath on UDP 6784.
 * - NetworkPolicy: Calico, Cilium and Weave enforce it, Flannel does not. The cluster-scoped
 *   tiers (ClusterNetworkPolicy, AdminNetworkPolicy): Calico and Cilium only.
 */
import type { CniPlugin } from './types';

export interface CniOverlay {
  /** The tunnel device on each node. */
  readonly device: string;
  /** The VXLAN UDP port of the outer header. */
  readonly port: number;
  /** Where the choice comes from, in the hop's words. */
  readonly note: string;
}

export interface CniPluginInfo {
  readonly name: CniPlugin;
  /** How people write it: `Calico`. */
  readonly title: string;
  /** The VXLAN tunnel between nodes; absent for an underlay (Calico's BGP routes). */
  readonly overlay?: CniOverlay;
  /** The node-to-node device the graph shows: the tunnel device, or Calico's BGP daemon. */
  readonly device: string;
  /** How pods are joined on a node: the graph's label and the trace's words for each way. */
  readonly bridge: {
    readonly label: string;
    readonly out: string;
    readonly in: string;
    readonly same: string;
  };
  /** Enforces networking.k8s.io/v1 NetworkPolicy. */
  readonly enforcesPolicy: boolean;
  /** Enforces the cluster-scoped tiers of policy.networking.k8s.io. */
  readonly enforcesClusterPolicy: boolean;
}

export const CNI_PLUGINS: Readonly<Record<CniPlugin, CniPluginInfo>> = {
  calico: {
    name: 'calico',
    title: 'Calico',
    device: 'BGP (BIRD)',
    bridge: {
      label: 'cali* veths · no bridge',
      out: "eth0 → cali* veth → node's routing table",
      in: '/32 route → cali* veth → eth0',
      same: 'cali* veth → host route (/32 per pod) → cali* veth (Calico has no bridge: the node routes)',
    },
    enforcesPolicy: true,
    enforcesClusterPolicy: true,
  },
  cilium: {
    name: 'cilium',
    title: 'Cilium',
    overlay: { device: 'cilium_vxlan', port: 8472, note: "Cilium's default tunnel mode" },
    device: 'cilium_vxlan',
    bridge: {
      label: 'lxc* veths · eBPF, no bridge',
      out: 'eth0 → lxc* veth (eBPF)',
      in: 'eBPF redirect → lxc* veth → eth0',
      same: 'lxc* veth → eBPF redirect → lxc* veth (Cilium has no bridge)',
    },
    enforcesPolicy: true,
    enforcesClusterPolicy: true,
  },
  weave: {
    name: 'weave',
    title: 'Weave',
    overlay: { device: 'vxlan-6784', port: 6784, note: "Weave's fast datapath" },
    device: 'vxlan-6784',
    bridge: {
      label: 'weave bridge',
      out: 'eth0 → veth → weave bridge',
      in: 'weave bridge → veth → eth0',
      same: 'veth → weave bridge → veth (one Linux bridge joins the pods of the node)',
    },
    enforcesPolicy: true,
    enforcesClusterPolicy: false,
  },
  flannel: {
    name: 'flannel',
    title: 'Flannel',
    overlay: { device: 'flannel.1', port: 8472, note: "flannel's vxlan backend" },
    device: 'flannel.1',
    bridge: {
      label: 'cni0 bridge',
      out: 'eth0 → veth → cni0 bridge',
      in: 'cni0 bridge → veth → eth0',
      same: 'veth → cni0 bridge → veth (one Linux bridge joins the pods of the node)',
    },
    enforcesPolicy: false,
    enforcesClusterPolicy: false,
  },
};

/** Every plugin's name, in the order the pickers list them. */
export const CNI_PLUGIN_NAMES: readonly CniPlugin[] = ['calico', 'cilium', 'weave', 'flannel'];

/** The record of a plugin. */
export function cniPlugin(cni: CniPlugin): CniPluginInfo {
  return CNI_PLUGINS[cni];
}
