import { describe, expect, it } from 'vitest';
import { parseManifests } from './parse';
import { normalizeManifests } from './normalize';

const normalize = (text: string) => {
  const parsed = parseManifests([{ name: 'a.yaml', text }]);
  expect(parsed.diagnostics).toEqual([]);
  return normalizeManifests(parsed.documents);
};

describe('normalizeManifests: Service defaults', () => {
  const { manifests, diagnostics } = normalize(`apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports:
    - port: 80
    - name: named
      port: 81
      targetPort: http
      protocol: UDP
`);
  const svc = manifests.services[0]!;
  it.each([
    ['type', svc.type, 'ClusterIP'],
    ['namespace', svc.meta.namespace, 'default'],
    ['protocol', svc.ports[0]!.protocol, 'TCP'],
    ['targetPort = port', svc.ports[0]!.targetPort, 80],
    ['named targetPort kept', svc.ports[1]!.targetPort, 'http'],
    ['protocol as given', svc.ports[1]!.protocol, 'UDP'],
    ['externalTrafficPolicy', svc.externalTrafficPolicy, 'Cluster'],
    ['internalTrafficPolicy', svc.internalTrafficPolicy, 'Cluster'],
    ['sessionAffinity', svc.sessionAffinity, 'None'],
    ['publishNotReadyAddresses', svc.publishNotReadyAddresses, false],
  ])('%s', (_label, actual, expected) => {
    expect(diagnostics).toEqual([]);
    expect(actual).toEqual(expected);
  });

  it('reads LoadBalancer status IPs, clusterIP and policies as given', () => {
    const { manifests: m } = normalize(`apiVersion: v1
kind: Service
metadata: {name: lb, namespace: shop}
spec:
  type: LoadBalancer
  clusterIP: 10.96.5.5
  externalTrafficPolicy: Local
  internalTrafficPolicy: Local
  sessionAffinity: ClientIP
  ports: [{port: 443, nodePort: 30443}]
status:
  loadBalancer:
    ingress: [{ip: 34.1.2.3}, {hostname: lb.example.com}]
`);
    const s = m.services[0]!;
    expect([s.type, s.clusterIP, s.externalTrafficPolicy, s.internalTrafficPolicy, s.sessionAffinity]).toEqual([
      'LoadBalancer',
      '10.96.5.5',
      'Local',
      'Local',
      'ClientIP',
    ]);
    expect(s.ports[0]!.nodePort).toBe(30443);
    expect(s.statusLoadBalancerIPs).toEqual(['34.1.2.3']);
    expect(s.selector).toBeUndefined();
  });

  it('treats an empty selector as none', () => {
    const { manifests: m } = normalize('apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {selector: {}, ports: [{port: 1}]}\n');
    expect(m.services[0]!.selector).toBeUndefined();
  });
});

describe('normalizeManifests: NetworkPolicy policyTypes defaulting', () => {
  const policy = (spec: string) =>
    normalize(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n${spec}`).manifests.networkPolicies[0]!;
  it.each([
    ['nothing', '  podSelector: {}\n', ['Ingress'], true],
    ['ingress rules only', '  podSelector: {}\n  ingress: [{}]\n', ['Ingress'], true],
    ['egress rules', '  podSelector: {}\n  egress: [{}]\n', ['Ingress', 'Egress'], true],
    ['an empty egress list', '  podSelector: {}\n  egress: []\n', ['Ingress'], true],
    ['an empty policyTypes list', '  podSelector: {}\n  policyTypes: []\n  egress: [{}]\n', ['Ingress', 'Egress'], true],
    ['Egress given', '  podSelector: {}\n  policyTypes: [Egress]\n', ['Egress'], false],
    ['Egress given with ingress rules', '  podSelector: {}\n  policyTypes: [Egress]\n  ingress: [{}]\n', ['Egress'], false],
    ['both given', '  podSelector: {}\n  policyTypes: [Ingress, Egress]\n', ['Ingress', 'Egress'], false],
  ])('%s', (_label, spec, types, defaulted) => {
    const p = policy(spec);
    expect(p.policyTypes).toEqual(types);
    expect(p.policyTypesDefaulted).toBe(defaulted);
  });

  it('reads rules: missing from = all peers, protocol TCP, named ports, endPort, ipBlock', () => {
    const p = policy(`  podSelector: {matchLabels: {app: db}}
  ingress:
    - ports: [{port: 5432}]
    - from:
        - podSelector: {matchLabels: {app: api}}
          namespaceSelector: {matchExpressions: [{key: team, operator: In, values: [a]}]}
        - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
      ports: [{port: http, protocol: UDP}, {port: 8000, endPort: 8080}]
`);
    expect(p.ingress[0]).toEqual({ peers: [], ports: [{ protocol: 'TCP', port: 5432 }] });
    expect(p.ingress[1]!.peers).toEqual([
      {
        podSelector: { matchLabels: { app: 'api' }, matchExpressions: [] },
        namespaceSelector: { matchLabels: {}, matchExpressions: [{ key: 'team', operator: 'In', values: ['a'] }] },
      },
      { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
    ]);
    expect(p.ingress[1]!.ports).toEqual([
      { protocol: 'UDP', port: 'http' },
      { protocol: 'TCP', port: 8000, endPort: 8080 },
    ]);
    expect(p.podSelector.matchLabels).toEqual({ app: 'db' });
  });
});

describe('normalizeManifests: workloads and pods', () => {
  it('reads a Deployment template with the defaults a pod needs', () => {
    const { manifests, diagnostics } = normalize(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      nodeSelector: {disk: ssd}
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions: [{key: zone, operator: In, values: [a, b]}]
              - matchFields: [{key: metadata.name, operator: In, values: [node-2]}]
      containers:
        - name: web
          ports: [{containerPort: 80, name: http}, {containerPort: 53, protocol: UDP}]
`);
    expect(diagnostics).toEqual([]);
    const w = manifests.workloads[0]!;
    expect(w.replicas).toBe(1);
    expect(w.meta.namespace).toBe('shop');
    expect(w.template.hostNetwork).toBe(false);
    expect(w.template.nodeSelector).toEqual({ disk: 'ssd' });
    expect(w.template.requiredNodeAffinity).toEqual([
      [{ key: 'zone', operator: 'In', values: ['a', 'b'] }],
      [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-2'] }],
    ]);
    expect(w.template.containers[0]!.ports).toEqual([
      { name: 'http', containerPort: 80, protocol: 'TCP' },
      { containerPort: 53, protocol: 'UDP' },
    ]);
  });

  it.each(['ReplicaSet', 'StatefulSet', 'DaemonSet'])('reads a %s', (kind) => {
    const { manifests } = normalize(
      `apiVersion: apps/v1\nkind: ${kind}\nmetadata: {name: w}\nspec:\n  replicas: 3\n  selector: {matchLabels: {a: b}}\n  template: {metadata: {labels: {a: b}}, spec: {hostNetwork: true, containers: [{name: c}]}}\n`,
    );
    expect(manifests.workloads[0]!.kind).toBe(kind);
    expect(manifests.workloads[0]!.replicas).toBe(3);
    expect(manifests.workloads[0]!.template.hostNetwork).toBe(true);
  });

  it('reads a Pod with its status as kubectl prints it', () => {
    const { manifests } = normalize(`apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: x}}
spec: {nodeName: node-3, containers: [{name: c}]}
status:
  phase: Running
  podIP: 10.244.2.15
  podIPs: [{ip: 10.244.2.15}]
  hostIP: 192.168.0.13
  conditions: [{type: Ready, status: "False"}]
`);
    const p = manifests.pods[0]!;
    expect(p.template.nodeName).toBe('node-3');
    expect(p.template.labels).toEqual({ app: 'x' });
    expect(p.status).toEqual({ podIP: '10.244.2.15', podIPs: ['10.244.2.15'], hostIP: '192.168.0.13', phase: 'Running', ready: false });
  });
});

describe('normalizeManifests: endpoints, ingress, classes, namespaces, nodes, scenario', () => {
  it('converts Endpoints (v1) to the EndpointSlice form', () => {
    const { manifests } = normalize(`apiVersion: v1
kind: Endpoints
metadata: {name: ext}
subsets:
  - addresses: [{ip: 1.2.3.4, nodeName: node-1, targetRef: {kind: Pod, name: p1}}]
    notReadyAddresses: [{ip: 1.2.3.5}]
    ports: [{port: 8080, name: web}]
`);
    expect(manifests.endpointSlices).toEqual([
      expect.objectContaining({
        kind: 'EndpointSlice',
        serviceName: 'ext',
        endpoints: [
          { addresses: ['1.2.3.4'], ready: true, nodeName: 'node-1', podRef: 'pod/default/p1' },
          { addresses: ['1.2.3.5'], ready: false },
        ],
        ports: [{ name: 'web', port: 8080, protocol: 'TCP' }],
      }),
    ]);
  });

  it('reads an EndpointSlice: serviceName from its label, ready defaults to true', () => {
    const { manifests } = normalize(`apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: ext-abc, labels: {kubernetes.io/service-name: ext}}
addressType: IPv4
endpoints: [{addresses: [1.2.3.4]}, {addresses: [1.2.3.5], conditions: {ready: false}}]
ports: [{port: 80}]
`);
    const s = manifests.endpointSlices[0]!;
    expect(s.serviceName).toBe('ext');
    expect(s.endpoints.map((e) => e.ready)).toEqual([true, false]);
  });

  it('reads an Ingress: path defaults to /, pathType as given, class from field or annotation', () => {
    const { manifests } = normalize(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i}
spec:
  ingressClassName: nginx
  tls: [{hosts: [a.com], secretName: tls}]
  defaultBackend: {service: {name: fallback, port: {name: http}}}
  rules:
    - host: a.com
      http:
        paths:
          - pathType: ImplementationSpecific
            backend: {service: {name: web, port: {number: 80}}}
          - path: /api
            pathType: Exact
            backend: {resource: {kind: Bucket, name: b}}
    - http:
        paths: [{path: /x, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: old, annotations: {kubernetes.io/ingress.class: nginx}}
spec: {defaultBackend: {service: {name: web, port: {number: 80}}}}
`);
    const [i, old] = manifests.ingresses;
    expect(i!.ingressClassName).toBe('nginx');
    expect(i!.rules[0]!.paths[0]).toEqual({ path: '/', pathType: 'ImplementationSpecific', backend: { service: { name: 'web', port: { number: 80 } } } });
    expect(i!.rules[0]!.paths[1]!.backend).toEqual({ resource: { kind: 'Bucket', name: 'b' } });
    expect(i!.rules[1]!.host).toBeUndefined();
    expect(i!.defaultBackend).toEqual({ service: { name: 'fallback', port: { name: 'http' } } });
    expect(i!.tls).toEqual([{ hosts: ['a.com'], secretName: 'tls' }]);
    expect(old!.ingressClassName).toBe('nginx');
  });

  it.each([
    ['"true"', true],
    ['"false"', false],
  ])('IngressClass is-default-class %s', (value, isDefault) => {
    const { manifests } = normalize(
      `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\n  annotations: {ingressclass.kubernetes.io/is-default-class: ${value}}\nspec: {controller: k8s.io/ingress-nginx}\n`,
    );
    expect(manifests.ingressClasses[0]).toMatchObject({ controller: 'k8s.io/ingress-nginx', isDefault });
    expect(manifests.ingressClasses[0]!.meta.namespace).toBe('');
  });

  it('reads Namespaces and Nodes (cluster-scoped)', () => {
    const { manifests } = normalize(`apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: a}}
---
apiVersion: v1
kind: Node
metadata: {name: n1}
spec: {podCIDR: 10.244.7.0/24}
status: {addresses: [{type: Hostname, address: n1}, {type: InternalIP, address: 10.0.0.7}]}
`);
    expect(manifests.namespaces[0]!.meta).toMatchObject({ name: 'shop', namespace: '', labels: { team: 'a' } });
    expect(manifests.nodes[0]).toMatchObject({ internalIP: '10.0.0.7', podCIDR: '10.244.7.0/24' });
  });

  it('reads the Scenario', () => {
    const { manifests, diagnostics } = normalize(`apiVersion: netplay.dev/v1
kind: Scenario
metadata: {name: s}
title: T
cni: flannel
nodes: 2
bareMetal: true
loadBalancerPool: 192.168.0.240/28
checks:
  - name: web
    from: internet
    to: http://a.com/
    expect: {verdict: allow, status: 200, backend: service/default/web, endpoints: [pod/default/web-0]}
`);
    expect(diagnostics).toEqual([]);
    expect(manifests.scenarios[0]).toMatchObject({ cni: 'flannel', nodes: 2, bareMetal: true, loadBalancerPool: '192.168.0.240/28', title: 'T' });
    expect(manifests.scenarios[0]!.checks[0]).toEqual({
      name: 'web',
      from: 'internet',
      to: 'http://a.com/',
      expect: { verdict: 'allow', status: 200, backend: 'service/default/web', endpoints: ['pod/default/web-0'] },
    });
  });

  it('reads the Scenario\'s deletedPods in order, each with its line; a bare name is in default', () => {
    const { manifests, diagnostics } = normalize(`apiVersion: netplay.dev/v1
kind: Scenario
metadata: {name: s}
deletedPods:
  - shop/api-0
  - web-1
  - a/b/c
`);
    const deleted = manifests.scenarios[0]!.deletedPods ?? [];
    expect(deleted.map((d) => [d.namespace, d.name, d.path, d.range?.startLine])).toEqual([
      ['shop', 'api-0', 'deletedPods[0]', 5],
      ['default', 'web-1', 'deletedPods[1]', 6],
    ]);
    expect(diagnostics.map((d) => [d.code, d.path, d.range?.startLine])).toEqual([['scenario.invalid', 'deletedPods[2]', 7]]);
  });
});

describe('normalizeManifests: what is not simulated, and wrong types', () => {
  it.each(['ConfigMap', 'Secret', 'ServiceAccount', 'Role', 'ClusterRole', 'Job', 'CronJob', 'ValidatingWebhookConfiguration'])(
    '%s is a quiet note, never an error',
    (kind) => {
      const { manifests, diagnostics } = normalize(`apiVersion: x/v1\nkind: ${kind}\nmetadata: {name: n}\n`);
      expect(manifests.notSimulated).toEqual([expect.objectContaining({ kind, name: 'n' })]);
      expect(diagnostics).toEqual([expect.objectContaining({ code: 'kind.not-simulated', severity: 'info', message: `${kind} is not simulated` })]);
    },
  );

  it('an unknown kind is a warning (cli.md), read past and listed as not simulated', () => {
    const { manifests, diagnostics } = normalize(`apiVersion: example.com/v1\nkind: MyCustomThing\nmetadata: {name: n}\n`);
    expect(manifests.notSimulated).toEqual([expect.objectContaining({ kind: 'MyCustomThing', name: 'n' })]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'kind.unknown', severity: 'warning' })]);
  });

  it('refuses a simulated kind in an unknown apiVersion', () => {
    const { manifests, diagnostics } = normalize('apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\n');
    expect(manifests.ingresses).toEqual([]);
    expect(diagnostics[0]!.code).toBe('kind.unknown-version');
    expect(diagnostics[0]!.message).toContain('no matches for kind "Ingress" in version "extensions/v1beta1"');
  });

  it.each([
    ['ports as a string', 'spec:\n  ports: "abc"\n', 'spec.ports', 5],
    ['a port as a string', 'spec:\n  ports: [{port: "abc"}]\n', 'spec.ports[0].port', 5],
    ['labels as a list', 'metadata:\n  name: s\n  labels: [a, b]\nspec: {}\n', 'metadata.labels', 5],
    ['a label value as a number', 'metadata:\n  name: s\n  labels: {version: 1}\nspec: {}\n', 'metadata.labels.version', 5],
  ])('%s is an error with path and range, the object is kept', (_label, body, path, line) => {
    const text = `apiVersion: v1\nkind: Service\n${body.startsWith('metadata') ? '' : 'metadata: {name: s}\n'}${body}`;
    const { manifests, diagnostics } = normalize(text);
    expect(manifests.services).toHaveLength(1);
    const d = diagnostics.find((x) => x.path === path)!;
    expect(d).toMatchObject({ code: 'field.type', severity: 'error', path });
    expect(d.message.startsWith(`${path}: invalid type`)).toBe(true);
    expect(d.range!.startLine).toBe(line);
  });

  it('skips an object without a name, with the API message', () => {
    const { manifests, diagnostics } = normalize('apiVersion: v1\nkind: Service\nmetadata: {}\n');
    expect(manifests.services).toEqual([]);
    expect(diagnostics[0]!.message).toBe('metadata.name: Required value: name or generateName is required');
  });
});
