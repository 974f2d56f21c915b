/**
 * Embed mode: the app in an <iframe> of a page from another origin (a second small server,
 * another port), driven by postMessage the way a course page would drive it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from '@playwright/test';
import { test, expect, seedScenario } from './fixtures';

/** Two pods and a policy that lets only `web` talk to `api`. */
const SMALL = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {containers: [{name: web, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, labels: {app: api}}
spec: {containers: [{name: api, image: api, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: stranger, labels: {app: stranger}}
spec: {containers: [{name: s, image: busybox}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-web}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
`;

/** The parent page: an 800×500 frame, a log of what the frame posts, and a `post` helper. */
const PARENT_HTML = (src: string) => `<!doctype html>
<html><head><title>A course page</title></head>
<body style="margin:0;padding:16px;background:#eee">
<iframe id="app" title="kube-netplay" src="${src}" width="800" height="500" style="border:1px solid #888;display:block"></iframe>
<script>
  window.received = [];
  window.addEventListener('message', (event) => {
    if (event.source !== document.getElementById('app').contentWindow) return;
    window.received.push({ origin: event.origin, data: event.data });
  });
  window.post = (message) => document.getElementById('app').contentWindow.postMessage(message, '*');
</script>
</body></html>`;

let parentServer: Server;
let parentOrigin: string;
let iframeSrc = '';

test.beforeAll(async () => {
  parentServer = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PARENT_HTML(iframeSrc));
  });
  await new Promise<void>((resolve) => parentServer.listen(0, '127.0.0.1', resolve));
  parentOrigin = `http://127.0.0.1:${(parentServer.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => parentServer.close(resolve));
});

interface Received {
  origin: string;
  data: {
    type: string;
    id?: unknown;
    trace?: { verdict: string; from: string; to: string };
    message?: string;
  };
}

const received = (page: Page) =>
  page.evaluate(() => (window as unknown as { received: Received[] }).received);
const post = (page: Page, message: unknown) =>
  page.evaluate((m) => (window as unknown as { post: (m: unknown) => void }).post(m), message);

/** Opens the parent page with the app framed at `fragment`; resolves with the app's frame once it is ready. */
async function openFramed(page: Page, baseURL: string, fragment: string): Promise<Frame> {
  const appOrigin = new URL(baseURL).origin;
  expect(parentOrigin).not.toBe(appOrigin);
  iframeSrc = `${baseURL}#${fragment}`;
  await page.goto(`${parentOrigin}/course.html`);
  await expect
    .poll(async () => (await received(page)).some((r) => r.data.type === 'netplay:ready'))
    .toBe(true);
  const frame = page.frames().find((f) => f.url().startsWith(appOrigin));
  expect(frame).toBeDefined();
  return frame!;
}

test('a page from another origin loads a text, sends a packet and gets the trace', async ({
  page,
  baseURL,
  problems,
}) => {
  void problems;
  const frame = await openFramed(page, baseURL!, 'embed=1');
  const app = page.frameLocator('#app');
  const appOrigin = new URL(baseURL!).origin;
  // The ready signal came from the app.
  expect((await received(page))[0]).toEqual({ origin: appOrigin, data: { type: 'netplay:ready' } });

  // Embed chrome: graph, packet controls, trace and the slim header; no editor, no app header.
  await expect(app.getByTestId('embed-header')).toBeVisible();
  await expect(app.getByTestId('graph')).toBeVisible();
  await expect(app.getByTestId('send-button')).toBeVisible();
  await expect(app.getByTestId('trace-panel')).toBeVisible();
  await expect(app.getByTestId('share-button')).toHaveCount(0);
  await expect(app.getByTestId('editor-toggle')).toHaveCount(0);
  await expect(app.getByTestId('editor-restore')).toHaveCount(0);
  await expect(app.getByTestId('editor')).toHaveCount(0);
  await expect(app.locator('.monaco-editor')).toHaveCount(0);
  await expect(
    app.locator('[data-testid="graph-node"][data-id="service/default/backend-service"]'),
  ).toBeVisible();
  // "Open in kube-netplay": the same state full size, in a new tab.
  const open = app.getByTestId('embed-open');
  await expect(open).toHaveAttribute('href', baseURL!);
  await expect(open).toHaveAttribute('target', '_blank');

  await post(page, { type: 'netplay:load', text: SMALL, id: 'load-1' });
  await post(page, {
    type: 'netplay:send',
    from: 'pod/default/stranger',
    to: 'pod/default/api:8080',
    id: 'send-1',
  });
  await expect
    .poll(async () => (await received(page)).map((r) => r.data.type))
    .toEqual(['netplay:ready', 'netplay:loaded', 'netplay:trace']);
  const replies = await received(page);
  // Every reply went to the parent's own origin, from the app's.
  expect(replies.every((r) => r.origin === appOrigin)).toBe(true);
  expect(replies[1]!.data).toEqual({ type: 'netplay:loaded', id: 'load-1' });
  const trace = replies[2]!.data;
  expect(trace.id).toBe('send-1');
  expect(trace.trace).toMatchObject({ verdict: 'deny', from: 'pod/default/stranger' });
  // The frame shows what the parent loaded and sent.
  expect(await frame.evaluate(() => window.netplay!.getText())).toBe(SMALL);
  await expect(app.locator('[data-testid="graph-node"][data-id="pod/default/api"]')).toBeVisible();
  await expect(app.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'deny');
  // The full-size link now carries the loaded text and the packet sent (a share link, without embed).
  await expect(open).toHaveAttribute('href', /#(.+&)?s=\d\./);
  expect(await open.getAttribute('href')).toContain('from=pod/default/stranger');
  const href = await open.getAttribute('href');
  expect(href).not.toContain('embed');

  await page.locator('#app').screenshot({ path: 'test-results/e2e/embed-800x500.png' });
});

test('the editor shows with editor=1, and a lesson link opens its text without the panel', async ({
  page,
  baseURL,
  problems,
}) => {
  void problems;
  await openFramed(page, baseURL!, 'embed=1&editor=1');
  const app = page.frameLocator('#app');
  await expect(app.getByTestId('editor').locator('.monaco-editor')).toBeVisible();
  await expect(app.getByTestId('embed-header')).toBeVisible();
  await expect(app.getByTestId('share-button')).toHaveCount(0);
  await page.locator('#app').screenshot({ path: 'test-results/e2e/embed-editor-800x500.png' });

  // The parent changes only the frame's fragment (no reload): the frame follows.
  const setFragment = (fragment: string) =>
    page.evaluate(
      (src) => ((document.getElementById('app') as HTMLIFrameElement).src = src),
      `${baseURL!}#${fragment}`,
    );
  await setFragment('embed=1&editor=0');
  await expect(app.getByTestId('editor')).toHaveCount(0);
  await expect(app.getByTestId('embed-header')).toBeVisible();
  await setFragment('');
  // The whole app in an 800 px frame: the small-screen layout (the header's actions in its
  // Menu, the editor one tab away).
  await expect(app.getByTestId('embed-header')).toHaveCount(0);
  await app.getByTestId('header-menu-button').click();
  await expect(app.getByTestId('share-button')).toBeVisible();
  await app.getByTestId('compact-tab-yaml').click();
  await expect(app.getByTestId('editor')).toBeVisible();

  const frame = await openFramed(page, baseURL!, 'embed=1&lesson=default-deny&step=2');
  await expect
    .poll(() => frame.evaluate(() => window.netplay!.getLesson()?.slug))
    .toBe('default-deny');
  expect(await frame.evaluate(() => window.netplay!.getText())).toContain('name: default-deny');
  await expect(app.getByTestId('lesson-panel')).toHaveCount(0);
  await expect(app.getByTestId('editor')).toHaveCount(0);
  await expect(app.getByTestId('embed-open')).toHaveAttribute(
    'href',
    `${baseURL!}#lesson=default-deny&step=2`,
  );
  await expect(
    app.locator('[data-testid="graph-node"][data-id="pod/default/backend-0"]'),
  ).toBeVisible();
  await page.locator('#app').screenshot({ path: 'test-results/e2e/embed-lesson-800x500.png' });
});

test('messages of any other shape are ignored, and nothing in them runs', async ({
  page,
  baseURL,
  problems,
}) => {
  void problems;
  const frame = await openFramed(page, baseURL!, 'embed=1');
  const xss = "<img src=x onerror=\"window.parent.postMessage('pwned','*');window.pwned=1\">";
  const garbage: unknown[] = [
    null,
    42,
    'netplay:load',
    JSON.stringify({ type: 'netplay:load', text: 'kind: Pod' }),
    [{ type: 'netplay:load', text: 'kind: Pod' }],
    { type: 'netplay:eval', code: 'window.pwned = 1' },
    { type: 'netplay:load', text: { type: 'netplay:load', text: 'kind: Pod' } },
    { data: { type: 'netplay:load', text: 'kind: Pod' } },
    { type: 'netplay:load', text: 12 },
    { type: 'netplay:send', from: ['a'], to: 'b' },
    { type: 'netplay:send', from: '', to: 'b' },
    { type: 'netplay:trace', trace: {} },
  ];
  for (const message of garbage) await post(page, message);
  // A text over the engine's limit (6 MB), refused by its length.
  await page.evaluate(() =>
    (window as unknown as { post: (m: unknown) => void }).post({
      type: 'netplay:load',
      text: 'x'.repeat(6 * 1024 * 1024),
    }),
  );
  // A packet whose endpoint is markup: a string for the query parser, never HTML or code.
  await post(page, { type: 'netplay:send', from: xss, to: 'pod/default/backend-0:8080', id: 'x' });
  await expect
    .poll(async () => (await received(page)).map((r) => r.data.type))
    .toEqual(['netplay:ready', 'netplay:trace']);
  const [, reply] = await received(page);
  expect(reply!.data.id).toBe('x');
  expect(JSON.stringify(reply!.data.trace)).toContain('error');
  expect(await frame.evaluate(() => window.netplay!.getText())).toBe(seedScenario);
  expect(
    await frame.evaluate(() => (window as unknown as { pwned?: number }).pwned),
  ).toBeUndefined();
  expect(
    await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
  ).toBeUndefined();
  expect((await received(page)).map((r) => r.data)).not.toContain('pwned');
});

test('a flood of 5,000 messages is rate-limited and the page keeps responding', async ({
  page,
  baseURL,
  problems,
}) => {
  void problems;
  const frame = await openFramed(page, baseURL!, 'embed=1');
  const app = page.frameLocator('#app');
  // 5,000 in one go from the parent: loads of distinct texts, sends and garbage, interleaved.
  await page.evaluate((small) => {
    const post = (window as unknown as { post: (m: unknown) => void }).post;
    for (let i = 0; i < 5000; i++) {
      if (i % 3 === 0) post({ type: 'netplay:load', text: `${small}# flood ${i}\n`, id: i });
      else if (i % 3 === 1)
        post({ type: 'netplay:send', from: 'pod/default/web', to: 'pod/default/api:8080', id: i });
      else post({ type: 'netplay:nonsense', i });
    }
  }, SMALL);
  // The frame still answers: a frame paints, and its buttons work.
  await frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  await expect(app.getByTestId('send-button')).toBeEnabled();
  // After the flood, a request is taken again (the limit refills in a fraction of a second).
  await expect(async () => {
    await post(page, {
      type: 'netplay:send',
      from: 'pod/default/web',
      to: 'pod/default/api:8080',
      id: 'after',
    });
    await page.waitForTimeout(300);
    const replies = await received(page);
    expect(replies.some((r) => r.data.type === 'netplay:trace' && r.data.id === 'after')).toBe(
      true,
    );
  }).toPass({ timeout: 30_000 });
  const replies = await received(page);
  const traces = replies.filter((r) => r.data.type === 'netplay:trace');
  const limited = replies.filter(
    (r) => r.data.type === 'netplay:error' && r.data.message?.startsWith('Too many messages'),
  );
  // Most of the flood was dropped at the door: a few dozen requests ran, not thousands.
  expect(limited.length).toBeGreaterThanOrEqual(1);
  expect(traces.length).toBeLessThan(40);
  expect(traces.at(-1)!.data.trace).toMatchObject({ verdict: 'allow' });
  // The text is one the parent sent, whole.
  expect(await frame.evaluate(() => window.netplay!.getText())).toMatch(/# flood \d+\n$/);
  await expect(app.getByTestId('trace-verdict')).toHaveAttribute('data-verdict', 'allow');
});
