import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createInProcessClient } from '../../../engine-client/in-process-client';
import { createAppController } from '../../app-controller';
import { encodeShareText } from '../share/share-link';
import { createAppStore } from '../../store/app-store';
import { selectLessonChecks, selectLessonComplete } from '../../store/lesson-slice';
import { toLessonFolders, type LessonFolder } from './lesson-catalog';
import { createLessonController, whenLessonController } from './lesson-controller';

const LESSONS = new URL('../../../../scenarios/lessons/', import.meta.url);
const seed = readFileSync(new URL('../../../../scenarios/full-flow.yaml', import.meta.url), 'utf8');
const fileOf = (slug: string, file: string) => {
  const folder = readdirSync(LESSONS).find((f) => f.replace(/^\d+-/, '') === slug)!;
  return readFileSync(new URL(`${folder}/${file}`, LESSONS), 'utf8');
};

async function setup(folders?: readonly LessonFolder[]) {
  const store = createAppStore(seed);
  const controller = createAppController(store, createInProcessClient());
  await controller.load(seed, 'default');
  const lessons = createLessonController(store, controller, {
    playgroundText: seed,
    ...(folders ? { folders } : {}),
  });
  await lessons.loadIndex();
  return { store, controller, lessons };
}

/** Lesson folders made of texts in memory (a teacher's broken lesson, a missing file). */
function memoryFolders(files: Record<string, string>): LessonFolder[] {
  return toLessonFolders(
    Object.fromEntries(
      Object.entries(files).map(([path, text]) => [
        `/scenarios/lessons/${path}`,
        () => Promise.resolve(text),
      ]),
    ),
  );
}

describe('lesson controller', () => {
  it('loads the whole course into the index, in order, with no errors', async () => {
    const { store, lessons } = await setup();
    const { lessonIndex, lessonIndexErrors, lessonIndexLoaded } = store.getState();
    expect(lessonIndexLoaded).toBe(true);
    expect(lessonIndexErrors).toEqual([]);
    expect(lessonIndex.map((l) => l.slug)).toEqual(
      readdirSync(LESSONS)
        .sort()
        .map((f) => f.replace(/^\d+-/, '')),
    );
    expect(await whenLessonController(store)).toBe(lessons);
    // Marked as React's `use` reads a settled promise: a panel rendered now does not suspend.
    expect(whenLessonController(store)).toMatchObject({ status: 'fulfilled', value: lessons });
  });

  it('reads no lesson file for the index until asked, then each once however often asked', async () => {
    const store = createAppStore(seed);
    const controller = createAppController(store, createInProcessClient());
    let reads = 0;
    const lessonFile = (slug: string) => () => {
      reads++;
      return Promise.resolve(`---\ntitle: ${slug}\nsection: Test\norder: 1\n---\n# ${slug}\n`);
    };
    const folders = toLessonFolders({
      '/scenarios/lessons/01-a/lesson.md': lessonFile('a'),
      '/scenarios/lessons/02-b/lesson.md': lessonFile('b'),
    });
    const lessons = createLessonController(store, controller, { playgroundText: seed, folders });
    await Promise.resolve();
    expect(reads).toBe(0);
    expect(store.getState().lessonIndexLoaded).toBe(false);
    await Promise.all([lessons.loadIndex(), lessons.loadIndex()]);
    await lessons.loadIndex();
    expect(reads).toBe(2);
    expect(store.getState().lessonIndexLoaded).toBe(true);
  });

  it('opens a lesson at its start: its checks come with the analysis, and the fix ticks it once', async () => {
    const { store, controller, lessons } = await setup();
    expect(await lessons.open('and-vs-or', 2)).toBe(true);
    let state = store.getState();
    expect(state.text).toBe(fileOf('and-vs-or', 'start.yaml'));
    expect(state.lessonPanel).toBe('lesson');
    expect(state.lessonStep).toBe(1);
    const checks = selectLessonChecks(state)!;
    expect(checks.length).toBeGreaterThanOrEqual(3);
    expect(checks.some((c) => !c.pass)).toBe(true);
    expect(selectLessonComplete(state)).toBe(false);

    let notified = 0;
    const stop = store.subscribe(() => notified++);
    await controller.load(fileOf('and-vs-or', 'solution.yaml'), 'api');
    stop();
    state = store.getState();
    expect(selectLessonChecks(state)!.every((c) => c.pass)).toBe(true);
    expect(selectLessonComplete(state)).toBe(true);
    expect(state.lessonsDone).toEqual(['and-vs-or']);
    // Ticking is one change, not a loop of notifications.
    expect(notified).toBeLessThan(10);
    expect(lessons.nextSlug()).toBe('empty-rules');
  });

  it('an unknown slug shows the index with a message and keeps the text', async () => {
    const { store, lessons } = await setup();
    expect(await lessons.open('no-such-lesson')).toBe(false);
    const state = store.getState();
    expect(state.lessonPanel).toBe('index');
    expect(state.lessonNotice).toContain('There is no lesson called "no-such-lesson"');
    expect(state.lesson).toBeUndefined();
    expect(state.text).toBe(seed);
  });

  it("a lesson whose files are broken shows the lesson's error, never throws", async () => {
    const good = {
      'lesson.md': fileOf('empty-rules', 'lesson.md'),
      'start.yaml': fileOf('empty-rules', 'start.yaml'),
      'solution.yaml': fileOf('empty-rules', 'solution.yaml'),
    };
    const folders = memoryFolders({
      '01-fine/lesson.md': good['lesson.md'],
      '01-fine/start.yaml': good['start.yaml'],
      '01-fine/solution.yaml': good['solution.yaml'],
      '02-bad-front/lesson.md': '---\ntitle: [unclosed\n---\n## Step\ntext\n',
      '02-bad-front/start.yaml': good['start.yaml'],
      '02-bad-front/solution.yaml': good['solution.yaml'],
      '03-no-start/lesson.md': good['lesson.md'],
      '03-no-start/solution.yaml': good['solution.yaml'],
    });
    const { store, lessons } = await setup(folders);
    expect(store.getState().lessonIndex.map((l) => l.slug)).toEqual(['fine', 'no-start']);
    expect(store.getState().lessonIndexErrors).toEqual([
      expect.stringContaining('bad-front/lesson.md line'),
    ]);
    expect(await lessons.open('bad-front')).toBe(false);
    expect(store.getState().lessonNotice).toMatch(
      /"bad-front" could not be opened: .*front matter/,
    );
    expect(await lessons.open('no-start')).toBe(false);
    expect(store.getState().lessonNotice).toContain('no-start/start.yaml is missing');
    expect(store.getState().text).toBe(seed);
    expect(await lessons.open('fine')).toBe(true);
  });

  it("a corrupt s= opens the lesson's start with a banner; a good one opens the learner's text", async () => {
    const { store, lessons } = await setup();
    await lessons.openLink({ slug: 'empty-rules', step: 3, payload: '1.@@@' });
    let state = store.getState();
    expect(state.text).toBe(fileOf('empty-rules', 'start.yaml'));
    expect(state.banner?.kind).toBe('error');
    expect(state.banner?.message).toContain('opened at its start instead');
    expect(state.lessonStep).toBe(2);

    const edited = `${fileOf('empty-rules', 'start.yaml')}\n# my note\n`;
    await lessons.openLink({
      slug: 'empty-rules',
      step: 1,
      payload: await encodeShareText(edited),
    });
    state = store.getState();
    expect(state.text).toBe(edited);
    // The same lesson again without s=: only the step moves, the learner's text stays.
    await lessons.openLink({ slug: 'empty-rules', step: 4, payload: undefined });
    expect(store.getState().text).toBe(edited);
    expect(store.getState().lessonStep).toBe(3);
  });

  it('checks naming objects the learner deleted fail with the reason, no exception', async () => {
    const { store, controller, lessons } = await setup();
    await lessons.open('and-vs-or');
    const withoutWeb = fileOf('and-vs-or', 'start.yaml').replace(
      /---\napiVersion: v1\nkind: Pod\nmetadata: \{name: web,[^\n]*\nspec:[^\n]*\n/,
      '',
    );
    expect(withoutWeb).not.toContain('name: web,');
    await controller.load(withoutWeb, 'api');
    const web = selectLessonChecks(store.getState())!.find((c) => c.check.from === 'pod/shop/web')!;
    expect(web.pass).toBe(false);
    expect(web.why).toMatch(/web/);
    expect(selectLessonComplete(store.getState())).toBe(false);
  });

  it('reset, apply solution and leaving go back to the right texts', async () => {
    const { store, controller, lessons } = await setup();
    await controller.load('# my playground\n', 'api');
    await lessons.open('empty-rules');
    await controller.load('# scribbles\n', 'api');
    await lessons.reset();
    expect(store.getState().text).toBe(fileOf('empty-rules', 'start.yaml'));
    store.getState().setLessonSolutionShown(true);
    await lessons.applySolution();
    expect(store.getState().text).toBe(fileOf('empty-rules', 'solution.yaml'));
    expect(store.getState().lessonSolutionShown).toBe(false);
    // A second lesson, then the playground: the text from before the first lesson.
    await lessons.open('and-vs-or');
    await lessons.leave();
    expect(store.getState().lessonPanel).toBe('closed');
    expect(store.getState().lesson).toBeUndefined();
    expect(store.getState().text).toBe('# my playground\n');
  });
});
