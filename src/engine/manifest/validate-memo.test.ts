/**
 * validateManifests reuses the answer of a document that validated clean when the parse cache
 * hands back its parsed object unchanged: over an editing session the diagnostics equal those
 * of a fresh analysis, a node port taken by a Service put above included.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import { createParseCache } from './parse';

const service = (name: string, nodePort: number) => `apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec:
  type: NodePort
  selector: {app: ${name}}
  ports: [{port: 80, nodePort: ${nodePort}}]
`;
const pod = (name: string, label = name) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: {app: ${label}}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
`;

function expectSessionEqualsFresh(texts: readonly string[]): void {
  const cache = createParseCache();
  for (const text of texts) {
    const files = [{ name: 'v.yaml', text }];
    expect(JSON.stringify(simulate(files, {}, cache).diagnostics)).toBe(JSON.stringify(simulate(files).diagnostics));
  }
}

describe('validateManifests over an editing session (parse cache)', () => {
  it('reads a clean Service again when a Service put above now takes its node port', () => {
    const body = [pod('a'), service('a', 30080), pod('b'), service('b', 30081)].join('---\n');
    const clash = [pod('a'), service('c', 30081), service('a', 30080), pod('b'), service('b', 30081)].join('---\n');
    expectSessionEqualsFresh([body, clash, body, `# moved\n${clash}`]);
    expect(simulate([{ name: 'v.yaml', text: clash }]).diagnostics.map((d) => d.code)).toContain('service.nodeport.allocated');
  });

  it('equals a fresh analysis when labels, names and lines change around clean documents', () => {
    const body = [pod('a'), service('a', 30080), pod('b'), service('b', 30081)].join('---\n');
    expectSessionEqualsFresh([body, body.replace('name: b,', 'name: B_bad,'), `# x\n${body}`, body.replace('app: a}', 'app: z}'), body]);
  });

  it('points cross-object warnings at the right document while documents move, rename and change kind', () => {
    // A Service that selects nothing warns at its selector: the warning's range must follow the
    // document (refs of unchanged documents are remembered by parsed object).
    const lonely = `apiVersion: v1
kind: Service
metadata: {name: lonely}
spec:
  selector: {app: nobody}
  ports: [{port: 80}]
`;
    const body = [pod('a'), lonely, service('b', 30081)].join('---\n');
    const texts = [
      body,
      `# one\n# two\n${body}`,
      body.replace('name: lonely', 'name: alone'),
      [pod('lonely'), lonely].join('---\n'),
      [lonely.replace('kind: Service', 'kind: Pod'), lonely].join('---\n'),
      body,
    ];
    expectSessionEqualsFresh(texts);
    const cache = createParseCache();
    simulate([{ name: 'v.yaml', text: body }], {}, cache);
    const moved = simulate([{ name: 'v.yaml', text: `# one\n# two\n${body}` }], {}, cache);
    const warning = moved.diagnostics.find((d) => d.code === 'service.selector.no-match');
    expect(warning?.range?.startLine).toBe(body.split('\n').findIndex((l) => l.startsWith('  selector: {app: nobody}')) + 3);
  });
});
