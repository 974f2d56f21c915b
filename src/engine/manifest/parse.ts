/**
 * Stage 1: text → ManifestDocuments, with 1-based source ranges for the fields diagnostics
 * point at. Built on `yaml` (eemeli, v2): it keeps a position for every node and refuses alias
 * bombs (`maxAliasCount`), which js-yaml does not.
 *
 * One walk over each document's syntax tree builds the plain value and the `fieldRanges` at
 * once (no second `toJS` pass), which keeps 100 KB well under the 50 ms budget. Aliases are
 * never followed by the walk: a document that uses them (or `<<` merge keys) gets its value
 * from the library's `toJS`, guarded by `maxAliasCount`.
 */
import {
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
  type Pair,
} from 'yaml';
import type { Diagnostic, InputFile, ManifestDocument, ParseResult, SourceRange } from '../types';
import { makeDiagnostic } from '../diagnostics';
import { parseFastYaml, type OffsetRange } from './fast-yaml';

/** Total input above this is refused before parsing (performance budget B11). */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;
/** Alias expansions allowed per document before it is refused as an alias bomb (B12). */
export const MAX_ALIAS_COUNT = 100;

type Ranges = Record<string, SourceRange>;

/**
 * Parses every file's YAML documents into Kubernetes objects with source ranges.
 * Empty documents are skipped quietly; `kind: List` is unpacked into its items; a document
 * with a syntax error is dropped (with a diagnostic) while the others still load. Never throws.
 *
 * @example
 * const { documents, diagnostics } = parseManifests([{ name: 'app.yaml', text }]);
 * documents[0].fieldRanges['spec.ports[0].nodePort']; // { file: 'app.yaml', startLine: 9, ... }
 */
export function parseManifests(files: readonly InputFile[]): ParseResult {
  const next = new Map<string, Map<string, MemoEntry>>();
  const result = parseFiles(files, (file, out, diagnostics) => parseFile(file, out, diagnostics, next));
  memo = next;
  return result;
}

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
 * The same as `parseManifests`, without the per-document memo: the whole text of each file goes
 * through the library at once. The simple reference the cached path is tested against.
 */
export function parseManifestsWithoutMemo(files: readonly InputFile[], options: { fastPath?: boolean } = {}): ParseResult {
  const fast = options.fastPath ?? true;
  return parseFiles(files, (file, out, diagnostics) => {
    parseText(file.name, typeof file.text === 'string' ? file.text : '', out, diagnostics, fast);
  });
}

/**
 * The memo of the documents parsed last (module state, but pure in behaviour: the result is
 * always what parsing the whole text gives; only the work is saved). The app sends the whole
 * text on every keystroke: each file is cut at its `---` lines, and a document whose text was
 * parsed by the previous call is reused — its ranges moved when lines above it were added or
 * removed. Any YAML error or warning, directive (`%`), `...` marker or lone CR sends the whole
 * file through the library as before, so diagnostics are exactly those of a whole parse (the
 * documents before the broken one were parsed for nothing then, unless they were memoised).
 * It keeps only what the last call read (per file name, its documents' texts), so it holds no
 * more than the caller's own result; a file with an error keeps its previous entries.
 */
let memo = new Map<string, Map<string, MemoEntry>>();

interface MemoEntry {
  readonly line: number;
  readonly documentBase: number;
  readonly documentCount: number;
  readonly documents: readonly ManifestDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

function parseFile(
  file: InputFile,
  out: ManifestDocument[],
  diagnostics: Diagnostic[],
  nextMemo: Map<string, Map<string, MemoEntry>>,
): void {
  const text = typeof file.text === 'string' ? file.text : '';
  const chunks = splitYamlDocuments(text);
  const previous = memo.get(file.name);
  if (chunks === undefined) {
    if (previous) nextMemo.set(file.name, previous);
    parseText(file.name, text, out, diagnostics);
    return;
  }
  const next = new Map<string, MemoEntry>();
  const documents: ManifestDocument[] = [];
  const found: Diagnostic[] = [];
  let documentBase = 0;
  for (const chunk of chunks) {
    let entry = next.get(chunk.text) ?? previous?.get(chunk.text);
    if (entry === undefined) {
      const chunkDocuments: ManifestDocument[] = [];
      const chunkDiagnostics: Diagnostic[] = [];
      const parsed = parseText(file.name, chunk.text, chunkDocuments, chunkDiagnostics);
      if (parsed.yamlProblems) {
        if (previous) nextMemo.set(file.name, previous);
        if (chunks.length === 1) {
          // The chunk was the whole text: that parse is already the answer.
          for (const d of chunkDocuments) out.push(d);
          for (const d of chunkDiagnostics) diagnostics.push(d);
        } else parseText(file.name, text, out, diagnostics);
        return;
      }
      entry = { line: 0, documentBase: 0, documentCount: parsed.documentCount, documents: chunkDocuments, diagnostics: chunkDiagnostics };
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
  // Hot when typing near the top of a long file: every document below moves. Plain literals
  // in one fixed shape (the key order of `toRange`), no spread, so moving stays cheap.
  const documents = entry.documents.map((doc) => moveDocument(doc, dl, dd));
  const diagnostics = dl === 0 ? entry.diagnostics : entry.diagnostics.map((d) => (d.range ? { ...d, range: moveRange(d.range, dl) } : d));
  return { line, documentBase, documentCount: entry.documentCount, documents, diagnostics };
}

function moveDocument(doc: ManifestDocument, dl: number, dd: number): ManifestDocument {
  let fieldRanges = doc.fieldRanges;
  if (dl !== 0) {
    const moved: Ranges = {};
    // Own keys only (`for…in` would also walk a prototype that a `__proto__` field set).
    for (const key of Object.keys(fieldRanges)) moved[key] = moveRange(fieldRanges[key]!, dl);
    fieldRanges = moved;
  }
  const range = dl === 0 ? doc.range : moveRange(doc.range, dl);
  const documentIndex = doc.documentIndex + dd;
  // The key order of `makeDocument` (the JSON of a moved document is that of a fresh parse).
  return doc.listIndex === undefined
    ? { file: doc.file, documentIndex, apiVersion: doc.apiVersion, kind: doc.kind, object: doc.object, range, fieldRanges }
    : { file: doc.file, documentIndex, listIndex: doc.listIndex, apiVersion: doc.apiVersion, kind: doc.kind, object: doc.object, range, fieldRanges };
}

function moveRange(r: SourceRange, dl: number): SourceRange {
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

/** After `---` or `...`: a space, tab, CR, LF or the end makes it a document marker. */
function endsMarker(code: number): boolean {
  return Number.isNaN(code) || code === 32 || code === 9 || code === 13 || code === 10;
}

/**
 * One text: through the fast path (fast-yaml.ts) when it can read it, else the library;
 * returns how many YAML documents it held, and whether any had an error or warning.
 */
function parseText(
  name: string,
  text: string,
  out: ManifestDocument[],
  diagnostics: Diagnostic[],
  fast = true,
): { documentCount: number; yamlProblems: boolean } {
  if (fast) {
    const done = parseTextFast(name, text, out, diagnostics);
    if (done) return done;
  }
  const file = { name, text };
  let yamlProblems = false;
  const lineCounter = new LineCounter();
  // WARNING: `merge: true` because kubectl (go-yaml) honours `<<` merge keys; the schema is
  // YAML 1.2 core, so `yes`/`on` stay strings (go-yaml would read them as booleans).
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, merge: true });
  const toRange = (start: number, end: number): SourceRange => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(start, end));
    return {
      file: file.name,
      startLine: Math.max(1, a.line),
      startColumn: Math.max(1, a.col),
      endLine: Math.max(1, b.line),
      endColumn: Math.max(1, b.col),
    };
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

    const walk = new Walker(toRange);
    let value = walk.build(contents, '');
    if (walk.needsLibrary) {
      try {
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (error) {
        yamlProblems = true;
        const message = error instanceof Error ? error.message : String(error);
        if (/alias count|resource exhaustion/i.test(message)) {
          diagnostics.push(makeDiagnostic('yaml.alias-limit', { limit: MAX_ALIAS_COUNT }, { range: docRange }));
        } else {
          diagnostics.push(makeDiagnostic('yaml.syntax', { detail: message }, { range: docRange }));
        }
        return;
      }
    }
    const ranges = walk.ranges;

    if (!isPlainObject(value)) {
      diagnostics.push(makeDiagnostic('document.not-mapping', { got: describe(value) }, { range: docRange }));
      return;
    }
    if (value['kind'] === 'List' && Array.isArray(value['items'])) {
      const items = value['items'] as unknown[];
      const itemsNode = isMap(contents) ? contents.get('items', true) : undefined;
      items.forEach((item, listIndex) => {
        const itemNode = isSeq(itemsNode) ? (itemsNode.items[listIndex] as YamlNode | undefined) : undefined;
        const itemRange = itemNode?.range ? toRange(itemNode.range[0], itemNode.range[1]) : docRange;
        const prefix = `items[${listIndex}]`;
        const itemRanges = rebase(ranges, prefix);
        const made = makeDocument(file.name, documentIndex, item, itemRange, itemRanges, diagnostics, listIndex);
        if (made) out.push(made);
      });
      return;
    }
    const made = makeDocument(file.name, documentIndex, value, docRange, ranges, diagnostics, undefined);
    if (made) out.push(made);
  });
  return { documentCount: list.length, yamlProblems };
}

/** The fast path over one text (undefined when it leaves the text to the library); the same documents as the library path. */
function parseTextFast(
  name: string,
  text: string,
  out: ManifestDocument[],
  diagnostics: Diagnostic[],
): { documentCount: number; yamlProblems: boolean } | undefined {
  const docs = parseFastYaml(text);
  if (docs === undefined) return undefined;
  // Line starts as the library's LineCounter has them (one after every line feed).
  const lineStarts = [0];
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) lineStarts.push(nl + 1);
  const position = (offset: number): [number, number] => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return [low + 1, offset - lineStarts[low]! + 1];
  };
  const toRange = ([start, end]: OffsetRange): SourceRange => {
    const [startLine, startColumn] = position(start);
    const [endLine, endColumn] = position(end);
    return { file: name, startLine, startColumn, endLine, endColumn };
  };
  docs.forEach((doc, documentIndex) => {
    const contents = doc.contents;
    if (contents === null) return;
    const docRange = toRange(contents.range);
    const ranges: Ranges = {};
    for (const [path, r] of contents.ranges) ranges[path] = toRange(r);
    const value = contents.value;
    if (value['kind'] === 'List' && Array.isArray(value['items'])) {
      (value['items'] as unknown[]).forEach((item, listIndex) => {
        const prefix = `items[${listIndex}]`;
        const made = makeDocument(name, documentIndex, item, ranges[prefix] ?? docRange, rebase(ranges, prefix), diagnostics, listIndex);
        if (made) out.push(made);
      });
      return;
    }
    const made = makeDocument(name, documentIndex, value, docRange, ranges, diagnostics, undefined);
    if (made) out.push(made);
  });
  return { documentCount: docs.length, yamlProblems: false };
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

/**
 * Walks the syntax tree once, building the plain value and the ranges of every field:
 * a scalar's value range, a collection's key range (a short marker at the field's name), a
 * list item's own range.
 */
class Walker {
  readonly ranges: Ranges = {};
  needsLibrary = false;
  constructor(private readonly toRange: (start: number, end: number) => SourceRange) {}

  build(node: unknown, path: string): unknown {
    if (isScalar(node)) return node.value;
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) this.pair(pair, path, out);
      return out;
    }
    if (isSeq(node)) {
      const out: unknown[] = [];
      node.items.forEach((item, index) => {
        const itemPath = `${path}[${index}]`;
        const r = (item as YamlNode | null)?.range;
        if (r) this.ranges[itemPath] = this.toRange(r[0], r[1]);
        out.push(this.build(item, itemPath));
      });
      return out;
    }
    if (isAlias(node)) {
      this.needsLibrary = true;
      return null;
    }
    if (isPair(node)) {
      // A pair inside a sequence (`- a: 1` in a flow seq): the library makes it a one-key map.
      const out: Record<string, unknown> = {};
      this.pair(node, path, out);
      return out;
    }
    return null;
  }

  private pair(pair: Pair, path: string, out: Record<string, unknown>): void {
    const keyNode = pair.key;
    let key: string;
    if (isScalar(keyNode)) {
      if (keyNode.value === '<<' && keyNode.source === '<<') {
        // A merge key: the library resolves it (and guards aliases) in toJS.
        this.needsLibrary = true;
        return;
      }
      key = String(keyNode.value);
    } else if (isAlias(keyNode)) {
      this.needsLibrary = true;
      return;
    } else if (keyNode === null || keyNode === undefined) {
      key = '';
    } else {
      this.needsLibrary = true;
      key = JSON.stringify(this.build(keyNode, '')) ?? '';
    }
    const fieldPath = path === '' ? key : `${path}.${key}`;
    const valueNode = pair.value;
    const keyRange = (keyNode as YamlNode | null)?.range;
    const valueRange = (valueNode as YamlNode | null)?.range;
    if (isScalar(valueNode) && valueRange && valueNode.value !== null) {
      this.ranges[fieldPath] = this.toRange(valueRange[0], valueRange[1]);
    } else if (keyRange) {
      this.ranges[fieldPath] = this.toRange(keyRange[0], keyRange[1]);
    }
    const value = this.build(valueNode, fieldPath);
    if (key === '__proto__') {
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      out[key] = value;
    }
  }
}

/** Ranges of `prefix.x` → `x` (for `kind: List` items). */
function rebase(ranges: Ranges, prefix: string): Ranges {
  const out: Ranges = {};
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

function utf8Length(files: readonly InputFile[]): number {
  let bytes = 0;
  for (const f of files) {
    const s = typeof f.text === 'string' ? f.text : '';
    for (let i = 0; i < s.length; i++) {
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
