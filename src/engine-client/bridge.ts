/**
 * The bridge between the editor and the engine: typing is debounced here (not in components),
 * and only the answer to the newest text reaches `onSimulated`. Every other request goes
 * straight through `call`.
 */
import type { Analysis } from '../engine';
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
}

export interface EngineBridge {
  /** A keystroke: simulate after `debounceMs` of quiet. */
  textChanged(text: string): void;
  /** Simulate now (load, share link, first paint). */
  simulateNow(text: string): Promise<void>;
  /** Any other request (a trace, the matrix): `stale` when a newer one of its type was asked. */
  call: EngineClient['call'];
  dispose(): void;
}

export function createEngineBridge({
  client,
  onSimulated,
  onPending,
  debounceMs = 150,
}: EngineBridgeOptions): EngineBridge {
  let timer: ReturnType<typeof setTimeout> | undefined;

  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  const simulateNow = async (text: string) => {
    cancel();
    onPending?.(text);
    const outcome = await client.call('simulate', { text });
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
    call: (type, params) => client.call(type, params),
    dispose() {
      cancel();
      client.dispose();
    },
  };
}
