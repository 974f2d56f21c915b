/**
 * Diagnostics the cluster stage raises (warnings and notes about what a real cluster would
 * do with these manifests: a Pending pod, a LoadBalancer left `<pending>`, ...).
 *
 * Codes (kept here until the shared catalogue in `diagnostics.ts` lists them):
 * `cluster.options.invalid`, `cluster.nodes.range`, `cluster.node.implicit`,
 * `cluster.pod.duplicate`, `cluster.pod.pending`, `cluster.pod.ip-conflict`, `cluster.pod.deleted`,
 * `cluster.pod.delete-unknown`,
 * `cluster.service.duplicate`, `cluster.loadbalancer.pending`, `cluster.ingress.not-served`,
 * `cluster.ingress-controller.implicit`.
 */
import type { Diagnostic, ObjectMeta, Severity } from '../types';

export function clusterDiagnostic(
  code: string,
  severity: Severity,
  message: string,
  subject?: { readonly meta?: ObjectMeta; readonly ref?: string; readonly path?: string },
): Diagnostic {
  const range = subject?.meta?.source?.range;
  return {
    code,
    severity,
    message,
    ...(subject?.path !== undefined ? { path: subject.path } : {}),
    ...(range !== undefined ? { range } : {}),
    ...(subject?.ref !== undefined ? { ref: subject.ref } : {}),
  };
}
