/**
 * Hostile share links: refused with a banner and the default scenario, the page never held up.
 * A link too long to be one of ours is refused by its length before anything is decoded; a long
 * one is decoded in a small worker, off the main thread; a short one (the usual link) on the page.
 */
import { deflateRawSync, type ZlibOptions } from 'node:zlib';
import type { Page } from '@playwright/test';
import { SHARE_DICTIONARY_V2 } from '../src/app/features/share/share-dictionary';
import { DECODE_HERE_MAX_CHARS } from '../src/app/features/share/open-share-link';
import { test, expect, seedScenario } from './fixtures';

/** A link of format 1 (plain deflate-raw) or 2 (deflate-raw with the preset dictionary), made by zlib. */
const link = (version: '1' | '2', text: Buffer, options: ZlibOptions = {}) => {
  const dictionary = version === '2' ? { dictionary: Buffer.from(SHARE_DICTIONARY_V2) } : {};
  return `/#s=${version}.${deflateRawSync(text, { ...options, ...dictionary }).toString('base64url')}`;
};

// Recording a trace copies the megabyte-long page URL into every network event it records,
// which slows the page down far more than the link itself does.
test.use({ trace: 'off' });

/** The URLs of the workers the page starts. */
function watchWorkers(page: Page): string[] {
  const urls: string[] = [];
  page.on('worker', (worker) => urls.push(worker.url()));
  return urls;
}

test('a 2 MB link is refused by its length: banner, default scenario, no decoding', async ({
  app,
  page,
}) => {
  const workers = watchWorkers(page);
  await app.open(`/#s=1.${'A'.repeat(2_000_000)}`);
  await expect(page.getByTestId('banner')).toHaveAttribute('data-kind', 'error');
  await expect(page.getByTestId('banner')).toContainText('This link is 2,000,002 characters long');
  await expect(page.getByTestId('banner')).toContainText('default scenario');
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  expect(await app.storeText()).toBe(seedScenario);
  expect(workers.filter((url) => url.includes('share-decode'))).toEqual([]);
});

for (const version of ['1', '2'] as const) {
  test.describe(`format ${version}`, () => {
    test('a deflate bomb within the length limit is decoded in a worker and stopped at 1 MB', async ({
      app,
      page,
    }) => {
      const workers = watchWorkers(page);
      // 100 MB of one letter: about 100 KB compressed, 136,000 characters of link.
      await app.open(link(version, Buffer.alloc(100 * 1024 * 1024, 0x61), { level: 9 }));
      await expect(page.getByTestId('banner')).toHaveAttribute('data-kind', 'error');
      await expect(page.getByTestId('banner')).toContainText('more than 1024 KB of text');
      await expect(app.graphNode('service/default/backend-service')).toBeVisible();
      expect(await app.storeText()).toBe(seedScenario);
      expect(workers.filter((url) => url.includes('share-decode'))).toHaveLength(1);
    });

    test('a good short link is decoded on the page and opens its text exactly', async ({
      app,
      page,
    }) => {
      const workers = watchWorkers(page);
      const text = `${seedScenario}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shared-ns # café ☸\n`;
      const url = link(version, Buffer.from(text, 'utf8'));
      expect(url.length).toBeLessThan(DECODE_HERE_MAX_CHARS);
      await app.open(url);
      await expect.poll(() => app.storeText()).toBe(text);
      await expect(page.locator('[data-testid="banner"][data-kind="error"]')).toHaveCount(0);
      expect(workers.filter((url) => url.includes('share-decode'))).toEqual([]);
    });

    test('a good long link is decoded in the worker and opens its text exactly', async ({
      app,
      page,
    }) => {
      const workers = watchWorkers(page);
      // Values that hardly compress: a link longer than the page decodes itself.
      const data = Array.from(
        { length: 900 },
        (_, i) => `  k${i}: "${((i * 2654435761) % 4294967296).toString(16)}"`,
      ).join('\n');
      const text = `${seedScenario}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big # café ☸\ndata:\n${data}\n`;
      const url = link(version, Buffer.from(text, 'utf8'));
      expect(url.length).toBeGreaterThan(DECODE_HERE_MAX_CHARS + 10);
      await app.open(url);
      await expect.poll(() => app.storeText()).toBe(text);
      await expect(page.locator('[data-testid="banner"][data-kind="error"]')).toHaveCount(0);
      expect(workers.filter((url) => url.includes('share-decode'))).toHaveLength(1);
    });
  });
}
