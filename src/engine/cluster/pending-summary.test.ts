import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate';

const deployment = (name: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: c, image: nginx}]}
`;

describe('Pending pods are reported once per workload and reason', () => {
  it('2,000 replicas on three full nodes give one warning with the count, and every pod keeps its reason', () => {
    const analysis = simulate([{ name: 'big.yaml', text: deployment('web', 2000) }]);
    const pending = analysis.cluster.pods.filter((p) => p.phase === 'Pending');
    expect(pending.length).toBeGreaterThan(1000);
    expect(pending.every((p) => p.pendingReason?.includes('no free address'))).toBe(true);
    const warnings = analysis.diagnostics.filter((d) => d.code === 'cluster.pod.pending');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain(`and ${pending.length - 1} more pods of the same workload stay Pending`);
  });

  it('two workloads keep one warning each; a single Pending pod reads as before', () => {
    const text = `${deployment('a', 1000)}---\n${deployment('b', 1)}`;
    const warnings = simulate([{ name: 'two.yaml', text }]).diagnostics.filter((d) => d.code === 'cluster.pod.pending');
    expect(warnings.map((w) => w.message.replace(/pod default\/\S+/, 'pod X'))).toEqual([
      expect.stringMatching(/^pod X and \d+ more pods of the same workload stay Pending: /),
      expect.stringMatching(/^pod X stays Pending: /),
    ]);
  });
});
