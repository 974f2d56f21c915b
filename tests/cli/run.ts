/**
 * Runs the REAL `netplay` command as a child process (`node bin/netplay.mjs ...`), the way
 * users and CI scripts run it, and gives back its exit code and output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fullFlow = join(root, 'scenarios', 'full-flow.yaml');

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function netplay(args: readonly string[], input?: string, env?: Readonly<Record<string, string>>): RunResult {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'netplay.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    input: input ?? '',
    timeout: 60_000,
    ...(env !== undefined ? { env: { ...process.env, ...env } } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `npx netplay ...` from the project directory: the contract's "works right after npm install". */
export function npxNetplay(args: readonly string[]): RunResult {
  const result = spawnSync('npx', ['--no-install', 'netplay', ...args], {
    cwd: root,
    encoding: 'utf8',
    input: '',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Parses stdout as JSON, failing the test with the output when it is not. */
export function json(result: RunResult): unknown {
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** A temporary directory with the given files; removed by the returned function. */
export function tempFiles(files: Readonly<Record<string, string>>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'netplay-cli-'));
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A stack trace line (`    at foo (file:1:2)`): never allowed on stderr. */
export const STACK_LINE = /^\s+at\s.+(:\d+:\d+\)?|<anonymous>)$/m;
