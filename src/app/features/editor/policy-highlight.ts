/**
 * Which lines of the editor to light up for a trace: the document of each policy that decided a
 * hop, and inside it the rule that admitted the packet (or, for a drop, the rules that did not
 * and the podSelector that isolates the pod). Line numbers come from the engine's own parser
 * (its field ranges), so they are exact for the text the trace was made from.
 */
import { parseManifests } from '../../../engine';
import type { Cluster, Hop, SourceRange, Trace } from '../../../engine';

export interface LineSpan {
  readonly startLine: number;
  readonly endLine: number;
}

export interface PolicyHighlight {
  /** `NS/NAME` */
  readonly policy: string;
  readonly verdict: 'pass' | 'drop';
  readonly document: LineSpan;
  /** The rule (pass) or the section that did not admit (drop); absent when not found. */
  readonly rule?: LineSpan;
  /** Words for the hover and the screen reader. */
  readonly label: string;
}

/** The last line a range covers (a range ending at column 1 stops on the line before). */
const lastLine = (r: SourceRange) =>
  r.endColumn === 1 && r.endLine > r.startLine ? r.endLine - 1 : r.endLine;

/** The lines of a field and everything under it, from the parser's field ranges. */
export function toFieldSpan(
  ranges: Readonly<Record<string, SourceRange>>,
  path: string,
): LineSpan | undefined {
  let span: LineSpan | undefined;
  for (const [key, r] of Object.entries(ranges)) {
    if (key !== path && !key.startsWith(`${path}.`) && !key.startsWith(`${path}[`)) continue;
    span = {
      startLine: Math.min(span?.startLine ?? Infinity, r.startLine),
      endLine: Math.max(span?.endLine ?? 0, lastLine(r)),
    };
  }
  return span;
}

/** The field ranges of one document, parsed on its own and moved to its place in `text`. */
function documentFieldRanges(
  lines: readonly string[],
  range: SourceRange,
): Readonly<Record<string, SourceRange>> | undefined {
  if (range.startColumn > 1) return undefined; // a List item: the document span is enough
  const end = lastLine(range);
  const slice = lines.slice(range.startLine - 1, end).join('\n');
  const [doc] = parseManifests([{ name: range.file, text: slice }]).documents;
  if (!doc) return undefined;
  const shift = range.startLine - 1;
  const out: Record<string, SourceRange> = {};
  for (const [k, r] of Object.entries(doc.fieldRanges))
    out[k] = { ...r, startLine: r.startLine + shift, endLine: r.endLine + shift };
  return out;
}

function policiesOf(hop: Hop): string[] {
  if (hop.verdict === 'drop')
    return [...(hop.isolatingPolicies ?? (hop.policy ? [hop.policy] : []))];
  return hop.policy ? [hop.policy] : [];
}

/**
 * The highlights for a trace, against the text it was traced from.
 *
 * @example toPolicyHighlights(text, analysis.cluster, trace) // [{ policy: 'default/deny', verdict: 'drop', document: {...}, rule: {...} }]
 */
export function toPolicyHighlights(
  text: string,
  cluster: Cluster,
  trace: Trace | undefined,
): PolicyHighlight[] {
  if (!trace) return [];
  const lines = text.split('\n');
  const out: PolicyHighlight[] = [];
  const seen = new Set<string>();
  for (const hop of trace.hops) {
    if (hop.kind !== 'policy') continue;
    const direction = hop.direction ?? 'ingress';
    for (const name of policiesOf(hop)) {
      if (seen.has(`${name} ${hop.verdict}`)) continue;
      seen.add(`${name} ${hop.verdict}`);
      const policy = cluster.networkPolicies.find(
        (p) => `${p.meta.namespace}/${p.meta.name}` === name,
      );
      const range = policy?.meta.source?.range;
      if (!range) continue;
      const fields = documentFieldRanges(lines, range);
      let rule: LineSpan | undefined;
      let label: string;
      if (hop.verdict === 'pass' && hop.policy === name && hop.rule !== undefined) {
        rule = fields && toFieldSpan(fields, `spec.${direction}[${hop.rule}]`);
        label = `${name}: ${direction} rule ${hop.rule + 1} admits the packet`;
      } else if (hop.verdict === 'drop') {
        rule =
          fields &&
          (toFieldSpan(fields, `spec.${direction}`) ?? toFieldSpan(fields, 'spec.podSelector'));
        label = `${name} isolates the pod for ${direction} and no rule admits the packet`;
      } else {
        label = `${name} decides ${direction}`;
      }
      out.push({
        policy: name,
        verdict: hop.verdict,
        document: { startLine: range.startLine, endLine: lastLine(range) },
        ...(rule ? { rule } : {}),
        label,
      });
    }
  }
  return out;
}
