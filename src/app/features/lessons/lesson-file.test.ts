import { describe, expect, it } from 'vitest';
import { lessonSlug, parseLessonFile, type Lesson } from './lesson-file';

const FRONT = `---
title: NodePort
section: Service Networking
order: 3
minutes: 6
goals:
  - every node answers on the NodePort
  - nodePort -> port -> targetPort
---`;

function parsed(text: string, folder = '03-nodeport'): Lesson {
  const result = parseLessonFile(folder, text);
  if (!result.ok) throw new Error(`expected a lesson, got: ${result.error}`);
  return result.lesson;
}

function parseError(text: string, folder = '03-nodeport'): string {
  const result = parseLessonFile(folder, text);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('lessonSlug', () => {
  it('drops the order prefix and any path', () => {
    expect(lessonSlug('03-nodeport')).toBe('nodeport');
    expect(lessonSlug('scenarios/lessons/09-frontend-to-backend/')).toBe('frontend-to-backend');
    expect(lessonSlug('golden-rules')).toBe('golden-rules');
    expect(lessonSlug('12-and-vs-or')).toBe('and-vs-or');
  });
});

describe('parseLessonFile', () => {
  it('reads front matter, intro, steps, packets and hints', () => {
    const lesson = parsed(`${FRONT}
A NodePort opens one port on **every** node.

## Knock on a node
Send a packet to node-2:

\`\`\`packet
from: internet
to: nodeport/node-2:30080
\`\`\`

Which pod answered?
> Hint: look at the kube-proxy hop.
> Hint: the node IP is not the pod IP,
> whichever node you pick.

## Fix it
Change \`nodePort\`.
`);
    expect(lesson).toMatchObject({
      slug: 'nodeport',
      title: 'NodePort',
      section: 'Service Networking',
      order: 3,
      minutes: 6,
      goals: ['every node answers on the NodePort', 'nodePort -> port -> targetPort'],
      intro: 'A NodePort opens one port on **every** node.',
    });
    expect(lesson.steps).toHaveLength(2);
    const [first, second] = lesson.steps;
    expect(first?.title).toBe('Knock on a node');
    expect(first?.packets).toEqual([{ from: 'internet', to: 'nodeport/node-2:30080' }]);
    expect(first?.hints).toEqual(['look at the kube-proxy hop.', 'the node IP is not the pod IP, whichever node you pick.']);
    // The packet fence stays in place; hint lines are gone.
    expect(first?.body).toBe(
      'Send a packet to node-2:\n\n```packet\nfrom: internet\nto: nodeport/node-2:30080\n```\n\nWhich pod answered?',
    );
    expect(second).toEqual({ title: 'Fix it', body: 'Change `nodePort`.', packets: [], hints: [] });
  });

  it('allows an empty intro and CRLF line ends', () => {
    const lesson = parsed(`${FRONT}\n## Only step\nDo it.\n`.replace(/\n/g, '\r\n'));
    expect(lesson.intro).toBe('');
    expect(lesson.steps.map((s) => s.title)).toEqual(['Only step']);
  });

  it('does not take headings, hints or packets inside other code blocks', () => {
    const lesson = parsed(`${FRONT}
## Read the YAML
\`\`\`yaml
## not a step
> Hint: not a hint
\`\`\`
~~~packet
from: internet
to: http://example.com/
~~~
### a sub-heading stays in the body
`);
    expect(lesson.steps).toHaveLength(1);
    expect(lesson.steps[0]?.hints).toEqual([]);
    expect(lesson.steps[0]?.body).toContain('## not a step');
    expect(lesson.steps[0]?.body).toContain('### a sub-heading stays in the body');
    expect(lesson.steps[0]?.packets).toEqual([{ from: 'internet', to: 'http://example.com/' }]);
  });

  it('keeps raw HTML and javascript: links as text for the renderer to escape', () => {
    const lesson = parsed(`${FRONT}
<script>alert(1)</script>

## Step <img src=x onerror=alert(1)>
[click](javascript:alert(1)) <b>bold</b>
`);
    expect(lesson.intro).toBe('<script>alert(1)</script>');
    expect(lesson.steps[0]?.title).toBe('Step <img src=x onerror=alert(1)>');
    expect(lesson.steps[0]?.body).toBe('[click](javascript:alert(1)) <b>bold</b>');
  });

  it('keeps a closing # sequence out of the title but not a # inside it', () => {
    const lesson = parsed(`${FRONT}\n## Send packet #1 ##\ntext\n## C#\ntext\n`);
    expect(lesson.steps.map((s) => s.title)).toEqual(['Send packet #1', 'C#']);
  });

  it('reports broken front matter with its line, without throwing', () => {
    const error = parseError(`---\ntitle: x\ngoals: [a, b\n---\n## s\nt\n`);
    expect(error).toMatch(/^nodeport\/lesson\.md line \d+: front matter: /);
  });

  it('reports a missing front matter', () => {
    expect(parseError('## Step\ntext\n')).toMatch(/must begin with "---"/);
    expect(parseError('---\ntitle: x\n## Step\ntext\n')).toMatch(/never closed/);
    expect(parseError('---\n- a\n- b\n---\n## s\nt\n')).toMatch(/must be a YAML mapping/);
  });

  it.each([
    ['title', /"title" is required/],
    ['section', /"section" is required/],
    ['order', /"order" is required/],
    ['minutes', /"minutes" is required/],
    ['goals', /"goals" is required/],
  ])('reports a missing %s', (field, message) => {
    const front = FRONT.split('\n')
      .filter((line) => !line.startsWith(`${field}:`) && !(field === 'goals' && line.startsWith('  - ')))
      .join('\n');
    expect(parseError(`${front}\n## s\nt\n`)).toMatch(message);
  });

  it('reports wrong field types', () => {
    expect(parseError(FRONT.replace('order: 3', 'order: three') + '\n## s\nt\n')).toMatch(/"order" .* whole number/);
    expect(parseError(FRONT.replace('order: 3', 'order: 2.5') + '\n## s\nt\n')).toMatch(/"order"/);
    expect(parseError(FRONT.replace('minutes: 6', 'minutes: -1') + '\n## s\nt\n')).toMatch(/"minutes"/);
    expect(parseError(FRONT.replace('title: NodePort', 'title: [a]') + '\n## s\nt\n')).toMatch(/"title"/);
    expect(parseError(FRONT.replace(/goals:[\s\S]*?(?=---)/, 'goals: []\n') + '\n## s\nt\n')).toMatch(/"goals"/);
    expect(parseError(FRONT.replace('title: NodePort', 'title: NodePort\ntitle: again') + '\n## s\nt\n')).toMatch(
      /front matter/,
    );
  });

  it('reports a lesson without steps', () => {
    expect(parseError(`${FRONT}\nJust an intro.\n`)).toMatch(/at least one step/);
    expect(parseError(FRONT)).toMatch(/at least one step/);
  });

  it('reports empty steps, headings without titles and stray hints', () => {
    expect(parseError(`${FRONT}\n## Empty\n\n## Next\ntext\n`)).toMatch(/line 10: step "Empty" has no text/);
    expect(parseError(`${FRONT}\n##\ntext\n`)).toMatch(/needs a title/);
    expect(parseError(`${FRONT}\n> Hint: too early\n## s\nt\n`)).toMatch(/must be inside a step/);
    expect(parseError(`${FRONT}\n## s\n> Hint:\n`)).toMatch(/needs text/);
  });

  it('reports broken packet blocks and unclosed fences', () => {
    const withPacket = (body: string) => `${FRONT}\n## s\n\`\`\`packet\n${body}\n\`\`\`\n`;
    expect(parseError(withPacket('from: internet'))).toMatch(/line 11: packet block: "to" is required/);
    expect(parseError(withPacket('to: pod/default/x:80'))).toMatch(/"from" is required/);
    expect(parseError(withPacket('from: [internet'))).toMatch(/packet block:/);
    expect(parseError(withPacket('just text'))).toMatch(/holds "from:" and "to:"/);
    expect(parseError(withPacket('from: a\nto: b\nvia: c'))).toMatch(/unknown field "via"/);
    expect(parseError(`${FRONT}\n## s\n\`\`\`packet\nfrom: a\nto: b\n`)).toMatch(/never closed/);
    expect(parseError(`${FRONT}\n\`\`\`packet\nfrom: a\nto: b\n\`\`\`\n## s\nt\n`)).toMatch(/inside a step/);
  });

  it('rejects a folder whose slug is not lower-case words', () => {
    expect(parseError(`${FRONT}\n## s\nt\n`, '03-Node Port')).toMatch(/slug/);
  });

  it('never throws, whatever the text', () => {
    const samples = ['', '---', '---\n---', '\u0000', '---\n: : :\n---\n## a\n', '---\n*x\n---\n## a\nb', '```'];
    for (const sample of samples) {
      expect(() => parseLessonFile('01-x', sample)).not.toThrow();
      expect(parseLessonFile('01-x', sample).ok).toBe(false);
    }
  });

  it('never throws on mutations of a valid lesson (seeded)', () => {
    const valid = `${FRONT}\nIntro.\n\n## Step one\nSend it:\n\n\`\`\`packet\nfrom: internet\nto: nodeport/node-1:30080\n\`\`\`\n> Hint: one\n\n## Step two\nText.\n`;
    const alphabet = ['-', '#', '>', '`', ':', '\n', ' ', 'a', '[', '{', '~', '\r'];
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const outcomes = { ok: 0, error: 0 };
    for (let round = 0; round < 500; round++) {
      let text = valid;
      for (let edit = 0; edit < 1 + next(4); edit++) {
        const at = next(text.length + 1);
        text = next(2) === 0 ? text.slice(0, at) + (alphabet[next(alphabet.length)] ?? '') + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + next(3));
      }
      const result = parseLessonFile('03-nodeport', text);
      if (result.ok) expect(result.lesson.steps.length).toBeGreaterThan(0);
      else expect(result.error).toMatch(/^nodeport\/lesson\.md /);
      outcomes[result.ok ? 'ok' : 'error']++;
    }
    // The mutations reach both outcomes, so the loop tests something.
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes.error).toBeGreaterThan(0);
  });
});
