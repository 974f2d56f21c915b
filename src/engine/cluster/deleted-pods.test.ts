/**
 * Pod replacement: the Scenario's `deletedPods` (pods deleted by hand, in order). Each
 * controller replaces its pod as Kubernetes does; every other pod keeps its node and address.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../simulate';
import type { Analysis, ClusterPod } from '../types';
import { parseIPv4 } from '../match/cidr';

const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: backend}
spec:
  replicas: 2
  selector: {matchLabels: {app: backend}}
  template:
    metadata: {labels: {app: backend}}
    spec: {containers: [{name: api, image: api, ports: [{containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 2
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: pg, ports: [{containerPort: 5432}]}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: a, image: agent}]}
---
apiVersion: v1
kind: Pod
metadata: {name: debug, labels: {app: debug}}
spec: {containers: [{name: c, image: curl}]}
---
apiVersion: v1
kind: Service
metadata: {name: backend-service}
spec: {selector: {app: backend}, ports: [{port: 8080}]}
`;

function withDeleted(entries: readonly string[] | undefined): string {
  const list = entries === undefined ? '' : `deletedPods: [${entries.join(', ')}]\n`;
  return `apiVersion: netplay.dev/v1\nkind: Scenario\nmetadata: {name: replace}\n${list}---\n${WORKLOADS}`;
}

const run = (entries?: readonly string[]): Analysis => simulate([{ name: 'r.yaml', text: withDeleted(entries) }]);
const podsOf = (a: Analysis): Map<string, ClusterPod> => new Map(a.cluster.pods.map((p) => [p.ref, p]));
const placement = (p: ClusterPod | undefined) => [p?.nodeName, p?.ip];
/** The address after `ip` (the next free one when it is free). */
const after = (ip: string, n = 1) => {
  const v = parseIPv4(ip)! + n;
  return `${Math.floor(v / 2 ** 24)}.${Math.floor(v / 65536) % 256}.${Math.floor(v / 256) % 256}.${v % 256}`;
};

describe('deletedPods: the controller replaces the pod', () => {
  const before = podsOf(run());

  /** Every pod but `changed` has the node and address it had before any deletion. */
  const othersStay = (a: Analysis, changed: readonly string[]) => {
    const now = podsOf(a);
    for (const [ref, p] of before) {
      if (changed.includes(ref)) continue;
      expect(placement(now.get(ref)), ref).toEqual(placement(p));
    }
  };

  it('a Deployment pod: the next unused ordinal, on the same node, at the next free address', () => {
    const a = run(['default/backend-0']);
    const pods = podsOf(a);
    const old = before.get('pod/default/backend-0')!;
    expect(pods.has('pod/default/backend-0')).toBe(false);
    const fresh = pods.get('pod/default/backend-2')!;
    expect(fresh).toMatchObject({ nodeName: old.nodeName, owner: 'deployment/default/backend', phase: 'Running', ready: true });
    expect(fresh.ip).not.toBe(old.ip);
    expect(fresh.ip).toBe(after(old.ip!));
    expect(a.cluster.pods.filter((p) => p.owner === 'deployment/default/backend').map((p) => p.name).sort()).toEqual(['backend-1', 'backend-2']);
    othersStay(a, ['pod/default/backend-0']);
    // The Service keeps its ClusterIP; its endpoints follow the pods.
    const svc = (x: Analysis) => x.cluster.services.find((s) => s.name === 'backend-service')!;
    expect(svc(a).clusterIP).toBe(svc(run()).clusterIP);
    expect(Object.values(svc(a).endpoints).flat().map((e) => e.podRef).sort()).toEqual(['pod/default/backend-1', 'pod/default/backend-2']);
  });

  it('the replacement is said at the entry\'s line', () => {
    const a = run(['default/backend-0']);
    const note = a.diagnostics.find((d) => d.code === 'cluster.pod.deleted');
    expect(note?.severity).toBe('info');
    expect(note?.message).toMatch(/default\/backend-0 is deleted; Deployment default\/backend replaces it with pod backend-2 on node-\d \(10\.244\.\d+\.\d+, a new address\)/);
    expect(note?.range?.startLine).toBe(4);
    expect(note?.ref).toBe('pod/default/backend-2');
  });

  it('a StatefulSet pod keeps its name (stable identity) and gets a new address', () => {
    const a = run(['default/db-0']);
    const old = before.get('pod/default/db-0')!;
    const now = podsOf(a).get('pod/default/db-0')!;
    expect(now).toMatchObject({ nodeName: old.nodeName, hostname: 'db-0', subdomain: 'db', labels: { 'statefulset.kubernetes.io/pod-name': 'db-0' } });
    expect(now.ip).toBe(after(old.ip!));
    expect(a.cluster.pods.filter((p) => p.owner === 'statefulset/default/db').map((p) => p.name)).toEqual(['db-0', 'db-1']);
    othersStay(a, ['pod/default/db-0']);
  });

  it('a DaemonSet pod: same node, the next ordinal, a new address', () => {
    const a = run(['default/agent-1']);
    const old = before.get('pod/default/agent-1')!;
    const fresh = podsOf(a).get('pod/default/agent-3')!;
    expect([fresh.nodeName, fresh.ip]).toEqual([old.nodeName, after(old.ip!)]);
    expect(podsOf(a).has('pod/default/agent-1')).toBe(false);
    othersStay(a, ['pod/default/agent-1']);
  });

  it('a bare Pod is gone, and a note says nothing replaces it', () => {
    const a = run(['default/debug']);
    expect(podsOf(a).has('pod/default/debug')).toBe(false);
    expect(a.diagnostics.find((d) => d.code === 'cluster.pod.deleted')?.message).toMatch(/no controller owns it, so nothing replaces it/);
    othersStay(a, ['pod/default/debug']);
  });

  it('entries apply in order: deleting the replacement gives the next ordinal again', () => {
    const a = run(['default/backend-0', 'default/backend-2']);
    const pods = podsOf(a);
    const old = before.get('pod/default/backend-0')!;
    expect(a.cluster.pods.filter((p) => p.owner === 'deployment/default/backend').map((p) => p.name).sort()).toEqual(['backend-1', 'backend-3']);
    expect(placement(pods.get('pod/default/backend-3'))).toEqual([old.nodeName, after(old.ip!, 2)]);
    othersStay(a, ['pod/default/backend-0']);
  });

  it('a StatefulSet pod deleted twice gets a third address, never an old one', () => {
    const a = run(['default/db-1', 'db-1']);
    const old = before.get('pod/default/db-1')!;
    expect(podsOf(a).get('pod/default/db-1')?.ip).toBe(after(old.ip!, 2));
  });

  it('a pod that does not exist (at that point of the list): a warning at that entry, the rest applies', () => {
    const a = run(['default/backend-0', 'default/backend-0', 'shop/nope']);
    const warnings = a.diagnostics.filter((d) => d.code === 'cluster.pod.delete-unknown');
    expect(warnings.map((d) => [d.severity, d.path])).toEqual([
      ['warning', 'deletedPods[1]'],
      ['warning', 'deletedPods[2]'],
    ]);
    expect(warnings[1]?.message).toMatch(/shop\/nope does not exist/);
    expect(podsOf(a).has('pod/default/backend-2')).toBe(true);
  });

  it.each([['a/b/c'], ['Default/backend-0'], ['default/']])('"%s" is not a pod: an error naming the entry', (entry) => {
    const a = run([JSON.stringify(entry)]);
    const d = a.diagnostics.find((x) => x.code === 'scenario.invalid');
    expect(d?.message).toMatch(/deletedPods\[0\].*is not a pod: write NAMESPACE\/NAME/);
    expect(a.cluster.pods.length).toBe(run().cluster.pods.length);
  });

  it('a wrong type is reported, nothing is deleted', () => {
    const a = simulate([{ name: 'r.yaml', text: withDeleted(undefined).replace('metadata: {name: replace}\n', 'metadata: {name: replace}\ndeletedPods: default/backend-0\n') }]);
    expect(a.diagnostics.some((d) => d.path === 'deletedPods')).toBe(true);
    expect(podsOf(a).has('pod/default/backend-0')).toBe(true);
  });
});

describe('deletedPods (property): any sequence of deletions', () => {
  const before = podsOf(run());
  const names = ['backend-0', 'backend-1', 'backend-2', 'backend-3', 'db-0', 'db-1', 'agent-0', 'agent-1', 'agent-2', 'agent-3', 'debug', 'nope'];

  it('never moves or re-addresses a pod it does not delete, and never hands out an address a pod had', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...names), { maxLength: 6 }), (list) => {
        const a = run(list.map((n) => `default/${n}`));
        const deleted = new Set(list.map((n) => `pod/default/${n}`));
        const usedBefore = new Set([...before.values()].map((p) => p.ip));
        for (const p of a.cluster.pods) {
          const was = before.get(p.ref);
          if (was !== undefined && !deleted.has(p.ref)) expect(placement(p), p.ref).toEqual(placement(was));
          else if (p.ip !== undefined) expect(usedBefore.has(p.ip), `${p.ref} ${p.ip}`).toBe(false);
        }
        const ips = a.cluster.pods.flatMap((p) => (p.ip !== undefined ? [p.ip] : []));
        expect(new Set(ips).size).toBe(ips.length);
        // Controllers keep their counts: 2 backend, 2 db, 3 agents (bare debug: 1 or 0).
        const count = (owner: string) => a.cluster.pods.filter((p) => p.owner === owner).length;
        expect([count('deployment/default/backend'), count('statefulset/default/db'), count('daemonset/default/agent')]).toEqual([2, 2, 3]);
      }),
      { seed: 20261206, numRuns: 60 },
    );
  });
});
