/**
 * The trace slice: the packet to send (From, To) and every packet of the last send (one, or ten
 * for "Send 10") with the text they were traced from. The packet the trace panel, the editor
 * and the graph follow is `traces[selectedPacket]` (`selectTrace`): stored once, never copied.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { Query, Trace } from '../../engine';
import type { EngineOutcome } from '../../engine-client/protocol';
import type { AppState } from './app-store';

export const DEFAULT_SOURCE = 'internet';
export const DEFAULT_DESTINATION = 'http://example.com/api';

/** An HTTP packet's entry point, method and headers (absent: chosen by host, GET, none). */
export type HttpExtras = Pick<Query, 'via' | 'method' | 'headers'>;

export interface TraceSlice {
  source: string;
  destination: string;
  /** Sent with an http(s) To: the Gateway picker and the method/header fields set it. */
  http: HttpExtras | undefined;
  traceStatus: 'idle' | 'running' | 'ok' | 'error';
  traceMessage: string | undefined;
  /** Every packet of the last send. */
  traces: readonly Trace[];
  /** Which packet of `traces` the event list, the header card and the playback follow. */
  selectedPacket: number;
  /** The text the traces were made from (editor highlights are exact only for it). */
  traceText: string | undefined;
  /** How far apart (ms) the packets of the last send leave; undefined: the packet layer's default. */
  stagger: number | undefined;
  setSource: (source: string) => void;
  setDestination: (destination: string) => void;
  setHttp: (http: HttpExtras | undefined) => void;
  /** A send was asked of the engine. */
  traceStarted: () => void;
  /** A send could not be asked (no From or no To): the message, no packets. */
  sendRefused: (message: string) => void;
  /**
   * The engine answered a send of packets traced against `text`: they become `traces`, and a
   * new flight starts (the graph stays still when there is nothing to fly).
   */
  sendFinished: (
    outcome: Exclude<EngineOutcome<readonly Trace[]>, { status: 'stale' }>,
    text: string,
    stagger: number | undefined,
  ) => void;
  /** Follows packet `index` of the last send. */
  selectPacket: (index: number) => void;
}

/** The packet followed: the selected one of the last send (undefined before a send). */
export function selectTrace(
  state: Pick<TraceSlice, 'traces' | 'selectedPacket'>,
): Trace | undefined {
  return state.traces[state.selectedPacket];
}

export const createTraceSlice: StateCreator<AppState, [], [], TraceSlice> = (set) => ({
  source: DEFAULT_SOURCE,
  destination: DEFAULT_DESTINATION,
  http: undefined,
  traceStatus: 'idle',
  traceMessage: undefined,
  traces: [],
  selectedPacket: 0,
  traceText: undefined,
  stagger: undefined,
  setSource: (source) => set({ source }),
  setDestination: (destination) => set({ destination }),
  setHttp: (http) => set({ http }),
  traceStarted: () => set({ traceStatus: 'running', traceMessage: undefined }),
  sendRefused: (message) =>
    set({ traceStatus: 'error', traceMessage: message, traces: [], selectedPacket: 0 }),
  sendFinished: (outcome, text, stagger) =>
    set((s) => {
      const traces = outcome.status === 'ok' ? outcome.value : [];
      const first = traces[0];
      const message =
        outcome.status !== 'ok'
          ? outcome.message
          : first
            ? first.error
            : 'The engine returned no trace.';
      const flies = first !== undefined && !first.error && first.hops.length > 0;
      return {
        traceStatus: message === undefined ? 'ok' : 'error',
        traceMessage: message,
        traces,
        selectedPacket: 0,
        traceText: outcome.status === 'ok' ? text : undefined,
        stagger,
        // A new flight replaces the old one; a trace with nothing to fly leaves the graph still.
        flightId: s.flightId + 1,
        flightHop: -1,
        ...(flies ? { flight: 'flying' } : { flight: 'idle', playStatus: 'idle' }),
      };
    }),
  selectPacket: (index) =>
    set((s) => (s.traces[index] && index !== s.selectedPacket ? { selectedPacket: index } : s)),
});
