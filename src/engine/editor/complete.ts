/**
 * Completions from the cluster: label keys and values that exist (in selectors, matchLabels and
 * labels), namespace names, Service names and ports in Ingress backends, container ports in
 * policy ports and targetPorts, CNI plugin names in the Scenario. The text being typed is often
 * not valid YAML yet, so the context comes from the lines above the cursor (their indentation),
 * and the values from the last analysis whose text could be read.
 */
import type { Cluster, ClusterPod, Labels, SourceRange } from '../types';
import { namespaceLabels } from '../policy/endpoints';
import { CLUSTER_POLICY_REF_KIND } from '../refs';
import { plural } from './words';
import type { EditorCompletion, EditorCompletions, TextPosition } from './types';

/** At most this many items (a 5,000-pod cluster has many label values). */
export const COMPLETION_CAP = 200;

const CNI_PLUGINS: readonly { name: string; detail: string }[] = [
  { name: 'calico', detail: 'enforces NetworkPolicy; routes without an overlay' },
  { name: 'cilium', detail: 'enforces NetworkPolicy (eBPF); VXLAN overlay' },
  { name: 'weave', detail: 'enforces NetworkPolicy; VXLAN overlay' },
  { name: 'flannel', detail: 'does NOT enforce NetworkPolicy; VXLAN overlay' },
];

interface Ancestor {
  readonly key: string;
  readonly line: number;
  readonly column: number;
}

/** What the cursor is typing: a key or the value of `key`, under `ancestors` (innermost first). */
export interface CompletionContext {
  readonly kind: string | undefined;
  readonly namespace: string;
  readonly ancestors: readonly Ancestor[];
  /** The key whose value is being typed; undefined while a key is typed. */
  readonly key: string | undefined;
  /** The word being typed, and where it starts and ends (1-based columns). */
  readonly word: string;
  readonly startColumn: number;
  readonly endColumn: number;
  /** Inside a flow mapping (`{app: we`): no `key: ` suffix needed after a key, but `: `. */
  readonly flow: boolean;
}

const KEY_LINE = /^(\s*)(-\s+)?([^\s#:'"{}[\],][^:#{}[\],]*?|"[^"]*"|'[^']*'):(\s|$)/;
const DASH_ONLY = /^(\s*)-\s*$/;
const unquote = (k: string) => k.replace(/^["']|["']$/g, '');

/** Reads the cursor's context from the text (no YAML parser: the text may not be valid yet). */
export function readCompletionContext(text: string, at: TextPosition): CompletionContext | undefined {
  const lines = text.split('\n');
  const current = lines[at.line - 1];
  if (current === undefined) return undefined;
  const prefix = current.slice(0, at.column - 1);
  if (prefix.includes('#')) return undefined;
  // The document: from the `---` above to the one below.
  let start = at.line - 1;
  while (start > 0 && !/^---(\s|$)/.test(lines[start - 1]!)) start--;
  let end = at.line;
  while (end < lines.length && !/^---(\s|$)/.test(lines[end]!)) end++;
  let kind: string | undefined;
  let namespace = 'default';
  let inMetadata = false;
  for (let i = start; i < end; i++) {
    const l = lines[i]!;
    const k = /^kind:\s*([A-Za-z]+)/.exec(l);
    if (k) kind = k[1];
    if (/^metadata:/.test(l)) inMetadata = true;
    else if (/^\S/.test(l)) inMetadata = false;
    const ns = /^\s{2}namespace:\s*([a-z0-9-]+)/.exec(l) ?? /^metadata:\s*\{.*namespace:\s*([a-z0-9-]+)/.exec(l);
    if (ns && (inMetadata || l.startsWith('metadata:'))) namespace = ns[1]!;
  }

  // The word under the cursor.
  const wordStart = prefix.search(/[^\s{},:[\]]*$/);
  let wordEnd = at.column - 1;
  while (wordEnd < current.length && !/[\s{},:[\]]/.test(current[wordEnd]!)) wordEnd++;
  const word = prefix.slice(wordStart);

  const ancestors: Ancestor[] = [];
  let key: string | undefined;
  let flow = false;
  let want: number;
  const open = prefix.lastIndexOf('{');
  if (open !== -1 && prefix.indexOf('}', open) === -1) {
    // Inside a flow mapping: `matchLabels: {app: we` or `labels: {ap`.
    flow = true;
    const inner = prefix.slice(open + 1);
    const entry = inner.slice(inner.lastIndexOf(',') + 1);
    const colon = entry.indexOf(':');
    key = colon === -1 ? undefined : unquote(entry.slice(0, colon).trim());
    const parent = /([A-Za-z0-9_./-]+):\s*$/.exec(prefix.slice(0, open));
    if (parent) ancestors.push({ key: parent[1]!, line: at.line, column: prefix.slice(0, open).lastIndexOf(parent[1]!) + 1 });
    want = current.search(/\S|$/);
    if (/^\s*-\s/.test(current)) want = current.indexOf('-');
    else if (parent) want = prefix.slice(0, open).lastIndexOf(parent[1]!);
  } else {
    const m = KEY_LINE.exec(prefix);
    if (m && prefix.slice(m[0].length - m[4]!.length).trim() !== undefined && /:\s/.test(prefix.slice(m[1]!.length + (m[2]?.length ?? 0)))) {
      key = unquote(m[3]!.trim());
      want = m[1]!.length + (m[2]?.length ?? 0);
      if (m[2]) {
        // `- key: value`: the item is inside the list whose key is at or left of the dash.
        ancestors.push({ key: '-', line: at.line, column: m[1]!.length + 1 });
        want = m[1]!.length;
      }
    } else {
      const dash = /^(\s*)-\s+/.exec(prefix);
      want = dash ? dash[1]!.length : prefix.search(/\S|$/);
      if (dash) ancestors.push({ key: '-', line: at.line, column: dash[1]!.length + 1 });
      key = undefined;
    }
  }
  // Lines above: each one less indented than the last ancestor is the next ancestor.
  let allowEqual = ancestors.at(-1)?.key === '-';
  for (let i = at.line - 2; i >= start && want > 0; i--) {
    const l = lines[i]!;
    if (!/\S/.test(l) || /^\s*#/.test(l)) continue;
    const m = KEY_LINE.exec(l);
    const dashOnly = DASH_ONLY.exec(l);
    if (m?.[2] || dashOnly) {
      const dashColumn = (m?.[1] ?? dashOnly![1]!).length;
      if (dashColumn >= want) continue;
      const keyColumn = m ? m[1]!.length + m[2]!.length : Infinity;
      if (m && keyColumn < want) ancestors.push({ key: unquote(m[3]!.trim()), line: i + 1, column: keyColumn + 1 });
      ancestors.push({ key: '-', line: i + 1, column: dashColumn + 1 });
      want = dashColumn;
      allowEqual = true;
      continue;
    }
    if (!m) continue;
    const column = m[1]!.length;
    if (column < want || (allowEqual && column === want)) {
      ancestors.push({ key: unquote(m[3]!.trim()), line: i + 1, column: column + 1 });
      want = column;
      allowEqual = false;
    }
  }
  return {
    kind,
    namespace,
    ancestors: ancestors.filter((a) => a.key !== '-'),
    key,
    word,
    startColumn: wordStart + 1,
    endColumn: wordEnd + 1,
    flow,
  };
}

function countBy(values: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

function labelItems(
  labelSets: readonly Labels[],
  key: string | undefined,
  what: string,
  flow: boolean,
): EditorCompletion[] {
  if (key === undefined) {
    const keys = countBy(labelSets.flatMap((l) => Object.keys(l)));
    return [...keys.entries()].map(([k, n]) => ({
      label: k,
      insertText: flow ? `${k}: ` : `${k}: `,
      kind: 'label-key',
      detail: `label key on ${plural(n, what)}`,
    }));
  }
  const values = countBy(labelSets.flatMap((l) => (l[key] !== undefined ? [l[key]] : [])));
  return [...values.entries()].map(([v, n]) => ({
    label: v,
    insertText: v,
    kind: 'label-value',
    detail: `${key}=${v} on ${plural(n, what)}`,
  }));
}

function containerPortItems(pods: readonly ClusterPod[], namesOnly: boolean): EditorCompletion[] {
  const named = new Map<string, Set<string>>();
  const numbers = new Map<number, number>();
  for (const pod of pods)
    for (const p of pod.containerPorts) {
      if (p.name) named.set(p.name, (named.get(p.name) ?? new Set()).add(`${p.containerPort}`));
      numbers.set(p.containerPort, (numbers.get(p.containerPort) ?? 0) + 1);
    }
  const items: EditorCompletion[] = [...named.entries()].map(([name, ports]) => ({
    label: name,
    insertText: name,
    kind: 'port-name',
    detail: `container port ${[...ports].join(', ')}`,
  }));
  if (!namesOnly)
    for (const [n, count] of numbers)
      items.push({ label: String(n), insertText: String(n), kind: 'port', detail: `container port on ${plural(count, 'pod')}` });
  return items;
}

const has = (ctx: CompletionContext, key: string) => ctx.ancestors.some((a) => a.key === key);
const parentIs = (ctx: CompletionContext, ...keys: string[]) => keys.includes(ctx.ancestors[0]?.key ?? '');

/** The sibling `name:` of the nearest `service:` above (an Ingress backend's Service). */
function backendServiceName(text: string, ctx: CompletionContext): string | undefined {
  const service = ctx.ancestors.find((a) => a.key === 'service');
  if (!service) return undefined;
  const lines = text.split('\n');
  const line = lines[service.line - 1] ?? '';
  const flow = /service:\s*\{[^}]*\bname:\s*([a-z0-9-]+)/.exec(line);
  if (flow) return flow[1];
  for (let i = service.line; i < lines.length; i++) {
    const l = lines[i]!;
    const indent = l.search(/\S/);
    if (indent !== -1 && indent < service.column) break;
    const m = /^\s*name:\s*([a-z0-9-]+)/.exec(l);
    if (m && indent === l.search(/name:/)) return m[1];
  }
  return undefined;
}

function podsIn(cluster: Cluster, namespace: string): ClusterPod[] {
  const pods = cluster.pods.filter((p) => p.namespace === namespace && !p.implicit);
  return pods.length > 0 ? pods : cluster.pods.filter((p) => !p.implicit);
}

function itemsFor(cluster: Cluster, text: string, ctx: CompletionContext): EditorCompletion[] {
  const { key } = ctx;
  // Scenario: the CNI plugin.
  if (ctx.kind === 'Scenario' && key === 'cni' && ctx.ancestors.length === 0)
    return CNI_PLUGINS.map((c) => ({ label: c.name, insertText: c.name, kind: 'cni', detail: c.detail }));
  // metadata.namespace (and the namespace of anything else).
  if (key === 'namespace' && parentIs(ctx, 'metadata'))
    return cluster.namespaces.map((n) => ({ label: n.name, insertText: n.name, kind: 'namespace', detail: plural(cluster.pods.filter((p) => p.namespace === n.name).length, 'pod') }));
  // Cluster policies select across namespaces: `namespaces` is a namespace selector, `nodes` a node selector.
  const clusterPolicy = ctx.kind !== undefined && Object.hasOwn(CLUSTER_POLICY_REF_KIND, ctx.kind);
  // Label selectors: matchLabels of a namespaceSelector (namespace labels) or of a podSelector.
  if (parentIs(ctx, 'matchLabels')) {
    if (has(ctx, 'namespaceSelector') || (clusterPolicy && has(ctx, 'namespaces'))) {
      const labelSets = cluster.namespaces.map((n) => namespaceLabels(cluster, n.name));
      return labelItems(labelSets, key, 'namespace', ctx.flow);
    }
    if (clusterPolicy && has(ctx, 'nodes')) return labelItems(cluster.nodes.map((n) => n.labels), key, 'node', ctx.flow);
    const scoped = has(ctx, 'from') || has(ctx, 'to') || clusterPolicy ? cluster.pods.filter((p) => !p.implicit) : podsIn(cluster, ctx.namespace);
    return labelItems(scoped.map((p) => p.labels), key, 'pod', ctx.flow);
  }
  if (ctx.kind === 'Service' && parentIs(ctx, 'selector') && has(ctx, 'spec'))
    return labelItems(podsIn(cluster, ctx.namespace).map((p) => p.labels), key, 'pod', ctx.flow);
  if (parentIs(ctx, 'labels') && has(ctx, 'metadata'))
    return labelItems(podsIn(cluster, ctx.namespace).map((p) => p.labels), key, 'pod', ctx.flow);
  // Ingress backends: Service names, then their ports.
  if (ctx.kind === 'Ingress' && has(ctx, 'service')) {
    const services = cluster.services.filter((s) => s.namespace === ctx.namespace && !s.implicit);
    if (key === 'name' && parentIs(ctx, 'service'))
      return services.map((s) => ({ label: s.name, insertText: s.name, kind: 'service', detail: `${s.type} · ports ${s.ports.map((p) => p.port).join(', ')}` }));
    if (parentIs(ctx, 'port') && (key === 'number' || key === 'name')) {
      const name = backendServiceName(text, ctx);
      const service = services.find((s) => s.name === name);
      const ports = service ? service.ports : services.flatMap((s) => s.ports);
      return key === 'number'
        ? ports.map((p) => ({ label: String(p.port), insertText: String(p.port), kind: 'port', detail: `${service ? `${service.name} ` : ''}port ${p.port}/${p.protocol}${p.name ? ` (${p.name})` : ''}` }))
        : ports.flatMap((p) => (p.name ? [{ label: p.name, insertText: p.name, kind: 'port-name', detail: `port ${p.port}/${p.protocol}` }] : []));
    }
  }
  // NetworkPolicy ports: container port names (named ports) and numbers.
  if (ctx.kind === 'NetworkPolicy' && key === 'port' && has(ctx, 'ports'))
    return containerPortItems(podsIn(cluster, ctx.namespace), false);
  // Cluster policies' named ports (v1alpha2 `destinationNamedPort`, v1alpha1 `namedPort`).
  if (clusterPolicy && (key === 'destinationNamedPort' || key === 'namedPort'))
    return containerPortItems(cluster.pods.filter((p) => !p.implicit), true);
  // Service targetPort: what the selected pods expose.
  if (ctx.kind === 'Service' && key === 'targetPort') {
    return containerPortItems(podsIn(cluster, ctx.namespace), false);
  }
  return [];
}

/**
 * The completions at `at` in `text`, with values from `cluster` (the last good analysis).
 * Undefined when the cursor is on nothing the cluster can complete.
 *
 * @example completeAt(cluster, 'spec:\n  selector:\n    app: ', { line: 3, column: 10 })?.items[0]; // { label: 'backend', kind: 'label-value', ... }
 */
export function completeAt(cluster: Cluster, text: string, at: TextPosition, file = 'scenario.yaml'): EditorCompletions | undefined {
  const ctx = readCompletionContext(text, at);
  if (!ctx) return undefined;
  const items = itemsFor(cluster, text, ctx);
  if (items.length === 0) return undefined;
  // Monaco filters as the user types; the cap keeps a 5,000-pod cluster's list small.
  const word = ctx.word.toLowerCase();
  const matching = word === '' ? items : items.filter((i) => i.label.toLowerCase().includes(word));
  const sorted = (matching.length > 0 ? matching : items).sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const range: SourceRange = { file, startLine: at.line, startColumn: ctx.startColumn, endLine: at.line, endColumn: ctx.endColumn };
  const capped = sorted.slice(0, COMPLETION_CAP);
  return { range, items: capped };
}
