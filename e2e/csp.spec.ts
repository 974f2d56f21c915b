/**
 * The Content-Security-Policy: the built page and the preview server carry it, it is enforced,
 * and every feature works under it with no violation (Monaco and its YAML worker, the engine
 * worker, packets, the matrix, share links).
 */
import { test as plainTest, type Page } from '@playwright/test';
import { AppPage } from './app-page';
import { test, expect } from './fixtures';

/** Every `securitypolicyviolation` and every console message about the policy, page and workers. */
async function watchPolicy(page: Page): Promise<{ violations: () => Promise<string[]>; console: string[] }> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const console: string[] = [];
  const onMessage = (text: string) => {
    if (/Content Security Policy|Refused to/i.test(text)) console.push(text);
  };
  page.on('console', (msg) => onMessage(msg.text()));
  page.on('worker', (worker) => worker.on('console', (msg) => onMessage(`worker ${worker.url()}: ${msg.text()}`)));
  return {
    violations: () => page.evaluate(() => [...(window as unknown as { __cspViolations: string[] }).__cspViolations]),
    console,
  };
}

/** The directives of a policy, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '')
      .map((parts) => [parts[0]!.toLowerCase(), parts.slice(1)]),
  );
}

function expectStrict(policy: string) {
  const d = directives(policy);
  expect(d.get('script-src')).toEqual(["'self'"]);
  expect(d.get('object-src')).toEqual(["'none'"]);
  expect(d.get('base-uri')).toEqual(["'none'"]);
  expect(d.get('connect-src')).toEqual(["'self'"]);
  expect(d.get('worker-src')).toEqual(["'self'"]);
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).not.toMatch(/https?:|\*/);
  // Embedding stays allowed.
  expect(d.has('frame-ancestors')).toBe(false);
}

test('the page and the preview server carry a strict policy; embedding stays allowed', async ({ app, page }) => {
  const response = await page.goto('/');
  const header = response!.headers()['content-security-policy'];
  expect(header, 'the preview server sends the policy').toBeDefined();
  expectStrict(header!);
  expect(response!.headers()['x-frame-options']).toBeUndefined();
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta, 'the built index.html carries the policy').toBe(header);
  await expect(app.graphNode('internet')).toBeVisible();
});

test('every feature works under the policy with no violation: editor, YAML worker, engine, packets, matrix, share', async ({
  app,
  page,
}) => {
  const policy = await watchPolicy(page);
  await app.open();
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();

  // Monaco: typing runs the engine worker (a new pod) and the YAML worker (completion, hover).
  await app.waitForEditor();
  const replicas = (await app.lineOf('name: backend', 0)) + 2;
  await app.selectOnLine(replicas, '2');
  await page.keyboard.type('3');
  await expect(app.graphNode('pod/default/backend-2')).toBeVisible();

  const ports = (await app.lineOf('name: frontend-service')) + 3;
  expect((await app.editorText()).split('\n')[ports - 1]).toContain('ports:');
  const end = (await app.editorText()).split('\n')[ports - 1]!.length + 1;
  await app.select(ports, end, ports, end);
  await page.keyboard.press('Enter');
  await page.keyboard.type('sessionAff');
  await page.evaluate(() => window.__monaco!.editor.getEditors()[0]!.trigger('e2e', 'editor.action.triggerSuggest', {}));
  await expect(page.locator('.suggest-widget .monaco-list-row').filter({ hasText: 'sessionAffinity' })).toBeVisible();
  await page.keyboard.press('Escape');
  await app.selectOnLine(ports + 1, 'sessionAff');
  await page.keyboard.type('externalTrafficPolicy: Local');
  await page.evaluate((line) => {
    const editor = window.__monaco!.editor.getEditors()[0]!;
    editor.setPosition({ lineNumber: line, column: 5 });
    editor.trigger('e2e', 'editor.action.showHover', {});
  }, ports + 1);
  await expect(page.locator('.monaco-hover').filter({ hasText: 'keeps the client IP' })).toBeVisible();

  // A packet through the cluster.
  await app.send('internet', 'http://example.com/api');
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'allow');
  await expect(page.getByTestId('packet')).toHaveAttribute('data-state', 'arrived', { timeout: 30_000 });

  // The matrix.
  await page.getByTestId('matrix-tab').click();
  await expect(page.getByTestId('matrix-view')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('matrix-cell').first()).toBeVisible();

  expect(await policy.violations(), 'securitypolicyviolation events').toEqual([]);

  // A share link (format 2: fflate, a lazy chunk), opened in a fresh page load (the decode worker).
  await page.getByTestId('share-button').click();
  // The link also carries the tab shown (the matrix), before the text.
  await expect(page).toHaveURL(/[#&]s=2\./);
  const link = page.url();
  const text = await app.storeText();
  await page.goto('about:blank');
  await app.open(link);
  await expect.poll(() => app.storeText()).toBe(text);
  await expect(app.graphNode('pod/default/backend-2')).toBeVisible();

  expect(await policy.violations(), 'securitypolicyviolation events').toEqual([]);
  expect(policy.console, 'console messages about the policy').toEqual([]);
});

// Without the shared fixture: the refusal this test provokes is a console error on purpose.
plainTest('the policy is enforced: an injected inline script is blocked and reported', async ({ page }) => {
  const policy = await watchPolicy(page);
  await new AppPage(page).open();
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
  // Once per policy: the server's header and the page's <meta> are both enforced.
  const refused = expect.stringMatching(/^script-src-elem blocked inline/);
  await expect.poll(() => policy.violations()).toEqual([refused, refused]);
  expect(policy.console).toEqual([expect.stringMatching(/Content Security Policy/), expect.stringMatching(/Content Security Policy/)]);
});
