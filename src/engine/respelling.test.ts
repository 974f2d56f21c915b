/**
 * Metamorphic test: the same manifests spelled differently answer every query exactly alike.
 * The seed scenario and examples from the Kubernetes documentation are re-spelled — flow
 * (JSON) instead of block, every scalar quoted, keys in reverse order, repeated maps as
 * anchors and aliases, maps rebuilt with `<<` merge keys, comments everywhere, CRLF line ends —
 * and each spelling must give the same cluster, graph, checks, matrix and traces (source
 * positions aside, since the lines move).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Analysis, Query } from './types';
import { parseManifests } from './manifest/parse';
import { simulate, traceQueries } from './simulate';
import { computeMatrix } from './policy/matrix';

const root = join(__dirname, '..', '..');

// ---------------------------------------------------------------------------------------------
// Spellings

interface Spelling {
  readonly quoteAll?: boolean;
  readonly reverseKeys?: boolean;
  readonly anchors?: boolean;
  readonly merge?: boolean;
  readonly comments?: boolean;
  readonly flowBelow?: number;
}

const PLAIN_SAFE = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
const RESERVED = /^(?:true|false|null|~|y|n|yes|no|on|off)$/i;

function scalar(v: unknown, s: Spelling): string {
  if (typeof v === 'string') return !s.quoteAll && PLAIN_SAFE.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return 'null';
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

class Emitter {
  private readonly seen = new Map<string, string>();
  private anchorCount = 0;
  constructor(private readonly s: Spelling) {}

  private keys(m: Record<string, unknown>): string[] {
    const keys = Object.keys(m);
    return this.s.reverseKeys ? keys.reverse() : keys;
  }

  /** `&aN ` before a collection met for the first time, or `*aN` for a repeat (anchors spelling). */
  private reuse(v: unknown): { alias?: string; anchor: string } {
    if (!this.s.anchors || (isMap(v) ? Object.keys(v).length === 0 : !Array.isArray(v) || v.length === 0)) return { anchor: '' };
    const json = JSON.stringify(v);
    const known = this.seen.get(json);
    if (known) return { alias: `*${known}`, anchor: '' };
    const name = `a${++this.anchorCount}`;
    this.seen.set(json, name);
    return { anchor: `&${name} ` };
  }

  flow(v: unknown, anchored = false): string {
    if (!anchored && (isMap(v) || Array.isArray(v))) {
      const { alias, anchor } = this.reuse(v);
      if (alias) return alias;
      if (anchor) return `${anchor}${this.flow(v, true)}`;
    }
    if (Array.isArray(v)) return `[${v.map((x) => this.flow(x)).join(', ')}]`;
    if (isMap(v)) {
      const keys = this.keys(v);
      const pairs = keys.map((k) => `${scalar(k, this.s)}: ${this.flow(v[k])}`);
      // Merge spelling: the first key comes in through `<<` (first, where go-yaml and the spec agree).
      if (this.s.merge && pairs.length > 0) pairs[0] = `<<: {${pairs[0]}}`;
      return `{${pairs.join(', ')}}`;
    }
    return scalar(v, this.s);
  }

  /** The lines of a map or list at `indent` (the caller writes the line that owns it). */
  block(v: unknown, indent: number): string[] {
    const pad = ' '.repeat(indent);
    const lines: string[] = [];
    const comment = (): void => {
      if (this.s.comments) lines.push(`${pad}# a comment`);
    };
    const value = (x: unknown, depth: number): { head: string; rest: string[] } => {
      const { alias, anchor } = this.reuse(x);
      if (alias) return { head: ` ${alias}`, rest: [] };
      if (!isMap(x) && !Array.isArray(x)) return { head: ` ${scalar(x, this.s)}${this.s.comments ? ' # trailing' : ''}`, rest: [] };
      if ((isMap(x) ? Object.keys(x).length : x.length) === 0 || depth >= (this.s.flowBelow ?? Infinity)) return { head: ` ${anchor}${this.flow(x, true)}`, rest: [] };
      return { head: anchor === '' ? '' : ` ${anchor.trim()}`, rest: this.block(x, indent + 2) };
    };
    const depth = indent / 2 + 1;
    if (Array.isArray(v)) {
      for (const item of v) {
        comment();
        const { head, rest } = value(item, depth);
        lines.push(`${pad}-${head}`, ...rest);
      }
      return lines;
    }
    if (!isMap(v)) return [`${pad}${scalar(v, this.s)}`];
    const keys = this.keys(v);
    keys.forEach((k, i) => {
      comment();
      const { head, rest } = value(v[k], depth);
      const key = scalar(k, this.s);
      if (this.s.merge && i === 0) {
        // The first key through a merge key: `<<:` then the pair one level in.
        lines.push(`${pad}<<:`, `${pad}  ${key}:${head}`, ...rest.map((l) => `  ${l}`));
      } else lines.push(`${pad}${key}:${head}`, ...rest);
    });
    return lines;
  }
}

function respell(objects: readonly unknown[], s: Spelling & { json?: boolean; crlf?: boolean }): string {
  const docs = objects.map((o) => (s.json ? JSON.stringify(o, null, 1) : new Emitter(s).block(o, 0).join('\n')));
  const text = `${docs.join('\n---\n')}\n`;
  return s.crlf ? text.replace(/\n/g, '\r\n') : text;
}

const SPELLINGS: readonly [string, Spelling & { json?: boolean; crlf?: boolean }][] = [
  ['JSON (flow, everything quoted)', { json: true }],
  ['block, every scalar and key quoted, keys reversed', { quoteAll: true, reverseKeys: true }],
  ['flow below the second level', { flowBelow: 2 }],
  ['repeated maps and lists as anchors and aliases', { anchors: true }],
  ['maps rebuilt with << merge keys (block and flow)', { merge: true, flowBelow: 4 }],
  ['comments on every line, CRLF line ends', { comments: true, crlf: true }],
  ['all at once', { quoteAll: true, reverseKeys: true, anchors: true, merge: true, comments: true, crlf: true, flowBelow: 3 }],
];

// ---------------------------------------------------------------------------------------------
// The answers

/** Drops what only says where the text was (ranges, sources), which moves with the spelling. */
function withoutPositions(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'range' || key === 'ranges' || key === 'source' || key === 'fieldRanges' || key === 'diagnostics' ? undefined : v)));
}

/** Every pod to every Service port and to every declared container port, and the Internet to every Ingress path. */
function queriesOf(analysis: Analysis): Query[] {
  const { cluster } = analysis;
  const queries: Query[] = [];
  const pods = cluster.pods.slice(0, 12);
  for (const pod of pods) {
    for (const service of cluster.services) {
      for (const port of service.ports) queries.push({ from: `pod/${pod.namespace}/${pod.name}`, to: `service/${service.namespace}/${service.name}:${port.port}` });
    }
    for (const target of pods) {
      for (const p of target.containerPorts) queries.push({ from: `pod/${pod.namespace}/${pod.name}`, to: `pod/${target.namespace}/${target.name}:${p.containerPort}` });
    }
  }
  for (const ingress of cluster.ingresses) {
    for (const rule of ingress.object.rules) for (const path of rule.paths) queries.push({ from: 'internet', to: `http://${rule.host ?? 'example.com'}${path.path}` });
  }
  return queries;
}

function answers(text: string): unknown {
  const analysis = simulate([{ name: 'in.yaml', text }]);
  const queries = queriesOf(analysis);
  return withoutPositions({
    errors: analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code),
    cluster: analysis.cluster,
    graph: analysis.graph,
    checks: analysis.checks,
    matrix: computeMatrix(analysis.cluster, {}),
    queries,
    traces: traceQueries(analysis.cluster, queries),
  });
}

// ---------------------------------------------------------------------------------------------
// The manifests: the seed scenario and examples from kubernetes.io

const DOCS_EXAMPLES = `# kubernetes.io/docs/concepts/services-networking/network-policies/ (the example policy)
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: test-network-policy
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - ipBlock:
            cidr: 172.17.0.0/16
            except:
              - 172.17.1.0/24
        - namespaceSelector:
            matchLabels:
              project: myproject
        - podSelector:
            matchLabels:
              role: frontend
      ports:
        - protocol: TCP
          port: 6379
  egress:
    - to:
        - ipBlock:
            cidr: 10.0.0.0/24
      ports:
        - protocol: TCP
          port: 5978
---
apiVersion: v1
kind: Namespace
metadata:
  name: myproject
  labels:
    project: myproject
---
apiVersion: v1
kind: Pod
metadata:
  name: db
  labels:
    role: db
spec:
  containers:
    - name: redis
      image: redis
      ports:
        - containerPort: 6379
---
apiVersion: v1
kind: Pod
metadata:
  name: frontend
  labels:
    role: frontend
spec:
  containers:
    - name: web
      image: nginx
      ports:
        - containerPort: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: other
  namespace: myproject
  labels:
    role: other
spec:
  containers:
    - name: web
      image: nginx
      ports:
        - containerPort: 80
---
# kubernetes.io/docs/concepts/services-networking/service/ (my-service)
apiVersion: v1
kind: Service
metadata:
  name: my-service
spec:
  selector:
    app.kubernetes.io/name: MyApp
  ports:
    - name: http
      protocol: TCP
      port: 80
      targetPort: http-web-svc
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app.kubernetes.io/name: MyApp
spec:
  replicas: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: MyApp
  template:
    metadata:
      labels:
        app.kubernetes.io/name: MyApp
    spec:
      containers:
        - name: nginx
          image: nginx:1.14.2
          ports:
            - containerPort: 80
              name: http-web-svc
---
# kubernetes.io/docs/concepts/services-networking/network-policies/ (default deny ingress)
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: myproject
spec:
  podSelector: {}
  policyTypes:
    - Ingress
---
# kubernetes.io/docs/concepts/services-networking/ingress/ (minimal-ingress)
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: minimal-ingress
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
spec:
  ingressClassName: nginx
  rules:
    - http:
        paths:
          - path: /testpath
            pathType: Prefix
            backend:
              service:
                name: my-service
                port:
                  number: 80
`;

const SOURCES: readonly [string, string][] = [
  ['the seed scenario (scenarios/full-flow.yaml)', readFileSync(join(root, 'scenarios', 'full-flow.yaml'), 'utf8')],
  ['examples from the Kubernetes documentation', DOCS_EXAMPLES],
];

describe.each(SOURCES)('%s, re-spelled, answers every query as written', (_name, text) => {
  const { documents, diagnostics } = parseManifests([{ name: 'in.yaml', text }]);
  const objects = documents.map((d) => d.object);
  const plain = answers(text);

  it('reads the plain spelling without a YAML problem and asks enough', () => {
    expect(diagnostics.filter((d) => d.code.startsWith('yaml.'))).toEqual([]);
    expect((plain as { queries: unknown[] }).queries.length).toBeGreaterThan(20);
  });

  it.each(SPELLINGS)('%s', (_spelling, spelling) => {
    const respelled = respell(objects, spelling);
    expect(respelled).not.toBe(text);
    const parsed = parseManifests([{ name: 'in.yaml', text: respelled }]);
    expect(parsed.diagnostics.filter((d) => d.code.startsWith('yaml.'))).toEqual([]);
    expect(parsed.documents.map((d) => d.object)).toStrictEqual(objects);
    expect(answers(respelled)).toStrictEqual(plain);
  });
});
