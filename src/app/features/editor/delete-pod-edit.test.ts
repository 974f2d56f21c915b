import { describe, expect, it } from 'vitest';
import { simulate } from '../../../engine';
import { applyTextEdit } from './fix-edit';
import { toDeletePodEdit } from './delete-pod-edit';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
`;

const scenarioDoc = (body: string) => `apiVersion: netplay.dev/v1\nkind: Scenario\nmetadata: {name: s}\n${body}`;

/** Applies the delete edit for `pod`, and reads the result back through the engine. */
function deleteIn(text: string, pod: string) {
  const before = simulate([{ name: 'scenario.yaml', text }]);
  const result = toDeletePodEdit(text, pod, before.cluster.scenario);
  if (!result.ok) return { result, text, after: before };
  const next = applyTextEdit(text, result.edit);
  return { result, text: next, after: simulate([{ name: 'scenario.yaml', text: next }]) };
}

const deletedOf = (a: ReturnType<typeof simulate>) => (a.cluster.scenario?.deletedPods ?? []).map((d) => `${d.namespace}/${d.name}`);
const errorsOf = (a: ReturnType<typeof simulate>) => a.diagnostics.filter((d) => d.severity === 'error');

describe('toDeletePodEdit', () => {
  it('no Scenario document: one is added at the top, the rest of the text untouched', () => {
    const { text, after } = deleteIn(WEB, 'default/web-0');
    expect(text.endsWith(WEB)).toBe(true);
    expect(text.startsWith('apiVersion: netplay.dev/v1\nkind: Scenario\n')).toBe(true);
    expect(deletedOf(after)).toEqual(['default/web-0']);
    expect(errorsOf(after)).toEqual([]);
    expect(after.cluster.pods.filter((p) => p.owner === 'deployment/default/web').map((p) => p.name).sort()).toEqual(['web-1', 'web-2']);
  });

  it('a text that starts with --- gets no second separator', () => {
    const { text, after } = deleteIn(`---\n${WEB}`, 'default/web-1');
    expect(text).not.toMatch(/---\n---/);
    expect(deletedOf(after)).toEqual(['default/web-1']);
  });

  it('a Scenario without the field: the field is added at the end of its document', () => {
    const start = `${scenarioDoc('title: T\n')}---\n${WEB}`;
    const { text, after } = deleteIn(start, 'default/web-0');
    expect(text).toBe(`${scenarioDoc('title: T\ndeletedPods: [default/web-0]\n')}---\n${WEB}`);
    expect(deletedOf(after)).toEqual(['default/web-0']);
  });

  it('a Scenario as the last document, without a final newline', () => {
    const start = `${WEB}---\n${scenarioDoc('title: T')}`;
    const { text, after } = deleteIn(start, 'default/web-0');
    expect(text.endsWith('title: T\ndeletedPods: [default/web-0]')).toBe(true);
    expect(deletedOf(after)).toEqual(['default/web-0']);
  });

  it.each(['deletedPods: []', 'deletedPods:', 'deletedPods: null  # none yet'])('an empty "%s" is filled in place', (line) => {
    const start = `${scenarioDoc(`${line}\ntitle: T\n`)}---\n${WEB}`;
    const { text, after } = deleteIn(start, 'default/web-0');
    expect(text).toBe(`${scenarioDoc('deletedPods: [default/web-0]\ntitle: T\n')}---\n${WEB}`);
    expect(errorsOf(after)).toEqual([]);
  });

  it('a flow list gets one more entry after its last', () => {
    const start = `${scenarioDoc('deletedPods: [default/web-0]  # by hand\n')}---\n${WEB}`;
    const { text, after } = deleteIn(start, 'default/web-2');
    expect(text).toContain('deletedPods: [default/web-0, default/web-2]  # by hand\n');
    expect(deletedOf(after)).toEqual(['default/web-0', 'default/web-2']);
    expect(after.cluster.pods.filter((p) => p.owner === 'deployment/default/web').map((p) => p.name).sort()).toEqual(['web-1', 'web-3']);
  });

  it('a block list gets one more line, indented like the others', () => {
    const start = `${scenarioDoc('deletedPods:\n    - default/web-0\ntitle: T\n')}---\n${WEB}`;
    const { text, after } = deleteIn(start, 'default/web-1');
    expect(text).toContain('deletedPods:\n    - default/web-0\n    - default/web-1\ntitle: T\n');
    expect(deletedOf(after)).toEqual(['default/web-0', 'default/web-1']);
  });

  it('a block list of unreadable entries is left to the user, with a message', () => {
    const start = `${scenarioDoc('deletedPods:\n  - a/b/c\n')}---\n${WEB}`;
    const { result } = deleteIn(start, 'default/web-0');
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/by hand/) as unknown });
  });

  it('the edit is one insertion or one line, never the whole text', () => {
    const start = `${scenarioDoc('title: T\n')}---\n${WEB}`;
    const { result } = deleteIn(start, 'default/web-0');
    expect(result.ok && result.edit.startLineNumber === result.edit.endLineNumber).toBe(true);
  });
});
