/**
 * Stage 1: text → ManifestDocuments, with 1-based source ranges for the fields diagnostics
 * point at. Built on `yaml` (eemeli, v2) alone: it keeps a position for every node and refuses
 * alias bombs (`maxAliasCount`), which js-yaml does not.
 *
 * One walk over each document's syntax tree builds the plain value and the `fieldRanges` at
 * once. The walk reads the tree the way kubectl's reader does (sigs.k8s.io/yaml over go-yaml
 * v2, then JSON): `<<` merge keys merged in place (block or flow), aliases expanded, keys that
 * are numbers or booleans turned into strings, and a null or collection key refused, as
 * `yaml.YAMLToJSON` refuses it.
 *
 * A keystroke re-parses one document: a `ParseCache` (from `createParseCache`) remembers the
 * documents of the previous call, and its holder (the worker's handler, the CLI) passes it in.
 */
import { Lexer, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode, type Pair } from 'yaml';
import type { Diagnostic, InputFile, ManifestDocument, ParseResult, SourceRange } from '../types';
import { makeDiagnostic } from '../diagnostics';

/** Total input above this is refused before parsing (performance budget B11). */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;
/** Alias expansions allowed per document before it is refused as an alias bomb (B12). */
export const MAX_ALIAS_COUNT = 100;
/**
 * Collections nested deeper than this are refused as a syntax error before the library sees
 * them: its parser recurses once per level and runs out of stack (or memory) a few hundred
 * levels down. Kubernetes objects nest a few dozen levels at most.
 */
export const MAX_NESTING_DEPTH = 100;
/** Nodes an alias expansion may build in one document (a second guard behind `maxAliasCount`). */
const MAX_EXPANDED_NODES = 100_000;

type Ranges = Record<string, SourceRange>;

/**
 * The documents the last call read, per file name and document text. Opaque: make one with
 * `createParseCache` and pass the same one to every call that follows (one per editor, one per
 * CLI run). The result is always what parsing the whole text gives; only the work is saved.
 */
export interface ParseCache {
  /** @internal file name → document text → what parsing that text gave. */
  files: Map<string, Map<string, MemoEntry>>;
}

/**
 * A fresh, empty parse cache.
 *
 * @example
 * const cache = createParseCache();
 * simulate(files, {}, cache); // parses every document
 * simulate(edited, {}, cache); // re-parses only the documents whose text changed
 */
export function createParseCache(): ParseCache {
  return { files: new Map() };
}

interface MemoEntry {
  readonly line: number;
  readonly documentBase: number;
  readonly documentCount: number;
  readonly documents: readonly ManifestDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses every file's YAML documents into Kubernetes objects with source ranges.
 * Empty documents are skipped quietly; `kind: List` is unpacked into its items; a document
 * with a syntax error is dropped (with a diagnostic) while the others still load. Never throws.
 * With a `cache`, documents whose text the previous call parsed are reused (their ranges moved
 * when lines above them were added or removed); the result equals a call without one.
 *
 * @example
 * const { documents, diagnostics } = parseManifests([{ name: 'app.yaml', text }]);
 * documents[0].fieldRanges['spec.ports[0].nodePort']; // { file: 'app.yaml', startLine: 9, ... }
 */
export function parseManifests(files: readonly InputFile[], cache?: ParseCache): ParseResult {
  if (cache === undefined) return parseFiles(files, (file, out, diagnostics) => parseWhole(file.name, textOf(file), out, diagnostics));
  const next = new Map<string, Map<string, MemoEntry>>();
  const result = parseFiles(files, (file, out, diagnostics) => parseFileWithMemo(file, out, diagnostics, cache.files, next));
  cache.files = next;
  return result;
}

const textOf = (file: InputFile): string => (typeof file.text === 'string' ? file.text : '');

function parseFiles(
  files: readonly InputFile[],
  parseOne: (file: InputFile, out: ManifestDocument[], diagnostics: Diagnostic[]) => void,
): ParseResult {
  const documents: ManifestDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  try {
    const bytes = totalBytes(files);
    if (bytes > MAX_INPUT_BYTES) {
      diagnostics.push(
        makeDiagnostic(
          'input.too-large',
          { bytes, limitBytes: MAX_INPUT_BYTES },
          files[0] ? { range: startRange(files[0].name) } : {},
        ),
      );
      return { documents, diagnostics };
    }
    for (const file of files) {
      try {
        parseOne(file, documents, diagnostics);
      } catch (error) {
        diagnostics.push(internalDiagnostic(error, file.name));
      }
    }
  } catch (error) {
    diagnostics.push(internalDiagnostic(error, undefined));
  }
  return { documents, diagnostics };
}

/**
 * A whole file through the library at once: the reference the cached path equals. A text
 * nested too deeply for the library is read `---` piece by piece instead, so only the deep
 * documents are refused.
 */
function parseWhole(name: string, text: string, out: ManifestDocument[], diagnostics: Diagnostic[]): void {
  if (findDeepNesting(text) === undefined) {
    parseText(name, text, out, diagnostics);
    return;
  }
  let documentBase = 0;
  for (const chunk of splitAtDocumentMarkers(text)) {
    const entry = moveEntry(parseChunk(name, chunk.text).entry, chunk.line, documentBase);
    for (const d of entry.documents) out.push(d);
    for (const d of entry.diagnostics) diagnostics.push(d);
    documentBase += entry.documentCount;
  }
}

/** One `---` piece on its own, at line 0; `problems` when the whole text must be read at once. */
function parseChunk(name: string, text: string): { entry: MemoEntry; problems: boolean } {
  const deep = findDeepNesting(text);
  if (deep !== undefined) {
    const entry = { line: 0, documentBase: 0, documentCount: 1, documents: [], diagnostics: [tooDeepDiagnostic(name, text, deep)] };
    return { entry, problems: true };
  }
  const documents: ManifestDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const parsed = parseText(name, text, documents, diagnostics);
  return { entry: { line: 0, documentBase: 0, documentCount: parsed.documentCount, documents, diagnostics }, problems: parsed.yamlProblems };
}

/**
 * The cached path. The app sends the whole text on every keystroke: each file is cut at its
 * `---` lines, and a document whose text the previous call parsed is reused. Any YAML error or
 * warning, directive (`%`), `...` marker or lone CR sends the whole file through `parseWhole`,
 * so diagnostics are exactly those of a whole parse. The cache keeps only what this call read,
 * so it holds no more than the caller's own result; a file with an error keeps its previous entries.
 */
function parseFileWithMemo(
  file: InputFile,
  out: ManifestDocument[],
  diagnostics: Diagnostic[],
  memo: ReadonlyMap<string, Map<string, MemoEntry>>,
  nextMemo: Map<string, Map<string, MemoEntry>>,
): void {
  const text = textOf(file);
  const chunks = splitYamlDocuments(text);
  const previous = memo.get(file.name);
  if (chunks === undefined) {
    if (previous) nextMemo.set(file.name, previous);
    parseWhole(file.name, text, out, diagnostics);
    return;
  }
  const next = new Map<string, MemoEntry>();
  const documents: ManifestDocument[] = [];
  const found: Diagnostic[] = [];
  let documentBase = 0;
  for (const chunk of chunks) {
    let entry = next.get(chunk.text) ?? previous?.get(chunk.text);
    if (entry === undefined) {
      const parsed = parseChunk(file.name, chunk.text);
      if (parsed.problems) {
        if (previous) nextMemo.set(file.name, previous);
        if (chunks.length === 1) {
          // The chunk was the whole text: that parse is already the answer.
          for (const d of parsed.entry.documents) out.push(d);
          for (const d of parsed.entry.diagnostics) diagnostics.push(d);
        } else parseWhole(file.name, text, out, diagnostics);
        return;
      }
      entry = parsed.entry;
    }
    if (entry.line !== chunk.line || entry.documentBase !== documentBase) entry = moveEntry(entry, chunk.line, documentBase);
    next.set(chunk.text, entry);
    for (const d of entry.documents) documents.push(d);
    for (const d of entry.diagnostics) found.push(d);
    documentBase += entry.documentCount;
  }
  for (const d of documents) out.push(d);
  for (const d of found) diagnostics.push(d);
  nextMemo.set(file.name, next);
}

/** A memo entry's documents and diagnostics at another line and document index. */
function moveEntry(entry: MemoEntry, line: number, documentBase: number): MemoEntry {
  const dl = line - entry.line;
  const dd = documentBase - entry.documentBase;
  if (dl === 0 && dd === 0) return entry;
  // Hot when typing near the top of a long file: every document below moves. Plain literals
  // in one fixed shape (the key order of `toRange`), no spread, so moving stays cheap.
  const documents = entry.documents.map((doc) => moveDocument(doc, dl, dd));
  const diagnostics = dl === 0 ? entry.diagnostics : entry.diagnostics.map((d) => (d.range ? { ...d, range: moveRange(d.range, dl) } : d));
  return { line, documentBase, documentCount: entry.documentCount, documents, diagnostics };
}

/**
 * Moved documents whose field ranges are not made yet: the ranges they come from and how many
 * lines to move them. A keystroke moves every document below it, but the analysis reads the
 * field ranges of only a few (a diagnostic's field); each moved document makes its ranges on
 * first read. Moving a document not read yet composes the offsets, so no chain of moves is kept.
 */
const unmovedRanges = new WeakMap<ManifestDocument, { readonly ranges: Readonly<Ranges>; readonly dl: number }>();

function moveDocument(doc: ManifestDocument, dl: number, dd: number): ManifestDocument {
  const pending = unmovedRanges.get(doc);
  const ranges = pending === undefined ? doc.fieldRanges : pending.ranges;
  const total = (pending === undefined ? 0 : pending.dl) + dl;
  const range = dl === 0 ? doc.range : moveRange(doc.range, dl);
  const documentIndex = doc.documentIndex + dd;
  // The key order of `makeDocument` (the JSON of a moved document is that of a fresh parse).
  if (total === 0) {
    return doc.listIndex === undefined
      ? { file: doc.file, documentIndex, apiVersion: doc.apiVersion, kind: doc.kind, object: doc.object, range, fieldRanges: ranges }
      : { file: doc.file, documentIndex, listIndex: doc.listIndex, apiVersion: doc.apiVersion, kind: doc.kind, object: doc.object, range, fieldRanges: ranges };
  }
  let made: Ranges | undefined;
  const moved = (): Ranges => (made ??= moveRanges(ranges, total));
  const next: ManifestDocument =
    doc.listIndex === undefined
      ? { file: doc.file, documentIndex, apiVersion: doc.apiVersion, kind: doc.kind, object: doc.object, range, get fieldRanges() { return moved(); } }
      : { file: doc.file, documentIndex, listIndex: doc.listIndex, apiVersion: doc.apiVersion, kind: doc.kind, object: doc.object, range, get fieldRanges() { return moved(); } };
  unmovedRanges.set(next, { ranges, dl: total });
  return next;
}

function moveRanges(ranges: Readonly<Ranges>, dl: number): Ranges {
  const moved: Ranges = Object.create(null) as Ranges;
  for (const key of Object.keys(ranges)) moved[key] = moveRange(ranges[key]!, dl);
  return moved;
}

/** `r` moved down by `dl` lines (columns stay: whole lines came or went above it). */
export function moveRange(r: SourceRange, dl: number): SourceRange {
  return { file: r.file, startLine: r.startLine + dl, startColumn: r.startColumn, endLine: r.endLine + dl, endColumn: r.endColumn };
}

/**
 * Cuts a YAML stream at its `---` lines: each piece starts at the beginning of a line and its
 * 0-based first line. Undefined when cutting could change the reading (a directive, a `...`
 * marker, a lone CR), so the caller parses the whole text.
 *
 * @example splitYamlDocuments('a: 1\n---\nb: 2\n') // [{ text: 'a: 1\n', line: 0 }, { text: '---\nb: 2\n', line: 1 }]
 */
export function splitYamlDocuments(text: string): { text: string; line: number }[] | undefined {
  // A CR not followed by LF is a line break to YAML but not here: parse the whole text.
  for (let cr = text.indexOf('\r'); cr !== -1; cr = text.indexOf('\r', cr + 1)) {
    if (text.charCodeAt(cr + 1) !== 10) return undefined;
  }
  const chunks: { text: string; line: number }[] = [];
  let start = 0;
  let line = 0;
  let lines = 0;
  // `at` is always the start of a line.
  for (let at = 0; ; ) {
    const c = text.charCodeAt(at);
    if (c === 37) return undefined; // `%`: a directive
    if (c === 46 && text.startsWith('...', at) && endsMarker(text.charCodeAt(at + 3))) return undefined;
    if (c === 45 && at > 0 && text.startsWith('---', at) && endsMarker(text.charCodeAt(at + 3))) {
      chunks.push({ text: text.slice(start, at), line });
      start = at;
      line = lines;
    }
    const nl = text.indexOf('\n', at);
    if (nl === -1) break;
    lines++;
    at = nl + 1;
  }
  chunks.push({ text: text.slice(start), line });
  return chunks;
}

/**
 * Cuts a stream into its documents for reading them one by one when the whole cannot be read
 * (too deep): before each `---` line and after each `...` line, keeping directives (`%`) with
 * the document they precede. Lines end at LF, as the library's lexer has them
 * (a lone CR stays inside its line).
 */
function splitAtDocumentMarkers(text: string): { text: string; line: number }[] {
  const chunks: { text: string; line: number }[] = [];
  let start = 0;
  let line = 0;
  let lines = 0;
  // Whether the piece so far holds only directives, comments and blank lines (a `---` then starts its document).
  let preamble = true;
  for (let at = 0; ; ) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl + 1;
    const c = text.charCodeAt(at);
    if (c === 45 && text.startsWith('---', at) && endsMarker(text.charCodeAt(at + 3))) {
      if (!preamble) {
        chunks.push({ text: text.slice(start, at), line });
        start = at;
        line = lines;
      }
      preamble = false;
    } else if (c === 46 && text.startsWith('...', at) && endsMarker(text.charCodeAt(at + 3))) {
      chunks.push({ text: text.slice(start, end), line });
      start = end;
      line = lines + 1;
      preamble = true;
    } else if (preamble && !(c === 37 || c === 35 || /^[ \t\r]*$/.test(text.slice(at, nl === -1 ? text.length : nl)))) {
      preamble = false;
    }
    if (nl === -1) break;
    lines++;
    at = end;
  }
  if (start < text.length || chunks.length === 0) chunks.push({ text: text.slice(start), line });
  return chunks;
}

/** After `---` or `...`: a space, tab, CR, LF or the end makes it a document marker. */
function endsMarker(code: number): boolean {
  return Number.isNaN(code) || code === 32 || code === 9 || code === 13 || code === 10;
}

// ---------------------------------------------------------------------------------------------
// Nesting depth, measured before the library parses

/**
 * The offset where collections nest deeper than `MAX_NESTING_DEPTH`, or undefined. A cheap
 * pass over the characters bounds the depth from above (brackets, indentation, `- `/`? `/`: `
 * indicators); only a text that might be too deep goes through the library's lexer, which
 * tells brackets and indicators from the same characters inside quotes, scalars and comments.
 */
export function findDeepNesting(text: string, limit = MAX_NESTING_DEPTH): number | undefined {
  if (!mayNestDeeperThan(text, limit)) return undefined;
  let offset = 0;
  let flow = 0;
  let column = 0;
  let lineStart = true;
  // Where the current block entry's key started (a map's depth is its keys' column), or -1.
  let keyColumn = -1;
  const block: number[] = [];
  const open = (at: number): void => {
    if (block.length === 0 || block[block.length - 1]! < at) block.push(at);
  };
  for (const token of new Lexer().lex(text)) {
    const c = token.charCodeAt(0);
    // The lexer's control tokens (document mode, scalar follows, flow error end) take no room.
    if (token.length === 1 && (c === 2 || c === 0x1f || c === 0x18)) continue;
    if (token === '\n' || token === '\r\n') {
      offset += token.length;
      column = 0;
      lineStart = true;
      keyColumn = -1;
      continue;
    }
    if (token === '---' || token === '...') {
      block.length = 0;
      flow = 0;
    } else if (flow === 0 && c !== 32 && c !== 9 && c !== 35) {
      if (lineStart) {
        // The first thing on a line closes the block collections at or right of its column.
        while (block.length > 0 && block[block.length - 1]! >= column) block.pop();
        lineStart = false;
      }
      if (token === '-' || token === '?') {
        open(column);
        keyColumn = -1;
      } else if (token === ':') {
        open(keyColumn === -1 ? column : keyColumn);
        keyColumn = -1;
      } else if (keyColumn === -1) keyColumn = column;
    }
    if (token === '[' || token === '{') flow++;
    else if ((token === ']' || token === '}') && flow > 0) flow--;
    if (flow + block.length > limit) return offset;
    const nl = token.lastIndexOf('\n');
    column = nl === -1 ? column + token.length : token.length - nl - 1;
    offset += token.length;
  }
  return undefined;
}

/** An upper bound of the nesting depth (over-counting is fine: the lexer pass decides). */
function mayNestDeeperThan(text: string, limit: number): boolean {
  let brackets = 0;
  let indicators = 0;
  let indent = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      indent = 0;
      indicators = 0;
      continue;
    }
    if (lineStart && c === 32) {
      indent++;
    } else {
      lineStart = false;
      if (c === 91 || c === 123) brackets++;
      else if (c === 93 || c === 125) brackets = Math.max(0, brackets - 1);
      else if (c === 45 || c === 58 || c === 63) {
        const after = text.charCodeAt(i + 1);
        if (Number.isNaN(after) || after === 32 || after === 10 || after === 13 || after === 9) indicators++;
      }
    }
    if (brackets + indent + indicators + 1 > limit) return true;
  }
  return false;
}

function tooDeepDiagnostic(name: string, text: string, offset: number): Diagnostic {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  const column = offset - lineStart + 1;
  return makeDiagnostic(
    'yaml.syntax',
    { detail: `collections nested more than ${MAX_NESTING_DEPTH} levels deep (brackets or indentation), deeper than the playground reads (an unclosed bracket does this too)` },
    { range: { file: name, startLine: line, startColumn: column, endLine: line, endColumn: column + 1 } },
  );
}

// ---------------------------------------------------------------------------------------------
// One text through the library

/** One text through the library; how many YAML documents it held, and whether any had an error or warning. */
function parseText(name: string, text: string, out: ManifestDocument[], diagnostics: Diagnostic[]): { documentCount: number; yamlProblems: boolean } {
  let yamlProblems = false;
  // WARNING: `merge: true` because kubectl (go-yaml) honours `<<` merge keys; the schema is
  // YAML 1.2 core, so `yes`/`on` stay strings (go-yaml would read them as booleans).
  // `logLevel: 'error'`: the library's warnings come back as `doc.warnings` (diagnostics here);
  // the engine prints nothing on the console of the worker, the CLI or a test run.
  const docs = parseAllDocuments(text, { prettyErrors: false, merge: true, logLevel: 'error' });
  // Line starts counted here, one after every LF (as the lexer breaks lines), not with the
  // library's LineCounter: after some errors (a `}` opening a block line) it misses line feeds,
  // and every position below would be off. The library's offsets are right.
  const starts = [0];
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
  // The line of an offset from a cursor: the walk asks in document order, so the next answer
  // is almost always on the same line or a few below.
  let cursor = 0;
  const lineIndex = (offset: number): number => {
    if (starts[cursor]! > offset) {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid]! <= offset) low = mid;
        else high = mid - 1;
      }
      cursor = low;
    }
    while (cursor + 1 < starts.length && starts[cursor + 1]! <= offset) cursor++;
    return cursor;
  };
  const toRange = (start: number, end: number): SourceRange => {
    const a = lineIndex(start);
    const startColumn = start - (starts[a] ?? 0) + 1;
    const b = lineIndex(Math.max(start, end));
    const endColumn = Math.max(start, end) - (starts[b] ?? 0) + 1;
    return { file: name, startLine: a + 1, startColumn: Math.max(1, startColumn), endLine: b + 1, endColumn: Math.max(1, endColumn) };
  };
  const lastContent = Math.max(0, text.trimEnd().length - 1);
  const list: readonly Document.Parsed[] = Array.isArray(docs) ? docs : [];
  list.forEach((doc, documentIndex) => {
    if (doc.errors.length > 0) {
      yamlProblems = true;
      for (const error of doc.errors) {
        // An error found at the end of the text (an unclosed bracket) points at its last character.
        const [start, end] = error.pos.map((p) => Math.min(p, lastContent)) as [number, number];
        diagnostics.push(
          makeDiagnostic('yaml.syntax', { detail: readableYamlError(error.code, error.message) }, {
            range: toRange(start, end),
          }),
        );
      }
      return;
    }
    if (doc.warnings.length > 0) yamlProblems = true;
    for (const warning of doc.warnings) {
      const [start, end] = warning.pos;
      diagnostics.push(
        makeDiagnostic('yaml.warning', { detail: readableYamlError(warning.code, warning.message) }, {
          range: toRange(start, end),
        }),
      );
    }
    const contents = doc.contents;
    // An empty document (`---` with nothing, or only comments, or `~`) is skipped quietly.
    if (contents === null || (isScalar(contents) && contents.value === null)) return;
    const docRange = toRange(contents.range[0], contents.range[1]);

    const walker = new Walker(doc, toRange, docRange);
    let value: unknown;
    try {
      value = walker.build(contents, '', 0);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      diagnostics.push(error.diagnostic);
      return;
    }
    const ranges = walker.ranges;

    if (isPlainObject(value) && value['kind'] === 'List' && Array.isArray(value['items'])) {
      const items = value['items'] as unknown[];
      items.forEach((item, listIndex) => {
        const prefix = `items[${listIndex}]`;
        const made = makeDocument(name, documentIndex, item, ranges[prefix] ?? docRange, rebase(ranges, prefix), diagnostics, listIndex);
        if (made) out.push(made);
      });
      return;
    }
    const made = makeDocument(name, documentIndex, value, docRange, ranges, diagnostics, undefined);
    if (made) out.push(made);
  });
  return { documentCount: list.length, yamlProblems };
}

function makeDocument(
  file: string,
  documentIndex: number,
  value: unknown,
  range: SourceRange,
  fieldRanges: Ranges,
  diagnostics: Diagnostic[],
  listIndex: number | undefined,
): ManifestDocument | undefined {
  if (!isPlainObject(value)) {
    diagnostics.push(makeDiagnostic('document.not-mapping', { got: describe(value) }, { range }));
    return undefined;
  }
  const apiVersion = value['apiVersion'];
  const kind = value['kind'];
  const missing: string[] = [];
  if (typeof apiVersion !== 'string' || apiVersion === '') missing.push('apiVersion');
  if (typeof kind !== 'string' || kind === '') missing.push('kind');
  if (missing.length > 0) {
    diagnostics.push(makeDiagnostic('document.missing-type', { missing }, { range }));
    return undefined;
  }
  return {
    file,
    documentIndex,
    ...(listIndex !== undefined ? { listIndex } : {}),
    apiVersion: apiVersion as string,
    kind: kind as string,
    object: value,
    range,
    fieldRanges,
  };
}

/** Thrown inside the walk to refuse the document; caught in `parseText`, never escapes it. */
class Refusal extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

type Alias = YamlNode & { readonly source: string };

/**
 * Walks one document's syntax tree in document order, building the plain value and the ranges
 * of every field: a scalar's value range, a collection's key range (a short marker at the
 * field's name), a list item's own range. Reads the tree as kubectl does (see the file comment).
 */
class Walker {
  /** Null prototype: a `__proto__` or `constructor` field is a key like any other. */
  readonly ranges: Ranges = Object.create(null) as Ranges;
  /** The latest node with each anchor name so far (an alias names the last one before it). */
  private readonly anchors = new Map<string, YamlNode>();
  /** Anchored collections being built: an alias to one of them would contain itself. */
  private readonly open = new Set<YamlNode>();
  /** > 0 while building an alias's target: its anchors are not defined a second time. */
  private expanding = 0;
  private expandedNodes = 0;
  private guarded = false;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly toRange: (start: number, end: number) => SourceRange,
    private readonly docRange: SourceRange,
  ) {}

  build(node: unknown, path: string, depth: number): unknown {
    if (node === null || node === undefined) return null;
    if (depth > MAX_NESTING_DEPTH) {
      this.refuse('yaml.syntax', { detail: `collections nested more than ${MAX_NESTING_DEPTH} levels deep (aliases included), deeper than the playground reads` }, node);
    }
    if (this.expanding > 0 && ++this.expandedNodes > MAX_EXPANDED_NODES) {
      throw new Refusal(makeDiagnostic('yaml.alias-limit', { limit: MAX_ALIAS_COUNT }, { range: this.docRange }));
    }
    if (isAlias(node)) {
      const target = this.target(node);
      this.expanding++;
      try {
        return this.build(target, path, depth);
      } finally {
        this.expanding--;
      }
    }
    const anchored = (node as YamlNode).anchor;
    if (anchored !== undefined && this.expanding === 0) this.anchors.set(anchored, node as YamlNode);
    if (isScalar(node)) {
      const v = node.value;
      return typeof v === 'symbol' ? (v.description ?? '') : v;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      if (anchored !== undefined) this.open.add(node);
      for (const pair of node.items) this.pair(pair, path, out, depth);
      this.open.delete(node);
      return out;
    }
    if (isSeq(node)) {
      const out: unknown[] = [];
      if (anchored !== undefined) this.open.add(node);
      node.items.forEach((item, index) => {
        const itemPath = `${path}[${index}]`;
        const r = (item as YamlNode | null)?.range;
        if (r) this.ranges[itemPath] = this.toRange(r[0], r[1]);
        out.push(this.build(item, itemPath, depth + 1));
      });
      this.open.delete(node);
      return out;
    }
    if (isPair(node)) {
      // A pair inside a flow sequence (`[a: 1]`): a one-key map, as the library reads it.
      const out: Record<string, unknown> = {};
      this.pair(node, path, out, depth);
      return out;
    }
    return null;
  }

  /** The node an alias stands for, once the library's alias-bomb guard passed for this document. */
  private target(alias: Alias): YamlNode {
    if (!this.guarded) {
      this.guarded = true;
      try {
        // The library's own resource check (maxAliasCount); Maps, so no key is stringified.
        this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT, mapAsMap: true });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (/alias count|resource exhaustion/i.test(message)) {
          throw new Refusal(makeDiagnostic('yaml.alias-limit', { limit: MAX_ALIAS_COUNT }, { range: this.docRange }));
        }
        // Anything else (an unresolved alias, a bad merge source) the walk reports in kubectl's terms.
      }
    }
    const target = this.anchors.get(alias.source);
    if (target === undefined) {
      return this.refuse('yaml.syntax', { detail: `Unresolved alias (the anchor must be set before the alias): ${alias.source}` }, alias);
    }
    if (this.open.has(target)) return this.refuse('yaml.unsupported', { detail: `anchor '${alias.source}' value contains itself` }, alias);
    return target;
  }

  private pair(pair: Pair, path: string, out: Record<string, unknown>, depth: number): void {
    const keyNode = pair.key as YamlNode | null;
    if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
      this.merge(pair.value as YamlNode | null, keyNode, path, out, depth);
      return;
    }
    const key = this.keyOf(keyNode, pair);
    const fieldPath = path === '' ? key : `${path}.${key}`;
    const valueNode = pair.value as YamlNode | null;
    const keyRange = keyNode?.range;
    const valueRange = valueNode?.range;
    if (isScalar(valueNode) && valueRange && valueNode.value !== null) {
      this.ranges[fieldPath] = this.toRange(valueRange[0], valueRange[1]);
    } else if (keyRange) {
      this.ranges[fieldPath] = this.toRange(keyRange[0], keyRange[1]);
    }
    setOwn(out, key, this.build(valueNode, fieldPath, depth + 1));
  }

  /**
   * A `<<` merge key, as go-yaml v2 (under sigs.k8s.io/yaml) reads it: the source's keys are
   * written into the map where the `<<` stands, so they replace keys written before it and keys
   * written after it replace them; in a list of sources the earlier ones win.
   */
  private merge(valueNode: YamlNode | null, keyNode: YamlNode, path: string, out: Record<string, unknown>, depth: number): void {
    const source = isAlias(valueNode) ? this.target(valueNode) : valueNode;
    const sources: YamlNode[] = [];
    if (isMap(source)) sources.push(valueNode!);
    else if (isSeq(source) && !isAlias(valueNode)) {
      for (let i = source.items.length - 1; i >= 0; i--) {
        const item = source.items[i] as YamlNode | null;
        const target = isAlias(item) ? this.target(item) : item;
        if (!isMap(target)) this.refuse('yaml.unsupported', { detail: 'map merge requires map or sequence of maps as the value' }, item ?? keyNode);
        sources.push(item!);
      }
    } else {
      this.refuse('yaml.unsupported', { detail: 'map merge requires map or sequence of maps as the value' }, valueNode ?? keyNode);
    }
    for (const node of sources) {
      const merged = this.build(node, path, depth) as Record<string, unknown>;
      for (const key of Object.keys(merged)) setOwn(out, key, merged[key]);
    }
  }

  /** A key as JSON has it after sigs.k8s.io/yaml's conversion; null and collection keys are refused. */
  private keyOf(keyNode: YamlNode | null, pair: Pair): string {
    const node = isAlias(keyNode) ? this.target(keyNode) : keyNode;
    const at = keyNode ?? (pair.value as YamlNode | null) ?? undefined;
    if (node === null || (isScalar(node) && node.value === null)) {
      return this.refuse('yaml.unsupported', { detail: 'a mapping key is null (~, null or nothing before the colon), and kubectl cannot turn it into JSON ("unsupported map key of type: %!s(<nil>), key: <nil>")' }, at);
    }
    if (!isScalar(node)) {
      return this.refuse('yaml.unsupported', { detail: 'a mapping key is itself a list or mapping, which kubectl refuses ("invalid map key")' }, at);
    }
    const v = node.value;
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return isIntegerSource(node.source) ? String(v) : goFloatKey(v);
    return String(v);
  }

  private refuse(code: 'yaml.syntax' | 'yaml.unsupported', params: { detail: string }, node: unknown): never {
    const r = (node as YamlNode | undefined)?.range;
    throw new Refusal(makeDiagnostic(code, params, { range: r ? this.toRange(r[0], r[1]) : this.docRange }));
  }
}

/** Writes a field whatever its name: `__proto__` becomes an own property, never the prototype. */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** An integer as the YAML 1.2 core schema writes one (go-yaml gives those keys as Go ints). */
function isIntegerSource(source: unknown): boolean {
  return typeof source === 'string' && /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(source);
}

/**
 * A float key as sigs.k8s.io/yaml writes it (`strconv.FormatFloat(k, 'g', -1, 64)`): the
 * shortest digits, in exponent form (two exponent digits at least) below 1e-4 or from 1e6.
 */
function goFloatKey(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, exponent] = x.toExponential().split('e') as [string, string];
  const exp = Number(exponent);
  if (exp >= -4 && exp < 6) return String(x);
  const digits = String(Math.abs(exp)).padStart(2, '0');
  return `${mantissa}e${exp < 0 ? '-' : '+'}${digits}`;
}

/** Ranges of `prefix.x` → `x` (for `kind: List` items). */
function rebase(ranges: Ranges, prefix: string): Ranges {
  const out: Ranges = Object.create(null) as Ranges;
  const dot = `${prefix}.`;
  for (const key of Object.keys(ranges)) {
    if (key.startsWith(dot)) out[key.slice(dot.length)] = ranges[key]!;
  }
  return out;
}

const YAML_HINTS: Readonly<Record<string, string>> = {
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'check the indentation of this line against the lines above',
  DUPLICATE_KEY: 'each key may appear only once in a mapping',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; is a colon or an indent missing?',
  MISSING_CHAR: 'a closing bracket, quote or colon is missing',
  BLOCK_AS_IMPLICIT_KEY: 'a block cannot be used as a key; is a colon or an indent missing?',
  UNEXPECTED_TOKEN: 'this character is not expected here',
  BAD_ALIAS: 'an alias (*name) must refer to an anchor (&name) defined before it',
};

/** The library's message, trimmed to one sentence, plus a hint for the common mistakes. */
function readableYamlError(code: string, message: string): string {
  let text = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?\s*$/, '').trim();
  text = text.replace(/[.:]\s*$/, '');
  const hint = YAML_HINTS[code];
  return hint ? `${text} (${hint})` : text;
}

function internalDiagnostic(error: unknown, file: string | undefined): Diagnostic {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return makeDiagnostic('internal', { stage: 'parse', detail }, file ? { range: startRange(file) } : {});
}

function startRange(file: string): SourceRange {
  return { file, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
}

/** UTF-8 byte length, counted only when the character count alone cannot decide. */
function totalBytes(files: readonly InputFile[]): number {
  let chars = 0;
  for (const f of files) chars += typeof f.text === 'string' ? f.text.length : 0;
  if (chars * 3 <= MAX_INPUT_BYTES || chars > MAX_INPUT_BYTES) {
    return chars > MAX_INPUT_BYTES ? utf8Length(files) : chars;
  }
  return utf8Length(files);
}

const NON_ASCII = /[\u0080-\uffff]/;

function utf8Length(files: readonly InputFile[]): number {
  let bytes = 0;
  for (const f of files) {
    const s = typeof f.text === 'string' ? f.text : '';
    // Manifests are mostly ASCII: the regular expression skips that part far faster than a loop.
    const firstWide = s.search(NON_ASCII);
    if (firstWide === -1) {
      bytes += s.length;
      continue;
    }
    bytes += firstWide;
    for (let i = firstWide; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    }
  }
  return bytes;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `a ${typeof value}`;
}
