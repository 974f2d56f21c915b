/** The YAML of `total / 50` Deployments of 50 replicas in 4 namespaces, a Service each. */
export function manyPods(total: number): string;
