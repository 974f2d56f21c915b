/** `pod/NS/NAME:PORT`: straight to a pod IP. */
import type { PacketHeader, Protocol } from '../types';
import { objectRef } from '../refs';
import type { PortSpec } from './query';
import { deliver } from './forward';
import { deny, findPod, podName, type Client, type Outcome, type State } from './state';

export function toPod(st: State, client: Client, namespace: string, name: string, portSpec: PortSpec, protocol: Protocol): Outcome {
  const ref = objectRef('pod', namespace, name);
  const pod = findPod(st.cluster, ref);
  if (pod === undefined) return { ...deny, error: `pod ${namespace}/${name} does not exist` };
  let port: number;
  if (typeof portSpec === 'string') {
    const cp = pod.containerPorts.find((c) => c.name === portSpec && c.protocol === protocol);
    if (cp === undefined) return { ...deny, error: `pod ${namespace}/${name} declares no ${protocol} port named "${portSpec}"` };
    port = cp.containerPort;
  } else port = portSpec;
  const header: PacketHeader = { srcIP: client.ip, dstIP: pod.ip ?? '?', dstPort: port, protocol };
  const fromNode = client.kind === 'external' || client.nodeName === undefined ? undefined : { nodeName: client.nodeName, ip: client.ip };
  const ok = deliver(st, client.peer, fromNode, pod, port, protocol, header, false);
  return ok ? { verdict: 'allow', endpoints: [podName(ref)] } : { verdict: 'deny', blocked: [podName(ref)] };
}
