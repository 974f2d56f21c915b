import { describe, expect, it } from 'vitest';
import { MAX_NODES, parseArgs, parsePortArg } from './args';

describe('parseArgs', () => {
  const ok: { argv: string[]; command: Record<string, unknown> }[] = [
    {
      argv: ['trace', 'a.yaml', '--from', 'internet', '--to', 'http://x/'],
      command: { name: 'trace', files: ['a.yaml'], from: 'internet', to: 'http://x/', json: false },
    },
    {
      argv: ['trace', '--from=internet', 'a.yaml', 'dir', '--to=pod/default/web:80', '--json'],
      command: { name: 'trace', files: ['a.yaml', 'dir'], from: 'internet', to: 'pod/default/web:80', json: true },
    },
    { argv: ['trace', '-', '--queries', 'q.json', '--json'], command: { name: 'trace', files: ['-'], queries: 'q.json', json: true } },
    { argv: ['check', 'a.yaml', '--cni', 'Flannel', '--nodes', '5'], command: { name: 'check', cni: 'flannel', nodes: 5 } },
    { argv: ['matrix', 'a.yaml', '--port', 'http', '--protocol', 'udp'], command: { name: 'matrix', port: 'http', protocol: 'UDP' } },
    { argv: ['matrix', 'a.yaml', '--port', '8080'], command: { name: 'matrix', port: 8080 } },
    { argv: ['lint', '--', '--weird-name.yaml'], command: { name: 'lint', files: ['--weird-name.yaml'] } },
  ];
  it.each(ok)('$argv', ({ argv, command }) => {
    const parsed = parseArgs(argv);
    expect(parsed.ok && parsed.kind === 'run' ? parsed.command : parsed).toMatchObject(command);
  });

  const bad: { argv: string[]; error: RegExp }[] = [
    { argv: [], error: /missing command/ },
    { argv: ['--nope'], error: /unknown option --nope/ },
    { argv: ['lint', 'a.yaml', '--from', 'x'], error: /--from does not apply to "lint"/ },
    { argv: ['trace', 'a.yaml', '--from', 'a', '--from', 'b', '--to', 'c'], error: /--from given twice/ },
    { argv: ['trace', 'a.yaml', '--to', 'c', '--from='], error: /--from needs a value/ },
    { argv: ['check', 'a.yaml', '--nodes', '2.5'], error: /--nodes must be a whole number/ },
    { argv: ['check', 'a.yaml', '--nodes', String(MAX_NODES + 1)], error: new RegExp(`--nodes must be a whole number from 1 to ${MAX_NODES}`) },
    { argv: ['matrix', 'a.yaml', '--port', '0'], error: /--port must be/ },
    { argv: ['matrix', 'a.yaml', '--port', 'Bad_Name'], error: /--port must be/ },
    { argv: ['help', 'nope'], error: /unknown command "nope"/ },
    // Blank values are refused here, quoting what was given (the engine would trim them to "").
    { argv: ['trace', 'a.yaml', '--from', ' ', '--to', 'c'], error: /^option --from needs a value, not only blanks \(got " "\)$/ },
    { argv: ['trace', 'a.yaml', '--from', 'internet', '--to=\t\n'], error: /^option --to needs a value, not only blanks \(got "\\t\\n"\)$/ },
    { argv: ['trace', 'a.yaml', '--queries', '   '], error: /--queries needs a value, not only blanks \(got " {3}"\)/ },
    // What the user typed is quoted with its control characters escaped: the message is one line.
    { argv: ['check', 'a.yaml', '--cni', 'ovn\nx'], error: /^--cni must be one of calico, cilium, weave, flannel \(got "ovn\\nx"\)$/ },
  ];
  it.each(bad)('$argv is an error', ({ argv, error }) => {
    const parsed = parseArgs(argv);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toMatch(error);
  });

  it('--help anywhere after a command asks for that command', () => {
    expect(parseArgs(['matrix', 'a.yaml', '--port', '80', '--help'])).toEqual({ ok: true, kind: 'help', topic: 'matrix' });
  });
});

describe('parsePortArg', () => {
  it.each([
    ['80', 80],
    ['65535', 65535],
    ['65536', undefined],
    ['http', 'http'],
    ['http-alt', 'http-alt'],
    ['-http', undefined],
    ['1234', 1234],
    ['a-very-long-port-name', undefined],
  ])('%s → %s', (input, expected) => {
    expect(parsePortArg(input)).toBe(expected);
  });
});
