/**
 * Turns the FILE arguments into the engine's `InputFile`s: paths, directories (every
 * `*.yaml`/`*.yml` directly inside, sorted by name) and `-` for stdin, all read as one cluster.
 * Anything unreadable is a `CliError` (exit code 2), never a stack trace.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputFile } from '../engine/types';

/** A problem the user can fix: printed as one line on stderr, exit code 2. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** The name diagnostics give to what came on stdin. */
export const STDIN_NAME = '<stdin>';

/** Reads everything on stdin as UTF-8. */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
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

const YAML_FILE = /\.ya?ml$/i;

/**
 * Reads the FILE arguments in order. Several files and directories become one list of inputs
 * (one cluster); a file is named as the user typed it, so `file:line:col` points back at it.
 */
export async function readInputs(
  paths: readonly string[],
  stdin: () => Promise<string> = () => readStdin(),
): Promise<InputFile[]> {
  const inputs: InputFile[] = [];
  for (const path of paths) {
    if (path === '-') {
      inputs.push({ name: STDIN_NAME, text: await stdin() });
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
        inputs.push({ name: file, text: await readText(file) });
      }
      continue;
    }
    inputs.push({ name: path, text: await readText(path) });
  }
  return inputs;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${path}: ${describe(err)}`);
  }
}

/** Reads and checks a `--queries` file: a JSON array. Its items are checked one by one later. */
export async function readQueriesFile(
  path: string,
  stdin: () => Promise<string> = () => readStdin(),
): Promise<unknown[]> {
  const text = path === '-' ? await stdin() : await readText(path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CliError(`cannot read ${path === '-' ? STDIN_NAME : path}: not valid JSON (${describe(err)})`);
  }
  if (!Array.isArray(value)) {
    throw new CliError(`cannot read ${path === '-' ? STDIN_NAME : path}: expected a JSON array of {"from": SRC, "to": DST}`);
  }
  return value as unknown[];
}
