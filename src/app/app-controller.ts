/**
 * The app's actions outside React: wires the editor text to the engine bridge and the store,
 * sends packets, makes share links. `window.netplay` is a thin view of it.
 */
import type { CniPlugin, Query, ReachabilityMatrix, SuggestedFix, Trace } from '../engine';
import { createEngineBridge } from '../engine-client/bridge';
import type { EngineClient, EngineOutcome } from '../engine-client/protocol';
import type { AppStore } from './store/app-store';
import { writeOwnLink } from './features/share/link-state';
import { toLinkTheme } from './features/share/fragment';
import type { ShareInput } from './features/share/share-state';
import type * as ShareStateModule from './features/share/share-state';
import type { TextEdit } from './features/editor/fix-edit';
import { DEFAULT_DESTINATION, DEFAULT_SOURCE, type HttpExtras } from './store/trace-slice';

/** How many packets "Send 10" sends (seeds 0..9). */
export const MANY_PACKETS = 10;

/** The playback controls; the packet layer carries them out on its animations. */
export interface PlaybackControls {
  play(): void;
  pause(): void;
  toggle(): void;
  step(direction: 1 | -1): void;
  /** Jumps to the moment the followed packet reaches hop `hop`. */
  seekHop(hop: number): void;
  replay(): void;
  setSpeed(speed: number): void;
}

/** What the editor offers the controller: one undoable edit, and its current text. */
export interface EditorSink {
  /** Applies `edit` as one undo step; false when it could not. */
  applyEdit(edit: TextEdit): boolean;
  getText(): string;
}

export interface SendOptions {
  /** How many packets (seeds 0..count-1), to show load balancing; default 1. */
  count?: number;
  /** How far apart (ms) the packets leave; default: the packet layer's (Send 10's) stagger. */
  stagger?: number;
  /** With `to`: the HTTP entry point, method and headers (they replace the picked ones). */
  http?: HttpExtras;
}

export interface ShareOptions {
  /** Adds `play=1`: the link sends the picked packet once its graph is shown. */
  play?: boolean;
}

export interface AppControllerOptions {
  /** The text a link without `s=` opens (the default scenario): Share leaves it out of links. */
  defaultText?: string;
}

export interface AppController {
  /** A keystroke in the editor (debounced by the bridge). */
  textTyped(text: string): void;
  /** Replaces the text (automation, share links) and analyses it at once. */
  load(text: string, origin?: 'api' | 'share' | 'default'): Promise<void>;
  /**
   * Sends one packet (or `count`) and starts its flight; resolves with the first trace
   * (undefined on engine failure). A send while another is running goes next (the newest wins).
   */
  send(from?: string, to?: string, options?: SendOptions): Promise<Trace | undefined>;
  /** Applies a suggested fix as one undoable edit, then sends the packet again. */
  applyFix(fix: SuggestedFix): Promise<Trace | undefined>;
  /**
   * Deletes a pod (`NS/NAME`) as a learner would with kubectl: appends it to the Scenario's
   * `deletedPods` in one undoable edit (its controller replaces it); false when it could not.
   */
  deletePod(pod: string): Promise<boolean>;
  /**
   * Sets the CNI plugin: the Scenario document's `cni:` field (created if absent) in one
   * undoable edit; false when it could not (a banner says why). Already that CNI: nothing to do.
   */
  setCni(cni: CniPlugin): Promise<boolean>;
  readonly playback: PlaybackControls;
  /** The packet layer registers its player; returns the unregister function. */
  attachPlayer(player: PlaybackControls): () => void;
  /** The editor registers itself when it is loaded; returns the unregister function. */
  attachEditor(editor: EditorSink): () => void;
  /** The reachability matrix of `text` (the matrix view; `stale` when a newer one was asked for). */
  matrix(text: string): Promise<EngineOutcome<ReachabilityMatrix>>;
  /**
   * Whether the engine can trace this packet on the text shown (a link's picked packet is checked
   * before it fills From and To): the trace (its `error` says why not), undefined when unknown.
   */
  checkPacket(from: string, to: string, http?: HttpExtras): Promise<Trace | undefined>;
  /** The shortest URL that reopens what is seen: text, lesson and step, packet, grouping, tab, theme. */
  shareLink(options?: ShareOptions): Promise<string>;
  /**
   * The same link at once, when nothing has to be loaded or encoded for it (the share code is
   * loaded and the text unchanged since the last link): undefined otherwise.
   */
  shareLinkNow(options?: ShareOptions): string | undefined;
  /** Puts the share URL in the address bar and returns it; "" (and a banner) when it could not be made. */
  share(options?: ShareOptions): Promise<string>;
  /**
   * The editor's questions (hover, code lenses, completions, quick fixes), answered in the
   * engine's worker: `stale` when a newer one of the same type was asked.
   */
  askEngine: EngineClient['call'];
  dispose(): void;
}

export function createAppController(
  store: AppStore,
  client: EngineClient,
  options: AppControllerOptions = {},
): AppController {
  const bridge = createEngineBridge({
    client,
    onPending: () => store.getState().simulationPending(),
    onSimulated: (text, outcome) => {
      // An answer for a text the user has already changed again is still the newest answer.
      store.getState().simulationFinished(text, outcome);
    },
  });
  const unsubscribe = client.onEvent((event) => {
    // A restart that retries quietly needs no banner; one that gave a request up does.
    if (event.type === 'restarted' && !event.retrying)
      store.getState().showBanner('error', event.reason);
  });

  let player: PlaybackControls | undefined;
  /** How many packets the last send had (a fix re-sends as many). */
  let lastCount = 1;
  let editor: EditorSink | undefined;

  /** Resolves once the newest text has been analysed (a Send right after typing waits for it). */
  const settled = () =>
    new Promise<void>((resolve) => {
      if (store.getState().status !== 'pending') return resolve();
      const stop = store.subscribe((s) => {
        if (s.status === 'pending') return;
        stop();
        resolve();
      });
    });

  interface SendRequest {
    from: string;
    to: string;
    http: HttpExtras | undefined;
    count: number;
    stagger: number | undefined;
  }
  /** The text edits' code, loaded on the first edit the user asks for (not in the entry chunk). */
  const loadTextEdits = () => import('./features/editor/text-edits');
  /**
   * Applies one edit of `text` (`next` is `text` with it applied) through the editor when it
   * shows that text (one undo step), else to the store's text, and waits for the new analysis.
   */
  const applyEditAndAnalyse = async (text: string, edit: TextEdit, next: string): Promise<void> => {
    const sink = editor;
    const inEditor = sink !== undefined && sink.getText() === text && sink.applyEdit(edit);
    const result = inEditor ? sink.getText() : next;
    store.getState().setText(result, inEditor ? 'typing' : 'api');
    await bridge.simulateNow(result);
  };

  /** The text and its analysis, when the graph shows this very text; else says to wait. */
  const analysedText = () => {
    const { text, lastGood, lastGoodText } = store.getState();
    if (lastGood && lastGoodText === text) return { text, lastGood };
    store.getState().showBanner('error', 'The text is being analysed: try again in a moment.');
    return undefined;
  };
  /** What the Send button would send now: the From and To fields. */
  const currentRequest = (count: number, stagger?: number): SendRequest => ({
    from: store.getState().source.trim(),
    to: store.getState().destination.trim(),
    http: store.getState().http,
    count,
    stagger,
  });

  const runSend = async ({
    from,
    to,
    http,
    count,
    stagger,
  }: SendRequest): Promise<Trace | undefined> => {
    await settled();
    if (!from || !to) {
      store
        .getState()
        .sendRefused(
          !from
            ? 'Pick where the packet starts (From), then press Send.'
            : 'Pick where the packet goes (To), then press Send.',
        );
      return undefined;
    }
    const queries: Query[] =
      count === 1
        ? [{ from, to, ...http }]
        : Array.from({ length: count }, (_, seed) => ({ from, to, ...http, seed }));
    // The answer is for the text it was asked about: if the text changed meanwhile, ask again.
    for (let attempt = 0; ; attempt++) {
      const { lastGoodText, text } = store.getState();
      const traced = lastGoodText ?? text;
      store.getState().traceStarted();
      const outcome = await bridge.call('trace', { text: traced, queries });
      if (outcome.status === 'stale') return undefined;
      if (outcome.status === 'ok' && attempt < 2) {
        await settled();
        if ((store.getState().lastGoodText ?? store.getState().text) !== traced) continue;
      }
      store.getState().sendFinished(outcome, traced, stagger);
      return outcome.status === 'ok' ? outcome.value[0] : undefined;
    }
  };

  // One send at a time; a send asked for meanwhile goes next (the newest request wins).
  let sending = false;
  let queued: { request: SendRequest; waiters: ((t: Trace | undefined) => void)[] } | undefined;
  const enqueue = (request: SendRequest): Promise<Trace | undefined> => {
    if (sending) {
      queued ??= { request, waiters: [] };
      queued.request = request;
      const waiting = queued;
      return new Promise((resolve) => waiting.waiters.push(resolve));
    }
    sending = true;
    return runSend(request).finally(() => {
      sending = false;
      const next = queued;
      queued = undefined;
      if (next) void enqueue(next.request).then((t) => next.waiters.forEach((w) => w(t)));
    });
  };

  /** What the user sees, as the share link needs it. */
  const toShareInput = (play: boolean): ShareInput => {
    const state = store.getState();
    const { lesson } = state;
    return {
      text: state.text,
      baseText: lesson ? lesson.start : options.defaultText,
      ...(lesson ? { lesson: { slug: lesson.lesson.slug, step: state.lessonStep + 1 } } : {}),
      from: state.source,
      to: state.destination,
      http: state.http,
      defaultFrom: DEFAULT_SOURCE,
      defaultTo: DEFAULT_DESTINATION,
      view: state.grouping,
      tab: state.matrixOpen ? 'matrix' : 'graph',
      theme: toLinkTheme(state.theme),
      play,
    };
  };

  /** The link writer and the text encoder: lazy chunks, loaded when a link is made. */
  let shareState: typeof ShareStateModule | undefined;
  const loadShareState = async () => (shareState ??= await import('./features/share/share-state'));
  const shareLink = async ({ play = false }: ShareOptions = {}) =>
    (await loadShareState()).makeShareLink(window.location.href, toShareInput(play));
  const shareLinkNow = ({ play = false }: ShareOptions = {}) =>
    shareState?.makeShareLinkNow(window.location.href, toShareInput(play));

  return {
    textTyped(text) {
      store.getState().setText(text, 'typing');
      bridge.textChanged(text);
    },
    async load(text, origin = 'api') {
      store.getState().setText(text, origin);
      await bridge.simulateNow(text);
    },
    send(from, to, options = {}) {
      const state = store.getState();
      if (from !== undefined) state.setSource(from);
      if (to !== undefined) {
        state.setDestination(to);
        state.setHttp(options.http);
      }
      lastCount = Math.max(1, Math.min(50, Math.trunc(options.count ?? 1)));
      const stagger =
        options.stagger === undefined ? undefined : Math.max(0, Math.min(1000, options.stagger));
      return enqueue(currentRequest(lastCount, stagger));
    },
    async applyFix(fix) {
      const edits = await loadTextEdits();
      const { text, traceText, lastGood, lastGoodText } = store.getState();
      // The suggestion was made for the text the packet was traced against: if the user has
      // edited since, its ranges may no longer fit.
      if (!lastGood || traceText === undefined || text !== traceText || lastGoodText !== text) {
        store
          .getState()
          .showBanner(
            'error',
            'The text changed since this packet was sent: send it again for a fresh suggestion.',
          );
        return undefined;
      }
      const result = edits.toFixEdit(text, fix, lastGood.cluster);
      if (!result.ok) {
        store.getState().showBanner('error', result.message);
        return undefined;
      }
      await applyEditAndAnalyse(text, result.edit, edits.applyTextEdit(text, result.edit));
      return enqueue(currentRequest(lastCount));
    },
    async deletePod(pod) {
      const edits = await loadTextEdits();
      const analysed = analysedText();
      if (!analysed) return false;
      const { text, lastGood } = analysed;
      const result = edits.toDeletePodEdit(text, pod, lastGood.cluster.scenario);
      if (!result.ok) {
        store.getState().showBanner('error', result.message);
        return false;
      }
      await applyEditAndAnalyse(text, result.edit, edits.applyTextEdit(text, result.edit));
      return true;
    },
    async setCni(cni) {
      const edits = await loadTextEdits();
      const analysed = analysedText();
      if (!analysed) return false;
      const { text, lastGood } = analysed;
      if (lastGood.cluster.scenario?.cni === cni) return true;
      const result = edits.toCniEdit(text, cni, lastGood.cluster.scenario);
      if (!result.ok) {
        store.getState().showBanner('error', result.message);
        return false;
      }
      await applyEditAndAnalyse(text, result.edit, edits.applyTextEdit(text, result.edit));
      return true;
    },
    playback: {
      play: () => player?.play(),
      pause: () => player?.pause(),
      toggle: () => player?.toggle(),
      step: (direction) => player?.step(direction),
      seekHop: (hop) => player?.seekHop(hop),
      replay: () => player?.replay(),
      setSpeed: (speed) => player?.setSpeed(speed),
    },
    attachPlayer(p) {
      player = p;
      return () => {
        if (player === p) player = undefined;
      };
    },
    attachEditor(e) {
      editor = e;
      return () => {
        if (editor === e) editor = undefined;
      };
    },
    matrix: (text) => bridge.call('matrix', { text }),
    async checkPacket(from, to, http) {
      await settled();
      const { lastGoodText } = store.getState();
      if (lastGoodText === undefined) return undefined;
      const queries = [{ from, to, ...http }];
      const outcome = await bridge.call('trace', { text: lastGoodText, queries });
      return outcome.status === 'ok' ? outcome.value[0] : undefined;
    },
    askEngine: (type, params) => bridge.call(type, params),
    shareLink,
    shareLinkNow,
    async share(shareOptions) {
      let url: string;
      try {
        url = await shareLink(shareOptions);
      } catch {
        // The share code is a lazy chunk: it can fail to load (offline, or the site was updated).
        store
          .getState()
          .showBanner(
            'error',
            'The link could not be made (the share code did not load). Reload the page and try again.',
          );
        return '';
      }
      writeOwnLink(url);
      return url;
    },
    dispose() {
      unsubscribe();
      bridge.dispose();
    },
  };
}
