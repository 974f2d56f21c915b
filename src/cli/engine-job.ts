/**
 * The engine's part of one command, run in a worker thread under a watchdog (performance.md
 * B12: "a watchdog ends any parse or analysis > 3 s"; the app's worker has the same limit).
 * The engine is synchronous, so a timer in the same thread could never interrupt it: the
 * command reads its inputs on the main thread, hands them to a worker that runs `simulate` and
 * the command's traces, checks or matrix (the task runner of src/engine-client/run-task.ts, the
 * same the app's worker runs), and the main thread ends the worker when the analysis runs past
 * the limit and says so (exit code 2).
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
import { runEngineTask, type EngineJob, type EngineOutput } from '../engine-client/run-task';

export type { EngineJob, EngineOutput, EngineTask } from '../engine-client/run-task';

/** The limit the app's worker uses too. */
export const WATCHDOG_MS = 3000;

/** Where a job was when the watchdog stopped it: reading the manifests, or the command's own work. */
export type JobStage = 'analysis' | 'task';

/** The analysis ran past the limit and was stopped. */
export class WatchdogTimeout extends Error {
  override readonly name = 'WatchdogTimeout';
  constructor(
    message: string,
    /** `analysis`: `simulate` (the manifests) was still running; `task`: the queries or the matrix. */
    readonly stage: JobStage = 'analysis',
  ) {
    super(message);
  }
}

function firstLine(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}

/**
 * Runs a job in this thread, through the task runner the app's worker uses too. Never throws:
 * an engine throw is `crash` (or a query's `error`). `onAnalysed` is called between the
 * analysis of the manifests and the command's own work, so a watchdog can tell which ran long.
 */
export function runEngineJobHere(job: EngineJob, onAnalysed: () => void = () => undefined): EngineOutput {
  return runEngineTask(job, undefined, onAnalysed);
}

/** Messages from the worker: it has started the job (the clock starts), analysed the manifests, or the output. */
type WorkerMessage = { readonly started: true } | { readonly analysed: true } | { readonly output: EngineOutput };

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
    let stage: JobStage = 'analysis';
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      fn();
    };
    worker.on('message', (message: WorkerMessage) => {
      if ('analysed' in message) {
        stage = 'task';
        return;
      }
      if ('started' in message) {
        timer = setTimeout(() => {
          finish(() => {
            void worker.terminate();
            reject(new WatchdogTimeout(`the analysis ran past ${timeoutMs / 1000} s and was stopped (watchdog)`, stage));
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
  const output = runEngineJobHere(data.netplayEngineJob, () => port.postMessage({ analysed: true } satisfies WorkerMessage));
  port.postMessage({ output } satisfies WorkerMessage);
}
