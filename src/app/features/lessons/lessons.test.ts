/**
 * Every lesson folder under scenarios/lessons keeps the rules of the course, so a teacher's new
 * lesson is checked by CI with the same engine the learner uses:
 * - lesson.md parses (front matter, steps); its folder is `NN-slug` and NN is its `order`;
 * - start.yaml and solution.yaml hold the same checks (name, from, to, expect), at least 3, each named;
 * - start fails at least one check, solution passes all (Analysis.checks, as the app shows them);
 * - both have no error diagnostics (what `netplay lint` fails on);
 * - the solution is a fix, not a rewrite: at most MAX_CHANGED_LINES lines differ (a line diff);
 * - every ```packet block is a valid query (no `error`) in the start or the solution cluster;
 * - a lesson link carrying the whole solution as the learner's edits stays within MAX_EDITED_LINK_CHARS;
 * - all 18 slugs of the course exist.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulate, traceQueries, type Analysis, type ScenarioCheck } from '../../../engine';
import { encodeShareText } from '../share/share-link';
import { lessonSlug, parseLessonFile } from './lesson-file';
import { MAX_CHANGED_LINES, MAX_EDITED_LINK_CHARS, REQUIRED_LESSON_SLUGS, countChangedLines } from './lesson-rules';

const LESSONS_DIR = fileURLToPath(new URL('../../../../scenarios/lessons', import.meta.url));

function lessonFolders(): string[] {
  let names: string[];
  try {
    names = readdirSync(LESSONS_DIR);
  } catch {
    return [];
  }
  return names.filter((name) => statSync(join(LESSONS_DIR, name)).isDirectory()).sort();
}

type LessonFileName = 'lesson.md' | 'start.yaml' | 'solution.yaml';

/** A lesson's file, or undefined when it is missing (the test then says so, instead of crashing). */
function readLessonFile(folder: string, file: LessonFileName): string | undefined {
  try {
    return readFileSync(join(LESSONS_DIR, folder, file), 'utf8');
  } catch {
    return undefined;
  }
}

function analyse(folder: string, file: 'start.yaml' | 'solution.yaml'): Analysis {
  return simulate([{ name: `${folder}/${file}`, text: readLessonFile(folder, file) ?? '' }]);
}

function checkKey(check: ScenarioCheck): string {
  return JSON.stringify({ name: check.name, from: check.from, to: check.to, expect: check.expect });
}

function errorsOf(analysis: Analysis): string[] {
  return analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.ref ?? ''} ${d.message}`);
}

describe('countChangedLines', () => {
  it('counts removed plus added lines', () => {
    expect(countChangedLines('a\nb\nc', 'a\nb\nc')).toBe(0);
    expect(countChangedLines('a\nb\nc', 'a\nx\nc')).toBe(2);
    expect(countChangedLines('a\nc', 'a\nb\nc')).toBe(1);
    expect(countChangedLines('a\nb\nc', '')).toBe(4);
  });
});

describe('the course', () => {
  const folders = lessonFolders();

  it('has every required lesson', () => {
    const present = new Set(folders.map(lessonSlug));
    const missing = REQUIRED_LESSON_SLUGS.filter((slug) => !present.has(slug));
    expect(missing, `missing lessons under scenarios/lessons: ${missing.join(', ')}`).toEqual([]);
  });

  it('names each folder NN-slug with a unique NN', () => {
    const prefixes = folders.map((folder) => /^(\d{2})-/.exec(folder)?.[1]);
    expect(prefixes.filter((p) => p === undefined), `folders without an NN- prefix: ${folders.join(', ')}`).toEqual([]);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(new Set(folders.map(lessonSlug)).size).toBe(folders.length);
  });
});

describe.each(lessonFolders())('lesson %s', (folder) => {
  const parsed = parseLessonFile(folder, readLessonFile(folder, 'lesson.md') ?? '');
  const start = analyse(folder, 'start.yaml');
  const solution = analyse(folder, 'solution.yaml');
  const startChecks = start.cluster.scenario?.checks ?? [];
  const solutionChecks = solution.cluster.scenario?.checks ?? [];

  it('has lesson.md, start.yaml and solution.yaml', () => {
    const files: LessonFileName[] = ['lesson.md', 'start.yaml', 'solution.yaml'];
    expect(files.filter((file) => readLessonFile(folder, file) === undefined)).toEqual([]);
  });

  it('lesson.md parses, with its order as the folder prefix and 2-4 goals', () => {
    expect(parsed.ok ? '' : parsed.error).toBe('');
    if (!parsed.ok) return;
    expect(parsed.lesson.order).toBe(Number(folder.slice(0, 2)));
    expect(parsed.lesson.goals.length).toBeGreaterThanOrEqual(2);
    expect(parsed.lesson.goals.length).toBeLessThanOrEqual(4);
    expect(parsed.lesson.steps.length).toBeGreaterThanOrEqual(2);
  });

  it('start and solution hold the same checks, at least 3, each with its own name', () => {
    expect(startChecks.length).toBeGreaterThanOrEqual(3);
    expect(startChecks.filter((c) => !c.name?.trim())).toEqual([]);
    const names = startChecks.map((c) => c.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i), 'check names repeat').toEqual([]);
    expect(solutionChecks.map(checkKey)).toEqual(startChecks.map(checkKey));
  });

  it('start fails at least one check (the challenge)', () => {
    expect(start.checks.length).toBe(startChecks.length);
    expect(start.checks.filter((r) => !r.pass).length).toBeGreaterThan(0);
  });

  it('solution passes every check', () => {
    const failing = solution.checks.filter((r) => !r.pass).map((r) => `${r.check.name ?? ''}: ${r.why}`);
    expect(failing).toEqual([]);
    expect(solution.checks.length).toBe(solutionChecks.length);
  });

  it('start and solution lint without errors', () => {
    expect(errorsOf(start)).toEqual([]);
    expect(errorsOf(solution)).toEqual([]);
  });

  it(`the solution is a small fix (at most ${MAX_CHANGED_LINES} changed lines)`, () => {
    const changed = countChangedLines(readLessonFile(folder, 'start.yaml') ?? '', readLessonFile(folder, 'solution.yaml') ?? '');
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThanOrEqual(MAX_CHANGED_LINES);
  });

  it(`a lesson link carrying the solution as edits stays within ${MAX_EDITED_LINK_CHARS} characters`, async () => {
    const payload = await encodeShareText(readLessonFile(folder, 'solution.yaml') ?? '');
    const link = `#lesson=${lessonSlug(folder)}&s=${payload}`;
    expect(link.length, `the edited-lesson link is ${link.length} characters: keep start.yaml small`).toBeLessThanOrEqual(
      MAX_EDITED_LINK_CHARS,
    );
  });

  it('every packet block is a valid query', () => {
    const packets = parsed.ok ? parsed.lesson.steps.flatMap((s) => s.packets) : [];
    const invalid = packets.flatMap((packet) => {
      const [inStart] = traceQueries(start.cluster, [packet]);
      const [inSolution] = traceQueries(solution.cluster, [packet]);
      return inStart?.error !== undefined && inSolution?.error !== undefined
        ? [`${packet.from} -> ${packet.to}: ${inStart.error}`]
        : [];
    });
    expect(invalid).toEqual([]);
  });
});
