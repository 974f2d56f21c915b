/**
 * `netplay check`, `netplay matrix` and `netplay lint` run as the real command: exit codes,
 * the readable output and the JSON shapes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_LINE, fullFlow, json, netplay, tempFiles } from './run';

const seed = readFileSync(fullFlow, 'utf8');
/** The seed scenario with `checks` added to its Scenario document (the first one). */
function seedWithChecks(checks: string): string {
  return seed.replace(/^nodes: 3$/m, `nodes: 3\nchecks:\n${checks}`);
}

const passing = `  - name: the API answers through the ingress
    from: internet
    to: http://example.com/api/users
    expect: {verdict: allow, status: 200, backend: "service/default/backend-service:8080"}
  - name: auth cannot reach the backend directly
    from: deployment/default/auth
    to: pod/default/backend-0:8080
    expect: {verdict: deny}
`;
const failing = `  - name: backend can call auth
    from: pod/default/backend-0
    to: service/default/auth-service:80
    expect: {verdict: allow}
`;

const t = tempFiles({
  'passing.yaml': seedWithChecks(passing),
  'failing.yaml': seedWithChecks(passing + failing),
  'nodeport.yaml': `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports:
    - port: 80
      nodePort: 80
`,
  'warnings.yaml': `apiVersion: v1
kind: Service
metadata: {name: lonely}
spec:
  selector: {app: nobody}
  ports: [{port: 80}]
---
apiVersion: example.com/v1
kind: FancyWidget
metadata: {name: w}
`,
  'broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: [unclosed\n',
});
afterAll(t.cleanup);

interface CheckJson {
  pass: boolean;
  passed: number;
  failed: number;
  checks: { name?: string; from: string; to: string; pass: boolean; why: string; answer: { verdict?: string } }[];
}

describe('netplay check', () => {
  it('exits 0 and prints ✓ lines when every check passes', () => {
    const r = netplay(['check', join(t.dir, 'passing.yaml')]);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^✓ the API answers through the ingress: .+/m);
    expect(r.stdout).toMatch(/^✓ auth cannot reach the backend directly: .+/m);
    expect(r.stdout).not.toMatch(/^✗/m);
  });

  it('exits 1 and prints a ✗ line with why when a check fails', () => {
    const r = netplay(['check', join(t.dir, 'failing.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✗ backend can call auth: .+/m);
    expect(r.stdout).toMatch(/^✓ the API answers through the ingress/m);
    expect(r.stdout).toMatch(/1 of 3 checks fail/);
  });

  it('--json gives every check with its result and trace answer', () => {
    const r = netplay(['check', join(t.dir, 'failing.yaml'), '--json']);
    expect(r.code).toBe(1);
    const out = json(r) as CheckJson;
    expect(out.pass).toBe(false);
    expect(out.passed).toBe(2);
    expect(out.failed).toBe(1);
    expect(out.checks.map((c) => c.pass)).toEqual([true, true, false]);
    expect(out.checks[2]!.from).toBe('pod/default/backend-0');
    expect(out.checks[2]!.answer.verdict).toBe('deny');
    expect(out.checks.every((c) => typeof c.why === 'string' && c.why.length > 0)).toBe(true);
  });

  it('a scenario without checks passes', () => {
    const r = netplay(['check', fullFlow]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no checks/);
  });
});

interface MatrixJson {
  pods: string[];
  ports: { port: number | string; protocol: string; rows: string[] }[];
  enforced: boolean;
  notes: string[];
}

function cell(m: MatrixJson, port: number, from: string, to: string): string | undefined {
  const grid = m.ports.find((g) => g.port === port && g.protocol === 'TCP');
  return grid?.rows[m.pods.indexOf(from)]?.[m.pods.indexOf(to)];
}

describe('netplay matrix', () => {
  it('--json: sorted pods, one grid per port class, . and X glyphs', () => {
    const r = netplay(['matrix', fullFlow, '--json']);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
    const m = json(r) as MatrixJson;
    expect([...m.pods].sort()).toEqual(m.pods);
    for (const pod of ['default/frontend-0', 'default/frontend-1', 'default/backend-0', 'default/backend-1', 'default/auth-0', 'default/database-0']) {
      expect(m.pods).toContain(pod);
    }
    expect(m.enforced).toBe(true);
    const ports = m.ports.map((g) => `${g.port}/${g.protocol}`);
    for (const p of ['80/TCP', '3306/TCP', '8080/TCP']) expect(ports).toContain(p);
    for (const grid of m.ports) {
      expect(grid.rows).toHaveLength(m.pods.length);
      for (const row of grid.rows) expect(row).toMatch(new RegExp(`^[.X]{${m.pods.length}}$`));
    }
    expect(cell(m, 8080, 'default/frontend-0', 'default/backend-0')).toBe('.');
    expect(cell(m, 8080, 'default/auth-0', 'default/backend-1')).toBe('X');
    expect(cell(m, 3306, 'default/backend-0', 'default/database-0')).toBe('.');
    expect(cell(m, 9000, 'default/backend-0', 'default/auth-0')).toBe('X');
    expect(cell(m, 9000, 'default/frontend-0', 'default/auth-0')).toBe('.');
  });

  it('--port keeps one table', () => {
    const m = json(netplay(['matrix', fullFlow, '--port', '8080', '--json'])) as MatrixJson;
    expect(m.ports.map((g) => `${g.port}/${g.protocol}`)).toEqual(['8080/TCP']);
  });

  it('prints truth tables with the pods and glyphs', () => {
    const m = json(netplay(['matrix', fullFlow, '--port', '8080', '--json'])) as MatrixJson;
    const r = netplay(['matrix', fullFlow, '--port', '8080']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^port 8080\/TCP$/m);
    // The upstream e2e truth-table layout: tab-separated, `-` in the corner, pods as columns.
    const lines = r.stdout.split('\n');
    const header = lines.findIndex((l) => l.startsWith('-\t'));
    expect(lines[header]!.split('\t')).toEqual(['-', ...m.pods]);
    m.pods.forEach((pod, i) => {
      expect(lines[header + 1 + i]!.split('\t')).toEqual([pod, ...m.ports[0]!.rows[i]!.split('')]);
    });
  });
});

interface DiagnosticJson {
  code: string;
  severity: string;
  message: string;
  range?: { file: string; startLine: number; startColumn: number };
}

describe('netplay lint', () => {
  it('an API-server error: file:line:col: error: message, exit 1', () => {
    const file = join(t.dir, 'nodeport.yaml');
    const r = netplay(['lint', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${file}:9:17: error: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767`,
    );
    expect(r.stderr).toMatch(/lint: 1 error/);
  });

  it('warnings alone exit 0 (a Service selecting nothing, an unknown kind)', () => {
    const file = join(t.dir, 'warnings.yaml');
    const r = netplay(['lint', file]);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    for (const line of lines) expect(line).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: (warning|info): .+`));
    expect(r.stdout).toMatch(/FancyWidget/);
    expect(r.stdout).toMatch(/: warning: .*(lonely|selector)/);
  });

  it('a YAML syntax error is reported with its position, exit 1', () => {
    const file = join(t.dir, 'broken.yaml');
    const r = netplay(['lint', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/broken\.yaml:\d+:\d+: error: /);
  });

  it('--json gives the diagnostics with code, severity, message and range', () => {
    const r = netplay(['lint', join(t.dir, 'nodeport.yaml'), '--json']);
    expect(r.code).toBe(1);
    const diagnostics = json(r) as DiagnosticJson[];
    const d = diagnostics.find((x) => x.severity === 'error');
    expect(d?.code).toBe('service.nodeport.range');
    expect(d?.range).toMatchObject({ startLine: 9, startColumn: 17 });
  });

  it('the seed scenario has no errors', () => {
    const r = netplay(['lint', fullFlow]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/: error: /);
  });
});
