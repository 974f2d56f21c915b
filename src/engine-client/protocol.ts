/**
 * The typed request/response protocol between the app and the engine (in a Web Worker or
 * in-process). One map, `EngineRequests`, names every request with its params and its result;
 * a client has one generic `call(type, params)`. A new request is one entry here plus one
 * handler function in `handler.ts`.
 *
 * Every message carries a request id; the answer to request `id` carries the same id, so the
 * client can pair them and drop stale ones.
 */
import type {
  Analysis,
  EditorCodeLens,
  EditorCompletions,
  EditorHover,
  Query,
  QuickFix,
  ReachabilityMatrix,
  SimulateOptions,
  Trace,
} from '../engine';

/** The editor text is one file by this name (markers and source ranges use it). */
export const SCENARIO_FILE = 'scenario.yaml';

/** Every request the engine answers: what it takes, what it gives back. */
export interface EngineRequests {
  /** The analysis (cluster, graph, diagnostics, checks) of the editor text. */
  simulate: {
    params: { readonly text: string; readonly options?: SimulateOptions };
    result: Analysis;
  };
  /** Traces of `queries` against `text`, in query order (the handler reuses the analysis). */
  trace: {
    params: {
      readonly text: string;
      readonly queries: readonly Query[];
      readonly options?: SimulateOptions;
    };
    result: readonly Trace[];
  };
  /** The pod-to-pod reachability matrix of `text`, every port class (the matrix view). */
  matrix: {
    params: { readonly text: string; readonly options?: SimulateOptions };
    result: ReachabilityMatrix;
  };
  /**
   * What the field at `line`/`column` of `text` resolves to in the cluster (the editor's hover);
   * null when there is nothing to say. While `text` has a syntax error, the answer comes from the
   * last readable text (`stale`), and only for a line that still means the same field.
   */
  explainAt: {
    params: { readonly text: string; readonly line: number; readonly column: number };
    result: EditorHover | null;
  };
  /**
   * One line per NetworkPolicy / Service / Ingress of `text`: what it does now. Never analyses:
   * before the analysis of `text` has been made, the last readable text's lenses on the lines
   * that still hold them (the editor asks again when the analysis arrives).
   */
  codeLenses: {
    params: { readonly text: string };
    result: readonly EditorCodeLens[];
  };
  /**
   * Completions from the cluster at `line`/`column` of `text`; null when it has none. The values
   * come from the last readable analysis (no analysis is made for a keystroke).
   */
  completeAt: {
    params: { readonly text: string; readonly line: number; readonly column: number };
    result: EditorCompletions | null;
  };
  /**
   * Quick fixes for the diagnostics on lines `startLine`-`endLine` of `text` (never stale). Only
   * when asked (`analyse`: Ctrl+.) is `text` analysed if it is not yet; the light bulb, asked on
   * every cursor move, gets fixes only for the analysed text.
   */
  quickFixes: {
    params: {
      readonly text: string;
      readonly startLine: number;
      readonly endLine: number;
      readonly analyse?: boolean;
    };
    result: readonly QuickFix[];
  };
}

export type EngineRequestType = keyof EngineRequests;
export type EngineParams<K extends EngineRequestType> = EngineRequests[K]['params'];
export type EngineResult<K extends EngineRequestType> = EngineRequests[K]['result'];

/** A request as it crosses `postMessage`. */
export interface EngineRequest<K extends EngineRequestType = EngineRequestType> {
  readonly id: number;
  readonly type: K;
  readonly params: EngineParams<K>;
}

/** What an engine answers; `crash` means the engine threw (a bug), never a user-input problem. */
export type EngineResponse<K extends EngineRequestType = EngineRequestType> =
  | {
      readonly id: number;
      readonly type: K;
      readonly status: 'ok';
      readonly result: EngineResult<K>;
    }
  | {
      readonly id: number;
      readonly type: K;
      readonly status: 'crash';
      readonly message: string;
    };

/**
 * The worker began work on request `id`. The watchdog times the engine from here, so a worker
 * that is slow to start, or a main thread too busy to hear it, does not count against the engine.
 */
export interface EngineStarted {
  readonly id: number;
  readonly status: 'started';
}

/** Everything a worker posts back. */
export type EngineMessage = EngineResponse | EngineStarted;

/** What a client call resolves to: the answer, or why there is none. */
export type EngineOutcome<T> =
  | { readonly status: 'ok'; readonly value: T }
  /** The engine threw: the message, for the UI (the user's text is untouched). */
  | { readonly status: 'crash'; readonly message: string }
  /** A newer request of the same type was made before this one was answered. */
  | { readonly status: 'stale' }
  /** The engine did not answer within the watchdog limit (twice) and was restarted. */
  | { readonly status: 'timeout'; readonly message: string };

export type EngineEvent =
  /**
   * The worker hung and was replaced. `retrying`: every waiting request was sent again to the
   * new worker (nothing is lost yet); false when a request that had already been retried once
   * was given up (it resolved as `timeout`).
   */
  | { readonly type: 'restarted'; readonly reason: string; readonly retrying: boolean }
  | { readonly type: 'fallback'; readonly reason: string };

/** The interface both the worker client and the in-process client implement. */
export interface EngineClient {
  readonly kind: 'worker' | 'in-process';
  /**
   * Asks the engine one request. An older request of the same type still waiting resolves
   * `stale`.
   *
   * @example
   * const outcome = await client.call('trace', { text, queries: [{ from: 'internet', to }] });
   * if (outcome.status === 'ok') outcome.value[0]?.verdict;
   */
  call<K extends EngineRequestType>(
    type: K,
    params: EngineParams<K>,
  ): Promise<EngineOutcome<EngineResult<K>>>;
  /** Engine events (worker restarted after a hang, fell back to in-process). Returns an unsubscribe. */
  onEvent(listener: (event: EngineEvent) => void): () => void;
  dispose(): void;
}

/**
 * Runtime check of the envelope of a message that arrives from outside (a worker's `message`
 * event); the handler answers an unknown type as a crash.
 */
export function isEngineRequest(value: unknown): value is EngineRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'number' &&
    typeof v.type === 'string' &&
    typeof v.params === 'object' &&
    v.params !== null
  );
}
