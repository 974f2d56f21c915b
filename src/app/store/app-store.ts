/**
 * The app's one store, made by a factory (a fresh one per test), in slices: scenario text,
 * simulation result (with the last good one), diagnostics, trace selection, current trace,
 * playback, and the message banner. Only sources of truth live here: React Flow nodes and
 * Monaco markers are derived by pure adapters.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Analysis, Diagnostic, Trace } from '../../engine/types';
import type { EngineOutcome } from '../../engine-client/protocol';
import { createViewSlice, type ViewSlice } from './view-slice';
import { createPacketsSlice, type PacketsSlice } from './packets-slice';
import { createMatrixSlice, type MatrixSlice } from './matrix-slice';
import { createLayoutSlice, type LayoutSlice } from './layout-slice';
import { createLessonSlice, type LessonSlice } from './lesson-slice';

export const DEFAULT_SOURCE = 'internet';
export const DEFAULT_DESTINATION = 'http://example.com/api';

/** Diagnostics that mean the text itself could not be read: the graph keeps the last good one. */
const HOLD_CODES = new Set([
  'yaml.syntax',
  'yaml.alias-limit',
  'input.too-large',
  'document.not-mapping',
  'document.missing-type',
]);

export type SimulationStatus = 'idle' | 'pending' | 'ok' | 'held' | 'crash' | 'timeout';

export interface ScenarioSlice {
  text: string;
  /** Where the text last came from (the editor replaces its model only for non-typing origins). */
  origin: 'default' | 'share' | 'typing' | 'api';
  /** Bumped when the text is replaced from outside the editor. */
  revision: number;
  setText: (text: string, origin: ScenarioSlice['origin']) => void;
}

export interface SimulationSlice {
  status: SimulationStatus;
  /** The analysis of the current text (absent after a crash). */
  analysis: Analysis | undefined;
  /** The analysis the graph shows: the newest one whose text could be read. */
  lastGood: Analysis | undefined;
  /** The text `lastGood` was made from (packets are traced against it, so they match the graph). */
  lastGoodText: string | undefined;
  /** A crash or timeout message. */
  engineMessage: string | undefined;
  diagnostics: readonly Diagnostic[];
  simulationPending: () => void;
  simulationFinished: (
    text: string,
    outcome: Exclude<EngineOutcome<Analysis>, { status: 'stale' }>,
  ) => void;
}

export interface TraceSlice {
  source: string;
  destination: string;
  traceStatus: 'idle' | 'running' | 'ok' | 'error';
  trace: Trace | undefined;
  traceMessage: string | undefined;
  setSource: (source: string) => void;
  setDestination: (destination: string) => void;
  traceStarted: () => void;
  traceFinished: (outcome: Exclude<EngineOutcome<readonly Trace[]>, { status: 'stale' }>) => void;
}

export interface PlaybackSlice {
  /** Bumped on each Send: the packet layer starts a new flight when it changes. */
  flightId: number;
  flight: 'idle' | 'flying' | 'arrived' | 'dropped';
  /** The hop the packet is at (-1 before the first); set once per hop, never per frame. */
  flightHop: number;
  startFlight: () => void;
  setFlightHop: (hop: number) => void;
  setFlight: (flight: PlaybackSlice['flight']) => void;
}

export interface BannerSlice {
  banner: { kind: 'error' | 'info'; message: string } | undefined;
  showBanner: (kind: 'error' | 'info', message: string) => void;
  dismissBanner: () => void;
}

export type AppState = ScenarioSlice &
  SimulationSlice &
  TraceSlice &
  PlaybackSlice &
  BannerSlice &
  ViewSlice &
  PacketsSlice &
  MatrixSlice &
  LayoutSlice &
  LessonSlice;
export type AppStore = StoreApi<AppState>;

/** True when the diagnostics say the text could not be read as a whole. */
export function selectTextBroken(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => HOLD_CODES.has(d.code));
}

export function createAppStore(initialText = ''): AppStore {
  return createStore<AppState>()((set, get, api) => ({
    // scenario
    text: initialText,
    origin: 'default',
    revision: 0,
    setText: (text, origin) =>
      set((s) => ({ text, origin, revision: origin === 'typing' ? s.revision : s.revision + 1 })),

    // simulation
    status: 'idle',
    analysis: undefined,
    lastGood: undefined,
    lastGoodText: undefined,
    engineMessage: undefined,
    diagnostics: [],
    simulationPending: () => set((s) => (s.status === 'pending' ? s : { status: 'pending' })),
    simulationFinished: (text, outcome) =>
      set((s) => {
        if (outcome.status !== 'ok') {
          // The engine crashed or hung: keep the graph and the text, say what happened.
          return { status: outcome.status, engineMessage: outcome.message, analysis: undefined };
        }
        const analysis = outcome.value;
        const keep = selectTextBroken(analysis.diagnostics) && s.lastGood !== undefined;
        return {
          status: selectTextBroken(analysis.diagnostics) ? 'held' : 'ok',
          analysis,
          lastGood: keep ? s.lastGood : analysis,
          lastGoodText: keep ? s.lastGoodText : text,
          diagnostics: analysis.diagnostics,
          engineMessage: undefined,
        };
      }),

    // trace
    source: DEFAULT_SOURCE,
    destination: DEFAULT_DESTINATION,
    traceStatus: 'idle',
    trace: undefined,
    traceMessage: undefined,
    setSource: (source) => set({ source }),
    setDestination: (destination) => set({ destination }),
    traceStarted: () => set({ traceStatus: 'running', traceMessage: undefined }),
    traceFinished: (outcome) =>
      set(() => {
        if (outcome.status !== 'ok') {
          return { traceStatus: 'error', trace: undefined, traceMessage: outcome.message };
        }
        const trace = outcome.value[0];
        if (!trace)
          return {
            traceStatus: 'error',
            trace: undefined,
            traceMessage: 'The engine returned no trace.',
          };
        return { traceStatus: trace.error ? 'error' : 'ok', trace, traceMessage: trace.error };
      }),

    // playback
    flightId: 0,
    flight: 'idle',
    flightHop: -1,
    startFlight: () => set((s) => ({ flightId: s.flightId + 1, flight: 'flying', flightHop: -1 })),
    setFlightHop: (flightHop) => set({ flightHop }),
    setFlight: (flight) => set({ flight }),

    // banner
    banner: undefined,
    showBanner: (kind, message) => set({ banner: { kind, message } }),
    dismissBanner: () => set({ banner: undefined }),

    // view (theme, grouping, selection)
    ...createViewSlice<AppState>(set),

    // packets (every packet of a send, playback controls)
    ...createPacketsSlice<AppState>(set),

    // matrix view (the newest matrix and the one before it, for the changed cells)
    ...createMatrixSlice<AppState>(set),

    // layout (the editor column shown or hidden, per theme)
    ...createLayoutSlice<AppState>(set),

    // lessons (the course index, progress, the open lesson and its step)
    ...createLessonSlice(set, get, api),
  }));
}
