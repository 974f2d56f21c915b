import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ReachabilityMatrix } from '../../../engine';
import { computeMatrix } from '../../../engine';
import { simulate } from '../../../engine';
import { toCellPacket, toMatrixTable, type MatrixTable } from './to-matrix-table';

/**
 * A hand-made matrix: `classes[i]` is pod i's class, `grids[port]` one row per class (one glyph
 * per class). Rows per pod are left empty, as above the engine's expand limit.
 */
function matrixOf(
  pods: string[],
  classes: number[],
  grids: Record<string, string[]>,
): ReachabilityMatrix {
  return {
    pods,
    podClasses: classes,
    expandLimit: 1000,
    ports: Object.entries(grids).map(([key, classRows]) => {
      const [port, protocol] = key.split('/');
      return { port: Number(port), protocol: protocol as 'TCP', rows: [], classRows };
    }),
    enforced: true,
    notes: [],
  };
}

/** Glyph rows of a table: `.`/`X`, `=` for a pod to itself. */
const glyphs = (t: MatrixTable) =>
  t.cells.map((row) => row.map((c) => (c.self ? '=' : c.allowed ? '.' : 'X')).join(''));
/** Change rows: `+` newly allowed, `-` newly blocked, ` ` unchanged. */
const changes = (t: MatrixTable) =>
  t.cells.map((row) =>
    row
      .map((c) => (c.change === 'newly-allowed' ? '+' : c.change === 'newly-blocked' ? '-' : ' '))
      .join(''),
  );

const abc = ['x/a', 'x/b', 'x/c'];

describe('toMatrixTable: one row per pod', () => {
  it.each([
    [
      'rows follow the class rows, a pod to itself is loopback',
      { '80/TCP': ['.X.', 'X.X', '...'] },
      ['=X.', 'X=X', '..='],
    ],
    [
      'a pod class of its own is read from classRows',
      { '80/TCP': ['XXX', 'XXX', 'XXX'] },
      ['=XX', 'X=X', 'XX='],
    ],
  ])('%s', (_name, grids, expected) => {
    const t = toMatrixTable(matrixOf(abc, [0, 1, 2], grids), undefined, '80/TCP');
    expect(t.mode).toBe('pods');
    expect(t.axis.map((a) => [a.namespace, a.name])).toEqual([
      ['x', 'a'],
      ['x', 'b'],
      ['x', 'c'],
    ]);
    expect(glyphs(t)).toEqual(expected);
  });

  it.each([
    {
      name: 'a cell that flips is marked, in its direction',
      before: matrixOf(abc, [0, 1, 2], { '80/TCP': ['.X.', 'X.X', '...'] }),
      after: matrixOf(abc, [0, 1, 2], { '80/TCP': ['...', 'X.X', '.X.'] }),
      marks: [' + ', '   ', ' - '],
      counted: 2,
    },
    {
      name: 'a new pod is never changed, and the old pairs keep their diff',
      before: matrixOf(['x/a', 'x/c'], [0, 1], { '80/TCP': ['.X', '..'] }),
      after: matrixOf(abc, [0, 1, 2], { '80/TCP': ['.XX', 'X.X', '.XX'] }),
      marks: ['   ', '   ', '   '],
      counted: 0,
    },
    {
      name: 'pods matched by name even when their index moved',
      before: matrixOf(['x/b', 'x/c'], [0, 1], { '80/TCP': ['.X', '..'] }),
      after: matrixOf(abc, [0, 1, 2], { '80/TCP': ['...', '...', '...'] }),
      marks: ['   ', '  +', '   '],
      counted: 1,
    },
    {
      name: 'a port the previous matrix did not have is not changed',
      before: matrixOf(abc, [0, 1, 2], { '53/TCP': ['...', '...', '...'] }),
      after: matrixOf(abc, [0, 1, 2], { '80/TCP': ['XXX', 'XXX', 'XXX'] }),
      marks: ['   ', '   ', '   '],
      counted: 0,
    },
  ])('$name', ({ before, after, marks, counted }) => {
    const t = toMatrixTable(after, before, '80/TCP');
    expect(changes(t)).toEqual(marks);
    expect(t.port?.changed).toBe(counted);
  });

  it.each([
    ['the port asked for', '80/TCP', '80/TCP'],
    ['else the first port the edit changed', undefined, '443/TCP'],
    ['an unknown port: the first changed one', '9/UDP', '443/TCP'],
  ])('picks %s', (_name, wanted, expected) => {
    const before = matrixOf(abc, [0, 1, 2], {
      '80/TCP': ['...', '...', '...'],
      '443/TCP': ['...', '...', '...'],
    });
    const after = matrixOf(abc, [0, 1, 2], {
      '80/TCP': ['...', '...', '...'],
      '443/TCP': ['.X.', '...', '...'],
    });
    const t = toMatrixTable(after, before, wanted);
    expect(t.port?.key).toBe(expected);
    expect(t.ports.map((p) => [p.key, p.changed])).toEqual([
      ['80/TCP', 0],
      ['443/TCP', 1],
    ]);
  });

  it('without changes, opens on the most mixed port', () => {
    const m = matrixOf(abc, [0, 1, 2], {
      '53/UDP': ['...', '...', '...'],
      '80/TCP': ['.XX', 'X.X', 'XX.'],
      '8080/TCP': ['.X.', 'X.X', '.X.'],
    });
    expect(toMatrixTable(m, undefined, undefined).port?.key).toBe('8080/TCP');
  });

  it('an empty matrix has no port and no cells', () => {
    const t = toMatrixTable(matrixOf([], [], {}), undefined, undefined);
    expect([t.port, t.cells, t.axis]).toEqual([undefined, [], []]);
  });
});

describe('toMatrixTable: large clusters, one row per pod class', () => {
  // Five pods in three classes: a1 a2 (class 0), b1 b2 (class 1), c1 (class 2).
  const pods = ['x/a1', 'x/a2', 'x/b1', 'x/b2', 'x/c1'];
  const classes = [0, 0, 1, 1, 2];

  it('groups pods by class above the pod limit, with a note', () => {
    const t = toMatrixTable(
      matrixOf(pods, classes, { '80/TCP': ['X.X', 'X..', '...'] }),
      undefined,
      '80/TCP',
      {
        pods: 4,
      },
    );
    expect(t.mode).toBe('classes');
    expect(t.axis.map((a) => [a.pod, a.size, a.podClass])).toEqual([
      ['x/a1', 2, 0],
      ['x/b1', 2, 1],
      ['x/c1', 1, 2],
    ]);
    // a class of two pods to itself uses its class glyph; a lone pod to itself is loopback.
    expect(glyphs(t)).toEqual(['X.X', 'X..', '..=']);
    expect(t.notes.join(' ')).toMatch(/5 pods: one row and column per pod class.*3 classes/);
  });

  it('caps the classes shown and says how many there are', () => {
    const t = toMatrixTable(
      matrixOf(pods, classes, { '80/TCP': ['...', '...', '...'] }),
      undefined,
      '80/TCP',
      {
        pods: 4,
        classes: 2,
      },
    );
    expect(t.axis.map((a) => a.pod)).toEqual(['x/a1', 'x/b1']);
    expect(t.cells.map((r) => r.length)).toEqual([2, 2]);
    expect(t.notes.join(' ')).toMatch(/first 2 of 3 classes/);
  });

  it('marks a class cell when any pod pair in it changed, through class splits', () => {
    // Before: all of a1 a2 b1 b2 c1 in one class, everything allowed. After: b2 was relabelled
    // into class 2 with c1, which a-pods may no longer reach.
    const before = matrixOf(pods, [0, 0, 0, 0, 0], { '80/TCP': ['.'] });
    const after = matrixOf(pods, [0, 0, 1, 2, 2], { '80/TCP': ['..X', '...', '...'] });
    const t = toMatrixTable(after, before, '80/TCP', { pods: 4 });
    expect(t.axis.map((a) => a.pod)).toEqual(['x/a1', 'x/b1', 'x/b2']);
    expect(changes(t)).toEqual(['  -', '   ', '   ']);
  });
});

describe('toMatrixTable on the seed scenario (real engine)', () => {
  const seed = readFileSync(
    new URL('../../../../scenarios/full-flow.yaml', import.meta.url),
    'utf8',
  );
  const matrixFor = (text: string) =>
    computeMatrix(simulate([{ name: 'scenario.yaml', text }], {}).cluster, {});
  /** Drops the NetworkPolicy document named `name`. */
  const without = (text: string, ...names: string[]) =>
    text
      .split(/^---$/m)
      .filter(
        (doc) =>
          !names.some((n) => doc.includes(`kind: NetworkPolicy`) && doc.includes(`name: ${n}\n`)),
      )
      .join('---');
  const cell = (t: MatrixTable, from: string, to: string) =>
    t.cells[t.axis.findIndex((a) => a.pod === from)]![t.axis.findIndex((a) => a.pod === to)]!;

  it.each([
    {
      name: 'deleting allow-frontend-to-backend newly blocks frontend → backend on 8080',
      removed: ['allow-frontend-to-backend'],
      pair: ['default/frontend-0', 'default/backend-0'],
      before: true,
      change: 'newly-blocked',
    },
    {
      name: 'deleting every ingress policy of the backend newly allows database → backend',
      removed: ['allow-frontend-to-backend', 'allow-ingress-to-backend'],
      pair: ['default/database-0', 'default/backend-0'],
      before: false,
      change: 'newly-allowed',
    },
  ])('$name', ({ removed, pair, before, change }) => {
    const first = matrixFor(seed);
    const edited = without(seed, ...removed);
    expect(edited.length).toBeLessThan(seed.length);
    const t0 = toMatrixTable(first, undefined, '8080/TCP');
    expect(cell(t0, pair[0]!, pair[1]!)).toMatchObject({ allowed: before, change: undefined });
    const t1 = toMatrixTable(matrixFor(edited), first, '8080/TCP');
    expect(cell(t1, pair[0]!, pair[1]!)).toMatchObject({ allowed: !before, change });
    expect(t1.port?.changed).toBeGreaterThan(0);
  });
});

describe('toCellPacket', () => {
  it('is the trace panel syntax: pod source, pod:port/protocol destination', () => {
    expect(
      toCellPacket('default/frontend-0', 'default/backend-0', { port: 8080, protocol: 'TCP' }),
    ).toEqual({
      source: 'pod/default/frontend-0',
      destination: 'pod/default/backend-0:8080/TCP',
    });
  });
});
