/**
 * The task runner the browser's worker and the `netplay` CLI share: given files and a task, it
 * runs `simulate` and the task (the analysis, lint, traces, checks, the matrix), so both paths
 * answer identically. No DOM and no Node: it runs in a Web Worker, a worker thread, or in-process.
 * It never throws: an engine throw becomes `crash` (or, for one query, that trace's `error`).
 *
 * @example
 * const out = runEngineTask({ files, options: {}, task: { kind: 'trace', queries } });
 * out.traces?.[0]?.verdict;
 */
import type {
  Analysis,
  Diagnostic,
  InputFile,
  Protocol,
  Query,
  ReachabilityMatrix,
  SimulateOptions,
  Trace,
} from '../engine';
import type { CheckResult } from '../engine';
import { traceQueries } from '../engine';
import { createEngineSession, type EngineSession } from './engine-session';

export type EngineTask =
  /** The whole analysis (the app's graph, diagnostics and checks). */
  | { readonly kind: 'simulate' }
  | { readonly kind: 'lint' }
  | { readonly kind: 'trace'; readonly queries: readonly Query[] }
  | { readonly kind: 'check' }
  /** One port class (`port`, `protocol`), or every port class when neither is given. */
  | { readonly kind: 'matrix'; readonly port?: number | string; readonly protocol?: Protocol };

export interface EngineJob {
  readonly files: readonly InputFile[];
  readonly options: SimulateOptions;
  readonly task: EngineTask;
}

/** Plain data only: it crosses `postMessage`. */
export interface EngineOutput {
  readonly diagnostics: readonly Diagnostic[];
  /** `simulate`: the analysis itself. */
  readonly analysis?: Analysis;
  /** `trace`: one per query, in order; a query the engine threw on gets `error`. */
  readonly traces?: readonly Trace[];
  readonly checks?: readonly CheckResult[];
  readonly matrix?: ReachabilityMatrix;
  /** The engine threw outside a single query: a bug, reported in one line. */
  readonly crash?: string;
}

function firstLine(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}

/** Traces each query on its own, so one query the engine throws on does not sink the others. */
function traceEach(analysis: Analysis, queries: readonly Query[]): Trace[] {
  return queries.map((q): Trace => {
    try {
      return traceQueries(analysis.cluster, [q])[0]!;
    } catch (err) {
      return {
        from: q.from,
        to: q.to,
        verdict: 'deny',
        endpoints: [],
        blocked: [],
        hops: [],
        notes: [],
        error: `internal error in the engine (trace): ${firstLine(err)}`,
      };
    }
  });
}

/**
 * Runs one job. `session` holds the worker's caches (the last analysis, the last matrix); a
 * one-off caller (the CLI) can leave it out. `onAnalysed` runs once the manifests are analysed,
 * before the task's own work (the CLI's watchdog says which of the two ran long).
 */
export function runEngineTask(
  job: EngineJob,
  session: EngineSession = createEngineSession(),
  onAnalysed: () => void = () => undefined,
): EngineOutput {
  let stage = 'simulate';
  try {
    const analysis = session.analyse(job.files, job.options);
    const { diagnostics } = analysis;
    onAnalysed();
    switch (job.task.kind) {
      case 'simulate':
        return { diagnostics, analysis };
      case 'lint':
        return { diagnostics };
      case 'trace':
        stage = 'trace';
        return { diagnostics, traces: traceEach(analysis, job.task.queries) };
      case 'check':
        stage = 'checks';
        return { diagnostics, checks: analysis.checks };
      case 'matrix': {
        stage = 'matrix';
        const { port, protocol } = job.task;
        const selection = {
          ...(port !== undefined ? { port } : {}),
          ...(protocol !== undefined ? { protocol } : {}),
        };
        return { diagnostics, matrix: session.matrix(analysis, selection) };
      }
    }
  } catch (err) {
    return { diagnostics: [], crash: `internal error in the engine (${stage}): ${firstLine(err)}` };
  }
}
