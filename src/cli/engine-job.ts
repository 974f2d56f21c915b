/**
 * The engine's part of one command, run in a worker thread under a watchdog (performance.md
 * B12: "a watchdog ends any parse or analysis > 3 s"; the app's worker has the same limit).
 * The engine is synchronous, so a timer in the same thread could never interrupt it: the
 * command reads its inputs on the main thread, hands them to a worker that runs `simulate` and
 * the command's traces, checks or matrix, and the main thread ends the worker when the analysis
 * runs past the limit and says so (exit code 2).
 *
 * The worker runs this very module: in the cached CLI bundle (bin/netplay.mjs), `import.meta.url`
 * is the bundle, which a worker can load. When the sources run through tsx (`NETPLAY_TSX=1`, the
 * in-process tests), a worker could not load TypeScript, so the job runs in-thread (no watchdog).
 *
 * @example
 * const out = await runEngineJob({ files, options: {}, task: { kind: 'lint' } });
 * out.diagnostics.length
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Diagnostic, InputFile, Query, ReachabilityMatrix, SimulateOptions, Protocol, Trace } from '../engine/types';
import { simulate, traceQueries } from '../engine/simulate';
import { createParseCache } from '../engine/manifest/parse';
import { computeMatrix } from '../engine/policy/matrix';
import type { CheckResult } from '../engine/trace/checks';

/** The limit the app's worker uses too. */
export const WATCHDOG_MS = 3000;

export type EngineTask =
  | { readonly kind: 'lint' }
  | { readonly kind: 'trace'; readonly queries: readonly Query[] }
  | { readonly kind: 'check' }
  | { readonly kind: 'matrix'; readonly port?: number | string; readonly protocol?: Protocol };

export interface EngineJob {
  readonly files: readonly InputFile[];
  readonly options: SimulateOptions;
  readonly task: EngineTask;
}

/** Plain data only: it crosses `postMessage`. */
export interface EngineOutput {
  readonly diagnostics: readonly Diagnostic[];
  /** `trace`: one per query, in order; a query the engine threw on gets `error`. */
  readonly traces?: readonly Trace[];
  readonly checks?: readonly CheckResult[];
  readonly matrix?: ReachabilityMatrix;
  /** The engine threw outside a single query: a bug, reported in one line. */
  readonly crash?: string;
}

/** The analysis ran past the limit and was stopped. */
export class WatchdogTimeout extends Error {
  override readonly name = 'WatchdogTimeout';
}

function firstLine(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}

/** The YAML documents this process parsed last (a job on the same files re-parses only what changed). */
const parseCache = createParseCache();

/** Runs a job in this thread. Never throws: an engine throw is `crash` (or a query's `error`). */
export function runEngineJobHere(job: EngineJob): EngineOutput {
  let stage = 'simulate';
  try {
    const analysis = simulate(job.files, job.options, parseCache);
    const { cluster, diagnostics } = analysis;
    switch (job.task.kind) {
      case 'lint':
        return { diagnostics };
      case 'trace': {
        stage = 'trace';
        const traces = job.task.queries.map((q): Trace => {
          try {
            return traceQueries(cluster, [q])[0]!;
          } catch (err) {
            return { from: q.from, to: q.to, verdict: 'deny', endpoints: [], blocked: [], hops: [], notes: [], error: `internal error in the engine (trace): ${firstLine(err)}` };
          }
        });
        return { diagnostics, traces };
      }
      case 'check':
        stage = 'checks';
        return { diagnostics, checks: analysis.checks };
      case 'matrix': {
        stage = 'matrix';
        const { port, protocol } = job.task;
        return { diagnostics, matrix: computeMatrix(cluster, { ...(port !== undefined ? { port } : {}), ...(protocol !== undefined ? { protocol } : {}) }) };
      }
    }
  } catch (err) {
    return { diagnostics: [], crash: `internal error in the engine (${stage}): ${firstLine(err)}` };
  }
}

/** Messages from the worker: it has started the job (the clock starts), or the output. */
type WorkerMessage = { readonly started: true } | { readonly output: EngineOutput };

/**
 * Runs `job` in a worker that loads `module` (a module URL, or a CommonJS script's source for
 * tests), ending it when the job takes longer than `timeoutMs` after it started (module loading
 * is not counted). Rejects with WatchdogTimeout.
 */
export function runInWorker(module: URL | string, job: EngineJob, timeoutMs: number): Promise<EngineOutput> {
  return new Promise<EngineOutput>((resolve, reject) => {
    const worker = new Worker(module, { ...(typeof module === 'string' ? { eval: true } : {}), workerData: { netplayEngineJob: job } });
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      fn();
    };
    worker.on('message', (message: WorkerMessage) => {
      if ('started' in message) {
        timer = setTimeout(() => {
          finish(() => {
            void worker.terminate();
            reject(new WatchdogTimeout(`the analysis ran past ${timeoutMs / 1000} s and was stopped (watchdog)`));
          });
        }, timeoutMs);
        return;
      }
      finish(() => {
        void worker.terminate();
        resolve(message.output);
      });
    });
    worker.on('error', (err) => finish(() => resolve({ diagnostics: [], crash: `internal error in the engine: ${firstLine(err)}` })));
    worker.on('exit', (code) => finish(() => resolve({ diagnostics: [], crash: `internal error in the engine: its worker exited (${code}) without an answer` })));
  });
}

/** The limit, which tests may lower with NETPLAY_WATCHDOG_MS. */
export function watchdogMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = Number(env['NETPLAY_WATCHDOG_MS']);
  return Number.isFinite(raw) && raw > 0 ? raw : WATCHDOG_MS;
}

/**
 * Runs one command's engine work under the watchdog: in a worker when this module is the CLI
 * bundle (a .mjs/.js file), in this thread otherwise.
 */
export function runEngineJob(job: EngineJob): Promise<EngineOutput> {
  const here = new URL(import.meta.url);
  if (here.protocol === 'file:' && /\.(mjs|js)$/.test(here.pathname)) return runInWorker(here, job, watchdogMs());
  return Promise.resolve(runEngineJobHere(job));
}

// In the worker: say when the job starts, run it, post the output.
const data = workerData as { netplayEngineJob?: EngineJob } | null | undefined;
if (!isMainThread && parentPort !== null && data?.netplayEngineJob !== undefined) {
  const port = parentPort;
  port.postMessage({ started: true } satisfies WorkerMessage);
  port.postMessage({ output: runEngineJobHere(data.netplayEngineJob) } satisfies WorkerMessage);
}
