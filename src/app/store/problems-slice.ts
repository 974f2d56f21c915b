/**
 * The problems slice: monaco-yaml's schema markers for the current text (a source of truth the
 * engine does not have), and the one selector that merges them with the engine's diagnostics, so
 * the editor's markers and the status bar's count are the same list.
 */
import type { StateCreator } from 'zustand/vanilla';
import { SCENARIO_FILE } from '../../engine-client/protocol';
import { mergeProblems, type Problems, type SchemaMarker } from '../features/editor/merge-problems';
import type { AppState } from './app-store';

export interface ProblemsSlice {
  /** What monaco-yaml last reported for the editor's model (empty until the editor loads). */
  schemaMarkers: readonly SchemaMarker[];
  schemaMarkersChanged: (markers: readonly SchemaMarker[]) => void;
}

export const createProblemsSlice: StateCreator<AppState, [], [], ProblemsSlice> = (set) => ({
  schemaMarkers: [],
  schemaMarkersChanged: (markers) =>
    set((s) =>
      markers.length === 0 && s.schemaMarkers.length === 0 ? s : { schemaMarkers: markers },
    ),
});

let lastInputs: readonly [unknown, unknown] | undefined;
let lastProblems: Problems | undefined;

/** The merged problems (memoised on its two inputs, so components may select it directly). */
export function selectProblems(state: AppState): Problems {
  if (
    lastProblems &&
    lastInputs?.[0] === state.diagnostics &&
    lastInputs[1] === state.schemaMarkers
  )
    return lastProblems;
  lastInputs = [state.diagnostics, state.schemaMarkers];
  lastProblems = mergeProblems(state.diagnostics, state.schemaMarkers, SCENARIO_FILE);
  return lastProblems;
}
