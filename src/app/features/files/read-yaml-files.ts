/**
 * Opened or dropped files → one scenario text. Several files are joined with `---` in name
 * order, so the same selection always gives the same text. A `kind: List` (what
 * `kubectl get ... -o yaml` prints) needs nothing here: the engine's parser unpacks its items
 * with their own line numbers. Refused, with a message and the editor's text untouched: files
 * that are not YAML by name, more than the engine analyses (the limit a paste has), and
 * binary files (a NUL byte, or bytes that are not UTF-8).
 */
import { MAX_INPUT_BYTES } from '../../../engine';

/** The engine refuses more input than this: a file gets the same limit. */
export const MAX_FILE_BYTES = MAX_INPUT_BYTES;

const YAML_NAME = /\.(ya?ml|json)$/i;

/** What a browser `File` offers that we use (a plain object in the tests). */
export interface OpenedFile {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type ReadFilesResult =
  | { readonly ok: true; readonly text: string; readonly names: readonly string[] }
  | { readonly ok: false; readonly message: string };

const quote = (name: string) => `"${name.length > 80 ? `${name.slice(0, 77)}…` : name}"`;

const toMegabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The text of one file, or why it is not text. */
function decodeText(name: string, bytes: ArrayBuffer): { text: string } | { message: string } {
  const view = new Uint8Array(bytes);
  if (view.includes(0))
    return { message: `${quote(name)} is a binary file (it contains NUL bytes), not YAML.` };
  try {
    // fatal: bytes that are not UTF-8 throw instead of turning into U+FFFD; the BOM is dropped.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(view) };
  } catch {
    return { message: `${quote(name)} is not UTF-8 text: it looks like a binary file, not YAML.` };
  }
}

/**
 * Joins texts as YAML documents: each ends with a newline, `---` between them.
 *
 * @example joinYamlDocuments(['a: 1', 'b: 2\n']) // 'a: 1\n---\nb: 2\n'
 */
export function joinYamlDocuments(texts: readonly string[]): string {
  if (texts.length === 1) return texts[0]!;
  return texts.map((t) => (t.endsWith('\n') || t === '' ? t : `${t}\n`)).join('---\n');
}

/** Reads the files into one text; refuses the whole selection when one file cannot be used. */
export async function readYamlFiles(files: readonly OpenedFile[]): Promise<ReadFilesResult> {
  if (files.length === 0) return { ok: false, message: 'No file was chosen.' };
  const notYaml = files.find((f) => !YAML_NAME.test(f.name));
  if (notYaml)
    return {
      ok: false,
      message: `${quote(notYaml.name)} is not a .yaml or .yml file: nothing was opened.`,
    };
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > MAX_FILE_BYTES) {
    const what = files.length === 1 ? quote(files[0]!.name) : `These ${files.length} files`;
    return {
      ok: false,
      message: `${what} ${files.length === 1 ? 'is' : 'are'} ${toMegabytes(total)}, over the ${MAX_FILE_BYTES / (1024 * 1024)} MB the editor analyses: nothing was opened. Split it or remove what you do not need.`,
    };
  }
  const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  const texts: string[] = [];
  for (const file of sorted) {
    let bytes: ArrayBuffer;
    try {
      bytes = await file.arrayBuffer();
    } catch {
      return { ok: false, message: `${quote(file.name)} could not be read: nothing was opened.` };
    }
    const decoded = decodeText(file.name, bytes);
    if ('message' in decoded)
      return { ok: false, message: `${decoded.message} Nothing was opened.` };
    texts.push(decoded.text);
  }
  return { ok: true, text: joinYamlDocuments(texts), names: sorted.map((f) => f.name) };
}
