/**
 * A lesson's text file (`scenarios/lessons/<NN-slug>/lesson.md`): YAML front matter, an optional
 * intro, then one `## ` heading per step. A step may hold ```packet blocks (a query the app shows as
 * a button) and `> Hint: ...` lines (revealed one at a time).
 *
 * Pure: no DOM, no React. Never throws: a broken file gives `{ ok: false, error }` naming the line.
 * The Markdown itself is kept verbatim (raw HTML included): escaping it is the renderer's job.
 */
import { parseDocument } from 'yaml';

export interface LessonPacket {
  readonly from: string;
  readonly to: string;
}

export interface LessonStep {
  /** The `## ` heading text. */
  readonly title: string;
  /** The step's Markdown, hint lines removed, ```packet fences kept in place. */
  readonly body: string;
  /** The step's ```packet blocks, in order. */
  readonly packets: readonly LessonPacket[];
  /** The text after `> Hint:` of each hint, in order. */
  readonly hints: readonly string[];
}

export interface LessonMeta {
  /** The folder name without its order prefix (`03-nodeport` -> `nodeport`). */
  readonly slug: string;
  readonly title: string;
  readonly section: string;
  readonly order: number;
  readonly minutes: number;
  readonly goals: readonly string[];
}

export interface Lesson extends LessonMeta {
  /** Markdown between the front matter and the first step (may be empty). */
  readonly intro: string;
  readonly steps: readonly LessonStep[];
}

export type LessonParse =
  | { readonly ok: true; readonly lesson: Lesson }
  | { readonly ok: false; readonly error: string };

/** `03-nodeport` -> `nodeport`; a path keeps only its last segment. */
export function lessonSlug(folder: string): string {
  const name = folder.replace(/[/\\]+$/, '').split(/[/\\]/).pop() ?? '';
  return name.replace(/^\d+-/, '');
}

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FENCE_PATTERN = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)?.*$/;
const HINT_PATTERN = /^ {0,3}>\s?Hint:\s*(.*)$/;
const QUOTE_PATTERN = /^ {0,3}>\s?(.*)$/;
const STEP_PATTERN = /^ {0,3}##[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const STEP_EMPTY_PATTERN = /^ {0,3}##[ \t]*$/;

class LessonError extends Error {}

function fail(line: number | undefined, message: string): never {
  throw new LessonError(line === undefined ? message : `line ${line}: ${message}`);
}

export function parseLessonFile(folder: string, text: string): LessonParse {
  try {
    return { ok: true, lesson: parseOrThrow(folder, text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `${lessonSlug(folder) || folder || 'lesson'}/lesson.md ${message}` };
  }
}

function parseOrThrow(folder: string, text: string): Lesson {
  const slug = lessonSlug(folder);
  if (!SLUG_PATTERN.test(slug)) {
    fail(undefined, `folder "${folder}": the slug "${slug}" must be lower-case words joined by "-"`);
  }
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---') fail(1, 'the file must begin with "---" and YAML front matter');
  const end = lines.findIndex((line, i) => i > 0 && (line.trim() === '---' || line.trim() === '...'));
  if (end < 0) fail(1, 'the front matter opened by "---" is never closed by a "---" line');
  const meta = parseFrontMatter(lines.slice(1, end).join('\n'));
  const { intro, steps } = parseBody(lines, end + 1);
  return { slug, ...meta, intro, steps };
}

function parseFrontMatter(source: string): Omit<LessonMeta, 'slug'> {
  const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: false });
  const firstError = doc.errors[0];
  if (firstError) {
    // Front matter starts on line 2 of the file.
    const line = firstError.linePos?.[0]?.line;
    fail(line === undefined ? 1 : line + 1, `front matter: ${firstError.message.split('\n')[0] ?? ''}`);
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    fail(2, 'front matter must be a YAML mapping (title, section, order, minutes, goals)');
  }
  const record = data as Record<string, unknown>;
  const text = (key: string): string => {
    const value = record[key];
    if (typeof value !== 'string' || value.trim() === '') {
      fail(undefined, `front matter: "${key}" is required and must be text`);
    }
    return value.trim();
  };
  const number = (key: string, integer: boolean): number => {
    const value = record[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
      fail(undefined, `front matter: "${key}" is required and must be a positive ${integer ? 'whole number' : 'number'}`);
    }
    return value;
  };
  const goalsValue = record.goals;
  if (
    !Array.isArray(goalsValue) ||
    goalsValue.length === 0 ||
    !goalsValue.every((goal): goal is string => typeof goal === 'string' && goal.trim() !== '')
  ) {
    fail(undefined, 'front matter: "goals" is required and must be a list of short lines of text');
  }
  return {
    title: text('title'),
    section: text('section'),
    order: number('order', true),
    minutes: number('minutes', false),
    goals: goalsValue.map((goal) => goal.trim()),
  };
}

interface StepDraft {
  readonly title: string;
  readonly line: number;
  readonly body: string[];
  readonly packets: LessonPacket[];
  readonly hints: string[];
}

function parseBody(lines: readonly string[], start: number): { intro: string; steps: LessonStep[] } {
  const introLines: string[] = [];
  const steps: StepDraft[] = [];
  let fence: { readonly marker: string; readonly info: string; readonly line: number; readonly body: string[] } | undefined;
  let hintOpen = false;

  for (let i = start; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const lineNo = i + 1;
    const step = steps[steps.length - 1];
    const target = step ? step.body : introLines;

    if (fence) {
      target.push(line);
      const close = line.match(/^ {0,3}(`{3,}|~{3,})\s*$/);
      if (close?.[1] && close[1][0] === fence.marker[0] && close[1].length >= fence.marker.length) {
        if (fence.info === 'packet') {
          if (!step) fail(fence.line, 'a ```packet block must be inside a step (after a "## " heading)');
          step.packets.push(parsePacket(fence.body.join('\n'), fence.line));
        }
        fence = undefined;
      } else {
        fence.body.push(line);
      }
      continue;
    }

    const open = line.match(FENCE_PATTERN);
    if (open?.[1]) {
      fence = { marker: open[1], info: (open[2] ?? '').toLowerCase(), line: lineNo, body: [] };
      hintOpen = false;
      target.push(line);
      continue;
    }

    if (STEP_EMPTY_PATTERN.test(line)) fail(lineNo, 'a "## " step heading needs a title');
    const heading = line.match(STEP_PATTERN);
    if (heading?.[1] !== undefined) {
      steps.push({ title: heading[1], line: lineNo, body: [], packets: [], hints: [] });
      hintOpen = false;
      continue;
    }

    const hint = line.match(HINT_PATTERN);
    if (hint) {
      if (!step) fail(lineNo, 'a "> Hint:" line must be inside a step (after a "## " heading)');
      const hintText = (hint[1] ?? '').trim();
      if (hintText === '') fail(lineNo, 'a "> Hint:" line needs text after "Hint:"');
      step.hints.push(hintText);
      hintOpen = true;
      continue;
    }

    // A quoted line right after a hint continues that hint.
    const quote = line.match(QUOTE_PATTERN);
    if (hintOpen && quote && step) {
      const more = (quote[1] ?? '').trim();
      if (more !== '') step.hints[step.hints.length - 1] += ` ${more}`;
      continue;
    }
    hintOpen = false;
    target.push(line);
  }

  if (fence) fail(fence.line, `the code block opened by ${fence.marker} is never closed`);
  if (steps.length === 0) fail(undefined, 'a lesson needs at least one step (a "## " heading)');
  return {
    intro: tidy(introLines),
    steps: steps.map((draft) => {
      const body = tidy(draft.body);
      if (body === '' && draft.packets.length === 0) fail(draft.line, `step "${draft.title}" has no text`);
      return { title: draft.title, body, packets: draft.packets, hints: draft.hints };
    }),
  };
}

function parsePacket(source: string, line: number): LessonPacket {
  const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors[0]) fail(line, `packet block: ${doc.errors[0].message.split('\n')[0] ?? ''}`);
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    fail(line, 'a packet block holds "from:" and "to:" lines');
  }
  const record = data as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((key) => key !== 'from' && key !== 'to');
  if (unknownKeys.length > 0) fail(line, `packet block: unknown field "${unknownKeys[0]}" (only from and to)`);
  const from = record.from;
  const to = record.to;
  if (typeof from !== 'string' || from.trim() === '') fail(line, 'packet block: "from" is required (e.g. from: internet)');
  if (typeof to !== 'string' || to.trim() === '') fail(line, 'packet block: "to" is required (e.g. to: http://example.com/)');
  return { from: from.trim(), to: to.trim() };
}

/** Drop leading and trailing blank lines; keep everything else verbatim. */
function tidy(lines: readonly string[]): string {
  let first = 0;
  let last = lines.length;
  while (first < last && (lines[first] ?? '').trim() === '') first++;
  while (last > first && (lines[last - 1] ?? '').trim() === '') last--;
  return lines.slice(first, last).join('\n');
}
