/**
 * The source outline of an analysis: for each NetworkPolicy, Service, Ingress, Gateway, HTTPRoute
 * and cluster-scoped policy (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy), its document
 * range and the spans of its rules and selectors, from the parser's field ranges. The editor
 * reads it (policy highlights, code lenses) and never parses the text itself.
 */
import type { ManifestDocument, ObjectOutline, SourceRange } from '../types';
import { CLUSTER_POLICY_REF_KIND, objectRef, policyRef, type PolicyKind, type RefKind } from '../refs';
import { moveRange } from '../manifest/parse';

const OUTLINED: Readonly<Record<string, RefKind>> = {
  NetworkPolicy: 'networkpolicy',
  Service: 'service',
  Ingress: 'ingress',
  Gateway: 'gateway',
  HTTPRoute: 'httproute',
};


/**
 * The paths whose spans the editor needs: selectors, rules, peers, ports, Ingress paths and
 * backends; for cluster policies also the tier, priority, subject, each rule's action and the
 * forms of its peers (`namespaces`, `pods`, `networks`, `nodes`, `domainNames`) and ports
 * (`protocols[k].tcp`, v1alpha1 `ports[k].portNumber`, ...).
 */
const SPAN_PATH =
  /^(metadata\.name|spec\.(podSelector|selector|ingress|egress|defaultBackend|rules|tier|priority|subject)|spec\.subject\.(namespaces|pods)|spec\.(ingress|egress)\[\d+\](\.(name|action)|\.(from|to|ports|protocols)(\[\d+\](\.(podSelector|namespaceSelector|ipBlock|namespaces|pods|networks|nodes|domainNames|tcp|udp|sctp|destinationNamedPort|portNumber|portRange|namedPort))?)?)?|spec\.ports\[\d+\]|spec\.rules\[\d+\](\.http\.paths\[\d+\](\.backend)?)?)$/;

/**
 * Gateway API spans: a Gateway's class and listeners (each with its hostname, port, protocol,
 * tls and allowedRoutes); an HTTPRoute's parentRefs, hostnames and each rule with its matches,
 * filters and backendRefs, so the editor can light the rule (and the match) that won.
 */
const GATEWAY_SPAN_PATH =
  /^(spec\.(gatewayClassName|hostnames)|spec\.(listeners|parentRefs)(\[\d+\])?|spec\.listeners\[\d+\]\.(hostname|port|protocol|tls|allowedRoutes)|spec\.rules\[\d+\]\.(matches|filters|backendRefs)(\[\d+\])?)$/;

const isSpanPath = (path: string): boolean => SPAN_PATH.test(path) || GATEWAY_SPAN_PATH.test(path);

const before = (a: SourceRange, line: number, column: number) =>
  a.startLine < line || (a.startLine === line && a.startColumn < column);
const after = (a: SourceRange, line: number, column: number) =>
  a.endLine > line || (a.endLine === line && a.endColumn > column);

/** The smallest range covering both. */
export function coverRanges(a: SourceRange | undefined, b: SourceRange): SourceRange {
  if (!a) return b;
  const start = before(b, a.startLine, a.startColumn) ? b : a;
  const end = after(b, a.endLine, a.endColumn) ? b : a;
  if (start === a && end === a) return a;
  return {
    file: a.file,
    startLine: start.startLine,
    startColumn: start.startColumn,
    endLine: end.endLine,
    endColumn: end.endColumn,
  };
}

/** Every prefix of a field path that ends a segment: `a.b[0].c` → `a`, `a.b`, `a.b[0]`, `a.b[0].c`. */
function pathPrefixes(path: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    if (c === '.' || c === '[') out.push(path.slice(0, i));
  }
  out.push(path);
  return out;
}

/**
 * The prefixes of a path that are span paths. Documents repeat the same paths, and every
 * keystroke outlines every document again: the answer (a function of the text alone) is kept,
 * up to a bound so a long session cannot grow it without end.
 */
const spanPrefixMemo = new Map<string, readonly string[]>();
function spanPrefixes(path: string): readonly string[] {
  let hit = spanPrefixMemo.get(path);
  if (hit === undefined) {
    hit = pathPrefixes(path).filter(isSpanPath);
    if (spanPrefixMemo.size >= 50_000) spanPrefixMemo.clear();
    spanPrefixMemo.set(path, hit);
  }
  return hit;
}

/** The spans of the interesting fields of one document: each covers the field and everything under it. */
export function buildSpans(
  fieldRanges: Readonly<Record<string, SourceRange>>,
): Record<string, SourceRange> {
  const spans: Record<string, SourceRange> = {};
  for (const path of Object.keys(fieldRanges)) {
    const range = fieldRanges[path]!;
    for (const prefix of spanPrefixes(path)) spans[prefix] = coverRanges(spans[prefix], range);
  }
  return spans;
}

/**
 * Each document's spans, by its parsed object (the parse cache hands back the same object for
 * a document whose text did not change, moved or not), with the line the document started on
 * and its file. A keystroke moves the documents below it by whole lines: their spans are the
 * kept ones moved by as many lines, without reading (or making) their field ranges again.
 */
const spansMemo = new WeakMap<object, { readonly file: string; readonly line: number; readonly spans: Readonly<Record<string, SourceRange>> }>();

function spansOf(doc: ManifestDocument): Readonly<Record<string, SourceRange>> {
  const line = doc.range.startLine;
  const known = spansMemo.get(doc.object);
  if (known !== undefined && known.file === doc.range.file) {
    if (known.line === line) return known.spans;
    const dl = line - known.line;
    const spans: Record<string, SourceRange> = {};
    for (const path of Object.keys(known.spans)) spans[path] = moveRange(known.spans[path]!, dl);
    spansMemo.set(doc.object, { file: known.file, line, spans });
    return spans;
  }
  const spans = buildSpans(doc.fieldRanges);
  spansMemo.set(doc.object, { file: doc.range.file, line, spans });
  return spans;
}

/**
 * The outline of the documents an analysis was built from.
 *
 * @example
 * buildSourceOutline(parsed.documents)[0]; // { ref: 'networkpolicy/default/deny', spans: { 'spec.ingress[0]': {...} } }
 */
export function buildSourceOutline(documents: readonly ManifestDocument[]): ObjectOutline[] {
  const out: ObjectOutline[] = [];
  for (const doc of documents) {
    const kind = OUTLINED[doc.kind];
    const clusterKind = (CLUSTER_POLICY_REF_KIND as Readonly<Record<string, PolicyKind>>)[doc.kind];
    if (kind === undefined && clusterKind === undefined) continue;
    const metadata = doc.object['metadata'];
    const meta =
      typeof metadata === 'object' && metadata !== null
        ? (metadata as Record<string, unknown>)
        : {};
    const name = typeof meta['name'] === 'string' ? meta['name'] : '';
    if (clusterKind !== undefined) {
      // Cluster-scoped: a namespace written on it is ignored, so it is not part of the key.
      if (name !== '') out.push({ ref: policyRef(clusterKind, name), kind: doc.kind, range: doc.range, spans: spansOf(doc) });
      continue;
    }
    if (kind === undefined) continue;
    const namespace =
      typeof meta['namespace'] === 'string' && meta['namespace'] !== ''
        ? meta['namespace']
        : 'default';
    if (name === '') continue;
    out.push({
      ref: objectRef(kind, namespace, name),
      kind: doc.kind,
      range: doc.range,
      spans: spansOf(doc),
    });
  }
  return out;
}
