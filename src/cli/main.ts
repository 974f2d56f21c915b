/**
 * The `netplay` command: parse the arguments, read the manifests, ask the engine, print.
 * Exit codes (docs/cli.md): 0 success, 1 a failed check (and, for `lint`, errors in the
 * manifests), 2 bad usage or unreadable input. Nothing escapes as a stack trace: every throw
 * ends here as one line on stderr and exit code 2.
 *
 * @example
 * const code = await runCli(['lint', 'scenarios/full-flow.yaml'], nodeIO('0.1.0'));
 */
import type { Diagnostic, InputFile, Query, SimulateOptions } from '../engine';
import { parseArgs, type Command } from './args';
import { helpText } from './help';
import { CliError, readInputs, readQueriesFile, STDIN_NAME } from './read-input';
import { toOneLine } from './text';
import { describeError, EngineCrash, type CliIO, type ExitCode } from './io';
import { runEngineJob, WatchdogTimeout, type EngineOutput, type EngineTask } from './engine-job';

import { formatTrace, toBadQueryAnswer, toTraceAnswer, type TraceAnswer } from './format-trace';
import { toQueryItem } from './query-item';
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

/** What ran too long, in the words of the command that asked: the manifests, the queries or the matrix. */
function explainTimeout(command: Command, task: EngineTask, err: WatchdogTimeout): string {
  if (err.stage === 'analysis') {
    return `${err.message} while analysing the manifests: they are too large or too complex to analyse in time; try fewer files`;
  }
  if (task.kind === 'trace' && command.name === 'trace' && command.queries !== undefined) {
    const source = command.queries === '-' ? STDIN_NAME : command.queries;
    return `${err.message} while answering the ${task.queries.length} queries of the queries file ${source}: split it into several runs`;
  }
  if (task.kind === 'matrix') return `${err.message} while computing the matrix: try --port`;
  return `${err.message} while answering ${task.kind === 'trace' ? 'the query' : `"${task.kind}"`}`;
}

/** Reads the inputs, then runs the engine's part in a worker under the 3 s watchdog. */
async function analyse(command: Command, io: CliIO, task: EngineTask): Promise<{ output: EngineOutput; files: InputFile[] }> {
  const files = await readInputs(command.files, io.readStdin);
  let output: EngineOutput;
  try {
    output = await runEngineJob({ files, options: simulateOptions(command), task });
  } catch (err) {
    if (err instanceof WatchdogTimeout) throw new EngineCrash(explainTimeout(command, task, err));
    throw err;
  }
  if (output.crash !== undefined) throw new EngineCrash(output.crash);
  return { output, files };
}

async function runTrace(command: Extract<Command, { name: 'trace' }>, io: CliIO): Promise<ExitCode> {
  if (command.queries !== undefined) {
    if (command.queries === '-' && command.files.includes('-')) {
      throw new CliError('trace: stdin (-) can be read only once: give the manifests or the queries as a file');
    }
    const items = await readQueriesFile(command.queries, io.readStdin);
    // Each query answers on its own: a malformed one gets an `error` answer, the rest go on.
    const queries: Query[] = [];
    const slots = items.map((item, index): number | TraceAnswer => {
      const read = toQueryItem(item, index);
      if ('answer' in read) return read.answer;
      queries.push(read.query);
      return queries.length - 1;
    });
    const { output, files } = await analyse(command, io, { kind: 'trace', queries });
    reportDiagnostics(io, output.diagnostics, files);
    const answers: TraceAnswer[] = items.map((item, index) => {
      const slot = slots[index];
      if (slot === undefined) return toBadQueryAnswer(item, index);
      if (typeof slot !== 'number') return slot;
      const trace = output.traces?.[slot];
      return trace !== undefined ? toTraceAnswer(trace) : { from: queries[slot]!.from, to: queries[slot]!.to, error: 'no answer from the engine' };
    });
    if (command.json) printJson(io, answers);
    else io.stdout(answers.map((a) => formatBatchAnswer(a)).join('\n'));
    return 0;
  }

  const query: Query = {
    from: command.from!,
    to: command.to!,
    ...(command.via !== undefined ? { via: command.via } : {}),
    ...(command.method !== undefined ? { method: command.method } : {}),
    ...(command.headers !== undefined ? { headers: command.headers } : {}),
  };
  const { output, files } = await analyse(command, io, { kind: 'trace', queries: [query] });
  reportDiagnostics(io, output.diagnostics, files);
  const trace = output.traces?.[0];
  if (trace === undefined) throw new EngineCrash('internal error in the engine (trace): no answer');
  if (trace.error?.startsWith('internal error in the engine') === true) throw new EngineCrash(trace.error);
  if (command.json) printJson(io, toTraceAnswer(trace));
  else if (trace.error === undefined) io.stdout(formatTrace(trace));
  if (trace.error !== undefined) {
    // A single query that cannot be asked (unknown object, bad syntax) is bad usage.
    io.stderr(`netplay: trace: ${toOneLine(trace.error)}\n`);
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
  const { output, files } = await analyse(command, io, { kind: 'lint' });
  const diagnostics = sortDiagnostics(output.diagnostics, files);
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
      const { output, files } = await analyse(command, io, { kind: 'check' });
      reportDiagnostics(io, output.diagnostics, files);
      return runCheckCommand(output.checks ?? [], command, io);
    }
    case 'matrix': {
      const task: EngineTask = {
        kind: 'matrix',
        ...(command.port !== undefined ? { port: command.port } : {}),
        ...(command.protocol !== undefined ? { protocol: command.protocol } : {}),
      };
      const { output, files } = await analyse(command, io, task);
      reportDiagnostics(io, output.diagnostics, files);
      if (output.matrix === undefined) throw new EngineCrash('internal error in the engine (matrix): no answer');
      return runMatrixCommand(output.matrix, command, io);
    }
  }
}

/** The whole command line. Resolves to the exit code; never rejects. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  try {
    const parsed = parseArgs(argv);
    if (!parsed.ok) {
      io.stderr(
        `netplay: ${toOneLine(parsed.error)}\nRun "netplay ${parsed.topic !== undefined ? `${parsed.topic} ` : ''}--help" for usage.\n`,
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
      io.stderr(`netplay: ${toOneLine(err.message)}\n`);
    } else {
      io.stderr(`netplay: internal error: ${toOneLine(describeError(err))}\n`);
    }
    return 2;
  }
}
