/**
 * The fast YAML path against the `yaml` library path: on every fixture and scenario, on the
 * bench's generated clusters, on seeded manifest-shaped YAML and on random mutations of it,
 * parseManifests gives deep-equal documents (objects, ranges, fieldRanges) and diagnostics
 * with and without the fast path. Also: the fast path does take the common shapes (else the
 * equality would hold trivially).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFastYaml, resolvePlain } from './fast-yaml';
import { parseManifests, parseManifestsWithoutMemo } from './parse';
// @ts-expect-error: a plain .mjs without types (the bench's deterministic cluster generator)
import { generateCluster as untypedGenerateCluster } from '../../../scripts/bench/generate.mjs';

const generateCluster = untypedGenerateCluster as (options: { pods: number; seed: number; uniqueLabels?: boolean }) => { yaml: string };

const root = join(__dirname, '..', '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(name) ? [p] : [];
  });
}

function expectSameAsLibrary(name: string, text: string): void {
  const files = [{ name, text }];
  const library = parseManifestsWithoutMemo(files, { fastPath: false });
  expect(parseManifestsWithoutMemo(files)).toStrictEqual(library);
  // Through the memo each `---` piece is parsed alone; where the library's own chunked reading
  // differs from its whole-text reading (parse-memo.test.ts covers that), the fast path is not involved.
  if (parseFastYaml(text) !== undefined) expect(parseManifests(files)).toStrictEqual(library);
}

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
const KEYS = ['name', 'app', 'kind', 'apiVersion', 'metadata', 'labels', 'spec', 'ports', 'port', 'items', 'a b', '1', 'true', 'null', '~', 'x.y/z', '__proto__', '<<', "q'k", 'k"q', '-k', 'é'];

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

describe('the fast YAML path', () => {
  it('equals the library path on every fixture and scenario', () => {
    const paths = [...yamlFiles(join(root, 'tests', 'fixtures')), ...yamlFiles(join(root, 'scenarios'))];
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expectSameAsLibrary(p, readFileSync(p, 'utf8'));
  });

  it('equals the library path on the bench clusters, and reads them itself', () => {
    for (const options of [{ pods: 50, seed: 1 }, { pods: 300, seed: 2 }, { pods: 200, seed: 3, uniqueLabels: true }]) {
      const { yaml } = generateCluster(options);
      expect(parseFastYaml(yaml)).toBeDefined();
      expectSameAsLibrary('bench.yaml', yaml);
    }
  });

  it('equals the library path on manifest-shaped YAML (property)', () => {
    fc.assert(
      fc.property(streamArb, (text) => expectSameAsLibrary('gen.yaml', text)),
      { seed: 7, numRuns: 600 },
    );
  });

  it('equals the library path on mutated manifest-shaped YAML (property)', () => {
    fc.assert(
      fc.property(streamArb, mutationArb, (text, edits) => expectSameAsLibrary('mut.yaml', mutate(text, edits))),
      { seed: 11, numRuns: 600 },
    );
  });

  it.each([
    ['apiVersion: v1\nkind: Service\nmetadata:\n  name: web # c\n  labels: {app: web, tier: "fe"}\nspec:\n  ports:\n  - port: 80\n    targetPort: http\n'],
    ['# head\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\ndata:\n  a: |\n    one\n    two\n  b: >-\n    folded\n    text\n  c: |+\n    kept\n\n'],
    ['a:\n- x\n- \'y\'\n- "z\\n"\nb:\nc: ~\n'],
  ])('reads %j itself', (text) => {
    expect(parseFastYaml(text)).toBeDefined();
    expectSameAsLibrary('own.yaml', text);
  });

  it.each([
    ['anchors', 'a: &x 1\nb: *x\n'],
    ['tags', 'a: !!str 1\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a multi-line quoted scalar', 'a: "one\n  two"\n'],
    ['an indented comment line', 'a:\n  b: 1\n  # c\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a tab', 'a:\t1\n'],
    ['a complex key', '? a\n: 1\n'],
    ['a merge key', 'b: {x: 1}\n<<: {y: 2}\n'],
    ['a list at the root', '- a\n'],
  ])('leaves %s to the library', (_what, text) => {
    expect(parseFastYaml(text)).toBeUndefined();
    expectSameAsLibrary('lib.yaml', text);
  });

  it.each([
    ['~', null], ['', null], ['Null', null], ['NULL', null], ['nul', 'nul'], ['true', true], ['False', false], ['yes', 'yes'],
    ['0o17', 15], ['017', 17], ['0x1F', 31], ['0X1F', '0X1F'], ['+3', 3], ['-0', -0], ['1.', 1], ['.5', 0.5], ['1e3', 1000],
    ['.inf', Infinity], ['-.Inf', -Infinity], ['.NaN', NaN], ['1_000', '1_000'], ['0b1', '0b1'],
  ])('resolvePlain(%j) is %j (YAML 1.2 core schema, as the library)', (s, expected) => {
    expect(resolvePlain(s)).toStrictEqual(expected);
  });
});
