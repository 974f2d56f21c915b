/**
 * Cluster settings and nodes.
 *
 * Precedence of settings (docs/cli.md: options "set the cluster when the manifests
 * don't"): the Scenario document > `SimulateOptions` (the CLI's `--cni`/`--nodes`, defaults for
 * manifests that do not say) > the built-in defaults (calico, 3 nodes). Node objects, when
 * given, define the nodes themselves (their count wins over every `nodes` setting).
 */
import type {
  ClusterNode,
  ClusterSettings,
  CniPlugin,
  Diagnostic,
  Labels,
  NodeObject,
  ScenarioObject,
  SimulateOptions,
} from '../types';
import { clusterRef } from '../refs';
import { clusterDiagnostic } from './diagnostics';
import { formatIPv4, parseIPv4, parseIPv4Range } from '../match/cidr';

export const CNI_PLUGINS: readonly CniPlugin[] = ['calico', 'cilium', 'weave', 'flannel'];
export const DEFAULT_NODE_COUNT = 3;
/** Enough for 192.168.0.11-.210 and one /24 each inside 10.244.0.0/16. */
export const MAX_NODE_COUNT = 200;
const NODE_IP_BASE = parseIPv4('192.168.0.11') ?? 0;
const POD_NETWORK_BASE = parseIPv4('10.244.0.0') ?? 0;

export function buildSettings(
  options: SimulateOptions,
  scenario: ScenarioObject | undefined,
  diagnostics: Diagnostic[],
): Omit<ClusterSettings, 'nodeCount'> & { readonly requestedNodes: number } {
  let cni: CniPlugin = 'calico';
  if (options.cni !== undefined) {
    if (CNI_PLUGINS.includes(options.cni)) cni = options.cni;
    else {
      diagnostics.push(
        clusterDiagnostic('cluster.options.invalid', 'error', `cni: unsupported value "${String(options.cni)}": expected one of ${CNI_PLUGINS.join(', ')}`),
      );
    }
  }
  // The Scenario document is part of the manifests: what it states wins over the options.
  if (scenario?.cni !== undefined && CNI_PLUGINS.includes(scenario.cni)) cni = scenario.cni;
  let requested = DEFAULT_NODE_COUNT;
  const fromScenario = scenario?.nodes !== undefined;
  const wanted = scenario?.nodes ?? options.nodes;
  if (wanted !== undefined) {
    if (Number.isInteger(wanted) && wanted >= 1 && wanted <= MAX_NODE_COUNT) requested = wanted;
    else {
      requested = Number.isFinite(wanted) ? Math.min(MAX_NODE_COUNT, Math.max(1, Math.floor(wanted))) : DEFAULT_NODE_COUNT;
      diagnostics.push(
        clusterDiagnostic(
          'cluster.nodes.range',
          'warning',
          `nodes: ${String(wanted)} is not a whole number from 1 to ${MAX_NODE_COUNT}; using ${requested}`,
          fromScenario && scenario !== undefined ? { meta: scenario.meta, path: 'nodes' } : undefined,
        ),
      );
    }
  }
  return {
    cni,
    requestedNodes: requested,
    bareMetal: scenario?.bareMetal ?? false,
    ...(scenario?.loadBalancerPool !== undefined ? { loadBalancerPool: scenario.loadBalancerPool } : {}),
    clusterDomain: 'cluster.local',
    podCIDR: '10.244.0.0/16',
    serviceCIDR: '10.96.0.0/12',
  };
}

/** The well-known labels every kubelet sets; labels the Node object gives win. */
export function nodeLabels(name: string, given: Labels = {}): Labels {
  return {
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    ...given,
  };
}

/** Hands out node IPs (192.168.0.11, .12, ...) and podCIDRs (10.244.N.0/24) not yet taken. */
export interface NodeAddressPool {
  nextIP(): string;
  nextPodCIDR(): string;
  takeIP(ip: string): void;
  takePodCIDR(cidr: string): void;
}

export function createNodeAddressPool(): NodeAddressPool {
  const takenIPs = new Set<number>();
  const takenBlocks: { first: number; last: number }[] = [];
  let ipCursor = NODE_IP_BASE;
  let blockCursor = 0;
  const overlaps = (first: number, last: number): boolean =>
    takenBlocks.some((b) => first <= b.last && b.first <= last);
  return {
    nextIP() {
      while (takenIPs.has(ipCursor)) ipCursor++;
      const ip = ipCursor;
      takenIPs.add(ip);
      return formatIPv4(ip);
    },
    nextPodCIDR() {
      for (;;) {
        const first = POD_NETWORK_BASE + blockCursor * 256;
        blockCursor++;
        if (!overlaps(first, first + 255)) {
          takenBlocks.push({ first, last: first + 255 });
          return `${formatIPv4(first)}/24`;
        }
      }
    },
    takeIP(ip) {
      const n = parseIPv4(ip);
      if (n !== undefined) takenIPs.add(n);
    },
    takePodCIDR(cidr) {
      const range = parseIPv4Range(cidr);
      if (range !== undefined) takenBlocks.push({ first: range.first, last: range.last });
    },
  };
}

/**
 * Node objects as given (their InternalIP and spec.podCIDR win; what is missing is assigned),
 * else `node-1 … node-N`.
 *
 * @example buildNodes([], 3, pool, [])[2] // { name: 'node-3', ip: '192.168.0.13', podCIDR: '10.244.2.0/24', ... }
 */
export function buildNodes(
  given: readonly NodeObject[],
  count: number,
  pool: NodeAddressPool,
  diagnostics: Diagnostic[],
): ClusterNode[] {
  if (given.length === 0) {
    const nodes: ClusterNode[] = [];
    for (let i = 1; i <= count; i++) {
      const name = `node-${i}`;
      nodes.push({ ref: clusterRef('node', name), name, ip: pool.nextIP(), podCIDR: pool.nextPodCIDR(), labels: nodeLabels(name), implicit: true });
    }
    return nodes;
  }
  const unique: NodeObject[] = [];
  const seen = new Set<string>();
  for (const node of given) {
    if (seen.has(node.meta.name)) {
      diagnostics.push(
        clusterDiagnostic('cluster.node.duplicate', 'warning', `Node "${node.meta.name}" is declared twice; the first one is used`, {
          meta: node.meta,
          ref: clusterRef('node', node.meta.name),
        }),
      );
      continue;
    }
    seen.add(node.meta.name);
    unique.push(node);
  }
  // Reserve every stated address first, so assigned ones never collide with a later Node.
  for (const node of unique) {
    if (node.internalIP !== undefined && parseIPv4(node.internalIP) !== undefined) pool.takeIP(node.internalIP);
    if (node.podCIDR !== undefined && parseIPv4Range(node.podCIDR) !== undefined) pool.takePodCIDR(node.podCIDR);
  }
  return unique.map((node) => {
    const ip = node.internalIP !== undefined && parseIPv4(node.internalIP) !== undefined ? node.internalIP : pool.nextIP();
    const podCIDR = node.podCIDR !== undefined && parseIPv4Range(node.podCIDR) !== undefined ? node.podCIDR : pool.nextPodCIDR();
    return { ref: clusterRef('node', node.meta.name), name: node.meta.name, ip, podCIDR, labels: nodeLabels(node.meta.name, node.meta.labels), implicit: false };
  });
}
