/**
 * One message per problem: the engine's diagnostics and monaco-yaml's schema markers merged into
 * the one list the editor draws and the status bar counts. Pure (no Monaco), so the status bar
 * (first paint) and the tests use it too.
 *
 * Who reports what:
 * - YAML syntax (and every other YAML-level note) is the engine's: it parses the same text, its
 *   message says which document was skipped, and it is what holds the graph. monaco-yaml's own
 *   parser markers (source `YAML`) are dropped.
 * - Schema checks the engine does not make (a misspelt key, a wrong enum value) stay from
 *   monaco-yaml (source `yaml-schema: …`), unless the engine already reports a problem on the
 *   same line, in the API server's words.
 */
import type { Diagnostic } from '../../../engine';
import { toMonacoMarkers, type MarkerData } from './to-monaco-markers';

/** What monaco-yaml hands Monaco for one marker (Monaco's `IMarkerData`, as plain data). */
export interface SchemaMarker {
  readonly severity: number;
  readonly message: string;
  readonly source?: string;
  readonly code?: string | { readonly value: string };
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
}

export interface Problems {
  /** The engine's markers (owner `netplay`). */
  readonly engine: readonly MarkerData[];
  /** The schema markers kept (owner `yaml`). */
  readonly schema: readonly SchemaMarker[];
  readonly errors: number;
  readonly warnings: number;
  /** The first error, else the first warning (engine first), for the status line. */
  readonly first: { readonly line: number; readonly message: string } | undefined;
}

/** Monaco's MarkerSeverity.Error and .Warning. */
const ERROR = 8;
const WARNING = 4;

/** monaco-yaml marks its schema checks `yaml-schema: <schema>`; parser notes are plain `YAML`. */
function isSchemaCheck(marker: SchemaMarker): boolean {
  return marker.source?.startsWith('yaml-schema') ?? false;
}

/**
 * The merged problems of one file.
 *
 * @example mergeProblems(state.diagnostics, state.schemaMarkers, 'scenario.yaml').errors
 */
export function mergeProblems(
  diagnostics: readonly Diagnostic[],
  schemaMarkers: readonly SchemaMarker[],
  file: string,
  lineCount = Infinity,
): Problems {
  const engine = toMonacoMarkers(diagnostics, file, lineCount);
  const engineLines = new Set(
    engine.filter((m) => m.severity >= WARNING).map((m) => m.startLineNumber),
  );
  const schema = schemaMarkers.filter(
    (m) => isSchemaCheck(m) && !engineLines.has(m.startLineNumber),
  );
  const all = [...engine, ...schema];
  const count = (severity: number) => all.filter((m) => m.severity === severity).length;
  const first = all.find((m) => m.severity === ERROR) ?? all.find((m) => m.severity === WARNING);
  return {
    engine,
    schema,
    errors: count(ERROR),
    warnings: count(WARNING),
    first: first && { line: first.startLineNumber, message: first.message },
  };
}
