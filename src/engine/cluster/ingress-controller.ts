/**
 * The ingress controller and which Ingresses it serves.
 *
 * Found in the manifests: pods labelled like ingress-nginx's controller
 * (`app.kubernetes.io/name: ingress-nginx`, `app.kubernetes.io/component: controller`), the
 * IngressClass whose `spec.controller` is `k8s.io/ingress-nginx`, and the LoadBalancer (else
 * NodePort) Service that selects those pods. None found and at least one Ingress exists: an
 * implicit controller (see `implicit.ts`) stands in for whatever the cluster runs.
 */
import type {
  ClusterIngress,
  ClusterIngressController,
  ClusterPod,
  ClusterService,
  IngressClassObject,
  IngressObject,
  PodObject,
  WorkloadObject,
} from '../types';
import { objectRef } from '../refs';
import { IMPLICIT_INGRESS_CLASS, INGRESS_CONTROLLER_LABELS, INGRESS_NGINX_CONTROLLER } from './implicit';
import { matchesLabels } from '../match/labels';

/** Whether the manifests bring ingress-nginx controller pods (before workloads are expanded). */
export function declaresIngressController(pods: readonly PodObject[], workloads: readonly WorkloadObject[]): boolean {
  return (
    pods.some((p) => matchesLabels(INGRESS_CONTROLLER_LABELS, p.template.labels)) ||
    workloads.some((w) => matchesLabels(INGRESS_CONTROLLER_LABELS, w.template.labels))
  );
}

/** The IngressClass of ingress-nginx: the default one first, then by name. */
export function pickIngressNginxClass(classes: readonly IngressClassObject[]): IngressClassObject | undefined {
  return [...classes]
    .filter((c) => c.controller === INGRESS_NGINX_CONTROLLER)
    .sort((a, b) => (a.isDefault !== b.isDefault ? (a.isDefault ? -1 : 1) : a.meta.name < b.meta.name ? -1 : a.meta.name > b.meta.name ? 1 : 0))[0];
}

/** What the controller search needs of a Service (a ClusterService fits, so does a stub). */
export type ServiceShape = Pick<ClusterService, 'ref' | 'name' | 'namespace' | 'type' | 'selector'>;

export function buildIngressController(
  implicit: boolean,
  pods: readonly ClusterPod[],
  services: readonly ServiceShape[],
  classes: readonly IngressClassObject[],
): ClusterIngressController | undefined {
  const controllerPods = pods.filter((p) => matchesLabels(INGRESS_CONTROLLER_LABELS, p.labels));
  const first = controllerPods[0];
  if (first === undefined) return undefined;
  const namespace = first.namespace;
  const own = controllerPods.filter((p) => p.namespace === namespace);
  const selecting = services
    .filter((s) => s.namespace === namespace && (s.type === 'LoadBalancer' || s.type === 'NodePort'))
    .filter((s) => s.selector !== undefined && own.some((p) => matchesLabels(s.selector ?? {}, p.labels)))
    .sort((a, b) => (a.type !== b.type ? (a.type === 'LoadBalancer' ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const cls = pickIngressNginxClass(classes);
  return {
    implicit,
    namespace,
    className: cls?.meta.name ?? IMPLICIT_INGRESS_CLASS,
    controller: INGRESS_NGINX_CONTROLLER,
    podRefs: own.map((p) => p.ref).sort(),
    ...(selecting[0] !== undefined ? { serviceRef: selecting[0].ref } : {}),
  };
}

/** The class an Ingress asks for: `spec.ingressClassName`, else the deprecated annotation ingress-nginx still reads. */
function requestedClass(ingress: IngressObject): string | undefined {
  return ingress.ingressClassName ?? ingress.meta.annotations['kubernetes.io/ingress.class'];
}

/**
 * Served when the Ingress names the controller's class, or names none and that class is the
 * default (`ingressclass.kubernetes.io/is-default-class`), or the controller is implicit —
 * unless it names a class that belongs to another controller.
 */
export function buildIngresses(
  ingresses: readonly IngressObject[],
  controller: ClusterIngressController | undefined,
  classes: readonly IngressClassObject[],
): ClusterIngress[] {
  const classByName = new Map(classes.map((c) => [c.meta.name, c] as const));
  // The DefaultIngressClass admission plugin writes the default class into Ingresses created without one.
  const defaultClass = [...classes].filter((c) => c.isDefault).sort((a, b) => (a.meta.name < b.meta.name ? -1 : 1))[0];
  return ingresses.map((ingress) => {
    const ref = objectRef('ingress', ingress.meta.namespace, ingress.meta.name);
    const wanted = requestedClass(ingress);
    const effective = wanted ?? defaultClass?.meta.name;
    const verdict = (served: boolean, servedReason: string): ClusterIngress => ({ ref, object: ingress, served, servedReason });
    if (controller === undefined) return verdict(false, 'no ingress controller runs in the cluster');
    const named = effective !== undefined ? classByName.get(effective) : undefined;
    if (named !== undefined && named.controller !== controller.controller) {
      return verdict(
        false,
        `${wanted === undefined ? `no ingressClassName, so the default class ${named.meta.name} applies; it` : `IngressClass ${named.meta.name}`} belongs to controller ${named.controller}, which is not simulated; ingress-nginx ignores this Ingress`,
      );
    }
    if (controller.implicit) {
      return verdict(
        true,
        wanted === undefined
          ? 'served by the implicit ingress-nginx controller (the manifests bring no controller)'
          : `served by the implicit ingress-nginx controller, standing in for the controller of class ${wanted}`,
      );
    }
    if (wanted !== undefined && wanted === controller.className) {
      return verdict(true, `ingressClassName ${wanted} is the class of the ingress-nginx controller`);
    }
    if (wanted !== undefined) {
      return verdict(
        false,
        named === undefined
          ? `IngressClass ${wanted} does not exist; ingress-nginx serves class ${controller.className}`
          : `ingress-nginx serves class ${controller.className}, not ${wanted}`,
      );
    }
    if (effective === controller.className) {
      return verdict(true, `no ingressClassName, and IngressClass ${controller.className} is the default class`);
    }
    return verdict(
      false,
      `no ingressClassName, and IngressClass ${controller.className} is not the default (ingressclass.kubernetes.io/is-default-class: "true"): ingress-nginx ignores it`,
    );
  });
}
