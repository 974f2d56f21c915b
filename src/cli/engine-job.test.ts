import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runEngineJobHere, runInWorker, watchdogMs, WatchdogTimeout, WATCHDOG_MS, type EngineJob } from './engine-job';

const FULL_FLOW = readFileSync(new URL('../../scenarios/full-flow.yaml', import.meta.url), 'utf8');
const files = [{ name: 'full-flow.yaml', text: FULL_FLOW }];

describe('runEngineJobHere: one command\'s engine work, as plain data', () => {
  it('says when the manifests are analysed, before the command\'s own work', () => {
    const seen: string[] = [];
    runEngineJobHere({ files, options: {}, task: { kind: 'lint' } }, () => seen.push('analysed'));
    expect(seen).toEqual(['analysed']);
  });

  it.each([
    { task: { kind: 'lint' } as const, has: [] as string[] },
    { task: { kind: 'trace', queries: [{ from: 'internet', to: 'http://example.com/api' }, { from: 'pod/default/ghost', to: 'pod/default/x:80' }] } as const, has: ['traces'] },
    { task: { kind: 'check' } as const, has: ['checks'] },
    { task: { kind: 'matrix', port: 8080 } as const, has: ['matrix'] },
  ])('$task.kind', ({ task, has }) => {
    const out = runEngineJobHere({ files, options: {}, task });
    expect(out.crash).toBeUndefined();
    expect(Object.keys(out).filter((k) => k !== 'diagnostics').sort()).toEqual(has);
    // It crosses postMessage: plain JSON.
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
    if (task.kind === 'trace') {
      expect(out.traces!.map((t) => [t.verdict, t.error === undefined])).toEqual([['allow', true], ['deny', false]]);
    }
  });
});

/** Worker scripts standing in for the CLI bundle: they follow the same protocol. */
const script = (body: string): string => `const { parentPort, workerData } = require('node:worker_threads');\n${body}`;
const job: EngineJob = { files: [], options: {}, task: { kind: 'lint' } };

describe('runInWorker: the watchdog', () => {
  it('ends a worker whose job runs past the limit, and says so', async () => {
    const forever = script(`parentPort.postMessage({ started: true }); for (;;) {}`);
    await expect(runInWorker(forever, job, 200)).rejects.toBeInstanceOf(WatchdogTimeout);
    await expect(runInWorker(forever, job, 200)).rejects.toThrow(/ran past 0\.2 s and was stopped \(watchdog\)/);
  });

  it('tells whether the manifests or the command\'s own work ran past the limit', async () => {
    const inAnalysis = script(`parentPort.postMessage({ started: true }); for (;;) {}`);
    await expect(runInWorker(inAnalysis, job, 200)).rejects.toMatchObject({ stage: 'analysis' });
    const inTask = script(`parentPort.postMessage({ started: true }); parentPort.postMessage({ analysed: true }); for (;;) {}`);
    await expect(runInWorker(inTask, job, 200)).rejects.toMatchObject({ stage: 'task' });
  });

  it('answers a job that finishes in time with its output', async () => {
    const quick = script(`parentPort.postMessage({ started: true }); parentPort.postMessage({ output: { diagnostics: [], traces: [workerData.netplayEngineJob.task.kind] } });`);
    await expect(runInWorker(quick, job, 5000)).resolves.toEqual({ diagnostics: [], traces: ['lint'] });
  });

  it('a worker that throws or exits without an answer is a crash in one line, not a hang', async () => {
    const throws = script(`throw new Error('boom\\nsecond line');`);
    expect((await runInWorker(throws, job, 5000)).crash).toBe('internal error in the engine: boom');
    const exits = script(`process.exit(3);`);
    expect((await runInWorker(exits, job, 5000)).crash).toMatch(/exited \(3\) without an answer/);
  });

  it.each([
    [undefined, WATCHDOG_MS],
    ['250', 250],
    ['0', WATCHDOG_MS],
    ['soon', WATCHDOG_MS],
  ])('NETPLAY_WATCHDOG_MS=%s → %s ms', (value, ms) => {
    expect(watchdogMs(value === undefined ? {} : { NETPLAY_WATCHDOG_MS: value })).toBe(ms);
  });
});
