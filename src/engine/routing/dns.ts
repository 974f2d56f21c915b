/**
 * Cluster DNS as CoreDNS answers a pod (Kubernetes docs, concepts/services-networking/
 * dns-pod-service.md): the pod's resolv.conf has `search NS.svc.cluster.local
 * svc.cluster.local cluster.local` and `ndots:5`, so `svc`, `svc.ns`, `svc.ns.svc` and the
 * full name all find the Service.
 */
import type { Cluster, ClusterService } from '../types';
import { objectRef } from '../refs';

export type DnsRecordKind = 'service' | 'headless' | 'headless-pod' | 'pod' | 'external-name';

export interface DnsAnswer {
  /** The name as asked. */
  readonly name: string;
  readonly rcode: 'NOERROR' | 'NXDOMAIN';
  /** The fully qualified name that answered. */
  readonly fqdn?: string;
  readonly kind?: DnsRecordKind;
  /** `service/NS/NAME` of the Service the name belongs to. */
  readonly serviceRef?: string;
  /** For a per-pod name (`web-0.web.ns.svc.cluster.local`, `10-244-0-5.ns.pod.cluster.local`). */
  readonly podRef?: string;
  /** A records (sorted): the ClusterIP, or the pod IPs of a headless Service. */
  readonly addresses: readonly string[];
  /** Pods behind the addresses of a headless answer, in the order of `addresses`. */
  readonly podRefs: readonly string[];
  /** ExternalName: the CNAME target (resolved outside the cluster). */
  readonly cname?: string;
  /** The names tried, in order (search path expansion). */
  readonly tried: readonly string[];
  /** One sentence. */
  readonly reason: string;
}

function findService(cluster: Cluster, namespace: string, name: string): ClusterService | undefined {
  const idx = cluster.lookups.serviceByRef[objectRef('service', namespace, name)];
  return idx === undefined ? undefined : cluster.services[idx];
}

/**
 * The search list of a pod in `namespace`, then the name itself, following ndots:5. Without a
 * namespace (a node's process pointed at the cluster DNS), the list has no namespace entry:
 * `svc.ns` and the full name resolve, a bare Service name does not.
 */
export function toSearchCandidates(name: string, clientNamespace: string | undefined, domain: string): string[] {
  const search = [...(clientNamespace !== undefined ? [`${clientNamespace}.svc.${domain}`] : []), `svc.${domain}`, domain];
  const expanded = search.map((s) => `${name}.${s}`);
  const dots = name.split('.').length - 1;
  // ndots:5: a name with fewer than 5 dots tries the search list first.
  return dots >= 5 ? [name, ...expanded] : [...expanded, name];
}

/** Endpoint pods of a headless Service: ready ones (or all, with publishNotReadyAddresses), unique by IP. */
export function headlessTargets(service: ClusterService): { ip: string; podRef?: string }[] {
  const byIP = new Map<string, string | undefined>();
  for (const list of Object.values(service.endpoints)) {
    for (const e of list) {
      if (!e.ready && !service.publishNotReadyAddresses) continue;
      if (!byIP.has(e.ip)) byIP.set(e.ip, e.podRef);
    }
  }
  return [...byIP.entries()]
    .map(([ip, podRef]) => ({ ip, ...(podRef !== undefined ? { podRef } : {}) }))
    .sort((a, b) => compareIP(a.ip, b.ip));
}

function compareIP(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

type Found = Omit<DnsAnswer, 'name' | 'tried'>;

function lookupFqdn(cluster: Cluster, fqdn: string): Found | undefined {
  const domain = cluster.settings.clusterDomain;
  const suffix = `.${domain}`;
  if (!fqdn.endsWith(suffix)) return undefined;
  const labels = fqdn.slice(0, -suffix.length).split('.');
  // SERVICE.NS.svc
  if (labels.length === 3 && labels[2] === 'svc') {
    const [svcName, ns] = labels as [string, string];
    const svc = findService(cluster, ns, svcName);
    if (svc === undefined) return undefined;
    const base = { rcode: 'NOERROR' as const, fqdn, serviceRef: svc.ref };
    if (svc.type === 'ExternalName') {
      return {
        ...base,
        kind: 'external-name',
        addresses: [],
        podRefs: [],
        ...(svc.externalName !== undefined ? { cname: svc.externalName } : {}),
        reason: `${fqdn} is the ExternalName Service ${ns}/${svcName}: CNAME ${svc.externalName ?? '(none)'}, no proxying`,
      };
    }
    if (svc.headless || svc.clusterIP === undefined) {
      const targets = headlessTargets(svc);
      return {
        ...base,
        kind: 'headless',
        addresses: targets.map((t) => t.ip),
        podRefs: targets.flatMap((t) => (t.podRef !== undefined ? [t.podRef] : [])),
        reason:
          targets.length > 0
            ? `${fqdn} is the headless Service ${ns}/${svcName}: A records of its ${targets.length} ready pod(s)`
            : `${fqdn} is the headless Service ${ns}/${svcName} with no ready endpoint: no A record`,
      };
    }
    return {
      ...base,
      kind: 'service',
      addresses: [svc.clusterIP],
      podRefs: [],
      reason: `${fqdn} is Service ${ns}/${svcName}: A ${svc.clusterIP} (its ClusterIP)`,
    };
  }
  // HOSTNAME.SUBDOMAIN.NS.svc: a pod whose spec.subdomain names a headless Service that selects
  // it (dns-pod-service: "Pod's hostname and subdomain fields"); a StatefulSet sets hostname to
  // the pod name and subdomain to its spec.serviceName, so without serviceName there is no record.
  if (labels.length === 4 && labels[3] === 'svc') {
    const [hostname, svcName, ns] = labels as [string, string, string];
    const svc = findService(cluster, ns, svcName);
    if (svc === undefined || !(svc.headless || svc.clusterIP === undefined)) return undefined;
    for (const target of headlessTargets(svc)) {
      if (target.podRef === undefined) continue;
      const podIdx = cluster.lookups.podByRef[target.podRef];
      const pod = podIdx === undefined ? undefined : cluster.pods[podIdx];
      if (pod === undefined || pod.subdomain !== svcName || (pod.hostname ?? pod.name) !== hostname) continue;
      const what = pod.owner?.startsWith('statefulset/') === true ? `StatefulSet pod ${ns}/${pod.name} (serviceName ${svcName})` : `pod ${ns}/${pod.name} (hostname ${hostname}, subdomain ${svcName})`;
      return {
        rcode: 'NOERROR',
        fqdn,
        kind: 'headless-pod',
        serviceRef: svc.ref,
        podRef: pod.ref,
        addresses: [target.ip],
        podRefs: [pod.ref],
        reason: `${fqdn} is ${what} behind headless Service ${ns}/${svcName}: A ${target.ip}`,
      };
    }
    return undefined;
  }
  // A-B-C-D.NS.pod: the pod A record.
  if (labels.length === 3 && labels[2] === 'pod') {
    const [dashed, ns] = labels as [string, string];
    const ip = dashed.replace(/-/g, '.');
    const idx = cluster.lookups.podByIP[ip];
    const pod = idx === undefined ? undefined : cluster.pods[idx];
    if (pod === undefined || pod.namespace !== ns) return undefined;
    return {
      rcode: 'NOERROR',
      fqdn,
      kind: 'pod',
      podRef: pod.ref,
      addresses: [ip],
      podRefs: [pod.ref],
      reason: `${fqdn} is the A record of pod ${ns}/${pod.name}`,
    };
  }
  return undefined;
}

/** How many CNAMEs CoreDNS follows inside its own zone before it gives the answer up. */
const MAX_CNAME_CHAIN = 8;

/**
 * An ExternalName whose target is a name of the cluster's own zone (another Service's
 * `NAME.NS.svc.cluster.local`): CoreDNS's kubernetes plugin answers the CNAME and the target's
 * records together, so the client gets that Service's address and reaches it as if it had
 * called it (Kubernetes docs, Service type ExternalName). The target is an absolute name: a
 * short `web.other` is not expanded with a search path and leaves the cluster.
 */
function followInClusterCname(cluster: Cluster, found: Omit<DnsAnswer, 'name' | 'tried'>): Omit<DnsAnswer, 'name' | 'tried'> {
  let answer = found;
  const chain: string[] = [];
  for (let i = 0; i < MAX_CNAME_CHAIN && answer.kind === 'external-name' && answer.cname !== undefined; i++) {
    const target = answer.cname.trim().toLowerCase().replace(/\.$/, '');
    if (chain.includes(target)) break;
    const next = lookupFqdn(cluster, target);
    if (next === undefined) break;
    chain.push(target);
    answer = { ...next, cname: target, reason: `${answer.reason}; CoreDNS answers the CNAME from its own zone: ${next.reason}` };
  }
  return answer;
}

/**
 * Resolves a name as a pod in `clientNamespace` would (undefined: as a node whose resolver is
 * the cluster DNS, with no namespace in its search list).
 *
 * @example
 * resolveDnsName(cluster, 'database', 'default')
 * // { rcode: 'NOERROR', fqdn: 'database.default.svc.cluster.local', kind: 'service', addresses: ['10.96.0.12'], ... }
 * resolveDnsName(cluster, 'nope', 'default').rcode // 'NXDOMAIN'
 */
export function resolveDnsName(cluster: Cluster, name: string, clientNamespace: string | undefined): DnsAnswer {
  const asked = name.trim().toLowerCase();
  const absolute = asked.endsWith('.');
  const bare = absolute ? asked.slice(0, -1) : asked;
  const domain = cluster.settings.clusterDomain;
  const tried = absolute ? [bare] : toSearchCandidates(bare, clientNamespace, domain);
  for (const candidate of tried) {
    const found = lookupFqdn(cluster, candidate);
    if (found !== undefined) return { name, tried, ...followInClusterCname(cluster, found) };
  }
  const inCluster = tried.some((t) => t.endsWith(`.${domain}`));
  return {
    name,
    rcode: 'NXDOMAIN',
    addresses: [],
    podRefs: [],
    tried,
    reason: inCluster
      ? `NXDOMAIN: no Service, pod or headless record answers ${bare} (tried ${tried.join(', ')})`
      : `NXDOMAIN: ${bare} is not a cluster name`,
  };
}
