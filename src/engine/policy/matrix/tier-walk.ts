/**
 * Matrix step 4, the tier walk: per source class, the destinations it may reach on one port.
 *
 * Each direction is decided by walking the policy tiers in order, each as bit rows, so the walk
 * costs a few word operations per (source, 32 destinations) whatever the number of policies:
 *
 *   allowed(s → d) = destination has the port
 *                  ∧ decide(egress of s, towards d) ∧ decide(ingress of d, from s)
 *   decide         = adminAccept ∨ (¬adminDeny ∧ (isolated ? admit : ¬baselineDeny))
 *
 * `admit` is NetworkPolicy's rows; the three tier rows come from step 3 with the first matching
 * rule already resolved (an Admin Pass is in neither Admin row, so NetworkPolicy or Baseline
 * decides). A group no cluster policy selects keeps the NetworkPolicy-only rows, and a group
 * neither isolated nor selected is open: its cells cost nothing.
 */
import { transposeBits } from '../bits';
import type { MatrixClasses } from './classes';
import type { PortRows, TierRows } from './port-rows';
import type { SelectorBits } from './selector-bits';

/**
 * Per group with a tier set: row = adminAccept ∨ (¬adminDeny ∧ (isolated ? row : ¬baselineDeny)).
 * `isolated` is per class; every class of a group shares it (groups key on the policies).
 */
function applyTiers(admit: Int32Array, tiers: TierRows, setOf: Int32Array, groupReps: readonly number[], isolated: Uint8Array, W: number): void {
  const { adminAccept, adminDeny, baselineDeny } = tiers;
  for (let g = 0; g < setOf.length; g++) {
    const t = setOf[g]!;
    if (t < 0) continue;
    const row = g * W;
    const set = t * W;
    if (isolated[groupReps[g]!]) {
      for (let w = 0; w < W; w++) admit[row + w] = adminAccept[set + w]! | (~adminDeny[set + w]! & admit[row + w]!);
    } else {
      for (let w = 0; w < W; w++) admit[row + w] = adminAccept[set + w]! | (~adminDeny[set + w]! & ~baselineDeny[set + w]!);
    }
  }
}

/** Buffers the walk reuses across ports: allowed rows (classes × words) and the transpose. */
export interface TierWalkScratch {
  readonly allowed: Int32Array;
  readonly transposed: Int32Array;
}

export function createTierWalkScratch(m: MatrixClasses): TierWalkScratch {
  const size = m.classes.length * m.words;
  return { allowed: new Int32Array(size), transposed: new Int32Array(size) };
}

/**
 * The allowed bits of one port: row s (words `s*W … s*W+W-1`) holds the destinations class s
 * reaches. `enforced: false` (the CNI plugin enforces no policy): every cell is allowed.
 */
export function walkTiers(m: MatrixClasses, b: SelectorBits, rows: PortRows, enforced: boolean, scratch: TierWalkScratch): Int32Array {
  const classes = m.classes;
  const C = classes.length;
  const W = m.words;
  const allowed = scratch.allowed;
  if (!enforced) {
    for (let s = 0; s < C; s++) allowed.set(b.allBits, s * W);
    return allowed;
  }
  // The cluster tiers over NetworkPolicy's rows, in place (step 3's rows are rebuilt per port).
  applyTiers(rows.ingressAdmit, rows.ingressTiers, b.ingressTierSetOf, b.groupReps, b.isolatedIngress, W);
  applyTiers(rows.egressAdmit, rows.egressTiers, b.egressTierSetOf, b.groupReps, b.isolatedEgress, W);
  // Ingress rows per destination class are their group's rows: transposed to rows per source.
  const inBySource = transposeBits(rows.ingressAdmit, C, W, scratch.transposed, b.groupOf);
  const dstOk = new Int32Array(W);
  const inOpen = new Int32Array(W);
  for (let d = 0; d < C; d++) {
    if (rows.dstPort[d] !== undefined) dstOk[d >>> 5]! |= 1 << (d & 31);
    // Neither isolated nor selected by a cluster policy for ingress (or on the host network,
    // where policies do not apply): open.
    if ((!b.isolatedIngress[d] && b.ingressTierSetOf[b.groupOf[d]!]! < 0) || classes[d]!.hostNetwork) inOpen[d >>> 5]! |= 1 << (d & 31);
  }
  const egressAdmit = rows.egressAdmit;
  for (let s = 0; s < C; s++) {
    const base = s * W;
    if (classes[s]!.hostNetwork || (!b.isolatedEgress[s] && b.egressTierSetOf[b.groupOf[s]!]! < 0)) {
      // Egress open: only the destination side limits the row.
      for (let w = 0; w < W; w++) allowed[base + w] = dstOk[w]! & (inOpen[w]! | inBySource[base + w]!);
    } else {
      const outBase = b.groupOf[s]! * W;
      for (let w = 0; w < W; w++) allowed[base + w] = dstOk[w]! & egressAdmit[outBase + w]! & (inOpen[w]! | inBySource[base + w]!);
    }
  }
  return allowed;
}
