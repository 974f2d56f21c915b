/**
 * NetworkPolicy ports: does a `NetworkPolicyPort` admit a port and protocol?
 *
 * Kubernetes rules (NetworkPolicy "ports", API reference NetworkPolicyPort):
 * 1. `protocol` defaults to TCP (normalization sets it); TCP, UDP and SCTP are distinct.
 * 2. No `port`: every port of that protocol.
 * 3. A numeric `port` with `endPort`: the inclusive range port..endPort; without: that port.
 * 4. A named `port` is resolved against the DESTINATION pod's container ports of that name and
 *    protocol, so one rule can mean different numbers on different pods; a destination that is
 *    not a pod (or lacks the name) never matches a named port.
 * 5. A rule with no `ports` admits every port and protocol.
 */
import type { ContainerPort, NetworkPolicyPort, Protocol } from '../types';

/**
 * The number a named port means on a pod, for a protocol; undefined when the pod has no such port.
 *
 * @example resolveNamedPort([{ name: 'http', containerPort: 8080, protocol: 'TCP' }], 'http', 'TCP') // 8080
 */
export function resolveNamedPort(
  containerPorts: readonly ContainerPort[],
  name: string,
  protocol: Protocol,
): number | undefined {
  return containerPorts.find((p) => p.name === name && p.protocol === protocol)?.containerPort;
}

/**
 * Whether one policy port admits `port`/`protocol` towards a destination.
 * `destinationPorts` are the destination pod's container ports (undefined for non-pods).
 *
 * @example portAdmits({ protocol: 'TCP', port: 32000, endPort: 32768 }, 32100, 'TCP', undefined) // true
 */
export function portAdmits(
  policyPort: NetworkPolicyPort,
  port: number,
  protocol: Protocol,
  destinationPorts: readonly ContainerPort[] | undefined,
): boolean {
  if (policyPort.protocol !== protocol) return false;
  if (policyPort.port === undefined) return true;
  if (typeof policyPort.port === 'string') {
    if (destinationPorts === undefined) return false;
    return resolveNamedPort(destinationPorts, policyPort.port, protocol) === port;
  }
  if (policyPort.endPort !== undefined) {
    return port >= policyPort.port && port <= policyPort.endPort;
  }
  return port === policyPort.port;
}

/**
 * Whether a rule's `ports` list admits `port`/`protocol`: an empty list admits everything,
 * otherwise any entry may admit.
 *
 * @example portsAdmit([], 5432, 'TCP', undefined) // true
 */
export function portsAdmit(
  ports: readonly NetworkPolicyPort[],
  port: number,
  protocol: Protocol,
  destinationPorts: readonly ContainerPort[] | undefined,
): boolean {
  return ports.length === 0 || ports.some((p) => portAdmits(p, port, protocol, destinationPorts));
}

/**
 * A policy port in words.
 *
 * @example formatPolicyPort({ protocol: 'TCP', port: 32000, endPort: 32768 }) // 'TCP 32000-32768'
 */
export function formatPolicyPort(p: NetworkPolicyPort): string {
  if (p.port === undefined) return `any ${p.protocol} port`;
  if (p.endPort !== undefined && typeof p.port === 'number') return `${p.protocol} ${p.port}-${p.endPort}`;
  return `${p.protocol} ${p.port}`;
}
