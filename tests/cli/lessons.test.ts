/**
 * The app and the CLI agree on every lesson: `netplay check` (the real command) fails each
 * lesson's start.yaml (exit 1) and passes its solution.yaml (exit 0), and its pass/fail per check
 * is the one the engine's analysis (what the app's lesson panel shows) gives.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine';
import { json, netplay, root, STACK_LINE } from './run';

const lessonsDir = join(root, 'scenarios', 'lessons');
const folders = readdirSync(lessonsDir).filter((name) => statSync(join(lessonsDir, name)).isDirectory()).sort();

interface CheckJson {
  pass: boolean;
  checks: { name?: string; from: string; to: string; pass: boolean; why: string }[];
}

describe.each(folders)('netplay check on lesson %s', (folder) => {
  it.each([
    ['start.yaml', 1],
    ['solution.yaml', 0],
  ] as const)('%s: exit %i, and the same verdict per check as the app', (file, exitCode) => {
    const path = join(lessonsDir, folder, file);
    const result = netplay(['check', path, '--json']);
    expect(result.stderr).not.toMatch(STACK_LINE);
    const cli = json(result) as CheckJson;
    const app = simulate([{ name: path, text: readFileSync(path, 'utf8') }]).checks;
    expect(cli.checks.map((c) => [c.name, c.from, c.to, c.pass])).toEqual(
      app.map((r) => [r.check.name, r.check.from, r.check.to, r.pass]),
    );
    expect(cli.checks.map((c) => c.why)).toEqual(app.map((r) => r.why));
    expect(result.code, result.stdout).toBe(exitCode);
  });
});
