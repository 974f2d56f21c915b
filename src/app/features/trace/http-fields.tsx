/**
 * An HTTP packet's entry point, method and headers, under From and To: a Gateway pick fills them
 * with what its rule needs (a method, headers); the user may change them. Shown when To is an
 * http(s) URL and the cluster has Gateways (or a pick set them). A lazy chunk.
 */
import { useEffect, useId, useState } from 'react';
import { useAppStore } from '../../store/store-context';
import type { HttpExtras } from '../../store/trace-slice';
import { formatHeaderText, HTTP_METHODS, isHttpMethod, parseHeaderText } from './http-request';

const FIELD =
  'min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-[13px] text-slate-900 focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-200';
const LABEL = 'text-xs font-semibold uppercase tracking-wide text-slate-600';

/** `http` with `key` set to `value`, or without it when empty; undefined when nothing is left. */
function withField<K extends keyof HttpExtras>(
  http: HttpExtras | undefined,
  key: K,
  value: HttpExtras[K] | undefined,
): HttpExtras | undefined {
  const next: HttpExtras = { ...http };
  if (value === undefined || value === '') delete next[key];
  else next[key] = value;
  return Object.keys(next).length ? next : undefined;
}

export function HttpFields() {
  const http = useAppStore((s) => s.http);
  const setHttp = useAppStore((s) => s.setHttp);
  const gateways = useAppStore((s) => s.lastGood?.cluster.gateways);
  const hasIngress = useAppStore((s) => (s.lastGood?.cluster.ingresses.length ?? 0) > 0);
  const id = useId();
  const headersShown = formatHeaderText(http?.headers ?? {});
  // The header text as typed: a half-typed pair stays on screen (and out of the query).
  const [headerText, setHeaderText] = useState(headersShown);
  const [headerProblem, setHeaderProblem] = useState<string>();
  const [methodText, setMethodText] = useState(http?.method ?? '');
  useEffect(() => {
    // A pick (or a link) set other headers: show them.
    setHeaderText((typed) => {
      const parsed = parseHeaderText(typed);
      const same = parsed.ok && formatHeaderText(parsed.headers) === headersShown;
      return same ? typed : headersShown;
    });
    setHeaderProblem(undefined);
  }, [headersShown]);
  useEffect(() => {
    setMethodText((typed) =>
      typed.toUpperCase() === (http?.method ?? '') ? typed : (http?.method ?? ''),
    );
  }, [http?.method]);

  const via = http?.via ?? '';
  const viaChoices = [
    ...(gateways ?? []).map((g) => g.ref),
    ...(hasIngress || via === 'ingress' ? ['ingress'] : []),
  ];
  if (via && !viaChoices.includes(via)) viaChoices.push(via);

  return (
    <div
      data-testid="http-fields"
      className="flex shrink-0 flex-wrap items-end gap-2 rounded-md bg-slate-50 px-2 py-1.5"
    >
      <div className="flex flex-col gap-0.5">
        <label htmlFor={`${id}-via`} className={LABEL}>
          Via
        </label>
        <select
          id={`${id}-via`}
          data-testid="trace-via"
          value={via}
          onChange={(e) => setHttp(withField(http, 'via', e.target.value))}
          className={`${FIELD} max-w-[16rem] cursor-pointer font-sans`}
        >
          <option value="">chosen by host</option>
          {viaChoices.map((v) => (
            <option key={v} value={v}>
              {v === 'ingress' ? 'the ingress controller' : v}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-0.5">
        <label htmlFor={`${id}-method`} className={LABEL}>
          Method
        </label>
        <input
          id={`${id}-method`}
          data-testid="trace-method"
          list={`${id}-methods`}
          value={methodText}
          placeholder="GET"
          spellCheck={false}
          onChange={(e) => {
            const method = e.target.value.trim().toUpperCase();
            setMethodText(e.target.value);
            if (isHttpMethod(method)) setHttp(withField(http, 'method', method));
          }}
          className={`${FIELD} w-24`}
        />
        <datalist id={`${id}-methods`}>
          {HTTP_METHODS.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </div>
      <div className="flex min-w-[12rem] flex-1 flex-col gap-0.5">
        <label htmlFor={`${id}-headers`} className={LABEL}>
          Headers
        </label>
        <input
          id={`${id}-headers`}
          data-testid="trace-headers"
          value={headerText}
          placeholder="Name: value; Other: value"
          spellCheck={false}
          aria-invalid={headerProblem ? true : undefined}
          aria-describedby={headerProblem ? `${id}-headers-problem` : undefined}
          onChange={(e) => {
            setHeaderText(e.target.value);
            const parsed = parseHeaderText(e.target.value);
            setHeaderProblem(parsed.ok ? undefined : parsed.message);
            if (parsed.ok)
              setHttp(
                withField(
                  http,
                  'headers',
                  Object.keys(parsed.headers).length ? parsed.headers : undefined,
                ),
              );
          }}
          className={FIELD}
        />
      </div>
      {headerProblem && (
        <p
          id={`${id}-headers-problem`}
          data-testid="trace-headers-problem"
          role="alert"
          className="basis-full text-xs text-red-800"
        >
          Headers: {headerProblem} (the packet is sent with the last good headers).
        </p>
      )}
    </div>
  );
}
