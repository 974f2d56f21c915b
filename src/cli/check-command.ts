/**
 * `netplay check`: runs the Scenario's checks, one ✓/✗ line each, exit 1 if any fails.
 */
import type { CheckResult } from '../engine';
import type { Command } from './args';
import { toTraceAnswer } from './format-trace';
import type { CliIO, ExitCode } from './io';

/** What a check is called in the output: its name, or its query. */
function checkLabel(result: CheckResult): string {
  return result.check.name ?? `${result.check.from} → ${result.check.to}`;
}

/** One line per check: `✓ name: why` / `✗ name: why`, then a count. */
export function formatChecks(results: readonly CheckResult[]): string {
  if (results.length === 0) return 'no checks: the Scenario document defines none\n';
  const lines = results.map((r) => `${r.pass ? '✓' : '✗'} ${checkLabel(r)}: ${r.why.replace(/\s*\n\s*/g, ' ')}`);
  const failed = results.filter((r) => !r.pass).length;
  lines.push('');
  lines.push(
    failed === 0 ? `${results.length} of ${results.length} checks pass` : `${failed} of ${results.length} checks fail`,
  );
  return lines.join('\n') + '\n';
}

/** The JSON form: counts, then each check with its query, expectation, result and trace answer. */
export function toChecksJson(results: readonly CheckResult[]): Readonly<Record<string, unknown>> {
  const failed = results.filter((r) => !r.pass).length;
  return {
    pass: failed === 0,
    passed: results.length - failed,
    failed,
    checks: results.map((r) => ({
      ...(r.check.name !== undefined ? { name: r.check.name } : {}),
      from: r.check.from,
      to: r.check.to,
      expect: r.check.expect,
      pass: r.pass,
      why: r.why,
      answer: toTraceAnswer(r.trace),
    })),
  };
}

/** Prints the results the engine computed (in its worker, see engine-job.ts). */
export function runCheckCommand(
  results: readonly CheckResult[],
  command: Extract<Command, { name: 'check' }>,
  io: CliIO,
): ExitCode {
  if (command.json) io.stdout(JSON.stringify(toChecksJson(results), null, 2) + '\n');
  else io.stdout(formatChecks(results));
  return results.every((r) => r.pass) ? 0 : 1;
}
