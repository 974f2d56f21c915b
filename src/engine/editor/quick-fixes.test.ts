import { describe, expect, it } from 'vitest';
import { analyseDocuments } from '../simulate';
import { applyGuardedEdits, quickFixesAt } from './quick-fixes';

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: web-0, labels: {app: web}}
spec: {containers: [{name: c, image: x, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: taken}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80, targetPort: http, nodePort: 30000}]
`;

function fixesFor(text: string, needle: string) {
  const { analysis, documents } = analyseDocuments([{ name: 'scenario.yaml', text }]);
  const line = text.split('\n').findLastIndex((l) => l.includes(needle)) + 1;
  return { fixes: quickFixesAt(analysis, documents, text, line, line), analysis };
}

/** Applies the first fix and returns the codes left on the fixed text. */
function applyFirst(text: string, needle: string) {
  const { fixes } = fixesFor(text, needle);
  const fixed = applyGuardedEdits(text, fixes[0]!.edits);
  if (fixed === undefined) throw new Error('refused');
  const { analysis } = analyseDocuments([{ name: 'scenario.yaml', text: fixed }]);
  return { fixed, fixes, codes: analysis.diagnostics.map((d) => d.code) };
}

describe('quickFixesAt', () => {
  it('a nodePort out of range → the next free port in 30000-32767', () => {
    const text = `${PODS}---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports:\n    - port: 80\n      targetPort: 8080\n      nodePort: 80\n`;
    const { fixes, codes, fixed } = applyFirst(text, 'nodePort: 80');
    expect(fixes[0]!.title).toBe('Use nodePort 30001 (the next free port in 30000-32767)');
    expect(fixed).toContain('nodePort: 30001');
    expect(codes).not.toContain('service.nodeport.range');
  });

  it('a Service selector matching nothing → the label values that exist', () => {
    const text = `${PODS}---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector:\n    app: wbe\n  ports: [{port: 80}]\n`;
    const { fixes, codes } = applyFirst(text, '  selector:\n'.trim());
    expect(fixes.map((f) => f.title)).toEqual(['Select app: web (1 pod in default)']);
    expect(codes).not.toContain('service.selector.no-match');
  });

  it('a policy podSelector selecting nothing → the label values that exist', () => {
    const text = `${PODS}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector:\n    matchLabels: {app: webb}\n`;
    const { codes } = applyFirst(text, 'podSelector:');
    expect(codes).not.toContain('networkpolicy.selects-nothing');
  });

  it('a targetPort no pod exposes → the ports that exist', () => {
    const text = `${PODS}---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n      targetPort: htp\n`;
    const { fixes, codes } = applyFirst(text, 'targetPort: htp');
    expect(fixes.map((f) => f.title)).toEqual(['Use targetPort http (8080 on web-0)', 'Use targetPort 8080 (declared by web-0)']);
    expect(codes).not.toContain('service.targetport.unexposed');
  });

  it('an Ingress backend naming a missing Service → the Services that exist', () => {
    const text = `${PODS}---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: takn\n                port: {number: 80}\n`;
    const { fixes, codes } = applyFirst(text, 'name: takn');
    expect(fixes[0]!.title).toBe('Use Service taken');
    expect(codes).not.toContain('ingress.backend.service-missing');
  });

  it('a fix whose target text changed meanwhile is refused, and nothing changes', () => {
    const text = `${PODS}---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector:\n    app: wbe\n  ports: [{port: 80}]\n`;
    const { fixes } = fixesFor(text, '  selector:\n'.trim());
    expect(applyGuardedEdits(text.replace('app: wbe', 'app: wb'), fixes[0]!.edits)).toBeUndefined();
  });
});
