/**
 * The matrix slice: whether the reachability matrix is shown, the port class picked, and the
 * newest matrix with the one before it (the view marks the cells an edit changed by diffing the
 * two by pod name and port, so a new pod is never "changed").
 */
import type { StoreApi } from 'zustand/vanilla';
import type { ReachabilityMatrix } from '../../engine/types';
import type { EngineOutcome } from '../../engine-client/protocol';

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

/** The slice's state and actions, to spread into the app store's initialiser. */
export function createMatrixSlice<S extends MatrixSlice>(
  set: StoreApi<S>['setState'],
): MatrixSlice {
  const update = (partial: Partial<MatrixSlice> | ((s: S) => Partial<MatrixSlice>)) =>
    set(partial as unknown as Partial<S>);
  return {
    matrixOpen: false,
    matrixStatus: 'idle',
    matrix: undefined,
    matrixText: undefined,
    previousMatrix: undefined,
    matrixMessage: undefined,
    matrixPort: undefined,
    setMatrixOpen: (matrixOpen) => update({ matrixOpen }),
    setMatrixPort: (matrixPort) => update({ matrixPort }),
    matrixStarted: () => update({ matrixStatus: 'running', matrixMessage: undefined }),
    matrixFinished: (text, outcome) =>
      update((s) => {
        if (outcome.status !== 'ok')
          return { matrixStatus: 'error', matrixMessage: outcome.message };
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
  };
}
