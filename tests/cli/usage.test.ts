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
