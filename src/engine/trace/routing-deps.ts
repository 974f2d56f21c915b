/**
 * The routing and policy functions the trace uses, in one place. `suggestFix` is a stand-in
 * until policy/suggest.ts lands; then this file re-exports it too.
 */
import type { Cluster, ConnectionVerdict, PolicyPeer, Protocol, SuggestedFix } from '../types';

export { evaluateConnection } from '../policy/evaluate';
export { selectEndpoints, pickEndpoint, endpointsOfPort } from '../routing/services';
export { traceNetworkPath } from '../routing/cni';

export function suggestFix(
  _cluster: Cluster,
  _src: PolicyPeer,
  _dst: PolicyPeer,
  _port: number,
  _protocol: Protocol,
  _verdict: ConnectionVerdict,
): SuggestedFix | undefined {
  return undefined;
}
