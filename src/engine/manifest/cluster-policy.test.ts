/**
 * Reading ClusterNetworkPolicy (v1alpha2) and Admin/BaselineAdminNetworkPolicy (v1alpha1): the
 * model they become, and every CRD rule, in the API server's words, at its line.
 */
import { describe, expect, it } from 'vitest';
import type { ClusterPolicyObject, Diagnostic } from '../types';
import { simulate } from '../simulate';
import { parseManifests } from './parse';
import { normalizeManifests } from './normalize';

function read(text: string): { policies: readonly ClusterPolicyObject[]; diagnostics: Diagnostic[] } {
  const parsed = parseManifests([{ name: 'c.yaml', text }]);
  expect(parsed.diagnostics).toEqual([]);
  const { manifests, diagnostics } = normalizeManifests(parsed.documents);
  return { policies: manifests.clusterPolicies, diagnostics };
}

/** `[line, severity, message]` of every diagnostic but the `refused` note. */
const said = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.filter((d) => d.code !== 'clusterpolicy.refused').map((d) => [d.range?.startLine, d.severity, d.message]);

const CNP = 'apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\n';
const ANP = 'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\n';
const BANP = 'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\n';
const all = { matchLabels: {}, matchExpressions: [] };
const labels = (l: Record<string, string>) => ({ matchLabels: l, matchExpressions: [] });

describe('ClusterNetworkPolicy v1alpha2: the model', () => {
  it('reads tier, priority, subject, rules with names, peers of every form and protocols', () => {
    const { policies, diagnostics } = read(`${CNP}metadata: {name: admin-rules}
spec:
  tier: Admin
  priority: 10
  subject:
    pods:
      namespaceSelector: {matchLabels: {env: prod}}
      podSelector: {matchLabels: {app: web}}
  ingress:
  - name: allow-monitoring
    action: Accept
    from:
    - namespaces: {matchLabels: {team: monitoring}}
    - pods: {podSelector: {matchLabels: {app: prom}}}
    protocols:
    - tcp: {destinationPort: {number: 8080}}
    - udp: {destinationPort: {range: {start: 5000, end: 5010}}}
    - destinationNamedPort: metrics
  egress:
  - action: Pass
    to:
    - networks: [10.0.0.0/8, 192.168.1.0/24]
    - nodes: {matchLabels: {role: infra}}
  - action: Deny
    to: [{domainNames: ["*.example.com"]}]
    protocols: [{sctp: {destinationPort: {number: 9}}}]
`);
    expect(diagnostics.map((d) => d.code)).toEqual(['field.not-simulated']);
    expect(policies).toHaveLength(1);
    const p = policies[0]!;
    expect(p.kind).toBe('ClusterNetworkPolicy');
    expect(p.meta.name).toBe('admin-rules');
    expect(p.meta.namespace).toBe('');
    expect(p.tier).toBe('Admin');
    expect(p.priority).toBe(10);
    expect(p.subject).toEqual({ kind: 'pods', namespaceSelector: labels({ env: 'prod' }), podSelector: labels({ app: 'web' }) });
    expect(p.ingress).toEqual([
      {
        name: 'allow-monitoring',
        action: 'Accept',
        peers: [
          { kind: 'namespaces', namespaceSelector: labels({ team: 'monitoring' }) },
          // v1alpha2: namespaceSelector may be left out (every namespace)
          { kind: 'pods', namespaceSelector: all, podSelector: labels({ app: 'prom' }) },
        ],
        ports: [
          { kind: 'port', protocol: 'TCP', port: 8080 },
          { kind: 'port', protocol: 'UDP', port: 5000, endPort: 5010 },
          { kind: 'namedPort', name: 'metrics' },
        ],
      },
    ]);
    expect(p.egress).toEqual([
      {
        name: '',
        action: 'Pass',
        peers: [
          { kind: 'networks', cidrs: ['10.0.0.0/8', '192.168.1.0/24'] },
          { kind: 'nodes', nodeSelector: labels({ role: 'infra' }) },
        ],
      },
      {
        name: '',
        action: 'Deny',
        peers: [{ kind: 'domainNames', domainNames: ['*.example.com'] }],
        ports: [{ kind: 'port', protocol: 'SCTP', port: 9 }],
      },
    ]);
    // Absent protocols stay absent (every port), not an empty list.
    expect('ports' in p.egress[0]!).toBe(false);
  });

  it('a Baseline tier policy with a namespaces subject and no rules; `ingress: []` is no rules', () => {
    const { policies, diagnostics } = read(`${CNP}metadata: {name: base}\nspec:\n  tier: Baseline\n  priority: 0\n  subject: {namespaces: {}}\n  ingress: []\n`);
    expect(diagnostics).toEqual([]);
    expect(policies[0]).toMatchObject({ tier: 'Baseline', priority: 0, subject: { kind: 'namespaces', namespaceSelector: all }, ingress: [], egress: [] });
  });

  it('domainNames: read, with a note that they are not simulated', () => {
    const { diagnostics } = read(`${CNP}metadata: {name: dn}\nspec:\n  tier: Admin\n  priority: 1\n  subject: {namespaces: {}}\n  egress:\n  - action: Accept\n    to:\n    - domainNames: [kubernetes.io]\n`);
    expect(said(diagnostics)).toEqual([
      [11, 'info', 'spec.egress[0].to[0].domainNames: domainNames are read but not simulated (the playground has no DNS names outside the cluster to match): this peer matches no traffic'],
    ]);
  });
});

describe('AdminNetworkPolicy / BaselineAdminNetworkPolicy v1alpha1: the model', () => {
  it('ANP: tier Admin, Allow read as Accept, ports portNumber (TCP by default), portRange, namedPort', () => {
    const { policies, diagnostics } = read(`${ANP}metadata: {name: anp}
spec:
  priority: 5
  subject: {namespaces: {matchLabels: {env: prod}}}
  ingress:
  - name: a
    action: Allow
    from: [{namespaces: {}}]
    ports:
    - portNumber: {port: 80}
    - portRange: {protocol: UDP, start: 100, end: 200}
    - namedPort: http
  egress:
  - action: Pass
    to: [{pods: {namespaceSelector: {}, podSelector: {}}}]
`);
    expect(diagnostics).toEqual([]);
    expect(policies[0]).toEqual({
      kind: 'AdminNetworkPolicy',
      meta: expect.objectContaining({ name: 'anp', namespace: '' }) as unknown,
      tier: 'Admin',
      priority: 5,
      subject: { kind: 'namespaces', namespaceSelector: labels({ env: 'prod' }) },
      ingress: [
        {
          name: 'a',
          action: 'Accept',
          peers: [{ kind: 'namespaces', namespaceSelector: all }],
          ports: [
            { kind: 'port', protocol: 'TCP', port: 80 },
            { kind: 'port', protocol: 'UDP', port: 100, endPort: 200 },
            { kind: 'namedPort', name: 'http' },
          ],
        },
      ],
      egress: [{ name: '', action: 'Pass', peers: [{ kind: 'pods', namespaceSelector: all, podSelector: all }] }],
    });
  });

  it('BANP: tier Baseline, priority 0, Allow and Deny', () => {
    const { policies, diagnostics } = read(`${BANP}metadata: {name: default}
spec:
  subject: {namespaces: {}}
  ingress:
  - action: Deny
    from: [{namespaces: {}}]
  egress:
  - action: Allow
    to: [{networks: [0.0.0.0/0]}]
`);
    expect(diagnostics).toEqual([]);
    expect(policies[0]).toMatchObject({
      kind: 'BaselineAdminNetworkPolicy',
      tier: 'Baseline',
      priority: 0,
      ingress: [{ action: 'Deny' }],
      egress: [{ action: 'Accept', peers: [{ kind: 'networks', cidrs: ['0.0.0.0/0'] }] }],
    });
  });

  it('v1alpha1 has no rule on a range order: start > end is a warning and the policy applies', () => {
    const { policies, diagnostics } = read(`${ANP}metadata: {name: r}\nspec:\n  priority: 1\n  subject: {namespaces: {}}\n  ingress:\n  - action: Deny\n    from: [{namespaces: {}}]\n    ports: [{portRange: {start: 90, end: 80}}]\n`);
    expect(said(diagnostics)).toEqual([
      [10, 'warning', 'spec.ingress[0].ports[0].portRange: start 90 is greater than end 80: this range holds no port, so the entry matches no traffic (v1alpha1 does not refuse it)'],
    ]);
    expect(policies).toHaveLength(1);
  });
});

const head = (spec: string) => `${CNP}metadata: {name: bad}\nspec:\n${spec}`;
const base = '  tier: Admin\n  priority: 10\n  subject: {namespaces: {}}\n';
const rules = (n: number, dir = 'ingress', peers = 'from') =>
  `  ${dir}:\n` + Array.from({ length: n }, () => `  - action: Deny\n    ${peers}: [{namespaces: {}}]\n`).join('');

describe('the CRDs refuse, at the line, in the API server words', () => {
  const cases: [string, string, [number, string][]][] = [
    [
      'both subject forms',
      head('  tier: Admin\n  priority: 10\n  subject:\n    namespaces: {}\n    pods: {podSelector: {}}\n'),
      [[7, 'spec.subject: Invalid value: "object": spec.subject in body should have at most 1 properties (set exactly one of namespaces, pods; found namespaces and pods)']],
    ],
    [
      'no subject form',
      head('  tier: Admin\n  priority: 10\n  subject: {}\n'),
      [[7, 'spec.subject: Invalid value: "object": spec.subject in body should have at least 1 properties (set exactly one of namespaces, pods)']],
    ],
    [
      'priority 1001',
      head('  tier: Admin\n  priority: 1001\n  subject: {namespaces: {}}\n'),
      [[6, 'spec.priority: Invalid value: 1001: spec.priority in body should be less than or equal to 1000']],
    ],
    [
      'priority -1',
      head('  tier: Admin\n  priority: -1\n  subject: {namespaces: {}}\n'),
      [[6, 'spec.priority: Invalid value: -1: spec.priority in body should be greater than or equal to 0']],
    ],
    ['26 rules', head(base + rules(26)), [[8, 'spec.ingress: Too many: 26: must have at most 25 items']]],
    ['26 egress rules', head(base + rules(26, 'egress', 'to')), [[8, 'spec.egress: Too many: 26: must have at most 25 items']]],
    [
      'an unknown action (Allow is v1alpha1)',
      head(base + '  ingress:\n  - action: Allow\n    from: [{namespaces: {}}]\n'),
      [[9, 'spec.ingress[0].action: Unsupported value: "Allow": supported values: "Accept", "Deny", "Pass"']],
    ],
    [
      'an unknown tier',
      head('  tier: admin\n  priority: 10\n  subject: {namespaces: {}}\n'),
      [[5, 'spec.tier: Unsupported value: "admin": supported values: "Admin", "Baseline"']],
    ],
    [
      'a peer with two forms',
      head(base + '  egress:\n  - action: Deny\n    to:\n    - namespaces: {}\n      networks: [10.0.0.0/8]\n'),
      [[11, 'spec.egress[0].to[0]: Invalid value: "object": spec.egress[0].to[0] in body should have at most 1 properties (set exactly one of namespaces, pods, nodes, networks, domainNames; found namespaces and networks)']],
    ],
    [
      'a peer with no form',
      head(base + '  ingress:\n  - action: Deny\n    from:\n    - {}\n'),
      [[11, 'spec.ingress[0].from[0]: Invalid value: "object": spec.ingress[0].from[0] in body should have at least 1 properties (set exactly one of namespaces, pods)']],
    ],
    [
      'an egress-only peer in an ingress rule',
      head(base + '  ingress:\n  - action: Deny\n    from:\n    - networks: [10.0.0.0/8]\n'),
      [
        [11, 'strict decoding error: unknown field "spec.ingress[0].from[0].networks"'],
        [11, 'spec.ingress[0].from[0]: Invalid value: "object": spec.ingress[0].from[0] in body should have at least 1 properties (set exactly one of namespaces, pods)'],
      ],
    ],
    [
      'destinationNamedPort beside a networks peer',
      head(base + '  egress:\n  - action: Accept\n    to:\n    - networks: [10.0.0.0/8]\n    protocols:\n    - destinationNamedPort: http\n'),
      [[13, 'spec.egress[0]: Invalid value: "object": networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames']],
    ],
    [
      'destinationNamedPort beside a nodes peer (and a pods peer)',
      head(base + '  egress:\n  - action: Accept\n    to:\n    - pods: {podSelector: {}}\n    - nodes: {}\n    protocols:\n    - tcp: {destinationPort: {number: 80}}\n    - destinationNamedPort: http\n'),
      [[15, 'spec.egress[0]: Invalid value: "object": networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames']],
    ],
    [
      'a bad CIDR and a duplicate one in networks',
      head(base + '  egress:\n  - action: Deny\n    to:\n    - networks: [10.0.0.0/33, 10.1.0.0/16, 10.1.0.0/16]\n'),
      [
        [11, 'spec.egress[0].to[0].networks[0]: Invalid value: "string": Invalid CIDR format provided'],
        [11, 'spec.egress[0].to[0].networks[2]: Duplicate value: "10.1.0.0/16"'],
      ],
    ],
    [
      'empty networks',
      head(base + '  egress:\n  - action: Deny\n    to:\n    - networks: []\n'),
      [[11, 'spec.egress[0].to[0].networks: Invalid value: 0: spec.egress[0].to[0].networks in body should have at least 1 items']],
    ],
    [
      'ports out of range',
      head(base + '  ingress:\n  - action: Deny\n    from: [{namespaces: {}}]\n    protocols:\n    - tcp: {destinationPort: {number: 0}}\n    - udp: {destinationPort: {number: 65536}}\n'),
      [
        [12, 'spec.ingress[0].protocols[0].tcp.destinationPort.number: Invalid value: 0: spec.ingress[0].protocols[0].tcp.destinationPort.number in body should be greater than or equal to 1'],
        [13, 'spec.ingress[0].protocols[1].udp.destinationPort.number: Invalid value: 65536: spec.ingress[0].protocols[1].udp.destinationPort.number in body should be less than or equal to 65535'],
      ],
    ],
    [
      'a range with start = end and start > end',
      head(base + '  ingress:\n  - action: Deny\n    from: [{namespaces: {}}]\n    protocols:\n    - tcp:\n        destinationPort:\n          range: {start: 80, end: 80}\n    - tcp: {destinationPort: {range: {start: 90, end: 80}}}\n'),
      [
        [14, 'spec.ingress[0].protocols[0].tcp.destinationPort.range: Invalid value: "object": Start port must be less than End port'],
        [15, 'spec.ingress[0].protocols[1].tcp.destinationPort.range: Invalid value: "object": Start port must be less than End port'],
      ],
    ],
    [
      'a protocol entry with two forms, and a tcp with no port',
      head(base + '  ingress:\n  - action: Deny\n    from: [{namespaces: {}}]\n    protocols:\n    - tcp: {destinationPort: {number: 80}}\n      destinationNamedPort: http\n    - tcp: {}\n'),
      [
        [12, 'spec.ingress[0].protocols[0]: Invalid value: "object": spec.ingress[0].protocols[0] in body should have at most 1 properties (set exactly one of tcp, udp, sctp, destinationNamedPort; found tcp and destinationNamedPort)'],
        [14, 'spec.ingress[0].protocols[1].tcp: Invalid value: "object": spec.ingress[0].protocols[1].tcp in body should have at least 1 properties'],
      ],
    ],
    [
      'a rule name over 100 characters',
      head(base + `  ingress:\n  - name: ${'n'.repeat(101)}\n    action: Deny\n    from: [{namespaces: {}}]\n`),
      [[9, 'spec.ingress[0].name: Too long: may not be more than 100 bytes']],
    ],
    ['no spec', `${CNP}metadata: {name: bad}\n`, [[1, 'spec: Required value']]],
    [
      'no tier, no priority, no subject',
      head('  ingress: []\n'),
      [
        [4, 'spec.tier: Required value'],
        [4, 'spec.priority: Required value'],
        [4, 'spec.subject: Required value'],
      ],
    ],
    [
      'a rule with no action and no from; an empty from',
      head(base + '  ingress:\n  - name: x\n  - action: Deny\n    from: []\n'),
      [
        [9, 'spec.ingress[0].action: Required value'],
        [9, 'spec.ingress[0].from: Required value'],
        [11, 'spec.ingress[1].from: Invalid value: 0: spec.ingress[1].from in body should have at least 1 items'],
      ],
    ],
    [
      'a field the CRD does not have (kubectl validates strictly)',
      head(base + '  podSelector: {}\n'),
      [[8, 'strict decoding error: unknown field "spec.podSelector"']],
    ],
    [
      'a domain name that does not match the pattern',
      head(base + '  egress:\n  - action: Accept\n    to: [{domainNames: ["-bad"]}]\n'),
      [
        [10, 'spec.egress[0].to[0].domainNames[0]: Invalid value: "-bad": spec.egress[0].to[0].domainNames[0] in body should match \'^(\\*\\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.?$\''],
      ],
    ],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const { policies, diagnostics } = read(text);
    const errors = said(diagnostics).filter(([, severity]) => severity === 'error');
    expect(errors).toEqual(expected.map(([line, message]) => [line, 'error', message]));
    // Refused: not in the model, and a note says so at the name.
    expect(policies).toEqual([]);
    expect(diagnostics.find((d) => d.code === 'clusterpolicy.refused')?.message).toMatch(/^ClusterNetworkPolicy bad is refused \(\d+ errors?/);
  });

  it('v1alpha1: 101 rules, Pass in a BANP, a named port beside networks (BANP words), an unknown protocol', () => {
    const anp = read(`${ANP}metadata: {name: many}\nspec:\n  priority: 1\n  subject: {namespaces: {}}\n${rules(101)}`);
    expect(said(anp.diagnostics)).toEqual([[7, 'error', 'spec.ingress: Too many: 101: must have at most 100 items']]);
    const banp = read(`${BANP}metadata: {name: default}
spec:
  subject: {namespaces: {}}
  ingress:
  - action: Pass
    from: [{namespaces: {}}]
  egress:
  - action: Allow
    to: [{nodes: {}}]
    ports: [{namedPort: dns}]
  - action: Deny
    to: [{namespaces: {}}]
    ports: [{portNumber: {protocol: HTTP, port: 80}}]
`);
    expect(said(banp.diagnostics)).toEqual([
      [7, 'error', 'spec.ingress[0].action: Unsupported value: "Pass": supported values: "Allow", "Deny"'],
      [12, 'error', 'spec.egress[0]: Invalid value: "object": networks/nodes peer cannot be set with namedPorts since there are no namedPorts for networks/nodes'],
      [15, 'error', 'spec.egress[1].ports[0].portNumber.protocol: Unsupported value: "HTTP": supported values: "TCP", "UDP", "SCTP"'],
    ]);
    expect(banp.policies).toEqual([]);
  });

  it('an ANP with a tier (v1alpha2 only) and a BANP with a priority: unknown fields', () => {
    const { diagnostics } = read(`${ANP}metadata: {name: a}\nspec:\n  tier: Admin\n  priority: 1\n  subject: {namespaces: {}}\n---\n${BANP}metadata: {name: default}\nspec:\n  priority: 1\n  subject: {namespaces: {}}\n`);
    expect(said(diagnostics)).toEqual([
      [5, 'error', 'strict decoding error: unknown field "spec.tier"'],
      [13, 'error', 'strict decoding error: unknown field "spec.priority"'],
    ]);
  });
});

describe('BaselineAdminNetworkPolicy is the singleton `default`', () => {
  it('one named otherwise is refused with the CRD rule message, at its name', () => {
    const { policies, diagnostics } = read(`${BANP}metadata:\n  name: mine\nspec:\n  subject: {namespaces: {}}\n`);
    expect(said(diagnostics)).toEqual([
      [4, 'error', '<nil>: Invalid value: "object": Only one baseline admin network policy with metadata.name="default" can be created in the cluster'],
    ]);
    expect(policies).toEqual([]);
  });

  it('two named default: the first one is used, the second is a warning at its name', () => {
    const one = `${BANP}metadata: {name: default}\nspec:\n  subject: {namespaces: {}}\n  ingress: [{action: Deny, from: [{namespaces: {}}]}]\n`;
    const two = `${BANP}metadata: {name: default}\nspec:\n  subject: {namespaces: {}}\n`;
    const { policies, diagnostics } = read(`${one}---\n${two}`);
    expect(said(diagnostics)).toEqual([[10, 'warning', 'BaselineAdminNetworkPolicy default is declared twice; the first one is used']]);
    expect(policies).toHaveLength(1);
    expect(policies[0]!.ingress).toHaveLength(1);
  });
});

describe('cluster-scoped: metadata.namespace', () => {
  it('is ignored with a warning at its line; the policy still applies', () => {
    const { policies, diagnostics } = read(`${CNP}metadata:\n  name: ns\n  namespace: prod\nspec:\n${base}`);
    expect(said(diagnostics)).toEqual([
      [5, 'warning', 'metadata.namespace: ClusterNetworkPolicy is cluster-scoped: the namespace "prod" is ignored and the policy applies across the cluster'],
    ]);
    expect(policies).toHaveLength(1);
    expect(policies[0]!.meta.namespace).toBe('');
  });
});

describe('apiVersion', () => {
  it.each([
    [CNP.replace('v1alpha2', 'v1alpha1'), 'ClusterNetworkPolicy', 'policy.networking.k8s.io/v1alpha1', 'policy.networking.k8s.io/v1alpha2'],
    [ANP.replace('v1alpha1', 'v1alpha2'), 'AdminNetworkPolicy', 'policy.networking.k8s.io/v1alpha2', 'policy.networking.k8s.io/v1alpha1'],
    [BANP.replace('policy.networking.k8s.io/v1alpha1', 'networking.k8s.io/v1'), 'BaselineAdminNetworkPolicy', 'networking.k8s.io/v1', 'policy.networking.k8s.io/v1alpha1'],
  ])('a wrong one is a clear error at its line: %s', (header, kind, got, want) => {
    const { policies, diagnostics } = read(`${header}metadata: {name: default}\nspec:\n${base}`);
    expect(said(diagnostics)).toEqual([[1, 'error', `no matches for kind "${kind}" in version "${got}" (use apiVersion: ${want}): this object was skipped`]]);
    expect(policies).toEqual([]);
  });
});

describe('odd shapes never throw, and the rest of the scenario still answers', () => {
  const shapes = [
    'spec: x',
    'spec: [1, 2]',
    'spec:\n  tier: Admin\n  priority: high\n  subject: {namespaces: {}}',
    'spec:\n  tier: [Admin]\n  priority: 1.5\n  subject: []',
    'spec:\n  tier: Admin\n  priority: 1\n  subject: {namespaces: x, pods: 3}',
    'spec:\n  tier: Admin\n  priority: 1\n  subject: {pods: {podSelector: 1, namespaceSelector: [a]}}',
    'spec:\n  tier: Admin\n  priority: 1\n  subject: {namespaces: {}}\n  ingress: null\n  egress: 7',
    'spec:\n  tier: Admin\n  priority: 1\n  subject: {namespaces: {}}\n  ingress: [null, 3, x, []]',
    'spec:\n  tier: Admin\n  priority: 1\n  subject: {namespaces: {}}\n  ingress: [{action: Deny, from: x}]',
    'spec:\n  tier: Admin\n  priority: 1\n  subject: {namespaces: {}}\n  ingress: [{action: 3, from: [null, x, {namespaces: 1}], protocols: 5}]',
    'spec:\n  tier: Admin\n  priority: 1\n  subject: {namespaces: {}}\n  egress: [{action: Deny, to: [{networks: x}, {networks: [1, null]}, {domainNames: 3}, {nodes: []}], protocols: [null, 1, {tcp: 1}, {tcp: {destinationPort: 1}}, {udp: {destinationPort: {range: 1}}}, {sctp: {destinationPort: {range: {start: a, end: null}}}}]}]',
    'spec:\n  tier: Admin\n  priority: 1\n  subject: {namespaces: {}}\n  egress: [{action: Deny, to: [{namespaces: {}}], protocols: [{destinationNamedPort: 5}]}]',
  ];
  const scenario = `apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec: {containers: [{name: c, image: nginx}]}\n`;

  it.each(shapes)('%s', (shape) => {
    for (const header of [CNP, ANP, BANP]) {
      const text = `${scenario}---\n${header}metadata: {name: default}\n${shape}\n`;
      const analysis = simulate([{ name: 'odd.yaml', text }]);
      expect(analysis.diagnostics.filter((d) => d.code === 'internal')).toEqual([]);
      expect(analysis.diagnostics.some((d) => d.severity === 'error' && d.range !== undefined && d.range.startLine >= 6)).toBe(true);
      expect(analysis.cluster.clusterPolicies).toEqual([]);
      expect(analysis.cluster.pods.map((p) => p.name)).toContain('web');
    }
  });
});

describe('the playground limit', () => {
  it('reads at most 500 cluster policies; the ones after are skipped with an error at each name', () => {
    const one = (i: number) => `${CNP}metadata: {name: p${i}}\nspec:\n  tier: Admin\n  priority: ${i % 1000}\n  subject: {namespaces: {}}\n`;
    const { policies, diagnostics } = read(Array.from({ length: 502 }, (_, i) => one(i)).join('---\n'));
    expect(policies).toHaveLength(500);
    const over = diagnostics.filter((d) => d.code === 'input.limit');
    expect(over.map((d) => d.message)).toEqual([
      'metadata.name: Invalid value: "p500": the playground simulates at most 500 cluster policies; this ClusterNetworkPolicy was skipped',
      'metadata.name: Invalid value: "p501": the playground simulates at most 500 cluster policies; this ClusterNetworkPolicy was skipped',
    ]);
    expect(over[0]!.range?.startLine).toBe(500 * 8 + 3);
  });
});
