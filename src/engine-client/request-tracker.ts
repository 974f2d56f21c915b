import type { EngineOutcome, EngineRequestType } from './protocol';

/**
 * Request ids and staleness, shared by both clients: each request type has a latest id, and an
 * answer to an older request of that type resolves as `stale` (a newer text is on its way).
 */
export function createRequestTracker() {
  let nextId = 1;
  const latest = new Map<EngineRequestType, number>();
  return {
    issue(type: EngineRequestType): number {
      const id = nextId++;
      latest.set(type, id);
      return id;
    },
    isStale(type: EngineRequestType, id: number): boolean {
      return id < (latest.get(type) ?? 0);
    },
  };
}

export const STALE: EngineOutcome<never> = { status: 'stale' };
