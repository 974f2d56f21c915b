/**
 * Autosave and files, as a learner meets them: edits survive a reload (with a notice and a
 * Discard), a link never silently replaces them, files open through the chooser or a drop
 * (several joined with ---, a `kubectl get -o yaml` List included), bad files are refused with
 * the text kept, and Download gives the text back.
 */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import type { AppPage } from './app-page';
import { test, expect, holdChunk, seedScenario } from './fixtures';

const SCREENSHOTS = 'test-results/screenshots';
const PLAYGROUND_KEY = 'netplay.autosave.playground';
const MY_NOTE = '# my own note, kept across reloads';

/** A format-1 share link of `text` (deflate-raw, base64url), as older versions wrote them. */
const shareLink = (text: string) =>
  `/#s=1.${deflateRawSync(Buffer.from(text)).toString('base64url')}`;

const storedText = (page: Page, key: string) =>
  page.evaluate((k) => {
    const raw = localStorage.getItem(k);
    return raw === null ? null : (JSON.parse(raw) as { text: string }).text;
  }, key);

/** Types a comment at the end of the editor's text, as a learner would. */
async function typeAtEnd(app: AppPage, line: string) {
  await app.waitForEditor();
  const lines = (await app.editorText()).split('\n');
  const last = lines.length;
  const column = lines[last - 1]!.length + 1;
  await app.select(last, column, last, column);
  await app.page.keyboard.type(`\n${line}`);
  await expect.poll(() => app.storeText()).toContain(line);
}

// kubectl get svc,pods -o yaml (trimmed): a List with the objects as items.
const KUBECTL_LIST = `apiVersion: v1
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: web
    namespace: default
  spec:
    ports:
    - port: 80
      targetPort: 8080
    selector:
      app: web
- apiVersion: v1
  kind: Pod
  metadata:
    labels:
      app: web
    name: web-0
    namespace: default
  spec:
    containers:
    - image: nginx
      name: web
      ports:
      - containerPort: 8080
kind: List
metadata:
  resourceVersion: ""
`;
const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
  namespace: default
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

test('edits survive a reload with a notice; Discard brings the start back', async ({
  app,
  page,
}) => {
  await app.open();
  await typeAtEnd(app, MY_NOTE);
  // Saved once typing pauses (off the typing path).
  await expect.poll(() => storedText(page, PLAYGROUND_KEY)).toContain(MY_NOTE);

  await page.reload();
  const notice = page.getByTestId('autosave-notice');
  await expect(notice).toHaveAttribute('data-kind', 'restored');
  await expect(notice).toContainText(/Restored your unsaved work from \d{1,2}:\d{2}/);
  expect(await app.storeText()).toContain(MY_NOTE);
  await app.waitForEditor();
  expect(await app.editorText()).toContain(MY_NOTE);
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/autosave-restored.png` });

  await page.getByTestId('autosave-discard').click();
  await expect(notice).toHaveCount(0);
  await expect.poll(() => app.storeText()).toBe(seedScenario);
  await expect.poll(() => app.editorText()).toBe(seedScenario);
  expect(await storedText(page, PLAYGROUND_KEY)).toBeNull();
  // Nothing left to restore.
  await page.reload();
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  await expect(notice).toHaveCount(0);
  expect(await app.storeText()).toBe(seedScenario);
});

test('a link opened over autosaved work shows the link and offers to go back to the work', async ({
  app,
  page,
}) => {
  await app.open();
  await typeAtEnd(app, MY_NOTE);
  await expect.poll(() => storedText(page, PLAYGROUND_KEY)).toContain(MY_NOTE);
  const work = await app.storeText();
  const linkText = `${seedScenario}# a colleague's link\n`;
  expect(linkText).not.toBe(seedScenario);

  // A fresh visit through a share link (pasted from a chat).
  await page.goto('about:blank');
  await app.open(shareLink(linkText));
  const notice = page.getByTestId('autosave-notice');
  await expect(notice).toHaveAttribute('data-kind', 'link-opened');
  await expect(notice).toContainText('Your unsaved work from');
  expect(await app.storeText()).toBe(linkText);
  // Not overwritten by opening the link.
  expect(await storedText(page, PLAYGROUND_KEY)).toBe(work);
  await page.screenshot({ path: `${SCREENSHOTS}/autosave-link-opened.png` });

  await page.getByTestId('autosave-go-back').click();
  await expect(notice).toHaveCount(0);
  await expect.poll(() => app.storeText()).toBe(work);
  await app.waitForEditor();
  await expect.poll(() => app.editorText()).toBe(work);

  // The same from another link pasted into this tab's address bar (no page load).
  const otherText = `${seedScenario}# another link\n`;
  await page.evaluate((hash) => (window.location.hash = hash), shareLink(otherText).slice(1));
  await expect(notice).toHaveAttribute('data-kind', 'link-opened');
  await expect.poll(() => app.storeText()).toBe(otherText);
  expect(await storedText(page, PLAYGROUND_KEY)).toBe(work);
  await page.getByTestId('autosave-go-back').click();
  await expect.poll(() => app.storeText()).toBe(work);
});

test('a lesson keeps its own work: reopening its link restores it, the playground keeps its own', async ({
  app,
  page,
}) => {
  await app.open('/#lesson=clusterip');
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  await typeAtEnd(app, MY_NOTE);
  await expect.poll(() => storedText(page, 'netplay.autosave.lesson:clusterip')).toContain(MY_NOTE);
  expect(await storedText(page, PLAYGROUND_KEY)).toBeNull();

  await page.goto('about:blank');
  await app.open('/#lesson=clusterip');
  await expect(page.getByTestId('autosave-notice')).toHaveAttribute('data-kind', 'restored');
  expect(await app.storeText()).toContain(MY_NOTE);
  await page.goto('about:blank');
  await app.open('/');
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  await expect(page.getByTestId('autosave-notice')).toHaveCount(0);
  expect(await app.storeText()).toBe(seedScenario);
});

test('a corrupt autosave entry is ignored with a notice', async ({ app, page }) => {
  await app.open();
  await page.evaluate((key) => localStorage.setItem(key, '{"version":1,"text":'), PLAYGROUND_KEY);
  await page.reload();
  await expect(page.getByTestId('autosave-notice')).toHaveAttribute('data-kind', 'corrupt');
  await expect(page.getByTestId('autosave-notice')).toContainText('could not be read');
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();
  expect(await app.storeText()).toBe(seedScenario);
});

test('a full storage warns and keeps the text', async ({ app, page }) => {
  await app.open();
  await page.evaluate(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await typeAtEnd(app, MY_NOTE);
  const notice = page.getByTestId('autosave-notice');
  await expect(notice).toHaveAttribute('data-kind', 'quota');
  await expect(notice).toContainText('storage is full');
  expect(await app.storeText()).toContain(MY_NOTE);
  await expect(page.getByTestId('autosave-download')).toBeVisible();
});

test('Open joins two chosen files with --- (a kubectl List among them); Download gives the text', async ({
  app,
  page,
}) => {
  // The editor's chunk is held back until the files are open: undo must still reach the text
  // they replaced when Monaco mounts after them (a slow network, a busy machine).
  const releaseEditor = await holdChunk(page, 'editor-pane');
  await app.open();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('file-open').click();
  await (
    await chooser
  ).setFiles([
    { name: 'policy.yaml', mimeType: 'application/yaml', buffer: Buffer.from(POLICY) },
    { name: 'from-kubectl.yaml', mimeType: 'application/yaml', buffer: Buffer.from(KUBECTL_LIST) },
  ]);
  await expect.poll(() => app.storeText()).toBe(`${KUBECTL_LIST}---\n${POLICY}`);
  await expect(page.getByTestId('banner')).toContainText('Opened from-kubectl.yaml, policy.yaml');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ok');
  await expect(app.graphNode('service/default/web')).toBeVisible();
  await expect(app.graphNode('pod/default/web-0')).toBeVisible();
  // One undo step brings the previous text back.
  releaseEditor();
  await app.waitForEditor();
  await page.evaluate(() => window.__monaco!.editor.getEditors()[0]!.focus());
  await page.keyboard.press('Control+z');
  await expect.poll(() => app.storeText()).toBe(seedScenario);
  await page.keyboard.press('Control+y');
  await expect.poll(() => app.storeText()).toBe(`${KUBECTL_LIST}---\n${POLICY}`);

  const download = page.waitForEvent('download');
  await page.getByTestId('file-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('scenario.yaml');
  expect(readFileSync(await file.path(), 'utf8')).toBe(await app.storeText());
});

/** Drags `files` over the page and drops them, as a file manager would. */
async function dropFiles(page: Page, files: { name: string; bytes: number[] | string }[]) {
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const { name, bytes } of list) {
      const content = typeof bytes === 'string' ? bytes : new Uint8Array(bytes);
      transfer.items.add(new File([content], name, { type: 'application/yaml' }));
    }
    const target = document.querySelector('[data-testid="graph"]')!;
    target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true }));
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true }));
    (window as unknown as { pendingDrop: DataTransfer }).pendingDrop = transfer;
  }, files);
  await expect(page.getByTestId('file-drop-zone')).toBeVisible();
  await expect(page.getByTestId('file-drop-zone')).toContainText('Drop .yaml files');
  await page.screenshot({ path: `${SCREENSHOTS}/file-drop-zone.png` });
  await page.evaluate(() => {
    const transfer = (window as unknown as { pendingDrop: DataTransfer }).pendingDrop;
    document
      .querySelector('[data-testid="graph"]')!
      .dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
  });
  await expect(page.getByTestId('file-drop-zone')).toHaveCount(0);
}

test('dropping a file opens it; a binary or a 50 MB file is refused and the text stays', async ({
  app,
  page,
}) => {
  // The header's Open/Download chunk is held back: the drop target works without it.
  const releaseButtons = await holdChunk(page, 'file-controls');
  await app.open();
  await expect(app.graphNode('service/default/backend-service')).toBeVisible();

  await dropFiles(page, [{ name: 'image.yaml', bytes: [0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a] }]);
  await expect(page.getByTestId('banner')).toHaveAttribute('data-kind', 'error');
  await expect(page.getByTestId('banner')).toContainText('"image.yaml" is a binary file');
  expect(await app.storeText()).toBe(seedScenario);

  // 50 MB, made in the page (no 50 MB through the test protocol).
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(50 * 1024 * 1024).fill(0x61)], 'huge.yaml'));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
  });
  await expect(page.getByTestId('banner')).toContainText('"huge.yaml" is 50.0 MB, over the 5 MB');
  expect(await app.storeText()).toBe(seedScenario);

  await dropFiles(page, [{ name: 'policy.yaml', bytes: POLICY }]);
  await expect.poll(() => app.storeText()).toBe(POLICY);
  await expect(page.getByTestId('banner')).toContainText('Opened policy.yaml');
  await expect(page.getByTestId('file-open')).toHaveCount(0);
  releaseButtons();
  await expect(page.getByTestId('file-open')).toBeVisible();
});

test('at 1280×720 the header keeps every button on one line, on screen, beside the restored notice', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open();
  await typeAtEnd(app, MY_NOTE);
  await expect.poll(() => storedText(page, PLAYGROUND_KEY)).toContain(MY_NOTE);
  await page.reload();
  await expect(page.getByTestId('autosave-notice')).toBeVisible();
  for (const id of [
    'lessons-button',
    'file-open',
    'file-download',
    'editor-toggle',
    'share-button',
  ]) {
    const box = (await page.getByTestId(id).boundingBox())!;
    expect(box.x + box.width, id).toBeLessThanOrEqual(1280);
    expect(box.y, id).toBeLessThan(48);
    expect(box.height, `${id} on one line`).toBeLessThan(40);
  }
  await page.screenshot({ path: `${SCREENSHOTS}/autosave-restored-1280.png` });
});
