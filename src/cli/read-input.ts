/**
 * Turns the FILE arguments into the engine's `InputFile`s: paths, directories (every
 * `*.yaml`/`*.yml` directly inside, sorted by name) and `-` for stdin, all read as one cluster.
 * Anything unreadable is a `CliError` (exit code 2), never a stack trace.
 *
 * Sizes are checked while reading, not after: a file, a directory or stdin that passes the
 * limit is refused as soon as the limit is passed (`netplay lint /dev/zero` reads 5 MiB and
 * stops), and the message names the file that passed it.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputFile } from '../engine';
import { MAX_INPUT_BYTES } from '../engine';

/** A problem the user can fix: printed as one line on stderr, exit code 2. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** The name diagnostics give to what came on stdin. */
export const STDIN_NAME = '<stdin>';

/** The manifests, every FILE together: the engine's own limit (it refuses more unparsed). */
export const MAX_MANIFEST_BYTES = MAX_INPUT_BYTES;

/**
 * A `--queries` file. 1 MiB holds 10,000 queries of 100 characters, more than the 3 s
 * watchdog lets a run answer; a larger file is a mistake, not a batch.
 */
export const MAX_QUERIES_BYTES = 1024 * 1024;

/** How much one read asks for. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Reads stdin as UTF-8, stopping as soon as more than `maxBytes` came: then `undefined`.
 * Leaving the loop early destroys the stream, so nothing more is read.
 */
export async function readStdin(maxBytes: number, stream: NodeJS.ReadableStream = process.stdin): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > maxBytes) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads a file as UTF-8, never more than `maxBytes + 1` bytes: `undefined` when it holds more.
 * A regular file is judged by its size before any read; a device or a pipe (`/dev/zero`,
 * `/dev/stdin`, a process substitution) by what it gives.
 */
export async function readFileUpTo(path: string, maxBytes: number): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (info.isFile() && info.size > maxBytes) return undefined;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return undefined;
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    await handle.close();
  }
}

function describe(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** `5 MiB`, `1 MiB`, `512 KiB`: how the limits read in messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * Reads the FILE arguments in order. Several files and directories become one list of inputs
 * (one cluster); a file is named as the user typed it, so `file:line:col` points back at it.
 * Every FILE together may hold at most `maxBytes`; the file that passes the limit is named.
 */
export async function readInputs(
  paths: readonly string[],
  stdin: (maxBytes: number) => Promise<string | undefined> = (maxBytes) => readStdin(maxBytes),
  maxBytes: number = MAX_MANIFEST_BYTES,
): Promise<InputFile[]> {
  const inputs: InputFile[] = [];
  let used = 0;
  /** Reads one file within what is left of the limit, or says which file passed it. */
  const readWithin = async (name: string, read: (left: number) => Promise<string | undefined>): Promise<void> => {
    const text = await read(maxBytes - used);
    if (text === undefined) {
      throw new CliError(
        used === 0
          ? `cannot read ${name}: larger than ${formatBytes(maxBytes)}, the limit for manifests; split it or remove what you do not need`
          : `cannot read ${name}: with the ${formatBytes(used)} read before it, the manifests pass ${formatBytes(maxBytes)}, the limit for every FILE together`,
      );
    }
    used += Buffer.byteLength(text, 'utf8');
    inputs.push({ name, text });
  };

  for (const path of paths) {
    if (path === '-') {
      await readWithin(STDIN_NAME, stdin);
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (err) {
      throw new CliError(`cannot read ${path}: ${describe(err)}`);
    }
    if (isDirectory) {
      let names: string[];
      try {
        const entries = await readdir(path, { withFileTypes: true });
        names = entries
          .filter((e) => (e.isFile() || e.isSymbolicLink()) && YAML_FILE.test(e.name))
          .map((e) => e.name)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      } catch (err) {
        throw new CliError(`cannot read directory ${path}: ${describe(err)}`);
      }
      if (names.length === 0) throw new CliError(`no *.yaml or *.yml files in directory ${path}`);
      for (const name of names) {
        const file = join(path, name);
        await readWithin(file, (left) => readText(file, left));
      }
      continue;
    }
    await readWithin(path, (left) => readText(path, left));
  }
  return inputs;
}

async function readText(path: string, maxBytes: number): Promise<string | undefined> {
  try {
    return await readFileUpTo(path, maxBytes);
  } catch (err) {
    throw new CliError(`cannot read ${path}: ${describe(err)}`);
  }
}

/**
 * Reads and checks a `--queries` file: a JSON array of at most `maxBytes`. Its items are
 * checked one by one later. Messages name it as the queries file, with its path.
 */
export async function readQueriesFile(
  path: string,
  stdin: (maxBytes: number) => Promise<string | undefined> = (maxBytes) => readStdin(maxBytes),
  maxBytes: number = MAX_QUERIES_BYTES,
): Promise<unknown[]> {
  const name = `the queries file ${path === '-' ? STDIN_NAME : path}`;
  let text: string | undefined;
  try {
    text = path === '-' ? await stdin(maxBytes) : await readFileUpTo(path, maxBytes);
  } catch (err) {
    throw new CliError(`cannot read ${name}: ${describe(err)}`);
  }
  if (text === undefined) {
    throw new CliError(`cannot read ${name}: larger than ${formatBytes(maxBytes)}, the limit for a queries file; split it into several runs`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CliError(`cannot read ${name}: not valid JSON (${describe(err)})`);
  }
  if (!Array.isArray(value)) {
    throw new CliError(`cannot read ${name}: expected a JSON array of {"from": SRC, "to": DST}`);
  }
  return value as unknown[];
}
