import { describe, expect, it } from 'vitest';
import { parseDestination, parseSource } from './query';

describe('parseSource', () => {
  it.each([
    ['pod/default/web-0', { kind: 'pod', namespace: 'default', name: 'web-0' }],
    ['deployment/default/frontend', { kind: 'workload', workloadKind: 'deployment', namespace: 'default', name: 'frontend' }],
    ['StatefulSet/db/mysql', { kind: 'workload', workloadKind: 'statefulset', namespace: 'db', name: 'mysql' }],
    ['daemonset/kube-system/agent', { kind: 'workload', workloadKind: 'daemonset', namespace: 'kube-system', name: 'agent' }],
    ['internet', { kind: 'internet' }],
    [' internet ', { kind: 'internet' }],
    ['ip/8.8.8.8', { kind: 'ip', ip: '8.8.8.8' }],
    ['node/node-2', { kind: 'node', name: 'node-2' }],
  ])('%s', (input, expected) => {
    expect(parseSource(input)).toEqual(expected);
  });

  it.each([
    ['pod/web', /expected pod\/NAMESPACE\/NAME/],
    ['pod/default/', /expected pod/],
    ['pod/Default/web', /namespace "Default"/],
    ['ip/300.1.1.1', /not an IPv4/],
    ['ip/1.2.3', /not an IPv4/],
    ['node/', /expected node\/NAME/],
    ['replicaset/default/x', /unknown source kind "replicaset"/],
    ['frontend', /is not a source/],
    ['', /is not a source/],
  ])('%s is an error', (input, message) => {
    const parsed = parseSource(input);
    expect(parsed.kind).toBe('error');
    expect('error' in parsed ? parsed.error : '').toMatch(message);
  });
});

describe('parseDestination', () => {
  it.each([
    ['pod/default/web-0:80', { kind: 'pod', namespace: 'default', name: 'web-0', port: 80, protocol: 'TCP' }],
    ['pod/default/web-0:http/udp', { kind: 'pod', namespace: 'default', name: 'web-0', port: 'http', protocol: 'UDP' }],
    ['pod/default/web-0:9000/Sctp', { kind: 'pod', namespace: 'default', name: 'web-0', port: 9000, protocol: 'SCTP' }],
    ['service/default/web:http', { kind: 'service', namespace: 'default', name: 'web', port: 'http', protocol: 'TCP' }],
    ['service/kube-system/kube-dns:53/UDP', { kind: 'service', namespace: 'kube-system', name: 'kube-dns', port: 53, protocol: 'UDP' }],
    ['nodeport/node-1:30080', { kind: 'nodeport', node: 'node-1', port: 30080, protocol: 'TCP' }],
    ['loadbalancer/ingress-nginx/ingress-nginx-controller:443', { kind: 'loadbalancer', namespace: 'ingress-nginx', name: 'ingress-nginx-controller', port: 443, protocol: 'TCP' }],
    ['http://example.com/api', { kind: 'http', scheme: 'http', host: 'example.com', port: 80, path: '/api' }],
    ['https://Example.COM', { kind: 'http', scheme: 'https', host: 'example.com', port: 443, path: '/' }],
    ['http://example.com:8080/a/b?x=1#f', { kind: 'http', scheme: 'http', host: 'example.com', port: 8080, path: '/a/b' }],
    ['HTTPS://bar.foo.com/', { kind: 'http', scheme: 'https', host: 'bar.foo.com', port: 443, path: '/' }],
    ['dns/database:3306', { kind: 'dns', name: 'database', port: 3306, protocol: 'TCP' }],
    ['dns/my-svc.ns.svc.cluster.local.:80', { kind: 'dns', name: 'my-svc.ns.svc.cluster.local', port: 80, protocol: 'TCP' }],
    ['ip/1.1.1.1:443', { kind: 'ip', ip: '1.1.1.1', port: 443, protocol: 'TCP' }],
    ['ip/1.1.1.1:53/udp', { kind: 'ip', ip: '1.1.1.1', port: 53, protocol: 'UDP' }],
  ])('%s', (input, expected) => {
    expect(parseDestination(input)).toEqual(expected);
  });

  it.each([
    ['pod/default/web', /port is required/],
    ['pod/default/web:', /port is missing/],
    ['pod/default/web:0', /not in 1-65535/],
    ['pod/default/web:70000', /not in 1-65535/],
    ['pod/default/web:80/icmp', /protocol "icmp"/],
    ['pod/default/web:HTTP', /neither a port number nor a port name/],
    ['pod/default/web:a-very-long-port-name', /neither a port number/],
    ['service/web:80', /expected service\/NAMESPACE\/NAME/],
    ['nodeport/node-1:http', /NodePort is a number/],
    ['ip/10.0.0:80', /not an IPv4/],
    ['ip/10.0.0.1:https', /number, not a name/],
    ['http:///api', /host is missing/],
    ['http://example.com:99999/', /port "99999"/],
    ['ftp/example.com:21', /unknown destination kind "ftp"/],
    ['example.com', /is not a destination/],
    ['dns/Bad_Name:80', /not a DNS name/],
  ])('%s is an error', (input, message) => {
    const parsed = parseDestination(input);
    expect(parsed.kind).toBe('error');
    expect('error' in parsed ? parsed.error : '').toMatch(message);
  });
});
