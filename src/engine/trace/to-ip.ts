/** `ip/A.B.C.D:PORT`: the cluster object that owns the address, or an address outside the cluster. */
import type { DestinationEndpoint } from './query';
import { toPod } from './to-pod';
import { toService } from './to-service';
import { toLoadBalancer } from './to-loadbalancer';
import { opensNodePort, toNodePort } from './to-nodeport';
import { toExternal } from './to-external';
import type { Client, Outcome, State } from './state';

export function toIp(st: State, client: Client, d: Extract<DestinationEndpoint, { kind: 'ip' }>): Outcome {
  const cluster = st.cluster;
  const podIdx = cluster.lookups.podByIP[d.ip];
  if (podIdx !== undefined) {
    const pod = cluster.pods[podIdx]!;
    st.notes.push(`${d.ip} is the IP of pod ${pod.namespace}/${pod.name}`);
    return toPod(st, client, pod.namespace, pod.name, d.port, d.protocol);
  }
  const svcIdx = cluster.lookups.serviceByClusterIP[d.ip];
  if (svcIdx !== undefined) {
    const svc = cluster.services[svcIdx]!;
    st.notes.push(`${d.ip} is the ClusterIP of Service ${svc.namespace}/${svc.name}`);
    return toService(st, client, svc.namespace, svc.name, d.port, d.protocol);
  }
  const lb = cluster.services.find((s) => s.type === 'LoadBalancer' && s.loadBalancerIPs.includes(d.ip));
  if (lb !== undefined) {
    st.notes.push(`${d.ip} is the external IP of LoadBalancer ${lb.namespace}/${lb.name}`);
    return toLoadBalancer(st, client, lb.namespace, lb.name, d.port, d.protocol);
  }
  const node = cluster.nodes.find((n) => n.ip === d.ip);
  if (node !== undefined && opensNodePort(cluster, d.port, d.protocol)) {
    // The tutorial's <NodeIP>:<NodePort>: kube-proxy on that node answers, whoever sends.
    st.notes.push(`${d.ip} is node ${node.name}, and ${d.port}/${d.protocol} is a NodePort`);
    return toNodePort(st, client, node.name, d.port, d.protocol);
  }
  return toExternal(st, client, d, node);
}
