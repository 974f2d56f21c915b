/**
 * The reachability matrix ("See the packet", item 4): rows = from, columns = to, one port class
 * at a time. Cells say `.`/`X` with an icon and a colour, cells the last edit changed carry a
 * `+`/`−` badge, and a click sends that packet. Large clusters are drawn per pod class, capped.
 */
import { memo, useCallback, useEffect, useMemo, type KeyboardEvent } from 'react';
import { Icon } from '../../components/icons';
import { useAppStore, useAppStoreApi, useController } from '../../store/store-context';
import {
  toCellPacket,
  toMatrixTable,
  type MatrixAxisEntry,
  type MatrixPortChoice,
  type MatrixTableCell,
} from './to-matrix-table';

const CHANGE_TEXT = { 'newly-allowed': 'newly allowed', 'newly-blocked': 'newly blocked' } as const;

/** A pod's name on two lines: the namespace small and muted, the name bold (short headers). */
function PodName({ entry }: { entry: MatrixAxisEntry }) {
  return (
    <>
      <span className="block truncate text-[10.5px] leading-tight text-slate-500">
        {entry.namespace}/
      </span>
      <span className="block truncate font-semibold leading-tight text-slate-900">
        {entry.name}
        {entry.size > 1 && (
          <span className="ml-1 rounded bg-slate-200 px-1 text-[10px] font-semibold text-slate-700">
            +{entry.size - 1}
          </span>
        )}
      </span>
    </>
  );
}

function entryTitle(entry: MatrixAxisEntry): string {
  return entry.size > 1
    ? `${entry.pod} and ${entry.size - 1} more pods of the same class`
    : entry.pod;
}

/** A cell's look without the button (shared with the legend). */
function CellFace({ allowed, change }: Pick<MatrixTableCell, 'allowed' | 'change'>) {
  return (
    <>
      <Icon name={allowed ? 'check' : 'cross'} size={12} strokeWidth={3} />
      <span className="font-mono text-[12px] font-bold leading-none">{allowed ? '.' : 'X'}</span>
      {change && (
        <span
          aria-hidden="true"
          className="absolute -right-1 -top-1 flex h-3.5 w-3.5 items-center justify-center rounded-full border border-white bg-amber-400 text-[11px] font-black leading-none text-slate-950"
        >
          {change === 'newly-allowed' ? '+' : '−'}
        </span>
      )}
    </>
  );
}

function cellClass(cell: Pick<MatrixTableCell, 'allowed' | 'change'>, current: boolean): string {
  const tone = cell.allowed
    ? 'bg-emerald-50 text-emerald-800 hover:bg-emerald-100'
    : 'bg-red-100 text-red-800 hover:bg-red-200';
  const mark = current
    ? 'outline outline-2 -outline-offset-2 outline-blue-600'
    : cell.change
      ? 'outline outline-2 -outline-offset-2 outline-amber-500'
      : '';
  return `relative flex h-7 w-8 items-center justify-center gap-0.5 rounded-sm focus:z-10 focus:outline-none focus:ring-2 focus:ring-blue-500 ${tone} ${mark}`;
}

interface RowProps {
  row: number;
  entry: MatrixAxisEntry;
  axis: readonly MatrixAxisEntry[];
  cells: readonly MatrixTableCell[];
  port: MatrixPortChoice;
  /** The column of the packet last sent from this row, or -1. */
  currentColumn: number;
  onSend: (row: number, column: number) => void;
}

const MatrixRow = memo(function MatrixRow({
  row,
  entry,
  axis,
  cells,
  port,
  currentColumn,
  onSend,
}: RowProps) {
  return (
    <tr>
      <th
        scope="row"
        title={entryTitle(entry)}
        className="sticky left-0 z-10 max-w-[20rem] truncate whitespace-nowrap border-r border-slate-200 bg-white px-2 text-left font-mono text-[12px] font-normal"
      >
        <PodName entry={entry} />
      </th>
      {cells.map((cell, column) => {
        const to = axis[column]!;
        const verdict = cell.allowed ? 'allowed' : 'denied';
        const change = cell.change ? `, ${CHANGE_TEXT[cell.change]} by the last edit` : '';
        return (
          <td key={to.pod} className="p-px">
            <button
              type="button"
              data-testid="matrix-cell"
              data-from={entry.pod}
              data-to={to.pod}
              data-port={port.key}
              data-verdict={cell.allowed ? 'allow' : 'deny'}
              data-changed={cell.change ?? 'no'}
              data-r={row}
              data-c={column}
              tabIndex={row === 0 && column === 0 ? 0 : -1}
              aria-label={`${entry.pod} to ${to.pod} on ${port.key}: ${verdict}${change}. Send this packet.`}
              title={`${entry.pod} → ${to.pod} ${port.key}: ${verdict}${change}${cell.self ? ' (a pod to itself)' : ''}`}
              onClick={() => onSend(row, column)}
              className={cellClass(cell, column === currentColumn)}
            >
              <CellFace allowed={cell.allowed} change={cell.change} />
            </button>
          </td>
        );
      })}
    </tr>
  );
});

function Legend() {
  const items: [string, Pick<MatrixTableCell, 'allowed' | 'change'>][] = [
    ['allowed', { allowed: true, change: undefined }],
    ['denied', { allowed: false, change: undefined }],
    ['newly allowed by the last edit', { allowed: true, change: 'newly-allowed' }],
    ['newly blocked by the last edit', { allowed: false, change: 'newly-blocked' }],
  ];
  return (
    <ul
      data-testid="matrix-legend"
      className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-700"
    >
      {items.map(([label, cell]) => (
        <li key={label} className="flex items-center gap-1.5">
          <span className={cellClass(cell, false).replace(/hover:\S+/g, '')}>
            <CellFace {...cell} />
          </span>
          {label}
        </li>
      ))}
      <li className="text-slate-600">Rows: from. Columns: to. Click a cell to send that packet.</li>
    </ul>
  );
}

function PortPicker({
  ports,
  selected,
  onPick,
}: {
  ports: readonly MatrixPortChoice[];
  selected: string | undefined;
  onPick: (key: string) => void;
}) {
  return (
    <div role="radiogroup" aria-label="Port" className="flex flex-wrap items-center gap-1">
      <span className="mr-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
        Port
      </span>
      {ports.map((p) => {
        const on = p.key === selected;
        return (
          <button
            key={p.key}
            type="button"
            role="radio"
            aria-checked={on}
            data-testid="matrix-port"
            data-port={p.key}
            onClick={() => onPick(p.key)}
            className={`flex items-center gap-1 rounded-md border px-2 py-0.5 font-mono text-xs focus:outline-none focus:ring-2 focus:ring-blue-300 ${
              on
                ? 'border-blue-700 bg-blue-700 text-white'
                : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-50'
            }`}
          >
            {p.key}
            {p.changed > 0 && (
              <span
                className={`rounded px-1 font-sans text-[10px] font-bold ${on ? 'bg-amber-300 text-slate-950' : 'bg-amber-100 text-amber-900'}`}
              >
                {p.changed} changed
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}

/** Arrow keys move between cells (one tab stop for the whole grid). */
function onGridKey(event: KeyboardEvent<HTMLTableElement>) {
  const target = event.target as HTMLElement;
  if (target.dataset.r === undefined) return;
  const moves: Record<string, [number, number]> = {
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
  };
  const move = moves[event.key];
  if (!move) return;
  const r = Number(target.dataset.r) + move[0];
  const c = Number(target.dataset.c) + move[1];
  const next = event.currentTarget.querySelector<HTMLElement>(`[data-r="${r}"][data-c="${c}"]`);
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

export function MatrixView() {
  const store = useAppStoreApi();
  const controller = useController();
  const lastGoodText = useAppStore((s) => s.lastGoodText);
  const matrix = useAppStore((s) => s.matrix);
  const previous = useAppStore((s) => s.previousMatrix);
  const status = useAppStore((s) => s.matrixStatus);
  const message = useAppStore((s) => s.matrixMessage);
  const wanted = useAppStore((s) => s.matrixPort);
  const source = useAppStore((s) => s.source);
  const destination = useAppStore((s) => s.destination);

  // Compute the matrix of the text the graph shows, when it changes while the view is open.
  useEffect(() => {
    if (lastGoodText === undefined || lastGoodText === store.getState().matrixText) return;
    store.getState().matrixStarted();
    void controller.matrix(lastGoodText).then((outcome) => {
      if (outcome.status !== 'stale') store.getState().matrixFinished(lastGoodText, outcome);
    });
  }, [lastGoodText, store, controller]);

  const table = useMemo(
    () => (matrix ? toMatrixTable(matrix, previous, wanted) : undefined),
    [matrix, previous, wanted],
  );

  const onSend = useCallback(
    (row: number, column: number) => {
      if (!table?.port) return;
      const packet = toCellPacket(table.axis[row]!.pod, table.axis[column]!.pod, table.port);
      void controller.send(packet.source, packet.destination);
    },
    [table, controller],
  );

  // Which cell is the packet in the trace panel (outlined), found once per change, not per cell.
  const current = useMemo(() => {
    if (!table?.port) return { row: -1, column: -1 };
    const row = table.axis.findIndex((a) => `pod/${a.pod}` === source.trim());
    const column = table.axis.findIndex(
      (a) => toCellPacket(a.pod, a.pod, table.port!).destination === destination.trim(),
    );
    return { row, column };
  }, [table, source, destination]);

  const changed = table?.port?.changed ?? 0;
  return (
    <div
      data-testid="matrix-view"
      data-status={status}
      data-mode={table?.mode}
      className="flex h-full min-h-0 flex-col gap-2 bg-white p-3"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 className="text-sm font-bold text-slate-900">Pod-to-pod reachability</h2>
        {table && table.ports.length > 0 && (
          <PortPicker
            ports={table.ports}
            selected={table.port?.key}
            onPick={(key) => store.getState().setMatrixPort(key)}
          />
        )}
        <span role="status" className="ml-auto text-xs text-slate-600" data-testid="matrix-status">
          {status === 'running'
            ? 'Computing…'
            : status === 'error'
              ? `The engine could not compute the matrix: ${message ?? 'unknown error'}`
              : table
                ? `${table.totalPods} pods${previous ? `, ${changed} cell${changed === 1 ? '' : 's'} changed on this port by the last edit` : ''}`
                : ''}
        </span>
      </div>
      <Legend />
      {table && table.notes.length > 0 && (
        <ul
          data-testid="matrix-notes"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-1.5 text-xs text-amber-950"
        >
          {table.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {!table && status !== 'error' && (
        <p className="text-sm text-slate-600">Computing the matrix…</p>
      )}
      {table && table.axis.length === 0 && (
        <p className="text-sm text-slate-600">No running pod with an IP: nothing to draw.</p>
      )}
      {table?.port && table.axis.length > 0 && (
        <div className="min-h-0 flex-1 overflow-auto rounded-md border border-slate-200">
          <table
            className="border-separate border-spacing-0"
            aria-label={`Reachability on port ${table.port.key}: rows are sources, columns destinations`}
            onKeyDown={onGridKey}
          >
            <thead>
              <tr>
                <th
                  scope="col"
                  className="sticky left-0 top-0 z-30 border-b border-r border-slate-200 bg-white px-2 pb-1 text-left align-bottom text-[11px] font-semibold uppercase tracking-wide text-slate-600"
                >
                  from ↓ / to →
                </th>
                {table.axis.map((entry) => (
                  <th
                    key={entry.pod}
                    scope="col"
                    title={entryTitle(entry)}
                    className="sticky top-0 z-20 border-b border-slate-200 bg-white px-0 pb-1 align-bottom font-mono text-[12px] font-normal"
                  >
                    <span className="mx-auto block max-h-[15rem] overflow-hidden whitespace-nowrap [transform:rotate(180deg)] [writing-mode:vertical-rl]">
                      <PodName entry={entry} />
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.axis.map((entry, row) => (
                <MatrixRow
                  key={entry.pod}
                  row={row}
                  entry={entry}
                  axis={table.axis}
                  cells={table.cells[row]!}
                  port={table.port!}
                  currentColumn={row === current.row ? current.column : -1}
                  onSend={onSend}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
