/**
 * Test support (not used by the engine): the promises every trace makes to a learner, as
 * checks that return the broken ones in words (so a test can `expect(problems).toEqual([])`).
 *
 * - every hop: the acting object, a graph id, the packet as it arrives (`before`), one sentence;
 * - a policy hop names the policy and rule that admitted it, or the isolating policies;
 * - every policy drop carries a fix, and applying that fix to the scenario text and asking the
 *   same query again gets past that hop (and, once every policy drop is fixed, flips `deny`).
 */
import { parse } from 'yaml';
import type { Cluster, Hop, Query, SuggestedFix, Trace, Verdict } from '../types';
import { simulate } from '../simulate';
import { traceQuery } from '../trace/trace';
import { isPolicyRef } from '../refs';

const GRAPH_ID = /^(internet|loadbalancer\/[^/]+\/[^/]+|node\/[^/]+|ingress\/[^/]+\/[^/]+|gateway\/[^/]+\/[^/]+|httproute\/[^/]+\/[^/]+|service\/[^/]+\/[^/]+|pod\/[^/]+\/[^/]+)$/;

function describeHop(h: Hop, i: number): string {
  return `hop ${i} (${h.kind} ${h.ref}, ${h.verdict})`;
}

/** What a hop that a policy decided must say. */
function policyHopProblems(h: Hop, i: number): string[] {
  const out: string[] = [];
  const where = describeHop(h, i);
  if (h.direction === undefined) out.push(`${where}: no direction`);
  if (h.verdict === 'drop') {
    if ((h.isolatingPolicies ?? []).length === 0) out.push(`${where}: a policy drop must name the isolating policies`);
    if (h.fix === undefined) out.push(`${where}: a policy drop must carry a fix`);
    if (!isPolicyRef(h.ref)) out.push(`${where}: the acting object of a policy drop is a policy`);
  } else if ((h.policy === undefined || h.rule === undefined) && (h.isolatingPolicies ?? []).length === 0) {
    out.push(`${where}: a policy pass must name the policy and rule, or the isolating policies`);
  }
  return out;
}

/**
 * The hop-level promises of one trace, as a list of what is broken (empty: all kept).
 *
 * @example expect(findTraceProblems(trace)).toEqual([])
 */
export function findTraceProblems(t: Trace): string[] {
  const out: string[] = [];
  if (t.error !== undefined) return out;
  if (t.hops.length === 0) out.push('no hops');
  if (t.verdict === 'deny' && !t.hops.some((h) => h.verdict === 'drop')) out.push('a deny trace must show where it is dropped');
  t.hops.forEach((h, i) => {
    const where = describeHop(h, i);
    if (h.ref.length === 0) out.push(`${where}: no acting object`);
    if (!GRAPH_ID.test(h.at)) out.push(`${where}: at ${h.at} is not a graph id`);
    if (h.reason.trim().length === 0 || h.reason.includes('\n')) out.push(`${where}: the reason must be one sentence`);
    if (h.before === undefined) out.push(`${where}: no packet addresses (before)`);
    if (h.kind === 'policy' || (h.kind === 'dns' && h.direction !== undefined)) out.push(...policyHopProblems(h, i));
    if (h.fix !== undefined) {
      if (!Array.isArray(h.fix.alsoOpens)) out.push(`${where}: fix without alsoOpens`);
      if (h.fix.yaml.trim().length === 0) out.push(`${where}: empty fix`);
    }
  });
  return out;
}

function docKey(doc: unknown): string | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const o = doc as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  if (o.kind !== 'NetworkPolicy' || typeof o.metadata?.name !== 'string') return undefined;
  const ns = typeof o.metadata.namespace === 'string' ? o.metadata.namespace : 'default';
  return `${ns}/${o.metadata.name}`;
}

/**
 * Applies a suggested fix to a multi-document scenario text, as a user would: a `patch` replaces
 * the policy's document, a `new-policy` is appended.
 *
 * @example applySuggestedFix(text, hop.fix!).text // the scenario with the fix in it
 */
export function applySuggestedFix(text: string, fix: SuggestedFix): { text: string; problem?: string } {
  const parsedFix: unknown = parse(fix.yaml);
  if (docKey(parsedFix) !== fix.policy) return { text, problem: `the fix's YAML is not NetworkPolicy ${fix.policy}` };
  if (fix.kind === 'new-policy') return { text: `${text.replace(/\s*$/, '')}\n---\n${fix.yaml}` };
  const docs = text.split(/^---[ \t]*$/m);
  let replaced = false;
  const out = docs.map((doc) => {
    let value: unknown;
    try {
      value = parse(doc);
    } catch {
      return doc;
    }
    if (docKey(value) !== fix.policy) return doc;
    replaced = true;
    return `\n${fix.yaml}`;
  });
  if (!replaced) return { text, problem: `the fix patches ${fix.policy}, which the scenario does not have` };
  return { text: out.join('---') };
}

function sameHop(a: Hop, b: Hop): boolean {
  return a.kind === b.kind && a.at === b.at && a.direction === b.direction;
}

function traceText(text: string, query: Query): Trace {
  return traceQuery(simulate([{ name: 'scenario.yaml', text }]).cluster, query);
}

/**
 * Applies the fix of every policy drop of the query's trace, one after the other (the
 * evaluator fixes one direction at a time), re-simulating each time; a fix that does not get the
 * packet past its hop, a policy drop without a fix, or a `deny` that no fix flips is a problem.
 *
 * @example expect(findFixProblems(text, { from: 'pod/default/a', to: 'pod/default/b:80' }).problems).toEqual([])
 */
export function findFixProblems(
  text: string,
  query: Query,
): { problems: string[]; applied: number; before: Verdict; after: Verdict } {
  const problems: string[] = [];
  let current = traceText(text, query);
  const before = current.verdict;
  let scenario = text;
  let applied = 0;
  for (let step = 0; step < 4; step++) {
    const d = current.hops.find((h) => h.verdict === 'drop');
    if (d === undefined) break;
    const isPolicy = d.kind === 'policy' || (d.kind === 'dns' && d.direction !== undefined);
    if (!isPolicy) break;
    if (d.fix === undefined) {
      problems.push(`${d.kind} drop at ${d.at} has no fix`);
      break;
    }
    const next = applySuggestedFix(scenario, d.fix);
    if (next.problem !== undefined) {
      problems.push(next.problem);
      break;
    }
    scenario = next.text;
    applied++;
    const again = traceText(scenario, query);
    const d2 = again.hops.find((h) => h.verdict === 'drop');
    if (d2 !== undefined && sameHop(d, d2)) {
      problems.push(`applying the fix of the ${d.direction ?? ''} drop at ${d.at} (${d.fix.summary}) does not get past it`);
      break;
    }
    current = again;
  }
  const remaining = current.hops.find((h) => h.verdict === 'drop');
  if (applied > 0 && before === 'deny' && current.verdict !== 'allow' && remaining === undefined) {
    problems.push('every policy drop was fixed but the verdict is still deny');
  }
  if (applied > 0 && before === 'deny' && remaining !== undefined && (remaining.kind === 'policy' || remaining.fix !== undefined)) {
    problems.push(`still dropped at ${remaining.at} after ${applied} fixes`);
  }
  return { problems, applied, before, after: current.verdict };
}

/**
 * One query, held to every promise above: the trace's hop problems, and, when a hop drops with
 * a fix, the fix problems (a `deny` must end `allow` once the fixes are applied).
 *
 * @example expect(auditQuery(text, cluster, { from, to }).problems).toEqual([])
 */
export function auditQuery(text: string, cluster: Cluster, query: Query): { trace: Trace; problems: string[] } {
  const trace = traceQuery(cluster, query);
  const problems = findTraceProblems(trace);
  if (trace.hops.some((h) => h.verdict === 'drop' && h.fix !== undefined)) {
    const fixed = findFixProblems(text, query);
    problems.push(...fixed.problems);
    if (fixed.applied === 0) problems.push('a drop with a fix, but no fix was applied');
    if (trace.verdict === 'deny' && fixed.after !== 'allow') problems.push(`the fixes leave the verdict ${fixed.after}`);
  }
  return { trace, problems };
}
