/**
 * The Scenario's checks: each a query and an expectation; every field given must hold.
 */
import type { CheckResult, Cluster, Query, ScenarioCheck, Trace } from '../types';
import { traceQuery } from './trace';

export type { CheckResult };

function sameList(a: readonly string[], b: readonly string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function lastDrop(trace: Trace): string | undefined {
  const drop = trace.hops.find((h) => h.verdict === 'drop');
  return drop === undefined ? undefined : `dropped at ${drop.ref}: ${drop.reason}`;
}

/** Compares one trace to one expectation; the `why` names the first mismatch, or what held. */
export function evaluateCheck(check: ScenarioCheck, trace: Trace): CheckResult {
  const failures: string[] = [];
  const holds: string[] = [];
  const e = check.expect;
  if (trace.error !== undefined) {
    return { check, trace, pass: false, why: `the query is invalid: ${trace.error}` };
  }
  if (e.verdict !== undefined) {
    if (trace.verdict === e.verdict) holds.push(e.verdict === 'allow' ? 'allowed' : `denied${lastDrop(trace) !== undefined ? ` (${lastDrop(trace)})` : ''}`);
    else
      failures.push(
        `expected ${e.verdict}, got ${trace.verdict}${trace.verdict === 'deny' ? ` (${lastDrop(trace) ?? 'no pod accepts'})` : ''}`,
      );
  }
  if (e.status !== undefined) {
    if (trace.status === e.status) holds.push(`status ${e.status}`);
    else failures.push(`expected status ${e.status}, got ${trace.status ?? 'no status'}`);
  }
  if (e.backend !== undefined) {
    if (trace.backend === e.backend) holds.push(`backend ${e.backend}`);
    else failures.push(`expected backend ${e.backend}, got ${trace.backend ?? 'none'}`);
  }
  if (e.endpoints !== undefined) {
    if (sameList(trace.endpoints, e.endpoints)) holds.push(`endpoints [${trace.endpoints.join(', ')}]`);
    else failures.push(`expected endpoints [${[...e.endpoints].sort().join(', ')}], got [${trace.endpoints.join(', ')}]`);
  }
  if (e.location !== undefined) {
    if (trace.location === e.location) holds.push(`Location ${e.location}`);
    else failures.push(`expected Location ${e.location}, got ${trace.location ?? 'none (no redirect)'}`);
  }
  if (e.backendPath !== undefined) {
    if (trace.backendPath === e.backendPath) holds.push(`backend path ${e.backendPath}`);
    else failures.push(`expected backend path ${e.backendPath}, got ${trace.backendPath ?? 'none (no backend reached)'}`);
  }
  if (failures.length > 0) return { check, trace, pass: false, why: failures.join('; ') };
  return { check, trace, pass: true, why: holds.length > 0 ? holds.join(', ') : 'nothing expected' };
}

/**
 * Runs every check of the cluster's Scenario document.
 *
 * @example
 * runChecks(cluster) // [{ check, trace, pass: true, why: 'allowed, status 200' }]
 */
export function runChecks(cluster: Cluster): CheckResult[] {
  const checks = cluster.scenario?.checks ?? [];
  return checks.map((check) => evaluateCheck(check, traceQuery(cluster, toCheckQuery(check))));
}

/** The query a check asks (with the HTTP fields it gives). */
export function toCheckQuery(check: ScenarioCheck): Query {
  return {
    from: check.from,
    to: check.to,
    ...(check.via !== undefined ? { via: check.via } : {}),
    ...(check.method !== undefined ? { method: check.method } : {}),
    ...(check.headers !== undefined ? { headers: check.headers } : {}),
  };
}
