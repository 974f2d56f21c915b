/**
 * Matrix step 4, the tier walk: per source class, the destinations it may reach on one port.
 *
 * Each direction is decided by walking the policy tiers in order, each as bit rows, so the walk
 * costs a few word operations per (source, 32 destinations) whatever the number of policies:
 *
 *   allowed(s → d) = destination has the port
 *                  ∧ decide(egress of s, towards d) ∧ decide(ingress of d, from s)
 *   decide         = NetworkPolicy: isolated ? some rule admits : allow
 *
 * Today the only enforced tier is NetworkPolicy. The cluster-scoped tiers slot in around it as
 * two more layers of rows per direction (accept and deny bits, first matching rule already
 * resolved): `adminAccept ∨ (¬adminDeny ∧ (isolated ? admit : ¬baselineDeny))`.
 */
import { transposeBits } from '../bits';
import type { MatrixClasses } from './classes';
import type { PortRows } from './port-rows';
import type { SelectorBits } from './selector-bits';

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
  // Ingress rows per destination class are their group's rows: transposed to rows per source.
  const inBySource = transposeBits(rows.ingressAdmit, C, W, scratch.transposed, b.groupOf);
  const dstOk = new Int32Array(W);
  const inOpen = new Int32Array(W);
  for (let d = 0; d < C; d++) {
    if (rows.dstPort[d] !== undefined) dstOk[d >>> 5]! |= 1 << (d & 31);
    // Not isolated for ingress (or on the host network, where policies do not apply): open.
    if (!b.isolatedIngress[d] || classes[d]!.hostNetwork) inOpen[d >>> 5]! |= 1 << (d & 31);
  }
  const egressAdmit = rows.egressAdmit;
  for (let s = 0; s < C; s++) {
    const base = s * W;
    if (classes[s]!.hostNetwork || !b.isolatedEgress[s]) {
      // Egress open: only the destination side limits the row.
      for (let w = 0; w < W; w++) allowed[base + w] = dstOk[w]! & (inOpen[w]! | inBySource[base + w]!);
    } else {
      const outBase = b.groupOf[s]! * W;
      for (let w = 0; w < W; w++) allowed[base + w] = dstOk[w]! & egressAdmit[outBase + w]! & (inOpen[w]! | inBySource[base + w]!);
    }
  }
  return allowed;
}
