/**
 * The Graph / Reachability matrix tabs over the cluster area. The matrix covers the graph while
 * open (the graph stays mounted, so its viewport and packets are kept); its code loads lazily.
 */
import { lazy, Suspense } from 'react';
import { useAppStore } from '../../store/store-context';

const MatrixView = lazy(() => import('./matrix-view').then((m) => ({ default: m.MatrixView })));

const TABS = [
  { id: 'graph', label: 'Graph', open: false },
  { id: 'matrix', label: 'Reachability matrix', open: true },
] as const;

export function ClusterTabs() {
  const open = useAppStore((s) => s.matrixOpen);
  const setOpen = useAppStore((s) => s.setMatrixOpen);
  return (
    <div
      role="tablist"
      aria-label="Cluster view"
      className="flex h-9 shrink-0 items-end gap-1 border-b border-slate-200 bg-slate-50 px-3"
    >
      {TABS.map((tab) => {
        const selected = tab.open === open;
        return (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`cluster-tab-${tab.id}`}
            aria-selected={selected}
            data-testid={`${tab.id}-tab`}
            onClick={() => setOpen(tab.open)}
            className={`-mb-px rounded-t-md border px-3 py-1 text-sm font-semibold focus:outline-none focus:ring-2 focus:ring-blue-300 ${
              selected
                ? 'border-slate-200 border-b-white bg-white text-slate-900'
                : 'border-transparent text-slate-600 hover:text-slate-900'
            }`}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}

/** Covers the graph with the matrix while the matrix tab is selected. */
export function MatrixPanel() {
  const open = useAppStore((s) => s.matrixOpen);
  if (!open) return null;
  return (
    <div
      id="matrix-panel"
      role="tabpanel"
      aria-labelledby="cluster-tab-matrix"
      className="absolute inset-0 z-30 bg-white"
    >
      <Suspense fallback={<p className="p-4 text-sm text-slate-600">Loading the matrix…</p>}>
        <MatrixView />
      </Suspense>
    </div>
  );
}
