import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppController } from '../../app-controller';
import { createAppStore } from '../../store/app-store';
import type { EmbedOptions } from './embed-fragment';
import { followEmbedFragment } from './embed-mode';

/** A window stand-in: a location hash, hashchange events, and a parent that records its posts. */
function stubWindow(hash: string) {
  const posts: unknown[] = [];
  const win = Object.assign(new EventTarget(), {
    location: { hash },
    parent: { postMessage: (message: unknown) => posts.push(message) },
  });
  vi.stubGlobal('window', win);
  const setHash = (next: string) => {
    win.location.hash = next;
    win.dispatchEvent(new Event('hashchange'));
  };
  return { posts, setHash };
}

afterEach(() => vi.unstubAllGlobals());

const controller = {} as AppController;

describe('following the embed keys', () => {
  it('renders with the keys at open and again only when they change', () => {
    const { setHash } = stubWindow('#s=2.abc');
    const renders: EmbedOptions[] = [];
    followEmbedFragment(createAppStore(''), controller, (embed) => renders.push(embed));
    expect(renders).toEqual([{ embed: false, editor: undefined }]);
    setHash('#s=2.xyz'); // another text: the shell is not rendered again for it
    setHash('#s=2.xyz&embed=1');
    setHash('#embed=1&editor=1&s=2.xyz');
    setHash('#editor=1&s=2.xyz&embed=1&theme=dark');
    setHash('');
    expect(renders).toEqual([
      { embed: false, editor: undefined },
      { embed: true, editor: undefined },
      { embed: true, editor: true },
      { embed: false, editor: undefined },
    ]);
  });

  it('starts the bridge only when embedded, which tells the parent it is ready', async () => {
    const { posts, setHash } = stubWindow('');
    followEmbedFragment(createAppStore(''), controller, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(posts).toEqual([]);
    setHash('#embed=1');
    await vi.waitFor(() => expect(posts).toEqual([{ type: 'netplay:ready' }]));
  });
});
