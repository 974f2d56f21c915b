import { describe, expect, it } from 'vitest';
import type { Cluster, CniPlugin } from '../types';
import { buildCluster } from '../cluster/build-cluster';
import { parseManifests } from './parse';
import { normalizeManifests } from './normalize';
import { validateManifests } from './validate';

function validate(text: string, cni: CniPlugin = 'calico') {
  const parsed = parseManifests([{ name: 'v.yaml', text }]);
  expect(parsed.diagnostics).toEqual([]);
  const { manifests } = normalizeManifests(parsed.documents);
  const { cluster } = buildCluster(manifests, { cni });
  return validateManifests(parsed.documents, manifests, cluster);
}

const svc = (spec: string, name = 'web') => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n${spec}`;
const policy = (spec: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n${spec}`;
const ingress = (paths: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  rules:\n    - host: a.com\n      http:\n        paths:\n${paths}`;
const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p0, labels: {app: web}}\nspec: {containers: [{name: c, ports: [{containerPort: 8080, name: http}]}]}\n---\n`;

const SUBDOMAIN_DETAIL =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_DETAIL =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const LABEL_DETAIL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe('validateManifests: the API server, in its words', () => {
  it.each([
    [
      'nodePort out of range',
      pod + svc('  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080, nodePort: 80}]\n'),
      'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
    [
      'nodePort already allocated',
      pod +
        svc('  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]\n') +
        '\n---\n' +
        svc('  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]\n', 'web2'),
      'spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    ],
    ['nodePort on a ClusterIP', svc('  ports: [{port: 80, nodePort: 30080}]\n'), "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    ['second port without a name', svc('  ports: [{name: a, port: 80}, {port: 81}]\n'), 'spec.ports[1].name: Required value'],
    ['port 0', svc('  ports: [{port: 0}]\n'), 'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'],
    ['port 70000', svc('  ports: [{port: 70000}]\n'), 'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ['targetPort 65536', svc('  ports: [{port: 80, targetPort: 65536}]\n'), 'spec.ports[0].targetPort: Invalid value: 65536: must be between 1 and 65535, inclusive'],
    [
      'protocol HTTP on a Service',
      svc('  ports: [{port: 80, protocol: HTTP}]\n'),
      'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ],
    ['Service name', svc('  ports: [{port: 80}]\n', 'Web_App'), `metadata.name: Invalid value: "Web_App": ${DNS1035_DETAIL}`],
    ['Service name starting with a digit', svc('  ports: [{port: 80}]\n', '1web'), `metadata.name: Invalid value: "1web": ${DNS1035_DETAIL}`],
    ['Deployment name', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: Web_App}\nspec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}}}\n', `metadata.name: Invalid value: "Web_App": ${SUBDOMAIN_DETAIL}`],
    ['Namespace name', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a.b}\n', `metadata.name: Invalid value: "a.b": ${LABEL_DETAIL}`],
    ['namespace of an object', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: Shop}\nspec: {}\n', `metadata.namespace: Invalid value: "Shop": ${LABEL_DETAIL}`],
    ['Service type', svc('  type: Internal\n  ports: [{port: 80}]\n'), 'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ['ExternalName without a name', svc('  type: ExternalName\n'), 'spec.externalName: Required value'],
    ['no ports', svc('  selector: {app: web}\n'), 'spec.ports: Required value'],
    [
      'ipBlock cidr',
      policy('  ingress: [{from: [{ipBlock: {cidr: 10.0.0/8}}]}]\n'),
      'spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0/8": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ],
    [
      'ipBlock except outside cidr',
      policy('  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}}]}]\n'),
      'spec.egress[0].to[0].ipBlock.except[0]: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`',
    ],
    [
      'ipBlock except as wide as cidr',
      policy('  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.0.0.0/16]}}]}]\n'),
      'spec.egress[0].to[0].ipBlock.except[0]: Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`',
    ],
    ['endPort below port', policy('  ingress: [{ports: [{port: 9000, endPort: 8000}]}]\n'), 'spec.ingress[0].ports[0].endPort: Invalid value: 8000: must be greater than or equal to `port`'],
    ['endPort with a named port', policy('  ingress: [{ports: [{port: http, endPort: 8000}]}]\n'), 'spec.ingress[0].ports[0].endPort: Invalid value: 8000: may not be specified when `port` is non-numeric'],
    ['endPort without port', policy('  ingress: [{ports: [{endPort: 8000}]}]\n'), 'spec.ingress[0].ports[0].endPort: Invalid value: 8000: may not be specified when `port` is not specified'],
    [
      'policy port protocol',
      policy('  ingress: [{ports: [{port: 80, protocol: HTTP}]}]\n'),
      'spec.ingress[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "TCP", "UDP", "SCTP"',
    ],
    ['an empty peer', policy('  ingress: [{from: [{}]}]\n'), 'spec.ingress[0].from[0]: Required value: must specify a peer'],
    [
      'ipBlock with a selector',
      policy('  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]\n'),
      'spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer',
    ],
    ['policyTypes value', policy('  policyTypes: [Ingres]\n'), 'spec.policyTypes[0]: Unsupported value: "Ingres": supported values: "Ingress", "Egress"'],
    [
      'pathType value',
      ingress('          - {path: /, pathType: Regex, backend: {service: {name: web, port: {number: 80}}}}\n'),
      'spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
    ],
    [
      'pathType missing',
      ingress('          - {path: /, backend: {service: {name: web, port: {number: 80}}}}\n'),
      'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    ],
    [
      'a Prefix path not starting with /',
      ingress('          - {path: api, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}\n'),
      'spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path',
    ],
    [
      'an Exact path with //',
      ingress('          - {path: /a//b, pathType: Exact, backend: {service: {name: web, port: {number: 80}}}}\n'),
      'spec.rules[0].http.paths[0].path: Invalid value: "/a//b": must not contain \'//\'',
    ],
    [
      'both port name and number',
      ingress('          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80, name: http}}}}\n'),
      'spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both port name & port number',
    ],
    [
      'an Ingress with neither rules nor defaultBackend',
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec: {}\n',
      'spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified',
    ],
    [
      'selector not matching the template',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: a}}\n  template: {metadata: {labels: {app: b, tier: x}}}\n',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"b", "tier":"x"}: `selector` does not match template `labels`',
    ],
    ['selector operator', policy('  ingress: [{from: [{podSelector: {matchExpressions: [{key: a, operator: Equals}]}}]}]\n'), 'spec.ingress[0].from[0].podSelector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator'],
    ['containerPort range', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, ports: [{containerPort: 70000}]}]}\n', 'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
  ])('%s', (_label, text, message) => {
    const diagnostics = validate(text);
    const found = diagnostics.find((d) => d.message === message);
    expect(found, diagnostics.map((d) => d.message).join('\n')).toBeDefined();
    expect(found!.severity).toBe('error');
    expect(found!.range?.file).toBe('v.yaml');
  });

  it('points at the field: the nodePort value on its line and column', () => {
    const d = validate(svc('  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 80\n')).find((x) => x.code === 'service.nodeport.range')!;
    expect(d.path).toBe('spec.ports[0].nodePort');
    expect(d.ref).toBe('service/default/web');
    expect(d.range).toMatchObject({ startLine: 8, startColumn: 17, endLine: 8, endColumn: 19 });
  });

  it('warns when a CIDR has host bits set', () => {
    const d = validate(policy('  ingress: [{from: [{ipBlock: {cidr: 10.0.0.1/8}}]}]\n')).find((x) => x.code === 'networkpolicy.ipblock.ambiguous')!;
    expect(d.severity).toBe('warning');
    expect(d.message).toBe('spec.ingress[0].from[0].ipBlock.cidr: CIDR value "10.0.0.1/8" is ambiguous in this context (should be "10.0.0.0/8" or "10.0.0.1/32"?)');
  });

  it('accepts valid objects without a word', () => {
    const text = `${pod}${svc('  type: NodePort\n  selector: {app: web}\n  ports: [{name: a, port: 80, targetPort: http, nodePort: 30080}, {name: b, port: 81, targetPort: 8080}]\n')}
---
${policy('  podSelector: {matchLabels: {app: web}}\n  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}], ports: [{port: 8000, endPort: 8080}]}]\n').replace('  podSelector: {}\n', '')}`;
    expect(validate(text)).toEqual([]);
  });
});

describe('validateManifests: objects that do not fit together (warnings)', () => {
  const warnings = (text: string, cni: CniPlugin = 'calico') => validate(text, cni).filter((d) => d.severity === 'warning');

  it.each([
    ['a selector that matches no pod', svc('  selector: {app: nothing}\n  ports: [{port: 80}]\n'), 'service.selector.no-match', 'spec.selector'],
    ['a named targetPort no pod has', pod + svc('  selector: {app: web}\n  ports: [{port: 80, targetPort: grpc}]\n'), 'service.targetport.unexposed', 'spec.ports[0].targetPort'],
    ['a numeric targetPort no pod declares', pod + svc('  selector: {app: web}\n  ports: [{port: 80}]\n'), 'service.targetport.unexposed', 'spec.ports[0]'],
    ['a policy selecting nothing', policy('').replace('{}', '{matchLabels: {app: ghost}}'), 'networkpolicy.selects-nothing', 'spec.podSelector'],
    ['a backend Service that does not exist', ingress('          - {path: /, pathType: Prefix, backend: {service: {name: ghost, port: {number: 80}}}}\n'), 'ingress.backend.service-missing', 'spec.rules[0].http.paths[0].backend.service.name'],
    [
      'a backend port the Service does not define',
      `${pod}${svc('  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n')}\n---\n${ingress('          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 8080}}}}\n')}`,
      'ingress.backend.port-missing',
      'spec.rules[0].http.paths[0].backend.service.port.number',
    ],
  ])('%s', (_label, text, code, path) => {
    const found = warnings(text).filter((d) => d.code === code);
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe(path);
    expect(found[0]!.range?.file).toBe('v.yaml');
  });

  it('says a policy is not enforced on flannel, and only there', () => {
    const text = pod + policy('');
    expect(warnings(text, 'flannel').map((d) => d.code)).toContain('networkpolicy.not-enforced');
    expect(warnings(text, 'calico').map((d) => d.code)).not.toContain('networkpolicy.not-enforced');
  });

  it('works from a small hand-made Cluster', () => {
    const parsed = parseManifests([{ name: 'h.yaml', text: svc('  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n') }]);
    const { manifests } = normalizeManifests(parsed.documents);
    const cluster = {
      settings: { cni: 'calico' },
      pods: [
        { ref: 'pod/default/a', name: 'a', namespace: 'default', labels: { app: 'web' }, containerPorts: [{ containerPort: 8080, protocol: 'TCP' }] },
        { ref: 'pod/other/b', name: 'b', namespace: 'other', labels: { app: 'web' }, containerPorts: [] },
      ],
      services: [],
    } as unknown as Cluster;
    expect(validateManifests(parsed.documents, manifests, cluster)).toEqual([]);
    const elsewhere = { ...cluster, pods: cluster.pods.slice(1) } as Cluster;
    expect(validateManifests(parsed.documents, manifests, elsewhere).map((d) => d.code)).toEqual(['service.selector.no-match']);
  });
});

describe('validateManifests: label keys and values, annotations (apimachinery util/validation)', () => {
  const NAME_PART =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  const VALUE =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  const ns = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n  labels:\n${labels}`;
  const errors = (text: string) => validate(text).filter((d) => d.severity === 'error');

  it.each([
    ['a key starting with a dash', '    -bad: x\n', [`metadata.labels: Invalid value: "-bad": ${NAME_PART}`]],
    ['a 64-character name part', `    ${'a'.repeat(64)}: x\n`, [`metadata.labels: Invalid value: "${'a'.repeat(64)}": name part must be no more than 63 characters`]],
    ['an empty prefix', '    /app: x\n', ['metadata.labels: Invalid value: "/app": prefix part must be non-empty']],
    ['an uppercase prefix', '    Example.com/app: x\n', [`metadata.labels: Invalid value: "Example.com/app": prefix part ${SUBDOMAIN_DETAIL}`]],
    ['a 254-character prefix', `    ${'a'.repeat(254)}/app: x\n`, [`metadata.labels: Invalid value: "${'a'.repeat(254)}/app": prefix part must be no more than 253 characters`]],
    ['two slashes', '    a/b/c: x\n', [`metadata.labels: Invalid value: "a/b/c": a qualified name ${NAME_PART.slice('name part '.length)} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`]],
    ['a value ending with a dash', '    app: "web-"\n', [`metadata.labels: Invalid value: "web-": ${VALUE}`]],
    ['a 64-character value', `    app: ${'v'.repeat(64)}\n`, [`metadata.labels: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`]],
  ])('%s', (_what, labels, expected) => {
    const found = errors(ns(labels));
    expect(found.map((d) => d.message)).toEqual(expected);
    expect(found.map((d) => d.range!.startLine)).toEqual(expected.map(() => 6));
  });

  it.each([['app: web'], ['example.com/app: ""'], ['app.kubernetes.io/name: My_App.v2'], [`${'a'.repeat(253)}/${'b'.repeat(63)}: ${'c'.repeat(63)}`]])('accepts %s', (label) => {
    expect(errors(ns(`    ${label}\n`))).toEqual([]);
  });

  it('checks selectors (matchLabels, expression keys and values) and template labels at their lines', () => {
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector:\n    matchLabels:\n      app: "-web"\n  template:\n    metadata:\n      labels:\n        app: "-web"\n    spec: {containers: [{name: c}]}\n---\n${policy('  ingress:\n  - from:\n    - podSelector:\n        matchExpressions:\n        - {key: "bad key", operator: In, values: ["ok", "not ok"]}\n')}`;
    const found = errors(text).map((d) => [d.path, d.range!.startLine, d.message.slice(0, d.message.indexOf(': ', d.message.indexOf('Invalid value: ') + 15))]);
    expect(found).toEqual([
      ['spec.template.metadata.labels', 11, 'spec.template.metadata.labels: Invalid value: "-web"'],
      ['spec.selector.matchLabels', 7, 'spec.selector.matchLabels: Invalid value: "-web"'],
      ['spec.ingress[0].from[0].podSelector.matchExpressions[0].key', 23, 'spec.ingress[0].from[0].podSelector.matchExpressions[0].key: Invalid value: "bad key"'],
      ['spec.ingress[0].from[0].podSelector.matchExpressions[0].values[1]', 23, 'spec.ingress[0].from[0].podSelector.matchExpressions[0].values[1]: Invalid value: "not ok"'],
    ]);
  });

  it('checks a Service selector as labels', () => {
    expect(errors(svc('  selector: {"app/": web}\n  ports: [{port: 80}]\n')).map((d) => d.message)).toEqual(['spec.selector: Invalid value: "app/": name part must be non-empty', `spec.selector: Invalid value: "app/": ${NAME_PART}`]);
  });

  it('limits annotations to 256 KiB (keys and values, in bytes), keys checked case-insensitively', () => {
    const big = (n: number) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n  annotations:\n    Example.com/Note: "${'é'.repeat(n)}"\n`;
    const keyBytes = 'Example.com/Note'.length;
    expect(errors(big((262144 - keyBytes) / 2))).toEqual([]);
    const over = errors(big((262144 - keyBytes) / 2 + 1));
    expect(over.map((d) => [d.message, d.range!.startLine])).toEqual([['metadata.annotations: Too long: may not be more than 262144 bytes', 5]]);
    expect(errors('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n  annotations: {"-x": y}\n').map((d) => d.message)).toEqual([`metadata.annotations: Invalid value: "-x": ${NAME_PART}`]);
  });
});
