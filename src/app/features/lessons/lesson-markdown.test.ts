import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LessonMarkdown } from './lesson-markdown';
import { toPacketLines } from './packet-lines';

const render = (text: string, packets: { from: string; to: string }[] = []) =>
  renderToStaticMarkup(createElement(LessonMarkdown, { text, packets, onSend: () => undefined }));

describe('lesson Markdown', () => {
  it('renders ordinary Markdown', () => {
    const html = render('Send **one** packet to `my-service`.\n\n- a\n- b');
    expect(html).toContain('<strong>one</strong>');
    expect(html).toContain('<code>my-service</code>');
    expect(html).toContain('<li>a</li>');
  });

  it('never renders raw HTML: no script, no event handler, no iframe', () => {
    const html = render(
      'Hello <script>alert(1)</script> <img src=x onerror="alert(2)">\n\n<iframe src="https://evil.example"></iframe>\n\n<b onclick="x()">bold</b>',
    );
    expect(html).not.toMatch(/<script|<img|<iframe|onerror|onclick|<b[ >]/i);
    expect(html).toContain('Hello');
  });

  it('makes javascript:, vbscript: and data: links inert', () => {
    for (const target of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'vbscript:x',
      'data:text/html,<b>x</b>',
    ]) {
      const html = render(`[click me](${target})`);
      expect(html).toContain('click me');
      expect(html).not.toMatch(/href=|javascript:|vbscript:|data:/i);
    }
  });

  it('keeps https links, opened in a new tab without an opener', () => {
    const html = render('[docs](https://kubernetes.io/docs/)');
    expect(html).toContain('href="https://kubernetes.io/docs/"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('turns packet blocks into buttons, in order, and leaves other code blocks as code', () => {
    const text = [
      'First:',
      '```packet',
      'from: internet',
      'to: http://example.com/',
      '```',
      '',
      '```yaml',
      'kind: Service',
      '```',
      '',
      '````markdown',
      '```packet',
      'from: x',
      'to: y',
      '```',
      '````',
      '',
      '~~~packet',
      'from: pod/default/a',
      'to: service/default/b:80',
      '~~~',
    ].join('\n');
    const packets = [
      { from: 'internet', to: 'http://example.com/' },
      { from: 'pod/default/a', to: 'service/default/b:80' },
    ];
    expect([...toPacketLines(text)]).toEqual([
      [2, 0],
      [18, 1],
    ]);
    const html = render(text, packets);
    const buttons = [
      ...html.matchAll(/data-testid="lesson-packet" data-from="([^"]*)" data-to="([^"]*)"/g),
    ];
    expect(buttons.map((m) => [m[1], m[2]])).toEqual(packets.map((p) => [p.from, p.to]));
    expect(html).toContain('kind: Service');
    // The packet shown as an example inside a four-backtick block stays text.
    expect(html).toContain('from: x');
  });
});
