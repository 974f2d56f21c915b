import { describe, expect, it } from 'vitest';
import { CNI_PLUGINS, CNI_PLUGIN_NAMES } from './cni-plugins';

describe('CNI_PLUGINS: one record per plugin', () => {
  it('lists every plugin once, each record under its own name', () => {
    expect([...CNI_PLUGIN_NAMES].sort()).toEqual(Object.keys(CNI_PLUGINS).sort());
    for (const name of CNI_PLUGIN_NAMES) expect(CNI_PLUGINS[name].name).toBe(name);
  });

  it('Calico, Cilium and Weave enforce NetworkPolicy; Flannel does not', () => {
    expect(CNI_PLUGIN_NAMES.filter((n) => CNI_PLUGINS[n].enforcesPolicy)).toEqual(['calico', 'cilium', 'weave']);
  });

  it('only Calico and Cilium enforce the cluster-scoped tiers, and only plugins that enforce NetworkPolicy', () => {
    expect(CNI_PLUGIN_NAMES.filter((n) => CNI_PLUGINS[n].enforcesClusterPolicy)).toEqual(['calico', 'cilium']);
    for (const n of CNI_PLUGIN_NAMES) if (CNI_PLUGINS[n].enforcesClusterPolicy) expect(CNI_PLUGINS[n].enforcesPolicy).toBe(true);
  });

  it('Calico routes over BGP (no overlay); the others tunnel in VXLAN, Weave on UDP 6784', () => {
    expect(CNI_PLUGINS.calico.overlay).toBeUndefined();
    expect(CNI_PLUGINS.flannel.overlay?.port).toBe(8472);
    expect(CNI_PLUGINS.cilium.overlay?.port).toBe(8472);
    expect(CNI_PLUGINS.weave.overlay?.port).toBe(6784);
  });
});
