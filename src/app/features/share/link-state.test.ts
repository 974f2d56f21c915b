import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInProcessClient } from '../../../engine-client/in-process-client';
import { createAppController } from '../../app-controller';
import { installNetplayApi } from '../../netplay-api';
import { createAppStore } from '../../store/app-store';
import { selectEditorHidden } from '../../store/layout-slice';
import type { LessonController } from '../lessons/lesson-controller';
import { decodeShareText } from './share-link';
import { parseFragment } from './fragment';
import { applyLinkPacket, applyLinkView, reportLinkProblem, takeOwnLink } from './link-state';

const seed = readFileSync(new URL('../../../../scenarios/full-flow.yaml', import.meta.url), 'utf8');

async function setup(text = seed) {
  const store = createAppStore(text);
  const controller = createAppController(store, createInProcessClient(), { defaultText: seed });
  await controller.load(text);
  return { store, controller };
}

let replaceState: ReturnType<typeof vi.fn>;
beforeEach(() => {
  replaceState = vi.fn();
  vi.stubGlobal('window', { location: { href: 'http://h/app/#old' }, history: { replaceState } });
});
afterEach(() => vi.unstubAllGlobals());

describe('applyLinkView', () => {
  it('sets grouping, tab, theme (presenter is contrast) and editor; leaves unnamed keys', () => {
    const store = createAppStore(seed);
    store.setState({ theme: 'light', showLabels: true });
    applyLinkView(store, { view: 'namespace', tab: 'matrix', theme: 'presenter', editor: true });
    const state = store.getState();
    expect(state.grouping).toBe('namespace');
    expect(state.matrixOpen).toBe(true);
    expect(state.theme).toBe('contrast');
    // Presenting hides the editor by default; the link asked for it shown.
    expect(selectEditorHidden(state)).toBe(false);
    expect(state.showLabels).toBe(true);
    applyLinkView(store, { theme: 'dark', editor: false });
    expect(store.getState().theme).toBe('dark');
    expect(selectEditorHidden(store.getState())).toBe(true);
    expect(store.getState().grouping).toBe('namespace');
  });

  it("in embed mode leaves the editor key to the frame: the full page keeps the user's choice", () => {
    const store = createAppStore(seed);
    store.setState({ theme: 'light' });
    applyLinkView(store, { embed: true, editor: false, view: 'namespace' });
    expect(selectEditorHidden(store.getState())).toBe(false);
    expect(store.getState().grouping).toBe('namespace');
  });
});

describe('applyLinkPacket', () => {
  it('fills From and To with a packet the engine can trace, and play sends it', async () => {
    const { store, controller } = await setup();
    await applyLinkPacket(store, controller, {
      from: 'deployment/default/frontend',
      to: 'service/default/backend-service:8080',
    });
    expect(store.getState().source).toBe('deployment/default/frontend');
    expect(store.getState().destination).toBe('service/default/backend-service:8080');
    expect(store.getState().traces).toEqual([]);
    await applyLinkPacket(store, controller, { play: true });
    expect(store.getState().traces[0]?.from).toBe('deployment/default/frontend');
    expect(store.getState().traces[0]?.error).toBeUndefined();
  });

  it('a packet from a missing pod is ignored with a banner, and not sent', async () => {
    const { store, controller } = await setup();
    const { source, destination } = store.getState();
    await applyLinkPacket(store, controller, { from: 'pod/default/nope', play: true });
    expect(store.getState().source).toBe(source);
    expect(store.getState().destination).toBe(destination);
    expect(store.getState().traces).toEqual([]);
    expect(store.getState().banner).toEqual({
      kind: 'error',
      message: "The link's packet was not picked: pod default/nope does not exist.",
    });
  });

  it("an HTTP packet's via, method and headers fill the HTTP fields and are sent", async () => {
    const { store, controller } = await setup();
    await applyLinkPacket(store, controller, {
      to: 'http://example.com/api',
      via: 'ingress',
      method: 'POST',
      headers: 'Version:two;X-Env:canary',
    });
    expect(store.getState().http).toEqual({
      via: 'ingress',
      method: 'POST',
      headers: { Version: 'two', 'X-Env': 'canary' },
    });
    expect(store.getState().destination).toBe('http://example.com/api');
    // A link without them leaves no HTTP fields behind.
    await applyLinkPacket(store, controller, { to: 'service/default/backend-service:8080' });
    expect(store.getState().http).toBeUndefined();
  });

  it('headers that are not Name:value are refused with a banner, the packet left as it was', async () => {
    const { store, controller } = await setup();
    await applyLinkPacket(store, controller, { to: 'http://example.com/', headers: 'Version two' });
    expect(store.getState().destination).toBe('http://example.com/api');
    expect(store.getState().http).toBeUndefined();
    expect(store.getState().banner?.message).toBe(
      'The link\'s headers were not used: "Version two" is not Name: value.',
    );
  });

  it('reportLinkProblem adds to an error banner already up, once', () => {
    const store = createAppStore(seed);
    reportLinkProblem(store, 'First.');
    reportLinkProblem(store, 'Second.');
    reportLinkProblem(store, 'Second.');
    expect(store.getState().banner?.message).toBe('First. Second.');
  });
});

describe('Share: the shortest link that reopens what is seen', () => {
  it('the default scenario as it opened is the bare URL', async () => {
    const { controller } = await setup();
    expect(await controller.shareLink()).toBe('http://h/app/');
  });

  it('grouping, tab, theme and packet travel without the text; share writes it as our own', async () => {
    const { store, controller } = await setup();
    store.getState().setGrouping('namespace');
    store.getState().setMatrixOpen(true);
    store.setState({ theme: 'contrast' });
    store.getState().setSource('deployment/default/frontend');
    const url = await controller.share();
    expect(url).toBe(
      'http://h/app/#from=deployment/default/frontend&view=namespace&tab=matrix&theme=presenter',
    );
    expect(replaceState).toHaveBeenCalledWith(null, '', url);
    store.getState().setHttp({ via: 'ingress', headers: { Version: 'two' } });
    expect(await controller.shareLink()).toBe(
      'http://h/app/#from=deployment/default/frontend&via=ingress&headers=Version:two&view=namespace&tab=matrix&theme=presenter',
    );
    store.getState().setHttp(undefined);
    // A hashchange to what Share wrote is ours; after another link, the same one is the user's.
    expect(takeOwnLink(new URL(url).hash)).toBe(true);
    await controller.share();
    expect(takeOwnLink('#view=node')).toBe(false);
    expect(takeOwnLink(new URL(url).hash)).toBe(false);
    expect(await controller.shareLink({ play: true })).toContain('&play=1&');
  });

  it('an edited text travels, and decodes back', async () => {
    const edited = `${seed}# edited\n`;
    const { controller } = await setup(edited);
    const { state } = parseFragment(new URL(await controller.shareLink()).hash);
    expect(Object.keys(state)).toEqual(['s']);
    expect(await decodeShareText(state.s!)).toEqual({ ok: true, text: edited });
  });
});

describe('shareLinkNow (the Share dialog opens with the link made ahead)', () => {
  it('is undefined until the share code is loaded, then the very link shareLink makes', async () => {
    const { store, controller } = await setup();
    store.getState().setGrouping('namespace');
    expect(controller.shareLinkNow()).toBeUndefined();
    const made = await controller.shareLink();
    expect(controller.shareLinkNow()).toBe(made);
    // Nothing stale: a change since shows at once (no text to encode for it).
    store.setState({ theme: 'dark' });
    expect(controller.shareLinkNow()).toBe(await controller.shareLink());
    expect(controller.shareLinkNow()).toContain('theme=dark');
    expect(controller.shareLinkNow({ play: true })).toBe(
      await controller.shareLink({ play: true }),
    );
  });

  it("an edited text is undefined until it has been encoded, never an older text's link", async () => {
    const { store, controller } = await setup(`${seed}# one\n`);
    const first = await controller.shareLink();
    expect(controller.shareLinkNow()).toBe(first);
    store.getState().setText(`${seed}# two\n`, 'typing');
    expect(controller.shareLinkNow()).toBeUndefined();
    const second = await controller.shareLink();
    expect(second).not.toBe(first);
    expect(controller.shareLinkNow()).toBe(second);
    const { state } = parseFragment(new URL(second).hash);
    expect(await decodeShareText(state.s!)).toEqual({ ok: true, text: `${seed}# two\n` });
  });
});

describe('window.netplay: version, getView, setView', () => {
  const install = async () => {
    const { store, controller } = await setup();
    const api = installNetplayApi(store, controller, new Promise<LessonController>(() => {}), {
      embed: true,
    });
    return { store, api };
  };

  it('getView reads the view in the link words', async () => {
    const { store, api } = await install();
    store.setState({ theme: 'contrast' });
    expect(api.version).toBe(1);
    expect(api.getView()).toEqual({
      view: 'node',
      tab: 'graph',
      theme: 'presenter',
      editor: false,
      embed: true,
    });
  });

  it('setView changes what it names', async () => {
    const { store, api } = await install();
    store.setState({ theme: 'light' });
    api.setView({ view: 'namespace', tab: 'matrix', theme: 'dark', editor: false });
    expect(api.getView()).toEqual({
      view: 'namespace',
      tab: 'matrix',
      theme: 'dark',
      editor: false,
      embed: true,
    });
    api.setView({ editor: true });
    expect(api.getView().editor).toBe(true);
    expect(store.getState().theme).toBe('dark');
  });

  it('setView refuses a bad value by name and changes nothing', async () => {
    const { api } = await install();
    const before = api.getView();
    const bad = [
      [{ view: 'namespace', theme: '<script>' }, 'theme must be one of light, dark, presenter'],
      [{ view: 'foo' }, 'view must be one of node, namespace'],
      [{ tab: 'editor' }, 'tab must be one of graph, matrix'],
      [{ editor: 'yes' }, 'editor must be true or false'],
    ] as const;
    for (const [view, message] of bad) {
      expect(() => api.setView(view as never)).toThrow(message);
      expect(api.getView()).toEqual(before);
    }
  });
});
