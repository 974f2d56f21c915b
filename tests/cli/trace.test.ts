/**
 * `netplay trace` on the seed scenario and small files: the JSON answer of cli.md (asserted
 * field by field), the readable table, batches with bad queries, stdin and directories.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_LINE, fullFlow, json, netplay, tempFiles } from './run';

interface HopAnswer {
  kind: string;
  ref: string;
  verdict: string;
  reason: string;
  policy?: string;
  rule?: number;
}
interface Answer {
  from: string;
  to: string;
  verdict?: string;
  status?: number;
  backend?: string;
  endpoints?: string[];
  blocked?: string[];
  hops?: HopAnswer[];
  error?: string;
}

const HOP_KINDS = ['client', 'loadbalancer', 'node', 'ingress', 'ingress-controller', 'service', 'kube-proxy', 'cni', 'policy', 'pod', 'dns'];

/** Every answer that is not an error has the contract's fields with the contract's types. */
function expectAnswerShape(a: Answer): void {
  expect(a.error).toBeUndefined();
  expect(typeof a.from).toBe('string');
  expect(typeof a.to).toBe('string');
  expect(['allow', 'deny']).toContain(a.verdict);
  expect(Array.isArray(a.endpoints)).toBe(true);
  expect(Array.isArray(a.blocked)).toBe(true);
  expect([...a.endpoints!].sort()).toEqual(a.endpoints);
  expect(Array.isArray(a.hops)).toBe(true);
  expect(a.hops!.length).toBeGreaterThan(0);
  for (const hop of a.hops!) {
    expect(HOP_KINDS).toContain(hop.kind);
    expect(typeof hop.ref).toBe('string');
    expect(hop.ref.length).toBeGreaterThan(0);
    expect(['pass', 'drop']).toContain(hop.verdict);
    expect(typeof hop.reason).toBe('string');
    expect(hop.reason.length).toBeGreaterThan(0);
  }
}

function trace(args: string[], input?: string): Answer {
  const r = netplay(['trace', ...args, '--json'], input);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.code, r.stderr).toBe(0);
  return json(r) as Answer;
}

describe('trace --json on the seed scenario', () => {
  it('internet → http://example.com/api/users reaches the backend through the ingress', () => {
    const a = trace([fullFlow, '--from', 'internet', '--to', 'http://example.com/api/users']);
    expectAnswerShape(a);
    expect(a.from).toBe('internet');
    expect(a.to).toBe('http://example.com/api/users');
    expect(a.verdict).toBe('allow');
    expect(a.status).toBe(200);
    expect(a.backend).toBe('service/default/backend-service:8080');
    expect(a.endpoints).toEqual(['default/backend-0', 'default/backend-1']);
    expect(a.blocked).toEqual([]);
    const kinds = a.hops!.map((h) => h.kind);
    expect(kinds).toContain('loadbalancer');
    expect(kinds).toContain('ingress');
    expect(a.hops!.find((h) => h.kind === 'loadbalancer')!.ref).toBe('service/ingress-nginx/ingress-nginx-controller');
    expect(a.hops!.find((h) => h.kind === 'ingress')!.ref).toBe('ingress/default/webapp-ingress');
    expect(a.hops!.every((h) => h.verdict === 'pass')).toBe(true);
  });

  it('a path no rule of a host matches is a 404 answered by the controller', () => {
    const a = trace([fullFlow, '--from', 'internet', '--to', 'http://other.example.org/']);
    expectAnswerShape(a);
    expect(a.status).toBe(404);
    expect(a.backend).toBeUndefined();
    expect(a.verdict).toBe('allow');
  });

  it('frontend → backend-service:8080 is allowed by allow-frontend-to-backend', () => {
    const a = trace([fullFlow, '--from', 'deployment/default/frontend', '--to', 'service/default/backend-service:8080']);
    expectAnswerShape(a);
    expect(a.verdict).toBe('allow');
    expect(a.endpoints).toEqual(['default/backend-0', 'default/backend-1']);
    const policyHops = a.hops!.filter((h) => h.kind === 'policy' && h.verdict === 'pass' && h.policy !== undefined);
    expect(policyHops.map((h) => h.policy)).toContain('default/allow-frontend-to-backend');
  });

  it('backend → auth-service is dropped by the egress policy, which the drop names', () => {
    const a = trace([fullFlow, '--from', 'pod/default/backend-0', '--to', 'service/default/auth-service:80']);
    expectAnswerShape(a);
    expect(a.verdict).toBe('deny');
    expect(a.status).toBeUndefined();
    expect(a.endpoints).toEqual([]);
    expect(a.blocked).toEqual(['default/auth-0']);
    const drop = a.hops!.find((h) => h.verdict === 'drop');
    expect(drop?.kind).toBe('policy');
    expect(drop?.ref).toBe('networkpolicy/default/backend-egress-to-db');
  });

  it('auth → backend pod on 8080 is dropped by ingress isolation', () => {
    const a = trace([fullFlow, '--from', 'deployment/default/auth', '--to', 'pod/default/backend-0:8080']);
    expectAnswerShape(a);
    expect(a.verdict).toBe('deny');
    expect(a.blocked).toEqual(['default/backend-0']);
    expect(a.hops!.some((h) => h.kind === 'policy' && h.verdict === 'drop')).toBe(true);
  });

  it('internet → service/... is deny: a ClusterIP is not reachable from outside', () => {
    const a = trace([fullFlow, '--from', 'internet', '--to', 'service/default/frontend-service:80']);
    expectAnswerShape(a);
    expect(a.verdict).toBe('deny');
  });
});

describe('trace without --json: the readable table', () => {
  it('prints one line per hop with ✓/✗, the verdict line and a fix for the drop', () => {
    const args = [fullFlow, '--from', 'pod/default/backend-0', '--to', 'service/default/auth-service:80'];
    const answer = trace(args);
    const r = netplay(['trace', ...args]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^trace pod\/default\/backend-0 → service\/default\/auth-service:80$/m);
    expect(r.stdout).toMatch(/KIND\s+REF\s+VERDICT\s+REASON/);
    for (const [i, hop] of answer.hops!.entries()) {
      const line = r.stdout.split('\n').find((l) => l.trimStart().startsWith(`${i + 1} `));
      expect(line, `hop ${i + 1}`).toBeDefined();
      expect(line).toContain(hop.kind);
      expect(line).toContain(hop.ref);
      expect(line).toContain(hop.verdict === 'pass' ? '✓ pass' : '✗ drop');
    }
    expect(r.stdout).toMatch(/^verdict: ✗ deny/m);
    expect(r.stdout).toMatch(/^fix \((edit|add) networkpolicy /m);
    expect(r.stdout).toMatch(/kind: NetworkPolicy/);
  });

  it('an allowed HTTP trace shows the status and backend on the verdict line', () => {
    const r = netplay(['trace', fullFlow, '--from', 'internet', '--to', 'http://example.com/api/users']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^verdict: ✓ allow \(HTTP 200, backend service\/default\/backend-service:8080\)$/m);
    expect(r.stdout).toMatch(/^endpoints: default\/backend-0, default\/backend-1$/m);
  });

  it('an invalid single query exits 2 with the engine message on stderr', () => {
    const r = netplay(['trace', fullFlow, '--from', 'pod/default/nope-0', '--to', 'service/default/frontend-service:80']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^netplay: trace: .+/m);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});

describe('trace --queries: a batch', () => {
  const queries = [
    { from: 'internet', to: 'http://example.com/api/users' },
    { from: 'pod/default/backend-0', to: 'service/default/auth-service:80' },
    { from: 'pod/default/nope-0', to: 'service/default/frontend-service:80' },
    { from: 'internet', to: 'bogus:://' },
    'not an object',
    { from: 'internet' },
    { from: 'deployment/default/frontend', to: 'service/default/backend-service:8080' },
  ];
  const t = tempFiles({ 'queries.json': JSON.stringify(queries) });
  afterAll(t.cleanup);

  it('answers in the same order; bad queries get an error and never abort the others', () => {
    const r = netplay(['trace', fullFlow, '--queries', join(t.dir, 'queries.json'), '--json']);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
    const answers = json(r) as Answer[];
    expect(answers).toHaveLength(queries.length);
    expect(answers[0]!.verdict).toBe('allow');
    expect(answers[0]!.status).toBe(200);
    expect(answers[1]!.verdict).toBe('deny');
    for (const i of [2, 3, 4, 5]) {
      expect(typeof answers[i]!.error, `answer ${i}`).toBe('string');
      expect(answers[i]!.error!.length).toBeGreaterThan(0);
    }
    expect(answers[2]!.from).toBe('pod/default/nope-0');
    expect(answers[5]!.from).toBe('internet');
    expect(answers[6]!.verdict).toBe('allow');
    for (const i of [0, 1, 6]) {
      expectAnswerShape(answers[i]!);
      expect(answers[i]!.from).toBe((queries[i] as { from: string }).from);
      expect(answers[i]!.to).toBe((queries[i] as { to: string }).to);
    }
  });

  it('each answer equals the single-query answer', () => {
    const single = trace([fullFlow, '--from', 'internet', '--to', 'http://example.com/api/users']);
    const r = netplay(['trace', fullFlow, '--queries', join(t.dir, 'queries.json'), '--json']);
    expect((json(r) as Answer[])[0]).toEqual(single);
  });

  it('reads the queries from stdin with --queries -', () => {
    const r = netplay(['trace', fullFlow, '--queries', '-', '--json'], JSON.stringify(queries.slice(0, 2)));
    expect(r.code).toBe(0);
    const answers = json(r) as Answer[];
    expect(answers.map((a) => a.verdict)).toEqual(['allow', 'deny']);
  });
});

describe('inputs: stdin, directories, several files, unknown kinds', () => {
  const seed = readFileSync(fullFlow, 'utf8');
  const docs = seed.split(/^---$/m);
  const t = tempFiles({
    'split/a-workloads.yaml': docs.filter((d) => /kind: (Scenario|Deployment)/.test(d)).join('---'),
    'split/b-services.yml': docs.filter((d) => /kind: (Service|Ingress)\n/.test(d)).join('---'),
    'split/c-policies.yaml': docs.filter((d) => /kind: NetworkPolicy/.test(d)).join('---'),
    'split/notes.txt': 'kind: Bogus\n',
    'unknown.yaml': `${seed}\n---\napiVersion: example.com/v1\nkind: FancyWidget\nmetadata: {name: w}\n`,
    'web.yaml': `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {containers: [{name: c, image: curl}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec: {podSelector: {}}
`,
  });
  afterAll(t.cleanup);
  const query = ['--from', 'internet', '--to', 'http://example.com/api/users'];

  it('reads FILE - from stdin', () => {
    const fromFile = trace([fullFlow, ...query]);
    const fromStdin = trace(['-', ...query], seed);
    expect(fromStdin).toEqual(fromFile);
  });

  it('reads a directory (its *.yaml and *.yml files) as one cluster', () => {
    const a = trace([join(t.dir, 'split'), ...query]);
    expectAnswerShape(a);
    expect(a.verdict).toBe('allow');
    expect(a.endpoints).toEqual(['default/backend-0', 'default/backend-1']);
  });

  it('reads several FILEs as one cluster', () => {
    const split = join(t.dir, 'split');
    const a = trace([join(split, 'a-workloads.yaml'), join(split, 'b-services.yml'), join(split, 'c-policies.yaml'), ...query]);
    expect(a.verdict).toBe('allow');
    expect(a.backend).toBe('service/default/backend-service:8080');
  });

  it('an unknown kind is a warning on stderr, never fatal', () => {
    const r = netplay(['trace', join(t.dir, 'unknown.yaml'), ...query, '--json']);
    expect(r.code).toBe(0);
    expect((json(r) as Answer).verdict).toBe('allow');
    expect(r.stderr).toMatch(/unknown\.yaml:\d+:\d+: warning: .*FancyWidget/);
  });

  it('--cni flannel (no Scenario document) lets a denied connection through', () => {
    const args = [join(t.dir, 'web.yaml'), '--from', 'pod/default/client', '--to', 'pod/default/web:80'];
    expect(trace(args).verdict).toBe('deny');
    expect(trace([...args, '--cni', 'flannel']).verdict).toBe('allow');
  });

  it('--nodes N makes N nodes', () => {
    const args = ['trace', join(t.dir, 'web.yaml'), '--from', 'node/node-5', '--to', 'pod/default/web:80', '--json'];
    expect(netplay(args).code).toBe(2);
    const r = netplay([...args, '--nodes', '5']);
    expect(r.code, r.stderr).toBe(0);
    expect((json(r) as Answer).error).toBeUndefined();
  });
});
