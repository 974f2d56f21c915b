/**
 * What a click on a graph object means as a packet endpoint: where a packet can start from it
 * (a pod, a node's host network, the Internet) and what it can be sent to (a pod's first port,
 * a Service port, a load balancer, an Ingress URL, a node's NodePort), as cli.md endpoint strings.
 */
import type { Analysis } from '../../../engine';
import type { HttpExtras } from '../../store/trace-slice';
import { toDestinationChoices, toGatewayChoices } from './to-trace-choices';

export interface PickEndpoints {
  /** The endpoint string for From, or undefined with `sourceWhy`. */
  readonly source?: string;
  readonly sourceWhy?: string;
  readonly destination?: string;
  readonly destinationWhy?: string;
  /** An HTTP destination's entry point, method and headers (a Gateway's, or `ingress` beside Gateways). */
  readonly destinationHttp?: HttpExtras;
}

const suffix = (protocol: string) => (protocol === 'TCP' ? '' : `/${protocol}`);

/**
 * @example toPickEndpoints(analysis, 'pod/default/backend-0')
 * // { source: 'pod/default/backend-0', destination: 'pod/default/backend-0:8080' }
 */
export function toPickEndpoints(analysis: Analysis | undefined, id: string): PickEndpoints {
  if (!analysis) return { sourceWhy: 'Not analysed yet.', destinationWhy: 'Not analysed yet.' };
  const { cluster } = analysis;
  const [kind, ...rest] = id.split('/');
  const name = rest.join('/');
  switch (kind) {
    case 'internet':
      return {
        source: 'internet',
        destinationWhy: 'Pick a pod as the source, then a Service or pod as the destination.',
      };
    case 'pod': {
      const pod = cluster.pods.find((p) => p.ref === id);
      if (!pod)
        return {
          sourceWhy: `${id} is not in the YAML.`,
          destinationWhy: `${id} is not in the YAML.`,
        };
      const port = pod.containerPorts[0];
      return {
        ...(pod.phase === 'Running'
          ? { source: pod.ref }
          : { sourceWhy: `${pod.namespace}/${pod.name} is not running.` }),
        ...(port
          ? { destination: `${pod.ref}:${port.containerPort}${suffix(port.protocol)}` }
          : { destinationWhy: `${pod.namespace}/${pod.name} declares no container port.` }),
      };
    }
    case 'node': {
      const node = cluster.nodes.find((n) => n.name === name);
      const nodePort = cluster.services
        .flatMap((s) => s.ports)
        .find((p) => p.nodePort !== undefined);
      return {
        ...(node ? { source: `node/${node.name}` } : { sourceWhy: `${id} is not in the cluster.` }),
        ...(node && nodePort?.nodePort !== undefined
          ? {
              destination: `nodeport/${node.name}:${nodePort.nodePort}${suffix(nodePort.protocol)}`,
            }
          : { destinationWhy: 'No Service has a NodePort.' }),
      };
    }
    case 'service': {
      const svc = cluster.services.find((s) => `service/${s.namespace}/${s.name}` === id);
      const port = svc?.ports[0];
      return {
        sourceWhy: 'A Service is not a client: pick a pod (or the Internet) to start from.',
        ...(svc && port && svc.type !== 'ExternalName'
          ? { destination: `${id}:${port.port}${suffix(port.protocol)}` }
          : {
              destinationWhy: svc
                ? `${svc.namespace}/${svc.name} has no port to send to.`
                : `${id} is not in the YAML.`,
            }),
      };
    }
    case 'loadbalancer': {
      const svc = cluster.services.find((s) => `loadbalancer/${s.namespace}/${s.name}` === id);
      const port = svc?.ports[0];
      return {
        sourceWhy: 'A load balancer is not a client: start from the Internet.',
        ...(svc && port
          ? { destination: `${id}:${port.port}${suffix(port.protocol)}` }
          : { destinationWhy: `${id} is not in the YAML.` }),
      };
    }
    case 'ingress': {
      const url = toDestinationChoices(analysis, 'internet').find(
        (c) => c.group === 'HTTP via Ingress' && c.label.includes(`(${name})`),
      );
      return {
        sourceWhy: 'An Ingress is not a client: start from the Internet.',
        ...(url
          ? { destination: url.value, ...(url.http && { destinationHttp: url.http }) }
          : { destinationWhy: `${id} has no rule to send to.` }),
      };
    }
    case 'gateway':
    case 'httproute': {
      // The first listener host × rule path through this Gateway, or of this route.
      const url = toGatewayChoices(cluster).find((c) =>
        kind === 'gateway' ? c.http?.via === id : c.route === id,
      );
      return {
        sourceWhy: `A${kind === 'gateway' ? ' Gateway' : 'n HTTPRoute'} is not a client: start from the Internet.`,
        ...(url?.http
          ? { destination: url.value, destinationHttp: url.http }
          : { destinationWhy: `${id} has no attached route to send to.` }),
      };
    }
    default:
      return {
        sourceWhy: 'Pick a pod, a node or the Internet to start from.',
        destinationWhy:
          'Pick a pod, a Service, a load balancer, an Ingress, a Gateway or an HTTPRoute to send to.',
      };
  }
}
