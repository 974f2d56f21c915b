/**
 * The typed request/response protocol between the app and the engine (in a Web Worker or
 * in-process). Every message carries a request id; the answer to request `id` carries the
 * same id, so the client can pair them and drop stale ones.
 */
import type { Analysis, Query, ReachabilityMatrix, SimulateOptions, Trace } from '../engine/types';

/** The editor text is one file by this name (markers and source ranges use it). */
export const SCENARIO_FILE = 'scenario.yaml';

export type EngineRequest =
  | {
      readonly id: number;
      readonly type: 'simulate';
      readonly text: string;
      readonly options?: SimulateOptions;
    }
  | {
      readonly id: number;
      readonly type: 'trace';
      /** The text the queries run against (the handler reuses its last analysis of that text). */
      readonly text: string;
      readonly queries: readonly Query[];
      readonly options?: SimulateOptions;
    }
  | {
      readonly id: number;
      readonly type: 'matrix';
      /** The pod-to-pod reachability matrix of this text, every port class (the matrix view). */
      readonly text: string;
      readonly options?: SimulateOptions;
    };

/** What an engine answers; `crash` means the engine threw (a bug), never a user-input problem. */
export type EngineResponse =
  | {
      readonly id: number;
      readonly type: 'simulate';
      readonly status: 'ok';
      readonly analysis: Analysis;
    }
  | {
      readonly id: number;
      readonly type: 'trace';
      readonly status: 'ok';
      readonly traces: readonly Trace[];
    }
  | {
      readonly id: number;
      readonly type: 'matrix';
      readonly status: 'ok';
      readonly matrix: ReachabilityMatrix;
    }
  | {
      readonly id: number;
      readonly type: EngineRequest['type'];
      readonly status: 'crash';
      readonly message: string;
    };

/** What a client call resolves to: the answer, or why there is none. */
export type EngineOutcome<T> =
  | { readonly status: 'ok'; readonly value: T }
  /** The engine threw: the message, for the UI (the user's text is untouched). */
  | { readonly status: 'crash'; readonly message: string }
  /** A newer request of the same type was made before this one was answered. */
  | { readonly status: 'stale' }
  /** The engine did not answer within the watchdog limit and was restarted. */
  | { readonly status: 'timeout'; readonly message: string };

export type EngineEvent =
  | { readonly type: 'restarted'; readonly reason: string }
  | { readonly type: 'fallback'; readonly reason: string };

/** The interface both the worker client and the in-process client implement. */
export interface EngineClient {
  readonly kind: 'worker' | 'in-process';
  simulate(text: string, options?: SimulateOptions): Promise<EngineOutcome<Analysis>>;
  trace(
    text: string,
    queries: readonly Query[],
    options?: SimulateOptions,
  ): Promise<EngineOutcome<readonly Trace[]>>;
  /** The reachability matrix of `text` over every port class (reuses the analysis of that text). */
  matrix(text: string, options?: SimulateOptions): Promise<EngineOutcome<ReachabilityMatrix>>;
  /** Engine events (worker restarted after a hang, fell back to in-process). Returns an unsubscribe. */
  onEvent(listener: (event: EngineEvent) => void): () => void;
  dispose(): void;
}

/** Turns an answer into an outcome (shared by both clients). */
export function toOutcome(
  response: EngineResponse,
): EngineOutcome<Analysis> | EngineOutcome<readonly Trace[]> | EngineOutcome<ReachabilityMatrix> {
  if (response.status === 'crash') return { status: 'crash', message: response.message };
  if (response.type === 'simulate') return { status: 'ok', value: response.analysis };
  if (response.type === 'matrix') return { status: 'ok', value: response.matrix };
  return { status: 'ok', value: response.traces };
}

/** Runtime check for messages that arrive from outside (a worker's `message` event). */
export function isEngineRequest(value: unknown): value is EngineRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'number' || typeof v.text !== 'string') return false;
  if (v.type === 'simulate' || v.type === 'matrix') return true;
  return v.type === 'trace' && Array.isArray(v.queries);
}
