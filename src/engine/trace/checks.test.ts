import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import { evaluateCheck, runChecks, toCheckQuery } from './checks';
import type { Trace } from '../types';

const FULL_FLOW = readFileSync(new URL('../../../scenarios/full-flow.yaml', import.meta.url), 'utf8');

const SCENARIO = `apiVersion: netplay.dev/v1
kind: Scenario
metadata: {name: checks}
checks:
  - name: api works
    from: internet
    to: http://example.com/api
    expect: {verdict: allow, status: 200, backend: service/default/backend-service:8080, endpoints: [default/backend-1, default/backend-0]}
  - name: database is kept out
    from: deployment/default/database
    to: service/default/backend-service:8080
    expect: {verdict: deny}
  - name: wrong on purpose
    from: deployment/default/database
    to: service/default/backend-service:8080
    expect: {verdict: allow}
  - name: wrong status
    from: internet
    to: http://nowhere.example/
    expect: {status: 200}
  - name: bad query
    from: pod/x
    to: service/default/backend-service:8080
    expect: {verdict: deny}
`;

describe('runChecks', () => {
  const text = FULL_FLOW.replace(/^apiVersion: netplay\.dev\/v1\nkind: Scenario[\s\S]*?---\n/m, '') + '\n---\n' + SCENARIO;
  const results = runChecks(simulate([{ name: 'checks.yaml', text }]).cluster);

  it.each([
    ['api works', true, /allowed, status 200, backend service\/default\/backend-service:8080, endpoints \[default\/backend-0, default\/backend-1\]/],
    ['database is kept out', true, /denied \(dropped at networkpolicy\/default\/allow-frontend-to-backend/],
    ['wrong on purpose', false, /expected allow, got deny/],
    ['wrong status', false, /expected status 200, got 404/],
    ['bad query', false, /the query is invalid/],
  ])('%s → pass %s', (name, pass, why) => {
    const r = results.find((x) => x.check.name === name)!;
    expect(r.pass).toBe(pass);
    expect(r.why).toMatch(why);
    expect(r.why).not.toMatch(/\n/);
  });

  it('answers every check in order', () => {
    expect(results.map((r) => r.check.name)).toEqual(['api works', 'database is kept out', 'wrong on purpose', 'wrong status', 'bad query']);
  });
});

describe('checks of HTTP answers: location and backendPath, and the request fields', () => {
  const trace = (over: Partial<Trace>): Trace => ({ from: 'internet', to: 'http://gw.test/old', verdict: 'allow', endpoints: [], blocked: [], hops: [], notes: [], ...over });
  it('location and backendPath hold or fail with what was got', () => {
    const check = { from: 'internet', to: 'http://gw.test/old', expect: { status: 301, location: 'http://gw.test/new' } };
    expect(evaluateCheck(check, trace({ status: 301, location: 'http://gw.test/new' }))).toMatchObject({ pass: true, why: 'status 301, Location http://gw.test/new' });
    expect(evaluateCheck(check, trace({ status: 200 }))).toMatchObject({ pass: false, why: 'expected status 301, got 200; expected Location http://gw.test/new, got none (no redirect)' });
    const path = { from: 'internet', to: 'http://gw.test/v1/x', expect: { backendPath: '/api/x' } };
    expect(evaluateCheck(path, trace({ backendPath: '/api/x' }))).toMatchObject({ pass: true });
    expect(evaluateCheck(path, trace({}))).toMatchObject({ pass: false, why: 'expected backend path /api/x, got none (no backend reached)' });
  });

  it('the query a check asks carries via, method and headers', () => {
    expect(toCheckQuery({ from: 'internet', to: 'http://gw.test/', via: 'ingress', method: 'POST', headers: { 'X-A': 'b' }, expect: {} })).toEqual({
      from: 'internet',
      to: 'http://gw.test/',
      via: 'ingress',
      method: 'POST',
      headers: { 'X-A': 'b' },
    });
    expect(toCheckQuery({ from: 'internet', to: 'http://gw.test/', expect: {} })).toEqual({ from: 'internet', to: 'http://gw.test/' });
  });
});

describe('a Scenario check with via, method, headers and the HTTP expectations', () => {
  it('reads them and asks the query with them', () => {
    const scenario = `apiVersion: netplay.dev/v1
kind: Scenario
metadata: {name: http-checks}
checks:
  - name: via ingress
    from: internet
    to: http://example.com/api
    via: ingress
    method: POST
    headers: {X-Version: two}
    expect: {status: 200, backend: service/default/backend-service:8080, backendPath: /api}
  - name: via a missing gateway
    from: internet
    to: http://example.com/api
    via: gateway/default/nope
    expect: {status: 200}
  - name: no redirect here
    from: internet
    to: http://example.com/api
    expect: {location: https://example.com/api}
`;
    const text = FULL_FLOW.replace(/^apiVersion: netplay\.dev\/v1\nkind: Scenario[\s\S]*?---\n/m, '') + '\n---\n' + scenario;
    const { cluster } = simulate([{ name: 'f.yaml', text }]);
    expect(cluster.scenario?.checks[0]).toMatchObject({ via: 'ingress', method: 'POST', headers: { 'X-Version': 'two' }, expect: { backendPath: '/api' } });
    const results = runChecks(cluster);
    expect(results.map((r) => r.pass)).toEqual([false, false, false]);
    // The ingress path has no backendPath yet: the answer says so (the field is for Gateways and rewrites).
    expect(results[0]!.why).toMatch(/backend path/);
    expect(results[1]!.why).toBe('the query is invalid: via gateway/default/nope: Gateway default/nope does not exist (the manifests hold no Gateway)');
    expect(results[2]!.why).toBe('expected Location https://example.com/api, got none (no redirect)');
  });
});
