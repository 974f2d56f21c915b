/**
 * Small helpers for the editor's answers: capped lists, plurals, the label values nearest a
 * typo, and which pods and namespaces a selector picks.
 */
import type { Cluster, ClusterPod, LabelSelector, Labels } from '../types';
import { matchesSelector } from '../match/labels';
import { namespaceLabels } from '../policy/endpoints';

/** Names shown before a list is cut short with "and N more". */
export const LIST_CAP = 8;

/** `1234567` → `1,234,567` (deterministic: no locale). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `2 pods`, `1 pod`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : many}`;
}

/**
 * A list cut after `cap` names: `a, b, c and 4,998 more`.
 *
 * @example capList(['a', 'b', 'c'], 2) // 'a, b and 1 more'
 */
export function capList(names: readonly string[], cap = LIST_CAP): string {
  if (names.length <= cap) return names.join(', ');
  return `${names.slice(0, cap).join(', ')} and ${formatCount(names.length - cap)} more`;
}

/** Edit distance (Levenshtein), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length]!;
}

/** `values` sorted nearest to `wanted` first (then alphabetically). */
export function nearest(values: Iterable<string>, wanted: string): string[] {
  return [...new Set(values)].sort(
    (a, b) => editDistance(a, wanted) - editDistance(b, wanted) || (a < b ? -1 : a > b ? 1 : 0),
  );
}

/** Pods of a namespace (every namespace when undefined) whose labels the selector matches. */
export function podsSelectedBy(
  cluster: Cluster,
  selector: LabelSelector,
  namespace: string | undefined,
): ClusterPod[] {
  return cluster.pods.filter(
    (p) => (namespace === undefined || p.namespace === namespace) && matchesSelector(selector, p.labels),
  );
}

/** Names of the namespaces a namespaceSelector matches (every namespace carries its name label). */
export function namespacesSelectedBy(cluster: Cluster, selector: LabelSelector): string[] {
  const names = new Set<string>(cluster.namespaces.map((n) => n.name));
  for (const p of cluster.pods) names.add(p.namespace);
  return [...names].filter((n) => matchesSelector(selector, namespaceLabels(cluster, n))).sort();
}

/** `default/web-0` for pods of several namespaces, `web-0` when `short` is asked. */
export function podName(pod: ClusterPod, short = false): string {
  return short ? pod.name : `${pod.namespace}/${pod.name}`;
}

/**
 * Why a selector picks nothing, with the label values that do exist among `candidates`:
 * `no pod in default has app=backnd; app is backend, frontend there`.
 */
export function explainNoMatch(
  selector: LabelSelector,
  candidates: readonly Labels[],
  what: string,
): string {
  const reasons: string[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (candidates.some((labels) => labels[key] === value)) continue;
    const values = candidates.map((l) => l[key]).filter((v): v is string => v !== undefined);
    if (values.length > 0) {
      reasons.push(`no ${what} has \`${key}=${value}\`; \`${key}\` is ${capList(nearest(values, value).map((v) => `\`${v}\``), 5)}`);
    } else {
      const keys = candidates.flatMap((l) => Object.keys(l));
      reasons.push(
        keys.length > 0
          ? `no ${what} has the label \`${key}\`; keys there: ${capList(nearest(keys, key).map((k) => `\`${k}\``), 5)}`
          : `there is no ${what} at all`,
      );
    }
  }
  if (reasons.length === 0 && selector.matchExpressions.length > 0)
    reasons.push(`no ${what} meets every matchExpressions requirement`);
  if (reasons.length === 0) reasons.push(`no ${what} has all of these labels together`);
  return reasons.join('; ');
}
