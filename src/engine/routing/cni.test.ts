import { describe, expect, it } from 'vitest';
import type { CniPlugin, PacketHeader } from '../types';
import { buildCluster } from '../cluster/build-cluster';
import { manifestsOf } from '../testing/manifests';
import { traceNetworkPath } from './cni';

const header: PacketHeader = { srcIP: '10.244.0.2', srcPort: 40000, dstIP: '10.244.2.2', dstPort: 8080, protocol: 'TCP' };
const clusterFor = (cni: CniPlugin) => buildCluster(manifestsOf(), { cni }).cluster;
const a = { nodeName: 'node-1', ip: '10.244.0.2' };
const b = { nodeName: 'node-1', ip: '10.244.0.3' };
const c = { nodeName: 'node-3', ip: '10.244.2.2' };

describe('traceNetworkPath', () => {
  it.each([
    { cni: 'flannel' as const, words: /veth → cni0 bridge → veth/ },
    { cni: 'weave' as const, words: /weave bridge/ },
    { cni: 'calico' as const, words: /cali\* veth.*no bridge/ },
    { cni: 'cilium' as const, words: /lxc\* veth.*eBPF.*no bridge/ },
  ])('same node, $cni: one cni hop, header unchanged', ({ cni, words }) => {
    const hops = traceNetworkPath(clusterFor(cni), a, b, header);
    expect(hops).toHaveLength(1);
    expect(hops[0]).toMatchObject({ kind: 'cni', ref: 'node/node-1', at: 'node/node-1', verdict: 'pass', before: header, after: header });
    expect(hops[0]!.reason).toMatch(words);
  });

  it.each([
    { cni: 'flannel' as const, port: 8472, device: 'flannel.1' },
    { cni: 'cilium' as const, port: 8472, device: 'cilium_vxlan' },
    { cni: 'weave' as const, port: 6784, device: 'vxlan-6784' },
  ])('cross node, $cni: VXLAN on UDP $port between node IPs', ({ cni, port, device }) => {
    const hops = traceNetworkPath(clusterFor(cni), a, c, header);
    expect(hops.map((h) => h.at)).toEqual(['node/node-1', 'node/node-3']);
    const outer = { srcIP: '192.168.0.11', dstIP: '192.168.0.13', dstPort: port, protocol: 'UDP', encapsulation: 'vxlan' };
    expect(hops[0]!.before).toEqual(header);
    expect(hops[0]!.after).toEqual({ ...header, outer });
    expect(hops[1]!.before).toEqual({ ...header, outer });
    expect(hops[1]!.after).toEqual(header);
    expect(hops[0]!.reason).toContain(device);
    expect(hops.every((h) => h.kind === 'cni' && h.verdict === 'pass')).toBe(true);
  });

  it('cross node, calico: a BGP route to the peer podCIDR, no encapsulation', () => {
    const hops = traceNetworkPath(clusterFor('calico'), a, c, header);
    expect(hops).toHaveLength(2);
    expect(hops[0]!.reason).toMatch(/route 10\.244\.2\.0\/24 via 192\.168\.0\.13.*BGP.*without encapsulation/);
    for (const h of hops) {
      expect(h.before?.outer).toBeUndefined();
      expect(h.after?.outer).toBeUndefined();
    }
  });

  it('to a node IP (host network): no encapsulation even on an overlay', () => {
    const hops = traceNetworkPath(clusterFor('flannel'), a, { nodeName: 'node-2', ip: '192.168.0.12' }, { ...header, dstIP: '192.168.0.12' });
    expect(hops.map((h) => h.after?.outer)).toEqual([undefined, undefined]);
    expect(hops[0]!.reason).toMatch(/node address/);
  });

  it('from a node (SNATed traffic) to a pod elsewhere is still encapsulated', () => {
    const hops = traceNetworkPath(clusterFor('flannel'), { nodeName: 'node-2', ip: '192.168.0.12' }, c, { ...header, srcIP: '192.168.0.12' });
    expect(hops[0]!.after?.outer).toMatchObject({ srcIP: '192.168.0.12', dstIP: '192.168.0.13' });
  });

  it('a pod to itself stays inside; an unknown node does not throw', () => {
    expect(traceNetworkPath(clusterFor('calico'), a, a, header)[0]!.reason).toMatch(/itself/);
    const hops = traceNetworkPath(clusterFor('calico'), a, { nodeName: 'nope', ip: '10.9.9.9' }, header);
    expect(hops[0]!.reason).toMatch(/nope is not in the cluster/);
  });
});
