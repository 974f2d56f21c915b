/**
 * HTTP traces in words for the panel: a route hop's reason split into its decisions, a
 * redirect's status and Location. Pure.
 */
import type { Trace } from '../../../engine';

export interface ReasonLine {
  /** `won`: the winning rule; `beat`: a rule it beat (and why); `note`: the precedence order; `step`: any other decision. */
  readonly kind: 'won' | 'beat' | 'step' | 'note';
  readonly text: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * A route hop's reason (`R rule 1 wins with match 0: …; it beat R rule 0 (PathPrefix /): why; …
 * (precedence: …); RequestRedirect: …`) as one line per decision: the winner (`won`), each rule
 * it beat with why (`beat`, without the "it beat" words), the rest (`step`), the precedence
 * order last among them as a `note`.
 *
 * @example toReasonLines('r rule 1 wins with match 0: Exact /api; it beat r rule 0 (PathPrefix /): an Exact path match beats a PathPrefix')
 * // [{ kind: 'won', text: 'r rule 1 wins with match 0: Exact /api' }, { kind: 'beat', text: 'r rule 0 (PathPrefix /): an Exact path match beats a PathPrefix' }]
 */
export function toReasonLines(reason: string): ReasonLine[] {
  const lines: ReasonLine[] = [];
  let won = false;
  for (const part of reason.split(/;\s+/)) {
    let text = part.trim();
    const order = /\s*\((precedence: [^)]*)\)$/.exec(text);
    if (order) text = text.slice(0, order.index);
    if (text === '') continue;
    if (!won && /\bwins\b/.test(text)) {
      won = true;
      lines.push({ kind: 'won', text });
    } else if (won && /^(it beat )?[a-z]+\/\S+ rule \d+/.test(text)) {
      lines.push({ kind: 'beat', text: text.replace(/^it beat /, '') });
    } else {
      lines.push({ kind: 'step', text });
    }
    if (order) lines.push({ kind: 'note', text: order[1]! });
  }
  return lines;
}

/** A redirect the Gateway answered: its status and absolute Location; undefined otherwise. */
export function toRedirect(trace: Trace): { status: number; location: string } | undefined {
  if (trace.location === undefined || trace.status === undefined) return undefined;
  if (!REDIRECT_STATUSES.has(trace.status)) return undefined;
  return { status: trace.status, location: trace.location };
}
