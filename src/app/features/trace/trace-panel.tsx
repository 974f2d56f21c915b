import { useEffect, useId, useMemo, useRef } from 'react';
import type { Hop, Trace } from '../../../engine/types';
import { Icon } from '../../components/icons';
import { useAppStore, useController } from '../../store/store-context';
import { toDestinationChoices, toSourceChoices, type TraceChoice } from './to-trace-choices';

function ChoiceField({
  label,
  testId,
  value,
  choices,
  onChange,
  placeholder,
}: {
  label: string;
  testId: string;
  value: string;
  choices: readonly TraceChoice[];
  onChange: (value: string) => void;
  placeholder: string;
}) {
  const id = useId();
  const groups = useMemo(() => [...new Set(choices.map((c) => c.group))], [choices]);
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-1">
      <label htmlFor={id} className="text-xs font-semibold uppercase tracking-wide text-slate-600">
        {label}
      </label>
      <div className="flex min-w-0 gap-1.5">
        <input
          id={id}
          data-testid={testId}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
          spellCheck={false}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm text-slate-900 focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-200"
        />
        <select
          aria-label={`${label}: quick pick`}
          data-testid={`${testId}-pick`}
          value=""
          onChange={(e) => e.target.value && onChange(e.target.value)}
          className="w-[5.5rem] shrink-0 cursor-pointer rounded-md border border-slate-300 bg-slate-50 text-sm text-slate-700"
        >
          <option value="">Pick…</option>
          {groups.map((g) => (
            <optgroup key={g} label={g}>
              {choices
                .filter((c) => c.group === g)
                .map((c) => (
                  <option key={c.value} value={c.value}>
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

function HopRow({ hop, index, current }: { hop: Hop; index: number; current: boolean }) {
  const pass = hop.verdict === 'pass';
  const row = useRef<HTMLLIElement>(null);
  // Follow the packet: keep the hop it is at in view (once per hop, not per frame).
  useEffect(() => {
    if (current) row.current?.scrollIntoView({ block: 'nearest' });
  }, [current]);
  return (
    <li
      ref={row}
      data-testid="trace-hop"
      data-verdict={hop.verdict}
      data-kind={hop.kind}
      data-ref={hop.ref}
      aria-current={current ? 'step' : undefined}
      className={`grid grid-cols-[1.5rem_1.4rem_minmax(0,auto)_1fr] items-start gap-x-2 rounded-md px-2 py-1.5 text-sm ${
        current ? 'bg-blue-50 ring-1 ring-blue-300' : ''
      } ${pass ? '' : 'bg-red-50'}`}
    >
      <span className="pt-0.5 text-right font-mono text-xs text-slate-400">{index + 1}</span>
      <span className="pt-0.5 text-slate-600">
        <Icon name={hop.kind} size={17} />
      </span>
      <span className="min-w-0">
        <span className="mr-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">
          {hop.kind}
        </span>
        <span className="break-all font-mono text-[12.5px] text-slate-800">{hop.ref}</span>
      </span>
      <span className="flex min-w-0 items-start justify-between gap-2">
        <span className="text-slate-700">{hop.reason}</span>
        <span
          className={`flex shrink-0 items-center gap-1 rounded px-1.5 text-xs font-bold ${
            pass ? 'bg-emerald-100 text-emerald-800' : 'bg-red-600 text-white'
          }`}
        >
          <Icon name={pass ? 'check' : 'cross'} size={13} strokeWidth={3} />
          {pass ? 'pass' : 'drop'}
        </span>
      </span>
    </li>
  );
}

function Verdict({ trace }: { trace: Trace }) {
  const drop = trace.hops.find((h) => h.verdict === 'drop');
  const allowed = trace.verdict === 'allow';
  const policy = drop?.policy ?? drop?.isolatingPolicies?.join(', ');
  const reached = trace.endpoints.length ? ` Reached ${trace.endpoints.join(', ')}.` : '';
  return (
    <div
      data-testid="trace-verdict"
      data-verdict={trace.verdict}
      className={`flex items-start gap-2 rounded-md border-2 px-3 py-2 ${
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
          <div data-testid="trace-drop">
            Dropped at <span className="font-mono">{drop.ref}</span>
            {policy && (
              <>
                {' '}
                by policy{' '}
                <strong data-testid="trace-drop-policy" className="font-mono">
                  {policy}
                </strong>
              </>
            )}
            : {drop.reason}
          </div>
        )}
        {trace.blocked.length > 0 && (
          <div className="text-xs">Blocked: {trace.blocked.join(', ')}</div>
        )}
      </div>
    </div>
  );
}

export function TracePanel() {
  const controller = useController();
  const analysis = useAppStore((s) => s.lastGood);
  const source = useAppStore((s) => s.source);
  const destination = useAppStore((s) => s.destination);
  const setSource = useAppStore((s) => s.setSource);
  const setDestination = useAppStore((s) => s.setDestination);
  const trace = useAppStore((s) => s.trace);
  const traceStatus = useAppStore((s) => s.traceStatus);
  const traceMessage = useAppStore((s) => s.traceMessage);
  const flightHop = useAppStore((s) => s.flightHop);
  const flight = useAppStore((s) => s.flight);
  const sources = useMemo(() => toSourceChoices(analysis), [analysis]);
  const destinations = useMemo(
    () => toDestinationChoices(analysis, source.trim()),
    [analysis, source],
  );
  const fix = trace?.hops.find((h) => h.fix)?.fix;

  return (
    <section
      aria-label="Packet trace"
      data-testid="trace-panel"
      className="flex h-full min-h-0 flex-col gap-2 p-3"
    >
      <form
        className="flex items-end gap-2"
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
      </form>
      <div className="min-h-0 flex-1 overflow-auto" data-testid="trace-result" data-flight={flight}>
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
          <div className="flex flex-col gap-2">
            <Verdict trace={trace} />
            <ol className="flex flex-col gap-0.5" aria-label="Hops">
              {trace.hops.map((hop, i) => (
                <HopRow
                  key={i}
                  hop={hop}
                  index={i}
                  current={flight === 'flying' && i === flightHop}
                />
              ))}
            </ol>
            {trace.notes.length > 0 && (
              <ul className="list-disc pl-6 text-sm text-slate-600" data-testid="trace-notes">
                {trace.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
            {fix && (
              <div
                data-testid="trace-fix"
                className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm"
              >
                <div className="font-semibold text-amber-900">Suggested fix: {fix.summary}</div>
                {fix.alsoOpens.length > 0 && (
                  <div className="text-xs text-amber-800">
                    Also opens: {fix.alsoOpens.join('; ')}
                  </div>
                )}
                <pre className="mt-1 max-h-48 overflow-auto rounded bg-white p-2 font-mono text-xs text-slate-800">
                  {fix.yaml}
                </pre>
              </div>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
