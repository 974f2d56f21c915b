/**
 * `netplay trace` output: the JSON answer of the contract (docs/cli.md) and the readable
 * table (one line per hop, the verdict, the fix for a drop).
 */
import type { Hop, Trace } from '../engine';

/** The contract's answer for one query. Fields beyond the contract's are additions, never renames. */
export type TraceAnswer = Readonly<Record<string, unknown>>;

/**
 * A Trace as the contract prints it: `from`, `to`, `verdict`, `status`, `backend`, (`location`,
 * `backendPath` for HTTP answers that have them), `endpoints`, `blocked`, `hops` (in that order),
 * then the additions (`notes`). An invalid query is
 * `{ from, to, error }` ("no other field is required then").
 *
 * @example toTraceAnswer(trace).verdict // 'allow'
 */
export function toTraceAnswer(trace: Trace): TraceAnswer {
  if (trace.error !== undefined) return { from: trace.from, to: trace.to, error: trace.error };
  return {
    from: trace.from,
    to: trace.to,
    verdict: trace.verdict,
    ...(trace.status !== undefined ? { status: trace.status } : {}),
    ...(trace.backend !== undefined ? { backend: trace.backend } : {}),
    ...(trace.location !== undefined ? { location: trace.location } : {}),
    ...(trace.backendPath !== undefined ? { backendPath: trace.backendPath } : {}),
    endpoints: trace.endpoints,
    blocked: trace.blocked,
    hops: trace.hops.map(toHopAnswer),
    notes: trace.notes,
  };
}

/** A hop with the contract's four fields first; the rest (policy, rule, headers, `at`, fix) follows. */
export function toHopAnswer(hop: Hop): Readonly<Record<string, unknown>> {
  const { kind, ref, verdict, reason, ...rest } = hop;
  return { kind, ref, verdict, reason, ...rest };
}

/** An answer for a query the batch file spelled wrong (not an object, no `from`/`to` strings, or blank ones). */
export function toBadQueryAnswer(item: unknown, index: number): TraceAnswer {
  const obj = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : undefined;
  const from = typeof obj?.['from'] === 'string' ? obj['from'] : undefined;
  const to = typeof obj?.['to'] === 'string' ? obj['to'] : undefined;
  let error: string;
  if (obj === undefined) error = `query ${index}: expected an object {"from": SRC, "to": DST}`;
  else if (from === undefined) error = `query ${index}: "from" must be a string (a source such as pod/NS/NAME or internet)`;
  else if (from.trim() === '') error = `query ${index}: "from" is blank (got ${JSON.stringify(from)}): give a source such as pod/NS/NAME or internet`;
  else if (to === undefined) error = `query ${index}: "to" must be a string (a destination such as service/NS/NAME:PORT)`;
  else error = `query ${index}: "to" is blank (got ${JSON.stringify(to)}): give a destination such as service/NS/NAME:PORT`;
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), error };
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

/** Drops the line breaks a reason may carry, so one hop stays one line. */
function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

/**
 * The readable trace: a header, one line per hop (kind, ref, ✓/✗, reason), the verdict line,
 * the endpoints, notes, and the suggested fix YAML of a dropped hop.
 */
export function formatTrace(trace: Trace): string {
  const lines: string[] = [`trace ${trace.from} → ${trace.to}`];
  if (trace.error !== undefined) {
    lines.push(`error: ${trace.error}`);
    return lines.join('\n') + '\n';
  }
  lines.push('');
  const rows = trace.hops.map((hop, i) => {
    let ref = hop.ref;
    if (hop.tier !== undefined) {
      // A cluster policy: `[Admin] clusternetworkpolicy/NAME (ingress rule 0 'NAME', Deny)`.
      const rule = hop.rule !== undefined ? `rule ${hop.rule}${hop.name !== undefined ? ` '${hop.name}'` : ''}, ` : '';
      ref = `[${hop.tier}] ${ref} (${hop.direction !== undefined ? `${hop.direction} ` : ''}${rule}${hop.action ?? ''})`;
    } else if (hop.kind === 'policy' && hop.policy !== undefined && hop.rule !== undefined) {
      ref += ` (${hop.direction !== undefined ? `${hop.direction} ` : ''}rule ${hop.rule})`;
    } else if (hop.kind === 'gateway' && hop.listener !== undefined) {
      ref += ` (listener ${hop.listener})`;
    } else if (hop.kind === 'route' && hop.rule !== undefined) {
      ref += ` (rule ${hop.rule}${hop.match !== undefined ? `, match ${hop.match}` : ''})`;
    }
    return [String(i + 1), hop.kind, ref, hop.verdict === 'pass' ? '✓ pass' : '✗ drop', oneLine(hop.reason)] as const;
  });
  const header = ['#', 'KIND', 'REF', 'VERDICT', 'REASON'] as const;
  const widths = [0, 1, 2, 3].map((c) => Math.max(header[c]!.length, ...rows.map((r) => r[c]!.length)));
  const render = (r: readonly string[]): string =>
    ('  ' + r.slice(0, 4).map((cell, c) => pad(cell, widths[c]!)).join('  ') + '  ' + r[4]).trimEnd();
  if (rows.length === 0) lines.push('  (no hops)');
  else lines.push(render(header), ...rows.map(render));
  lines.push('');

  const facts: string[] = [];
  if (trace.status !== undefined) facts.push(`HTTP ${trace.status}`);
  if (trace.backend !== undefined) facts.push(`backend ${trace.backend}`);
  if (trace.location !== undefined) facts.push(`Location ${trace.location}`);
  if (trace.backendPath !== undefined) facts.push(`backend path ${trace.backendPath}`);
  lines.push(
    `verdict: ${trace.verdict === 'allow' ? '✓ allow' : '✗ deny'}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`,
  );
  lines.push(`endpoints: ${trace.endpoints.length > 0 ? trace.endpoints.join(', ') : '(none)'}`);
  if (trace.blocked.length > 0) lines.push(`blocked: ${trace.blocked.join(', ')}`);
  for (const note of trace.notes) lines.push(`note: ${oneLine(note)}`);

  const seen = new Set<string>();
  for (const hop of trace.hops) {
    const fix = hop.fix;
    if (hop.verdict !== 'drop' || fix === undefined || seen.has(fix.yaml)) continue;
    seen.add(fix.yaml);
    lines.push('');
    lines.push(
      `fix (${fix.kind === 'patch' ? 'edit' : 'add'} ${fix.policyKind ?? 'networkpolicy'} ${fix.policy}): ${oneLine(fix.summary)}`,
    );
    lines.push('---');
    lines.push(fix.yaml.replace(/\n+$/, ''));
    if (fix.alsoOpens.length > 0) {
      lines.push('');
      lines.push('this also opens:');
      for (const item of fix.alsoOpens) lines.push(`  - ${oneLine(item)}`);
    }
    if (fix.closes !== undefined && fix.closes.length > 0) {
      lines.push('');
      lines.push('this closes:');
      for (const item of fix.closes) lines.push(`  - ${oneLine(item)}`);
    }
    if (fix.alternatives !== undefined && fix.alternatives.length > 0) {
      lines.push('');
      lines.push('or instead:');
      for (const item of fix.alternatives) lines.push(`  - ${oneLine(item)}`);
    }
  }
  return lines.join('\n') + '\n';
}
