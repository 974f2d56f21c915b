import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, traceQueries, type Trace } from '../../../engine';
import { toVerdictAnnouncement } from './to-verdict-announcement';

const seed = readFileSync(new URL('../../../../scenarios/full-flow.yaml', import.meta.url), 'utf8');
const cluster = simulate([{ name: 'scenario.yaml', text: seed }]).cluster;
const trace = (from: string, to: string): Trace => traceQueries(cluster, [{ from, to }])[0]!;

describe('toVerdictAnnouncement', () => {
  it('a drop names the verdict, the deciding policy and why no rule admits it', () => {
    expect(toVerdictAnnouncement(trace('pod/default/backend-0', 'pod/default/frontend-0:80'))).toBe(
      'Denied: dropped at networkpolicy/default/backend-egress-to-db by policy default/backend-egress-to-db. ' +
        'backend-0 is isolated for egress by default/backend-egress-to-db; no rule admits default/frontend-0 on TCP 80',
    );
  });

  it('an allowed packet names the rule that admitted it', () => {
    expect(
      toVerdictAnnouncement(trace('pod/default/frontend-0', 'pod/default/backend-0:8080')),
    ).toBe(
      'Allowed, reached default/backend-0. Admitted by default/allow-frontend-to-backend ingress rule 0.',
    );
  });

  it('an HTTP request says its status and where it was served', () => {
    expect(toVerdictAnnouncement(trace('internet', 'http://example.com/api'))).toBe(
      'Allowed (HTTP 200), reached default/backend-0, default/backend-1. Admitted by default/allow-ingress-to-backend ingress rule 0.',
    );
  });

  it('a packet to a pod no policy isolates names no rule', () => {
    expect(
      toVerdictAnnouncement(trace('pod/default/frontend-0', 'pod/default/database-0:5432')),
    ).toBe('Allowed, reached default/database-0.');
  });

  it('a query that could not be traced says so', () => {
    expect(toVerdictAnnouncement(trace('pod/default/frontend-0', 'internet'))).toMatch(
      /^The packet could not be sent: "internet" is not a destination/,
    );
  });
});
