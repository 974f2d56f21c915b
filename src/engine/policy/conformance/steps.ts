/**
 * The vocabulary of the ported network-policy-api conformance suite: a test is a list of
 * subtests, each a list of steps run in order on one cluster. A step either pokes a server
 * (`agnhost connect` from a client pod to a server pod's IP, expected to connect or not) or
 * mutates the applied manifests the way the upstream Go test patches the API objects. As
 * upstream, mutations stay in force for the rest of the test (later subtests see them).
 *
 * Pods and namespaces are written without the `network-policy-conformance-` prefix.
 */
import type { Protocol } from '../../types';

export type Direction = 'ingress' | 'egress';

export type ConformanceStep =
  /** `from` connects (or not) to `to`'s pod IP on `port`/`protocol`. */
  | {
      readonly op: 'poke';
      readonly from: string;
      readonly to: string;
      readonly protocol: Protocol;
      readonly port: number;
      readonly connect: boolean;
    }
  /** Swap rules `a` and `b` of a cluster policy's ingress or egress list. */
  | {
      readonly op: 'swapRules';
      readonly policy: string;
      readonly direction: Direction;
      readonly a: number;
      readonly b: number;
    }
  /** Replace a rule's ports with one named port (`destinationNamedPort` / `namedPort`). */
  | {
      readonly op: 'setNamedPort';
      readonly policy: string;
      readonly direction: Direction;
      readonly rule: number;
      readonly portName: string;
    }
  /** Set a rule's `action` (in the API's words of the policy's version). */
  | {
      readonly op: 'setAction';
      readonly policy: string;
      readonly direction: Direction;
      readonly rule: number;
      readonly action: string;
    }
  | { readonly op: 'setPriority'; readonly policy: string; readonly priority: number }
  /** Replace a namespace's labels (the API server keeps `kubernetes.io/metadata.name`). */
  | {
      readonly op: 'setNamespaceLabels';
      readonly namespace: string;
      readonly labels: Readonly<Record<string, string>>;
    }
  /** Put a new first egress rule whose peer is `networks` with the /32 of each listed pod's IP. */
  | {
      readonly op: 'prependNetworksRule';
      readonly policy: string;
      readonly name: string;
      readonly action: string;
      readonly pods: readonly string[];
    }
  | { readonly op: 'deleteNetworkPolicy'; readonly namespace: string; readonly name: string };

export interface ConformanceSubtest {
  /** The upstream `t.Run` name. */
  readonly name: string;
  readonly steps: readonly ConformanceStep[];
}

export interface ConformanceTest {
  /** The upstream `ShortName`. */
  readonly name: string;
  /** The upstream Go file the expectations come from. */
  readonly source: string;
  /** Fixture files (under the version's folder) applied on top of the base manifests. */
  readonly manifests: readonly string[];
  readonly subtests: readonly ConformanceSubtest[];
}

export const poke = (
  from: string,
  to: string,
  protocol: Protocol,
  port: number,
  connect: boolean,
): ConformanceStep => ({ op: 'poke', from, to, protocol, port, connect });
export const swapRules = (
  policy: string,
  direction: Direction,
  a: number,
  b: number,
): ConformanceStep => ({ op: 'swapRules', policy, direction, a, b });
export const setNamedPort = (
  policy: string,
  direction: Direction,
  rule: number,
  portName: string,
): ConformanceStep => ({ op: 'setNamedPort', policy, direction, rule, portName });
export const setAction = (
  policy: string,
  direction: Direction,
  rule: number,
  action: string,
): ConformanceStep => ({ op: 'setAction', policy, direction, rule, action });
export const setPriority = (policy: string, priority: number): ConformanceStep => ({
  op: 'setPriority',
  policy,
  priority,
});
export const setNamespaceLabels = (
  namespace: string,
  labels: Record<string, string>,
): ConformanceStep => ({ op: 'setNamespaceLabels', namespace, labels });
export const prependNetworksRule = (
  policy: string,
  name: string,
  action: string,
  pods: string[],
): ConformanceStep => ({ op: 'prependNetworksRule', policy, name, action, pods });
export const deleteNetworkPolicy = (namespace: string, name: string): ConformanceStep => ({
  op: 'deleteNetworkPolicy',
  namespace,
  name,
});
