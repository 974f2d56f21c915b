/**
 * The tier walk of the per-pair evaluator: Admin tier, NetworkPolicy, Baseline tier, per
 * direction (network-policy-api v1alpha2), checked against hand-built clusters. Every pod-to-pod
 * case is also checked against the reference oracle and the fast matrix.
 */
import { describe, expect, it } from 'vitest';
import type { ClusterPolicyObject, CniPlugin, NetworkPolicyObject, PolicyPeer, Protocol } from '../types';
import { evaluateConnection } from './evaluate';
import { evaluateReferencePair } from './reference';
import { computeMatrix, matrixCell } from './matrix';
import {
  buildTestCluster,
  buildTestClusterPolicy as cnp,
  buildTestPolicy,
  cnpNamedPort,
  cnpNamespaces,
  cnpNetworks,
  cnpNodes,
  cnpPods,
  cnpPort,
  cnpRule,
  labelSelector as sel,
  type TestPod,
} from '../testing/cluster';

const pods: TestPod[] = [
  { namespace: 'x', name: 'a', labels: { app: 'a' }, nodeName: 'node-1', ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }] },
  {
    namespace: 'x',
    name: 'b',
    labels: { app: 'b' },
    nodeName: 'node-2',
    ports: [
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9100, protocol: 'TCP' },
    ],
  },
  { namespace: 'y', name: 'c', labels: { app: 'c' }, nodeName: 'node-3', ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }] },
  { namespace: 'mon', name: 'prom', labels: { app: 'prom' }, nodeName: 'node-3' },
  { namespace: 'kube-system', name: 'agent', labels: { app: 'agent' }, nodeName: 'node-2', hostNetwork: true, ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }] },
];
const namespaces = [
  { name: 'x', labels: { team: 'x' } },
  { name: 'y', labels: { team: 'y' } },
  { name: 'mon', labels: { team: 'ops' } },
  { name: 'kube-system', labels: { team: 'ops' } },
];
const pod = (ns: string, name: string): PolicyPeer => ({ kind: 'pod', podRef: `pod/${ns}/${name}` });
const a = pod('x', 'a');
const b = pod('x', 'b');
const yc = pod('y', 'c');
const prom = pod('mon', 'prom');
const agent = pod('kube-system', 'agent');

/** Ingress of every pod of namespace x: only from x. Egress untouched. */
const npOnlyFromX = buildTestPolicy({ namespace: 'x', name: 'only-from-x', ingress: [{ peers: [{ namespaceSelector: sel({ team: 'x' }) }], ports: [] }] });
/** Ingress of every pod of namespace x: nothing. */
const npDenyAllX = buildTestPolicy({ namespace: 'x', name: 'deny-all', ingress: [] });

function cluster(clusterPolicies: ClusterPolicyObject[], policies: NetworkPolicyObject[] = [], cni: CniPlugin = 'calico') {
  return buildTestCluster({ cni, namespaces, pods, policies, clusterPolicies });
}

function check(c: ReturnType<typeof cluster>, src: PolicyPeer, dst: PolicyPeer, port: number, protocol: Protocol = 'TCP') {
  const v = evaluateConnection(c, src, dst, port, protocol);
  if (src.kind === 'pod' && dst.kind === 'pod') {
    const from = c.pods.find((p) => p.ref === src.podRef)!;
    const to = c.pods.find((p) => p.ref === dst.podRef)!;
    expect(evaluateReferencePair(c, from, to, port, protocol)).toBe(v.allowed);
    // And the fast matrix, on that port.
    const m = computeMatrix(c, { port, protocol });
    const i = m.pods.indexOf(`${from.namespace}/${from.name}`);
    const j = m.pods.indexOf(`${to.namespace}/${to.name}`);
    if (from !== to) expect(matrixCell(m, m.ports[0]!, i, j)).toBe(v.allowed ? '.' : 'X');
  }
  return v;
}

const fromNs = (team: string) => cnpNamespaces({ team });

describe('tier walk: Admin tier', () => {
  it('Accept is final over a NetworkPolicy deny', () => {
    const c = cluster(
      [cnp({ name: 'allow-monitoring', priority: 5, subject: cnpNamespaces({ team: 'x' }), ingress: [cnpRule('Accept', [fromNs('ops')], undefined, 'from-ops')] })],
      [npDenyAllX],
    );
    const v = check(c, prom, b, 8080);
    expect(v.allowed).toBe(true);
    expect(v.ingress.decidedBy).toEqual({ tier: 'admin', ref: 'clusternetworkpolicy/allow-monitoring', rule: 0, ruleName: 'from-ops', action: 'allow' });
    expect(v.ingress.reason).toContain("[Admin] allow-monitoring (priority 5) ingress rule 0 'from-ops' Accepts mon/prom on TCP 8080");
    // A CNP never isolates: isolation is still the NetworkPolicy's.
    expect(v.ingress.isolatingPolicies).toEqual(['x/deny-all']);
    // Without the Admin rule the NetworkPolicy denies.
    expect(check(cluster([], [npDenyAllX]), prom, b, 8080).allowed).toBe(false);
  });

  it('Deny is final over a NetworkPolicy allow, and over a lower-precedence Accept', () => {
    const npAllowAll = buildTestPolicy({ namespace: 'x', name: 'allow-all', ingress: [{ peers: [], ports: [] }] });
    const c = cluster(
      [
        cnp({ name: 'deny-y', priority: 10, subject: cnpNamespaces({ team: 'x' }), ingress: [cnpRule('Deny', [fromNs('y')], undefined, 'deny-from-y')] }),
        cnp({ name: 'accept-y', priority: 20, subject: cnpNamespaces({ team: 'x' }), ingress: [cnpRule('Accept', [fromNs('y')])] }),
      ],
      [npAllowAll],
    );
    const v = check(c, yc, a, 80);
    expect(v.allowed).toBe(false);
    expect(v.ingress.decidedBy).toEqual({ tier: 'admin', ref: 'clusternetworkpolicy/deny-y', rule: 0, ruleName: 'deny-from-y', action: 'deny' });
    expect(v.ingress.reason).toMatch(/^\[Admin\] deny-y \(priority 10\) ingress rule 0 'deny-from-y' Denies y\/c on TCP 80/);
    // Other sources fall through to the NetworkPolicy.
    expect(check(c, b, a, 80).ingress.decidedBy?.tier).toBe('networkpolicy');
  });

  it('lower priority numbers are read first, whatever the order given', () => {
    const deny = cnp({ name: 'z-deny', priority: 1, ingress: [cnpRule('Deny', [fromNs('y')])] });
    const accept = cnp({ name: 'a-accept', priority: 2, ingress: [cnpRule('Accept', [fromNs('y')])] });
    expect(check(cluster([accept, deny]), yc, a, 80).allowed).toBe(false);
    const deny2 = cnp({ name: 'z-deny', priority: 3, ingress: [cnpRule('Deny', [fromNs('y')])] });
    const v = check(cluster([deny2, accept]), yc, a, 80);
    expect(v.allowed).toBe(true);
    expect(v.ingress.decidedBy?.ref).toBe('clusternetworkpolicy/a-accept');
  });

  it('rules of one policy are read in order: the first match decides', () => {
    const denyFirst = cnp({ name: 'p', ingress: [cnpRule('Deny', [fromNs('y')], [cnpPort('TCP', 80)]), cnpRule('Accept', [fromNs('y')])] });
    expect(check(cluster([denyFirst]), yc, a, 80).ingress.decidedBy).toMatchObject({ rule: 0, action: 'deny' });
    // Port 81 does not match rule 0: rule 1 decides.
    const v = check(cluster([denyFirst], [npDenyAllX]), yc, a, 81);
    expect(v.allowed).toBe(true);
    expect(v.ingress.decidedBy).toMatchObject({ tier: 'admin', rule: 1, action: 'allow' });
    expect(v.ingress.decidedBy?.ruleName).toBeUndefined();
    const acceptFirst = cnp({ name: 'p', ingress: [cnpRule('Accept', [fromNs('y')]), cnpRule('Deny', [fromNs('y')])] });
    expect(check(cluster([acceptFirst]), yc, a, 80).allowed).toBe(true);
  });

  it('Pass hands the decision to NetworkPolicy (allow and deny), listed in passed', () => {
    const pass = cnp({ name: 'pass-y', priority: 1, ingress: [cnpRule('Pass', [fromNs('y')], undefined, 'to-np')] });
    const denyLater = cnp({ name: 'deny-y', priority: 2, ingress: [cnpRule('Deny', [fromNs('y')])] });
    const denied = check(cluster([pass, denyLater], [npOnlyFromX]), yc, a, 80);
    expect(denied.allowed).toBe(false);
    expect(denied.ingress.passed).toEqual([{ tier: 'admin', ref: 'clusternetworkpolicy/pass-y', rule: 0, ruleName: 'to-np', action: 'pass' }]);
    expect(denied.ingress.decidedBy).toEqual({ tier: 'networkpolicy', ref: 'networkpolicy/x/only-from-x', action: 'deny' });
    expect(denied.ingress.reason).toMatch(/^\[Admin\] pass-y \(priority 1\) ingress rule 0 'to-np' Passes y\/c on TCP 80 to the NetworkPolicy tier; \[NetworkPolicy\] a is isolated/);
    const npAllowY = buildTestPolicy({ namespace: 'x', name: 'allow-y', ingress: [{ peers: [{ namespaceSelector: sel({ team: 'y' }) }], ports: [] }] });
    const allowed = check(cluster([pass, denyLater], [npAllowY]), yc, a, 80);
    expect(allowed.allowed).toBe(true);
    expect(allowed.ingress.decidedBy).toMatchObject({ tier: 'networkpolicy', action: 'allow', rule: 0 });
    expect(allowed.ingress.passed).toHaveLength(1);
  });

  it('Pass with no isolating NetworkPolicy goes on to the Baseline tier', () => {
    const pass = cnp({ name: 'pass-y', priority: 1, ingress: [cnpRule('Pass', [fromNs('y')])] });
    const baselineDeny = cnp({ name: 'default', tier: 'Baseline', ingress: [cnpRule('Deny', [fromNs('y')], undefined, 'no-y')] });
    const v = check(cluster([pass, baselineDeny]), yc, a, 80);
    expect(v.allowed).toBe(false);
    expect(v.ingress.passed?.map((p) => p.ref)).toEqual(['clusternetworkpolicy/pass-y']);
    expect(v.ingress.decidedBy).toEqual({ tier: 'baseline', ref: 'clusternetworkpolicy/default', rule: 0, ruleName: 'no-y', action: 'deny' });
    expect(v.ingress.reason).toContain("[Baseline] default (priority 0) ingress rule 0 'no-y' Denies y/c on TCP 80");
    expect(v.ingress.isolated).toBe(false);
  });
});

describe('tier walk: NetworkPolicy and Baseline tiers', () => {
  it('NetworkPolicy is final for the pods it isolates: Baseline is not read', () => {
    const baselineDeny = cnp({ name: 'default', tier: 'Baseline', ingress: [cnpRule('Deny', [fromNs('x')])] });
    const v = check(cluster([baselineDeny], [npOnlyFromX]), b, a, 80);
    expect(v.allowed).toBe(true);
    expect(v.ingress.decidedBy?.tier).toBe('networkpolicy');
    // Pod c (namespace y) is not isolated: the Baseline tier decides there.
    const toC = check(cluster([cnp({ name: 'default', tier: 'Baseline', ingress: [cnpRule('Deny', [fromNs('x')])] })], [npOnlyFromX]), b, yc, 80);
    expect(toC.allowed).toBe(false);
    expect(toC.ingress.decidedBy?.tier).toBe('baseline');
  });

  it('Baseline Accept allows, Baseline Pass is the default allow, first match decides', () => {
    const passThenDeny = cnp({ name: 'default', tier: 'Baseline', ingress: [cnpRule('Pass', [fromNs('y')]), cnpRule('Deny', [cnpNamespaces()])] });
    const v = check(cluster([passThenDeny]), yc, a, 80);
    expect(v.allowed).toBe(true);
    expect(v.ingress.decidedBy).toEqual({ tier: 'baseline', ref: 'clusternetworkpolicy/default', rule: 0, action: 'pass' });
    expect(v.ingress.reason).toContain('nothing else decides, so it is allowed (the default)');
    expect(check(cluster([passThenDeny]), b, a, 80).allowed).toBe(false);
    const acceptThenDeny = cnp({ name: 'default', tier: 'Baseline', ingress: [cnpRule('Accept', [fromNs('y')]), cnpRule('Deny', [cnpNamespaces()])] });
    expect(check(cluster([acceptThenDeny]), yc, a, 80).ingress.decidedBy?.action).toBe('allow');
  });

  it('v1alpha1 kinds name their own refs', () => {
    const anp = cnp({ name: 'anp', kind: 'AdminNetworkPolicy', priority: 3, ingress: [cnpRule('Pass', [fromNs('y')])] });
    const banp = cnp({ name: 'default', kind: 'BaselineAdminNetworkPolicy', ingress: [cnpRule('Deny', [fromNs('y')])] });
    const v = check(cluster([banp, anp]), yc, a, 80);
    expect(v.allowed).toBe(false);
    expect(v.ingress.passed?.[0]?.ref).toBe('adminnetworkpolicy/anp');
    expect(v.ingress.decidedBy?.ref).toBe('baselineadminnetworkpolicy/default');
    expect(v.ingress.reason).toContain('[Baseline] default ingress rule 0 Denies');
  });

  it('nothing matches in any tier and no isolation: allowed, no decidedBy', () => {
    const v = check(cluster([cnp({ name: 'unrelated', ingress: [cnpRule('Deny', [fromNs('ops')])] })]), yc, a, 80);
    expect(v.allowed).toBe(true);
    expect(v.ingress.decidedBy).toBeUndefined();
    expect(v.ingress.passed).toBeUndefined();
  });
});

describe('tier walk: both directions', () => {
  it('an egress Accept does not bypass the destination ingress NetworkPolicy', () => {
    const c = cluster([cnp({ name: 'egress-ok', subject: cnpNamespaces({ team: 'y' }), egress: [cnpRule('Accept', [cnpNamespaces()])] })], [npDenyAllX]);
    const v = check(c, yc, a, 80);
    expect(v.egress.allowed).toBe(true);
    expect(v.egress.decidedBy?.tier).toBe('admin');
    expect(v.ingress.allowed).toBe(false);
    expect(v.allowed).toBe(false);
  });

  it('an egress Deny of the source drops what the destination would admit', () => {
    const c = cluster([cnp({ name: 'no-egress', subject: cnpPods({ team: 'y' }, { app: 'c' }), egress: [cnpRule('Deny', [cnpPods({ team: 'x' }, { app: 'a' })])] })]);
    expect(check(c, yc, a, 80).egress).toMatchObject({ allowed: false, decidedBy: { tier: 'admin', action: 'deny' } });
    expect(check(c, yc, b, 8080).allowed).toBe(true);
  });
});

describe('tier walk: ports', () => {
  it('a port entry with a range, or every port of a protocol', () => {
    const p = cnp({ name: 'p', ingress: [cnpRule('Deny', [fromNs('y')], [cnpPort('TCP', 70, 90), cnpPort('UDP')])] });
    expect(check(cluster([p]), yc, a, 80).allowed).toBe(false);
    expect(check(cluster([p]), yc, a, 91).allowed).toBe(true);
    expect(check(cluster([p]), yc, a, 5353, 'UDP').allowed).toBe(false);
    expect(check(cluster([p]), yc, a, 80, 'SCTP').allowed).toBe(true);
  });

  it('destinationNamedPort resolves on the destination pod', () => {
    const p = cnp({ name: 'p', subject: cnpNamespaces({ team: 'y' }), egress: [cnpRule('Deny', [cnpNamespaces({ team: 'x' })], [cnpNamedPort('http')])] });
    expect(check(cluster([p]), yc, a, 80).allowed).toBe(false); // a: http = 80
    expect(check(cluster([p]), yc, b, 80).allowed).toBe(true); // b: http = 8080
    expect(check(cluster([p]), yc, b, 8080).allowed).toBe(false);
    expect(check(cluster([p]), yc, b, 9100).allowed).toBe(true);
  });

  it('a named port never matches a destination that is not a pod', () => {
    const p = cnp({ name: 'p', subject: cnpNamespaces({ team: 'y' }), egress: [cnpRule('Deny', [cnpNetworks('0.0.0.0/0')], [cnpNamedPort('http')])] });
    expect(check(cluster([p]), yc, agent, 80).allowed).toBe(true);
    expect(evaluateConnection(cluster([p]), yc, { kind: 'external', ip: '203.0.113.7' }, 80, 'TCP').allowed).toBe(true);
  });
});

describe('tier walk: peers', () => {
  it('networks match external addresses, pod IPs and node IPs (host-network pods)', () => {
    const c0 = cluster([]);
    const ipOf = (ref: string) => c0.pods.find((p) => p.ref === ref)!.ip!;
    const p = cnp({ name: 'p', subject: cnpNamespaces({ team: 'y' }), egress: [cnpRule('Deny', [cnpNetworks(`${ipOf('pod/x/a')}/32`, '192.168.0.12/32', '203.0.113.0/24')])] });
    const c = cluster([p]);
    expect(check(c, yc, a, 80).allowed).toBe(false);
    expect(check(c, yc, b, 8080).allowed).toBe(true);
    expect(check(c, yc, agent, 80).allowed).toBe(false); // agent runs on node-2, 192.168.0.12
    expect(evaluateConnection(c, yc, { kind: 'external', ip: '203.0.113.7' }, 443, 'TCP').egress.decidedBy?.action).toBe('deny');
    expect(evaluateConnection(c, yc, { kind: 'node', nodeName: 'node-2', ip: '192.168.0.12' }, 10250, 'TCP').allowed).toBe(false);
  });

  it('nodes match host-network pods on the selected nodes, never pod-network pods there', () => {
    const p = cnp({ name: 'p', subject: cnpNamespaces({ team: 'y' }), egress: [cnpRule('Deny', [cnpNodes({ 'kubernetes.io/hostname': 'node-2' })])] });
    const c = cluster([p]);
    expect(check(c, yc, agent, 80).allowed).toBe(false);
    expect(check(c, yc, b, 8080).allowed).toBe(true); // b is on node-2 but has its own pod IP
    expect(evaluateConnection(c, yc, { kind: 'node', nodeName: 'node-2', ip: '192.168.0.12' }, 10250, 'TCP').allowed).toBe(false);
    expect(evaluateConnection(c, yc, { kind: 'node', nodeName: 'node-1', ip: '192.168.0.11' }, 10250, 'TCP').allowed).toBe(true);
  });

  it('namespaces and pods peers never match host-network pods', () => {
    const p = cnp({ name: 'p', subject: cnpNamespaces({ team: 'y' }), egress: [cnpRule('Deny', [cnpNamespaces({ team: 'ops' })])] });
    const c = cluster([p]);
    expect(check(c, yc, agent, 80).allowed).toBe(true);
    expect(check(c, yc, prom, 80).allowed).toBe(false);
  });

  it('domainNames never match (not simulated)', () => {
    const p = cnp({ name: 'p', subject: cnpNamespaces({ team: 'y' }), egress: [cnpRule('Deny', [{ kind: 'domainNames', domainNames: ['*.example.com'] }])] });
    expect(evaluateConnection(cluster([p]), yc, { kind: 'external', ip: '203.0.113.7' }, 443, 'TCP').allowed).toBe(true);
  });

  it('a host-network pod is never a subject', () => {
    const p = cnp({ name: 'p', subject: cnpNamespaces({ team: 'ops' }), egress: [cnpRule('Deny', [cnpNamespaces()])], ingress: [cnpRule('Deny', [cnpNamespaces()])] });
    const c = cluster([p]);
    expect(check(c, agent, a, 80).allowed).toBe(true);
    expect(check(c, a, agent, 80).allowed).toBe(true);
    expect(check(c, prom, a, 80).allowed).toBe(false);
  });
});

describe('tier walk: loopback, Services and CNI plugins', () => {
  const denySelf = cnp({ name: 'deny-self', subject: cnpPods({ team: 'x' }, { app: 'a' }), ingress: [cnpRule('Deny', [cnpPods({ team: 'x' }, { app: 'a' })])] });

  it('a pod reaching its own pod IP is not subject to cluster policies; through a Service it is', () => {
    const c = cluster([denySelf]);
    expect(evaluateConnection(c, a, a, 80, 'TCP').allowed).toBe(true);
    const via = evaluateConnection(c, a, a, 80, 'TCP', { viaService: true });
    expect(via.allowed).toBe(false);
    expect(via.ingress.decidedBy).toMatchObject({ tier: 'admin', action: 'deny', ref: 'clusternetworkpolicy/deny-self' });
    expect(via.egress.allowed).toBe(true);
  });

  it('through a Service, a pod NetworkPolicy isolates still reaches itself (NetworkPolicy admits loopback)', () => {
    const c = cluster([], [npDenyAllX]);
    const via = evaluateConnection(c, a, a, 80, 'TCP', { viaService: true });
    expect(via.allowed).toBe(true);
    expect(via.ingress.decidedBy).toMatchObject({ tier: 'networkpolicy', action: 'allow' });
    // Unrelated pairs still follow the NetworkPolicy.
    expect(evaluateConnection(c, b, a, 80, 'TCP', { viaService: true }).allowed).toBe(false);
  });

  it('weave enforces NetworkPolicy but not the cluster tiers, and says so', () => {
    const c = cluster([cnp({ name: 'deny-y', subject: cnpNamespaces({ team: 'x' }), ingress: [cnpRule('Deny', [fromNs('y')])] })], [], 'weave');
    const v = check(c, yc, a, 80);
    expect(v.allowed).toBe(true);
    expect(v.ingress.decidedBy).toBeUndefined();
    expect(v.ingress.reason).toContain('Weave does not enforce cluster-scoped policies: clusternetworkpolicy/deny-y is not applied');
    expect(check(cluster([], [npDenyAllX], 'weave'), yc, a, 80).allowed).toBe(false);
  });

  it('flannel enforces neither, and says so', () => {
    const c = cluster([cnp({ name: 'deny-y', subject: cnpNamespaces({ team: 'x' }), ingress: [cnpRule('Deny', [fromNs('y')])] })], [npDenyAllX], 'flannel');
    const v = check(c, yc, a, 80);
    expect(v.allowed).toBe(true);
    expect(v.ingress.enforced).toBe(false);
    expect(v.ingress.reason).toContain('nor cluster-scoped policies: clusternetworkpolicy/deny-y is not applied');
  });
});

