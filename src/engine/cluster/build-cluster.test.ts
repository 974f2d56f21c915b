import { describe, expect, it } from 'vitest';
import type { Cluster, ClusterPod, ClusterService, NormalizedManifests, SimulateOptions } from '../types';
import { buildCluster } from './build-cluster';
import {
  deployment,
  endpointSlice,
  ingress,
  ingressClass,
  manifestsOf,
  namespace,
  node,
  pod,
  resetDocumentOrder,
  scenario,
  service,
  workload,
} from '../testing/manifests';
import { parseIPv4, parseIPv4Range, rangeContains } from '../match/cidr';

function build(m: NormalizedManifests, options: SimulateOptions = {}) {
  return buildCluster(m, options);
}

function podOf(cluster: Cluster, ref: string): ClusterPod {
  const i = cluster.lookups.podByRef[ref];
  if (i === undefined) throw new Error(`no pod ${ref}`);
  return cluster.pods[i]!;
}

function svcOf(cluster: Cluster, ref: string): ClusterService {
  const i = cluster.lookups.serviceByRef[ref];
  if (i === undefined) throw new Error(`no service ${ref}`);
  return cluster.services[i]!;
}

function inCidr(ip: string | undefined, cidr: string): boolean {
  const range = parseIPv4Range(cidr);
  const n = ip === undefined ? undefined : parseIPv4(ip);
  return range !== undefined && n !== undefined && rangeContains(range, n);
}

describe('settings', () => {
  it.each([
    { name: 'defaults', options: {}, sc: undefined, cni: 'calico', nodes: 3 },
    { name: 'scenario sets', options: {}, sc: { cni: 'flannel' as const, nodes: 2 }, cni: 'flannel', nodes: 2 },
    { name: 'the scenario wins over options (cli.md: options set what the manifests do not)', options: { cni: 'cilium' as const, nodes: 5 }, sc: { cni: 'flannel' as const, nodes: 2 }, cni: 'flannel', nodes: 2 },
    { name: 'options fill what the scenario leaves out', options: { cni: 'cilium' as const, nodes: 5 }, sc: { title: 'x' }, cni: 'cilium', nodes: 5 },
    { name: 'options alone', options: { cni: 'weave' as const }, sc: undefined, cni: 'weave', nodes: 3 },
  ])('$name', ({ options, sc, cni, nodes }) => {
    const m = sc === undefined ? manifestsOf() : manifestsOf(scenario(sc));
    const { cluster } = build(m, options);
    expect(cluster.settings.cni).toBe(cni);
    expect(cluster.settings.nodeCount).toBe(nodes);
    expect(cluster.nodes).toHaveLength(nodes);
  });

  it.each([0, -2, 1.5, 100000])('nodes %s is clamped with a warning', (n) => {
    const { cluster, diagnostics } = build(manifestsOf(), { nodes: n });
    expect(cluster.nodes.length).toBeGreaterThanOrEqual(1);
    expect(cluster.nodes.length).toBeLessThanOrEqual(200);
    expect(diagnostics.map((d) => d.code)).toContain('cluster.nodes.range');
  });

  it('an unknown cni option is an error, and the default stays', () => {
    const { cluster, diagnostics } = build(manifestsOf(), { cni: 'bogus' as never });
    expect(cluster.settings.cni).toBe('calico');
    expect(diagnostics.some((d) => d.code === 'cluster.options.invalid' && d.severity === 'error')).toBe(true);
  });

  it('bareMetal and loadBalancerPool come from the scenario', () => {
    const { cluster } = build(manifestsOf(scenario({ bareMetal: true, loadBalancerPool: '192.168.0.240/28' })));
    expect(cluster.settings.bareMetal).toBe(true);
    expect(cluster.settings.loadBalancerPool).toBe('192.168.0.240/28');
    expect(cluster.scenario?.meta.name).toBe('test');
  });
});

describe('nodes', () => {
  it('default nodes: names, IPs, podCIDRs and well-known labels', () => {
    const { cluster } = build(manifestsOf());
    expect(cluster.nodes.map((n) => [n.name, n.ip, n.podCIDR, n.implicit])).toEqual([
      ['node-1', '192.168.0.11', '10.244.0.0/24', true],
      ['node-2', '192.168.0.12', '10.244.1.0/24', true],
      ['node-3', '192.168.0.13', '10.244.2.0/24', true],
    ]);
    expect(cluster.nodes[2]!.labels).toEqual({
      'kubernetes.io/hostname': 'node-3',
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
    });
    expect(cluster.nodes[0]!.ref).toBe('node/node-1');
  });

  it('Node objects win: their addresses and podCIDRs, the rest assigned without collisions', () => {
    const m = manifestsOf(
      node('a', { internalIP: '192.168.0.11', podCIDR: '10.244.0.0/24', labels: { zone: 'x' } }),
      node('b'),
      node('c', { podCIDR: '10.244.1.0/24' }),
    );
    const { cluster } = build(m, { nodes: 7 });
    expect(cluster.nodes.map((n) => [n.name, n.ip, n.podCIDR, n.implicit])).toEqual([
      ['a', '192.168.0.11', '10.244.0.0/24', false],
      ['b', '192.168.0.12', '10.244.2.0/24', false],
      ['c', '192.168.0.13', '10.244.1.0/24', false],
    ]);
    expect(cluster.nodes[0]!.labels).toMatchObject({ zone: 'x', 'kubernetes.io/hostname': 'a' });
    expect(cluster.settings.nodeCount).toBe(3);
  });
});

describe('pods: naming, scheduling, IPAM', () => {
  it('workload pods are <workload>-<ordinal>; ordinals go round the nodes from one the workload hashes to; each address is its own slot', () => {
    const m = manifestsOf(deployment('frontend', { replicas: 2 }), deployment('backend', { replicas: 2 }), deployment('auth'));
    const { cluster } = build(m);
    const rows = cluster.pods.filter((p) => !p.implicit).map((p) => [p.name, p.nodeName, p.ip, p.owner]);
    // Pinned as the stable-placement rule gives them (was a round-robin over all pods, .2 up).
    expect(rows).toEqual([
      ['frontend-0', 'node-1', '10.244.0.37', 'deployment/default/frontend'],
      ['frontend-1', 'node-2', '10.244.1.214', 'deployment/default/frontend'],
      ['backend-0', 'node-2', '10.244.1.4', 'deployment/default/backend'],
      ['backend-1', 'node-3', '10.244.2.181', 'deployment/default/backend'],
      ['auth-0', 'node-2', '10.244.1.118', 'deployment/default/auth'],
    ]);
    // The rule itself: ordinal i runs on the node after ordinal i-1's, in node order.
    const nodeNumber = (name: string) => cluster.nodes.findIndex((n) => n.name === podOf(cluster, `pod/default/${name}`).nodeName);
    expect((nodeNumber('frontend-1') - nodeNumber('frontend-0') + 3) % 3).toBe(1);
    expect((nodeNumber('backend-1') - nodeNumber('backend-0') + 3) % 3).toBe(1);
  });

  it('every running pod sits inside its node podCIDR (node-3 → 10.244.2.0/24)', () => {
    const { cluster } = build(manifestsOf(deployment('web', { replicas: 20 })));
    for (const p of cluster.pods) {
      const n = cluster.nodes.find((x) => x.name === p.nodeName)!;
      expect(inCidr(p.ip, n.podCIDR)).toBe(true);
    }
    expect(cluster.pods.filter((p) => p.nodeName === 'node-3').every((p) => p.ip!.startsWith('10.244.2.'))).toBe(true);
    const ips = cluster.pods.map((p) => p.ip);
    expect(new Set(ips).size).toBe(ips.length);
  });

  it('stated status.podIP wins and is never handed out again', () => {
    const web = deployment('web', { replicas: 3, nodeSelector: { 'kubernetes.io/hostname': 'node-1' } });
    const alone = build(manifestsOf(web)).cluster;
    const slot = podOf(alone, 'pod/default/web-1').ip!;
    // A snapshot pod stating the very address web-1 would take: web-1 moves to the next free one.
    const { cluster } = build(manifestsOf(pod('given', { nodeName: 'node-1', status: { podIP: slot } }), web));
    expect(podOf(cluster, 'pod/default/given').ip).toBe(slot);
    const ips = ['web-0', 'web-1', 'web-2'].map((n) => podOf(cluster, `pod/default/${n}`).ip);
    expect(ips).not.toContain(slot);
    expect(ips[1]).not.toBe(undefined);
    expect(parseIPv4(ips[1]!)! - parseIPv4(slot)!).toBeGreaterThan(0);
    expect(new Set(cluster.pods.map((p) => p.ip)).size).toBe(cluster.pods.length);
  });

  it('status.hostIP pins a snapshot pod to the node with that IP', () => {
    const { cluster } = build(manifestsOf(pod('snap', { status: { hostIP: '192.168.0.13', podIP: '10.244.2.15' } })));
    expect(podOf(cluster, 'pod/default/snap')).toMatchObject({ nodeName: 'node-3', ip: '10.244.2.15', phase: 'Running' });
  });

  it('hostNetwork pods take the node IP and use no pod address', () => {
    const m = manifestsOf(pod('agent', { hostNetwork: true, nodeName: 'node-2' }), pod('app', { nodeName: 'node-2' }));
    const { cluster } = build(m);
    expect(podOf(cluster, 'pod/default/agent')).toMatchObject({ ip: '192.168.0.12', hostNetwork: true });
    expect(inCidr(podOf(cluster, 'pod/default/app').ip, '10.244.1.0/24')).toBe(true);
    expect(cluster.lookups.podByIP['192.168.0.12']).toBeUndefined();
    // The node IP takes no slot of the podCIDR: app's address is the same without the agent.
    expect(podOf(build(manifestsOf(pod('app', { nodeName: 'node-2' }))).cluster, 'pod/default/app').ip).toBe(podOf(cluster, 'pod/default/app').ip);
  });

  it.each([
    { name: 'nodeName pins', o: { nodeName: 'node-3' }, node: 'node-3' },
    { name: 'nodeSelector on hostname', o: { nodeSelector: { 'kubernetes.io/hostname': 'node-2' } }, node: 'node-2' },
    {
      name: 'required affinity In',
      o: { requiredNodeAffinity: [[{ key: 'kubernetes.io/hostname', operator: 'In' as const, values: ['node-3'] }]] },
      node: 'node-3',
    },
    {
      name: 'required affinity NotIn',
      o: { requiredNodeAffinity: [[{ key: 'kubernetes.io/hostname', operator: 'NotIn' as const, values: ['node-1', 'node-2'] }]] },
      node: 'node-3',
    },
    {
      name: 'affinity terms are ORed',
      o: {
        requiredNodeAffinity: [
          [{ key: 'disk', operator: 'Exists' as const, values: [] }],
          [{ key: 'kubernetes.io/hostname', operator: 'In' as const, values: ['node-2'] }],
        ],
      },
      node: 'node-2',
    },
  ])('scheduling: $name', ({ o, node: expected }) => {
    const { cluster } = build(manifestsOf(pod('p', o)));
    expect(podOf(cluster, 'pod/default/p')).toMatchObject({ phase: 'Running', nodeName: expected });
  });

  it('scheduling: a nodeSelector every node fits places the pod where it would be without one', () => {
    const free = podOf(build(manifestsOf(pod('p', {}))).cluster, 'pod/default/p');
    const linux = podOf(build(manifestsOf(pod('p', { nodeSelector: { 'kubernetes.io/os': 'linux' } }))).cluster, 'pod/default/p');
    expect([linux.nodeName, linux.ip]).toEqual([free.nodeName, free.ip]);
  });

  it.each([
    { name: 'nodeSelector matching no node', o: { nodeSelector: { disk: 'ssd' } }, reason: /didn't match Pod's node affinity\/selector/ },
    { name: 'an empty affinity term matches no node', o: { requiredNodeAffinity: [[]] }, reason: /didn't match/ },
    { name: 'nodeName of a missing node', o: { nodeName: 'node-9' }, reason: /node "node-9" does not exist/ },
    { name: 'arch mismatch', o: { nodeSelector: { 'kubernetes.io/arch': 'arm64' } }, reason: /0\/3 nodes are available/ },
  ])('Pending: $name', ({ o, reason }) => {
    const { cluster, diagnostics } = build(manifestsOf(pod('p', o)));
    const p = podOf(cluster, 'pod/default/p');
    expect(p.phase).toBe('Pending');
    expect(p.ip).toBeUndefined();
    expect(p.ready).toBe(false);
    expect(p.pendingReason).toMatch(reason);
    const d = diagnostics.find((x) => x.code === 'cluster.pod.pending');
    expect(d?.ref).toBe('pod/default/p');
    expect(d?.range?.file).toBe('test.yaml');
  });

  it('a snapshot pod pinned to an undeclared node brings that node (no Node objects given)', () => {
    const { cluster } = build(manifestsOf(pod('snap', { nodeName: 'ip-10-0-1-5', status: { podIP: '10.0.7.9', hostIP: '10.0.1.5' } })));
    expect(cluster.nodes.map((n) => n.name)).toContain('ip-10-0-1-5');
    const n = cluster.nodes.find((x) => x.name === 'ip-10-0-1-5')!;
    expect(n).toMatchObject({ ip: '10.0.1.5', podCIDR: '10.0.7.0/24', implicit: true });
    expect(podOf(cluster, 'pod/default/snap')).toMatchObject({ nodeName: 'ip-10-0-1-5', ip: '10.0.7.9' });
    expect(cluster.lookups.nodeByName['ip-10-0-1-5']).toBe(cluster.nodes.indexOf(n));
  });

  it('with Node objects, a pod naming another node stays Pending', () => {
    const { cluster } = build(manifestsOf(node('a'), pod('snap', { nodeName: 'b', status: { podIP: '10.0.7.9' } })));
    expect(podOf(cluster, 'pod/default/snap').phase).toBe('Pending');
    expect(cluster.nodes.map((n) => n.name)).toEqual(['a']);
  });

  it('DaemonSets put one pod on every eligible node, ordinals in node order', () => {
    const m = manifestsOf(
      workload('DaemonSet', 'agent'),
      workload('DaemonSet', 'gpu', { requiredNodeAffinity: [[{ key: 'kubernetes.io/hostname', operator: 'NotIn', values: ['node-1'] }]] }),
    );
    const { cluster } = build(m, { nodes: 3 });
    const rows = cluster.pods.filter((p) => !p.implicit).map((p) => [p.name, p.nodeName, p.owner]);
    expect(rows).toEqual([
      ['agent-0', 'node-1', 'daemonset/default/agent'],
      ['agent-1', 'node-2', 'daemonset/default/agent'],
      ['agent-2', 'node-3', 'daemonset/default/agent'],
      ['gpu-0', 'node-2', 'daemonset/default/gpu'],
      ['gpu-1', 'node-3', 'daemonset/default/gpu'],
    ]);
  });

  it('StatefulSet pods carry their name and index labels; replicas 0 makes none', () => {
    const m = manifestsOf(workload('StatefulSet', 'db', { replicas: 2 }), deployment('off', { replicas: 0 }));
    const { cluster } = build(m);
    expect(podOf(cluster, 'pod/default/db-1').labels).toEqual({
      app: 'db',
      'statefulset.kubernetes.io/pod-name': 'db-1',
      'apps.kubernetes.io/pod-index': '1',
    });
    expect(cluster.pods.some((p) => p.name.startsWith('off-'))).toBe(false);
  });

  it('a status other than Running or not-ready is kept', () => {
    const m = manifestsOf(pod('starting', { status: { phase: 'Pending' } }), pod('unready', { status: { ready: false } }));
    const { cluster } = build(m);
    expect(podOf(cluster, 'pod/default/starting')).toMatchObject({ phase: 'Pending', pendingReason: expect.stringMatching(/status.phase is Pending/) as unknown });
    expect(podOf(cluster, 'pod/default/unready')).toMatchObject({ phase: 'Running', ready: false });
  });

  it('a duplicate pod name is reported, the first wins', () => {
    const m = manifestsOf(pod('web-0', { labels: { first: 'yes' } }), deployment('web'));
    const { cluster, diagnostics } = build(m);
    expect(cluster.pods.filter((p) => p.ref === 'pod/default/web-0')).toHaveLength(1);
    expect(podOf(cluster, 'pod/default/web-0').labels).toEqual({ first: 'yes' });
    expect(diagnostics.map((d) => d.code)).toContain('cluster.pod.duplicate');
  });

  it('a full podCIDR leaves the rest Pending', () => {
    const { cluster } = build(
      manifestsOf(node('tiny', { podCIDR: '10.250.0.0/29' }), deployment('web', { replicas: 7 })),
    );
    const running = cluster.pods.filter((p) => p.phase === 'Running');
    // A /29 has 8 addresses: network, gateway, broadcast excluded → .2-.6. The system pods
    // (CoreDNS) are the oldest and keep theirs; web-0..web-2 get the other three.
    expect(running.map((p) => p.ip).sort()).toEqual(['10.250.0.2', '10.250.0.3', '10.250.0.4', '10.250.0.5', '10.250.0.6']);
    expect(running.filter((p) => p.owner === 'deployment/default/web').map((p) => p.name)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(running.filter((p) => p.implicit).map((p) => p.name)).toEqual(['coredns-0', 'coredns-1']);
    expect(cluster.pods.filter((p) => p.phase === 'Pending').every((p) => /no free address/.test(p.pendingReason ?? ''))).toBe(true);
  });
});

describe('determinism', () => {
  const seedLike = () =>
    manifestsOf(
      scenario({ cni: 'calico', nodes: 3 }),
      deployment('frontend', { replicas: 2 }),
      deployment('backend', { replicas: 2, ports: [{ containerPort: 8080 }] }),
      service('frontend'),
      service('backend', { ports: [{ port: 8080 }], type: 'LoadBalancer' }),
      service('np', { type: 'NodePort' }),
      ingress('web'),
    );
  it('the same input twice gives deep-equal clusters, and they survive JSON', () => {
    resetDocumentOrder();
    const a = build(seedLike());
    resetDocumentOrder();
    const b = build(seedLike());
    expect(b.cluster).toEqual(a.cluster);
    expect(JSON.parse(JSON.stringify(a.cluster))).toEqual(a.cluster);
  });

  it('adding a Service does not move the other ClusterIPs and NodePorts', () => {
    const before = build(seedLike()).cluster;
    const m = seedLike();
    const after = build({ ...m, services: [...m.services, service('zzz-new', { type: 'NodePort' }), service('aaa-new', { type: 'NodePort' })] }).cluster;
    for (const svc of before.services) {
      const again = svcOf(after, svc.ref);
      expect(again.clusterIP).toBe(svc.clusterIP);
      expect(again.ports.map((p) => p.nodePort)).toEqual(svc.ports.map((p) => p.nodePort));
    }
  });
});

describe('Services', () => {
  it('ClusterIPs: given wins, kubernetes and kube-dns well known, others in 10.96.0.0/16, all distinct', () => {
    const m = manifestsOf(service('fixed', { clusterIP: '10.96.5.5' }), service('a'), service('b'), service('c'));
    const { cluster } = build(m);
    expect(svcOf(cluster, 'service/default/fixed').clusterIP).toBe('10.96.5.5');
    expect(svcOf(cluster, 'service/default/kubernetes')).toMatchObject({ clusterIP: '10.96.0.1', implicit: true });
    expect(svcOf(cluster, 'service/kube-system/kube-dns')).toMatchObject({ clusterIP: '10.96.0.10', implicit: true });
    const ips = cluster.services.map((s) => s.clusterIP);
    expect(new Set(ips).size).toBe(ips.length);
    for (const ip of ips) expect(inCidr(ip, '10.96.0.0/12')).toBe(true);
    expect(cluster.lookups.serviceByClusterIP['10.96.5.5']).toBe(cluster.lookups.serviceByRef['service/default/fixed']);
  });

  it('headless and ExternalName have no ClusterIP', () => {
    const m = manifestsOf(
      deployment('db', { replicas: 2 }),
      service('db', { clusterIP: 'None' }),
      service('ext', { type: 'ExternalName', externalName: 'db.example.com', ports: [{ port: 5432 }] }),
    );
    const { cluster } = build(m);
    const db = svcOf(cluster, 'service/default/db');
    expect(db.headless).toBe(true);
    expect(db.clusterIP).toBeUndefined();
    expect(db.endpoints['']!.map((e) => e.podRef)).toEqual(['pod/default/db-0', 'pod/default/db-1']);
    const ext = svcOf(cluster, 'service/default/ext');
    expect(ext).toMatchObject({ headless: false, externalName: 'db.example.com' });
    expect(ext.clusterIP).toBeUndefined();
    expect(ext.endpoints['']).toEqual([]);
  });

  it('a named targetPort resolves per pod, by name AND protocol; pods lacking it are no endpoint', () => {
    const m = manifestsOf(
      pod('a', { labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 8080 }] }),
      pod('b', { labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 9090 }] }),
      pod('c', { labels: { app: 'web' }, ports: [{ name: 'other', containerPort: 7070 }] }),
      pod('d', { labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 6060, protocol: 'UDP' }] }),
      service('web', { ports: [{ port: 80, targetPort: 'http' }] }),
    );
    const { cluster } = build(m);
    expect(svcOf(cluster, 'service/default/web').endpoints['']!.map((e) => [e.podRef, e.port, e.protocol])).toEqual([
      ['pod/default/a', 8080, 'TCP'],
      ['pod/default/b', 9090, 'TCP'],
    ]);
  });

  it('multi-port Services key endpoints by port name', () => {
    const m = manifestsOf(
      pod('p', { labels: { app: 'm' }, ports: [{ name: 'web', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] }),
      service('m', { ports: [{ name: 'http', port: 80, targetPort: 'web' }, { name: 'metrics', port: 9100 }, { name: 'dns', port: 53, protocol: 'UDP' }] }),
    );
    const eps = svcOf(build(m).cluster, 'service/default/m').endpoints;
    expect(Object.keys(eps).sort()).toEqual(['dns', 'http', 'metrics']);
    expect(eps['http']!.map((e) => e.port)).toEqual([8080]);
    expect(eps['metrics']!.map((e) => e.port)).toEqual([9100]);
    // A numeric targetPort needs no container port: kube-proxy forwards to the number as is.
    expect(eps['dns']!.map((e) => [e.port, e.protocol])).toEqual([[53, 'UDP']]);
  });

  it('selectors stay in the namespace; Pending pods are never endpoints; not-ready ones come last', () => {
    const m = manifestsOf(
      pod('ready', { labels: { app: 'web' } }),
      pod('notready', { labels: { app: 'web' }, status: { ready: false } }),
      pod('aaa-pending', { labels: { app: 'web' }, nodeSelector: { disk: 'none' } }),
      pod('elsewhere', { labels: { app: 'web' }, namespace: 'other' }),
      service('web'),
    );
    const list = svcOf(build(m).cluster, 'service/default/web').endpoints['']!;
    expect(list.map((e) => [e.podRef, e.ready])).toEqual([
      ['pod/default/ready', true],
      ['pod/default/notready', false],
    ]);
  });

  it('publishNotReadyAddresses marks every endpoint ready (as the EndpointSlice controller does)', () => {
    const m = manifestsOf(pod('notready', { labels: { app: 'web' }, status: { ready: false } }), service('web', { publishNotReadyAddresses: true }));
    expect(svcOf(build(m).cluster, 'service/default/web').endpoints['']!.map((e) => e.ready)).toEqual([true]);
  });

  it('selector-less Services take EndpointSlices, matching ports by name', () => {
    const m = manifestsOf(
      pod('known', { status: { podIP: '10.244.0.50' }, nodeName: 'node-1' }),
      service('ext', { selector: undefined as never, ports: [{ name: 'pg', port: 5432 }, { name: 'admin', port: 8080 }] }),
      endpointSlice('ext', {
        endpoints: [
          { addresses: ['10.0.0.5'], ready: true },
          { addresses: ['10.244.0.50'], ready: false },
        ],
        ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
      }),
      service('empty', { selector: {}, ports: [{ port: 80 }] }),
    );
    const { cluster } = build(m);
    const ext = svcOf(cluster, 'service/default/ext');
    expect(ext.selector).toBeUndefined();
    expect(ext.endpoints['pg']).toEqual([
      { ip: '10.0.0.5', port: 5432, protocol: 'TCP', ready: true },
      { podRef: 'pod/default/known', ip: '10.244.0.50', nodeName: 'node-1', port: 5432, protocol: 'TCP', ready: false },
    ]);
    expect(ext.endpoints['admin']).toEqual([]);
    // `selector: {}` is dropped by the API server: no pod is selected.
    expect(svcOf(cluster, 'service/default/empty').endpoints['']).toEqual([]);
  });

  it('NodePorts: allocated in 30000-32767, given ones kept, never reused, same number shares', () => {
    const services = [
      service('given', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
      service('dns', { type: 'NodePort', ports: [{ name: 'udp', port: 53, protocol: 'UDP' }, { name: 'tcp', port: 53, protocol: 'TCP' }] }),
      service('lb', { type: 'LoadBalancer', ports: [{ name: 'a', port: 80 }, { name: 'b', port: 443 }] }),
      service('cip'),
      ...Array.from({ length: 40 }, (_, i) => service(`s${i}`, { type: 'NodePort' })),
    ];
    const { cluster } = build(manifestsOf(...services));
    expect(svcOf(cluster, 'service/default/given').ports[0]!.nodePort).toBe(30080);
    const dns = svcOf(cluster, 'service/default/dns').ports.map((p) => p.nodePort);
    expect(dns[0]).toBe(dns[1]);
    expect(svcOf(cluster, 'service/default/cip').ports[0]!.nodePort).toBeUndefined();
    const all = cluster.services
      .filter((s) => s.ref !== 'service/default/dns')
      .flatMap((s) => s.ports.map((p) => p.nodePort))
      .filter((p): p is number => p !== undefined);
    expect(all.length).toBe(1 + 2 + 40);
    expect(new Set(all).size).toBe(all.length);
    for (const p of all) expect(p >= 30000 && p <= 32767).toBe(true);
  });

  it('LoadBalancer: front door first at 203.0.113.10, then by name; status and loadBalancerIP win', () => {
    const m = manifestsOf(
      service('b-lb', { type: 'LoadBalancer' }),
      service('a-lb', { type: 'LoadBalancer' }),
      service('status', { type: 'LoadBalancer', statusLoadBalancerIPs: ['203.0.113.11'] }),
      service('asked', { type: 'LoadBalancer', loadBalancerIP: '203.0.113.50' }),
      ingress('web'),
    );
    const { cluster } = build(m);
    const ip = (ref: string) => svcOf(cluster, ref).loadBalancerIPs;
    expect(ip('service/ingress-nginx/ingress-nginx-controller')).toEqual(['203.0.113.10']);
    expect(ip('service/default/status')).toEqual(['203.0.113.11']);
    expect(ip('service/default/a-lb')).toEqual(['203.0.113.12']);
    expect(ip('service/default/asked')).toEqual(['203.0.113.50']);
    expect(ip('service/default/b-lb')).toEqual(['203.0.113.13']);
  });

  it.each([
    { name: 'bare metal without a pool stays pending', sc: { bareMetal: true }, ips: [], pending: /MetalLB/ },
    { name: 'bare metal with a CIDR pool', sc: { bareMetal: true, loadBalancerPool: '192.168.0.240/28' }, ips: ['192.168.0.240'], pending: undefined },
    { name: 'bare metal with a range pool', sc: { bareMetal: true, loadBalancerPool: '192.168.0.200-192.168.0.201' }, ips: ['192.168.0.200'], pending: undefined },
    { name: 'an unusable pool', sc: { bareMetal: true, loadBalancerPool: 'nope' }, ips: [], pending: /not a CIDR/ },
    { name: 'cloud', sc: {}, ips: ['203.0.113.10'], pending: undefined },
  ])('LoadBalancer: $name', ({ sc, ips, pending }) => {
    const { cluster, diagnostics } = build(manifestsOf(scenario(sc), service('lb', { type: 'LoadBalancer' })));
    const lb = svcOf(cluster, 'service/default/lb');
    expect(lb.loadBalancerIPs).toEqual(ips);
    if (pending === undefined) expect(lb.loadBalancerPendingReason).toBeUndefined();
    else {
      expect(lb.loadBalancerPendingReason).toMatch(pending);
      expect(diagnostics.some((d) => d.code === 'cluster.loadbalancer.pending' && d.ref === 'service/default/lb')).toBe(true);
    }
    // NodePorts are opened either way.
    expect(lb.ports[0]!.nodePort).toBeGreaterThanOrEqual(30000);
  });

  it('a pool gives addresses in order and says when it runs out', () => {
    const m = manifestsOf(
      scenario({ bareMetal: true, loadBalancerPool: '192.168.0.240/31' }),
      service('a', { type: 'LoadBalancer' }),
      service('b', { type: 'LoadBalancer' }),
      service('c', { type: 'LoadBalancer' }),
    );
    const { cluster } = build(m);
    expect(['a', 'b', 'c'].map((n) => svcOf(cluster, `service/default/${n}`).loadBalancerIPs)).toEqual([['192.168.0.240'], ['192.168.0.241'], []]);
    expect(svcOf(cluster, 'service/default/c').loadBalancerPendingReason).toMatch(/no free address/);
  });

  it('loadBalancerClass: the default implementation ignores it', () => {
    const { cluster } = build(manifestsOf(service('lb', { type: 'LoadBalancer', loadBalancerClass: 'example.com/lb' })));
    expect(svcOf(cluster, 'service/default/lb').loadBalancerIPs).toEqual([]);
  });

  it('the kubernetes Service is backed by the nodes on 6443', () => {
    const { cluster } = build(manifestsOf(), { nodes: 2 });
    const k = svcOf(cluster, 'service/default/kubernetes');
    expect(k.endpoints['https']!.map((e) => [e.ip, e.port, e.nodeName])).toEqual([
      ['192.168.0.11', 6443, 'node-1'],
      ['192.168.0.12', 6443, 'node-2'],
    ]);
  });
});

describe('DNS, namespaces, ingress controller', () => {
  it('implicit kube-dns: coredns-0/1 in kube-system, ports dns 53/UDP and dns-tcp 53/TCP', () => {
    const { cluster } = build(manifestsOf());
    expect(cluster.dns).toEqual({ serviceRef: 'service/kube-system/kube-dns', ip: '10.96.0.10', podRefs: ['pod/kube-system/coredns-0', 'pod/kube-system/coredns-1'] });
    const dns = svcOf(cluster, 'service/kube-system/kube-dns');
    expect(dns.ports.map((p) => [p.name, p.port, p.protocol])).toEqual([
      ['dns', 53, 'UDP'],
      ['dns-tcp', 53, 'TCP'],
    ]);
    expect(podOf(cluster, 'pod/kube-system/coredns-0').implicit).toBe(true);
  });

  it('DNS pods brought by the manifests replace the implicit ones', () => {
    const m = manifestsOf(deployment('my-dns', { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, replicas: 1 }));
    const { cluster } = build(m);
    expect(cluster.dns.podRefs).toEqual(['pod/kube-system/my-dns-0']);
    expect(cluster.pods.some((p) => p.name.startsWith('coredns'))).toBe(false);
  });

  it('namespaces: declared, mentioned and system ones, each with kubernetes.io/metadata.name', () => {
    const m = manifestsOf(namespace('team', { tier: 'a', 'kubernetes.io/metadata.name': 'spoofed' }), pod('p', { namespace: 'shop' }), ingress('i', { namespace: 'web' }));
    const { cluster } = build(m);
    expect(cluster.namespaces.map((n) => [n.name, n.implicit])).toEqual([
      ['default', true],
      ['ingress-nginx', true],
      ['kube-system', true],
      ['shop', true],
      ['team', false],
      ['web', true],
    ]);
    expect(cluster.namespaces.find((n) => n.name === 'team')!.labels).toEqual({ tier: 'a', 'kubernetes.io/metadata.name': 'team' });
    expect(cluster.lookups.namespaceByName['shop']).toBe(3);
  });

  it('no Ingress: no implicit controller', () => {
    const { cluster } = build(manifestsOf(deployment('web')));
    expect(cluster.ingressController).toBeUndefined();
    expect(cluster.namespaces.some((n) => n.name === 'ingress-nginx')).toBe(false);
  });

  it('implicit controller: its pod, LoadBalancer Service and IngressClass', () => {
    const { cluster } = build(manifestsOf(ingress('web')));
    expect(cluster.ingressController).toEqual({
      implicit: true,
      namespace: 'ingress-nginx',
      className: 'nginx',
      controller: 'k8s.io/ingress-nginx',
      podRefs: ['pod/ingress-nginx/ingress-nginx-controller-0'],
      serviceRef: 'service/ingress-nginx/ingress-nginx-controller',
    });
    const svc = svcOf(cluster, 'service/ingress-nginx/ingress-nginx-controller');
    expect(svc).toMatchObject({ type: 'LoadBalancer', implicit: true, loadBalancerIPs: ['203.0.113.10'] });
    expect(svc.endpoints['http']!.map((e) => e.port)).toEqual([80]);
    expect(svc.endpoints['https']!.map((e) => e.port)).toEqual([443]);
    expect(cluster.ingressClasses.map((c) => c.meta.name)).toEqual(['nginx']);
    expect(cluster.ingresses[0]).toMatchObject({ ref: 'ingress/default/web', served: true });
  });

  it('a controller in the manifests is found with its class and Service', () => {
    const labels = { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' };
    const m = manifestsOf(
      deployment('ctl', { namespace: 'edge', labels, replicas: 2 }),
      service('ctl-np', { namespace: 'edge', type: 'NodePort', selector: labels }),
      service('ctl-lb', { namespace: 'edge', type: 'LoadBalancer', selector: labels }),
      ingressClass('public', 'k8s.io/ingress-nginx', true),
      ingress('web'),
    );
    const { cluster } = build(m);
    expect(cluster.ingressController).toEqual({
      implicit: false,
      namespace: 'edge',
      className: 'public',
      controller: 'k8s.io/ingress-nginx',
      podRefs: ['pod/edge/ctl-0', 'pod/edge/ctl-1'],
      serviceRef: 'service/edge/ctl-lb',
    });
    expect(svcOf(cluster, 'service/edge/ctl-lb').loadBalancerIPs).toEqual(['203.0.113.10']);
    expect(cluster.services.some((s) => s.namespace === 'ingress-nginx')).toBe(false);
  });

  const controllerLabels = { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' };
  it.each([
    { name: 'class named', classes: [['nginx', 'k8s.io/ingress-nginx', false]], cls: 'nginx', served: true, why: /is the class/ },
    { name: 'no class, ours default', classes: [['nginx', 'k8s.io/ingress-nginx', true]], cls: undefined, served: true, why: /is the default/ },
    { name: 'no class, not default', classes: [['nginx', 'k8s.io/ingress-nginx', false]], cls: undefined, served: false, why: /not the default/ },
    { name: 'other class', classes: [['nginx', 'k8s.io/ingress-nginx', false], ['traefik', 'traefik.io/ingress-controller', false]], cls: 'traefik', served: false, why: /traefik.io/ },
    { name: 'missing class', classes: [['nginx', 'k8s.io/ingress-nginx', false]], cls: 'nope', served: false, why: /does not exist/ },
    { name: 'no class, another controller is default', classes: [['nginx', 'k8s.io/ingress-nginx', false], ['t', 'traefik.io/ingress-controller', true]], cls: undefined, served: false, why: /default class t/ },
  ] as const)('served: $name', ({ classes, cls, served, why }) => {
    const m = manifestsOf(
      deployment('ctl', { namespace: 'ingress-nginx', labels: controllerLabels }),
      ...classes.map(([n, c, d]) => ingressClass(n, c, d)),
      ingress('web', cls === undefined ? {} : { ingressClassName: cls }),
    );
    const { cluster, diagnostics } = build(m);
    expect(cluster.ingresses[0]!.served).toBe(served);
    expect(cluster.ingresses[0]!.servedReason).toMatch(why);
    expect(diagnostics.some((d) => d.code === 'cluster.ingress.not-served')).toBe(!served);
  });

  it('the deprecated kubernetes.io/ingress.class annotation still names the class', () => {
    const m = manifestsOf(
      deployment('ctl', { namespace: 'ingress-nginx', labels: controllerLabels }),
      ingressClass('nginx', 'k8s.io/ingress-nginx'),
      ingress('web', { annotations: { 'kubernetes.io/ingress.class': 'nginx' } }),
    );
    expect(build(m).cluster.ingresses[0]!.served).toBe(true);
  });

  it('the implicit controller serves any class but one owned by another controller', () => {
    const m = manifestsOf(ingressClass('t', 'traefik.io/ingress-controller'), ingress('a', { ingressClassName: 'whatever' }), ingress('b', { ingressClassName: 't' }));
    const { cluster } = build(m);
    expect(cluster.ingresses.map((i) => i.served)).toEqual([true, false]);
  });
});
