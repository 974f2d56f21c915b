/**
 * Stable placement (pods stay put when something else changes, as running pods do): on random
 * scenarios, scaling, adding or removing one workload leaves every other pod where it was.
 *
 * What a stateless rule can promise, and these tests hold it to exactly:
 * 1. Nodes: every other pod keeps its node, whatever the edit and wherever it is in the text.
 * 2. Addresses, edits to the newest document (the last one, or one appended): every other pod
 *    keeps its address, collisions or not (an older pod always keeps its slot).
 * 3. Addresses, edits anywhere: every other pod keeps its address unless two pods' slots
 *    collide on a node (then the newer one moves on); the tests check the uncontested pods.
 * Seeded, as every property test of the engine.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { simulate } from '../simulate';
import type { Cluster } from '../types';
import { hashString } from './hash';
import { parseIPv4, parseIPv4Range } from '../match/cidr';

type Kind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Pod';
interface Workload {
  readonly kind: Kind;
  readonly name: string;
  readonly namespace: string;
  readonly replicas: number;
  /** Pinned to one node by nodeSelector (hostname), or free. */
  readonly node?: number;
}
interface Scenario {
  readonly nodes: number;
  readonly ingress: boolean;
  readonly workloads: readonly Workload[];
}

const NAMES = ['web', 'api', 'db', 'cache', 'auth', 'queue', 'search', 'mail', 'logs', 'pay', 'cart', 'shop'];

function documentOf(w: Workload): string {
  const selector = w.node !== undefined ? `, nodeSelector: {kubernetes.io/hostname: node-${w.node}}` : '';
  const spec = `{containers: [{name: c, image: x, ports: [{containerPort: 80}]}]${selector}}`;
  if (w.kind === 'Pod') return `apiVersion: v1\nkind: Pod\nmetadata: {name: ${w.name}, namespace: ${w.namespace}, labels: {app: ${w.name}}}\nspec: ${spec}\n`;
  const replicas = w.kind === 'DaemonSet' ? '' : `replicas: ${w.replicas}, `;
  const serviceName = w.kind === 'StatefulSet' ? `serviceName: ${w.name}, ` : '';
  return `apiVersion: apps/v1\nkind: ${w.kind}\nmetadata: {name: ${w.name}, namespace: ${w.namespace}}\nspec: {${replicas}${serviceName}selector: {matchLabels: {app: ${w.name}}}, template: {metadata: {labels: {app: ${w.name}}}, spec: ${spec}}}\n`;
}

function textOf(s: Scenario): string {
  const docs = [`apiVersion: netplay.dev/v1\nkind: Scenario\nmetadata: {name: t}\nnodes: ${s.nodes}\n`, ...s.workloads.map(documentOf)];
  if (s.ingress) {
    docs.push('apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: in}\nspec: {rules: [{host: a.test, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]}\n');
  }
  return docs.join('---\n');
}

function clusterOf(s: Scenario): Cluster {
  return simulate([{ name: 'p.yaml', text: textOf(s) }]).cluster;
}

const workloadArb = (nodes: number, name: string): fc.Arbitrary<Workload> =>
  fc.record({
    kind: fc.constantFrom<Kind>('Deployment', 'Deployment', 'StatefulSet', 'DaemonSet', 'Pod'),
    namespace: fc.constantFrom('default', 'shop'),
    replicas: fc.integer({ min: 0, max: 6 }),
    node: fc.option(fc.integer({ min: 1, max: nodes }), { nil: undefined, freq: 4 }),
  }).map((w) => ({ ...w, name, ...(w.node === undefined ? {} : { node: w.node }) }) as Workload);

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({ nodes: fc.integer({ min: 1, max: 4 }), ingress: fc.boolean(), names: fc.shuffledSubarray(NAMES, { minLength: 1, maxLength: 8 }) })
  .chain(({ nodes, ingress, names }) =>
    fc.tuple(...names.map((n) => workloadArb(nodes, n))).map((workloads) => ({ nodes, ingress, workloads })),
  );

type Edit =
  | { readonly kind: 'scale'; readonly index: number; readonly replicas: number }
  | { readonly kind: 'remove'; readonly index: number }
  | { readonly kind: 'add'; readonly index: number; readonly workload: Workload };

/** A scenario and one edit of one workload (`at` picks which, or where a new one goes). */
const editedArb = (where: 'anywhere' | 'newest'): fc.Arbitrary<{ before: Scenario; after: Scenario; changed: string }> =>
  scenarioArb.chain((before) => {
    const n = before.workloads.length;
    const spare = NAMES.find((x) => !before.workloads.some((w) => w.name === x)) ?? 'extra';
    const at = where === 'newest' ? fc.constant(n - 1) : fc.integer({ min: 0, max: n - 1 });
    const addAt = where === 'newest' ? fc.constant(n) : fc.integer({ min: 0, max: n });
    const edit: fc.Arbitrary<Edit> = fc.oneof(
      fc.record({ kind: fc.constant('scale' as const), index: at, replicas: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant('remove' as const), index: at }),
      fc.record({ kind: fc.constant('add' as const), index: addAt, workload: workloadArb(before.nodes, spare) }),
    );
    return edit.map((e) => {
      const list = [...before.workloads];
      let changed: string;
      if (e.kind === 'scale') {
        changed = list[e.index]!.name;
        list[e.index] = { ...list[e.index]!, replicas: e.replicas };
      } else if (e.kind === 'remove') {
        changed = list[e.index]!.name;
        list.splice(e.index, 1);
      } else {
        changed = e.workload.name;
        list.splice(e.index, 0, e.workload);
      }
      return { before, after: { ...before, workloads: list }, changed };
    });
  });

/** Pods not made by the changed workload (pods are `<workload>-<n>` or the Pod's own name). */
function othersOf(cluster: Cluster, changed: string): Map<string, { node?: string; ip?: string }> {
  const own = (name: string) => name === changed || new RegExp(`^${changed}-\\d+$`).test(name);
  return new Map(cluster.pods.filter((p) => !own(p.name)).map((p) => [p.ref, { ...(p.nodeName !== undefined ? { node: p.nodeName } : {}), ...(p.ip !== undefined ? { ip: p.ip } : {}) }]));
}

/** The slot a pod's address would be if nothing else wanted it (the rule in pods.ts). */
function preferredIP(cluster: Cluster, ref: string, nodeName: string): number | undefined {
  const node = cluster.nodes.find((n) => n.name === nodeName);
  const range = node === undefined ? undefined : parseIPv4Range(node.podCIDR);
  if (range === undefined) return undefined;
  const first = range.first + 2;
  const size = range.last - 1 - first + 1;
  return first + (hashString(ref) % size);
}

function uncontested(cluster: Cluster): boolean {
  return cluster.pods.every((p) => p.ip === undefined || p.hostNetwork || p.nodeName === undefined || preferredIP(cluster, p.ref, p.nodeName) === parseIPv4(p.ip));
}

const RUNS = { seed: 20261206, numRuns: 60 };

describe('stable placement under edits (property)', () => {
  it('every other pod keeps its node, whichever workload is scaled, added or removed', () => {
    fc.assert(
      fc.property(editedArb('anywhere'), ({ before, after, changed }) => {
        const a = othersOf(clusterOf(before), changed);
        const b = othersOf(clusterOf(after), changed);
        expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
        for (const [ref, was] of a) expect(b.get(ref)?.node, ref).toBe(was.node);
      }),
      RUNS,
    );
  });

  it('an edit of the newest document (scale or remove the last one, or append one) moves no other pod and re-addresses none', () => {
    fc.assert(
      fc.property(editedArb('newest'), ({ before, after, changed }) => {
        const a = othersOf(clusterOf(before), changed);
        const b = othersOf(clusterOf(after), changed);
        expect(Object.fromEntries(b)).toEqual(Object.fromEntries(a));
      }),
      RUNS,
    );
  });

  it('anywhere in the text, when no two pods want one address, every other pod keeps its address', () => {
    let checked = 0;
    fc.assert(
      fc.property(editedArb('anywhere'), ({ before, after, changed }) => {
        const ca = clusterOf(before);
        const cb = clusterOf(after);
        fc.pre(uncontested(ca) && uncontested(cb));
        checked++;
        expect(Object.fromEntries(othersOf(cb, changed))).toEqual(Object.fromEntries(othersOf(ca, changed)));
      }),
      RUNS,
    );
    expect(checked).toBeGreaterThan(RUNS.numRuns / 2);
  });

  it('a removed pod\'s address is not taken by a pod that already existed', () => {
    fc.assert(
      fc.property(editedArb('newest'), ({ before, after }) => {
        const a = clusterOf(before);
        const b = clusterOf(after);
        const ipBefore = new Map(a.pods.map((p) => [p.ref, p.ip]));
        for (const p of b.pods) {
          if (!ipBefore.has(p.ref) || p.ip === undefined || p.hostNetwork) continue;
          expect(p.ip, p.ref).toBe(ipBefore.get(p.ref));
        }
      }),
      RUNS,
    );
  });
});

describe('the seed scenario: scaling one Deployment moves nothing else', () => {
  const seed = readFileSync(new URL('../../../scenarios/full-flow.yaml', import.meta.url), 'utf8');
  const withBackend = (replicas: number) => seed.replace(/(name: backend\n(?:.*\n)*?\s+replicas: )\d+/, `$1${replicas}`);
  const placement = (text: string) =>
    new Map(
      simulate([{ name: 'full-flow.yaml', text }])
        .cluster.pods.filter((p) => !p.name.startsWith('backend-'))
        .map((p) => [p.ref, [p.nodeName, p.ip]]),
    );

  it.each([0, 1, 3, 5, 9])('backend scaled from 2 to %i: coredns, database, the ingress controller and the rest stay put', (replicas) => {
    expect(withBackend(replicas)).not.toBe(seed);
    const before = placement(seed);
    expect([...before.keys()]).toEqual(expect.arrayContaining(['pod/kube-system/coredns-0', 'pod/default/database-0', 'pod/ingress-nginx/ingress-nginx-controller-0']));
    expect(Object.fromEntries(placement(withBackend(replicas)))).toEqual(Object.fromEntries(before));
  });
});
