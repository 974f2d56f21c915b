/**
 * Which lines of the editor to light up for a trace: the document of each policy that decided a
 * hop, and inside it the rule that admitted the packet (or, for a drop, the rules that did not
 * and the podSelector that isolates the pod). The lines come from the analysis's source outline
 * (the engine's own field ranges), so they are exact for the text the trace was made from, and
 * nothing is parsed on the main thread.
 */
import type { Analysis, Hop, ObjectOutline, SourceRange, Trace } from '../../../engine';

export interface LineSpan {
  readonly startLine: number;
  readonly endLine: number;
}

export interface PolicyHighlight {
  /** `NS/NAME` (a NetworkPolicy) or `NAME` (a cluster-scoped policy) */
  readonly policy: string;
  readonly verdict: 'pass' | 'drop';
  readonly document: LineSpan;
  /** The rule (pass) or the section that did not admit (drop); absent when not found. */
  readonly rule?: LineSpan;
  /** Words for the hover and the screen reader. */
  readonly label: string;
}

/** The lines a range covers (a range ending at column 1 stops on the line before). */
export function toLineSpan(r: SourceRange): LineSpan {
  const endLine = r.endColumn === 1 && r.endLine > r.startLine ? r.endLine - 1 : r.endLine;
  return { startLine: r.startLine, endLine };
}

/** The outline of one object (`networkpolicy/NS/NAME`), the first one when a name repeats. */
export function findOutline(
  analysis: Pick<Analysis, 'outline'>,
  ref: string,
): ObjectOutline | undefined {
  return analysis.outline?.find((o) => o.ref === ref);
}

function policiesOf(hop: Hop): string[] {
  if (hop.verdict === 'drop')
    return [...(hop.isolatingPolicies ?? (hop.policy ? [hop.policy] : []))];
  return hop.policy ? [hop.policy] : [];
}

/**
 * The highlights for a trace, from the analysis of the text it was traced against.
 *
 * @example toPolicyHighlights(analysis, trace) // [{ policy: 'default/deny', verdict: 'drop', document: {...}, rule: {...} }]
 */
export function toPolicyHighlights(
  analysis: Pick<Analysis, 'outline'>,
  trace: Trace | undefined,
): PolicyHighlight[] {
  if (!trace) return [];
  const out: PolicyHighlight[] = [];
  const seen = new Set<string>();
  for (const hop of trace.hops) {
    if (hop.kind !== 'policy') continue;
    const direction = hop.direction ?? 'ingress';
    if (hop.tier) {
      // A cluster policy's rule decided (Accept, Deny) or passed: light that rule.
      const key = `${hop.ref} ${hop.rule ?? ''} ${hop.verdict}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const outline = findOutline(analysis, hop.ref);
      if (!outline) continue;
      const rule = hop.rule !== undefined ? outline.spans[`spec.${direction}[${hop.rule}]`] : undefined;
      const what =
        hop.action === 'Deny'
          ? 'denies the packet'
          : hop.action === 'Pass'
            ? hop.tier === 'Admin'
              ? 'passes the packet to the next tier'
              : 'passes: allowed by default'
            : 'accepts the packet';
      out.push({
        policy: hop.policy ?? hop.ref,
        verdict: hop.verdict,
        document: toLineSpan(outline.range),
        ...(rule ? { rule: toLineSpan(rule) } : {}),
        label: `[${hop.tier}] ${hop.policy ?? hop.ref}: ${direction} rule ${hop.rule ?? '?'}${hop.name ? ` '${hop.name}'` : ''} ${what}`,
      });
      continue;
    }
    for (const name of policiesOf(hop)) {
      if (seen.has(`${name} ${hop.verdict}`)) continue;
      seen.add(`${name} ${hop.verdict}`);
      const outline = findOutline(analysis, `networkpolicy/${name}`);
      if (!outline) continue;
      const spans = outline.spans;
      let rule: SourceRange | undefined;
      let label: string;
      if (hop.verdict === 'pass' && hop.policy === name && hop.rule !== undefined) {
        rule = spans[`spec.${direction}[${hop.rule}]`];
        label = `${name}: ${direction} rule ${hop.rule} admits the packet`;
      } else if (hop.verdict === 'drop') {
        rule = spans[`spec.${direction}`] ?? spans['spec.podSelector'];
        label = `${name} isolates the pod for ${direction} and no rule admits the packet`;
      } else {
        label = `${name} decides ${direction}`;
      }
      out.push({
        policy: name,
        verdict: hop.verdict,
        document: toLineSpan(outline.range),
        ...(rule ? { rule: toLineSpan(rule) } : {}),
        label,
      });
    }
  }
  return out;
}
