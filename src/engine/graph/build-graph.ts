import type { Cluster, GraphModel } from '../types';

// PLACEHOLDER owned by the cluster helper.
export function buildGraph(_cluster: Cluster): GraphModel {
  return { nodes: [], edges: [] };
}
