/**
 * The per-document memo of parseManifests (a ParseCache): on every text, and on every text that
 * follows another (the app's keystrokes), the result equals parsing the whole text at once
 * (parseManifests without a cache), ranges and diagnostics included.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createParseCache, parseManifests, splitYamlDocuments } from './parse';

const root = join(__dirname, '..', '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(name) ? [p] : [];
  });
}

const PIECES = [
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n    targetPort: http\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {app: web}}\nspec:\n  replicas: 2\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: c\n        ports: [{containerPort: 8080, name: http}]\n',
  '# only a comment\n',
  '',
  '\n\n',
  'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: a}\n',
  'base: &b {x: 1}\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata: *b\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: text\ndata:\n  a: |\n    one\n    two\n  b: >-\n    folded\n',
  'apiVersion: v1\nkind: Pod\nmetadata: {name: broken\nspec: {}\n',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: dup\n  name: again\n',
  '- just\n- a list\n',
  'plain text\n',
  '...\n',
  '%YAML 1.2\n',
  'apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: crlf\r\n',
  '--- |\n  a block\n',
  'kind: Service\n',
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  a: ${'['.repeat(120)}${']'.repeat(120)}\n`,
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: m\n  labels: {<<: {app: web}, tier: fe}\n',
];
const SEPARATORS = ['---\n', '--- \n', '---\r\n', '--- # c\n', '---', '\n---\n', '-- \n'];

const streamArb = fc
  .array(fc.tuple(fc.constantFrom(...SEPARATORS), fc.constantFrom(...PIECES)), { minLength: 1, maxLength: 6 })
  .chain((parts) => {
    const text = parts.map(([sep, piece], i) => (i === 0 ? piece : sep + piece)).join('');
    return fc.constant(text);
  });
/** An edit: insert or delete a few characters somewhere, or swap two lines. */
const editArb = fc.tuple(fc.nat(), fc.nat(8), fc.constantFrom('', 'x', '\n', ': ', '- ', '---\n', '  ', '#', '"', 'name: b\n', '\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n'));

function applyEdit(text: string, [at, remove, insert]: [number, number, string]): string {
  const i = text.length === 0 ? 0 : at % (text.length + 1);
  return text.slice(0, i) + insert + text.slice(i + remove);
}

let cache = createParseCache();

function expectSame(files: { name: string; text: string }[]): void {
  expect(parseManifests(files, cache)).toStrictEqual(parseManifests(files));
}

describe('parseManifests with the per-document memo', () => {
  it('equals a whole-text parse on the fixtures and scenarios, twice and after edits', () => {
    const paths = [...yamlFiles(join(root, 'tests', 'fixtures')), ...yamlFiles(join(root, 'scenarios'))];
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      const text = readFileSync(p, 'utf8');
      expectSame([{ name: p, text }]);
      expectSame([{ name: p, text }]);
      // A line added at the top moves every document below it.
      expectSame([{ name: p, text: `# added\n${text}` }]);
      expectSame([{ name: p, text: text.replace('name:', 'name: x') }]);
    }
  });

  it('equals a whole-text parse on random streams and the edits that follow them (property)', () => {
    fc.assert(
      fc.property(streamArb, fc.array(editArb, { minLength: 1, maxLength: 4 }), fc.constantFrom('a.yaml', 'b.yaml'), (text, edits, name) => {
        cache = createParseCache();
        let current = text;
        expectSame([{ name, text: current }]);
        for (const edit of edits) {
          current = applyEdit(current, edit);
          expectSame([{ name, text: current }]);
          expectSame([{ name, text: current }, { name: 'other.yaml', text }]);
        }
      }),
      { seed: 99, numRuns: 200 },
    );
  }, 120_000); // a busy shared machine runs these 200 streams and their edits slowly

  it('a document moved again and again before its field ranges are read has the ranges of a fresh parse', () => {
    const text = [PIECES[0], PIECES[1], PIECES[5], PIECES[1]].join('---\n');
    const moves = ['# one\n', '# one\n# two\n', '', '# three\n'];
    // Each keystroke's result is put aside unread; all are read (and compared) at the end.
    const local = createParseCache();
    parseManifests([{ name: 'm.yaml', text }], local);
    const unread = moves.map((top) => ({ top, result: parseManifests([{ name: 'm.yaml', text: top + text }], local) }));
    // Read one document of the last result, then move again: read and unread ones both move.
    const last = unread[unread.length - 1]!.result;
    expect(last.documents[1]!.fieldRanges['spec.replicas']).toEqual(parseManifests([{ name: 'm.yaml', text: moves[3] + text }]).documents[1]!.fieldRanges['spec.replicas']);
    unread.push({ top: '\n\n', result: parseManifests([{ name: 'm.yaml', text: '\n\n' + text }], local) });
    for (const { top, result } of unread) {
      expect(JSON.stringify(result)).toBe(JSON.stringify(parseManifests([{ name: 'm.yaml', text: top + text }])));
    }
  });

  it('reuses the unchanged documents, per cache (no state shared between caches)', () => {
    const a = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n';
    const edited = a.replace('name: b', 'name: c');
    const one = createParseCache();
    const two = createParseCache();
    const first = parseManifests([{ name: 'f.yaml', text: a }], one);
    parseManifests([{ name: 'f.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: z}\n' }], two);
    const second = parseManifests([{ name: 'f.yaml', text: edited }], one);
    expect(second.documents[0]!.object).toBe(first.documents[0]!.object);
    expect(second.documents[1]!.object).not.toBe(first.documents[1]!.object);
    expect(parseManifests([{ name: 'f.yaml', text: edited }]).documents[0]!.object).not.toBe(first.documents[0]!.object);
  });

  it.each([
    ['a: 1\n---\nb: 2\n', [['a: 1\n', 0], ['---\nb: 2\n', 1]]],
    ['---\na: 1\n', [['---\na: 1\n', 0]]],
    ['a: "---"\n--- x\n---\tb\n', [['a: "---"\n', 0], ['--- x\n', 1], ['---\tb\n', 2]]],
    ['a: 1\n----\n', [['a: 1\n----\n', 0]]],
    ['a: 1\n...\n---\nb: 2\n', undefined],
    ['%YAML 1.2\n---\na: 1\n', undefined],
    ['a: 1\rb: 2', undefined],
  ])('splitYamlDocuments(%j)', (text, expected) => {
    const chunks = splitYamlDocuments(text);
    expect(chunks?.map((c) => [c.text, c.line])).toEqual(expected);
  });
});
