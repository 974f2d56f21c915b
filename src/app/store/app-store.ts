/**
 * The app's one store, made by a factory (a fresh one per test), in slices, each in its own
 * file as a zustand `StateCreator`. Only sources of truth live here: React Flow nodes and Monaco
 * markers are derived by pure adapters, the followed packet by `selectTrace`.
 *
 * A new slice is one line in `AppState` and one line in `createAppStore`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createBannerSlice, type BannerSlice } from './banner-slice';
import { createLayoutSlice, type LayoutSlice } from './layout-slice';
import { createMatrixSlice, type MatrixSlice } from './matrix-slice';
import { createPlaybackSlice, type PlaybackSlice } from './playback-slice';
import { createProblemsSlice, type ProblemsSlice } from './problems-slice';
import { createScenarioSlice, type ScenarioSlice } from './scenario-slice';
import { createSimulationSlice, type SimulationSlice } from './simulation-slice';
import { createTraceSlice, type TraceSlice } from './trace-slice';
import { createViewSlice, type ViewSlice } from './view-slice';
import { createLessonSlice, type LessonSlice } from './lesson-slice';

export { selectTextBroken, type SimulationStatus } from './simulation-slice';
export { DEFAULT_DESTINATION, DEFAULT_SOURCE, selectTrace } from './trace-slice';
export type { BannerSlice, PlaybackSlice, ScenarioSlice, SimulationSlice, TraceSlice };

export type AppState = ScenarioSlice &
  SimulationSlice &
  TraceSlice &
  PlaybackSlice &
  BannerSlice &
  ViewSlice &
  MatrixSlice &
  LayoutSlice &
  LessonSlice &
  ProblemsSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(initialText = ''): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createScenarioSlice(initialText)(...a),
    ...createSimulationSlice(...a),
    ...createTraceSlice(...a),
    ...createPlaybackSlice(...a),
    ...createBannerSlice(...a),
    ...createViewSlice()(...a),
    ...createMatrixSlice(...a),
    ...createLayoutSlice(...a),
    ...createLessonSlice(...a),
    ...createProblemsSlice(...a),
  }));
}
