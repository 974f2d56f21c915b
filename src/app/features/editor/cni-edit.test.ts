import { describe, expect, it } from 'vitest';
import { simulate } from '../../../engine';
import type { CniPlugin } from '../../../engine';
import { applyTextEdit } from './fix-edit';
import { toCniEdit } from './cni-edit';

const WEB = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {containers: [{name: c, image: nginx}]}
`;

const scenarioDoc = (body: string) =>
  `apiVersion: netplay.dev/v1\nkind: Scenario\nmetadata: {name: s}\n${body}`;

/** Applies the CNI edit, and reads the result back through the engine. */
function setCni(text: string, cni: CniPlugin) {
  const before = simulate([{ name: 'scenario.yaml', text }]);
  const result = toCniEdit(text, cni, before.cluster.scenario);
  if (!result.ok) return { result, text, after: before };
  const next = applyTextEdit(text, result.edit);
  return { result, text: next, after: simulate([{ name: 'scenario.yaml', text: next }]) };
}

const errorsOf = (a: ReturnType<typeof simulate>) =>
  a.diagnostics.filter((d) => d.severity === 'error');

describe('toCniEdit', () => {
  it('no Scenario document: one is added at the top with the CNI, the rest untouched', () => {
    const { text, after } = setCni(WEB, 'weave');
    expect(text.endsWith(`---\n${WEB}`)).toBe(true);
    expect(after.cluster.settings.cni).toBe('weave');
    expect(errorsOf(after)).toEqual([]);
  });

  it('an empty text gets a Scenario document and no separator', () => {
    const { text, after } = setCni('', 'flannel');
    expect(text).not.toContain('---');
    expect(after.cluster.settings.cni).toBe('flannel');
  });

  it('a text that starts with --- gets no second separator', () => {
    const { text, after } = setCni(`---\n${WEB}`, 'cilium');
    expect(text).not.toMatch(/---\n---/);
    expect(after.cluster.settings.cni).toBe('cilium');
  });

  it('an existing cni: value is replaced in place, its comment kept', () => {
    const start = `${scenarioDoc('cni: calico   # BGP\ntitle: T\n')}---\n${WEB}`;
    const { result, text, after } = setCni(start, 'flannel');
    expect(text).toBe(`${scenarioDoc('cni: flannel   # BGP\ntitle: T\n')}---\n${WEB}`);
    expect(result.ok && result.edit.startLineNumber).toBe(4);
    expect(after.cluster.settings.cni).toBe('flannel');
  });

  it('a quoted value and an empty value are replaced', () => {
    expect(setCni(scenarioDoc('cni: "weave"\n'), 'cilium').text).toBe(scenarioDoc('cni: cilium\n'));
    const empty = setCni(scenarioDoc('cni:\ntitle: T\n'), 'calico');
    expect(empty.text).toBe(scenarioDoc('cni: calico\ntitle: T\n'));
    expect(empty.after.cluster.settings.cni).toBe('calico');
  });

  it('a Scenario without the field: the field goes at the end of its document', () => {
    const start = `${WEB}---\n${scenarioDoc('title: T\n')}---\n${WEB.replace('web', 'api')}`;
    const { text, after } = setCni(start, 'cilium');
    expect(text).toBe(
      `${WEB}---\n${scenarioDoc('title: T\ncni: cilium\n')}---\n${WEB.replace('web', 'api')}`,
    );
    expect(after.cluster.settings.cni).toBe('cilium');
    expect(errorsOf(after)).toEqual([]);
  });

  it('a Scenario as the last document, without a final newline', () => {
    const { text, after } = setCni(`${WEB}---\n${scenarioDoc('title: T')}`, 'weave');
    expect(text.endsWith('title: T\ncni: weave')).toBe(true);
    expect(after.cluster.settings.cni).toBe('weave');
  });

  it('a cni: key nested deeper (not the Scenario field) is left alone', () => {
    const start = scenarioDoc('checks:\n  - name: x\n    cni: nope\n');
    const { text } = setCni(start, 'weave');
    expect(text).toContain('    cni: nope\n');
    expect(text.endsWith('cni: weave\n')).toBe(true);
  });

  it('a flow-style Scenario is refused with a clear message, the text untouched', () => {
    const start = `{apiVersion: netplay.dev/v1, kind: Scenario, metadata: {name: s}, cni: calico}\n`;
    const { result, text } = setCni(start, 'weave');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/by hand/);
    expect(text).toBe(start);
  });
});
