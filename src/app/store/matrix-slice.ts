/**
 * The matrix slice: whether the reachability matrix is shown, the port class picked, and the
 * newest matrix with the one before it (the view marks the cells an edit changed by diffing the
 * two by pod name and port, so a new pod is never "changed").
 */
import type { StateCreator } from 'zustand/vanilla';
import type { ReachabilityMatrix } from '../../engine';
import type { EngineOutcome } from '../../engine-client/protocol';
import type { AppState } from './app-store';

export interface MatrixSlice {
  /** The matrix view is on screen (the matrix is only computed while it is). */
  matrixOpen: boolean;
  matrixStatus: 'idle' | 'running' | 'ok' | 'error';
  /** The newest matrix and the text it is of. */
  matrix: ReachabilityMatrix | undefined;
  matrixText: string | undefined;
  /** The matrix of the text before `matrixText` (undefined until a second text was computed). */
  previousMatrix: ReachabilityMatrix | undefined;
  matrixMessage: string | undefined;
  /** The port class picked, as `PROTOCOL/PORT` (undefined: the view picks one). */
  matrixPort: string | undefined;
  setMatrixOpen: (open: boolean) => void;
  setMatrixPort: (port: string) => void;
  matrixStarted: () => void;
  matrixFinished: (
    text: string,
    outcome: Exclude<EngineOutcome<ReachabilityMatrix>, { status: 'stale' }>,
  ) => void;
}

export const createMatrixSlice: StateCreator<AppState, [], [], MatrixSlice> = (set) => ({
  matrixOpen: false,
  matrixStatus: 'idle',
  matrix: undefined,
  matrixText: undefined,
  previousMatrix: undefined,
  matrixMessage: undefined,
  matrixPort: undefined,
  setMatrixOpen: (matrixOpen) => set({ matrixOpen }),
  setMatrixPort: (matrixPort) => set({ matrixPort }),
  matrixStarted: () => set({ matrixStatus: 'running', matrixMessage: undefined }),
  matrixFinished: (text, outcome) =>
    set((s) => {
      if (outcome.status !== 'ok') return { matrixStatus: 'error', matrixMessage: outcome.message };
      // The same text again (the view reopened): keep the diff it had.
      const previousMatrix = text === s.matrixText ? s.previousMatrix : s.matrix;
      return {
        matrixStatus: 'ok',
        matrix: outcome.value,
        matrixText: text,
        previousMatrix,
        matrixMessage: undefined,
      };
    }),
});
