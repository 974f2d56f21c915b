import { describe, expect, it, vi } from 'vitest';
import { MAX_INPUT_BYTES, MAX_NESTING_DEPTH, createParseCache, findDeepNesting, parseManifests } from './parse';

const one = (text: string, name = 'a.yaml') => parseManifests([{ name, text }]);

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  ports:
    - port: 80
      nodePort: 30080
    - name: tls
      port: 443
`;

describe('parseManifests: field ranges', () => {
  const { documents, diagnostics } = one(SERVICE);
  const doc = documents[0]!;
  it.each([
    // path, startLine, startColumn, endLine, endColumn
    ['metadata.name', 4, 9, 4, 12],
    ['spec.type', 6, 9, 6, 17],
    ['spec.ports[0].nodePort', 9, 17, 9, 22],
    ['spec.ports[1].name', 10, 13, 10, 16],
    ['spec.ports', 7, 3, 7, 8], // a collection: its key
  ] as const)('%s', (path, startLine, startColumn, endLine, endColumn) => {
    expect(diagnostics).toEqual([]);
    expect(doc.fieldRanges[path]).toEqual({ file: 'a.yaml', startLine, startColumn, endLine, endColumn });
  });
  it('keeps the object, kind and apiVersion', () => {
    expect(doc.kind).toBe('Service');
    expect(doc.apiVersion).toBe('v1');
    expect((doc.object['spec'] as { ports: unknown[] }).ports).toHaveLength(2);
    expect(doc.range.startLine).toBe(1);
  });
});

describe('parseManifests: documents', () => {
  it.each([
    ['two documents', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n', 2, 0],
    ['empty documents are skipped quietly', '---\n---\n# only a comment\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n~\n', 1, 0],
    ['an empty text', '', 0, 0],
    ['a list document', '- a\n- b\n', 0, 1],
    ['a scalar document', 'hello\n', 0, 1],
    ['no apiVersion', 'kind: Pod\nmetadata: {name: p}\n', 0, 1],
    ['no kind', 'apiVersion: v1\nmetadata: {name: p}\n', 0, 1],
  ])('%s', (_label, text, docs, diags) => {
    const r = one(text);
    expect(r.documents).toHaveLength(docs);
    expect(r.diagnostics).toHaveLength(diags);
  });

  it('numbers documents within their file', () => {
    const r = one('---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n');
    expect(r.documents.map((d) => d.documentIndex)).toEqual([0, 1]);
    expect(r.documents[1]!.range.startLine).toBe(6);
  });

  it('names what is missing', () => {
    const r = one('metadata: {name: p}\n');
    expect(r.diagnostics[0]!.code).toBe('document.missing-type');
    expect(r.diagnostics[0]!.message).toContain('apiVersion not set, kind not set');
  });

  it('reads several files, each with its own ranges', () => {
    const r = parseManifests([
      { name: 'one.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n' },
      { name: 'two.yaml', text: '\n\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n' },
    ]);
    expect(r.documents.map((d) => [d.file, d.range.startLine])).toEqual([
      ['one.yaml', 1],
      ['two.yaml', 3],
    ]);
    expect(r.documents[1]!.fieldRanges['metadata.name']!.file).toBe('two.yaml');
  });

  it('unpacks kind: List into its items, with ranges relative to each item', () => {
    const r = one(`apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata:
      name: web
  - apiVersion: v1
    kind: Pod
    metadata:
      name: p
  - just-a-string
`);
    expect(r.documents.map((d) => [d.kind, d.listIndex])).toEqual([
      ['Service', 0],
      ['Pod', 1],
    ]);
    expect(r.documents[1]!.fieldRanges['metadata.name']!.startLine).toBe(11);
    expect(r.documents[1]!.range.startLine).toBe(8);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['document.not-mapping']);
  });

  it('resolves anchors, aliases and merge keys', () => {
    const r = one(`apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: &l {app: web}
  annotations:
    <<: *l
    extra: "1"
spec:
  nodeSelector: *l
`);
    expect(r.diagnostics).toEqual([]);
    const o = r.documents[0]!.object as { metadata: { annotations: unknown }; spec: { nodeSelector: unknown } };
    expect(o.spec.nodeSelector).toEqual({ app: 'web' });
    expect(o.metadata.annotations).toEqual({ app: 'web', extra: '1' });
  });

  it('does not let a __proto__ key pollute anything', () => {
    const r = one('apiVersion: v1\nkind: X\n__proto__: {polluted: true}\n');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(r.documents[0]!.object)).toContain('__proto__');
  });
});

describe('parseManifests: syntax errors', () => {
  const text = `apiVersion: v1
kind: Namespace
metadata: {name: good-1}
---
apiVersion: v1
kind: Service
metadata:
  name: a
   b: c
---
apiVersion: v1
kind: Namespace
metadata: {name: good-2}
`;
  const r = one(text);
  it('drops only the broken document', () => {
    expect(r.documents.map((d) => (d.object['metadata'] as { name: string }).name)).toEqual(['good-1', 'good-2']);
  });
  it('points at the right line with a readable message', () => {
    expect(r.diagnostics.length).toBeGreaterThan(0);
    for (const d of r.diagnostics) {
      expect(d.code).toBe('yaml.syntax');
      expect(d.severity).toBe('error');
      expect(d.message).toMatch(/^YAML syntax error: /);
      expect(d.message).not.toContain('\n');
      expect(d.range!.startLine).toBeGreaterThanOrEqual(8);
      expect(d.range!.startLine).toBeLessThanOrEqual(9);
    }
  });
  it.each([
    ['a tab as indentation', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: p\n', 4, 'tabs'],
    ['a duplicate key', 'apiVersion: v1\nkind: Pod\nkind: Service\n', 3, 'only once'],
    ['an unclosed flow map', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p\n', 3, ''],
  ])('%s', (_label, input, line, words) => {
    const d = one(input).diagnostics[0]!;
    expect(d.code).toBe('yaml.syntax');
    expect(d.range!.startLine).toBeLessThanOrEqual(line);
    expect(d.range!.endLine).toBeGreaterThanOrEqual(Math.min(line, d.range!.startLine));
    expect(d.message).toContain(words);
  });
});

describe('parseManifests: hostile input', () => {
  it('refuses more than 5 MB without parsing', () => {
    const line = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n';
    const text = line.repeat(Math.ceil((MAX_INPUT_BYTES + 10) / line.length));
    const r = parseManifests([{ name: 'big.yaml', text }]);
    expect(r.documents).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.code).toBe('input.too-large');
    expect(r.diagnostics[0]!.message).toContain('5 MB');
  });

  it('counts the total over several files', () => {
    const half = 'x'.repeat(MAX_INPUT_BYTES / 2 + 10);
    const r = parseManifests([
      { name: 'a', text: half },
      { name: 'b', text: half },
    ]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['input.too-large']);
  });

  it('counts bytes, not characters', () => {
    const text = `# ${'é'.repeat(Math.ceil(MAX_INPUT_BYTES / 2) + 10)}\n`; // under 5 M characters, over 5 MB
    expect(text.length).toBeLessThan(MAX_INPUT_BYTES);
    expect(parseManifests([{ name: 'a', text }]).diagnostics.map((d) => d.code)).toEqual(['input.too-large']);
  });

  it('counts the bytes of characters after a long ASCII part, to the byte', () => {
    // ASCII up to 4 bytes short of the limit, then one 4-byte emoji (a surrogate pair) and one
    // 2-byte character: exactly 2 bytes over; without the last character, exactly at the limit.
    const ascii = `# ${'a'.repeat(MAX_INPUT_BYTES - 4 - 2 - 1)}\n`;
    const over = `${ascii}\u{1F600}\u00e9`;
    const at = `${ascii}\u{1F600}`;
    expect(parseManifests([{ name: 'a', text: over }]).diagnostics.map((d) => d.code)).toEqual(['input.too-large']);
    expect(parseManifests([{ name: 'a', text: at }]).diagnostics.map((d) => d.code)).not.toContain('input.too-large');
  });

  it('refuses an alias bomb (billion laughs) with a clear message', () => {
    const levels = 'abcdefghi'.split('');
    let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n';
    text += `  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
    for (let i = 1; i < levels.length; i++) {
      const prev = levels[i - 1]!;
      text += `  ${levels[i]}: &${levels[i]} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    }
    expect(text.length).toBeLessThan(1024);
    const r = one(text);
    expect(r.documents).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['yaml.alias-limit']);
    expect(r.diagnostics[0]!.message).toContain('alias bomb');
  });

  it('never throws on odd inputs', () => {
    for (const text of ['%YAML 9.9\n---\na: 1\n', '? [a]\n: 1\n', '!!binary aGk=\n', 'a: !custom 1\n', '*undefined\n', '\u0000\u0001']) {
      expect(() => one(text)).not.toThrow();
    }
    expect(() => parseManifests([{ name: 'x', text: undefined as unknown as string }])).not.toThrow();
  });
});

describe('parseManifests: read as kubectl reads it (sigs.k8s.io/yaml over go-yaml v2)', () => {
  const labelsOf = (text: string): unknown => {
    const r = one(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${text}`);
    expect(r.diagnostics).toEqual([]);
    return (r.documents[0]!.object['metadata'] as { labels: unknown }).labels;
  };

  it.each([
    ['an inline merge key', '  labels: {<<: {app: web}}\n', { app: 'web' }],
    ['a block merge key', '  labels:\n    <<: {app: web}\n    tier: fe\n', { app: 'web', tier: 'fe' }],
    ['a merge of a list, the earlier source winning', '  labels:\n    <<: [{app: web}, {app: db, tier: fe}]\n', { app: 'web', tier: 'fe' }],
    ['a key after the merge replacing the merged one', '  labels:\n    <<: {app: web}\n    app: api\n', { app: 'api' }],
    // go-yaml v2 writes the merged keys where `<<` stands: they replace the keys before it.
    ['a merge replacing the key before it (go-yaml v2)', '  labels:\n    app: api\n    <<: {app: web}\n', { app: 'web' }],
    ['a quoted "<<", an ordinary key', '  labels: {"<<": web}\n', { '<<': 'web' }],
    ['number and boolean keys as strings', '  labels: {1: a, 1.5: b, true: c, 0x1F: d, 1e6: e}\n', { '1': 'a', '1.5': 'b', true: 'c', '31': 'd', '1e+06': 'e' }],
  ])('%s', (_what, text, expected) => {
    expect(labelsOf(text)).toStrictEqual(expected);
  });

  it('merges through aliases, with field ranges at the anchored text', () => {
    const r = one('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: &base {app: web}\n  labels:\n    <<: *base\n    tier: fe\n');
    expect(r.diagnostics).toEqual([]);
    const doc = r.documents[0]!;
    expect((doc.object['metadata'] as { labels: unknown }).labels).toStrictEqual({ app: 'web', tier: 'fe' });
    expect(doc.fieldRanges['metadata.labels.app']!.startLine).toBe(5);
    expect(doc.fieldRanges['metadata.labels.tier']!.startLine).toBe(8);
  });

  it.each([
    ['a null key', 'metadata:\n  labels: {~: web}\n', 'null'],
    ['an empty key', 'metadata:\n  labels:\n    ? \n    : web\n', 'null'],
    ['a list as a key', 'metadata:\n  labels:\n    ? [a]\n    : web\n', 'list or mapping'],
    ['a merge of a scalar', 'metadata:\n  labels:\n    <<: web\n', 'map merge requires map or sequence of maps'],
    ['an anchor that contains itself', 'metadata: &m\n  labels: *m\n', 'contains itself'],
  ])('refuses %s as kubectl does, at its line', (_what, text, words) => {
    const r = one(`apiVersion: v1\nkind: Pod\n${text}`);
    expect(r.documents).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['yaml.unsupported']);
    expect(r.diagnostics[0]!.message).toContain(words);
    expect(r.diagnostics[0]!.range!.startLine).toBeGreaterThanOrEqual(3);
  });

  it('keeps __proto__ and constructor as plain fields, and the ranges object whole', () => {
    const r = one('__proto__: {polluted: true}\nconstructor: x\napiVersion: v1\nkind: X\nmetadata:\n  labels: {__proto__: a}\n');
    const doc = r.documents[0]!;
    expect(Object.getPrototypeOf(doc.object)).toBe(Object.prototype);
    expect(Object.keys(doc.object)).toEqual(['__proto__', 'constructor', 'apiVersion', 'kind', 'metadata']);
    expect(Object.keys(doc.fieldRanges)).toContain('__proto__');
    expect(doc.fieldRanges['__proto__']!.startLine).toBe(1);
    expect(doc.fieldRanges['apiVersion']!.startLine).toBe(3);
    expect(Object.keys((doc.object['metadata'] as { labels: object }).labels)).toEqual(['__proto__']);
    expect('toString' in doc.fieldRanges).toBe(false);
  });

  it('refuses a key longer than 1,024 characters the same way whatever was parsed before', () => {
    const long = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata:\n  ${'k'.repeat(1100)}: v\n`;
    const cache = createParseCache();
    const short = long.replace('k'.repeat(1100), 'k');
    expect(parseManifests([{ name: 'a', text: short }], cache).documents).toHaveLength(1);
    for (const r of [parseManifests([{ name: 'a', text: long }], cache), one(long)]) {
      expect(r.documents).toEqual([]);
      expect(r.diagnostics[0]!.code).toBe('yaml.syntax');
    }
  });
});

describe('parseManifests: positions after a syntax error', () => {
  it('counts the lines itself (the library\'s LineCounter misses a line feed after a `}` opening a line)', () => {
    const r = one('x: >\n}  one\n  two\napiVersion: v1\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: x\n');
    expect(r.documents.map((d) => d.range.startLine)).toEqual([6]);
    expect(r.documents[0]!.fieldRanges['metadata.name']).toEqual({ file: 'a.yaml', startLine: 9, startColumn: 9, endLine: 9, endColumn: 10 });
  });
});

describe('parseManifests: deep nesting is a syntax error that says so', () => {
  const flow = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata:\n  a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
  const flowMaps = `a: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`;
  let block = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata:\n';
  for (let i = 1; i < 150; i++) block += `${' '.repeat(i)}k:\n`;
  const seqs = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata:\n  a: x\nitems: ${'- '.repeat(5000)}x\n`;
  it.each([
    ['flow sequences (20 KB)', flow, 5],
    ['flow maps', flowMaps, 1],
    ['block maps', block, 104],
    ['block sequences on one line', seqs, 6],
  ])('%s', (_what, text, line) => {
    for (const r of [one(text), parseManifests([{ name: 'a.yaml', text }], createParseCache())]) {
      expect(r.documents).toEqual([]);
      expect(r.diagnostics).toHaveLength(1);
      expect(r.diagnostics[0]!.code).toBe('yaml.syntax');
      expect(r.diagnostics[0]!.message).toContain(`nested more than ${MAX_NESTING_DEPTH} levels deep`);
      expect(r.diagnostics[0]!.range!.startLine).toBe(line);
    }
  });

  it('refuses only the deep document; the others load', () => {
    const text = `apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n${flow}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n`;
    const r = one(text);
    expect(r.documents.map((d) => [d.documentIndex, d.range.startLine])).toEqual([[0, 1], [2, 11]]);
    expect(r.diagnostics.map((d) => [d.code, d.range!.startLine])).toEqual([['yaml.syntax', 9]]);
  });

  it('reads nesting up to the limit', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata:\n  a: ${'['.repeat(90)}${']'.repeat(90)}\n`;
    expect(one(text).diagnostics).toEqual([]);
    expect(findDeepNesting('a: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\n# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n')).toBeUndefined();
  });
});

describe('parseManifests: quiet', () => {
  it('prints nothing on the console, whatever the keys (no "Keys with collection values will be stringified")', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      for (const text of ['? [a]\n: 1\nb: *x\n', '? {kind: List}\n: x\n', 'a: &x {b: 1}\n? *x\n: 2\n', 'a: !unknown 1\n', 'x: &a [*a]\n']) {
        parseManifests([{ name: 'a.yaml', text: `apiVersion: v1\nkind: ConfigMap\n${text}` }]);
      }
      expect(warn).not.toHaveBeenCalled();
      expect(consoleWarn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      consoleWarn.mockRestore();
    }
  });
});
