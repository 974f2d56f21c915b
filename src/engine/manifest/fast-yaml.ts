/**
 * A fast path for the YAML manifests are written in: block mappings and sequences, one-line
 * flow collections, one-line plain and quoted scalars, `|`/`>` block scalars, column-0
 * comments, trailing comments and `---` separators. It builds what parse.ts's walk over the
 * `yaml` library's tree builds (the plain value, the field ranges, the document range) with
 * the library's exact offsets, without the library's lexer, CST and document tree.
 *
 * It is deliberately partial: whenever it meets anything it is not sure about (anchors,
 * aliases, tags, directives, `?` keys, multi-line plain or quoted scalars, tabs, CR, indented
 * full-line comments, duplicate keys, a root that is not a mapping, ...) it returns undefined
 * and the caller parses that text with the library, so the output is the library's by
 * construction. fast-yaml.test.ts checks both paths give deep-equal results.
 */

/** Offsets into the text, as the library's node ranges: [start, valueEnd, nodeEnd]. */
export type OffsetRange = readonly [number, number];

export interface FastDocument {
  /** The document's root mapping, or null for an empty document (`---` alone). */
  readonly contents: {
    readonly value: Record<string, unknown>;
    /** Field path → [start, end] offsets, in the order the library walk records them. */
    readonly ranges: ReadonlyMap<string, OffsetRange>;
    readonly range: OffsetRange;
  } | null;
}

/** Thrown inside the scanner to give up; never escapes `parseFastYaml`. */
const GIVE_UP = new Error('fast-yaml: left to the library');

/**
 * The documents of `text`, or undefined when the fast path cannot be sure to read it exactly
 * as the `yaml` library does (the caller then uses the library).
 *
 * @example parseFastYaml('a: 1\n')?.[0]?.contents?.value // { a: 1 }
 */
export function parseFastYaml(text: string): FastDocument[] | undefined {
  // Tabs, CRs, BOMs and the Unicode line breaks have rules of their own: the library decides.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 10) || c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff) return undefined;
  }
  try {
    return new Scanner(text).documents();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

function giveUp(): never {
  throw GIVE_UP;
}

// Character codes.
const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const SQUOTE = 39;
const DQUOTE = 34;

/** Characters that cannot start a plain scalar here (YAML 1.2 c-indicator), or that we leave to the library. */
const NOT_PLAIN_START = new Set('[]{},#&*!|>\'"%@`?:-'.split('').map((c) => c.charCodeAt(0)));
const FLOW_INDICATORS = new Set(',[]{}'.split('').map((c) => c.charCodeAt(0)));

class Scanner {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Leading spaces, or -1 for a blank line, -2 for a column-0 comment line. */
  private readonly indents: number[] = [];
  private ranges = new Map<string, OffsetRange>();

  constructor(private readonly text: string) {
    for (let start = 0; ; ) {
      const nl = text.indexOf('\n', start);
      const end = nl === -1 ? text.length : nl;
      let i = start;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      // The empty piece after a final line break is not a line of its own.
      if (nl === -1 && start === text.length && start > 0) break;
      this.starts.push(start);
      this.ends.push(end);
      if (i === end) this.indents.push(-1);
      else if (text.charCodeAt(i) === HASH) {
        // A full-line comment away from column 0 may belong to the node above it in the
        // library's tree (it moves that node's end): leave such text to the library.
        if (i !== start) giveUp();
        this.indents.push(-2);
      } else this.indents.push(i - start);
      if (nl === -1) break;
      start = nl + 1;
    }
  }

  documents(): FastDocument[] {
    const out: FastDocument[] = [];
    const n = this.starts.length;
    let line = 0;
    let marker = false;
    for (;;) {
      // One document: from `line` to the next `---` line.
      let end = line;
      while (end < n && !this.isDocumentStart(end)) end++;
      const first = this.nextContent(line, end);
      if (first < end) out.push({ contents: this.document(first, end) });
      else if (marker) out.push({ contents: null });
      if (end >= n) break;
      // `---` must stand alone on its line (no content, comment or block header after it).
      if (this.ends[end]! !== this.starts[end]! + 3) {
        const rest = this.text.slice(this.starts[end]! + 3, this.ends[end]);
        if (rest.trim() !== '') giveUp();
      }
      marker = true;
      line = end + 1;
    }
    return out;
  }

  private isDocumentStart(line: number): boolean {
    const s = this.starts[line]!;
    const t = this.text;
    if (this.indents[line] === 0 && t.charCodeAt(s) === 46 && t.startsWith('...', s)) giveUp(); // `...`: the library decides
    if (this.indents[line] === 0 && t.charCodeAt(s) === 37) giveUp(); // `%`: a directive
    if (t.charCodeAt(s) !== DASH || !t.startsWith('---', s)) return false;
    const c = t.charCodeAt(s + 3);
    return Number.isNaN(c) || c === SPACE || c === 10;
  }

  /** The first line in [line, end) with content (not blank, not a comment), or `end`. */
  private nextContent(line: number, end: number): number {
    while (line < end && this.indents[line]! < 0) line++;
    return line;
  }

  private document(first: number, end: number): FastDocument['contents'] {
    this.ranges = new Map();
    this.docEnd = end;
    if (this.indents[first] !== 0) giveUp();
    const s = this.starts[first]!;
    if (this.text.charCodeAt(s) === DASH && this.isSeqIndicator(s)) giveUp(); // a list at the root
    const map = this.map(first, s, '');
    if (map.next < end) giveUp(); // something after the root mapping (a less-indented line cannot exist at 0)
    return { value: map.value, ranges: this.ranges, range: [s, map.end] };
  }

  private docEnd = 0;

  private isSeqIndicator(at: number): boolean {
    const c = this.text.charCodeAt(at + 1);
    return Number.isNaN(c) || c === SPACE || c === 10;
  }

  /** The next content line after `line` in this document. */
  private after(line: number): number {
    return this.nextContent(line + 1, this.docEnd);
  }

  /** Where the line's text ends after `at`: spaces, then the line end or a ` #` comment. Gives up on anything else. */
  private expectLineEnd(line: number, at: number): void {
    const t = this.text;
    const end = this.ends[line]!;
    let i = at;
    while (i < end && t.charCodeAt(i) === SPACE) i++;
    if (i === end) return;
    if (t.charCodeAt(i) === HASH && i > at) return;
    giveUp();
  }

  /** A node's end as the library counts it: after the rest of its line and the line break. */
  private lineNodeEnd(line: number): number {
    return Math.min(this.ends[line]! + 1, this.text.length);
  }

  /**
   * A block mapping whose first key starts at offset `at` on `line`; its indentation is that
   * key's column (`- key: v` starts a mapping at the key's column).
   */
  private map(line: number, at: number, path: string): { value: Record<string, unknown>; end: number; next: number } {
    const indent = at - this.starts[line]!;
    const value: Record<string, unknown> = {};
    let end: number;
    for (;;) {
      const key = this.key(line, at);
      if (key.value === '<<') giveUp(); // a merge key (the walk leaves even a quoted one to the library)
      if (Object.prototype.hasOwnProperty.call(value, key.value)) giveUp(); // a duplicate key is an error
      const fieldPath = path === '' ? key.value : `${path}.${key.value}`;
      const item = this.valueAfterKey(line, key.colon + 1, indent, fieldPath, [key.start, key.end]);
      if (key.value === '__proto__') {
        Object.defineProperty(value, key.value, { value: item.value, enumerable: true, writable: true, configurable: true });
      } else value[key.value] = item.value;
      end = item.end;
      line = item.next;
      if (line >= this.docEnd) break;
      const lineIndent = this.indents[line]!;
      if (lineIndent < indent) break;
      if (lineIndent > indent) giveUp();
      at = this.starts[line]! + indent;
      if (this.text.charCodeAt(at) === DASH && this.isSeqIndicator(at)) giveUp(); // a list item where a key belongs
    }
    return { value, end, next: line };
  }

  /** A one-line implicit key at `at`: plain or quoted, then `:` and a space or the line end. */
  private key(line: number, at: number): { value: string; plain: boolean; start: number; end: number; colon: number } {
    const t = this.text;
    const lineEnd = this.ends[line]!;
    const c = t.charCodeAt(at);
    if (c === SQUOTE || c === DQUOTE) {
      const q = this.quoted(line, at);
      if (t.charCodeAt(q.end) !== COLON || !this.spaceOrEnd(q.end + 1, lineEnd)) giveUp();
      return { value: q.value, plain: false, start: at, end: q.end, colon: q.end };
    }
    if (NOT_PLAIN_START.has(c)) giveUp();
    // A plain key ends at the first `:` followed by a space or the line end (YAML 1.2 ns-plain).
    let colon = at;
    for (;;) {
      colon = t.indexOf(':', colon + 1);
      if (colon === -1 || colon >= lineEnd) giveUp(); // no `:`: a multi-line key or a scalar where a key belongs
      if (this.spaceOrEnd(colon + 1, lineEnd)) break;
    }
    let end = colon;
    while (t.charCodeAt(end - 1) === SPACE) end--;
    const source = t.slice(at, end);
    if (source.includes(' #')) giveUp();
    return { value: String(resolvePlain(source)), plain: true, start: at, end, colon };
  }

  private spaceOrEnd(at: number, lineEnd: number): boolean {
    return at >= lineEnd || this.text.charCodeAt(at) === SPACE;
  }

  /**
   * The value of a mapping pair (after the `:`) or a sequence item (after the `-`): on the same
   * line, or a block node on the lines below, or empty. Records the field's range the way the
   * walk in parse.ts does (a non-null scalar's own range, otherwise the key's).
   */
  private valueAfterKey(
    line: number,
    at: number,
    parentIndent: number,
    fieldPath: string,
    keyRange: OffsetRange,
  ): { value: unknown; end: number; next: number } {
    const t = this.text;
    const lineEnd = this.ends[line]!;
    let i = at;
    while (i < lineEnd && t.charCodeAt(i) === SPACE) i++;
    if (i === lineEnd || t.charCodeAt(i) === HASH) {
      const comment = i < lineEnd;
      const next = this.after(line);
      const nextIndent = next < this.docEnd ? this.indents[next]! : -1;
      const s = next < this.docEnd ? this.starts[next]! + nextIndent : 0;
      const isSeq = next < this.docEnd && t.charCodeAt(s) === DASH && this.isSeqIndicator(s);
      if (nextIndent > parentIndent || (nextIndent === parentIndent && isSeq)) {
        if (!isSeq && !this.startsKey(next, s)) {
          // A flow collection or a scalar alone on the next line (`podSelector:\n  {}`).
          const node = this.inlineNode(next, s, parentIndent);
          this.ranges.set(fieldPath, node.isScalar && !node.isNullScalar ? [s, node.valueEnd] : keyRange);
          node.fill?.(fieldPath);
          return { value: node.value, end: node.end, next: node.next };
        }
        this.ranges.set(fieldPath, keyRange);
        return isSeq ? this.seq(next, fieldPath) : this.map(next, s, fieldPath);
      }
      // An empty value (null) sits after the `:` and its spaces; a comment after it (on its line
      // or on the lines up to the next node) becomes its comment and moves its end.
      if (comment || this.commentBetween(line, next)) giveUp();
      this.ranges.set(fieldPath, keyRange);
      return { value: null, end: i, next };
    }
    const node = this.inlineNode(line, i, parentIndent);
    // The walk records a non-null scalar's own range, and the key's for anything else.
    this.ranges.set(fieldPath, node.isScalar && !node.isNullScalar ? [i, node.valueEnd] : keyRange);
    node.fill?.(fieldPath);
    return { value: node.value, end: node.end, next: node.next };
  }

  /**
   * A node that starts on the line at `at`: a block scalar, a one-line flow collection or a
   * one-line scalar. The next content line must not be more indented than the parent (that
   * would continue a multi-line plain scalar, or be an error).
   */
  private inlineNode(
    line: number,
    at: number,
    parentIndent: number,
  ): { value: unknown; valueEnd: number; end: number; next: number; isScalar: boolean; isNullScalar: boolean; fill?: ((path: string) => void) | undefined } {
    const t = this.text;
    const c = t.charCodeAt(at);
    if (c === 124 || c === 62) {
      const b = this.blockScalar(line, at, parentIndent);
      return { value: b.value, valueEnd: b.end, end: b.end, next: b.next, isScalar: true, isNullScalar: false };
    }
    let value: unknown;
    let valueEnd: number;
    let isNullScalar = false;
    let fill: ((path: string) => void) | undefined;
    if (c === 91 || c === 123) {
      const f = this.flow(line, at);
      value = f.value;
      valueEnd = f.end;
      fill = f.fill;
    } else if (c === SQUOTE || c === DQUOTE) {
      const q = this.quoted(line, at);
      value = q.value;
      valueEnd = q.end;
    } else {
      if (NOT_PLAIN_START.has(c) && !(c === DASH && !this.isSeqIndicator(at))) giveUp();
      const p = this.plainInBlock(line, at);
      value = resolvePlain(t.slice(at, p));
      valueEnd = p;
      isNullScalar = value === null;
    }
    this.expectLineEnd(line, valueEnd);
    const next = this.after(line);
    if (next < this.docEnd && this.indents[next]! > parentIndent) giveUp();
    return { value, valueEnd, end: this.lineNodeEnd(line), next, isScalar: fill === undefined, isNullScalar, fill };
  }

  /** A one-line plain scalar in block context: it ends at `: `, ` #` or the line end (trailing spaces excluded). */
  private plainInBlock(line: number, at: number): number {
    const t = this.text;
    const lineEnd = this.ends[line]!;
    let end = at;
    for (let i = at; i < lineEnd; i++) {
      const c = t.charCodeAt(i);
      if (c === COLON && this.spaceOrEnd(i + 1, lineEnd)) giveUp(); // `a: b: c` (a compact nested mapping) is an error
      if (c === SPACE) {
        if (t.charCodeAt(i + 1) === HASH) break;
      } else end = i + 1;
    }
    return end;
  }

  /** A one-line quoted scalar at `at`; returns its value and the offset after the closing quote. */
  private quoted(line: number, at: number): { value: string; end: number } {
    const t = this.text;
    const lineEnd = this.ends[line]!;
    const q = t.charCodeAt(at);
    let value = '';
    let i = at + 1;
    for (;;) {
      if (i >= lineEnd) giveUp(); // multi-line quoted scalars fold lines: the library decides
      const c = t.charCodeAt(i);
      if (q === SQUOTE) {
        if (c === SQUOTE) {
          if (t.charCodeAt(i + 1) === SQUOTE) {
            value += "'"; // `''` is an escaped quote in single-quoted scalars
            i += 2;
            continue;
          }
          return { value, end: i + 1 };
        }
        value += t[i];
        i++;
        continue;
      }
      if (c === DQUOTE) return { value, end: i + 1 };
      if (c === 92) {
        const e = t[i + 1] ?? '';
        const simple = ESCAPES[e];
        if (simple !== undefined) {
          value += simple;
          i += 2;
          continue;
        }
        const length = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
        const hex = t.slice(i + 2, i + 2 + length);
        if (length === 0 || i + 2 + length > lineEnd || !/^[0-9a-fA-F]+$/.test(hex)) giveUp();
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) giveUp();
        value += String.fromCodePoint(code);
        i += 2 + length;
        continue;
      }
      value += t[i];
      i++;
    }
  }

  /**
   * A flow collection that opens and closes on this line: scalars and nested flow collections,
   * no empty entries, no trailing comma, no `key: value` pairs inside sequences, no comments.
   */
  private flow(line: number, at: number): { value: unknown; end: number; fill: (path: string) => void } {
    const t = this.text;
    const lineEnd = this.ends[line]!;
    // Ranges inside are recorded under the path once the caller knows it (after its own field range).
    const pending: [string, OffsetRange][] = [];
    const skip = (i: number): number => {
      while (i < lineEnd && t.charCodeAt(i) === SPACE) i++;
      if (i >= lineEnd || t.charCodeAt(i) === HASH) giveUp();
      return i;
    };
    const scalar = (i: number): { value: unknown; start: number; end: number; isNull: boolean } => {
      const c = t.charCodeAt(i);
      if (c === SQUOTE || c === DQUOTE) {
        const q = this.quoted(line, i);
        return { value: q.value, start: i, end: q.end, isNull: false };
      }
      // In flow context `-` before a flow indicator is a block sequence indicator too (an error).
      const d1 = t.charCodeAt(i + 1);
      if (NOT_PLAIN_START.has(c) && !(c === DASH && !this.isSeqIndicator(i) && !FLOW_INDICATORS.has(d1))) giveUp();
      // A plain scalar in flow context ends at a flow indicator or `:` + space/indicator.
      let end = i;
      for (let j = i; j < lineEnd; j++) {
        const d = t.charCodeAt(j);
        if (FLOW_INDICATORS.has(d)) break;
        if (d === COLON) {
          const e = t.charCodeAt(j + 1);
          if (e === SPACE || FLOW_INDICATORS.has(e) || j + 1 >= lineEnd) break;
        }
        if (d === SPACE) {
          if (t.charCodeAt(j + 1) === HASH) giveUp();
        } else end = j + 1;
      }
      const value = resolvePlain(t.slice(i, end));
      return { value, start: i, end, isNull: value === null };
    };
    const node = (i: number, path: string): { value: unknown; start: number; end: number; isNull: boolean } => {
      const c = t.charCodeAt(i);
      if (c === 91) {
        const out: unknown[] = [];
        let j = skip(i + 1);
        if (t.charCodeAt(j) !== 93) {
          for (let index = 0; ; index++) {
            const itemPath = `${path}[${index}]`;
            const slot = pending.length;
            pending.push([itemPath, [0, 0]]);
            const item = node(j, itemPath);
            pending[slot] = [itemPath, [item.start, item.end]];
            out.push(item.value);
            j = skip(item.end);
            if (t.charCodeAt(j) === COLON) giveUp(); // a pair inside a sequence
            if (t.charCodeAt(j) === 93) break;
            if (t.charCodeAt(j) !== 44) giveUp();
            j = skip(j + 1);
            if (t.charCodeAt(j) === 93) giveUp(); // trailing comma
          }
        }
        return { value: out, start: i, end: j + 1, isNull: false };
      }
      if (c === 123) {
        const out: Record<string, unknown> = {};
        let j = skip(i + 1);
        if (t.charCodeAt(j) !== 125) {
          for (;;) {
            if (t.charCodeAt(j) === 91 || t.charCodeAt(j) === 123) giveUp(); // a collection as a key
            const k = scalar(j);
            const key = String(k.value);
            if (k.isNull || key === '<<' || Object.prototype.hasOwnProperty.call(out, key)) giveUp();
            j = skip(k.end);
            if (t.charCodeAt(j) !== COLON) giveUp(); // a key without a value
            j = skip(j + 1);
            if (t.charCodeAt(j) === 44 || t.charCodeAt(j) === 125) giveUp(); // an empty value
            const fieldPath = `${path}.${key}`;
            const slot = pending.length;
            pending.push([fieldPath, [0, 0]]);
            const v = node(j, fieldPath);
            const isScalarValue = t.charCodeAt(j) !== 91 && t.charCodeAt(j) !== 123;
            pending[slot] = [fieldPath, isScalarValue && !v.isNull ? [v.start, v.end] : [k.start, k.end]];
            if (key === '__proto__') {
              Object.defineProperty(out, key, { value: v.value, enumerable: true, writable: true, configurable: true });
            } else out[key] = v.value;
            j = skip(v.end);
            if (t.charCodeAt(j) === 125) break;
            if (t.charCodeAt(j) !== 44) giveUp();
            j = skip(j + 1);
            if (t.charCodeAt(j) === 125) giveUp(); // trailing comma
          }
        }
        return { value: out, start: i, end: j + 1, isNull: false };
      }
      return scalar(i);
    };
    // Paths inside are suffixes (`[0]`, `.name`) of the field's path, which `fill` prepends.
    const root = node(at, '');
    return {
      value: root.value,
      end: root.end,
      fill: (path) => {
        for (const [p, r] of pending) this.ranges.set(path + p, r);
      },
    };
  }

  /**
   * A block sequence whose first `-` is at the start of `line`'s indentation. Each item's range
   * is recorded before the item's own fields, as the walk does.
   */
  private seq(line: number, path: string): { value: unknown[]; end: number; next: number } {
    const indent = this.indents[line]!;
    const t = this.text;
    const value: unknown[] = [];
    let end: number;
    for (let index = 0; ; index++) {
      const dash = this.starts[line]! + indent;
      const itemPath = `${path}[${index}]`;
      const lineEnd = this.ends[line]!;
      let i = dash + 1;
      while (i < lineEnd && t.charCodeAt(i) === SPACE) i++;
      if (i < lineEnd && t.charCodeAt(i) === HASH) giveUp();
      let at = line;
      if (i === lineEnd) {
        const next = this.after(line);
        if (next >= this.docEnd || this.indents[next]! <= indent) {
          // An empty item (null) sits after the `-` and its spaces (a comment after it moves its end).
          if (this.commentBetween(line, next)) giveUp();
          this.ranges.set(itemPath, [i, i]);
          value.push(null);
          end = i;
          line = next;
          if (line >= this.docEnd || this.indents[line]! < indent) break;
          if (this.indents[line]! > indent) giveUp();
          if (!this.isItemLine(line, indent)) break;
          continue;
        }
        // The item is a node on the lines below.
        at = next;
        i = this.starts[next]! + this.indents[next]!;
      }
      // The walk records the item's range before the ranges inside it: hold its place.
      this.ranges.set(itemPath, [0, 0]);
      if (t.charCodeAt(i) === DASH && this.isSeqIndicator(i)) {
        if (at === line) giveUp(); // `- - a`: a compact nested sequence
        const node = this.seq(at, itemPath);
        this.ranges.set(itemPath, [i, node.end]);
        value.push(node.value);
        end = node.end;
        line = node.next;
      } else if (this.startsKey(at, i)) {
        const node = this.map(at, i, itemPath);
        this.ranges.set(itemPath, [i, node.end]);
        value.push(node.value);
        end = node.end;
        line = node.next;
      } else {
        const node = this.inlineNode(at, i, indent);
        this.ranges.set(itemPath, [i, node.valueEnd]);
        node.fill?.(itemPath);
        value.push(node.value);
        end = node.end;
        line = node.next;
      }
      if (line >= this.docEnd || this.indents[line]! < indent) break;
      if (this.indents[line]! > indent) giveUp();
      if (!this.isItemLine(line, indent)) break; // a key of the parent mapping at the same column
    }
    return { value, end, next: line };
  }

  /** Whether a comment line lies strictly between two lines. */
  private commentBetween(from: number, to: number): boolean {
    for (let k = from + 1; k < to; k++) if (this.indents[k] === -2) return true;
    return false;
  }

  private isItemLine(line: number, indent: number): boolean {
    const s = this.starts[line]! + indent;
    return this.text.charCodeAt(s) === DASH && this.isSeqIndicator(s);
  }

  /** Whether the text at `at` is an implicit key (`name:` + space/end, or a quoted scalar then `:`). */
  private startsKey(line: number, at: number): boolean {
    const t = this.text;
    const lineEnd = this.ends[line]!;
    const c = t.charCodeAt(at);
    if (c === SQUOTE || c === DQUOTE) {
      const q = this.quoted(line, at);
      let j = q.end;
      while (j < lineEnd && t.charCodeAt(j) === SPACE) j++;
      return t.charCodeAt(j) === COLON;
    }
    if (c === 91 || c === 123 || c === 124 || c === 62) return false;
    for (let i = at; i < lineEnd; i++) {
      const d = t.charCodeAt(i);
      if (d === SPACE && t.charCodeAt(i + 1) === HASH) return false;
      if (d === COLON && this.spaceOrEnd(i + 1, lineEnd)) return true;
    }
    return false;
  }

  /**
   * A `|` or `>` block scalar whose header is at `at`: chomping indicator allowed, indentation
   * indicator not (left to the library). Content lines are those indented more than the
   * parent; its indentation is the first content line's.
   */
  private blockScalar(line: number, at: number, parentIndent: number): { value: string; end: number; next: number } {
    const t = this.text;
    const literal = t.charCodeAt(at) === 124;
    let i = at + 1;
    let chomp = '';
    const h = t[i];
    if (h === '-' || h === '+') {
      chomp = h;
      i++;
    }
    const lineEnd = this.ends[line]!;
    while (i < lineEnd && t.charCodeAt(i) === SPACE) i++;
    if (i !== lineEnd) giveUp(); // an indentation indicator, a comment or text after the header
    // Collect the content lines (the library's lexer: lines at least as indented as the first, and blank lines).
    const n = this.docEnd;
    let first = line + 1;
    while (first < n && this.text.charCodeAt(this.starts[first]!) !== HASH && this.indents[first] === -1) {
      if (this.ends[first] !== this.starts[first]) giveUp(); // a blank line with spaces
      first++;
    }
    if (first !== line + 1) giveUp(); // leading empty lines
    if (first >= n || this.indents[first]! <= parentIndent) giveUp(); // an empty block scalar
    const trim = this.indents[first]!;
    const contents: string[] = [];
    let last = first; // the last content line
    let k = first;
    for (; k < n; k++) {
      const ind = this.indents[k]!;
      if (ind === -1) {
        if (this.ends[k] !== this.starts[k]) giveUp();
        contents.push('');
        continue;
      }
      // A column-0 comment line is below the content's indentation: it ends the scalar.
      if (ind === -2 || ind < trim) break;
      if (!literal && ind > trim) giveUp(); // more-indented lines in a folded scalar
      contents.push(t.slice(this.starts[k]! + trim, this.ends[k]));
      last = k;
    }
    if (k < n && this.indents[k] === -2) giveUp(); // a comment right after a block scalar
    const trailing = k - 1 - last; // blank lines after the last content line
    const body = contents.slice(0, contents.length - trailing);
    let value: string;
    if (literal) value = body.join('\n');
    else {
      // Folding: line breaks between text lines become spaces; each empty line keeps one break.
      value = '';
      let sep = '';
      for (const text of body) {
        if (text === '') {
          if (sep === '\n') value += '\n';
          else sep = '\n';
        } else {
          value += sep + text;
          sep = ' ';
        }
      }
    }
    // Chomping: strip (`-`) drops the final break, clip keeps one, keep (`+`) keeps every trailing one.
    if (chomp === '+') value += '\n'.repeat(trailing + 1);
    else if (chomp === '') value += '\n';
    const endLine = chomp === '+' ? k - 1 : last;
    return { value, end: this.lineNodeEnd(endLine), next: k < n ? this.nextContent(k, n) : n };
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};

/**
 * A plain scalar's value under the YAML 1.2 core schema, tested in the `yaml` library's order:
 * null (`~`, `null`, empty), bool, 0o octal, decimal int, 0x hex, .inf/.nan, exponent floats,
 * floats; anything else is a string.
 */
export function resolvePlain(s: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) {
    return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}
