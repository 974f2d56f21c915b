/**
 * The legend's contents: what each kind of card is (from its record) and what the marks on the
 * graph mean (line styles, dashed borders, shields, badges). Loaded when the legend is opened.
 */
import { memo } from 'react';
import { CNI_PLUGINS, type CniPlugin } from '../../../engine';
import { Icon } from '../../components/icons';
import type { Grouping } from '../../store/view-slice';
import { GRAPH_KINDS, kindAccent, kindTint } from './graph-kinds';

function Line({ className }: { className: string }) {
  return (
    <svg width="34" height="10" aria-hidden="true" className="shrink-0">
      <line x1="1" y1="5" x2="33" y2="5" className={className} />
    </svg>
  );
}

function LegendList({ cni, grouping }: { cni?: CniPlugin; grouping: Grouping }) {
  const overlay = cni ? CNI_PLUGINS[cni].overlay : undefined;
  return (
    <>
      <ul className="space-y-1 px-2.5 pb-1" data-testid="legend-kinds">
        {Object.entries(GRAPH_KINDS).map(([kind, { name, icon, legend }]) => (
          <li
            key={kind}
            className="flex items-center gap-2"
            data-testid="legend-kind"
            data-kind={kind}
          >
            <span
              className="flex h-5 w-5 shrink-0 items-center justify-center rounded border-2"
              style={{
                borderColor: kindAccent(kind),
                background: kindTint(kind),
                color: kindAccent(kind),
              }}
            >
              <Icon name={icon} size={13} aria-hidden="true" />
            </span>
            <span>
              <b>{name}</b>: {legend}
            </span>
          </li>
        ))}
      </ul>
      <ul className="space-y-1 border-t px-2.5 pt-1 pb-2">
        <li className="flex items-center gap-2">
          <Line className="legend-edge" /> traffic can flow (routes, selects)
        </li>
        <li className="flex items-center gap-2">
          <Line className="legend-path" /> the packet's path
        </li>
        <li className="flex items-center gap-2">
          <Line className="legend-path-drop" /> the path of a dropped packet
        </li>
        <li className="flex items-center gap-2">
          <Line className="legend-path-other" /> the other packets of a Send 10
        </li>
        {grouping === 'node' && cni && (
          <li className="flex items-center gap-2">
            <Line className={overlay ? 'legend-tunnel' : 'legend-bgp'} />
            {overlay
              ? `VXLAN tunnel between nodes (UDP ${overlay.port})`
              : 'BGP route to a node’s podCIDR (no encapsulation)'}
          </li>
        )}
        <li className="flex items-center gap-2">
          <span className="legend-box inline-block h-3 w-8 rounded border-2 border-dashed" /> added
          by the engine (implicit)
        </li>
        <li className="flex items-center gap-2">
          <span className="graph-shield flex items-center gap-0.5 rounded px-1 text-[10px] font-semibold">
            <Icon name="shield" size={11} aria-hidden="true" /> ingress
          </span>
          a NetworkPolicy isolates this direction
        </li>
        <li className="flex items-center gap-2" data-testid="legend-cluster-shield">
          <span className="graph-cshield graph-cshield-admin flex items-center gap-0.5 rounded px-1 text-[10px] font-semibold">
            <Icon name="shield" size={11} aria-hidden="true" /> Admin
          </span>
          <span className="graph-cshield graph-cshield-baseline flex items-center gap-0.5 rounded px-1 text-[10px] font-semibold">
            <Icon name="shield" size={11} aria-hidden="true" /> Baseline
          </span>
          a cluster-wide policy of that tier selects the pod
        </li>
        <li className="flex items-center gap-2">
          <span className="graph-shield-lit graph-shield-lit-drop flex items-center gap-0.5 rounded font-bold [animation:none]">
            <Icon name="cross" size={11} strokeWidth={3.5} aria-hidden="true" /> denied
          </span>
          the packet was dropped here, by these policies
        </li>
        <li className="flex items-center gap-2">
          <span className="graph-shield-lit graph-shield-lit-pass flex items-center gap-0.5 rounded font-bold">
            <Icon name="check" size={11} strokeWidth={3.5} aria-hidden="true" /> allowed
          </span>
          a policy rule let the packet through
        </li>
        <li className="flex items-center gap-2">
          <span className="graph-badge-warn flex items-center gap-0.5 rounded px-1 text-[10px] font-semibold">
            <Icon name="clock" size={11} aria-hidden="true" /> Pending
          </span>
          not scheduled: no IP
        </li>
        <li>Click an object for its IPs, labels, ports and policies.</li>
      </ul>
    </>
  );
}

/**
 * Memoised: the graph re-renders on every edit; the legend changes only with the CNI or grouping.
 * WARNING: keep an import from 'react' here. A lazy chunk that uses only the JSX runtime made the
 * bundler split React from its JSX runtime, and the first paint grew by 0.4 KiB (B1).
 */
export const GraphLegendList = memo(LegendList);
