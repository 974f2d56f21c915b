/**
 * Label matching for scheduling and for the graph's shields.
 *
 * WARNING: a local twin of `match/labels.ts` (the policy room's), so this stage builds on its
 * own; both follow the same API rules (matchLabels and matchExpressions all hold).
 */
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../types';

/** One requirement: `In`, `NotIn` (also true without the key), `Exists`, `DoesNotExist`. */
export function matchesRequirement(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels[req.key] : undefined;
  switch (req.operator) {
    case 'In':
      return has && req.values.includes(value ?? '');
    case 'NotIn':
      return !has || !req.values.includes(value ?? '');
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/** Every key=value of `wanted` is in `labels` (a Service selector, a nodeSelector). */
export function matchesLabels(wanted: Labels, labels: Labels): boolean {
  for (const key of Object.keys(wanted)) {
    if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== wanted[key]) return false;
  }
  return true;
}

/** A full LabelSelector; the empty selector matches everything. */
export function matchesLabelSelector(selector: LabelSelector, labels: Labels): boolean {
  return (
    matchesLabels(selector.matchLabels, labels) &&
    selector.matchExpressions.every((req) => matchesRequirement(req, labels))
  );
}
