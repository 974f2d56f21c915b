/**
 * The simulation slice: the engine's answer for the newest text, and the last good one the
 * graph shows (a text that cannot be read, a crash or a timeout never empties the graph).
 */
import type { StateCreator } from 'zustand/vanilla';
import type { Analysis, Diagnostic } from '../../engine';
import type { EngineOutcome } from '../../engine-client/protocol';
import type { AppState } from './app-store';

/** Diagnostics that mean the text itself could not be read: the graph keeps the last good one. */
const HOLD_CODES = new Set([
  'yaml.syntax',
  'yaml.alias-limit',
  'input.too-large',
  'document.not-mapping',
  'document.missing-type',
]);

export type SimulationStatus = 'idle' | 'pending' | 'ok' | 'held' | 'crash' | 'timeout';

export interface SimulationSlice {
  status: SimulationStatus;
  /** The analysis of the current text (absent after a crash or a timeout). */
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

/** True when the diagnostics say the text could not be read as a whole. */
export function selectTextBroken(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => HOLD_CODES.has(d.code));
}

export const createSimulationSlice: StateCreator<AppState, [], [], SimulationSlice> = (set) => ({
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
        // The engine crashed or hung: keep the graph (lastGood) and the text, say what happened.
        return { status: outcome.status, engineMessage: outcome.message, analysis: undefined };
      }
      const analysis = outcome.value;
      const broken = selectTextBroken(analysis.diagnostics);
      const keep = broken && s.lastGood !== undefined;
      return {
        status: broken ? 'held' : 'ok',
        analysis,
        lastGood: keep ? s.lastGood : analysis,
        lastGoodText: keep ? s.lastGoodText : text,
        diagnostics: analysis.diagnostics,
        engineMessage: undefined,
      };
    }),
});
