/**
 * Lessons as a learner meets them: a lesson link, its steps and packet buttons, hints, the fix
 * typed in Monaco, checks turning green, the tick in the index surviving a reload, Show solution
 * as a diff, Reset and Apply as undo steps, and bad links. Screenshots at 1280×720 of several
 * lessons go to test-results/screenshots/ (look at them: the panel readable, the graph not
 * squeezed).
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { seriousViolations, test, expect } from './fixtures';
import type { AppPage } from './app-page';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

const LESSONS = new URL('../scenarios/lessons/', import.meta.url);
const folderOf = (slug: string) =>
  readdirSync(LESSONS).find((f) => f.replace(/^\d+-/, '') === slug)!;
const lessonFile = (slug: string, file: string) =>
  readFileSync(new URL(`${folderOf(slug)}/${file}`, LESSONS), 'utf8');

test.use({ viewport: { width: 1280, height: 720 } });

async function openLesson(app: AppPage, hash: string) {
  await app.open(`/#${hash}`);
  await expect(app.page.getByTestId('lesson-panel')).toBeVisible();
  await expect(app.page.getByTestId('engine-status')).toHaveAttribute('data-status', 'ok');
}

const checks = (app: AppPage) => app.page.getByTestId('lesson-check');
const failing = (app: AppPage) =>
  app.page.locator('[data-testid="lesson-check"][data-pass="false"]');

async function undoInEditor(app: AppPage) {
  await app.page.evaluate(() => window.__monaco!.editor.getEditors()[0]!.focus());
  await app.page.keyboard.press('Control+z');
}

test('a lesson link opens the lesson; packet buttons send; typing the fix turns every check green; the tick survives a reload', async ({
  app,
  page,
}) => {
  await openLesson(app, 'lesson=and-vs-or');
  await expect(page.getByTestId('lesson-title')).toHaveAttribute('data-slug', 'and-vs-or');
  await expect(page.getByTestId('lesson-step')).toContainText('Step 1 of 5');
  await expect(app.graphNode('pod/shop/api')).toBeVisible();
  // The challenge: at least one check fails at the start, with the trace's reason.
  await expect(checks(app).first()).toBeVisible();
  expect(await checks(app).count()).toBeGreaterThanOrEqual(3);
  await expect(failing(app).first()).toBeVisible();
  await expect(failing(app).first().getByTestId('lesson-check-why')).not.toBeEmpty();
  await expect(page.getByTestId('lesson-checks')).toHaveAttribute('data-complete', 'false');
  await app.waitForEditor();
  expect(await app.editorText()).toBe(lessonFile('and-vs-or', 'start.yaml'));

  // Step 1's packet button picks and sends its packet.
  await page.getByTestId('lesson-packet').first().click();
  await expect(page.getByTestId('trace-verdict')).toBeVisible();
  await expect(page.getByTestId('trace-source')).toHaveValue('pod/shop/api');
  await expect(page.getByTestId('trace-destination')).toHaveValue('service/data/db:5432');

  // Step 2: the web pod gets in (the trap).
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-step')).toContainText('Step 2 of 5');
  await expect(page).toHaveURL(/#lesson=and-vs-or&step=2$/);
  await page.getByTestId('lesson-packet').first().click();
  await expect(page.getByTestId('trace-source')).toHaveValue('pod/shop/web');
  await expect(page.getByTestId('trace-verdict')).toBeVisible();

  // Step 4: hints one at a time.
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-step')).toContainText('Step 4 of 5');
  await expect(page.getByTestId('lesson-hint')).toHaveCount(0);
  await page.getByTestId('lesson-hint-button').click();
  await expect(page.getByTestId('lesson-hint')).toHaveCount(1);
  await page.getByTestId('lesson-hint-button').click();
  await expect(page.getByTestId('lesson-hint')).toHaveCount(2);
  await expect(page.getByTestId('lesson-hint-button')).toHaveCount(0);

  // The fix, typed: the second peer's "- " becomes two spaces (one peer: AND).
  const line = await app.lineOf('- podSelector:');
  await app.selectOnLine(line, '- ');
  await page.keyboard.type('  ');
  await expect(page.getByTestId('lesson-checks')).toHaveAttribute('data-complete', 'true');
  await expect(failing(app)).toHaveCount(0);
  await expect(page.getByTestId('lesson-complete')).toContainText('lesson complete');
  await expect(page.getByTestId('lesson-next-lesson')).toBeVisible();
  const status = await page.evaluate(() => window.netplay!.getLesson());
  expect(status).toMatchObject({ slug: 'and-vs-or', step: 4, steps: 5, complete: true });
  expect(status!.checks.every((c) => c.pass)).toBe(true);
  await page.screenshot({ path: `${SCREENSHOTS}/lesson-complete.png` });

  // The index ticks it, and the tick is still there after a reload.
  await page.getByTestId('lesson-course').click();
  const item = page.locator('[data-testid="lesson-index-item"][data-slug="and-vs-or"]');
  await expect(item).toHaveAttribute('data-done', 'true');
  await page.screenshot({ path: `${SCREENSHOTS}/lesson-index.png` });
  await page.goto('/');
  await expect(app.graphNode('internet')).toBeVisible();
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await page.getByTestId('lessons-button').click();
  await expect(item).toHaveAttribute('data-done', 'true');
  await expect(
    page.locator('[data-testid="lesson-index-item"][data-slug="empty-rules"]'),
  ).toHaveAttribute('data-done', 'false');
  await page.waitForFunction(() => (window.netplay?.listLessons().length ?? 0) > 0);
  const listed = await page.evaluate(() => window.netplay!.listLessons());
  expect(listed.find((l) => l.slug === 'and-vs-or')).toMatchObject({ done: true, section: 'trap' });
});

test('Show solution shows a diff and changes nothing; Apply and Reset are one undo step each', async ({
  app,
  page,
}) => {
  await openLesson(app, 'lesson=empty-rules');
  await app.waitForEditor();
  const start = lessonFile('empty-rules', 'start.yaml');
  const solution = lessonFile('empty-rules', 'solution.yaml');
  expect(await app.editorText()).toBe(start);
  await expect(page.getByTestId('lesson-reset')).toBeDisabled();

  await page.getByTestId('lesson-show-solution').click();
  const diff = page.getByTestId('solution-diff');
  await expect(diff).toBeVisible();
  await expect(diff.locator('.monaco-diff-editor')).toBeVisible();
  // Monaco finds the changed line and shows it, marked on both sides.
  await expect(page.getByTestId('solution-diff-editor')).toHaveAttribute('data-changes', '1');
  await expect(diff.locator('.line-delete').first()).toBeVisible();
  await expect(diff.locator('.line-insert').first()).toBeVisible();
  expect(await app.storeText()).toBe(start);
  await page.screenshot({ path: `${SCREENSHOTS}/lesson-solution-diff.png` });

  // Keep my text: nothing changed.
  await page.getByTestId('solution-close').click();
  await expect(diff).toHaveCount(0);
  expect(await app.editorText()).toBe(start);

  // Apply: the solution, all green; one Ctrl+Z brings the start back.
  await page.getByTestId('lesson-show-solution').click();
  await page.getByTestId('solution-apply').click();
  await expect(diff).toHaveCount(0);
  await expect(page.getByTestId('lesson-checks')).toHaveAttribute('data-complete', 'true');
  expect(await app.editorText()).toBe(solution);
  await undoInEditor(app);
  await expect.poll(() => app.editorText()).toBe(start);
  await expect(page.getByTestId('lesson-checks')).toHaveAttribute('data-complete', 'false');

  // Typed edits, then Reset: the start; one Ctrl+Z brings the edits back.
  const line = await app.lineOf('ingress: []', 1);
  await app.selectOnLine(line, 'ingress: []');
  await page.keyboard.type('ingress:');
  await expect.poll(() => app.storeText()).not.toBe(start);
  const edited = await app.editorText();
  await page.getByTestId('lesson-reset').click();
  await expect.poll(() => app.editorText()).toBe(start);
  await undoInEditor(app);
  await expect.poll(() => app.editorText()).toBe(edited);
});

test('Share in a lesson gives a short lesson link, with the text only once it differs from the start', async ({
  app,
  page,
}) => {
  await openLesson(app, 'lesson=empty-rules&step=2');
  await expect(page.getByTestId('lesson-step')).toContainText('Step 2 of 5');
  const short = await page.evaluate(() => window.netplay!.shareLink());
  expect(new URL(short).hash).toBe('#lesson=empty-rules&step=2');
  expect(short.length).toBeLessThan(100);

  await app.waitForEditor();
  const line = await app.lineOf('ingress: []', 1);
  await app.selectOnLine(line, '[]');
  await page.keyboard.type('[');
  await expect.poll(() => app.storeText()).not.toBe(lessonFile('empty-rules', 'start.yaml'));
  const edited = await app.storeText();
  const long = await page.evaluate(() => window.netplay!.shareLink());
  expect(new URL(long).hash).toMatch(/^#lesson=empty-rules&step=2&s=2\.[A-Za-z0-9_-]+$/);

  // The link reopens the lesson at that step with the edits, in a fresh page.
  await page.goto('/');
  await expect(app.graphNode('internet')).toBeVisible();
  await page.goto(long);
  await page.reload();
  await expect(page.getByTestId('lesson-step')).toContainText('Step 2 of 5');
  await expect.poll(() => app.storeText()).toBe(edited);
});

test('window.netplay lists, opens and reads lessons', async ({ app, page }) => {
  await app.open();
  // The course index loads beside the app: listLessons answers once it is in.
  await page.waitForFunction(() => (window.netplay?.listLessons().length ?? 0) > 0);
  const list = await page.evaluate(() => window.netplay!.listLessons());
  expect(list.length).toBe(readdirSync(LESSONS).length);
  expect(list.map((l) => l.slug)).toContain('empty-rules');
  expect(await page.evaluate(() => window.netplay!.getLesson())).toBeUndefined();
  await page.evaluate(() => window.netplay!.openLesson('empty-rules', 3));
  const lesson = await page.evaluate(() => window.netplay!.getLesson());
  expect(lesson).toMatchObject({ slug: 'empty-rules', step: 3, steps: 5, complete: false });
  expect(lesson!.checks.length).toBeGreaterThanOrEqual(3);
  expect(lesson!.checks.some((c) => !c.pass && c.detail.length > 0)).toBe(true);
  expect(await page.evaluate(() => window.netplay!.getText())).toBe(
    lessonFile('empty-rules', 'start.yaml'),
  );
  const refused = await page.evaluate(() =>
    window.netplay!.openLesson('no-such-lesson').then(
      () => 'opened',
      (e: Error) => e.message,
    ),
  );
  expect(refused).toContain('no-such-lesson');

  // The lesson stays open behind the index with the message.
  await expect(page.getByTestId('lesson-notice')).toContainText('no-such-lesson');
  expect(await page.evaluate(() => window.netplay!.getLesson()?.slug)).toBe('empty-rules');
  // The playground is one click away, with the text it had before the lesson.
  await page.getByTestId('lesson-playground').click();
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await expect(app.graphNode('ingress/default/webapp-ingress')).toBeVisible();
  expect(await page.evaluate(() => window.netplay!.getLesson())).toBeUndefined();
});

test('an unknown lesson slug says so and shows the course, not a blank page', async ({
  app,
  page,
}) => {
  await app.open('/#lesson=no-such-lesson');
  await expect(page.getByTestId('lesson-notice')).toContainText('no-such-lesson');
  await expect(page.getByTestId('lesson-index-item').first()).toBeVisible();
  // The playground's default scenario is drawn meanwhile.
  await expect(app.graphNode('internet')).toBeVisible();
  await page.getByTestId('lesson-index-item').first().click();
  await expect(page.getByTestId('lesson-title')).toBeVisible();
});

test('a lesson link with a corrupt s= opens the lesson at its start with a banner', async ({
  app,
  page,
}) => {
  await openLesson(app, 'lesson=and-vs-or&step=3&s=1.@@not-base64@@');
  await expect(page.getByTestId('banner')).toHaveAttribute('data-kind', 'error');
  await expect(page.getByTestId('banner')).toContainText('at its start');
  await expect(page.getByTestId('lesson-step')).toContainText('Step 3 of 5');
  expect(await app.storeText()).toBe(lessonFile('and-vs-or', 'start.yaml'));
});

test('every lesson opens from its link at 1280×720 with its checks, the graph keeping its room', async ({
  app,
  page,
}) => {
  const slugs = readdirSync(LESSONS).map((f) => f.replace(/^\d+-/, ''));
  for (const slug of slugs) {
    await openLesson(app, `lesson=${slug}`);
    await expect(page.getByTestId('lesson-title')).toHaveAttribute('data-slug', slug);
    await expect(checks(app).first()).toBeVisible();
    await expect(page.getByTestId('lesson-checks')).toHaveAttribute('data-complete', 'false');
    // The graph keeps well over half the width beside the lesson and editor column.
    const graph = await page.getByTestId('graph').boundingBox();
    expect(graph!.width).toBeGreaterThan(760);
    expect(graph!.height).toBeGreaterThan(300);
    await page.screenshot({ path: `${SCREENSHOTS}/lesson-${slug}.png` });
  }
});

test.describe('accessibility: no serious or critical axe violations in the lesson panel', () => {
  for (const theme of ['light', 'dark', 'contrast'] as const) {
    test(theme, async ({ app, page }) => {
      await openLesson(app, 'lesson=and-vs-or&step=4');
      await app.waitForEditor();
      await page.getByTestId(`theme-toggle-${theme}`).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await page.getByTestId('lesson-hint-button').click();
      await expect(checks(app).first()).toBeVisible();
      const lesson = await new AxeBuilder({ page })
        .include('[data-testid="lesson-panel"]')
        .analyze();
      await page.getByTestId('lesson-course').click();
      await expect(page.getByTestId('lesson-index')).toBeVisible();
      const index = await new AxeBuilder({ page })
        .include('[data-testid="lesson-panel"]')
        .analyze();
      const bad = seriousViolations([...lesson.violations, ...index.violations]);
      expect(bad).toEqual([]);
    });
  }
});
