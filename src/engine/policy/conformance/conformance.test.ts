/**
 * The network-policy-api conformance suite, ported by meaning: the upstream base manifests
 * (namespaces gryffindor, slytherin, hufflepuff, ravenclaw and the host-network
 * forbidden-forrest, two StatefulSet pods each) with each test's policies, mutated between
 * steps as the Go tests patch them, and every expected poke checked through the whole pipeline:
 * YAML text → simulate → the per-pair evaluator, the reference oracle, the matrix and the
 * trace (the CLI's `trace`). A wrong reader, tier walk, oracle or matrix fails a poke.
 *
 * v1alpha2 (ClusterNetworkPolicy) is the suite at upstream HEAD; v1alpha1 (AdminNetworkPolicy,
 * BaselineAdminNetworkPolicy) is the suite at its last v1alpha1 commit, with its own fixtures.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import type { Cluster, ClusterPod, Protocol } from '../../types';
import { simulate, traceQueries } from '../../simulate';
import { evaluateConnection } from '../evaluate';
import { evaluateReferencePair } from '../reference';
import { computeMatrix, matrixCell } from '../matrix';
import type { ConformanceStep, ConformanceTest } from './steps';
import { V1ALPHA2_TESTS } from './cases-v1alpha2';
import { V1ALPHA1_TESTS } from './cases-v1alpha1';

const PREFIX = 'network-policy-conformance-';
const CLUSTER_POLICY_KINDS = new Set([
  'ClusterNetworkPolicy',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
]);

export const readFixture = (path: string): string =>
  readFileSync(
    fileURLToPath(
      new URL(`../../../../tests/fixtures/network-policy-api/${path}`, import.meta.url),
    ),
    'utf8',
  );

type Doc = { [key: string]: unknown };

function asDoc(value: unknown, what: string): Doc {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${what} is not a mapping`);
  return value as Doc;
}
const metadataOf = (d: Doc): Doc => asDoc(d['metadata'] ?? {}, 'metadata');
const specOf = (d: Doc): Doc => asDoc(d['spec'], 'spec');
const isObject = (d: Doc, kind: string, name: string, namespace?: string): boolean =>
  d['kind'] === kind &&
  metadataOf(d)['name'] === name &&
  (namespace === undefined || metadataOf(d)['namespace'] === namespace);

/** The applied objects of one test, as plain YAML values, changed the way the Go tests patch them. */
class AppliedManifests {
  private docs: Doc[];
  private cachedText: string | undefined;
  private cachedCluster: Cluster | undefined;
  readonly errors: string[] = [];

  constructor(texts: readonly string[]) {
    this.docs = texts
      .flatMap((text) => parseAllDocuments(text).map((d) => d.toJS() as Doc | null))
      .filter((d): d is Doc => d !== null && typeof d === 'object');
  }

  text(): string {
    return this.docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
  }

  cluster(): Cluster {
    const text = this.text();
    if (text !== this.cachedText || this.cachedCluster === undefined) {
      const analysis = simulate([{ name: 'conformance.yaml', text }]);
      for (const d of analysis.diagnostics)
        if (d.severity === 'error') this.errors.push(`${d.code}: ${d.message}`);
      this.cachedText = text;
      this.cachedCluster = analysis.cluster;
    }
    return this.cachedCluster;
  }

  private policy(name: string): Doc {
    const found = this.docs.find(
      (d) =>
        typeof d['kind'] === 'string' &&
        CLUSTER_POLICY_KINDS.has(d['kind']) &&
        metadataOf(d)['name'] === name,
    );
    if (found === undefined) throw new Error(`no cluster policy ${name} in the fixtures`);
    return found;
  }

  private rules(name: string, direction: 'ingress' | 'egress'): Doc[] {
    const rules = specOf(this.policy(name))[direction];
    if (!Array.isArray(rules)) throw new Error(`${name} has no ${direction} rules`);
    return rules.map((r, i) => asDoc(r, `${direction}[${i}]`));
  }

  apply(step: Exclude<ConformanceStep, { op: 'poke' }>): void {
    switch (step.op) {
      case 'swapRules': {
        const rules = this.rules(step.policy, step.direction);
        const a = rules[step.a]!;
        rules[step.a] = rules[step.b]!;
        rules[step.b] = a;
        specOf(this.policy(step.policy))[step.direction] = rules;
        return;
      }
      case 'setNamedPort': {
        const policy = this.policy(step.policy);
        const rule = this.rules(step.policy, step.direction)[step.rule]!;
        if (String(policy['apiVersion']).endsWith('/v1alpha2')) {
          delete rule['ports'];
          rule['protocols'] = [{ destinationNamedPort: step.portName }];
        } else {
          delete rule['protocols'];
          rule['ports'] = [{ namedPort: step.portName }];
        }
        return;
      }
      case 'setAction':
        this.rules(step.policy, step.direction)[step.rule]!['action'] = step.action;
        return;
      case 'setPriority':
        specOf(this.policy(step.policy))['priority'] = step.priority;
        return;
      case 'setNamespaceLabels': {
        const ns = this.docs.find((d) => isObject(d, 'Namespace', PREFIX + step.namespace));
        if (ns === undefined) throw new Error(`no namespace ${step.namespace}`);
        metadataOf(ns)['labels'] = { ...step.labels };
        return;
      }
      case 'prependNetworksRule': {
        const cluster = this.cluster();
        const cidrs = step.pods.map((p) => `${findPod(cluster, p).ip!}/32`);
        const spec = specOf(this.policy(step.policy));
        const egress: unknown[] = Array.isArray(spec['egress'])
          ? (spec['egress'] as unknown[])
          : [];
        spec['egress'] = [
          { name: step.name, action: step.action, to: [{ networks: cidrs }] },
          ...egress,
        ];
        return;
      }
      case 'deleteNetworkPolicy': {
        const before = this.docs.length;
        this.docs = this.docs.filter(
          (d) => !isObject(d, 'NetworkPolicy', step.name, PREFIX + step.namespace),
        );
        if (this.docs.length === before)
          throw new Error(`no NetworkPolicy ${step.namespace}/${step.name}`);
        return;
      }
    }
  }
}

function findPod(cluster: Cluster, shortName: string): ClusterPod {
  const [ns, name] = shortName.split('/');
  const pod = cluster.pods.find((p) => p.namespace === PREFIX + ns && p.name === name);
  if (pod === undefined) throw new Error(`no pod ${shortName} in the cluster`);
  return pod;
}

/** What each part of the pipeline answers for one poke: true = connects. */
export interface PokeAnswers {
  readonly evaluator: boolean;
  readonly reference: boolean;
  readonly matrix: boolean | 'not in the matrix';
  readonly trace: boolean;
}

export function answerPoke(
  cluster: Cluster,
  from: string,
  to: string,
  port: number,
  protocol: Protocol,
): PokeAnswers & { reason: string } {
  const src = findPod(cluster, from);
  const dst = findPod(cluster, to);
  const verdict = evaluateConnection(
    cluster,
    { kind: 'pod', podRef: src.ref },
    { kind: 'pod', podRef: dst.ref },
    port,
    protocol,
  );
  const matrix = computeMatrix(cluster, { port, protocol });
  const grid = matrix.ports.find((g) => g.port === port && g.protocol === protocol);
  const i = matrix.pods.indexOf(`${src.namespace}/${src.name}`);
  const j = matrix.pods.indexOf(`${dst.namespace}/${dst.name}`);
  const [trace] = traceQueries(cluster, [
    {
      from: `pod/${src.namespace}/${src.name}`,
      to: `pod/${dst.namespace}/${dst.name}:${port}/${protocol.toLowerCase()}`,
    },
  ]);
  return {
    evaluator: verdict.allowed,
    reference: evaluateReferencePair(cluster, src, dst, port, protocol),
    matrix:
      grid === undefined || i < 0 || j < 0
        ? 'not in the matrix'
        : matrixCell(matrix, grid, i, j) === '.',
    trace: trace!.error === undefined && trace!.verdict === 'allow',
    reason: `egress: ${verdict.egress.reason} ingress: ${verdict.ingress.reason}`,
  };
}

/** Runs one subtest's steps in order; returns every poke the pipeline answers unlike upstream. */
function runSteps(applied: AppliedManifests, steps: readonly ConformanceStep[]): string[] {
  const problems: string[] = [];
  for (const step of steps) {
    if (step.op !== 'poke') {
      applied.apply(step);
      continue;
    }
    const what = `${step.from} → ${step.to} ${step.protocol}/${step.port} should ${step.connect ? 'connect' : 'not connect'}`;
    try {
      const answers = answerPoke(applied.cluster(), step.from, step.to, step.port, step.protocol);
      const wrong = (['evaluator', 'reference', 'matrix', 'trace'] as const).filter(
        (k) =>
          answers[k] !== step.connect && !(k === 'matrix' && answers[k] === 'not in the matrix'),
      );
      if (wrong.length > 0)
        problems.push(`${what}; wrong: ${wrong.join(', ')} (${answers.reason})`);
    } catch (error) {
      problems.push(`${what}; threw ${String(error)}`);
    }
  }
  return problems;
}

function portSuite(version: 'v1alpha2' | 'v1alpha1', tests: readonly ConformanceTest[]): void {
  const base = readFixture(`${version}/manifests.yaml`);
  describe(`network-policy-api conformance ${version}`, () => {
    for (const test of tests) {
      describe(test.name, () => {
        // Upstream patches stay in force for the later subtests: one applied state per test, in order.
        const applied = new AppliedManifests([
          base,
          ...test.manifests.map((m) => readFixture(`${version}/${m}`)),
        ]);
        for (const subtest of test.subtests) {
          it(subtest.name, () => {
            const problems = runSteps(applied, subtest.steps);
            expect(applied.errors).toEqual([]);
            expect(problems).toEqual([]);
          });
        }
      });
    }
  });
}

portSuite('v1alpha2', V1ALPHA2_TESTS);
portSuite('v1alpha1', V1ALPHA1_TESTS);

describe('the ported suite itself', () => {
  it('has every upstream poke (301 at HEAD, 289 at the last v1alpha1 commit)', () => {
    const count = (tests: readonly ConformanceTest[]) =>
      tests.flatMap((t) => t.subtests.flatMap((s) => s.steps)).filter((s) => s.op === 'poke')
        .length;
    expect(count(V1ALPHA2_TESTS)).toBe(301);
    expect(count(V1ALPHA1_TESTS)).toBe(289);
  });
  it('without cluster policies, the base cluster connects every pair (the fixtures load; nothing else isolates)', () => {
    const applied = new AppliedManifests([readFixture('v1alpha2/manifests.yaml')]);
    const answers = answerPoke(
      applied.cluster(),
      'gryffindor/harry-potter-0',
      'slytherin/draco-malfoy-1',
      80,
      'TCP',
    );
    expect(answers).toMatchObject({ evaluator: true, reference: true, matrix: true, trace: true });
    expect(applied.errors).toEqual([]);
  });
});
