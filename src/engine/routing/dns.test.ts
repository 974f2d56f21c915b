import { describe, expect, it } from 'vitest';
import { makeTestCluster } from '../testing/cluster';
import { resolveDnsName, toSearchCandidates } from './dns';

const cluster = makeTestCluster({
  pods: [
    { namespace: 'shop', name: 'db-0', labels: { app: 'db' }, owner: 'statefulset/shop/db', subdomain: 'db', node: 'node-2', ports: [{ containerPort: 5432 }] },
    { namespace: 'shop', name: 'db-1', labels: { app: 'db' }, owner: 'statefulset/shop/db', subdomain: 'db', node: 'node-3', ports: [{ containerPort: 5432 }] },
    { namespace: 'shop', name: 'db-2', labels: { app: 'db' }, owner: 'statefulset/shop/db', subdomain: 'db', ready: false, ports: [{ containerPort: 5432 }] },
    // A StatefulSet whose serviceName is another Service: the headless Service db selects it, but gives it no name.
    { namespace: 'shop', name: 'cache-0', labels: { app: 'db' }, owner: 'statefulset/shop/cache', subdomain: 'cache', node: 'node-1', ports: [{ containerPort: 5432 }] },
    { namespace: 'shop', name: 'web-0', labels: { app: 'web' }, owner: 'deployment/shop/web', node: 'node-1' },
  ],
  services: [
    { namespace: 'shop', name: 'web', selector: { app: 'web' }, clusterIP: '10.96.5.5', ports: [{ port: 80 }] },
    { namespace: 'shop', name: 'db', headless: true, selector: { app: 'db' }, ports: [{ port: 5432 }] },
    { namespace: 'shop', name: 'web-headless', headless: true, selector: { app: 'web' }, ports: [{ port: 80 }] },
    { namespace: 'shop', name: 'ext', type: 'ExternalName', externalName: 'api.example.org' },
    { namespace: 'other', name: 'web', selector: { app: 'nothing' }, clusterIP: '10.96.6.6', ports: [{ port: 80 }] },
  ],
});
const ip = (ref: string) => cluster.pods[cluster.lookups.podByRef[ref]!]!.ip!;

describe('resolveDnsName', () => {
  it.each([
    ['web', 'shop', 'web.shop.svc.cluster.local', ['10.96.5.5']],
    ['web', 'other', 'web.other.svc.cluster.local', ['10.96.6.6']],
    ['web.shop', 'other', 'web.shop.svc.cluster.local', ['10.96.5.5']],
    ['web.shop.svc', 'other', 'web.shop.svc.cluster.local', ['10.96.5.5']],
    ['web.shop.svc.cluster.local', 'other', 'web.shop.svc.cluster.local', ['10.96.5.5']],
    ['web.shop.svc.cluster.local.', 'other', 'web.shop.svc.cluster.local', ['10.96.5.5']],
    ['kubernetes.default', 'shop', 'kubernetes.default.svc.cluster.local', ['10.96.0.1']],
    ['kube-dns.kube-system', 'shop', 'kube-dns.kube-system.svc.cluster.local', ['10.96.0.10']],
  ])('%s from namespace %s → %s', (name, ns, fqdn, addresses) => {
    const a = resolveDnsName(cluster, name, ns);
    expect({ rcode: a.rcode, fqdn: a.fqdn, addresses: a.addresses, kind: a.kind }).toEqual({
      rcode: 'NOERROR',
      fqdn,
      addresses,
      kind: 'service',
    });
  });

  it.each([
    ['web', 'default'],
    ['db.other', 'shop'],
    ['nothing', 'shop'],
    ['web.shop.svc.cluster.example', 'shop'],
    ['db-9.db.shop.svc.cluster.local', 'shop'],
    ['web-0.web-headless.shop.svc.cluster.local', 'shop'],
    // spec.serviceName decides: cache-0 is selected by the headless Service db, but its subdomain is cache.
    ['cache-0.db.shop.svc.cluster.local', 'shop'],
    ['google.com', 'shop'],
  ])('%s from %s → NXDOMAIN', (name, ns) => {
    const a = resolveDnsName(cluster, name, ns);
    expect([a.rcode, a.addresses]).toEqual(['NXDOMAIN', []]);
  });

  it('headless → the ready pod IPs (not-ready pods left out)', () => {
    const a = resolveDnsName(cluster, 'db', 'shop');
    expect(a.kind).toBe('headless');
    expect([...a.addresses].sort()).toEqual([ip('pod/shop/cache-0'), ip('pod/shop/db-0'), ip('pod/shop/db-1')].sort());
    expect([...a.podRefs].sort()).toEqual(['pod/shop/cache-0', 'pod/shop/db-0', 'pod/shop/db-1']);
  });

  it('StatefulSet pod of a headless Service has its own name', () => {
    const a = resolveDnsName(cluster, 'db-1.db', 'shop');
    expect(a).toMatchObject({ rcode: 'NOERROR', kind: 'headless-pod', podRef: 'pod/shop/db-1', addresses: [ip('pod/shop/db-1')] });
    expect(resolveDnsName(cluster, 'db-1.db.shop.svc.cluster.local', 'default').podRef).toBe('pod/shop/db-1');
  });

  it('ExternalName → CNAME, no address', () => {
    const a = resolveDnsName(cluster, 'ext', 'shop');
    expect(a).toMatchObject({ rcode: 'NOERROR', kind: 'external-name', cname: 'api.example.org', addresses: [] });
  });

  it('pod A records A-B-C-D.NS.pod', () => {
    const podIP = ip('pod/shop/web-0');
    const a = resolveDnsName(cluster, `${podIP.replace(/\./g, '-')}.shop.pod.cluster.local`, 'default');
    expect(a).toMatchObject({ rcode: 'NOERROR', kind: 'pod', podRef: 'pod/shop/web-0', addresses: [podIP] });
  });

  it('search path follows ndots:5', () => {
    expect(toSearchCandidates('web', 'shop', 'cluster.local')).toEqual([
      'web.shop.svc.cluster.local',
      'web.svc.cluster.local',
      'web.cluster.local',
      'web',
    ]);
    expect(toSearchCandidates('a.b.c.d.e.f', 'shop', 'cluster.local')[0]).toBe('a.b.c.d.e.f');
  });

  it('without a namespace (a node), a bare Service name does not resolve; svc.ns and the full name do', () => {
    expect(toSearchCandidates('web', undefined, 'cluster.local')).toEqual(['web.svc.cluster.local', 'web.cluster.local', 'web']);
    expect(resolveDnsName(cluster, 'web', undefined).rcode).toBe('NXDOMAIN');
    expect(resolveDnsName(cluster, 'web.shop', undefined)).toMatchObject({ rcode: 'NOERROR', addresses: ['10.96.5.5'] });
    expect(resolveDnsName(cluster, 'web.shop.svc.cluster.local', undefined)).toMatchObject({ rcode: 'NOERROR', addresses: ['10.96.5.5'] });
  });
});
