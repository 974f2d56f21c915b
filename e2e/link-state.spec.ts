/**
 * The link is the state, as a class meets it: a teacher sets up a lesson step, picks a packet,
 * groups by namespace, goes dark and shares; a student opens that link in a fresh browser and
 * sees the same; a pasted link applies on hashchange; old `#s=1.` links still open; bad values
 * are dropped with a banner, never injected. The Share dialog is a real dialog with a QR code
 * (a screenshot goes to test-results/screenshots/share-dialog.png: look at it).
 */
import { mkdirSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { test, expect, seedScenario, watchPage } from './fixtures';
import { AppPage } from './app-page';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

const PACKET = { from: 'pod/shop/web', to: 'service/data/db:5432' };

test('a teacher shares a lesson step with its packet, grouping and theme; a student opens it in a fresh browser and sees the same', async ({
  app,
  page,
  browser,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open('/#lesson=and-vs-or');
  await expect(page.getByTestId('lesson-step')).toContainText('Step 1 of');
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-step')).toContainText('Step 2 of');
  await app.send(PACKET.from, PACKET.to);
  await page.getByTestId('grouping-toggle-namespace').click();
  await page.getByTestId('theme-toggle-dark').click();
  await expect(page.getByTestId('grouping-toggle')).toHaveAttribute('data-value', 'namespace');

  // Share: a modal dialog with the link, focus inside it.
  await page.getByTestId('share-button').click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog).toBeVisible();
  const field = page.getByTestId('share-link');
  await expect(field).toHaveValue(/#lesson=and-vs-or/);
  const link = await field.inputValue();
  expect(new URL(link).hash).toBe(
    '#lesson=and-vs-or&step=2&from=pod/shop/web&to=service/data/db:5432&view=namespace&theme=dark',
  );
  expect(link).toBe(await page.evaluate(() => window.netplay!.shareLink()));
  // The address bar shows it too.
  await expect(page).toHaveURL(link);
  expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
  await expect(page.getByTestId('share-qr')).toBeVisible();
  await expect(page.getByTestId('share-long-warning')).toHaveCount(0);
  await page.getByTestId('share-copy').click();
  await expect(page.getByTestId('share-copy')).toHaveText('Copied');
  await expect(page.getByTestId('share-copy-status')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await dialog.screenshot({ path: `${SCREENSHOTS}/share-dialog.png` });

  // Escape closes it and focus goes back to the Share button.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('share-button')).toBeFocused();

  // The student: another browser context (no storage, no history), the same view.
  const student = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    const other = await student.newPage();
    const problems = watchPage(other);
    const studentApp = new AppPage(other);
    await studentApp.open(link);
    await expect(other.getByTestId('lesson-step')).toContainText('Step 2 of');
    await expect(other.getByTestId('trace-source')).toHaveValue(PACKET.from);
    await expect(other.getByTestId('trace-destination')).toHaveValue(PACKET.to);
    await expect(other.getByTestId('grouping-toggle')).toHaveAttribute('data-value', 'namespace');
    await expect(other.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(other.getByTestId('graph-tab')).toHaveAttribute('aria-selected', 'true');
    expect(await other.evaluate(() => window.netplay!.getView())).toEqual({
      view: 'namespace',
      tab: 'graph',
      theme: 'dark',
      editor: true,
      embed: false,
    });
    expect(await other.evaluate(() => window.netplay!.getLesson()?.step)).toBe(2);
    expect(await studentApp.storeText()).toBe(await app.storeText());
    await expect(other.locator('[data-testid="banner"][data-kind="error"]')).toHaveCount(0);
    // The link's theme is not remembered as this browser's own.
    expect(await other.evaluate(() => localStorage.getItem('netplay.theme'))).toBeNull();
    expect(problems).toEqual([]);
  } finally {
    await student.close();
  }
});

test('a link pasted into the address bar applies on hashchange: view, tab, theme, editor, then its packet is sent', async ({
  app,
  page,
}) => {
  await app.open();
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  const before = await app.storeText();
  await page.evaluate(() => {
    window.location.hash = '#view=namespace&tab=matrix&theme=presenter&editor=1';
  });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'contrast');
  await expect(page.getByTestId('matrix-tab')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('grouping-toggle')).toHaveAttribute('data-value', 'namespace');
  expect(await page.evaluate(() => window.netplay!.getView())).toMatchObject({
    view: 'namespace',
    tab: 'matrix',
    theme: 'presenter',
    editor: true,
  });
  // No text in the link: the text stays.
  expect(await app.storeText()).toBe(before);

  await page.evaluate(() => {
    window.location.hash =
      '#tab=graph&from=deployment/default/frontend&to=service/default/backend-service:8080&play=1';
  });
  await expect(page.getByTestId('trace-verdict')).toBeVisible();
  await expect(page.getByTestId('trace-source')).toHaveValue('deployment/default/frontend');
  expect(await page.evaluate(() => window.netplay!.getTrace()?.to)).toBe(
    'service/default/backend-service:8080',
  );

  // window.netplay.setView does the same from a script.
  await page.evaluate(() => window.netplay!.setView({ theme: 'light', view: 'node' }));
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.getByTestId('grouping-toggle')).toHaveAttribute('data-value', 'node');
  expect(await page.evaluate(() => window.netplay!.version)).toBe(1);
});

test('an old #s=1. link still opens its text, with the rest of its state', async ({
  app,
  page,
}) => {
  const text = `${seedScenario}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: old-link # from 2025\n`;
  const payload = deflateRawSync(Buffer.from(text, 'utf8')).toString('base64url');
  await app.open(`/#view=namespace&s=1.${payload}`);
  await expect.poll(() => app.storeText()).toBe(text);
  await expect(page.getByTestId('grouping-toggle')).toHaveAttribute('data-value', 'namespace');
  await expect(page.locator('[data-testid="banner"][data-kind="error"]')).toHaveCount(0);
});

test('bad values are each dropped with a banner, never injected; the rest of the link applies', async ({
  app,
  page,
}) => {
  const scripts = () => page.evaluate(() => document.scripts.length);
  await app.open(
    '/#theme=%3Cscript%3Ewindow.__injected%3D1%3C%2Fscript%3E&step=-3&view=foo&tab=matrix&from=pod/default/nope&zoom=9',
  );
  const banner = page.getByTestId('banner');
  await expect(banner).toHaveAttribute('data-kind', 'error');
  await expect(banner).toContainText(
    'theme "<script>window.__injected=1</script>" is not one of light, dark, presenter',
  );
  await expect(banner).toContainText('step "-3" is not a step number');
  await expect(banner).toContainText('view "foo" is not one of node, namespace');
  await expect(banner).toContainText(
    "The link's packet was not picked: pod default/nope does not exist.",
  );
  // The good key applied; the bad ones left things as they were.
  await expect(page.getByTestId('matrix-tab')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('grouping-toggle')).toHaveAttribute('data-value', 'node');
  await expect(page.getByTestId('trace-source')).toHaveValue('internet');
  expect(await app.storeText()).toBe(seedScenario);
  // Text, not markup: no element was made from the value, and nothing ran.
  expect(await banner.locator('script').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
  const count = await scripts();
  expect(await scripts()).toBe(count);
});

test('the Share dialog warns about a long link and says when it is too long for a QR code', async ({
  app,
  page,
}) => {
  await app.open();
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  // Text that does not compress: a link of several thousand characters.
  let seed = 7;
  const noise = Array.from({ length: 60 }, () =>
    Array.from({ length: 60 }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return 'abcdefghijklmnopqrstuvwxyz0123456789'[seed % 36];
    }).join(''),
  );
  const text = `${seedScenario}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: noise\ndata:\n${noise.map((n, i) => `  k${i}: ${n}\n`).join('')}`;
  await page.evaluate((t) => window.netplay!.load(t), text);
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-link')).toHaveValue(/#s=2\./);
  const length = (await page.getByTestId('share-link').inputValue()).length;
  expect(length).toBeGreaterThan(2953);
  await expect(page.getByTestId('share-long-warning')).toContainText(
    `This link is ${length.toLocaleString('en')} characters long: some chat apps and QR scanners cut long links.`,
  );
  await expect(page.getByTestId('share-qr-unavailable')).toContainText(
    'This link is too long for a QR code',
  );
  await expect(page.getByTestId('share-qr')).toHaveCount(0);
  // The play choice adds play=1 to the link.
  await page.getByTestId('share-play').check();
  await expect(page.getByTestId('share-link')).toHaveValue(/[#&]play=1&s=2\./);
  await page.getByTestId('share-close').click();
  await expect(page.getByTestId('share-dialog')).toHaveCount(0);
  await expect(page.getByTestId('share-button')).toBeFocused();
});
