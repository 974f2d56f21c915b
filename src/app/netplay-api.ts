/** `window.netplay`: a small automation API for demos and tests. */
import type { SuggestedFix, Trace } from '../engine/types';
import type { AppController, PlaybackControls } from './app-controller';
import { selectTrace, type AppStore } from './store/app-store';

export interface NetplayApi {
  /** Replaces the scenario text and waits for its analysis. */
  load(text: string): Promise<void>;
  /** Sends one packet and resolves with its trace. */
  send(from: string, to: string): Promise<Trace | undefined>;
  /**
   * Sends `n` packets at once (seeds 0..n-1, at most 50) and resolves with the first trace;
   * `stagger`: ms between departures (default Send 10's; the bench uses 0 to have all 50 flying).
   */
  sendMany(
    from: string,
    to: string,
    n: number,
    options?: { stagger?: number },
  ): Promise<Trace | undefined>;
  /** Applies a suggested fix (default: the current trace's) and sends the packet again. */
  applyFix(fix?: SuggestedFix): Promise<Trace | undefined>;
  /** Play, pause, step, jump to a hop, replay, speed. */
  playback: PlaybackControls;
  getTrace(): Trace | undefined;
  /** Every packet of the last send (ten after "Send 10"). */
  getTraces(): readonly Trace[];
  getText(): string;
  shareLink(): Promise<string>;
}

declare global {
  interface Window {
    netplay?: NetplayApi;
  }
}

export function installNetplayApi(store: AppStore, controller: AppController): NetplayApi {
  const api: NetplayApi = {
    load: (text) => controller.load(text, 'api'),
    send: (from, to) => controller.send(from, to),
    sendMany: (from, to, n, options) =>
      controller.send(from, to, {
        count: n,
        ...(options?.stagger !== undefined ? { stagger: options.stagger } : {}),
      }),
    applyFix: async (fix) => {
      const chosen = fix ?? selectTrace(store.getState())?.hops.find((h) => h.fix)?.fix;
      return chosen ? controller.applyFix(chosen) : undefined;
    },
    playback: controller.playback,
    getTrace: () => selectTrace(store.getState()),
    getTraces: () => store.getState().traces,
    getText: () => store.getState().text,
    shareLink: () => controller.shareLink(),
  };
  window.netplay = api;
  return api;
}
