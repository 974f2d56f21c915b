/**
 * The pod-to-pod reachability matrix, fast (performance.md B10), in named steps with plain data
 * between them (each in `./matrix/`):
 * 1. classes (`classes.ts`): the pods drawn, the port classes, the pod classes (pods of one
 *    class get the same verdicts);
 * 2. selector bits (`selector-bits.ts`): each distinct selector once per class, as bitsets;
 *    isolation per direction; groups of classes every port treats alike;
 * 3. port rows (`port-rows.ts`): per port class, what the rules admit, per group, and the
 *    cluster tiers' first matching rules resolved per tier set;
 * 4. tier walk (`tier-walk.ts`): per source class, the destinations the tiers allow (Admin,
 *    NetworkPolicy, Baseline per direction);
 * 5. expand (`expand.ts`): per-pod rows with the loopback diagonal (small clusters only);
 * 6. format (`format.ts`): bit rows to `.`/`X` strings, equal rows shared.
 * `reference.ts` is the per-pair oracle the property tests compare this with.
 */
import type { Cluster, Protocol, ReachabilityGrid, ReachabilityMatrix } from '../types';
import { cniPlugin } from '../cni-plugins';
import { buildMatrixClasses, podKey } from './matrix/classes';
import { buildSelectorBits } from './matrix/selector-bits';
import { createPortRowsBuilder } from './matrix/port-rows';
import { createTierWalkScratch, walkTiers } from './matrix/tier-walk';
import { expandPodRows } from './matrix/expand';
import { createRowFormatter, formatClassRows } from './matrix/format';

export { matrixCell, toTruthTable } from './matrix/format';

/** Per-pod `rows` are only materialised up to this many pods. */
export const MATRIX_EXPAND_LIMIT = 1000;

/**
 * Computes the reachability matrix for every running pod (with an IP), per port class.
 *
 * @example
 * const m = computeMatrix(cluster, { port: 80 });
 * m.pods // ['x/a', 'x/b', ...]; m.ports[0].rows[0] // '.X.' (from x/a to each pod)
 */
export function computeMatrix(cluster: Cluster, options: { port?: number | string; protocol?: Protocol }): ReachabilityMatrix {
  const plugin = cniPlugin(cluster.settings.cni);
  const enforced = plugin.enforcesPolicy;
  const policies = enforced ? cluster.networkPolicies : [];
  const clusterPolicies = enforced && plugin.enforcesClusterPolicy ? cluster.clusterPolicies : [];

  const m = buildMatrixClasses(cluster.pods, policies, options, clusterPolicies);
  const { pods, portClasses, podClasses } = m;
  const notes: string[] = [];
  if (!enforced) notes.push(`${plugin.title} does not enforce NetworkPolicy: every connection is allowed`);
  else if (!plugin.enforcesClusterPolicy && cluster.clusterPolicies.length > 0) {
    notes.push(`${plugin.title} does not enforce cluster-scoped policies (ClusterNetworkPolicy, AdminNetworkPolicy): ${cluster.clusterPolicies.length} not applied`);
  }
  if (options.port === undefined && portClasses.length === 0 && pods.length > 0) notes.push('no pod declares a container port: pass --port to draw a matrix');
  const expand = pods.length <= MATRIX_EXPAND_LIMIT;
  if (!expand) notes.push(`${pods.length} pods: per-pod rows are not expanded above ${MATRIX_EXPAND_LIMIT} pods; read classRows with podClasses`);

  const bits = buildSelectorBits(cluster, m, policies, clusterPolicies);
  const portRows = createPortRowsBuilder(m, bits);
  const walkScratch = createTierWalkScratch(m);
  const formatter = createRowFormatter(m.classes.length, m.words);
  const classRowsBySignature = new Map<string, string[]>();

  const grids: ReachabilityGrid[] = portClasses.map((pc) => {
    const signature = portRows.signature(pc);
    const dstPort = portRows.destinationPorts(pc);
    let classRows = classRowsBySignature.get(signature);
    if (classRows === undefined) {
      classRows = formatClassRows(formatter, walkTiers(m, bits, portRows.build(pc, dstPort), enforced, walkScratch));
      classRowsBySignature.set(signature, classRows);
    }
    if (typeof pc.port === 'string' && dstPort.some((p) => p === undefined)) {
      const lacking = pods.filter((_, i) => dstPort[podClasses[i]!] === undefined).map(podKey);
      notes.push(
        `port ${pc.port}/${pc.protocol}: ${lacking.length} pod(s) have no container port of that name and are shown as X: ${lacking.slice(0, 5).join(', ')}${lacking.length > 5 ? ', ...' : ''}`,
      );
    }
    return { port: pc.port, protocol: pc.protocol, rows: expand ? expandPodRows(classRows, podClasses) : [], classRows };
  });

  return { pods: m.podKeys, podClasses, expandLimit: MATRIX_EXPAND_LIMIT, ports: grids, enforced, notes };
}
