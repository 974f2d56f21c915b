/**
 * Typed readers over a parsed document's plain data. Each reader returns what it could decode
 * and reports a wrong JSON type as a `field.type` diagnostic at the field's source range, the
 * way the API server's decoder refuses `ports: "abc"` — but the object is kept as well as it can be.
 */
import type { Diagnostic, LabelSelector, LabelSelectorRequirement, ManifestDocument, SourceRange } from '../types';
import { makeDiagnostic } from '../diagnostics';

export type Obj = Readonly<Record<string, unknown>>;

/** The source range of `path`, or of its nearest ancestor that has one, or the document's. */
export function rangeAt(doc: ManifestDocument, path: string): SourceRange {
  let p = path;
  for (;;) {
    const r = doc.fieldRanges[p];
    if (r) return r;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return doc.range;
    p = p.slice(0, cut);
  }
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Joins a field path the way Kubernetes prints it. */
export function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

export interface Reader {
  readonly doc: ManifestDocument;
  readonly ref: string;
  readonly diagnostics: Diagnostic[];
  typeError(path: string, value: unknown, expected: string): void;
  /** A string; numbers and booleans are reported and converted (`version: 1` in labels). */
  str(v: unknown, path: string): string | undefined;
  int(v: unknown, path: string): number | undefined;
  bool(v: unknown, path: string): boolean | undefined;
  intOrString(v: unknown, path: string): number | string | undefined;
  obj(v: unknown, path: string): Obj | undefined;
  list(v: unknown, path: string): readonly unknown[];
  strList(v: unknown, path: string): string[];
  strMap(v: unknown, path: string): Record<string, string>;
  selector(v: unknown, path: string): LabelSelector;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * One class, not an object of closures: a reader is made per document (thousands per analysis),
 * and its methods are shared on the prototype.
 */
class DocumentReader implements Reader {
  constructor(
    readonly doc: ManifestDocument,
    readonly ref: string,
    readonly diagnostics: Diagnostic[],
  ) {}

  typeError(path: string, value: unknown, expected: string): void {
    this.diagnostics.push(makeDiagnostic('field.type', { path, value, expected }, { path, range: rangeAt(this.doc, path), ref: this.ref }));
  }

  str(v: unknown, path: string): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') {
      this.typeError(path, v, 'string (quote it)');
      return String(v);
    }
    this.typeError(path, v, 'string');
    return undefined;
  }

  int(v: unknown, path: string): number | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    this.typeError(path, v, 'integer');
    return undefined;
  }

  bool(v: unknown, path: string): boolean | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    this.typeError(path, v, 'boolean');
    return undefined;
  }

  intOrString(v: unknown, path: string): number | string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    this.typeError(path, v, 'integer or string');
    return undefined;
  }

  obj(v: unknown, path: string): Obj | undefined {
    if (v === undefined || v === null) return undefined;
    if (isObj(v)) return v;
    this.typeError(path, v, 'mapping');
    return undefined;
  }

  list(v: unknown, path: string): readonly unknown[] {
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) return v as readonly unknown[];
    this.typeError(path, v, 'list');
    return [];
  }

  strList(v: unknown, path: string): string[] {
    const out: string[] = [];
    this.list(v, path).forEach((item, i) => {
      // The item's path is spelled only when it is not a string (the common case needs none).
      const s = typeof item === 'string' ? item : this.str(item, child(path, i));
      if (s !== undefined) out.push(s);
    });
    return out;
  }

  strMap(v: unknown, path: string): Record<string, string> {
    const out: Record<string, string> = {};
    const o = this.obj(v, path);
    if (!o) return out;
    for (const key of Object.keys(o)) {
      const value = o[key];
      // The key's path is spelled only when the value is not a string (the common case needs none).
      const s = typeof value === 'string' ? value : this.str(value, child(path, key));
      // A `__proto__` key stays an own property (an assignment would be dropped, or set the prototype).
      if (s === undefined) continue;
      if (key === '__proto__') Object.defineProperty(out, key, { value: s, enumerable: true, writable: true, configurable: true });
      else out[key] = s;
    }
    return out;
  }

  selector(v: unknown, path: string): LabelSelector {
    const o = this.obj(v, path);
    if (!o) return { matchLabels: {}, matchExpressions: [] };
    const matchLabels = this.strMap(o['matchLabels'], child(path, 'matchLabels'));
    const matchExpressions: LabelSelectorRequirement[] = [];
    const exprPath = child(path, 'matchExpressions');
    this.list(o['matchExpressions'], exprPath).forEach((e, i) => {
      const ePath = child(exprPath, i);
      const eo = this.obj(e, ePath);
      if (!eo) return;
      const key = this.str(eo['key'], child(ePath, 'key')) ?? '';
      const operator = this.str(eo['operator'], child(ePath, 'operator')) ?? '';
      const values = this.strList(eo['values'], child(ePath, 'values'));
      // An unknown operator is reported by validate (API wording); it selects nothing here.
      matchExpressions.push({
        key,
        operator: OPERATORS.has(operator) ? (operator as LabelSelectorRequirement['operator']) : 'In',
        values: OPERATORS.has(operator) ? values : [],
      });
    });
    return { matchLabels, matchExpressions };
  }
}

export function makeReader(doc: ManifestDocument, ref: string, diagnostics: Diagnostic[]): Reader {
  return new DocumentReader(doc, ref, diagnostics);
}
