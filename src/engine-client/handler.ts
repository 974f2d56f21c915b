/**
 * The protocol handler: one request in, one response out. The worker wraps it, the
 * in-process client calls it directly, so both answer exactly alike. Each request type of
 * `EngineRequests` has one handler function in `engineHandlers`.
 */
import {
  buildCodeLenses,
  completeAt,
  explainAt,
  mapLine,
  mapLineIn,
  quickFixesAt,
  type AnalysedDocuments,
  type EditorHover,
  type SimulateOptions,
} from '../engine';
import { createEngineSession, isReadable, type EngineSession } from './engine-session';
import { runEngineTask, type EngineOutput, type EngineTask } from './run-task';
import {
  isEngineRequest,
  SCENARIO_FILE,
  type EngineMessage,
  type EngineParams,
  type EngineRequest,
  type EngineRequestType,
  type EngineResponse,
  type EngineResult,
} from './protocol';

/** One function per request type: its params and the worker's session in, its result out. */
export type EngineHandlers = {
  readonly [K in EngineRequestType]: (
    params: EngineParams<K>,
    session: EngineSession,
  ) => EngineResult<K>;
};

/**
 * Runs `task` on the editor text through the task runner the CLI uses too, and takes `field`
 * of its output; a crash becomes a throw (answered as a `crash` response).
 */
function runOnText<F extends 'analysis' | 'traces' | 'checks' | 'matrix'>(
  session: EngineSession,
  text: string,
  options: SimulateOptions | undefined,
  task: EngineTask,
  field: F,
): NonNullable<EngineOutput[F]> {
  const output = runEngineTask(
    { files: [{ name: SCENARIO_FILE, text }], options: options ?? {}, task },
    session,
  );
  if (output.crash !== undefined) throw new Error(output.crash);
  const value = output[field];
  if (value === undefined)
    throw new Error(`internal error in the engine: no ${field} in its answer`);
  return value;
}

/** The analysis of the editor text with its documents (the session's cached one when unchanged). */
const analysedText = (session: EngineSession, text: string): AnalysedDocuments =>
  session.analyseDocuments([{ name: SCENARIO_FILE, text }], undefined);

/**
 * A hover on `line` of `text`: from the text's own analysis, else (the text does not parse) from
 * the last readable text, when the line still means the same field there; never a wrong line.
 */
function hoverAt(session: EngineSession, text: string, line: number, column: number): EditorHover | null {
  const fresh = analysedText(session, text);
  const answer = explainAt(fresh.analysis, fresh.documents, { line, column });
  if (answer) return answer;
  const readable = session.lastReadable();
  if (isReadable(fresh.analysis) || !readable || readable.text === text) return null;
  const then = mapLine(readable.text, text, line);
  if (then === undefined) return null;
  const old = explainAt(readable.analysis, readable.documents, { line: then, column });
  if (!old) return null;
  const shift = line - then;
  return {
    ...old,
    range: { ...old.range, startLine: old.range.startLine + shift, endLine: old.range.endLine + shift },
    stale: true,
  };
}

export const engineHandlers: EngineHandlers = {
  explainAt: ({ text, line, column }, session) => hoverAt(session, text, line, column),
  codeLenses: ({ text }, session) => {
    const fresh = session.cached([{ name: SCENARIO_FILE, text }], undefined);
    if (fresh && isReadable(fresh.analysis)) return buildCodeLenses(fresh.analysis);
    // The text does not parse: the last readable text's lenses, on the lines that still hold them.
    const readable = session.lastReadable();
    if (!readable) return [];
    const now = text.split('\n');
    const then = readable.text.split('\n');
    // A lens line maps either from the top (same line) or from the bottom (shifted).
    const candidates = (line: number) => [line, line - (then.length - now.length)];
    return buildCodeLenses(readable.analysis).flatMap((lens) => {
      const line = candidates(lens.line).find((l) => mapLineIn(then, now, l) === lens.line);
      return line === undefined ? [] : [{ ...lens, line }];
    });
  },
  completeAt: ({ text, line, column }, session) => {
    // Values from the newest readable cluster (the text being typed is often not valid yet);
    // a keystroke's completion never waits for an analysis of its own.
    const cluster = (session.lastReadable() ?? analysedText(session, text)).analysis.cluster;
    return completeAt(cluster, text, { line, column }, SCENARIO_FILE) ?? null;
  },
  quickFixes: ({ text, startLine, endLine, analyse }, session) => {
    const fresh = analyse
      ? analysedText(session, text)
      : session.cached([{ name: SCENARIO_FILE, text }], undefined);
    return fresh ? quickFixesAt(fresh.analysis, fresh.documents, text, startLine, endLine) : [];
  },
  simulate: ({ text, options }, session) =>
    runOnText(session, text, options, { kind: 'simulate' }, 'analysis'),
  trace: ({ text, queries, options }, session) =>
    runOnText(session, text, options, { kind: 'trace', queries }, 'traces'),
  matrix: ({ text, options }, session) =>
    runOnText(session, text, options, { kind: 'matrix' }, 'matrix'),
};

export type EngineHandler = <K extends EngineRequestType>(
  request: EngineRequest<K>,
) => EngineResponse<K>;

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function isKnownType(type: string): type is EngineRequestType {
  return Object.hasOwn(engineHandlers, type);
}

/**
 * Makes a handler over one session (its caches live as long as the handler).
 *
 * @example
 * const handle = createEngineHandler();
 * handle({ id: 1, type: 'simulate', params: { text } }); // { id: 1, type: 'simulate', status: 'ok', result }
 */
export function createEngineHandler(session: EngineSession = createEngineSession()): EngineHandler {
  return <K extends EngineRequestType>(request: EngineRequest<K>): EngineResponse<K> => {
    const { id, type, params } = request;
    try {
      if (!isKnownType(type)) throw new Error(`unknown request type "${String(type)}"`);
      const handler: EngineHandlers[K] = engineHandlers[type];
      return { id, type, status: 'ok', result: handler(params, session) };
    } catch (error) {
      // A throw in the engine is a bug; report it as a crash and keep going.
      return { id, type, status: 'crash', message: describeError(error) };
    }
  };
}

/**
 * What a worker does with each message: checks its envelope, says it started (the watchdog
 * times the engine from here), answers. Used by the real worker and by tests' fake workers.
 */
export function createEngineServer(
  post: (message: EngineMessage) => void,
  handle: EngineHandler = createEngineHandler(),
): (data: unknown) => void {
  return (data) => {
    if (!isEngineRequest(data)) return;
    post({ id: data.id, status: 'started' });
    const response = handle(data);
    try {
      post(response);
    } catch (error) {
      // Not cloneable (a bug in the engine's output): still answer, as a crash.
      post({
        id: data.id,
        type: data.type,
        status: 'crash',
        message: `answer could not be sent: ${String(error)}`,
      });
    }
  };
}
