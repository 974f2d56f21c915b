import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';
import { runChecks } from './checks';

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
