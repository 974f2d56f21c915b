/**
 * The command line's contract outside the engine: help, version, bad usage, unreadable
 * input, exit code 2 with one message and never a stack trace; `npx netplay` resolves the bin.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_LINE, fullFlow, netplay, npxNetplay, root, tempFiles } from './run';

const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

describe('netplay --help and --version', () => {
  it.each([['--help'], ['-h'], ['help'], ['help', 'trace'], ['trace', '--help'], ['matrix', '-h']])(
    '%s prints usage and exits 0',
    (...args: string[]) => {
      const r = netplay(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage:/);
      expect(r.stdout).toMatch(/Exit codes:/);
      expect(r.stderr).toBe('');
    },
  );

  it('help for a command names that command', () => {
    for (const command of ['trace', 'check', 'matrix', 'lint']) {
      const r = netplay([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`netplay ${command} FILE...`);
    }
  });

  it('--version prints the package version', () => {
    const r = netplay(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`netplay ${version}`);
  });
});

describe('bad usage exits 2 with one message on stderr', () => {
  const rows: { name: string; args: string[]; message: RegExp }[] = [
    { name: 'no command', args: [], message: /missing command/ },
    { name: 'unknown command', args: ['frobnicate', fullFlow], message: /unknown command "frobnicate"/ },
    { name: 'unknown option', args: ['trace', fullFlow, '--frm', 'internet'], message: /unknown option --frm/ },
    { name: 'unknown short option', args: ['lint', fullFlow, '-x'], message: /unknown option -x/ },
    { name: 'option of another command', args: ['lint', fullFlow, '--port', '80'], message: /--port does not apply to "lint"/ },
    { name: 'missing FILE', args: ['lint'], message: /missing FILE/ },
    { name: 'trace without --to', args: ['trace', fullFlow, '--from', 'internet'], message: /needs --from SRC and --to DST/ },
    { name: 'option without value', args: ['trace', fullFlow, '--to', 'x', '--from'], message: /--from needs a value/ },
    {
      name: '--queries with --from',
      args: ['trace', fullFlow, '--queries', 'q.json', '--from', 'internet', '--to', 'x'],
      message: /either --queries or --from\/--to/,
    },
    { name: 'bad --cni', args: ['lint', fullFlow, '--cni', 'ovn'], message: /--cni must be one of calico, cilium, weave, flannel/ },
    { name: 'bad --nodes', args: ['lint', fullFlow, '--nodes', '0'], message: /--nodes must be a whole number/ },
    { name: 'bad --port', args: ['matrix', fullFlow, '--port', '70000'], message: /--port must be a number from 1 to 65535/ },
    { name: 'bad --protocol', args: ['matrix', fullFlow, '--protocol', 'ICMP'], message: /--protocol must be one of TCP, UDP, SCTP/ },
    { name: 'stdin twice', args: ['lint', '-', '-'], message: /stdin \(-\) can be read only once/ },
    { name: '--json with a value', args: ['lint', fullFlow, '--json=yes'], message: /--json takes no value/ },
    { name: 'a blank --from, quoted as given', args: ['trace', fullFlow, '--from', ' ', '--to', 'pod/default/backend-0:8080'], message: /^netplay: option --from needs a value, not only blanks \(got " "\)$/m },
    { name: 'a blank --to, quoted as given', args: ['trace', fullFlow, '--from', 'internet', '--to', '\t'], message: /^netplay: option --to needs a value, not only blanks \(got "\\t"\)$/m },
  ];
  it.each(rows)('$name', ({ args, message }) => {
    const r = netplay(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/^netplay: /);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe('');
  });
});

describe('unreadable input exits 2', () => {
  const t = tempFiles({ 'empty/readme.txt': 'not yaml', 'bad.json': '{"from": ', 'obj.json': '{"from":"internet"}' });
  afterAll(t.cleanup);

  const rows: { name: string; args: () => string[]; message: RegExp }[] = [
    { name: 'a missing file', args: () => ['lint', join(t.dir, 'nope.yaml')], message: /cannot read .*nope\.yaml: no such file or directory/ },
    {
      name: 'a missing file among good ones',
      args: () => ['trace', fullFlow, join(t.dir, 'nope.yaml'), '--from', 'internet', '--to', 'http://example.com/'],
      message: /cannot read .*nope\.yaml/,
    },
    { name: 'a directory without YAML', args: () => ['check', join(t.dir, 'empty')], message: /no \*\.yaml or \*\.yml files in directory/ },
    {
      name: 'a missing queries file',
      args: () => ['trace', fullFlow, '--queries', join(t.dir, 'q.json'), '--json'],
      message: /cannot read .*q\.json: no such file/,
    },
    {
      name: 'a queries file that is not JSON',
      args: () => ['trace', fullFlow, '--queries', join(t.dir, 'bad.json'), '--json'],
      message: /not valid JSON/,
    },
    {
      name: 'a queries file that is not an array',
      args: () => ['trace', fullFlow, '--queries', join(t.dir, 'obj.json'), '--json'],
      message: /expected a JSON array/,
    },
  ];
  it.each(rows)('$name', ({ args, message }) => {
    const r = netplay(args());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe('');
  });
});

describe('oversized input is refused while reading, naming the file that is too large (exit 2)', () => {
  const megabytes = (n: number): string => '#'.repeat(n * 1024 * 1024);
  // A valid JSON array of 2 MiB: answered (or stopped by the watchdog as "the manifests") before.
  const query = '{"from":"internet","to":"http://example.com/api"}';
  const bigQueries = `[${Array.from({ length: Math.ceil((2 * 1024 * 1024) / query.length) }, () => query).join(',')}]`;
  const t = tempFiles({ 'big.yaml': megabytes(6), 'split/a.yaml': megabytes(3), 'split/b.yaml': megabytes(3), 'queries.json': bigQueries });
  afterAll(t.cleanup);

  const rows: { name: string; args: () => string[]; input?: string; message: (dir: string) => string }[] = [
    { name: 'a device that never ends (/dev/zero)', args: () => ['lint', '/dev/zero'], message: () => 'netplay: cannot read /dev/zero: larger than 5 MiB, the limit for manifests' },
    { name: 'a 6 MiB file', args: () => ['lint', join(t.dir, 'big.yaml')], message: (d) => `netplay: cannot read ${join(d, 'big.yaml')}: larger than 5 MiB` },
    { name: '6 MiB on stdin', args: () => ['check', '-'], input: megabytes(6), message: () => 'netplay: cannot read <stdin>: larger than 5 MiB' },
    {
      name: 'a directory whose files pass the limit together',
      args: () => ['lint', join(t.dir, 'split')],
      message: (d) => `netplay: cannot read ${join(d, 'split', 'b.yaml')}: with the 3 MiB read before it, the manifests pass 5 MiB, the limit for every FILE together`,
    },
    {
      name: 'a 2 MiB queries file is blamed as the queries file, not the manifests',
      args: () => ['trace', fullFlow, '--queries', join(t.dir, 'queries.json'), '--json'],
      message: (d) => `netplay: cannot read the queries file ${join(d, 'queries.json')}: larger than 1 MiB, the limit for a queries file`,
    },
    {
      name: 'queries on stdin',
      args: () => ['trace', fullFlow, '--queries', '-', '--json'],
      input: bigQueries,
      message: () => 'netplay: cannot read the queries file <stdin>: larger than 1 MiB',
    },
  ];
  it.each(rows)('$name', ({ args, input, message }) => {
    const r = netplay(args(), input);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.startsWith(message(t.dir)), r.stderr).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});

describe('messages are one line, and blank queries quote what was given', () => {
  it('a newline inside a value is shown escaped, not printed', () => {
    const r = netplay(['trace', fullFlow, '--from', 'pod/a\nb', '--to', 'pod/default/backend-0:8080']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('netplay: trace: "pod/a\\nb": expected pod/NAMESPACE/NAME\n');
  });

  it('a blank "from" or "to" in a queries file gets an error answer that quotes it; the others are answered', () => {
    const t = tempFiles({
      'q.json': JSON.stringify([
        { from: ' ', to: 'pod/default/backend-0:8080' },
        { from: 'internet', to: '\t' },
        { from: 'internet', to: 'http://example.com/api' },
      ]),
    });
    try {
      const r = netplay(['trace', fullFlow, '--queries', join(t.dir, 'q.json'), '--json']);
      expect(r.code, r.stderr).toBe(0);
      const answers = JSON.parse(r.stdout) as { error?: string; verdict?: string }[];
      expect(answers.map((a) => a.error ?? a.verdict)).toEqual([
        'query 0: "from" is blank (got " "): give a source such as pod/NS/NAME or internet',
        'query 1: "to" is blank (got "\\t"): give a destination such as service/NS/NAME:PORT',
        'allow',
      ]);
    } finally {
      t.cleanup();
    }
  });
});

describe('npx netplay', () => {
  it('resolves the project own bin right after npm install', () => {
    const r = npxNetplay(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`netplay ${version}`);
  });

  it('answers a trace as JSON', () => {
    const r = npxNetplay(['trace', fullFlow, '--from', 'internet', '--to', 'http://example.com/', '--json']);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout) as { from: string; to: string; verdict: string };
    expect(answer.from).toBe('internet');
    expect(answer.to).toBe('http://example.com/');
    expect(['allow', 'deny']).toContain(answer.verdict);
  });
});

describe('the 3 s watchdog (performance.md B12)', () => {
  it.each(['lint', 'check', 'matrix'])('%s: an analysis past the limit is stopped, said in one line, exit 2', (command) => {
    // NETPLAY_WATCHDOG_MS lowers the 3 s limit so that even the seed scenario runs past it.
    const r = netplay([command, fullFlow], undefined, { NETPLAY_WATCHDOG_MS: '1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^netplay: the analysis ran past 0\.001 s and was stopped \(watchdog\)/m);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe('');
  });

  it('a trace within the limit answers as usual', () => {
    const r = netplay(['trace', fullFlow, '--from', 'internet', '--to', 'http://example.com/api', '--json'], undefined, { NETPLAY_WATCHDOG_MS: '3000' });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { verdict: string }).verdict).toBe('allow');
  });
});
