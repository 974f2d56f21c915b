/**
 * The project's warnings about cluster policies: equal priorities whose rules overlap (only when
 * the cluster holds a connection both rules match), a subject selecting no pod, a CNI plugin
 * that does not enforce the tiers.
 */
import { describe, expect, it } from 'vitest';
import type { CniPlugin } from '../types';
import { simulate } from '../simulate';

const world = `apiVersion: v1
kind: Namespace
metadata: {name: prod, labels: {env: prod}}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: prod, labels: {app: web}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80, name: http}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, labels: {app: client}}
spec: {containers: [{name: c, image: curl}]}
`;

function cnp(name: string, priority: number, body: string, tier = 'Admin'): string {
  return `---\napiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: ${name}}\nspec:\n  tier: ${tier}\n  priority: ${priority}\n${body}`;
}

const denyFromDefault = `  subject: {namespaces: {matchLabels: {env: prod}}}
  ingress:
  - name: deny-default
    action: Deny
    from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: default}}}]
`;
const acceptClientHttp = (ports = '    protocols: [{destinationNamedPort: http}]\n') => `  subject: {pods: {podSelector: {matchLabels: {app: web}}}}
  ingress:
  - action: Accept
    from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: client}}}}]
${ports}`;

function warnings(text: string, cni: CniPlugin = 'calico') {
  const analysis = simulate([{ name: 'l.yaml', text }], { cni });
  expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return analysis.diagnostics.filter((d) => d.code.startsWith('clusterpolicy.'));
}

describe('equal priorities in one tier whose rules overlap', () => {
  it('warns on both policies, at their priority lines, naming the rules and whether the verdict depends on it', () => {
    const found = warnings(world + cnp('deny-default', 10, denyFromDefault) + cnp('allow-web', 10, acceptClientHttp()));
    expect(found.map((d) => [d.code, d.range?.startLine, d.ref])).toEqual([
      ['clusterpolicy.priority-overlap', 20, 'clusternetworkpolicy/deny-default'],
      ['clusterpolicy.priority-overlap', 32, 'clusternetworkpolicy/allow-web'],
    ]);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.message).toBe(
      'ClusterNetworkPolicy deny-default and ClusterNetworkPolicy allow-web are both in the Admin tier at priority 10 and their rules overlap: ' +
        'ingress rule 0 ("deny-default") of deny-default and ingress rule 0 of allow-web match the same connections (Deny against Accept, so the verdict itself depends on the order) ' +
        'for pods both select (e.g. prod/web). Upstream leaves the order of equal priorities to the implementation (the playground walks them by name); give them different priorities',
    );
  });

  it('no warning with different priorities, in different tiers, or when the ports cannot meet', () => {
    expect(warnings(world + cnp('deny-default', 10, denyFromDefault) + cnp('allow-web', 11, acceptClientHttp()))).toEqual([]);
    expect(warnings(world + cnp('deny-default', 10, denyFromDefault) + cnp('allow-web', 10, acceptClientHttp(), 'Baseline'))).toEqual([]);
    // `http` is port 80 on the only pod both subjects hold: 8080 never meets it.
    const otherPort = acceptClientHttp('    protocols: [{tcp: {destinationPort: {number: 8080}}}]\n');
    const narrowDeny = denyFromDefault + '    protocols: [{destinationNamedPort: http}]\n';
    expect(warnings(world + cnp('deny-default', 10, narrowDeny) + cnp('allow-web', 10, otherPort))).toEqual([]);
    // ...and a range holding 80 does.
    const range = acceptClientHttp('    protocols: [{tcp: {destinationPort: {range: {start: 79, end: 81}}}}]\n');
    expect(warnings(world + cnp('deny-default', 10, narrowDeny) + cnp('allow-web', 10, range)).map((d) => d.code)).toEqual([
      'clusterpolicy.priority-overlap',
      'clusterpolicy.priority-overlap',
    ]);
  });

  it('no warning when no pod is in both subjects, or the peers select different pods', () => {
    const otherSubject = denyFromDefault.replace('env: prod', 'kubernetes.io/metadata.name: default');
    expect(warnings(world + cnp('deny-default', 10, otherSubject) + cnp('allow-web', 10, acceptClientHttp()))).toEqual([]);
    const otherPeer = acceptClientHttp().replace('app: client', 'app: web');
    expect(warnings(world + cnp('deny-default', 10, denyFromDefault) + cnp('allow-web', 10, otherPeer))).toEqual([]);
  });

  it('egress: a networks peer overlaps a pod peer whose IP it holds, and another CIDR it intersects', () => {
    const egress = (to: string) => `  subject: {namespaces: {}}\n  egress:\n  - action: Deny\n    to: [${to}]\n`;
    const podPeer = egress('{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}');
    expect(warnings(world + cnp('a', 3, egress('{networks: [10.244.0.0/16]}')) + cnp('b', 3, podPeer)).length).toBe(2);
    expect(warnings(world + cnp('a', 3, egress('{networks: [192.168.0.0/16]}')) + cnp('b', 3, podPeer))).toEqual([]);
    expect(warnings(world + cnp('a', 3, egress('{networks: [10.0.0.0/8]}')) + cnp('b', 3, egress('{networks: [10.1.2.0/24]}'))).length).toBe(2);
    expect(warnings(world + cnp('a', 3, egress('{networks: [10.0.0.0/8]}')) + cnp('b', 3, egress('{networks: [11.0.0.0/8]}')))).toEqual([]);
    // Domain names are not simulated: they never overlap.
    expect(warnings(world + cnp('a', 3, egress('{domainNames: [a.example.com]}')) + cnp('b', 3, egress('{domainNames: [a.example.com]}')))).toEqual([]);
  });

  it('egress: in one analysis, the same pods against a range that holds them and one that does not (each pair answered on its own)', () => {
    const egress = (to: string) => `  subject: {namespaces: {}}\n  egress:\n  - action: Deny\n    to: [${to}]\n`;
    const podPeer = egress('{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}');
    const found = warnings(
      world +
        cnp('far', 3, egress('{networks: [192.168.0.0/16]}')) +
        cnp('far-pods', 3, podPeer) +
        cnp('near', 4, egress('{networks: [10.244.0.0/16]}')) +
        cnp('near-pods', 4, podPeer) +
        cnp('far-again', 5, egress('{networks: [172.16.0.0/12]}')) +
        cnp('far-again-pods', 5, podPeer),
    );
    expect(found.map((d) => d.ref)).toEqual(['clusternetworkpolicy/near', 'clusternetworkpolicy/near-pods']);
  });

  it('a v1alpha1 AdminNetworkPolicy shares the Admin tier with ClusterNetworkPolicies', () => {
    const anp = `---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: anp}\nspec:\n  priority: 10\n  subject: {namespaces: {}}\n  ingress:\n  - action: Allow\n    from: [{namespaces: {}}]\n`;
    const found = warnings(world + cnp('deny-default', 10, denyFromDefault) + anp);
    expect(found.map((d) => d.ref)).toEqual(['clusternetworkpolicy/deny-default', 'adminnetworkpolicy/anp']);
  });
});

describe('a subject that selects no pod', () => {
  it('warns at spec.subject; host-network pods are never subjects', () => {
    const hostPod = `---\napiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: prod, labels: {app: agent}}\nspec: {hostNetwork: true, containers: [{name: c, image: x}]}\n`;
    const body = '  subject:\n    pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: agent}}}\n';
    const found = warnings(world + hostPod + cnp('agents', 1, body));
    expect(found.map((d) => [d.code, d.range?.startLine, d.message])).toEqual([
      ['clusterpolicy.selects-nothing', 26, 'ClusterNetworkPolicy agents: spec.subject selects no pod (host-network pods are never subjects), so it has no effect'],
    ]);
  });
});

describe('a CNI plugin that does not enforce the tiers', () => {
  it.each(['flannel', 'weave'] as const)('%s: a warning per policy', (cni) => {
    const found = warnings(world + cnp('deny-default', 10, denyFromDefault), cni);
    expect(found.map((d) => d.message)).toEqual([
      `ClusterNetworkPolicy deny-default is not enforced: the ${cni} CNI plugin does not implement the policy.networking.k8s.io tiers, so traffic passes as if it did not exist`,
    ]);
  });

  it.each(['calico', 'cilium'] as const)('%s: none', (cni) => {
    expect(warnings(world + cnp('deny-default', 10, denyFromDefault), cni)).toEqual([]);
  });
});
