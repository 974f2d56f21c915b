/**
 * The editor that knows the cluster, driven by keyboard: hover a selector and read its pods,
 * complete a label value from the cluster, apply a quick fix with Ctrl+. and see the marker go,
 * insert a recipe, and read the code lenses.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

/** Puts the cursor at line/column, focused. */
async function cursorAt(page: Page, line: number, column: number) {
  await page.evaluate(
    ([l, c]) => {
      const editor = window.__monaco!.editor.getEditors()[0]!;
      editor.setPosition({ lineNumber: l!, column: c! });
      editor.revealLineInCenter(l!);
      editor.focus();
    },
    [line, column],
  );
}

test('hover a Service selector (Ctrl+K Ctrl+I) and read the pods it selects', async ({ app, page }) => {
  await app.open();
  await app.waitForEditor();
  await expect(app.graphNode('pod/default/backend-1')).toBeVisible();
  const line = (await app.lineOf('name: backend-service')) + 2;
  const content = (await app.editorText()).split('\n')[line - 1]!;
  expect(content).toBe('  selector: {app: backend}');
  await cursorAt(page, line, content.indexOf('backend') + 2);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover').filter({ hasText: 'selects' });
  await expect(hover).toContainText('selector selects 2 pods: default/backend-0, default/backend-1');
  await expect(hover).toContainText('2 ready endpoints');
  await page.screenshot({ path: `${SCREENSHOTS}/editor-hover.png` });
});

test('code lenses say what each policy and Service does, and a click selects it in the graph', async ({ app, page }) => {
  await app.open();
  await app.waitForEditor();
  const lenses = page.getByTestId('editor').locator('.codelens-decoration');
  await cursorAt(page, await app.lineOf('name: backend-service'), 1);
  const service = lenses.filter({ hasText: '2 ready endpoints' });
  await expect(service.first()).toBeVisible();
  await cursorAt(page, await app.lineOf('name: allow-frontend-to-backend'), 1);
  await expect(lenses.filter({ hasText: 'isolates 2 pods for ingress · admits from 2 pods on TCP 8080' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/editor-code-lens.png` });
  await lenses.locator('a', { hasText: 'isolates 2 pods for ingress · admits from 2 pods on TCP 8080' }).click();
  await expect(page.getByTestId('details-panel')).toHaveAttribute('data-id', 'pod/default/backend-0');
});

test('complete a label value from the cluster (Ctrl+Space)', async ({ app, page }) => {
  await app.open();
  await app.waitForEditor();
  await expect(app.graphNode('pod/default/backend-1')).toBeVisible();
  const line = (await app.lineOf('name: backend-service')) + 2;
  await app.selectOnLine(line, 'backend');
  await page.keyboard.type('bac');
  await page.keyboard.press('Control+Space');
  const row = page.locator('.suggest-widget .monaco-list-row').filter({ hasText: 'cluster' });
  await expect(row.first()).toContainText('backend');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await app.editorText()).split('\n')[line - 1]).toBe('  selector: {app: backend}');
});

test('cluster values still come when the answer arrives after more letters were typed', async ({ app, page }) => {
  // The engine answers a completion only after the next keys are in (a busy worker): the
  // popup that opened on the first letter must still get the cluster's values, since Ctrl+Space
  // does nothing while it is open.
  await page.addInitScript(() => {
    const proto = Worker.prototype;
    const post = Reflect.get(proto, 'postMessage') as (this: Worker, message: unknown) => void;
    Reflect.set(proto, 'postMessage', function (this: Worker, message: unknown) {
      if ((message as { type?: string } | null)?.type === 'completeAt') {
        setTimeout(() => post.call(this, message), 600);
        return;
      }
      post.call(this, message);
    });
  });
  await app.open();
  await app.waitForEditor();
  await expect(app.graphNode('pod/default/backend-1')).toBeVisible();
  const line = (await app.lineOf('name: backend-service')) + 2;
  await app.selectOnLine(line, 'backend');
  await page.keyboard.type('b');
  await page.keyboard.press('Control+Space');
  await page.keyboard.type('ac', { delay: 80 });
  const row = page.locator('.suggest-widget .monaco-list-row').filter({ hasText: 'cluster' });
  await expect(row.first()).toContainText('backend');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await app.editorText()).split('\n')[line - 1]).toBe('  selector: {app: backend}');
});

test('a quick fix with Ctrl+. makes the marker go, and Ctrl+Z takes it back in one step', async ({ app, page }) => {
  await app.open();
  await app.waitForEditor();
  await expect(app.graphNode('pod/default/backend-1')).toBeVisible();
  const line = (await app.lineOf('name: backend-service')) + 2;
  await app.selectOnLine(line, 'backend');
  await page.keyboard.type('backnd');
  await expect.poll(async () => (await app.markers()).filter((m) => m.line === line).map((m) => m.message).join()).toContain('matches no pod');
  await cursorAt(page, line, 5);
  await page.keyboard.press('Control+.');
  const action = page.locator('.action-widget').getByText('Select app: backend (2 pods in default)');
  await expect(action).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/editor-quick-fix.png` });
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await app.editorText()).split('\n')[line - 1]).toBe('  selector: {app: backend}');
  await expect.poll(async () => (await app.markers()).filter((m) => m.line === line)).toEqual([]);
  await page.keyboard.press('Control+Z');
  await expect.poll(async () => (await app.editorText()).split('\n')[line - 1]).toBe('  selector: {app: backnd}');
});

test('insert a recipe by keyboard: a snippet on an empty line goes in as a new document', async ({ app, page }) => {
  await app.open();
  await app.waitForEditor();
  await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
  await cursorAt(page, 2, 1);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('recipe-deny-all-ingress');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.suggest-widget .monaco-list-row').first()).toContainText('recipe: deny all ingress');
  await page.keyboard.press('Enter');
  await expect.poll(() => app.editorText()).toContain('---\n# Every pod in default accepts no connection from anywhere');
  const text = await app.editorText();
  // After the Scenario document, before the first Deployment; the typed word is gone.
  expect(text.indexOf('name: deny-all-ingress')).toBeLessThan(text.indexOf('name: frontend'));
  expect(text).not.toContain('recipe-deny');
  await expect.poll(() => app.markers()).toEqual([]);
  await expect(app.graphNode('pod/default/backend-0')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/editor-recipe.png` });
});

test("a dropped packet's suggested fix is offered at the policy with Ctrl+.", async ({ app, page }) => {
  await app.open();
  await app.waitForEditor();
  await expect(app.graphNode('pod/default/backend-1')).toBeVisible();
  // Delete the policy that lets the ingress controller in: the packet to /api is then dropped.
  const first = await app.lineOf('# Lets the ingress controller in');
  const last = (await app.lineOf('ports: [{port: 8080}]')) + 1; // its `---`
  await app.select(first, 1, last + 1, 1);
  await page.keyboard.press('Delete');
  await expect.poll(() => app.storeText()).not.toContain('allow-ingress-to-backend');
  await app.send();
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'deny');
  await cursorAt(page, await app.lineOf('name: allow-frontend-to-backend'), 3);
  await page.keyboard.press('Control+.');
  const action = page.locator('.action-widget').getByText(/^Apply the suggested fix/);
  await expect(action).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'allow');
});
