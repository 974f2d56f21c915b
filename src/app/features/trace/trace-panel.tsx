import { lazy, Suspense, useEffect, useId, useMemo, useState } from 'react';
import type { Trace } from '../../../engine';
import { Icon } from '../../components/icons';
import { MANY_PACKETS } from '../../app-controller';
import { useAppStore, useController } from '../../store/store-context';
import { selectTrace } from '../../store/trace-slice';
import type { TraceChoice } from './to-trace-choices';
import { useTraceChoices } from './use-trace-choices';

// What is shown once a trace exists (controls, verdict, hops) is not needed for the first
// paint: it loads once the first graph is on screen (see TracePanel), before the first Send.
const loadTraceResult = () => import('./trace-result');
const PlaybackBar = lazy(() => loadTraceResult().then((m) => ({ default: m.PlaybackBar })));
const TraceResult = lazy(() => loadTraceResult().then((m) => ({ default: m.TraceResult })));
// Method, headers and entry point of an HTTP packet: shown once Gateways or a pick need them.
const HttpFields = lazy(() => import('./http-fields').then((m) => ({ default: m.HttpFields })));

function ChoiceField({
  label,
  testId,
  value,
  choices,
  onChange,
  onPick,
  placeholder,
}: {
  label: string;
  testId: string;
  value: string;
  choices: readonly TraceChoice[];
  onChange: (value: string) => void;
  /** A quick pick (else `onChange` with its value). */
  onPick?: (choice: TraceChoice) => void;
  placeholder: string;
}) {
  const id = useId();
  const groups = useMemo(() => [...new Set(choices.map((c) => c.group))], [choices]);
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-1">
      <label
        htmlFor={id}
        className="trace-field-label text-xs font-semibold uppercase tracking-wide text-slate-600"
      >
        {label}
      </label>
      <div className="flex min-w-0 gap-1.5">
        <input
          id={id}
          data-testid={testId}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={`${label}: ${placeholder}`}
          spellCheck={false}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm text-slate-900 focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-200"
        />
        <select
          aria-label={`${label}: quick pick`}
          data-testid={`${testId}-pick`}
          value=""
          onChange={(e) => {
            const picked = choices.find((c) => (c.id ?? c.value) === e.target.value);
            if (picked && onPick) onPick(picked);
            else if (e.target.value) onChange(e.target.value);
          }}
          className="w-[5.5rem] shrink-0 cursor-pointer rounded-md border border-slate-300 bg-slate-50 text-sm text-slate-700"
        >
          <option value="">Pick…</option>
          {groups.map((g) => (
            <optgroup key={g} label={g}>
              {choices
                .filter((c) => c.group === g)
                .map((c) => (
                  <option key={c.id ?? c.value} value={c.id ?? c.value}>
                    {c.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
    </div>
  );
}

/**
 * What screen readers hear when the trace ends: the verdict and what decided it. The region is
 * always there (a live region must exist before its text changes); its words load with the
 * first finished trace, not with the page.
 */
function VerdictAnnouncement({ trace, ended }: { trace: Trace | undefined; ended: boolean }) {
  const [said, setSaid] = useState('');
  useEffect(() => {
    setSaid('');
    if (!trace || !ended) return;
    let live = true;
    void import('./to-verdict-announcement').then((m) => {
      if (live) setSaid(m.toVerdictAnnouncement(trace));
    });
    return () => {
      live = false;
    };
  }, [trace, ended]);
  return (
    <p data-testid="verdict-announcement" role="status" aria-atomic="true" className="sr-only">
      {said}
    </p>
  );
}

export function TracePanel() {
  const controller = useController();
  const analysis = useAppStore((s) => s.lastGood);
  const source = useAppStore((s) => s.source);
  const destination = useAppStore((s) => s.destination);
  const setSource = useAppStore((s) => s.setSource);
  const setDestination = useAppStore((s) => s.setDestination);
  const trace = useAppStore(selectTrace);
  const traceStatus = useAppStore((s) => s.traceStatus);
  const traceMessage = useAppStore((s) => s.traceMessage);
  const flight = useAppStore((s) => s.flight);
  const http = useAppStore((s) => s.http);
  const setHttp = useAppStore((s) => s.setHttp);
  const { sources, destinations } = useTraceChoices(analysis, source.trim());
  const httpShown =
    /^https?:\/\//i.test(destination.trim()) &&
    (http !== undefined || (analysis?.cluster.gateways.length ?? 0) > 0);
  const graphShown = analysis !== undefined;
  // Preload the result part once there is a graph, so the first Send does not wait for it.
  useEffect(() => {
    if (graphShown) void loadTraceResult();
  }, [graphShown]);

  return (
    <section
      aria-label="Packet trace"
      data-testid="trace-panel"
      className="flex h-full min-h-0 flex-col gap-2 overflow-clip p-3"
    >
      <form
        className="flex shrink-0 items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void controller.send();
        }}
      >
        <ChoiceField
          label="From"
          testId="trace-source"
          value={source}
          choices={sources}
          onChange={setSource}
          placeholder="internet, pod/NS/NAME, ip/1.2.3.4"
        />
        <span className="pb-2 text-slate-400">→</span>
        <ChoiceField
          label="To"
          testId="trace-destination"
          value={destination}
          choices={destinations}
          onChange={setDestination}
          onPick={(c) => {
            setDestination(c.value);
            setHttp(c.http);
          }}
          placeholder="http://example.com/api, service/NS/NAME:PORT"
        />
        <button
          type="submit"
          data-testid="send-button"
          disabled={!analysis || traceStatus === 'running'}
          className="flex items-center gap-1.5 rounded-md bg-blue-700 px-4 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-blue-300 disabled:cursor-not-allowed disabled:bg-slate-400"
        >
          <Icon name="send" size={16} /> Send
        </button>
        <button
          type="button"
          data-testid="send-many-button"
          disabled={!analysis || traceStatus === 'running'}
          title="Send 10 packets (seeds 0–9) to see how they are load-balanced"
          onClick={() => void controller.send(undefined, undefined, { count: MANY_PACKETS })}
          className="flex items-center gap-1.5 rounded-md border border-blue-700 bg-white px-3 py-1.5 text-sm font-semibold text-blue-800 hover:bg-blue-50 focus:outline-none focus:ring-2 focus:ring-blue-300 disabled:cursor-not-allowed disabled:border-slate-300 disabled:text-slate-400"
        >
          <Icon name="send" size={16} /> Send {MANY_PACKETS}
        </button>
      </form>
      {httpShown && (
        <Suspense fallback={null}>
          <HttpFields />
        </Suspense>
      )}
      {trace && !trace.error && (
        <Suspense fallback={<div className="h-[26px] shrink-0" aria-hidden />}>
          <PlaybackBar hopCount={trace.hops.length} />
        </Suspense>
      )}
      <VerdictAnnouncement trace={trace} ended={flight === 'dropped' || flight === 'arrived'} />
      {/* The verdict and a drop's fix stay on top; only the hops scroll (the current one is
          kept in view), so what happened is never scrolled away. */}
      <div
        className="flex min-h-0 flex-1 flex-col gap-2 overflow-clip"
        data-testid="trace-result"
        data-flight={flight}
      >
        {traceStatus === 'error' && (
          <p
            role="alert"
            data-testid="trace-error"
            className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            {traceMessage}
          </p>
        )}
        {!trace && traceStatus !== 'error' && (
          <p className="px-1 py-2 text-sm text-slate-500">
            Pick where the packet starts and where it goes, then press <strong>Send</strong>.
          </p>
        )}
        {trace && !trace.error && (
          <Suspense fallback={<div className="min-h-[2.5rem] flex-1" aria-hidden />}>
            <TraceResult trace={trace} />
          </Suspense>
        )}
      </div>
    </section>
  );
}
