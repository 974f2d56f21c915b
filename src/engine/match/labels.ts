/**
 * Label selectors, as the API server evaluates `metav1.LabelSelector`.
 *
 * Kubernetes rule (Labels and Selectors, "Resources that support set-based requirements"):
 * `matchLabels` and every `matchExpressions` requirement must all hold; an empty selector
 * (`{}`) selects everything.
 */
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../types';

function hasKey(labels: Labels, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

/**
 * Whether one requirement holds. `NotIn` also holds for objects without the key, and
 * `DoesNotExist` only for those.
 *
 * @example matchesRequirement({ key: 'env', operator: 'NotIn', values: ['prod'] }, {}) // true
 */
export function matchesRequirement(requirement: LabelSelectorRequirement, labels: Labels): boolean {
  const present = hasKey(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return present && requirement.values.includes(labels[requirement.key]!);
    case 'NotIn':
      return !present || !requirement.values.includes(labels[requirement.key]!);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    default:
      // An unknown operator is rejected by validation; it selects nothing here.
      return false;
  }
}

/**
 * Whether `labels` satisfy the selector: every `matchLabels` pair and every requirement.
 *
 * @example
 * matchesSelector({ matchLabels: { app: 'web' }, matchExpressions: [] }, { app: 'web', tier: 'x' }) // true
 * matchesSelector({ matchLabels: {}, matchExpressions: [] }, {}) // true: {} selects everything
 */
export function matchesSelector(selector: LabelSelector, labels: Labels): boolean {
  // `for…in` over a plain label map (no inherited enumerable keys) walks its own keys without
  // the array `Object.keys` allocates: this runs per selector × label set, in every stage.
  const wanted = selector.matchLabels;
  for (const key in wanted) {
    if (!hasKey(labels, key) || labels[key] !== wanted[key]) return false;
  }
  for (const requirement of selector.matchExpressions) {
    if (!matchesRequirement(requirement, labels)) return false;
  }
  return true;
}

/**
 * Every key=value of `wanted` is in `labels`: a Service's `selector`, a pod's `nodeSelector`
 * (plain maps, no expressions; an empty map matches everything).
 *
 * @example matchesLabels({ app: 'web' }, { app: 'web', tier: 'x' }) // true
 */
export function matchesLabels(wanted: Labels, labels: Labels): boolean {
  for (const key in wanted) {
    if (!hasKey(labels, key) || labels[key] !== wanted[key]) return false;
  }
  return true;
}

/** True for `{}`: no labels and no expressions, which selects every object. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** Every label key the selector reads (for projecting label sets onto what matters). */
export function selectorKeys(selector: LabelSelector): string[] {
  return [...Object.keys(selector.matchLabels), ...selector.matchExpressions.map((r) => r.key)];
}

/**
 * The selector in `kubectl` syntax, for explanations.
 *
 * @example formatSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['a', 'b'] }] })
 * // 'app=web,env in (a,b)'
 */
export function formatSelector(selector: LabelSelector): string {
  const parts = Object.keys(selector.matchLabels)
    .sort()
    .map((k) => `${k}=${selector.matchLabels[k]!}`);
  for (const r of selector.matchExpressions) {
    switch (r.operator) {
      case 'In':
        parts.push(`${r.key} in (${r.values.join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${r.key} notin (${r.values.join(',')})`);
        break;
      case 'Exists':
        parts.push(r.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${r.key}`);
        break;
    }
  }
  return parts.length === 0 ? '{}' : parts.join(',');
}

/** A selector back in manifest shape (for YAML a fix writes): empty parts left out. */
export function selectorToManifest(s: LabelSelector): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Object.keys(s.matchLabels).length > 0) out['matchLabels'] = { ...s.matchLabels };
  if (s.matchExpressions.length > 0) {
    out['matchExpressions'] = s.matchExpressions.map((r) =>
      r.operator === 'Exists' || r.operator === 'DoesNotExist'
        ? { key: r.key, operator: r.operator }
        : { key: r.key, operator: r.operator, values: [...r.values] },
    );
  }
  return out;
}
