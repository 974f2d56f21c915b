/** The source of a query (`--from`): a pod, a node, or a client outside the cluster. */
import type { Cluster } from '../types';
import { objectRef } from '../refs';
import type { SourceEndpoint } from './query';
import { findNode, findPod, INTERNET_CLIENT_IP, type Client } from './state';

// Source

export function resolveClient(cluster: Cluster, src: Exclude<SourceEndpoint, { kind: 'error' }>): Client | { error: string } {
  switch (src.kind) {
    case 'internet':
      return { kind: 'external', ref: 'internet', at: 'internet', ip: INTERNET_CLIENT_IP, peer: { kind: 'external', ip: INTERNET_CLIENT_IP }, label: `a client on the internet (${INTERNET_CLIENT_IP})` };
    case 'ip':
      return { kind: 'external', ref: `ip/${src.ip}`, at: 'internet', ip: src.ip, peer: { kind: 'external', ip: src.ip }, label: `a client at ${src.ip}` };
    case 'node': {
      const node = findNode(cluster, src.name);
      if (node === undefined) return { error: `node ${src.name} does not exist (nodes: ${cluster.nodes.map((n) => n.name).join(', ')})` };
      return { kind: 'node', ref: node.ref, at: node.ref, ip: node.ip, nodeName: node.name, peer: { kind: 'node', nodeName: node.name, ip: node.ip }, label: `node ${node.name} (${node.ip})` };
    }
    case 'pod':
    case 'workload': {
      const name = src.kind === 'pod' ? src.name : `${src.name}-0`;
      const ref = objectRef('pod', src.namespace, name);
      const pod = findPod(cluster, ref);
      if (pod === undefined) {
        return {
          error:
            src.kind === 'pod'
              ? `pod ${src.namespace}/${src.name} does not exist`
              : `${src.workloadKind} ${src.namespace}/${src.name} has no pod ${name} (no such workload, or no replica)`,
        };
      }
      return {
        kind: 'pod',
        ref,
        at: ref,
        ip: pod.ip ?? '',
        ...(pod.nodeName !== undefined ? { nodeName: pod.nodeName } : {}),
        peer: { kind: 'pod', podRef: ref },
        pod,
        label: `${pod.namespace}/${pod.name}`,
      };
    }
  }
}

