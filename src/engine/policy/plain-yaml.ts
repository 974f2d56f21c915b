/**
 * A small YAML printer for the suggested fixes: block maps and sequences of plain words and
 * non-negative integers, byte for byte what the `yaml` library's `stringify(value, { lineWidth: 0 })`
 * prints for them (its defaults: two-space indent, sequences indented under their key, `{}` and
 * `[]` for empty collections). The library costs ~1 ms per call on a cold path (a trace after
 * each edit); this costs a few microseconds. Anything outside that subset (a word the library
 * would quote, such as `true`, `1.0` or `a b`; other scalar types) gives undefined, and
 * `printFixYaml` asks the library: the output is the same either way (plain-yaml.test.ts
 * compares them).
 */
import { stringify } from 'yaml';

export type PlainYamlValue =
  | string
  | number
  | readonly PlainYamlValue[]
  | { readonly [key: string]: PlainYamlValue };

/** Words the library prints as they are: no quotes, no other YAML 1.2 type (null, bool, number). */
const WORD = /^[A-Za-z][A-Za-z0-9._/-]*$/;
/** A word starting with a digit is a plain string only when it holds a `/` (a CIDR): no number has one. */
const SLASHED = /^[0-9][A-Za-z0-9._/-]*\/[A-Za-z0-9._/-]*$/;
const NOT_STRINGS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
/** Longer keys get the library's explicit-key form; labels, names and CIDRs stay far below. */
const MAX_WORD = 256;

function scalar(v: PlainYamlValue): string | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? String(v) : undefined;
  if (typeof v !== 'string' || v.length > MAX_WORD) return undefined;
  if (WORD.test(v)) return NOT_STRINGS.has(v) ? undefined : v;
  return SLASHED.test(v) ? v : undefined;
}

/** What follows `key:` or `- ` on the same line for an inline value, or undefined for a nested block. */
function inline(v: PlainYamlValue): string | undefined | null {
  if (typeof v === 'string' || typeof v === 'number') return scalar(v) ?? null;
  if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
  if (typeof v !== 'object' || v === null) return null;
  return Object.keys(v).length === 0 ? '{}' : undefined;
}

/** Appends a non-empty block collection whose lines start at `column`; false when a value is outside the subset. */
function block(v: PlainYamlValue, column: number, lines: string[]): boolean {
  const pad = ' '.repeat(column);
  if (Array.isArray(v)) {
    for (const item of v as readonly PlainYamlValue[]) {
      const text = inline(item);
      if (text === null) return false;
      if (text !== undefined) {
        lines.push(`${pad}- ${text}`);
        continue;
      }
      // A nested collection starts on the dash's line, two columns in.
      const at = lines.length;
      if (!block(item, column + 2, lines)) return false;
      lines[at] = `${pad}- ${lines[at]!.slice(column + 2)}`;
    }
    return true;
  }
  const map = v as { readonly [key: string]: PlainYamlValue };
  for (const key of Object.keys(map)) {
    const name = scalar(key);
    if (name === undefined) return false;
    const value = map[key]!;
    const text = inline(value);
    if (text === null) return false;
    if (text !== undefined) {
      lines.push(`${pad}${name}: ${text}`);
      continue;
    }
    lines.push(`${pad}${name}:`);
    // Sequences under a key are indented too (the library's `indentSeq`).
    if (!block(value, column + 2, lines)) return false;
  }
  return true;
}

/**
 * `value` (a non-empty map) as one YAML document, or undefined when it holds something this
 * printer leaves to the library.
 *
 * @example printPlainYaml({ kind: 'NetworkPolicy', spec: { policyTypes: ['Ingress'] } })
 * // 'kind: NetworkPolicy\nspec:\n  policyTypes:\n    - Ingress\n'
 */
export function printPlainYaml(value: { readonly [key: string]: PlainYamlValue }): string | undefined {
  if (inline(value) !== undefined) return undefined;
  const lines: string[] = [];
  return block(value, 0, lines) ? `${lines.join('\n')}\n` : undefined;
}

/**
 * A suggested fix's manifest as YAML: the small printer for the usual words, the library (which
 * prints them the same way) for anything it would quote or another value type.
 */
export function printFixYaml(manifest: object): string {
  return (
    printPlainYaml(manifest as { readonly [key: string]: PlainYamlValue }) ??
    stringify(manifest, { lineWidth: 0 })
  );
}
