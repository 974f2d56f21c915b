import type { EngineOutcome, EngineRequest } from './protocol';

type RequestType = EngineRequest['type'];

/**
 * Request ids and staleness, shared by both clients: each request type has a latest id, and an
 * answer to an older request of that type resolves as `stale` (a newer text is on its way).
 */
export function createRequestTracker() {
  let nextId = 1;
  const latest: Record<RequestType, number> = { simulate: 0, trace: 0, matrix: 0 };
  return {
    issue(type: RequestType): number {
      const id = nextId++;
      latest[type] = id;
      return id;
    },
    isStale(type: RequestType, id: number): boolean {
      return id < latest[type];
    },
  };
}

export const STALE: EngineOutcome<never> = { status: 'stale' };
