/**
 * The part of the trace panel shown once a trace exists: the playback controls, the verdict, a
 * drop's fix and the hop list. It loads after the first graph is on screen (trace-panel.tsx
 * preloads it), not with the first paint.
 */
import {
  createContext,
  lazy,
  memo,
  Suspense,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Hop, Trace } from '../../../engine';
import { Icon } from '../../components/icons';
import { useAppStore, useController } from '../../store/store-context';
import { SPEEDS } from '../playback/playback-machine';
import { describeRewrite, formatHeader } from '../playback/timeline';
import { toPacketChoices, toPacketSpread } from './to-packet-choices';
import { HopRequest, RedirectAnswer, RouteReason } from './hop-http';
import { hasTierHops, toTierLabel } from './to-tier-label';

// A drop's suggested fix: its code loads with the first drop.
const Fix = lazy(() => import('./trace-fix').then((m) => ({ default: m.Fix })));

/**
 * Which hop rows are wholly in sight in the list, told by an IntersectionObserver (no layout is
 * read): the row of each new hop scrolls into view only when it is not. `scrollIntoView` read
 * the layout every hop (~18 ms on the 300-pod graph) even when the row was already in sight.
 */
interface RowsInSight {
  observe(row: Element): () => void;
  inSight(row: Element): boolean;
  disconnect(): void;
}
const RowsInSightContext = createContext<RowsInSight | undefined>(undefined);

function useRowsInSight(root: { current: Element | null }): RowsInSight {
  const [rows] = useState<RowsInSight>(() => {
    const seen = new Map<Element, boolean>();
    let observer: IntersectionObserver | undefined;
    const ensure = () => {
      if (observer || typeof IntersectionObserver === 'undefined' || !root.current) return observer;
      observer = new IntersectionObserver(
        (entries) => {
          for (const e of entries) seen.set(e.target, e.intersectionRatio >= 0.999);
        },
        { root: root.current, threshold: [0, 1] },
      );
      for (const row of seen.keys()) observer.observe(row);
      return observer;
    };
    return {
      observe(row: Element) {
        seen.set(row, false);
        ensure()?.observe(row);
        return () => {
          observer?.unobserve(row);
          seen.delete(row);
        };
      },
      // Not yet told (just drawn): not known to be in sight.
      inSight: (row: Element) => seen.get(row) === true,
      disconnect: () => observer?.disconnect(),
    };
  });
  useEffect(() => () => rows.disconnect(), [rows]);
  return rows;
}

// Memoised (with a stable onSelect): a new hop re-renders the two rows it changes, not all.
const HopRow = memo(function HopRow({
  hop,
  index,
  current,
  tiered,
  onSelect,
}: {
  hop: Hop;
  index: number;
  current: boolean;
  /** Cluster tiers took part in this trace: NetworkPolicy rows say their tier too. */
  tiered: boolean;
  onSelect: (index: number) => void;
}) {
  const pass = hop.verdict === 'pass';
  const row = useRef<HTMLLIElement>(null);
  const rows = useContext(RowsInSightContext);
  useEffect(() => {
    const el = row.current;
    return el && rows ? rows.observe(el) : undefined;
  }, [rows]);
  // Follow the packet: keep the hop it is at in view (once per hop, not per frame).
  useEffect(() => {
    const el = row.current;
    if (current && el && !rows?.inSight(el)) el.scrollIntoView({ block: 'nearest' });
  }, [current, rows]);
  const rewrites = describeRewrite(hop.before, hop.after, hop.kind);
  const tier = toTierLabel(hop, tiered);
  return (
    <li
      ref={row}
      data-testid="trace-hop"
      data-verdict={hop.verdict}
      data-kind={hop.kind}
      data-ref={hop.ref}
      data-current={current ? 'true' : undefined}
      aria-current={current ? 'step' : undefined}
      className={`rounded-md text-sm ${current ? 'bg-blue-50 ring-2 ring-blue-500' : ''} ${pass ? '' : 'bg-red-50'}`}
    >
      <button
        type="button"
        onClick={() => onSelect(index)}
        title="Show the packet at this hop"
        className="grid w-full grid-cols-[1.5rem_1.4rem_minmax(0,auto)_1fr] items-start gap-x-2 rounded-md px-2 py-1.5 text-left hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-400"
      >
        <span className="pt-0.5 text-right font-mono text-xs text-slate-500">
          {current ? (
            <span aria-label="the packet is here" className="font-bold text-blue-700">
              ▶
            </span>
          ) : (
            index + 1
          )}
        </span>
        <span className="pt-0.5 text-slate-600">
          <Icon name={hop.kind} size={17} />
        </span>
        <span className="min-w-0">
          <span className="mr-1.5 text-xs font-semibold uppercase tracking-wide text-slate-600">
            {hop.kind}
          </span>
          <span className="break-all font-mono text-[12.5px] text-slate-800">{hop.ref}</span>
          {tier && (
            <span
              data-testid="hop-tier"
              data-tier={tier.tier}
              className={`trace-tier trace-tier-${tier.tier.toLowerCase()} mt-0.5 block w-fit rounded px-1 text-[11.5px] font-semibold`}
            >
              {tier.text}
            </span>
          )}
        </span>
        <span className="flex min-w-0 items-start justify-between gap-2">
          <span className="min-w-0 text-slate-700">
            {hop.kind === 'route' ? <RouteReason reason={hop.reason} /> : hop.reason}
            <HopRequest hop={hop} />
            {rewrites.length > 0 && (
              <span
                data-testid="hop-rewrite"
                className="mt-0.5 block font-mono text-[11.5px] text-amber-900"
              >
                <strong className="mr-1 font-sans uppercase">{rewrites.join(' + ')}:</strong>
                {formatHeader(hop.before)} ⇒ {formatHeader(hop.after)}
              </span>
            )}
          </span>
          <span
            className={`flex shrink-0 items-center gap-1 rounded px-1.5 text-xs font-bold ${
              pass ? 'bg-emerald-100 text-emerald-800' : 'bg-red-600 text-white'
            }`}
          >
            <Icon name={pass ? 'check' : 'cross'} size={13} strokeWidth={3} />
            {pass ? 'pass' : 'drop'}
          </span>
        </span>
      </button>
    </li>
  );
});

/** Media-control glyphs as SVG (symbol fonts lack them on many classroom machines). */
const CONTROL_PATHS = {
  play: 'M7 5v14l12-7z',
  pause: 'M7 5h4v14H7zM13 5h4v14h-4z',
  back: 'M6 5h2.5v14H6zM19 5v14L9 12z',
  forward: 'M15.5 5H18v14h-2.5zM5 5v14l10-7z',
  replay: 'M12 5a7 7 0 1 1-6.6 4.7M5 4v5h5',
} as const;

function ControlIcon({ name }: { name: keyof typeof CONTROL_PATHS }) {
  const stroke = name === 'replay';
  return (
    <svg
      aria-hidden
      viewBox="0 0 24 24"
      width={14}
      height={14}
      fill={stroke ? 'none' : 'currentColor'}
      stroke={stroke ? 'currentColor' : 'none'}
      strokeWidth={2.4}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={CONTROL_PATHS[name]} />
    </svg>
  );
}

const STATUS_WORDS = {
  idle: 'Ready',
  playing: 'Playing',
  paused: 'Paused',
  finished: 'Finished',
} as const;

/** Play, pause, step, replay and speed, for the packet(s) on screen. */
export function PlaybackBar({ hopCount }: { hopCount: number }) {
  const controller = useController();
  const status = useAppStore((s) => s.playStatus);
  const speed = useAppStore((s) => s.playSpeed);
  const hop = useAppStore((s) => s.flightHop);
  const flight = useAppStore((s) => s.flight);
  const speedId = useId();
  const playing = status === 'playing';
  const button =
    'flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-semibold text-slate-800 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-blue-300 disabled:text-slate-400';
  return (
    <div
      role="toolbar"
      aria-label="Packet playback"
      data-testid="playback-bar"
      data-status={status}
      className="flex shrink-0 flex-wrap items-center gap-1.5"
    >
      <button
        type="button"
        data-testid="replay"
        className={button}
        onClick={() => controller.playback.replay()}
      >
        <ControlIcon name="replay" /> Replay
      </button>
      <button
        type="button"
        data-testid="step-back"
        title="Back one hop (←)"
        className={button}
        disabled={hop <= 0}
        onClick={() => controller.playback.step(-1)}
      >
        <ControlIcon name="back" /> Back
      </button>
      <button
        type="button"
        data-testid="play-toggle"
        title="Play or pause (K)"
        aria-pressed={playing}
        className={`${button} min-w-[5.2rem] justify-center`}
        onClick={() => controller.playback.toggle()}
      >
        <ControlIcon name={playing ? 'pause' : 'play'} /> {playing ? 'Pause' : 'Play'}
      </button>
      <button
        type="button"
        data-testid="step-forward"
        title="Next hop (→)"
        className={button}
        disabled={status === 'finished'}
        onClick={() => controller.playback.step(1)}
      >
        Next <ControlIcon name="forward" />
      </button>
      <label htmlFor={speedId} className="ml-1 text-xs font-semibold text-slate-600">
        Speed
      </label>
      <select
        id={speedId}
        data-testid="speed"
        value={String(speed)}
        onChange={(e) => controller.playback.setSpeed(Number(e.target.value))}
        className="rounded-md border border-slate-300 bg-white px-1 py-0.5 text-xs"
      >
        {SPEEDS.map((s) => (
          <option key={s} value={String(s)}>
            {s}×
          </option>
        ))}
      </select>
      <span
        data-testid="playback-status"
        className="ml-1 text-xs text-slate-600"
        aria-live="polite"
      >
        {STATUS_WORDS[status]}
        {hop >= 0 && ` · hop ${hop + 1} of ${hopCount}`}
        {flight === 'dropped' && ' · dropped'}
        {flight === 'arrived' && ' · arrived'}
      </span>
      <KeyHint />
    </div>
  );
}

/** The presenter keys, shown where the controls are (keyboard-shortcuts.ts has them all). */
function KeyHint() {
  const kbd =
    'rounded border border-b-2 border-slate-300 bg-slate-50 px-1 font-mono text-[11px] font-semibold text-slate-800';
  return (
    <span
      data-testid="key-hint"
      className="ml-auto hidden items-center gap-1 text-xs text-slate-600 sm:flex"
      aria-label="Keys: left and right arrows step one hop, K plays or pauses, question mark lists every key"
    >
      <kbd className={kbd}>←</kbd>
      <kbd className={kbd}>→</kbd> step
      <kbd className={`${kbd} ml-1.5`}>K</kbd> play/pause
      <kbd className={`${kbd} ml-1.5`}>?</kbd> keys
    </span>
  );
}

/** Where each packet of a "Send 10" ended up: load balancing, in words. */
const Spread = memo(function Spread({ traces }: { traces: readonly Trace[] }) {
  if (traces.length < 2) return null;
  const counts = toPacketSpread(traces);
  return (
    <div
      data-testid="packet-spread"
      className="rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5 text-sm"
    >
      <strong>{traces.length} packets</strong> (seeds 0–{traces.length - 1}):{' '}
      {counts.map(([where, n], i) => (
        <span key={where} data-target={where} data-count={n}>
          {i > 0 && ' · '}
          <span className="font-mono">{where}</span> ×{n}
        </span>
      ))}
      {counts.length === 1 && traces[0]?.verdict === 'allow' && (
        <span className="text-slate-600">
          {' '}
          — every packet went to the same place (one endpoint, or session affinity).
        </span>
      )}
      <PacketSelect traces={traces} />
    </div>
  );
});

/** Which packet of a "Send 10" the event list, the header card and the controls follow. */
function PacketSelect({ traces }: { traces: readonly Trace[] }) {
  const selected = useAppStore((s) => s.selectedPacket);
  const selectPacket = useAppStore((s) => s.selectPacket);
  const choices = useMemo(() => toPacketChoices(traces), [traces]);
  const id = useId();
  return (
    <div className="mt-1 flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="text-xs font-semibold uppercase tracking-wide text-slate-600">
        Follow
      </label>
      <select
        id={id}
        data-testid="packet-select"
        value={String(selected)}
        onChange={(e) => selectPacket(Number(e.target.value))}
        className="max-w-full rounded-md border border-slate-300 bg-white px-1.5 py-0.5 font-mono text-sm text-slate-900"
      >
        {choices.map((c) => (
          <option key={c.index} value={String(c.index)} data-verdict={c.verdict}>
            {c.label} {c.verdict === 'allow' ? '✓' : '✗'} {c.ended}
          </option>
        ))}
      </select>
      <span className="text-xs text-slate-600">
        its hops are listed below; the numbered dots on the graph are the others
      </span>
    </div>
  );
}

/**
 * What happened, in two short lines: allowed or denied, where and by which policy; the reason
 * in one more line (the drop's hop row, and the hover text, have it whole).
 */
const Verdict = memo(function Verdict({ trace }: { trace: Trace }) {
  const drop = trace.hops.find((h) => h.verdict === 'drop');
  const allowed = trace.verdict === 'allow';
  const policy = drop?.tier
    ? toTierLabel(drop, true)?.text
    : (drop?.policy ?? drop?.isolatingPolicies?.join(', '));
  // Dropped at a policy's own hop: "at networkpolicy/ns/x by policy ns/x" says it twice (a
  // cluster policy's tier label names it too).
  const atPolicy =
    drop !== undefined &&
    policy !== undefined &&
    (drop.tier !== undefined ||
      (drop.ref.startsWith('networkpolicy/') &&
        policy.split(', ').includes(drop.ref.slice('networkpolicy/'.length))));
  const reached = trace.endpoints.length ? ` Reached ${trace.endpoints.join(', ')}.` : '';
  return (
    <div
      data-testid="trace-verdict"
      data-verdict={trace.verdict}
      className={`flex shrink-0 items-start gap-2 rounded-md border-2 px-3 py-1.5 ${
        allowed
          ? 'border-emerald-600 bg-emerald-50 text-emerald-900'
          : 'border-red-600 bg-red-50 text-red-900'
      }`}
    >
      <Icon
        name={allowed ? 'check' : 'cross'}
        size={20}
        strokeWidth={3}
        className="mt-0.5 shrink-0"
      />
      <div className="min-w-0 text-sm">
        <strong className="font-bold">{allowed ? 'Allowed' : 'Denied'}</strong>
        {trace.status !== undefined && <span className="ml-2 font-mono">HTTP {trace.status}</span>}
        {trace.backend && <span className="ml-2 font-mono text-xs">via {trace.backend}</span>}
        <span>{reached}</span>
        {drop && (
          <span data-testid="trace-drop">
            {' '}
            Dropped
            {!atPolicy && (
              <>
                {' '}
                at <span className="font-mono">{drop.ref}</span>
              </>
            )}
            {policy && (
              <>
                {' '}
                by policy{' '}
                <strong data-testid="trace-drop-policy" className="font-mono">
                  {policy}
                </strong>
              </>
            )}
            .
            <span
              data-testid="trace-drop-reason"
              title={drop.reason}
              className="trace-drop-reason line-clamp-1 text-[13px]"
            >
              {drop.reason}
            </span>
          </span>
        )}
        <RedirectAnswer trace={trace} />
        {trace.blocked.length > 0 && !drop && (
          <div className="trace-blocked text-xs">Blocked: {trace.blocked.join(', ')}</div>
        )}
      </div>
    </div>
  );
});

/** The verdict, a drop's fix, and the hops (the current one kept in view). */
export function TraceResult({ trace }: { trace: Trace }) {
  const controller = useController();
  const flightHop = useAppStore((s) => s.flightHop);
  const flight = useAppStore((s) => s.flight);
  const traces = useAppStore((s) => s.traces);
  const presenting = useAppStore((s) => s.theme === 'contrast');
  const fix = trace.hops.find((h) => h.fix)?.fix;
  const tiered = hasTierHops(trace);
  const onSelect = useCallback((hop: number) => controller.playback.seekHop(hop), [controller]);
  const scroll = useRef<HTMLDivElement>(null);
  const rows = useRowsInSight(scroll);
  return (
    <>
      {/* The verdict is never cut, on any screen (a short one, a tablet, presenting). Presenting,
          the current hop comes before the fix; otherwise, on a short screen the fix shrinks and
          scrolls by itself; the fields never go. */}
      <Verdict trace={trace} />
      {fix && !presenting && (
        <div className="flex min-h-[2.5rem] shrink flex-col overflow-auto">
          <Suspense fallback={null}>
            <Fix fix={fix} />
          </Suspense>
        </div>
      )}
      <div
        ref={scroll}
        className="trace-hops flex min-h-[3.5rem] flex-[1_1_0] flex-col gap-2 overflow-auto"
        data-testid="trace-scroll"
      >
        <Spread traces={traces} />
        <RowsInSightContext.Provider value={rows}>
          <ol className="flex flex-col gap-0.5" aria-label="Hops" data-testid="event-list">
            {trace.hops.map((hop, i) => (
              <HopRow
                key={i}
                hop={hop}
                index={i}
                current={flight !== 'idle' && i === flightHop}
                tiered={tiered}
                onSelect={onSelect}
              />
            ))}
          </ol>
        </RowsInSightContext.Provider>
        {fix && presenting && (
          <Suspense fallback={null}>
            <Fix fix={fix} />
          </Suspense>
        )}
        {trace.notes.length > 0 && (
          <ul className="list-disc pl-6 text-sm text-slate-600" data-testid="trace-notes">
            {trace.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
