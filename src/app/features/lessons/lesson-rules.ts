/**
 * The rules every lesson folder keeps (checked by the lessons tests, so a teacher's new lesson is
 * checked by CI): the course's required slugs and how small a fix must be. Pure: no Node, no DOM.
 */

/** The course, in order: one lesson per section of the tutorial, then the classic traps. */
export const REQUIRED_LESSON_SLUGS = [
  'golden-rules',
  'clusterip',
  'nodeport',
  'loadbalancer',
  'ingress',
  'cni',
  'flannel',
  'default-deny',
  'frontend-to-backend',
  'backend-to-database',
  'full-flow',
  'and-vs-or',
  'empty-rules',
  'dns-egress',
  'ingress-controller-source',
  'client-ip',
  'service-port-vs-target-port',
  'selector-typo',
] as const;

/** A fix, not a rewrite: at most this many lines removed plus added between start and solution. */
export const MAX_CHANGED_LINES = 15;

/** A lesson link with the learner's edits stays short enough to paste anywhere. */
export const MAX_EDITED_LINK_CHARS = 1000;

/**
 * Lines removed plus lines added between two texts (from their longest common subsequence of
 * lines), the figure a unified diff would show.
 *
 * @example countChangedLines('a\nb\nc', 'a\nx\nc') // 2
 */
export function countChangedLines(before: string, after: string): number {
  const a = before.replace(/\r\n?/g, '\n').split('\n');
  const b = after.replace(/\r\n?/g, '\n').split('\n');
  // One row of the LCS table at a time: O(a*b) time, O(b) memory.
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      current[j] =
        a[i - 1] === b[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    previous = current;
  }
  const common = previous[b.length] ?? 0;
  return a.length - common + (b.length - common);
}
