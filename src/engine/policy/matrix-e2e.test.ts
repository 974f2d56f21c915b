/**
 * The upstream Kubernetes e2e NetworkPolicy suite (test/e2e/network/netpol/network_policy.go),
 * ported by meaning: the same model (namespaces x, y, z labelled `ns: <name>`, pods a, b, c
 * labelled `pod: <name>`, each serving 80 and 81 on TCP, UDP and SCTP with ports named
 * `serve-<port>-<proto>`), the same policies and the same expected truth tables, compared with
 * the matrix as the e2e `PrettyPrint` prints it. Upstream ignores loopback; here it is allowed.
 */
import { describe, expect, it } from 'vitest';
import type { ContainerPort, NetworkPolicyObject, NetworkPolicyPeer, NetworkPolicyRule, Protocol } from '../types';
import { buildTestCluster, buildTestPolicy, labelSelector as sel, type TestPod } from '../testing/cluster';
import { computeMatrix, toTruthTable } from './matrix';
import { evaluateReferencePair } from './reference';
import { evaluateConnection } from './evaluate';

const NS = ['x', 'y', 'z'];
const PODS = ['a', 'b', 'c'];
const ALL = NS.flatMap((ns) => PODS.map((p) => `${ns}/${p}`));
const containerPorts: ContainerPort[] = [80, 81].flatMap((port) =>
  (['TCP', 'UDP', 'SCTP'] as const).map((protocol) => ({ name: `serve-${port}-${protocol.toLowerCase()}`, containerPort: port, protocol })),
);
const testPods: TestPod[] = NS.flatMap((ns) => PODS.map((p) => ({ namespace: ns, name: p, labels: { pod: p }, ports: containerPorts })));
const namespaces = NS.map((name) => ({ name, labels: { ns: name } }));

type Peer = { ns?: string; pod?: string };
const matches = (peer: Peer, podString: string): boolean => {
  const [ns, pod] = podString.split('/');
  return (peer.ns === undefined || peer.ns === ns) && (peer.pod === undefined || peer.pod === pod);
};

/** The e2e Reachability helpers, by meaning. */
class Expectation {
  readonly values = new Map<string, boolean>();
  constructor() {
    for (const f of ALL) for (const t of ALL) this.values.set(`${f}>${t}`, true);
  }
  peer(from: Peer, to: Peer, ok: boolean): this {
    for (const f of ALL) for (const t of ALL) if (matches(from, f) && matches(to, t)) this.values.set(`${f}>${t}`, ok);
    return this;
  }
  pair(from: string, to: string, ok: boolean): this {
    this.values.set(`${from}>${to}`, ok);
    return this;
  }
  allIngress(to: string, ok: boolean): this {
    return this.peer({}, { ns: to.split('/')[0]!, pod: to.split('/')[1]! }, ok);
  }
  allEgress(from: string, ok: boolean): this {
    return this.peer({ ns: from.split('/')[0]!, pod: from.split('/')[1]! }, {}, ok);
  }
  /** PrettyPrint of truthtable.go, after AllowLoopback. */
  print(): string {
    const lines = [['-', ...ALL].join('\t')];
    for (const f of ALL) lines.push([f, ...ALL.map((t) => (f === t || this.values.get(`${f}>${t}`) ? '.' : 'X'))].join('\t'));
    return lines.join('\n');
  }
}
const expectAll = (): Expectation => new Expectation();

// Policy builders in the e2e helpers' terms.
const mdName = (ns: string) => sel({ 'kubernetes.io/metadata.name': ns });
const np = (ns: string, name: string, podSelector: Record<string, string>, spec: { ingress?: NetworkPolicyRule[]; egress?: NetworkPolicyRule[]; types?: ('Ingress' | 'Egress')[] }): NetworkPolicyObject => {
  const policyTypes = spec.types ?? [...(spec.ingress ? ['Ingress' as const] : []), ...(spec.egress ? ['Egress' as const] : [])];
  return buildTestPolicy({ namespace: ns, name, podSelector: sel(podSelector), policyTypes, ...(spec.ingress ? { ingress: spec.ingress } : {}), ...(spec.egress ? { egress: spec.egress } : {}) });
};
const rule = (peers: NetworkPolicyPeer[] = [], ports: NetworkPolicyRule['ports'] = []): NetworkPolicyRule => ({ peers, ports });
const port = (p: number | string, protocol: Protocol = 'TCP') => ({ port: p, protocol });

interface Step {
  port: number | string;
  protocol: Protocol;
  expected: Expectation;
}
interface Case {
  name: string;
  /** `ip('y/b')` gives a pod IP, for the ipBlock cases. */
  policies: (ip: (pod: string) => string) => NetworkPolicyObject[];
  steps: Step[];
}

const tcp80 = (expected: Expectation): Step => ({ port: 80, protocol: 'TCP', expected });
const tcp81 = (expected: Expectation): Step => ({ port: 81, protocol: 'TCP', expected });

const denyIngressX = () => np('x', 'deny-ingress', {}, { ingress: [] });
const port81FromY = (name: string, protocol: Protocol = 'TCP') => np('x', name, { pod: 'a' }, { ingress: [rule([{ namespaceSelector: mdName('y') }], [port(81, protocol)])] });
const podAFromYA = (protocol: Protocol) => ({
  name: `${protocol}: allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector`,
  policies: () => [np('x', 'allow-ns-y-pod-a-via-namespace-pod-selector', { pod: 'a' }, { ingress: [rule([{ namespaceSelector: mdName('y'), podSelector: sel({ pod: 'a' }) }])] })],
  steps: [{ port: 80, protocol, expected: expectAll().allIngress('x/a', false).pair('y/a', 'x/a', true) }],
});

const cases: Case[] = [
  { name: "support a 'default-deny-ingress' policy", policies: () => [denyIngressX()], steps: [tcp80(expectAll().peer({}, { ns: 'x' }, false))] },
  {
    name: "support a 'default-deny-all' policy",
    policies: () => [np('x', 'deny-all', {}, { ingress: [], egress: [] })],
    steps: [tcp80(expectAll().peer({}, { ns: 'x' }, false).peer({ ns: 'x' }, {}, false))],
  },
  {
    name: 'allow traffic from pods within server namespace based on PodSelector',
    policies: () => [np('x', 'x-a-allows-x-b', { pod: 'a' }, { ingress: [rule([{ podSelector: sel({ pod: 'b' }) }])] })],
    steps: [tcp80(expectAll().allIngress('x/a', false).pair('x/b', 'x/a', true))],
  },
  {
    name: 'allow ingress traffic for a target',
    policies: () => [np('x', 'deny-all', {}, { ingress: [] }), np('x', 'allow-all-to-a', { pod: 'a' }, { ingress: [rule([{ podSelector: sel(), namespaceSelector: sel() }])] })],
    steps: [tcp80(expectAll().allIngress('x/b', false).allIngress('x/c', false).allIngress('x/a', true))],
  },
  {
    name: 'allow ingress traffic from pods in all namespaces',
    policies: () => [np('x', 'allow-from-another-ns', { pod: 'a' }, { ingress: [rule([{ namespaceSelector: sel() }])] })],
    steps: [tcp80(expectAll())],
  },
  {
    name: 'allow traffic only from a different namespace, based on NamespaceSelector',
    policies: () => [np('x', 'allow-client-a-via-ns-selector', { pod: 'a' }, { ingress: [rule([{ namespaceSelector: mdName('y') }])] })],
    steps: [tcp80(expectAll().peer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).peer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false))],
  },
  {
    name: 'PodSelector with MatchExpressions',
    policies: () => [np('x', 'x-a-allows-x-b', { pod: 'a' }, { ingress: [rule([{ podSelector: sel({}, [{ key: 'pod', operator: 'In', values: ['b'] }]) }])] })],
    steps: [tcp80(expectAll().allIngress('x/a', false).pair('x/b', 'x/a', true))],
  },
  {
    name: 'NamespaceSelector with MatchExpressions',
    policies: () => [np('x', 'allow-ns-y-match-selector', { pod: 'a' }, { ingress: [rule([{ namespaceSelector: sel({}, [{ key: 'ns', operator: 'In', values: ['y'] }]) }])] })],
    steps: [tcp80(expectAll().peer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).peer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false))],
  },
  {
    name: 'PodSelector or NamespaceSelector',
    policies: () => [
      np('x', 'allow-ns-y-match-selector', { pod: 'a' }, { ingress: [rule([{ namespaceSelector: sel({}, [{ key: 'ns', operator: 'NotIn', values: ['x'] }]) }, { podSelector: sel({ pod: 'b' }) }])] }),
    ],
    steps: [tcp80(expectAll().pair('x/a', 'x/a', false).pair('x/c', 'x/a', false))],
  },
  {
    name: 'PodSelector and NamespaceSelector',
    policies: () => [
      np('x', 'allow-ns-y-podselector-and-nsselector', { pod: 'a' }, { ingress: [rule([{ namespaceSelector: sel({}, [{ key: 'ns', operator: 'NotIn', values: ['x'] }]), podSelector: sel({ pod: 'b' }) }])] }),
    ],
    steps: [tcp80(expectAll().allIngress('x/a', false).pair('y/b', 'x/a', true).pair('z/b', 'x/a', true))],
  },
  {
    name: 'Multiple PodSelectors and NamespaceSelectors',
    policies: () => [
      np('x', 'allow-ns-y-z-pod-b-c', { pod: 'a' }, {
        ingress: [rule([{ namespaceSelector: sel({}, [{ key: 'ns', operator: 'NotIn', values: ['x'] }]), podSelector: sel({}, [{ key: 'pod', operator: 'In', values: ['b', 'c'] }]) }])],
      }),
    ],
    steps: [tcp80(expectAll().peer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).pair('y/a', 'x/a', false).pair('z/a', 'x/a', false))],
  },
  {
    name: 'any PodSelectors',
    policies: () => [np('x', 'allow-ns-x-pod-b-c', { pod: 'a' }, { ingress: [rule([{ podSelector: sel({ pod: 'b' }) }, { podSelector: sel({ pod: 'c' }) }])] })],
    steps: [tcp80(expectAll().allIngress('x/a', false).pair('x/b', 'x/a', true).pair('x/c', 'x/a', true))],
  },
  podAFromYA('TCP'),
  { name: 'Ports', policies: () => [port81FromY('allow-client-a-via-ns-selector')], steps: [tcp81(expectAll().peer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).peer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false))] },
  {
    name: 'multiple, stacked policies with overlapping podSelectors (only 81)',
    policies: () => [port81FromY('allow-client-a-via-ns-selector')],
    steps: [
      tcp81(expectAll().peer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).peer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false)),
      tcp80(expectAll().allIngress('x/a', false)),
    ],
  },
  {
    name: 'multiple, stacked policies with overlapping podSelectors (80 added)',
    policies: () => [port81FromY('allow-client-a-via-ns-selector'), np('x', 'allow-client-a-via-ns-selector-80', { pod: 'a' }, { ingress: [rule([{ namespaceSelector: mdName('y') }], [port(80)])] })],
    steps: [tcp80(expectAll().peer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).peer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false))],
  },
  { name: 'allow-all policy', policies: () => [np('x', 'allow-all', {}, { ingress: [rule()] })], steps: [tcp80(expectAll()), tcp81(expectAll())] },
  {
    name: 'allow ingress access on one named port',
    policies: () => [np('x', 'allow-all', {}, { ingress: [rule([], [port('serve-81-tcp')])] })],
    steps: [tcp81(expectAll()), tcp80(expectAll().peer({}, { ns: 'x' }, false))],
  },
  {
    name: 'allow ingress access from namespace on one named port',
    policies: () => [np('x', 'allow-client-a-via-ns-selector-80', { pod: 'a' }, { ingress: [rule([{ namespaceSelector: mdName('y') }], [port('serve-80-tcp')])] })],
    steps: [tcp80(expectAll().peer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).peer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false)), tcp81(expectAll().allIngress('x/a', false))],
  },
  {
    name: 'allow egress access on one named port',
    policies: () => [np('x', 'allow-egress', {}, { egress: [rule([], [port('serve-80-tcp')])] })],
    steps: [tcp80(expectAll()), tcp81(expectAll().peer({ ns: 'x' }, {}, false))],
  },
  { name: 'enforce updated policy (before: allow all)', policies: () => [np('x', 'allow-all-mutate-to-deny-all', {}, { ingress: [rule()] })], steps: [tcp81(expectAll())] },
  { name: 'enforce updated policy (after: deny all)', policies: () => [np('x', 'allow-all-mutate-to-deny-all', {}, { ingress: [] })], steps: [tcp81(expectAll().peer({}, { ns: 'x' }, false))] },
  {
    name: 'deny ingress from pods on other namespaces',
    policies: () => [np('x', 'deny-empty-policy', {}, { ingress: [rule([{ podSelector: sel() }])] })],
    steps: [tcp80(expectAll().peer({ ns: 'y' }, { ns: 'x' }, false).peer({ ns: 'z' }, { ns: 'x' }, false))],
  },
  { name: 'deny egress from pods based on PodSelector', policies: () => [np('x', 'deny-egress-pod-a', { pod: 'a' }, { egress: [] })], steps: [tcp80(expectAll().allEgress('x/a', false))] },
  { name: 'deny egress from all pods in a namespace', policies: () => [np('x', 'deny-egress-ns-x', {}, { egress: [] })], steps: [tcp80(expectAll().peer({ ns: 'x' }, {}, false))] },
  {
    name: 'Ingress, Egress specified together',
    policies: () => [np('x', 'allow-client-a-via-pod-selector', { pod: 'a' }, { ingress: [rule([{ podSelector: sel({ pod: 'b' }) }])], egress: [rule([], [port(80)])], types: ['Egress', 'Ingress'] })],
    steps: [
      tcp80(expectAll().allIngress('x/a', false).pair('x/b', 'x/a', true)),
      tcp81(expectAll().allIngress('x/a', false).allEgress('x/a', false).pair('x/b', 'x/a', true)),
    ],
  },
  {
    name: 'deny egress on the client side even if the server allows it',
    policies: () => {
      const fromXA = rule([{ namespaceSelector: mdName('x'), podSelector: sel({ pod: 'a' }) }]);
      return [
        np('x', 'allow-to-ns-y-pod-a', { pod: 'a' }, { egress: [rule([{ namespaceSelector: mdName('y'), podSelector: sel({ pod: 'a' }) }])] }),
        np('y', 'allow-from-xa-on-ya-match-selector', { pod: 'a' }, { ingress: [fromXA] }),
        np('y', 'allow-from-xa-on-yb-match-selector', { pod: 'b' }, { ingress: [fromXA] }),
      ];
    },
    steps: [tcp80(expectAll().peer({ ns: 'x', pod: 'a' }, {}, false).peer({}, { ns: 'y', pod: 'a' }, false).pair('x/a', 'y/a', true).peer({}, { ns: 'y', pod: 'b' }, false))],
  },
  {
    name: 'egress to a server in a different namespace based on PodSelector and NamespaceSelector',
    policies: () => [np('x', 'allow-to-ns-y-pod-a', { pod: 'a' }, { egress: [rule([{ namespaceSelector: mdName('y'), podSelector: sel({ pod: 'a' }) }])] })],
    steps: [tcp80(expectAll().allEgress('x/a', false).pair('x/a', 'y/a', true))],
  },
  {
    name: 'ingress allowing any port on a specific protocol',
    policies: () => [np('x', 'allow-ingress-by-proto', { pod: 'a' }, { ingress: [rule([], [{ protocol: 'TCP' }])] })],
    steps: [tcp80(expectAll()), { port: 80, protocol: 'UDP', expected: expectAll().allIngress('x/a', false) }],
  },
  {
    name: 'multiple ingress policies, allow-all taking precedence (before)',
    policies: () => [np('x', 'allow-ingress-port-80', {}, { ingress: [rule([], [port(80)])] })],
    steps: [tcp81(expectAll().peer({}, { ns: 'x' }, false))],
  },
  {
    name: 'multiple ingress policies, allow-all taking precedence (after)',
    policies: () => [np('x', 'allow-ingress-port-80', {}, { ingress: [rule([], [port(80)])] }), np('x', 'allow-ingress', {}, { ingress: [rule()] })],
    steps: [tcp81(expectAll())],
  },
  {
    name: 'multiple egress policies, allow-all taking precedence (before)',
    policies: () => [np('x', 'allow-egress-port-80', {}, { egress: [rule([], [port(80)])] })],
    steps: [tcp81(expectAll().peer({ ns: 'x' }, {}, false))],
  },
  {
    name: 'multiple egress policies, allow-all taking precedence (after)',
    policies: () => [np('x', 'allow-egress-port-80', {}, { egress: [rule([], [port(80)])] }), np('x', 'allow-egress', {}, { egress: [rule()] })],
    steps: [tcp81(expectAll())],
  },
  {
    name: 'stop enforcing policies after they are deleted (while present)',
    policies: () => [np('x', 'deny-all', {}, { ingress: [], egress: [] })],
    steps: [tcp80(expectAll().peer({ ns: 'x' }, {}, false).peer({}, { ns: 'x' }, false))],
  },
  { name: 'stop enforcing policies after they are deleted (deleted)', policies: () => [], steps: [tcp80(expectAll())] },
  {
    name: 'allow egress access to server in CIDR block',
    policies: (ip) => [np('x', 'allow-client-a-via-cidr-egress-rule', { pod: 'a' }, { egress: [rule([{ ipBlock: { cidr: `${ip('y/b')}/32`, except: [] } }])] })],
    steps: [tcp80(expectAll().allEgress('x/a', false).pair('x/a', 'y/b', true))],
  },
  {
    name: 'except clause while egress access to server in CIDR block',
    policies: (ip) => [np('x', 'allow-client-a-via-cidr-egress-rule', { pod: 'a' }, { egress: [rule([{ ipBlock: { cidr: '0.0.0.0/4', except: [`${ip('x/b')}/32`] } }])] })],
    steps: [tcp80(expectAll().pair('x/a', 'x/b', false))],
  },
  {
    name: 'an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed (policy updated)',
    policies: (ip) => [np('x', 'allow-client-a-via-cidr-egress-rule', { pod: 'a' }, { egress: [rule([{ ipBlock: { cidr: `${ip('x/b')}/32`, except: [] } }])] })],
    steps: [tcp80(expectAll().allEgress('x/a', false).pair('x/a', 'x/b', true))],
  },
  {
    name: 'ingress and egress policies controlled independently',
    policies: () => [np('x', 'allow-egress-for-target', { pod: 'a' }, { egress: [rule()] }), np('x', 'deny-ingress-via-label-selector', { pod: 'a' }, { ingress: [] })],
    steps: [tcp80(expectAll().allIngress('x/a', false))],
  },
  {
    name: "not mistakenly treat 'protocol: SCTP' as 'protocol: TCP'",
    policies: () => [denyIngressX(), np('x', 'allow-only-sctp-ingress-on-port-81', { pod: 'a' }, { ingress: [rule([], [port(81, 'SCTP')])] })],
    steps: [tcp81(expectAll().peer({}, { ns: 'x' }, false))],
  },
  {
    name: 'isolate pods selected by a policy allowing SCTP',
    policies: () => [np('x', 'allow-only-sctp-ingress-on-port-80', { pod: 'a' }, { ingress: [rule([], [port(80, 'SCTP')])] })],
    steps: [tcp81(expectAll().allIngress('x/a', false))],
  },
  {
    name: 'not allow access by TCP when a policy specifies only UDP',
    policies: () => [np('x', 'allow-only-udp-ingress-on-port-81', { pod: 'a' }, { ingress: [rule([], [port(81, 'UDP')])] })],
    steps: [tcp81(expectAll().allIngress('x/a', false)), { port: 81, protocol: 'UDP', expected: expectAll() }],
  },
  {
    name: 'NamespaceSelector with MatchLabels using default ns label',
    policies: () => [np('x', 'allow-client-a-via-ns-selector-for-immutable-ns-label', { pod: 'a' }, { ingress: [rule([{ namespaceSelector: mdName('y') }])] })],
    steps: [tcp80(expectAll().peer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).peer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false))],
  },
  {
    name: 'NamespaceSelector with MatchExpressions using default ns label (egress)',
    policies: () => [np('x', 'allow-ns-y-match-selector-for-immutable-ns-label', { pod: 'a' }, { egress: [rule([{ namespaceSelector: sel({}, [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['y'] }]) }])] })],
    steps: [tcp80(expectAll().peer({ ns: 'x', pod: 'a' }, { ns: 'y' }, false))],
  },
  { name: "UDP: support a 'default-deny-ingress' policy", policies: () => [denyIngressX()], steps: [{ port: 80, protocol: 'UDP', expected: expectAll().peer({}, { ns: 'x' }, false) }] },
  {
    name: 'UDP: Ports',
    policies: () => [port81FromY('allow-ingress-on-port-81-ns-x', 'UDP')],
    steps: [{ port: 81, protocol: 'UDP', expected: expectAll().peer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).peer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false) }, tcp81(expectAll().allIngress('x/a', false))],
  },
  podAFromYA('UDP'),
  { name: "SCTP: support a 'default-deny-ingress' policy", policies: () => [denyIngressX()], steps: [{ port: 80, protocol: 'SCTP', expected: expectAll().peer({}, { ns: 'x' }, false) }] },
  {
    name: 'SCTP: Ports',
    policies: () => [port81FromY('allow-ingress-on-port-81-ns-x', 'SCTP')],
    steps: [{ port: 81, protocol: 'SCTP', expected: expectAll().peer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).peer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false) }],
  },
  podAFromYA('SCTP'),
];

// Label updates are cases too: the same policy before and after the label change.
const nsUpdated = (labelled: boolean): Case => ({
  name: `allow ingress access from updated namespace (${labelled ? 'after' : 'before'} labelling y)`,
  policies: () => [np('x', 'allow-client-a-via-ns-selector', { pod: 'a' }, { ingress: [rule([{ namespaceSelector: sel({ ns2: 'updated' }) }])] })],
  steps: [tcp80(labelled ? expectAll().allIngress('x/a', false).peer({ ns: 'y' }, {}, true) : expectAll().allIngress('x/a', false))],
});

function run(c: Case, extra: { nsLabels?: Record<string, Record<string, string>>; podLabels?: Record<string, Record<string, string>> } = {}): void {
  const podsWithLabels = testPods.map((p) => ({ ...p, labels: { ...p.labels, ...(extra.podLabels?.[`${p.namespace}/${p.name}`] ?? {}) } }));
  const nsWithLabels = namespaces.map((n) => ({ ...n, labels: { ...n.labels, ...(extra.nsLabels?.[n.name] ?? {}) } }));
  const bare = buildTestCluster({ namespaces: nsWithLabels, pods: podsWithLabels });
  const ip = (pod: string): string => bare.pods.find((p) => `${p.namespace}/${p.name}` === pod)!.ip!;
  const cluster = buildTestCluster({ namespaces: nsWithLabels, pods: podsWithLabels, policies: c.policies(ip) });
  for (const step of c.steps) {
    const matrix = computeMatrix(cluster, { port: step.port, protocol: step.protocol });
    expect(matrix.pods).toEqual(ALL);
    expect(`${step.protocol}/${step.port}\n${toTruthTable(matrix, matrix.ports[0]!)}`).toBe(`${step.protocol}/${step.port}\n${step.expected.print()}`);
    // The per-pair evaluator and the oracle agree with the table.
    const numeric = typeof step.port === 'number' ? step.port : 0;
    for (const [i, from] of cluster.pods.entries()) {
      for (const [j, to] of cluster.pods.entries()) {
        const cell = matrix.ports[0]!.rows[ALL.indexOf(`${from.namespace}/${from.name}`)]![ALL.indexOf(`${to.namespace}/${to.name}`)];
        const v = evaluateConnection(cluster, { kind: 'pod', podRef: from.ref }, { kind: 'pod', podRef: to.ref }, numeric, step.protocol);
        expect([i, j, v.allowed ? '.' : 'X']).toEqual([i, j, cell]);
        expect(evaluateReferencePair(cluster, from, to, numeric, step.protocol)).toBe(v.allowed);
      }
    }
  }
}

describe('upstream e2e NetworkPolicy suite, ported', () => {
  it.each(cases.map((c) => [c.name, c] as const))('should %s', (_name, c) => run(c));

  it('allow ingress access from updated namespace', () => {
    run(nsUpdated(false));
    run(nsUpdated(true), { nsLabels: { y: { ns2: 'updated' } } });
  });

  it('allow ingress access from updated pod', () => {
    const c: Case = {
      name: 'updated pod',
      policies: () => [np('x', 'allow-client-a-via-pod-selector', { pod: 'a' }, { ingress: [rule([{ podSelector: sel({ pod: 'b', pod2: 'updated' }) }])] })],
      steps: [tcp80(expectAll().allIngress('x/a', false))],
    };
    run(c);
    run({ ...c, steps: [tcp80(expectAll().allIngress('x/a', false).pair('x/b', 'x/a', true))] }, { podLabels: { 'x/b': { pod2: 'updated' } } });
  });

  it('deny ingress access to updated pod', () => {
    const c: Case = {
      name: 'updated pod isolated',
      policies: () => [np('x', 'deny-ingress-via-label-selector', { target: 'isolated' }, { ingress: [] })],
      steps: [tcp80(expectAll())],
    };
    run(c);
    run({ ...c, steps: [tcp80(expectAll().allIngress('x/a', false))] }, { podLabels: { 'x/a': { target: 'isolated' } } });
  });

});
