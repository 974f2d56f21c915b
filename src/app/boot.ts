/**
 * What the page starts before the rest of the entry is evaluated: the engine's worker and the
 * autosave module that the first paint waits for (it decides the first text). main.tsx imports
 * this module first, so these requests go out while React and React Flow are being evaluated
 * (~170 ms on a phone slowed 4×), not after them (B20).
 */
import { createEngineClient } from '../engine-client/create-engine-client';

/** The engine's client: its worker boots (script fetched, compiled) while the page starts. */
export const engineClient = createEngineClient();
// Autosave decides the first text, so it loads beside the link's text; without it, no autosave.
export const autosaveModule = import('./features/autosave/autosave-controller').catch(
  () => undefined,
);
