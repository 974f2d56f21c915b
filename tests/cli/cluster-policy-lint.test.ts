/**
 * `netplay lint` on ClusterNetworkPolicy / AdminNetworkPolicy / BaselineAdminNetworkPolicy:
 * every CRD error at file:line:col in the API server's words (exit 1), the project's warnings
 * (equal priorities that overlap) alone exit 0.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_LINE, json, netplay, tempFiles } from './run';

const bad = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80, name: http}]}]}
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: bad
  namespace: default
spec:
  tier: Admin
  priority: 1001
  subject:
    namespaces: {}
    pods: {podSelector: {}}
  ingress:
  - action: Allow
    from: [{namespaces: {}}]
  egress:
  - action: Deny
    to:
    - networks: [10.0.0.0/8]
    protocols:
    - destinationNamedPort: http
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: second}
spec:
  subject: {namespaces: {}}
`;

const overlap = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: deny-all}
spec:
  tier: Admin
  priority: 5
  subject: {namespaces: {}}
  ingress:
  - {action: Deny, from: [{namespaces: {}}]}
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: allow-web}
spec:
  tier: Admin
  priority: 5
  subject: {pods: {podSelector: {matchLabels: {app: web}}}}
  ingress:
  - {action: Accept, from: [{namespaces: {}}]}
`;

const t = tempFiles({ 'bad.yaml': bad, 'overlap.yaml': overlap });
afterAll(t.cleanup);

describe('netplay lint: cluster policies', () => {
  it('each CRD error at its line, in the API server words; exit 1', () => {
    const file = join(t.dir, 'bad.yaml');
    const r = netplay(['lint', file]);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(1);
    const out = r.stdout;
    expect(out).toContain(`${file}:10:14: warning: metadata.namespace: ClusterNetworkPolicy is cluster-scoped: the namespace "default" is ignored`);
    expect(out).toContain(`${file}:13:13: error: spec.priority: Invalid value: 1001: spec.priority in body should be less than or equal to 1000`);
    expect(out).toContain(`${file}:14:3: error: spec.subject: Invalid value: "object": spec.subject in body should have at most 1 properties`);
    expect(out).toContain(`${file}:18:13: error: spec.ingress[0].action: Unsupported value: "Allow": supported values: "Accept", "Deny", "Pass"`);
    expect(out).toContain(
      `${file}:25:7: error: spec.egress[0]: Invalid value: "object": networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames`,
    );
    expect(out).toContain(
      `${file}:35:18: error: <nil>: Invalid value: "object": Only one baseline admin network policy with metadata.name="default" can be created in the cluster`,
    );
    expect(out).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:9:\\d+: info: ClusterNetworkPolicy bad is refused \\(4 errors in it\\)`));
    expect(r.stderr).toMatch(/lint: 5 errors, 1 warning, 2 notes/);
  });

  it('--json gives the codes and ranges', () => {
    const r = netplay(['lint', join(t.dir, 'bad.yaml'), '--json']);
    expect(r.code).toBe(1);
    const diagnostics = json(r) as { code: string; severity: string; range?: { startLine: number } }[];
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.range?.startLine]);
    expect(errors).toEqual([
      ['clusterpolicy.invalid', 13],
      ['clusterpolicy.invalid', 14],
      ['clusterpolicy.unsupported', 18],
      ['clusterpolicy.named-port.forbidden', 25],
      ['clusterpolicy.banp.name', 35],
    ]);
  });

  it('equal priorities that overlap: a warning on each policy, exit 0', () => {
    const file = join(t.dir, 'overlap.yaml');
    const r = netplay(['lint', file]);
    expect(r.code).toBe(0);
    const warnings = r.stdout.split('\n').filter((l) => l.includes('are both in the Admin tier at priority 5'));
    expect(warnings.map((l) => l.slice(file.length, l.indexOf(': warning: ')))).toEqual([':11:13', ':21:13']);
  });
});
