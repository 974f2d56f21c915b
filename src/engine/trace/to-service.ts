/** `service/NS/NAME:PORT`: a ClusterIP through kube-proxy, or a headless Service's pod addresses. */
import type { ClusterPod, ClusterService, ClusterServicePort, Hop, PacketHeader, Protocol } from '../types';
import { objectRef } from '../refs';
import type { PortSpec } from './query';
import { headlessTargets } from '../routing/dns';
import { deliver, forwardToEndpoint } from './forward';
import { endpointsOfPort, evaluateConnection, selectEndpoints } from './routing-deps';
import { deny, describePorts, findPod, findService, findServicePort, hostPort, podName, readyEndpoints, type Client, type Delivered, type Outcome, type State } from './state';

export function toService(
  st: State,
  client: Client,
  namespace: string,
  name: string,
  portSpec: PortSpec,
  protocol: Protocol,
  finalHop?: (pod: ClusterPod, header: PacketHeader) => Hop,
  delivered?: Delivered,
): Outcome {
  const ref = objectRef('service', namespace, name);
  const service = findService(st.cluster, ref);
  if (service === undefined) return { ...deny, error: `Service ${namespace}/${name} does not exist` };
  const found = findServicePort(service, portSpec, protocol);
  if (found.error !== undefined) return { ...deny, error: found.error };
  const sent: PacketHeader = { srcIP: client.ip, dstIP: service.clusterIP ?? '<none>', dstPort: typeof portSpec === 'number' ? portSpec : (found.port?.port ?? 0), protocol };
  const drop = (reason: string, header: PacketHeader = sent): Outcome => {
    st.hops.push({ kind: 'service', ref, verdict: 'drop', reason, at: ref, before: header });
    return deny;
  };
  if (client.kind === 'external') {
    return drop(
      `a ClusterIP${service.clusterIP !== undefined ? ` (${service.clusterIP})` : ''} is only reachable inside the cluster: from outside use ${service.type === 'LoadBalancer' ? `loadbalancer/${namespace}/${name}` : service.type === 'NodePort' ? `nodeport/NODE:PORT` : 'a NodePort or LoadBalancer Service, or an Ingress'}`,
    );
  }
  if (service.type === 'ExternalName') {
    return drop(`ExternalName Service: no ClusterIP and no proxying; DNS answers with a CNAME to ${service.externalName ?? '(none)'} (use dns/${name}.${namespace}:PORT)`);
  }
  if (service.headless || service.clusterIP === undefined) return toHeadless(st, client, service, portSpec, protocol, found.port);
  const sp = found.port;
  const portNumber = typeof portSpec === 'number' ? portSpec : 0;
  if (sp === undefined) {
    return drop(
      `Service ${namespace}/${name} defines no port ${portNumber}/${protocol} (ports: ${describePorts(service)}): nothing listens on ${hostPort(service.clusterIP, portNumber)}, the connection is refused`,
      { srcIP: client.ip, dstIP: service.clusterIP, dstPort: portNumber, protocol },
    );
  }
  const header0: PacketHeader = { srcIP: client.ip, dstIP: service.clusterIP, dstPort: sp.port, protocol: sp.protocol };
  const ready = readyEndpoints(service, sp);
  const selected = selectEndpoints(st.cluster, service, sp, { ...(client.nodeName !== undefined ? { clientNode: client.nodeName } : {}), external: false });
  const excluded = ready.filter((e) => !selected.endpoints.includes(e)).flatMap((e) => (e.podRef !== undefined ? [podName(e.podRef)] : []));
  st.hops.push({
    kind: 'service',
    ref,
    verdict: 'pass',
    reason: `ClusterIP ${hostPort(service.clusterIP, sp.port)} → targetPort ${sp.targetPort}; ${ready.length} ready endpoint${ready.length === 1 ? '' : 's'}`,
    at: ref,
    before: header0,
  });
  const nodeAt = client.nodeName !== undefined ? `node/${client.nodeName}` : ref;
  if (selected.endpoints.length === 0) {
    st.hops.push({
      kind: 'kube-proxy',
      ref,
      verdict: 'drop',
      reason: `kube-proxy: ${selected.reason}`,
      at: nodeAt,
      before: header0,
    });
    return { verdict: 'deny', blocked: excluded };
  }
  const clusterIP = service.clusterIP;
  const forwarded = forwardToEndpoint(st, {
    srcPeer: client.peer,
    ...(client.nodeName !== undefined ? { fromNode: { nodeName: client.nodeName, ip: client.ip } } : {}),
    endpoints: selected.endpoints,
    clientIP: client.ip,
    sessionAffinity: service.sessionAffinity,
    balancer: 'kube-proxy',
    viaService: true,
    choiceHop: (picked, note) => {
      const header1: PacketHeader = { ...header0, dstIP: picked.ip, dstPort: picked.port, protocol: picked.protocol };
      const hop: Hop = {
        kind: 'kube-proxy',
        ref,
        verdict: 'pass',
        reason: `kube-proxy: DNAT ${hostPort(clusterIP, sp.port)} → ${hostPort(picked.ip, picked.port)} (${picked.podRef !== undefined ? podName(picked.podRef) : picked.ip}, one of ${selected.endpoints.length}${service.sessionAffinity === 'ClientIP' ? '; sessionAffinity: ClientIP keeps this client on it' : ''}${service.internalTrafficPolicy === 'Local' ? '; internalTrafficPolicy: Local' : ''})${note !== undefined ? `; ${note}` : ''}`,
        at: nodeAt,
        before: header0,
        after: header1,
      };
      return { hop, header: header1 };
    },
    ...(finalHop !== undefined ? { finalHop } : {}),
  });
  if (delivered !== undefined && forwarded.pod !== undefined) {
    delivered.pod = forwarded.pod;
    delivered.accepted = forwarded.delivered;
  }
  const { accepted, blocked } = forwarded;
  return { verdict: accepted.length > 0 ? 'allow' : 'deny', endpoints: accepted, blocked: [...blocked, ...excluded] };
}

/**
 * `service/NS/NAME:PORT` on a headless Service (clusterIP: None): there is no virtual IP, so the
 * client connects straight to one of the addresses DNS gives it, the Service's ready pods (all of
 * them with `publishNotReadyAddresses`), as `curl NAME.NS:PORT` in a pod does. No kube-proxy: a
 * port number is used as is (no targetPort translation); a port name is looked up as an SRV
 * record, which carries each endpoint's own port.
 */
export function toHeadless(st: State, client: Client, service: ClusterService, portSpec: PortSpec, protocol: Protocol, servicePort: ClusterServicePort | undefined): Outcome {
  const addresses = headlessTargets(service).filter((t) => t.podRef !== undefined);
  const numbered = typeof portSpec === 'number';
  const sp = servicePort;
  const endpointPort = (podRef: string): number | undefined =>
    numbered ? portSpec : sp === undefined ? undefined : endpointsOfPort(service, sp).find((e) => e.podRef === podRef)?.port;
  const which = service.publishNotReadyAddresses ? 'every endpoint pod (publishNotReadyAddresses)' : 'its ready pods';
  const translation =
    numbered && sp !== undefined && typeof sp.targetPort === 'number' && sp.targetPort !== portSpec
      ? `; no kube-proxy, so port ${portSpec} is used as is (targetPort ${sp.targetPort} applies only to EndpointSlices and SRV records)`
      : '';
  const portText = numbered ? String(portSpec) : `${portSpec} (SRV: each endpoint's port)`;
  if (addresses.length === 0) {
    st.hops.push({ kind: 'service', ref: service.ref, verdict: 'drop', reason: `headless Service (clusterIP: None): no virtual IP, and DNS has no A record: no ${service.publishNotReadyAddresses ? '' : 'ready '}endpoint pod; the name does not resolve`, at: service.ref });
    return deny;
  }
  st.hops.push({
    kind: 'service',
    ref: service.ref,
    verdict: 'pass',
    reason: `headless Service (clusterIP: None): no virtual IP; DNS answers ${service.name}.${service.namespace} with the IPs of ${which} (${addresses.length}), and the client connects straight to one on ${portText}${translation}`,
    at: service.ref,
  });
  const targets = addresses.map((t) => ({ ref: t.podRef!, pod: findPod(st.cluster, t.podRef!), port: endpointPort(t.podRef!) }));
  return connectToAddresses(st, client, targets, protocol, `no pod behind headless Service ${service.namespace}/${service.name} has port ${String(portSpec)}/${protocol}`);
}


/**
 * A client that got several pod addresses (a headless Service's A records) connects straight
 * to one of them: no virtual IP, no kube-proxy. The resolver gets every address; the client
 * takes one (the seed says which; without a seed, the trace follows one that accepts).
 * Targets without a pod or a port are skipped; none left: `noPortError`.
 */
export function connectToAddresses(
  st: State,
  client: Client,
  targets: readonly { ref: string; pod: ClusterPod | undefined; port: number | undefined }[],
  protocol: Protocol,
  noPortError: string,
): Outcome {
  const accepted: string[] = [];
  const blocked: string[] = [];
  const seedChoice = targets[Math.abs(Math.trunc(st.seed)) % targets.length]?.ref;
  const candidates: { ref: string; pod: ClusterPod; port: number; allowed: boolean }[] = [];
  for (const { ref, pod, port } of targets) {
    if (pod === undefined || port === undefined) continue;
    const v = evaluateConnection(st.cluster, client.peer, { kind: 'pod', podRef: ref }, port, protocol);
    (v.allowed ? accepted : blocked).push(podName(ref));
    candidates.push({ ref, pod, port, allowed: v.allowed });
  }
  const seeded = candidates.find((c) => c.ref === seedChoice) ?? candidates[0];
  // With a seed the client uses that A record; without one, follow an address that accepts.
  const chosen = st.seeded || seeded?.allowed === true ? seeded : (candidates.find((c) => c.allowed) ?? seeded);
  if (!st.seeded && chosen !== seeded) {
    st.notes.push(`the client may use any of ${candidates.length} A records; following one that accepts (${blocked.length} would drop the connection)`);
  }
  if (chosen === undefined) return { ...deny, error: noPortError };
  const header: PacketHeader = { srcIP: client.ip, dstIP: chosen.pod.ip!, dstPort: chosen.port, protocol };
  deliver(st, client.peer, { nodeName: client.nodeName!, ip: client.ip }, chosen.pod, chosen.port, protocol, header, false);
  return { verdict: accepted.length > 0 ? 'allow' : 'deny', endpoints: accepted, blocked };
}

/** Whether egress rule `rule` of policy `NS/NAME` admits any destination address (its ports aside). */
