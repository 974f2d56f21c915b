/**
 * What the cards and marks on the graph mean. Folded by default; its contents load when it is
 * first opened (they are not needed for the first paint).
 */
import { lazy, Suspense, useState } from 'react';
import type { CniPlugin } from '../../../engine';
import type { Grouping } from '../../store/view-slice';

const GraphLegendList = lazy(() =>
  import('./graph-legend-list').then((m) => ({ default: m.GraphLegendList })),
);

export function GraphLegend(props: { cni?: CniPlugin; grouping: Grouping }) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      data-testid="graph-legend"
      className="graph-panel rounded-lg border text-xs shadow"
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary className="cursor-pointer px-2.5 py-1 font-semibold">Legend</summary>
      {opened && (
        <Suspense fallback={<p className="px-2.5 pb-2">Loading…</p>}>
          <GraphLegendList {...props} />
        </Suspense>
      )}
    </details>
  );
}
