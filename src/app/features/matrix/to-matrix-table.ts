/**
 * Pure adapter from the engine's reachability matrix to what the matrix view draws: the port
 * classes (with how many cells the last edit changed), the axis (pods, or pod classes for large
 * clusters: never millions of cells), and each cell's verdict and change. Changes are found by
 * pod name and port, so a pod that did not exist before is never "changed".
 */
import type { ReachabilityGrid, ReachabilityMatrix } from '../../../engine';
import { matrixCell } from '../../../engine';

/** Up to this many pods, one row and one column per pod. */
export const POD_LIMIT = 50;
/** Above POD_LIMIT pods, one row per pod class, up to this many classes. */
export const CLASS_LIMIT = 50;
/** Past this many (new class, old class) cohorts the class-level diff is skipped (it is quadratic). */
const COHORT_LIMIT = 2000;

export type CellChange = 'newly-allowed' | 'newly-blocked';

export interface MatrixPortChoice {
  /** `PORT/PROTOCOL`, as in a destination (`pod/NS/NAME:8080/TCP`). */
  readonly key: string;
  readonly port: number | string;
  readonly protocol: ReachabilityGrid['protocol'];
  /** Cells of the drawn axis the last edit changed on this port. */
  readonly changed: number;
}

export interface MatrixAxisEntry {
  /** The pod a row/column stands for (`NS/NAME`; for a class, its first pod). */
  readonly pod: string;
  readonly namespace: string;
  readonly name: string;
  /** Pods this entry stands for (1 per pod; a class's size). */
  readonly size: number;
  /** The pod class index (class mode only). */
  readonly podClass?: number;
}

export interface MatrixTableCell {
  readonly allowed: boolean;
  readonly change: CellChange | undefined;
  /** A pod to itself (loopback, always allowed). */
  readonly self: boolean;
}

export interface MatrixTable {
  readonly mode: 'pods' | 'classes';
  readonly ports: readonly MatrixPortChoice[];
  /** The port class drawn (undefined when the matrix has none). */
  readonly port: MatrixPortChoice | undefined;
  readonly axis: readonly MatrixAxisEntry[];
  /** `cells[row][column]`, rows = from, columns = to. */
  readonly cells: readonly (readonly MatrixTableCell[])[];
  readonly totalPods: number;
  /** Classes in the whole matrix (class mode). */
  readonly totalClasses: number;
  /** Sentences for the reader: the engine's notes, and what is grouped or left out. */
  readonly notes: readonly string[];
}

export function toPortKey(grid: Pick<ReachabilityGrid, 'port' | 'protocol'>): string {
  return `${grid.port}/${grid.protocol}`;
}

function splitPod(pod: string): { namespace: string; name: string } {
  const slash = pod.indexOf('/');
  return { namespace: pod.slice(0, slash), name: pod.slice(slash + 1) };
}

/** Distinct classes in first-pod order (pods are sorted by name), with their pods. */
function classMembers(matrix: ReachabilityMatrix): Map<number, number[]> {
  const members = new Map<number, number[]>();
  matrix.podClasses.forEach((c, i) => {
    const list = members.get(c);
    if (list) list.push(i);
    else members.set(c, [i]);
  });
  return members;
}

interface Axis {
  readonly mode: MatrixTable['mode'];
  readonly entries: readonly MatrixAxisEntry[];
  /** Per entry, the pod indexes it stands for. */
  readonly pods: readonly (readonly number[])[];
  readonly totalClasses: number;
}

function toAxis(matrix: ReachabilityMatrix, podLimit: number, classLimit: number): Axis {
  const members = classMembers(matrix);
  if (matrix.pods.length <= podLimit) {
    return {
      mode: 'pods',
      entries: matrix.pods.map((pod) => ({ pod, ...splitPod(pod), size: 1 })),
      pods: matrix.pods.map((_, i) => [i]),
      totalClasses: members.size,
    };
  }
  const shown = [...members].slice(0, classLimit);
  return {
    mode: 'classes',
    entries: shown.map(([c, list]) => {
      const pod = matrix.pods[list[0]!]!;
      return { pod, ...splitPod(pod), size: list.length, podClass: c };
    }),
    pods: shown.map(([, list]) => list),
    totalClasses: members.size,
  };
}

/** The glyph of pods `from` → `to` of a grid, by pod index. */
function allowedAt(matrix: ReachabilityMatrix, grid: ReachabilityGrid, from: number, to: number) {
  return matrixCell(matrix, grid, from, to) === '.';
}

/**
 * Changes per drawn cell between the previous grid and this one: pairs of pods present in both
 * matrices whose verdict differs. Groups pods into cohorts (same class now and before), which
 * behave alike in both, so the work is cohorts², not pods².
 */
function diffCells(
  axis: Axis,
  matrix: ReachabilityMatrix,
  grid: ReachabilityGrid,
  previous: ReachabilityMatrix,
  prevGrid: ReachabilityGrid,
  prevIndex: ReadonlyMap<string, number>,
): (CellChange | undefined)[][] | undefined {
  interface Cohort {
    entry: number;
    pod: number;
    oldPod: number;
    size: number;
  }
  const cohorts: Cohort[] = [];
  axis.pods.forEach((list, entry) => {
    const byOldClass = new Map<number, Cohort>();
    for (const i of list) {
      const old = prevIndex.get(matrix.pods[i]!);
      if (old === undefined) continue;
      const oc = previous.podClasses[old]!;
      const cohort = byOldClass.get(oc);
      if (cohort) cohort.size++;
      else {
        const made = { entry, pod: i, oldPod: old, size: 1 };
        byOldClass.set(oc, made);
        cohorts.push(made);
      }
    }
  });
  if (cohorts.length > COHORT_LIMIT) return undefined;
  const changes = axis.entries.map(() => axis.entries.map((): CellChange | undefined => undefined));
  for (const a of cohorts) {
    for (const b of cohorts) {
      // The same single pod on both sides is its loopback: always allowed, never changed.
      if (a === b && a.size === 1) continue;
      // Two pods of one cohort: compare a pair of distinct pods (the class-to-itself glyph).
      const now = a === b ? classGlyph(matrix, grid, a.pod) : allowedAt(matrix, grid, a.pod, b.pod);
      const before =
        a === b
          ? classGlyph(previous, prevGrid, a.oldPod)
          : allowedAt(previous, prevGrid, a.oldPod, b.oldPod);
      if (now !== before && changes[a.entry]![b.entry] === undefined)
        changes[a.entry]![b.entry] = now ? 'newly-allowed' : 'newly-blocked';
    }
  }
  return changes;
}

/** Whether two distinct pods of the class of pod `i` may talk. */
function classGlyph(matrix: ReachabilityMatrix, grid: ReachabilityGrid, i: number): boolean {
  const c = matrix.podClasses[i]!;
  return grid.classRows[c]?.[c] === '.';
}

function cellsOf(
  axis: Axis,
  matrix: ReachabilityMatrix,
  grid: ReachabilityGrid,
  changes: (CellChange | undefined)[][] | undefined,
): MatrixTableCell[][] {
  return axis.entries.map((_, r) =>
    axis.entries.map((_, c) => {
      const from = axis.pods[r]![0]!;
      const to = axis.pods[c]![0]!;
      const single = axis.pods[r]!.length === 1;
      const self = r === c && single;
      const allowed = self
        ? true
        : r === c
          ? classGlyph(matrix, grid, from)
          : allowedAt(matrix, grid, from, to);
      return { allowed, change: changes?.[r]?.[c], self };
    }),
  );
}

/** The least uniform grid (most mixed allowed/denied cells): the most telling one to open on. */
function mostTelling(axis: Axis, matrix: ReachabilityMatrix, grids: readonly ReachabilityGrid[]) {
  let best = 0;
  let bestScore = -1;
  grids.forEach((grid, g) => {
    let allowed = 0;
    let total = 0;
    for (const r of axis.pods)
      for (const c of axis.pods) {
        if (r === c && r.length === 1) continue;
        total++;
        if (allowedAt(matrix, grid, r[0]!, c[0]!)) allowed++;
      }
    const score = Math.min(allowed, total - allowed);
    if (score > bestScore) [best, bestScore] = [g, score];
  });
  return best;
}

/**
 * Builds the table for one port class.
 *
 * @example
 * const t = toMatrixTable(matrix, previous, '8080/TCP');
 * t.cells[0][1] // { allowed: false, change: 'newly-blocked', self: false }
 */
export function toMatrixTable(
  matrix: ReachabilityMatrix,
  previous: ReachabilityMatrix | undefined,
  wantedPort: string | undefined,
  limits: { pods?: number; classes?: number } = {},
): MatrixTable {
  const axis = toAxis(matrix, limits.pods ?? POD_LIMIT, limits.classes ?? CLASS_LIMIT);
  const prevGrids = new Map(previous?.ports.map((g) => [toPortKey(g), g]));
  const prevIndex = new Map(previous?.pods.map((p, i) => [p, i]));
  const diffs = matrix.ports.map((grid) => {
    const prevGrid = prevGrids.get(toPortKey(grid));
    return previous && prevGrid
      ? diffCells(axis, matrix, grid, previous, prevGrid, prevIndex)
      : undefined;
  });
  const ports: MatrixPortChoice[] = matrix.ports.map((grid, g) => ({
    key: toPortKey(grid),
    port: grid.port,
    protocol: grid.protocol,
    changed: diffs[g]?.reduce((n, row) => n + row.filter(Boolean).length, 0) ?? 0,
  }));
  let index = ports.findIndex((p) => p.key === wantedPort);
  if (index < 0) index = ports.findIndex((p) => p.changed > 0);
  if (index < 0 && ports.length > 0) index = mostTelling(axis, matrix, matrix.ports);
  const grid = matrix.ports[index];
  const notes = [...matrix.notes];
  if (axis.mode === 'classes') {
    notes.push(
      `${matrix.pods.length.toLocaleString('en')} pods: one row and column per pod class (pods of a class are treated alike by every policy), ` +
        (axis.totalClasses > axis.entries.length
          ? `showing the first ${axis.entries.length} of ${axis.totalClasses.toLocaleString('en')} classes.`
          : `${axis.totalClasses} classes.`),
    );
  }
  if (
    previous &&
    grid &&
    index >= 0 &&
    diffs[index] === undefined &&
    prevGrids.has(ports[index]!.key)
  )
    notes.push('Too many pod groups changed at once to mark the changed cells.');
  return {
    mode: axis.mode,
    ports,
    port: ports[index],
    axis: axis.entries,
    cells: grid ? cellsOf(axis, matrix, grid, diffs[index]) : [],
    totalPods: matrix.pods.length,
    totalClasses: axis.totalClasses,
    notes,
  };
}

/** The packet a cell stands for, in the trace panel's syntax. */
export function toCellPacket(
  from: string,
  to: string,
  port: Pick<MatrixPortChoice, 'port' | 'protocol'>,
): { source: string; destination: string } {
  return { source: `pod/${from}`, destination: `pod/${to}:${port.port}/${port.protocol}` };
}
