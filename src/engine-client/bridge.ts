/**
 * The bridge between the editor and the engine: typing is debounced here (not in components),
 * and only the answer to the newest text reaches `onSimulated`.
 */
import type { Analysis, Query, ReachabilityMatrix, SimulateOptions, Trace } from '../engine/types';
import type { EngineClient, EngineOutcome } from './protocol';

export interface EngineBridgeOptions {
  client: EngineClient;
  /** Called with the outcome for the newest text (never with `stale`). */
  onSimulated: (
    text: string,
    outcome: Exclude<EngineOutcome<Analysis>, { status: 'stale' }>,
  ) => void;
  /** Called when a simulation is scheduled or starts (for a "working" status). */
  onPending?: (text: string) => void;
  debounceMs?: number;
  options?: SimulateOptions;
}

export interface EngineBridge {
  /** A keystroke: simulate after `debounceMs` of quiet. */
  textChanged(text: string): void;
  /** Simulate now (load, share link, first paint). */
  simulateNow(text: string): Promise<void>;
  /** Traces against `text` (resolves `stale` when a newer trace was asked for). */
  trace(text: string, queries: readonly Query[]): Promise<EngineOutcome<readonly Trace[]>>;
  /** The reachability matrix of `text` (resolves `stale` when a newer matrix was asked for). */
  matrix(text: string): Promise<EngineOutcome<ReachabilityMatrix>>;
  dispose(): void;
}

export function createEngineBridge({
  client,
  onSimulated,
  onPending,
  debounceMs = 150,
  options,
}: EngineBridgeOptions): EngineBridge {
  let timer: ReturnType<typeof setTimeout> | undefined;

  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  const simulateNow = async (text: string) => {
    cancel();
    onPending?.(text);
    const outcome = await client.simulate(text, options);
    if (outcome.status !== 'stale') onSimulated(text, outcome);
  };

  return {
    textChanged(text) {
      cancel();
      onPending?.(text);
      timer = setTimeout(() => {
        timer = undefined;
        void simulateNow(text);
      }, debounceMs);
    },
    simulateNow,
    trace: (text, queries) => client.trace(text, queries, options),
    matrix: (text) => client.matrix(text, options),
    dispose() {
      cancel();
      client.dispose();
    },
  };
}
