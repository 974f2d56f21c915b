/**
 * Quick fixes: for each engine diagnostic with an obvious fix, the edits that make it. A
 * nodePort out of range (or taken) → the next free port in 30000-32767; a selector that
 * matches nothing → the label values that exist; a targetPort no pod exposes → the ports the
 * pods have; an Ingress backend naming a missing Service or port → those that exist. Every edit
 * carries the text it replaces, so the editor refuses a fix whose target changed meanwhile.
 */
import type { Analysis, Cluster, Diagnostic, ManifestDocument, SourceRange } from '../types';
import { documentAt } from './locate';
import { nearest } from './words';
import type { GuardedEdit, QuickFix } from './types';

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
/** Alternatives offered for one diagnostic at most. */
const FIX_CAP = 5;

/** The text a range covers (1-based, end exclusive), from the text's lines. */
export function textAt(lines: readonly string[], r: SourceRange): string {
  if (r.startLine === r.endLine) return (lines[r.startLine - 1] ?? '').slice(r.startColumn - 1, r.endColumn - 1);
  const parts = [(lines[r.startLine - 1] ?? '').slice(r.startColumn - 1)];
  for (let l = r.startLine + 1; l < r.endLine; l++) parts.push(lines[l - 1] ?? '');
  parts.push((lines[r.endLine - 1] ?? '').slice(0, r.endColumn - 1));
  return parts.join('\n');
}

/** The lowest port in the NodePort range no Service of the cluster holds (for that protocol). */
export function nextFreeNodePort(cluster: Cluster, protocol: string): number | undefined {
  const used = new Set<number>();
  for (const s of cluster.services) for (const p of s.ports) if (p.nodePort !== undefined && p.protocol === protocol) used.add(p.nodePort);
  for (let port = NODE_PORT_MIN; port <= NODE_PORT_MAX; port++) if (!used.has(port)) return port;
  return undefined;
}

/** A YAML scalar as it must be written (quoted when plain style would read it as something else). */
function scalar(value: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~|\d+(\.\d+)?)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

function replace(lines: readonly string[], range: SourceRange, text: string): GuardedEdit {
  return { range, expected: textAt(lines, range), text };
}

function fixesOf(cluster: Cluster, doc: ManifestDocument, d: Diagnostic, lines: readonly string[]): QuickFix[] {
  const path = d.path ?? '';
  const ranges = doc.fieldRanges;
  const at = ranges[path] ?? d.range;
  if (!at) return [];
  const make = (title: string, edits: GuardedEdit[], preferred: boolean): QuickFix => ({ title, code: d.code, range: d.range ?? at, edits, preferred });
  const meta = (doc.object['metadata'] ?? {}) as Record<string, unknown>;
  const namespace = typeof meta['namespace'] === 'string' && meta['namespace'] !== '' ? meta['namespace'] : 'default';
  const spec = (doc.object['spec'] ?? {}) as Record<string, unknown>;

  switch (d.code) {
    case 'service.nodeport.range':
    case 'service.nodeport.allocated': {
      const m = /^spec\.ports\[(\d+)\]\.nodePort$/.exec(path);
      if (!m || !ranges[path]) return [];
      const port = (spec['ports'] as Record<string, unknown>[] | undefined)?.[Number(m[1])];
      const protocol = typeof port?.['protocol'] === 'string' ? port['protocol'] : 'TCP';
      const free = nextFreeNodePort(cluster, protocol);
      return free === undefined ? [] : [make(`Use nodePort ${free} (the next free port in ${NODE_PORT_MIN}-${NODE_PORT_MAX})`, [replace(lines, ranges[path], String(free))], true)];
    }
    case 'service.selector.no-match':
    case 'networkpolicy.selects-nothing': {
      const base = d.code === 'service.selector.no-match' ? 'spec.selector' : 'spec.podSelector.matchLabels';
      const pods = cluster.pods.filter((p) => p.namespace === namespace && !p.implicit);
      const fixes: QuickFix[] = [];
      for (const [field, range] of Object.entries(ranges)) {
        if (!field.startsWith(`${base}.`)) continue;
        const key = field.slice(base.length + 1);
        if (key.includes('.') || key.includes('[')) continue;
        const current = textAt(lines, range).replace(/^["']|["']$/g, '');
        const values = pods.map((p) => p.labels[key]).filter((v): v is string => v !== undefined);
        if (values.includes(current)) continue;
        for (const value of nearest(values, current).slice(0, FIX_CAP)) {
          const count = values.filter((v) => v === value).length;
          fixes.push(make(`Select ${key}: ${value} (${count} pod${count === 1 ? '' : 's'} in ${namespace})`, [replace(lines, range, scalar(value))], fixes.length === 0));
        }
      }
      return fixes;
    }
    case 'service.targetport.unexposed': {
      const m = /^spec\.ports\[(\d+)\]\.targetPort$/.exec(path);
      if (!m || !ranges[path]) return [];
      const service = cluster.services.find((s) => s.namespace === namespace && s.name === meta['name']);
      const sp = service?.ports[Number(m[1])];
      if (!service?.selector || !sp) return [];
      const pods = cluster.pods.filter((p) => p.namespace === namespace && Object.entries(service.selector!).every(([k, v]) => p.labels[k] === v));
      const offers = new Map<string, string>();
      for (const pod of pods)
        for (const cp of pod.containerPorts) {
          if (cp.protocol !== sp.protocol) continue;
          if (cp.name && !offers.has(cp.name)) offers.set(cp.name, `Use targetPort ${cp.name} (${cp.containerPort} on ${pod.name})`);
          if (!offers.has(String(cp.containerPort))) offers.set(String(cp.containerPort), `Use targetPort ${cp.containerPort} (declared by ${pod.name})`);
        }
      return [...offers.entries()].slice(0, FIX_CAP).map(([value, title], i) => make(title, [replace(lines, ranges[path]!, scalar(value) === value ? value : JSON.stringify(value))], i === 0));
    }
    case 'ingress.backend.service-missing': {
      if (!ranges[path]) return [];
      const wanted = textAt(lines, ranges[path]).replace(/^["']|["']$/g, '');
      const names = cluster.services.filter((s) => s.namespace === namespace && !s.implicit).map((s) => s.name);
      return nearest(names, wanted).slice(0, FIX_CAP).map((name, i) => make(`Use Service ${name}`, [replace(lines, ranges[path]!, scalar(name))], i === 0));
    }
    case 'ingress.backend.port-missing': {
      if (!ranges[path]) return [];
      const serviceName = ranges[path.replace(/\.port\.(number|name)$/, '.name')];
      const name = serviceName ? textAt(lines, serviceName).replace(/^["']|["']$/g, '') : undefined;
      const service = cluster.services.find((s) => s.namespace === namespace && s.name === name);
      if (!service) return [];
      const numbered = path.endsWith('.number');
      const values = service.ports.flatMap((p) => (numbered ? [String(p.port)] : p.name ? [p.name] : []));
      return values.slice(0, FIX_CAP).map((v, i) => make(`Use port ${v} of Service ${service.name}`, [replace(lines, ranges[path]!, v)], i === 0));
    }
    default:
      return [];
  }
}

/**
 * The quick fixes for the diagnostics on lines `startLine`-`endLine` of `text` (the text the
 * analysis and documents were made from).
 *
 * @example quickFixesAt(analysis, documents, text, 12, 12)[0]?.title; // 'Use nodePort 30000 (the next free port in 30000-32767)'
 */
export function quickFixesAt(
  analysis: Pick<Analysis, 'cluster' | 'diagnostics'>,
  documents: readonly ManifestDocument[],
  text: string,
  startLine: number,
  endLine: number,
): QuickFix[] {
  const lines = text.split('\n');
  const out: QuickFix[] = [];
  for (const d of analysis.diagnostics) {
    const r = d.range;
    if (!r || r.endLine < startLine || r.startLine > endLine) continue;
    const doc = documentAt(documents, { line: r.startLine, column: r.startColumn });
    if (!doc) continue;
    out.push(...fixesOf(analysis.cluster, doc, d, lines));
  }
  return out;
}

/**
 * The text after the edits, or undefined when any edit's target no longer holds the text it
 * expects (the fix is then refused and nothing changes). Edits must not overlap.
 *
 * @example applyGuardedEdits('a: 1', [{ range, expected: '1', text: '2' }]) // 'a: 2'
 */
export function applyGuardedEdits(text: string, edits: readonly GuardedEdit[]): string | undefined {
  const lines = text.split('\n');
  if (edits.some((e) => textAt(lines, e.range) !== e.expected)) return undefined;
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const offset = (line: number, column: number) => (starts[line - 1] ?? text.length) + column - 1;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.startLine, b.range.startColumn) - offset(a.range.startLine, a.range.startColumn))) {
    out = out.slice(0, offset(e.range.startLine, e.range.startColumn)) + e.text + out.slice(offset(e.range.endLine, e.range.endColumn));
  }
  return out;
}
