/**
 * Differential property test: the engine's parse path (parseManifests, with and without a parse
 * cache) against the `yaml` library read directly, on generated manifest-shaped YAML with the
 * spellings people and tools produce — quotes and escapes, block scalars, anchors, aliases and
 * merge keys, tags, CRLF, a BOM, tabs, comments, deep nesting, long keys, duplicate keys,
 * null and collection keys, several documents — and on random mutations of it.
 *
 * The oracle is the library's own `toJS` (Maps, so keys are seen as they are) and its offsets
 * (lines counted from the text: the library's LineCounter skips line feeds after some errors),
 * turned into JSON the way kubectl's reader does (keys as strings; a null or collection key refuses the
 * document). Every document the library reads without an error must come out of the engine as
 * the same object at the same range, and every document it refuses the engine refuses too.
 *
 * CI runs fixed seeds. A longer run: NETPLAY_FUZZ_RUNS=20000 [NETPLAY_FUZZ_SEED=n] npx vitest run parse-differential
 */
import { parseAllDocuments } from 'yaml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ManifestDocument } from '../types';
import { MAX_ALIAS_COUNT, createParseCache, parseManifests } from './parse';

const RUNS = Number(process.env['NETPLAY_FUZZ_RUNS'] ?? '') || 300;
const SEED = process.env['NETPLAY_FUZZ_SEED'] === undefined ? undefined : Number(process.env['NETPLAY_FUZZ_SEED']);
const seed = (fixed: number): number => SEED ?? fixed;

// ---------------------------------------------------------------------------------------------
// Manifest-shaped YAML: a random tree rendered in block style with the formatting choices
// people make (quotes, flow collections, comments, blank lines, block scalars, empty values).

const SCALARS = [
  'web', 'v1', 'apps/v1', 'nginx:1.25', 'http://x.example/a#b', '80', '8080', '0', '-1', '+3', '007', '0o17', '0x1F',
  '1.5', '1.', '.5', '1e3', '-2.5E-2', '.inf', '-.Inf', '.nan', 'true', 'False', 'TRUE', 'yes', 'no', 'on', 'null', 'Null',
  '~', '', 'a b', 'a:b', 'a #b', 'a#b', '10.0.0.0/8', '*', '-', '--x', '?x', ':x', 'a,b', '[x]', '{x}', '@x', '%x', '!x',
  '&x', '|', '>', "it's", 'say "hi"', 'back\\slash', 'tab\there', 'é ü 中', '__proto__', '<<', 'List', 'items', 'kind',
];
const COMMON = ['web', 'v1', 'nginx:1.25', '80', '0', '1.5', 'true', 'null', '~', '', 'a b', '10.0.0.0/8', "it's", 'é ü 中', 'List', '-1'];
// No `<<` here: a merge key after explicit keys is where kubectl's go-yaml v2 and the YAML spec
// (and so the library's toJS) differ on purpose; parse.test.ts pins the go-yaml reading, and
// SNIPPETS below merge with `<<` first, where both agree.
const KEYS = ['name', 'app', 'kind', 'apiVersion', 'metadata', 'labels', 'spec', 'ports', 'port', 'items', 'a b', '1', 'true', 'null', '~', 'x.y/z', '__proto__', "q'k", 'k"q', '-k', 'é'];

type Tree = string | Tree[] | { [k: string]: Tree };

const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    // Mostly the scalars manifests hold, sometimes the odd ones (which often send a text to the library).
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...COMMON) }, { weight: 1, arbitrary: fc.constantFrom(...SCALARS) }),
    fc.array(tie('tree'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('tree'), { maxKeys: 4 }),
  ),
})).tree;

interface Style {
  quote: number;
  flow: number;
  comment: number;
  blank: number;
  block: number;
  indentSeq: boolean;
  step: number;
}

const styleArb = fc.record({
  quote: fc.nat(9), flow: fc.nat(9), comment: fc.nat(9), blank: fc.nat(9), block: fc.nat(9), indentSeq: fc.boolean(), step: fc.constantFrom(2, 2, 4, 3),
});

/** Picks pseudo-randomly from the rendering position, so one tree renders one way per style. */
function pick(style: Style, salt: number, n: number, weight: number): boolean {
  return ((salt * 2654435761 + n * 97) >>> 0) % 10 < weight;
}

function scalarText(s: string, style: Style, salt: number): string {
  const q = ((salt * 40503) >>> 0) % 3;
  if (pick(style, salt, 1, style.quote)) {
    return q === 0 ? `'${s.replace(/'/g, "''")}'` : JSON.stringify(s);
  }
  return s;
}

function flowText(t: Tree, style: Style, salt: number): string {
  if (typeof t === 'string') return scalarText(t, style, salt);
  if (Array.isArray(t)) return `[${t.map((x, i) => flowText(x, style, salt + i + 1)).join(', ')}]`;
  return `{${Object.entries(t).map(([k, v], i) => `${scalarText(k, style, salt + i)}: ${flowText(v, style, salt + i + 7)}`).join(', ')}}`;
}

function render(t: Tree, indent: number, style: Style, salt: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  const extras = (i: number): void => {
    if (pick(style, salt, 10 + i, style.blank)) lines.push('');
    if (pick(style, salt, 20 + i, style.comment)) lines.push(pick(style, salt, 30 + i, 3) ? `${pad}# note` : '# note');
  };
  const inline = (v: Tree, i: number, childIndent: number): { head: string; rest: string[] } => {
    if (typeof v === 'string') {
      if (pick(style, salt, 40 + i, style.block)) {
        const chomp = ['', '-', '+'][(salt + i) % 3]!;
        const head = `${pick(style, salt, 50 + i, 5) ? '|' : '>'}${chomp}`;
        const body = [`${v || 'x'}`, ...(pick(style, salt, 60 + i, 3) ? ['', 'second line'] : []), ...(pick(style, salt, 70 + i, 3) ? [''] : [])];
        return { head: ` ${head}`, rest: body.map((b) => (b === '' ? '' : `${' '.repeat(childIndent)}${b}`)) };
      }
      const c = pick(style, salt, 80 + i, style.comment) ? ' # c' : '';
      return { head: v === '' && !pick(style, salt, 90 + i, 5) ? '' : ` ${scalarText(v, style, salt + i)}${c}`, rest: [] };
    }
    if (pick(style, salt, 100 + i, style.flow)) return { head: ` ${flowText(v, style, salt + i)}`, rest: [] };
    const isSeq = Array.isArray(v);
    const empty = isSeq ? v.length === 0 : Object.keys(v).length === 0;
    if (empty) return { head: isSeq ? ' []' : ' {}', rest: [] };
    const nested = render(v, childIndent, style, salt * 31 + i);
    return { head: pick(style, salt, 110 + i, 1) ? ' # c' : '', rest: nested };
  };
  if (typeof t === 'string') return [`${pad}${scalarText(t, style, salt)}`];
  if (Array.isArray(t)) {
    t.forEach((v, i) => {
      extras(i);
      if (!Array.isArray(v) && typeof v === 'object' && Object.keys(v).length > 0 && pick(style, salt, 120 + i, 7)) {
        // `- key: value` with the rest of the mapping at the key's column.
        const inner = render(v, indent + 2, style, salt * 17 + i);
        lines.push(`${pad}- ${inner[0]!.slice(indent + 2)}`, ...inner.slice(1));
        return;
      }
      const { head, rest } = inline(v, i, indent + 2);
      lines.push(`${pad}-${head}`, ...rest);
    });
    return lines;
  }
  Object.entries(t).forEach(([k, v], i) => {
    extras(i);
    const seqIndent = Array.isArray(v) && !style.indentSeq ? indent : indent + style.step;
    const { head, rest } = inline(v, i, Array.isArray(v) ? seqIndent : indent + style.step);
    lines.push(`${pad}${scalarText(k, style, salt + i + 3)}:${head}`, ...rest);
  });
  return lines;
}

const manifestArb = fc
  .tuple(
    fc.constantFrom('Service', 'Deployment', 'List', 'NetworkPolicy', ''),
    fc.dictionary(fc.constantFrom(...KEYS), treeArb, { maxKeys: 4 }),
    fc.array(treeArb, { maxLength: 2 }),
    styleArb,
    fc.nat(1000),
  )
  .map(([kind, extra, items, style, salt]) => {
    const doc: Record<string, Tree> = { apiVersion: 'v1', ...(kind ? { kind } : {}), metadata: { name: 'x' }, ...extra };
    if (kind === 'List') doc['items'] = items.map((it) => (typeof it === 'object' && !Array.isArray(it) ? { apiVersion: 'v1', kind: 'Pod', ...it } : it));
    return render(doc, 0, style, salt).join('\n');
  });

const streamArb = fc
  .tuple(fc.array(manifestArb, { minLength: 1, maxLength: 3 }), fc.constantFrom('---\n', '\n---\n', '---  \n', '---\n\n# c\n'), fc.boolean(), fc.boolean())
  .map(([docs, sep, leading, trailingNewline]) => (leading ? '---\n' : '') + docs.join(`\n${sep}`) + (trailingNewline ? '\n' : ''));

/** A few random edits: insert or delete characters anywhere. */
const mutationArb = fc.array(
  fc.tuple(fc.nat(), fc.nat(4), fc.constantFrom('', ' ', '  ', '\n', ':', ': ', '- ', '#', '"', "'", '[', ']', '{', '}', ',', '|', '>', '-', '&a ', '*a', '!t ', '? ', 'x', '\t', '\r\n', '---\n', '~')),
  { minLength: 1, maxLength: 3 },
);

function mutate(text: string, edits: [number, number, string][]): string {
  let t = text;
  for (const [at, remove, insert] of edits) {
    const i = t.length === 0 ? 0 : at % (t.length + 1);
    t = t.slice(0, i) + insert + t.slice(i + remove);
  }
  return t;
}

/** Snippets spliced into a document's top level: the constructs the tree renderer does not make. */
const SNIPPETS = [
  'x-base: &base {app: web, tier: fe}\nx-merged:\n  <<: *base\n  app: api\n',
  'x-base: &base\n  app: web\nx-merged: {<<: *base, tier: fe}\n',
  'x-merged: {<<: [{a: 1}, {a: 2, b: 3}], c: 4}\n',
  'x-list: &l [a, b]\nx-copy: *l\n',
  'x-scalar: &s web\nx-again: *s\n',
  'x-tag: !!str 123\nx-float: !!float 1\n',
  'x-esc: "a\\tb\\u00e9\\n\\"q\\""\nx-single: \'it\'\'s\'\n',
  'x-tab:\t1\n',
  '\tx-tab-indent: 1\n',
  `${'k'.repeat(1100)}: v\n`,
  `${'k'.repeat(1000)}: v\n`,
  'x-dup: 1\nx-dup: 2\n',
  '~: null key\n',
  '? [a, b]\n: collection key\n',
  '? x-explicit\n: value\n',
  `x-deep: ${'['.repeat(60)}${']'.repeat(60)}\n`,
  `x-too-deep: ${'['.repeat(120)}${']'.repeat(120)}\n`,
  'x-multi: plain\n  continued\n',
  'x-folded: >\n  one\n  two\n\n  three\n',
  'x-keys: {1: a, true: b, 0x10: c}\n',
  'x-proto: {__proto__: {polluted: true}, constructor: c}\n',
  '# a comment\nx-after-comment: 1 # trailing\n',
  'x-empty-flow: {a: , b: []}\n',
  'x-unresolved: *nowhere\n',
  'x-bad-merge: {<<: web}\n',
  'x-self: &self {a: *self}\n',
];

const spicedArb = fc
  .tuple(streamArb, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...SNIPPETS)), { maxLength: 3 }), fc.nat(9))
  .map(([text, snippets, wrap]) => {
    let out = text;
    for (const [at, snippet] of snippets) {
      // At the start of a line that starts at column 0 (a top-level key of some document).
      const starts = [0, ...[...out.matchAll(/\n(?=[A-Za-z_"'~])/g)].map((m) => m.index + 1)];
      const i = starts[at % starts.length]!;
      out = out.slice(0, i) + snippet + out.slice(i);
    }
    if (wrap === 0) out = out.replace(/\n/g, '\r\n');
    if (wrap === 1) out = `\uFEFF${out}`;
    if (wrap === 2) out = `---\n${out}\n...\n`;
    return out;
  });

// ---------------------------------------------------------------------------------------------
// The oracle

/** A JS value from `toJS({ mapAsMap: true })` turned into JSON as kubectl does; undefined when kubectl refuses it. */
function toKubectlJson(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value as Map<unknown, unknown>) {
      let key: string;
      if (typeof k === 'string') key = k;
      else if (typeof k === 'number' && Number.isInteger(k)) key = String(k);
      else if (typeof k === 'boolean') key = String(k);
      else return { ok: false };
      const inner = toKubectlJson(v);
      if (!inner.ok) return inner;
      Object.defineProperty(out, key, { value: inner.value, enumerable: true, writable: true, configurable: true });
    }
    return { ok: true, value: out };
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) {
      const inner = toKubectlJson(v);
      if (!inner.ok) return inner;
      out.push(inner.value);
    }
    return { ok: true, value: out };
  }
  return { ok: true, value };
}

/** Nesting depth; Infinity for a value that contains itself (the library resolves `&a [*a]` to a cycle). */
function depthOf(value: unknown, path = new Set<unknown>()): number {
  if (!(value instanceof Map) && !Array.isArray(value)) return 0;
  if (path.has(value)) return Infinity;
  path.add(value);
  let deepest = 0;
  for (const v of value instanceof Map ? (value as Map<unknown, unknown>).values() : (value as unknown[])) deepest = Math.max(deepest, depthOf(v, path));
  path.delete(value);
  return 1 + deepest;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isManifest = (v: unknown): v is Record<string, unknown> =>
  isObject(v) && typeof v['apiVersion'] === 'string' && v['apiVersion'] !== '' && typeof v['kind'] === 'string' && v['kind'] !== '';

interface Expected {
  /** `documentIndex` or `documentIndex/listIndex` → the object and the 1-based start line of its range. */
  readonly documents: Map<string, { object: unknown; line: number; column: number }>;
  /** Document indexes the library read but the engine must refuse (too deep, kubectl-unreadable). */
  readonly refused: Set<number>;
}

/** 1-based line and column of an offset, lines ending at LF (the library's offsets, counted here). */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastLf = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastLf };
}

function oracle(text: string): Expected {
  const docs = parseAllDocuments(text, { prettyErrors: false, merge: true });
  const documents = new Map<string, { object: unknown; line: number; column: number }>();
  const refused = new Set<number>();
  const list = Array.isArray(docs) ? docs : [];
  list.forEach((doc, index) => {
    if (doc.errors.length > 0 || doc.contents === null) return;
    let js: unknown;
    try {
      js = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT, mapAsMap: true });
    } catch {
      refused.add(index);
      return;
    }
    if (depthOf(js) > 100) {
      refused.add(index);
      return;
    }
    const json = toKubectlJson(js);
    if (!json.ok) {
      refused.add(index);
      return;
    }
    const at = (node: { range?: [number, number, number] | null } | null | undefined) => position(text, node?.range?.[0] ?? 0);
    const value = json.value;
    const contents = doc.contents as unknown as { range: [number, number, number]; get?: (k: string, keep: true) => { items?: unknown[] } };
    if (isObject(value) && value['kind'] === 'List' && Array.isArray(value['items'])) {
      const itemsNode = contents.get?.('items', true);
      value['items'].forEach((item, listIndex) => {
        const node = itemsNode?.items?.[listIndex] as { range?: [number, number, number] } | undefined;
        if (isManifest(item)) documents.set(`${index}/${listIndex}`, { object: item, ...at(node) });
      });
    } else if (isManifest(value)) {
      documents.set(String(index), { object: value, ...at(contents) });
    }
  });
  return { documents, refused };
}

function keyOf(doc: ManifestDocument): string {
  return doc.listIndex === undefined ? String(doc.documentIndex) : `${doc.documentIndex}/${doc.listIndex}`;
}

function expectSameAsLibrary(text: string): void {
  const expected = oracle(text);
  const files = [{ name: 'gen.yaml', text }];
  for (const result of [parseManifests(files), parseManifests(files, createParseCache())]) {
    const got = new Map(result.documents.map((d) => [keyOf(d), d]));
    expect([...got.keys()]).toEqual([...expected.documents.keys()]);
    for (const [key, want] of expected.documents) {
      const doc = got.get(key)!;
      expect(doc.object).toStrictEqual(want.object);
      expect([doc.range.startLine, doc.range.startColumn]).toEqual([want.line, want.column]);
    }
    for (const index of expected.refused) {
      expect(result.documents.some((d) => d.documentIndex === index)).toBe(false);
      expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    }
  }
}

/** Generous: a long run on a busy machine must not stop on vitest's default 5 s. */
const TIMEOUT = Math.max(60_000, RUNS * 200);

describe('the engine parse path against the yaml library (differential)', () => {
  it('agrees on manifest-shaped YAML (property)', () => {
    fc.assert(fc.property(streamArb, expectSameAsLibrary), { seed: seed(7), numRuns: RUNS });
  }, TIMEOUT);

  it('agrees on YAML with anchors, merges, tags, escapes, CRLF, BOM, tabs, long, duplicate and odd keys, deep nesting (property)', () => {
    fc.assert(fc.property(spicedArb, expectSameAsLibrary), { seed: seed(13), numRuns: RUNS });
  }, TIMEOUT);

  it('agrees on mutated YAML (property)', () => {
    fc.assert(fc.property(spicedArb, mutationArb, (text, edits) => expectSameAsLibrary(mutate(text, edits))), { seed: seed(11), numRuns: RUNS });
  }, TIMEOUT);

  it('agrees where a lone CR sits before a too-deep document', () => {
    expectSameAsLibrary(`x: >\r}\n  one\ny: ${'['.repeat(120)}${']'.repeat(120)}\napiVersion: v1\nkind: Service\n---\napiVersion: v1\nkind: Service\nmetadata: {name: x}\n`);
  });
});
