/**
 * The `netplay` command: parse the arguments, read the manifests, ask the engine, print.
 * Exit codes (shared/spec/cli.md): 0 success, 1 a failed check (and, for `lint`, errors in the
 * manifests), 2 bad usage or unreadable input. Nothing escapes as a stack trace: every throw
 * ends here as one line on stderr and exit code 2.
 *
 * @example
 * const code = await runCli(['lint', 'scenarios/full-flow.yaml'], nodeIO('0.1.0'));
 */
import type { Analysis, Diagnostic, InputFile, SimulateOptions } from '../engine/types';
import { simulate, traceQueries } from '../engine/simulate';
import { parseArgs, type Command } from './args';
import { helpText } from './help';
import { CliError, readInputs, readQueriesFile } from './read-input';
import { describeError, EngineCrash, guardEngine, type CliIO, type ExitCode } from './io';

import { formatTrace, toBadQueryAnswer, toTraceAnswer, type TraceAnswer } from './format-trace';
import { countBySeverity, formatCounts, formatDiagnostic, sortDiagnostics } from './format-diagnostics';
import { runCheckCommand } from './check-command';
import { runMatrixCommand } from './matrix-command';

export { nodeIO, type CliIO, type ExitCode } from './io';

function simulateOptions(command: Command): SimulateOptions {
  return {
    ...(command.cni !== undefined ? { cni: command.cni } : {}),
    ...(command.nodes !== undefined ? { nodes: command.nodes } : {}),
  };
}

/** Errors and warnings go to stderr for every command but `lint` (whose output they are). */
function reportDiagnostics(io: CliIO, diagnostics: readonly Diagnostic[], files: readonly InputFile[]): void {
  const shown = sortDiagnostics(
    diagnostics.filter((d) => d.severity !== 'info'),
    files,
  );
  if (shown.length > 0) io.stderr(shown.map(formatDiagnostic).join('\n') + '\n');
}

function printJson(io: CliIO, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n');
}

async function analyse(command: Command, io: CliIO): Promise<{ analysis: Analysis; files: InputFile[] }> {
  const files = await readInputs(command.files, io.readStdin);
  const analysis = guardEngine('simulate', () => simulate(files, simulateOptions(command)));
  return { analysis, files };
}

async function runTrace(command: Extract<Command, { name: 'trace' }>, io: CliIO): Promise<ExitCode> {
  if (command.queries !== undefined) {
    if (command.queries === '-' && command.files.includes('-')) {
      throw new CliError('trace: stdin (-) can be read only once: give the manifests or the queries as a file');
    }
    const items = await readQueriesFile(command.queries, io.readStdin);
    const { analysis, files } = await analyse(command, io);
    reportDiagnostics(io, analysis.diagnostics, files);
    // Each query answers on its own: a malformed one gets an `error` answer, the rest go on.
    const answers: TraceAnswer[] = items.map((item, index) => {
      const obj = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : undefined;
      const from = obj?.['from'];
      const to = obj?.['to'];
      if (Array.isArray(item) || typeof from !== 'string' || typeof to !== 'string') {
        return toBadQueryAnswer(item, index);
      }
      try {
        const [trace] = traceQueries(analysis.cluster, [{ from, to }]);
        return trace ? toTraceAnswer(trace) : { from, to, error: 'no answer from the engine' };
      } catch (err) {
        return { from, to, error: `internal error in the engine (trace): ${describeError(err)}` };
      }
    });
    if (command.json) printJson(io, answers);
    else io.stdout(answers.map((a) => formatBatchAnswer(a)).join('\n'));
    return 0;
  }

  const { analysis, files } = await analyse(command, io);
  reportDiagnostics(io, analysis.diagnostics, files);
  const [trace] = guardEngine('trace', () => traceQueries(analysis.cluster, [{ from: command.from!, to: command.to! }]));
  if (trace === undefined) throw new EngineCrash('internal error in the engine (trace): no answer');
  if (command.json) printJson(io, toTraceAnswer(trace));
  else if (trace.error === undefined) io.stdout(formatTrace(trace));
  if (trace.error !== undefined) {
    // A single query that cannot be asked (unknown object, bad syntax) is bad usage.
    io.stderr(`netplay: trace: ${trace.error}\n`);
    return 2;
  }
  return 0;
}

/** Batch answers without --json: each readable trace, or its error, one after the other. */
function formatBatchAnswer(answer: TraceAnswer): string {
  const from = typeof answer['from'] === 'string' ? answer['from'] : '?';
  const to = typeof answer['to'] === 'string' ? answer['to'] : '?';
  if (typeof answer['error'] === 'string') return `trace ${from} → ${to}\nerror: ${answer['error']}\n`;
  return formatTrace(answer as unknown as Parameters<typeof formatTrace>[0]);
}

async function runLint(command: Extract<Command, { name: 'lint' }>, io: CliIO): Promise<ExitCode> {
  const { analysis, files } = await analyse(command, io);
  const diagnostics = sortDiagnostics(analysis.diagnostics, files);
  if (command.json) printJson(io, diagnostics);
  else if (diagnostics.length > 0) io.stdout(diagnostics.map(formatDiagnostic).join('\n') + '\n');
  io.stderr(`lint: ${formatCounts(diagnostics)} in ${files.length === 1 ? '1 file' : `${files.length} files`}\n`);
  // Errors in the manifests fail validation like a failed check (1); warnings alone pass (0).
  return countBySeverity(diagnostics).error > 0 ? 1 : 0;
}

async function runCommand(command: Command, io: CliIO): Promise<ExitCode> {
  switch (command.name) {
    case 'trace':
      return runTrace(command, io);
    case 'lint':
      return runLint(command, io);
    case 'check': {
      const { analysis, files } = await analyse(command, io);
      reportDiagnostics(io, analysis.diagnostics, files);
      return runCheckCommand(analysis, command, io);
    }
    case 'matrix': {
      const { analysis, files } = await analyse(command, io);
      reportDiagnostics(io, analysis.diagnostics, files);
      return runMatrixCommand(analysis, command, io);
    }
  }
}

/** The whole command line. Resolves to the exit code; never rejects. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  try {
    const parsed = parseArgs(argv);
    if (!parsed.ok) {
      io.stderr(
        `netplay: ${parsed.error}\nRun "netplay ${parsed.topic !== undefined ? `${parsed.topic} ` : ''}--help" for usage.\n`,
      );
      return 2;
    }
    if (parsed.kind === 'help') {
      io.stdout(helpText(parsed.topic));
      return 0;
    }
    if (parsed.kind === 'version') {
      io.stdout(`netplay ${io.version}\n`);
      return 0;
    }
    return await runCommand(parsed.command, io);
  } catch (err) {
    if (err instanceof CliError || err instanceof EngineCrash) {
      io.stderr(`netplay: ${err.message}\n`);
    } else {
      io.stderr(`netplay: internal error: ${describeError(err)}\n`);
    }
    return 2;
  }
}
