import { describe, expect, it } from 'vitest';
import { analyseDocuments, traceQueries } from '../simulate';
import { explainAt } from './explain';
import { mapLine } from './locate';

const TEXT = `apiVersion: v1
kind: Pod
metadata: {name: backend-0, labels: {app: backend}}
spec: {containers: [{name: c, image: x, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: backend-1, labels: {app: backend}}
spec: {containers: [{name: c, image: x, ports: [{name: http, containerPort: 9090}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: frontend-0, labels: {app: frontend}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Service
metadata: {name: backend}
spec:
  selector:
    app: backend
  ports:
    - port: 80
      targetPort: http
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-frontend
spec:
  podSelector:
    matchLabels:
      app: backend
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: frontend
      ports:
        - port: http
`;

const lineOf = (text: string, needle: string, from = 1) =>
  text.split('\n').findIndex((l, i) => i + 1 >= from && l.includes(needle)) + 1;

function hover(text: string, needle: string, after = 1) {
  const { analysis, documents } = analyseDocuments([{ name: 'scenario.yaml', text }]);
  const line = lineOf(text, needle, after);
  const column = text.split('\n')[line - 1]!.indexOf(needle.trim()) + 1;
  return explainAt(analysis, documents, { line, column });
}

describe('explainAt', () => {
  it('a policy podSelector lists the pods it selects and isolates', () => {
    const h = hover(TEXT, 'app: backend', lineOf(TEXT, 'kind: NetworkPolicy'));
    expect(h?.contents[0]).toBe('podSelector selects 2 pods: default/backend-0, default/backend-1');
    expect(h?.contents[1]).toBe('The policy isolates them for ingress.');
    expect(h?.refs).toEqual(['pod/default/backend-0', 'pod/default/backend-1']);
  });

  it('a rule is numbered as the trace numbers it (from 0, as in spec.ingress[0])', () => {
    const h = hover(TEXT, '- from:');
    expect(h?.contents[0]).toMatch(/^ingress rule 0 admits /);
    const { analysis } = analyseDocuments([{ name: 'scenario.yaml', text: TEXT }]);
    const [trace] = traceQueries(analysis.cluster, [{ from: 'pod/default/frontend-0', to: 'pod/default/backend-0:8080' }]);
    const policy = trace!.hops.find((hop) => hop.kind === 'policy' && hop.verdict === 'pass');
    expect(policy?.reason).toContain('default/allow-frontend ingress rule 0 admits');
  });

  it('a peer says which pods it admits', () => {
    const h = hover(TEXT, 'app: frontend', lineOf(TEXT, 'kind: NetworkPolicy'));
    expect(h?.contents[0]).toBe('this peer admits 1 pod (frontend-0) in 1 namespace');
  });

  it('a named targetPort resolves per pod', () => {
    const h = hover(TEXT, 'targetPort: http');
    expect(h?.contents[0]).toBe('targetPort http → 8080 on backend-0; 9090 on backend-1');
  });

  it('a named policy port resolves on the selected pods', () => {
    const h = hover(TEXT, '- port: http');
    expect(h?.contents[0]).toBe('port http → 8080 on backend-0; 9090 on backend-1');
  });

  it('the policy name says what it isolates', () => {
    const h = hover(TEXT, 'name: allow-frontend');
    expect(h?.contents[0]).toBe('isolates backend-0, backend-1 for ingress');
    expect(h?.contents[1]).toBe('ingress: from 1 pod on TCP http');
  });

  it('a selector that selects nothing says so, with the nearest values that exist', () => {
    const typo = TEXT.replace('  selector:\n    app: backend', '  selector:\n    app: backnd');
    const h = hover(typo, 'app: backnd');
    expect(h?.contents[0]).toBe(
      'selector selects no pod: no pod in default has `app=backnd`; `app` is `backend`, `frontend`',
    );
  });

  it('a long list is capped with "and N more"', () => {
    const pods = Array.from({ length: 5000 }, (_, i) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p-${i}, labels: {app: many}}\nspec: {containers: [{name: c, image: x}]}\n`,
    ).join('---\n');
    const text = `${pods}---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector:\n    app: many\n  ports: [{port: 80}]\n`;
    const h = hover(text, 'app: many', lineOf(text, 'kind: Service'));
    expect(h?.contents[0]).toMatch(/^selector selects 5,000 pods: default\/p-0, .* and 4,992 more$/);
  });

  it('nothing on a line the cluster cannot answer about', () => {
    expect(hover(TEXT, 'apiVersion: v1')).toBeUndefined();
  });
});

describe('mapLine', () => {
  const good = 'a: 1\nb: 2\n---\nc: 3\nd: 4\n';
  it('maps a line above the edit in its document, or in an unchanged document below', () => {
    expect(mapLine(good, 'a: 1\nb: 2\n---\nc: 3\nd: [\n', 4)).toBe(4);
    expect(mapLine(good, 'a: [\nb: 2\n---\nc: 3\nd: 4\n', 5)).toBe(5);
    expect(mapLine(good, 'x: [\n\na: 1\nb: 2\n---\nc: 3\nd: 4\n', 7)).toBe(5);
  });
  it('refuses a line below an edit in its own document', () => {
    expect(mapLine(good, 'a: 1\nb: 2\n---\nc: [\nd: 4\n', 5)).toBeUndefined();
  });
});

describe('buildCodeLenses', () => {
  it('one line per policy, Service and Ingress, saying what it does now', async () => {
    const { buildCodeLenses } = await import('./code-lens');
    const withIngress = `${TEXT}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
    - http:
        paths:
          - {path: /a, pathType: Prefix, backend: {service: {name: backend, port: {number: 80}}}}
          - {path: /b, pathType: Prefix, backend: {service: {name: nowhere, port: {number: 80}}}}
`;
    const { analysis } = analyseDocuments([{ name: 'scenario.yaml', text: withIngress }]);
    const lenses = buildCodeLenses(analysis);
    expect(lenses.map((l) => [l.ref, l.line, l.title])).toEqual([
      ['service/default/backend', lineOf(TEXT, 'kind: Service') - 1, '2 ready endpoints'],
      ['networkpolicy/default/allow-frontend', lineOf(TEXT, 'kind: NetworkPolicy') - 1, 'isolates 2 pods for ingress · admits from 1 pod on TCP http'],
      ['ingress/default/web', lineOf(withIngress, 'kind: Ingress') - 1, '2 paths → 1 Service · 1 missing'],
    ]);
    expect(lenses[1]!.targets).toEqual(['pod/default/backend-0', 'pod/default/backend-1']);
  });

  it('a cluster policy: its tier and priority, the pods it applies to, its rules', async () => {
    const { buildCodeLenses } = await import('./code-lens');
    const withCnp = `${TEXT}---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: guard}
spec:
  tier: Admin
  priority: 7
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: backend}}}}
  ingress:
  - {name: allow-frontend, action: Accept, from: [{namespaces: {}}]}
  - {action: Deny, from: [{namespaces: {}}]}
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {matchLabels: {nobody: here}}}
`;
    const { analysis } = analyseDocuments([{ name: 'scenario.yaml', text: withCnp }]);
    const lenses = buildCodeLenses(analysis).filter((l) => !l.ref.startsWith('service/') && !l.ref.startsWith('networkpolicy/'));
    expect(lenses.map((l) => [l.ref, l.line, l.title])).toEqual([
      ['clusternetworkpolicy/guard', lineOf(withCnp, 'kind: ClusterNetworkPolicy') - 1, 'Admin tier, priority 7 · applies to 2 pods · ingress: allow-frontend, Deny'],
      ['baselineadminnetworkpolicy/default', lineOf(withCnp, 'kind: BaselineAdminNetworkPolicy') - 1, 'Baseline tier · applies to no pod'],
    ]);
    expect(lenses[0]!.targets).toEqual(['pod/default/backend-0', 'pod/default/backend-1']);
  });
});
