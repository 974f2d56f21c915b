import { describe, expect, it } from 'vitest';
import { kubernetesSchema } from './kubernetes-schema';

type Branch = { if: { properties: { kind: { const: string } } }; then: { properties: { apiVersion: { const: string }; spec: Record<string, unknown> } } };

/** The `if kind … then` branch of one kind. */
function branch(kind: string): Branch['then']['properties'] | undefined {
  const all = kubernetesSchema['allOf'] as Branch[];
  return all.find((b) => b.if.properties.kind.const === kind)?.then.properties;
}

describe('the editor schema knows the cluster-scoped policy kinds', () => {
  it.each([
    ['ClusterNetworkPolicy', 'policy.networking.k8s.io/v1alpha2', ['Accept', 'Deny', 'Pass']],
    ['AdminNetworkPolicy', 'policy.networking.k8s.io/v1alpha1', ['Allow', 'Deny', 'Pass']],
    ['BaselineAdminNetworkPolicy', 'policy.networking.k8s.io/v1alpha1', ['Allow', 'Deny']],
  ])('%s: offered as a kind, with its apiVersion and its actions', (kind, apiVersion, actions) => {
    const kinds = (kubernetesSchema['properties'] as { kind: { examples: string[] } }).kind.examples;
    expect(kinds).toContain(kind);
    const b = branch(kind)!;
    expect(b.apiVersion.const).toBe(apiVersion);
    const spec = b.spec as { properties: { ingress: { items: { properties: { action: { enum: string[] } } } } } };
    expect(spec.properties.ingress.items.properties.action.enum).toEqual(actions);
  });

  it('ClusterNetworkPolicy: tier enum, priority range, one subject form', () => {
    const spec = branch('ClusterNetworkPolicy')!.spec as { required: string[]; properties: Record<string, Record<string, unknown>> };
    expect(spec.required).toEqual(['subject', 'tier', 'priority']);
    expect(spec.properties['tier']!['enum']).toEqual(['Admin', 'Baseline']);
    expect(spec.properties['priority']).toMatchObject({ minimum: 0, maximum: 1000 });
    expect(spec.properties['subject']).toMatchObject({ minProperties: 1, maxProperties: 1 });
  });
});
