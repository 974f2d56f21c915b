import type { Cluster, Query, Trace } from '../types';

// PLACEHOLDER owned by the trace helper.
export function traceQuery(_cluster: Cluster, query: Query): Trace {
  return { from: query.from, to: query.to, verdict: 'deny', endpoints: [], blocked: [], hops: [], notes: [], error: 'not written yet' };
}
