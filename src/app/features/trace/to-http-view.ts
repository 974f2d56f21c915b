/**
 * HTTP traces in words for the panel: a route hop's reason split into its decisions, a
 * redirect's status and Location. Pure.
 */
import type { Trace } from '../../../engine';

export interface ReasonLine {
  /** `won`: the winning rule; `beat`: a rule it beat (and why); `step`: any other decision. */
  readonly kind: 'won' | 'beat' | 'step';
  readonly text: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * A reason made of several decisions (`; ` or sentences) as one line each; a line saying a rule
 * wins is `won`, one saying what it beat (`beat …`, `over …`, `… lost …`) is `beat`.
 *
 * @example toReasonLines('listener http takes gw.test; httproute/default/a rule 1 wins: Exact /api; beat httproute/default/a rule 0: an Exact path match beats a PathPrefix')
 * // [{ kind: 'step', … }, { kind: 'won', … }, { kind: 'beat', … }]
 */
export function toReasonLines(reason: string): ReasonLine[] {
  return reason
    .split(/;\s+|(?<=\.)\s+(?=[A-Z])|\n/)
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .map((text) => ({
      kind: /^(beat|beats|over|lost to)\b|\blost\b|\bloses\b/i.test(text)
        ? ('beat' as const)
        : /\bwins\b|\bwon\b/i.test(text)
          ? ('won' as const)
          : ('step' as const),
      text,
    }));
}

/** A redirect the Gateway answered: its status and absolute Location; undefined otherwise. */
export function toRedirect(trace: Trace): { status: number; location: string } | undefined {
  if (trace.location === undefined || trace.status === undefined) return undefined;
  if (!REDIRECT_STATUSES.has(trace.status)) return undefined;
  return { status: trace.status, location: trace.location };
}
