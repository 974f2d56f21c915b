/**
 * Shared fixtures: every test fails on a console error, an uncaught page error, or a request to
 * anything but 127.0.0.1, data: or blob: (the app must work offline, with no third party).
 */
import { readFileSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import { AppPage } from './app-page';

export const seedScenario = readFileSync(
  new URL('../scenarios/full-flow.yaml', import.meta.url),
  'utf8',
);

function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

/** Watches one page; `problems` lists what went wrong. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (!isLocal(request.url())) problems.push(`request to a non-local address: ${request.url()}`);
  });
  return problems;
}

export const test = base.extend<{ app: AppPage; problems: string[] }>({
  problems: async ({ page }, use) => {
    const problems = watchPage(page);
    await use(problems);
    expect(problems, 'console errors, page errors or non-local requests').toEqual([]);
  },
  app: async ({ page, problems }, use) => {
    void problems;
    await use(new AppPage(page));
  },
});

export { expect };

/**
 * Holds back the lazy chunk whose file starts with `chunk` (as on a slow network) until the
 * returned function is called, to act while that code is still on its way.
 */
export async function holdChunk(page: Page, chunk: string): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(new RegExp(`/assets/${chunk}-[^/]*\\.js$`), async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** axe's serious and critical violations, one line each with up to six of their targets. */
export function seriousViolations(
  violations: readonly { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[],
): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 6)
          .join(' | ')}`,
    );
}
