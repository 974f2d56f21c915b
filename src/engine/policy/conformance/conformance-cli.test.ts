/**
 * The same upstream expectations through the real `netplay trace` command (a child process, as
 * users run it): for each v1alpha2 conformance test, every poke made before its first mutation,
 * as one `--queries` run over the base manifests and the test's policies, read back as JSON.
 * A CLI start costs a second or two, so a handful of tests stand for the rest (one per tier and
 * shape of peer); every test and every mutated state is covered in conformance.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ConformanceStep } from './steps';
import { V1ALPHA2_TESTS } from './cases-v1alpha2';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const PREFIX = 'network-policy-conformance-';
const fixture = (path: string): string => `tests/fixtures/network-policy-api/v1alpha2/${path}`;
const podArg = (short: string): string => `pod/${PREFIX}${short}`;

type Poke = Extract<ConformanceStep, { op: 'poke' }>;

/** The pokes a test makes before it changes anything. */
function initialPokes(steps: readonly ConformanceStep[]): Poke[] {
  const out: Poke[] = [];
  for (const step of steps) {
    if (step.op !== 'poke') break;
    out.push(step);
  }
  return out;
}

describe('network-policy-api conformance v1alpha2 through `netplay trace --queries`', () => {
  const chosen = new Set([
    'CNPAdminTierIngressTCP',
    'CNPAdminTierGress',
    'CNPAdminTierEgressNodePeers',
    'CNPAdminTierIntegration',
    'CNPBaselineTierGress',
    'CNPBaselineTierEgressInlineCIDRPeers',
  ]);
  for (const test of V1ALPHA2_TESTS.filter((t) => chosen.has(t.name))) {
    const pokes = initialPokes(test.subtests.flatMap((s) => s.steps));
    if (pokes.length === 0) continue;
    it(`${test.name}: ${pokes.length} pokes before any mutation`, () => {
      const queries = pokes.map((p) => ({
        from: podArg(p.from),
        to: `${podArg(p.to)}:${p.port}/${p.protocol.toLowerCase()}`,
      }));
      const files = [fixture('manifests.yaml'), ...test.manifests.map(fixture)];
      const run = spawnSync(
        process.execPath,
        ['bin/netplay.mjs', 'trace', ...files, '--queries', '-', '--json'],
        { cwd: ROOT, input: JSON.stringify(queries), encoding: 'utf8', timeout: 60_000 },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const answers = JSON.parse(run.stdout) as { verdict: string; error?: string }[];
      const got = answers.map(
        (a, i) =>
          `${pokes[i]!.from} → ${pokes[i]!.to} ${pokes[i]!.protocol}/${pokes[i]!.port}: ${a.error ?? a.verdict}`,
      );
      const expected = pokes.map(
        (p) => `${p.from} → ${p.to} ${p.protocol}/${p.port}: ${p.connect ? 'allow' : 'deny'}`,
      );
      expect(got).toEqual(expected);
    });
  }
});
