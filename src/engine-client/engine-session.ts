/**
 * The per-worker state of the engine: the one place where a worker (the browser's, the CLI's,
 * or the in-process twin) keeps caches between requests. Everything else on the worker side
 * is a pure function of a request and this session.
 */
import type {
  Analysis,
  InputFile,
  Protocol,
  ReachabilityMatrix,
  SimulateOptions,
} from '../engine';
import { analyseDocuments, computeMatrix, createParseCache, type AnalysedDocuments } from '../engine';

/** Which port class the matrix is of (none: every port class). */
export interface MatrixSelection {
  readonly port?: number | string;
  readonly protocol?: Protocol;
}

export interface EngineSession {
  /** The analysis of `files` (reused when the files and options are the last ones analysed). */
  analyse(files: readonly InputFile[], options: SimulateOptions | undefined): Analysis;
  /** The matrix of `analysis` (reused when the same analysis and selection are asked again). */
  matrix(analysis: Analysis, selection: MatrixSelection): ReachabilityMatrix;
  /** `analyse`, with the parsed documents (field ranges) the editor's questions need. */
  analyseDocuments(files: readonly InputFile[], options: SimulateOptions | undefined): AnalysedDocuments;
  /**
   * The last analysis whose text could be read as a whole (no YAML syntax error): hovers and
   * completions answer from it, marked stale, while the text does not parse.
   */
  lastReadable(): (AnalysedDocuments & { readonly text: string }) | undefined;
  /** The analysis of `files` if it is the last one made, without making one. */
  cached(files: readonly InputFile[], options: SimulateOptions | undefined): AnalysedDocuments | undefined;
}

/** Diagnostics that mean the text could not be read as a whole (as the app's graph holds on them). */
const UNREADABLE = new Set([
  'yaml.syntax',
  'yaml.alias-limit',
  'input.too-large',
  'document.not-mapping',
  'document.missing-type',
]);

/** True when the analysis read every document of its text. */
export function isReadable(analysis: Analysis): boolean {
  return !analysis.diagnostics.some((d) => UNREADABLE.has(d.code));
}


function sameOptions(a: SimulateOptions | undefined, b: SimulateOptions | undefined): boolean {
  return a?.cni === b?.cni && a?.nodes === b?.nodes;
}

function sameFiles(a: readonly InputFile[], b: readonly InputFile[]): boolean {
  return a.length === b.length && a.every((f, i) => f.name === b[i]!.name && f.text === b[i]!.text);
}

/**
 * Makes a session with one-entry caches: the parsed YAML documents, the last analysed files (a trace after a simulate of
 * the same text does not rebuild the cluster) and the last matrix (reopening the matrix view
 * does not recompute it).
 *
 * @example
 * const session = createEngineSession();
 * session.analyse([{ name: 'scenario.yaml', text }], {}).graph.nodes.length;
 */
export function createEngineSession(): EngineSession {
  let lastAnalysis:
    | {
        files: readonly InputFile[];
        options: SimulateOptions | undefined;
        analysed: AnalysedDocuments;
      }
    | undefined;
  let lastMatrix:
    { analysis: Analysis; selection: MatrixSelection; matrix: ReachabilityMatrix } | undefined;
  let readable: (AnalysedDocuments & { readonly text: string }) | undefined;
  // The YAML documents of the last text: a keystroke re-parses only the document it changed.
  const parseCache = createParseCache();

  const cached = (files: readonly InputFile[], options: SimulateOptions | undefined) =>
    lastAnalysis &&
    sameFiles(lastAnalysis.files, files) &&
    sameOptions(lastAnalysis.options, options)
      ? lastAnalysis.analysed
      : undefined;

  const analyseBoth = (files: readonly InputFile[], options: SimulateOptions | undefined) => {
    const hit = cached(files, options);
    if (hit) return hit;
    const analysed = analyseDocuments(files, options ?? {}, parseCache);
    lastAnalysis = { files, options, analysed };
    if (files.length === 1 && isReadable(analysed.analysis))
      readable = { ...analysed, text: files[0]!.text };
    return analysed;
  };

  return {
    analyse: (files, options) => analyseBoth(files, options).analysis,
    analyseDocuments: analyseBoth,
    lastReadable: () => readable,
    cached,
    matrix(analysis, selection) {
      if (
        lastMatrix?.analysis !== analysis ||
        lastMatrix.selection.port !== selection.port ||
        lastMatrix.selection.protocol !== selection.protocol
      )
        lastMatrix = { analysis, selection, matrix: computeMatrix(analysis.cluster, selection) };
      return lastMatrix.matrix;
    },
  };
}
