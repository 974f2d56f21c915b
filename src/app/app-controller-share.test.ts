import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInProcessClient } from '../engine-client/in-process-client';
import { createAppController } from './app-controller';
import type * as ShareLink from './features/share/share-link';
import { createAppStore } from './store/app-store';

// The share code is a lazy chunk; here it fails to load.
vi.mock('./features/share/share-link', async (importOriginal) => ({
  ...(await importOriginal<typeof ShareLink>()),
  encodeShareText: () =>
    Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
}));

describe('app controller: sharing when the share code cannot load', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says so in a banner, leaves the address bar alone, and does not throw', async () => {
    const replaceState = vi.fn();
    vi.stubGlobal('window', { location: { href: 'http://h/#s=old' }, history: { replaceState } });
    const store = createAppStore('kind: Pod\n');
    const controller = createAppController(store, createInProcessClient());
    await expect(controller.share()).resolves.toBe('');
    expect(store.getState().banner).toEqual({
      kind: 'error',
      message:
        'The link could not be made (the share code did not load). Reload the page and try again.',
    });
    expect(replaceState).not.toHaveBeenCalled();
    controller.dispose();
  });
});
