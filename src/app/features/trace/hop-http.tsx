/**
 * What the trace panel shows of an HTTP request through a Gateway: the request at a hop
 * (method, Host, path, and the path the backend gets after a rewrite), the route hop's reason
 * as one line per decision (which rule won, which it beat), and a redirect's answer.
 */
import type { Hop, Trace } from '../../../engine';
import { toReasonLines, toRedirect } from './to-http-view';

/** `GET gw.example.com /api`, and `→ /v2/api` when a rewrite changed the path. */
export function HopRequest({ hop }: { hop: Hop }) {
  const request = hop.request;
  if (!request) return null;
  return (
    <span data-testid="hop-request" className="mt-0.5 block font-mono text-[11.5px] text-slate-700">
      <strong>{request.method}</strong> <span title="Host">{request.host}</span>{' '}
      <span title="path">{request.path}</span>
      {request.rewrittenPath !== undefined && request.rewrittenPath !== request.path && (
        <span data-testid="hop-rewritten-path" className="text-amber-900">
          {' '}
          → the backend gets <strong>{request.rewrittenPath}</strong>
        </span>
      )}
    </span>
  );
}

const LINE_STYLE = {
  won: 'font-semibold text-slate-900',
  beat: 'pl-3 text-[12.5px] text-slate-700',
  note: 'pl-3 text-[11.5px] italic text-slate-500',
  step: '',
} as const;

/** A route hop's reason: one line per decision, the winner and the rules it beat told apart. */
export function RouteReason({ reason }: { reason: string }) {
  return (
    <span data-testid="route-reason" className="block">
      {toReasonLines(reason).map((line, i) => (
        <span key={i} data-kind={line.kind} className={`block ${LINE_STYLE[line.kind]}`}>
          {line.kind === 'won' && <span aria-hidden="true">✓ </span>}
          {line.kind === 'beat' && <span className="font-semibold">↳ beat </span>}
          {line.text}
        </span>
      ))}
    </span>
  );
}

/** "Answered by the Gateway: 302 → Location", for a redirect. */
export function RedirectAnswer({ trace }: { trace: Trace }) {
  const redirect = toRedirect(trace);
  if (!redirect) return null;
  return (
    <div data-testid="trace-redirect" className="text-[13px]">
      Answered by the Gateway: <strong className="font-mono">{redirect.status}</strong> →{' '}
      <span className="break-all font-mono">{redirect.location}</span>
      <span className="block text-xs">
        The client gets the answer back and would ask the new address itself (not followed here).
      </span>
    </div>
  );
}
