/**
 * The quick lists of the trace panel, built from the analysis: where a packet can start and
 * where it can go, as cli.md endpoint strings.
 */
import type { Analysis } from '../../../engine';

export interface TraceChoice {
  readonly value: string;
  readonly label: string;
  readonly group: string;
}

const ingressUrl = (host: string | undefined, path: string, tls: boolean) =>
  `${tls ? 'https' : 'http'}://${host && !host.startsWith('*') ? host : host ? `x${host.slice(1)}` : 'example.com'}${path.startsWith('/') ? path : `/${path}`}`;

export function toSourceChoices(analysis: Analysis | undefined): TraceChoice[] {
  const choices: TraceChoice[] = [
    { value: 'internet', label: 'Internet (an outside client)', group: 'Outside' },
  ];
  if (!analysis) return choices;
  for (const pod of analysis.cluster.pods) {
    if (pod.phase !== 'Running') continue;
    choices.push({ value: pod.ref, label: `${pod.namespace}/${pod.name}`, group: 'Pods' });
  }
  for (const node of analysis.cluster.nodes) {
    choices.push({ value: node.ref, label: `${node.name} (host network)`, group: 'Nodes' });
  }
  return choices;
}

export function toDestinationChoices(
  analysis: Analysis | undefined,
  source: string,
): TraceChoice[] {
  if (!analysis) return [];
  const { cluster } = analysis;
  const choices: TraceChoice[] = [];
  const seen = new Set<string>();
  const add = (c: TraceChoice) => {
    if (seen.has(c.value)) return;
    seen.add(c.value);
    choices.push(c);
  };
  const outside = source === 'internet' || source.startsWith('ip/');

  // 1. HTTP through the ingress controller: each Ingress host/path.
  for (const ing of cluster.ingresses) {
    const tlsHosts = new Set(ing.object.tls.flatMap((t) => t.hosts));
    for (const rule of ing.object.rules) {
      for (const p of rule.paths) {
        const url = ingressUrl(rule.host, p.path, false);
        add({
          value: url,
          label: `${url}  (${ing.ref.replace(/^ingress\//, '')})`,
          group: 'HTTP via Ingress',
        });
        if (rule.host && tlsHosts.has(rule.host)) {
          const secure = ingressUrl(rule.host, p.path, true);
          add({ value: secure, label: secure, group: 'HTTP via Ingress' });
        }
      }
    }
  }
  // 2. LoadBalancer and NodePort entries.
  for (const svc of cluster.services) {
    for (const port of svc.ports) {
      const name = `${svc.namespace}/${svc.name}`;
      if (svc.type === 'LoadBalancer') {
        add({
          value: `loadbalancer/${name}:${port.port}`,
          label: `${name}:${port.port} (LoadBalancer)`,
          group: 'LoadBalancers',
        });
      }
      const node = cluster.nodes[0];
      if (
        (svc.type === 'NodePort' || svc.type === 'LoadBalancer') &&
        port.nodePort !== undefined &&
        node
      ) {
        add({
          value: `nodeport/${node.name}:${port.nodePort}`,
          label: `${node.name}:${port.nodePort} (NodePort of ${name})`,
          group: 'NodePorts',
        });
      }
    }
  }
  if (outside) return choices;
  // 3. From inside: each Service port, then each pod port.
  for (const svc of cluster.services) {
    if (svc.type === 'ExternalName') continue;
    for (const port of svc.ports) {
      add({
        value: `service/${svc.namespace}/${svc.name}:${port.port}${port.protocol === 'TCP' ? '' : `/${port.protocol}`}`,
        label: `${svc.namespace}/${svc.name}:${port.port}${port.protocol === 'TCP' ? '' : `/${port.protocol}`}`,
        group: 'Services',
      });
    }
  }
  // 4. DNS names as the source pod would look them up (short within its namespace).
  const sourceNamespace = source.startsWith('pod/') ? source.split('/')[1] : undefined;
  if (sourceNamespace) {
    for (const svc of cluster.services) {
      const host = svc.namespace === sourceNamespace ? svc.name : `${svc.name}.${svc.namespace}`;
      for (const port of svc.ports) {
        const value = `dns/${host}:${port.port}${port.protocol === 'TCP' ? '' : `/${port.protocol}`}`;
        add({ value, label: value.slice(4), group: 'DNS names' });
      }
    }
  }
  for (const pod of cluster.pods) {
    if (pod.phase !== 'Running' || pod.ref === source) continue;
    for (const port of pod.containerPorts) {
      add({
        value: `${pod.ref}:${port.containerPort}${port.protocol === 'TCP' ? '' : `/${port.protocol}`}`,
        label: `${pod.namespace}/${pod.name}:${port.containerPort}`,
        group: 'Pods',
      });
    }
  }
  return choices;
}
