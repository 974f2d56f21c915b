/**
 * What the page starts before the rest of the entry is evaluated: the engine's worker, and the
 * lazy modules that the first paint waits for (autosave decides the first text; the lesson code
 * loads beside it). main.tsx imports this module first, so these requests go out while React and
 * React Flow are being evaluated (~170 ms on a phone slowed 4×), not after them (B20).
 */
import { createEngineClient } from '../engine-client/create-engine-client';
import type * as LessonControllerModule from './features/lessons/lesson-controller';

/** The engine's client: its worker boots (script fetched, compiled) while the page starts. */
export const engineClient = createEngineClient();
type LessonModule = typeof LessonControllerModule;
let lessonModule: Promise<LessonModule> | undefined;
/**
 * The lesson code and the course (never in the entry chunk), requested once. A lesson link needs
 * them for its text, so they are requested here at once; any other page asks for them once its
 * first graph is on screen (main.tsx): evaluated with the YAML parser they bring, they took
 * ~25 ms of a phone's first frame (B20).
 */
export const loadLessonModule = (): Promise<LessonModule> =>
  (lessonModule ??= import('./features/lessons/lesson-controller'));
if (new URLSearchParams(window.location.hash.replace(/^#/, '')).has('lesson'))
  void loadLessonModule().catch(() => undefined);
// Autosave decides the first text, so it loads beside the link's text; without it, no autosave.
export const autosaveModule = import('./features/autosave/autosave-controller').catch(
  () => undefined,
);
