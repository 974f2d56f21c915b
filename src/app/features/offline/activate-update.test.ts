import { describe, expect, it } from 'vitest';
import { activateUpdate, SKIP_WAITING, type UpdateHost } from './activate-update';

/** A host whose events the test fires by hand. */
function fakeHost(waits: boolean) {
  const posted: unknown[] = [];
  const listeners: (() => void)[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  let reloads = 0;
  const host: UpdateHost = {
    waiting: () => (waits ? { postMessage: (m) => posted.push(m) } : null),
    onControllerChange: (listener) => listeners.push(listener),
    reload: () => {
      reloads += 1;
    },
    setTimeout: (run, ms) => timers.push({ run, ms }),
  };
  return {
    host,
    posted,
    timers,
    reloads: () => reloads,
    controllerChanged: () => listeners.forEach((l) => l()),
  };
}

describe('activateUpdate: Reload on "a new version is ready"', () => {
  it('tells the waiting worker to stop waiting and reloads once it takes control, once', () => {
    const f = fakeHost(true);
    activateUpdate(f.host);
    expect(f.posted).toEqual([SKIP_WAITING]);
    expect(f.reloads()).toBe(0);
    f.controllerChanged();
    expect(f.reloads()).toBe(1);
    // The fallback timer that comes later changes nothing.
    f.timers.forEach((t) => t.run());
    expect(f.reloads()).toBe(1);
  });

  it('reloads at once when nothing waits any more (another tab activated it)', () => {
    const f = fakeHost(false);
    activateUpdate(f.host);
    expect(f.posted).toEqual([]);
    expect(f.reloads()).toBe(1);
  });

  it('reloads anyway when the new worker never takes control within the limit', () => {
    const f = fakeHost(true);
    activateUpdate(f.host, 2500);
    expect(f.timers.map((t) => t.ms)).toEqual([2500]);
    expect(f.reloads()).toBe(0);
    f.timers[0]!.run();
    expect(f.reloads()).toBe(1);
    f.controllerChanged();
    expect(f.reloads()).toBe(1);
  });
});
