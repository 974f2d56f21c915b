/**
 * A small JSON schema for the kinds kube-netplay simulates: completion, hover docs and enum
 * checks in the editor. Deliberately open (no `additionalProperties: false`): manifests pasted
 * from `kubectl get -o yaml` carry many fields we do not simulate, and those are not errors.
 */
import { CNI_PLUGIN_NAMES } from '../../../engine';

type Schema = Record<string, unknown>;

const str = (description: string): Schema => ({ type: 'string', description });
const int = (description: string, minimum?: number, maximum?: number): Schema => ({
  type: 'integer',
  description,
  ...(minimum !== undefined ? { minimum } : {}),
  ...(maximum !== undefined ? { maximum } : {}),
});
const labels = (description: string): Schema => ({
  type: 'object',
  description,
  additionalProperties: { type: 'string' },
});
const protocol: Schema = {
  enum: ['TCP', 'UDP', 'SCTP'],
  description: 'The IP protocol (default TCP).',
};
const intOrName = (description: string): Schema => ({
  anyOf: [{ type: 'integer', minimum: 1, maximum: 65535 }, { type: 'string' }],
  description,
});

const labelSelector: Schema = {
  type: 'object',
  description: 'Selects objects by label. An empty selector ({}) selects everything.',
  properties: {
    matchLabels: labels('Every one of these labels must be present with this value.'),
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'operator'],
        properties: {
          key: str('The label key.'),
          operator: { enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
          values: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};

const podSpec: Schema = {
  type: 'object',
  properties: {
    nodeName: str('Runs the pod on this node, bypassing the scheduler.'),
    nodeSelector: labels('The pod only runs on nodes with these labels.'),
    hostNetwork: {
      type: 'boolean',
      description: "Use the node's network namespace: the pod gets the node IP.",
    },
    containers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        properties: {
          name: str('The container name.'),
          image: str('The container image.'),
          ports: {
            type: 'array',
            description:
              'Ports the container listens on (informational, but named ports are used by Services and NetworkPolicies).',
            items: {
              type: 'object',
              required: ['containerPort'],
              properties: {
                name: str(
                  'A port name (up to 15 characters) that Services and policies can refer to.',
                ),
                containerPort: int('The port the process listens on.', 1, 65535),
                protocol,
                hostPort: int('Also open this port on the node IP.', 1, 65535),
              },
            },
          },
        },
      },
    },
  },
};

const podTemplate: Schema = {
  type: 'object',
  properties: {
    metadata: {
      type: 'object',
      properties: { labels: labels('Labels of every pod made from this template.') },
    },
    spec: podSpec,
  },
};

const workloadSpec = (replicas: boolean): Schema => ({
  type: 'object',
  properties: {
    ...(replicas
      ? {
          replicas: int(
            'How many pods to run (default 1). Pods are named <name>-0, <name>-1, ...',
            0,
          ),
        }
      : {}),
    selector: labelSelector,
    template: podTemplate,
  },
});

const backend: Schema = {
  type: 'object',
  properties: {
    service: {
      type: 'object',
      required: ['name', 'port'],
      properties: {
        name: str('A Service in the Ingress namespace.'),
        port: {
          type: 'object',
          description: 'The Service port, by number or by name.',
          properties: {
            number: int('Service port number.', 1, 65535),
            name: str('Service port name.'),
          },
        },
      },
    },
  },
};

const policyPeer: Schema = {
  type: 'object',
  description: 'podSelector and namespaceSelector in one peer are ANDed; separate peers are ORed.',
  properties: {
    podSelector: labelSelector,
    namespaceSelector: labelSelector,
    ipBlock: {
      type: 'object',
      required: ['cidr'],
      properties: {
        cidr: str('An IPv4 CIDR, e.g. 10.0.0.0/8.'),
        except: { type: 'array', items: { type: 'string' } },
      },
    },
  },
};

const policyPorts: Schema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      protocol,
      port: intOrName('A port number or a named container port of the destination pod.'),
      endPort: int('The end of a port range (needs a numeric port).', 1, 65535),
    },
  },
};

// Cluster-scoped policies (policy.networking.k8s.io): one schema builder for the three kinds.
const namespacedPod: Schema = {
  type: 'object',
  required: ['podSelector'],
  properties: {
    namespaceSelector: { ...labelSelector, description: 'The namespaces ({} = all).' },
    podSelector: { ...labelSelector, description: 'The pods in those namespaces ({} = all).' },
  },
};
/** Exactly one of `fields` (the CRDs' Min/MaxProperties=1). */
const oneOf = (description: string, fields: Record<string, Schema>): Schema => ({
  type: 'object',
  description,
  minProperties: 1,
  maxProperties: 1,
  properties: fields,
});
const podPeers = {
  namespaces: { ...labelSelector, description: 'Every pod of the namespaces this selects.' },
  pods: namespacedPod,
};
const egressPeers = (domainNames: boolean): Record<string, Schema> => ({
  ...podPeers,
  nodes: { ...labelSelector, description: 'The addresses of the nodes this selects (host-network pods).' },
  networks: { type: 'array', minItems: 1, maxItems: 25, items: str('A CIDR; pod and node IPs inside it match too.') },
  ...(domainNames
    ? { domainNames: { type: 'array', minItems: 1, maxItems: 25, items: str('Read, not simulated.') } }
    : {}),
});
const portNumber = int('A port number.', 1, 65535);
const destinationPort: Schema = oneOf('A port number or an inclusive range.', {
  number: portNumber,
  range: { type: 'object', required: ['start', 'end'], properties: { start: portNumber, end: portNumber } },
});
const v1alpha2Protocols: Schema = {
  type: 'array',
  minItems: 1,
  maxItems: 25,
  description: 'Absent: every port and protocol.',
  items: oneOf('One of tcp, udp, sctp or destinationNamedPort.', {
    tcp: { type: 'object', properties: { destinationPort } },
    udp: { type: 'object', properties: { destinationPort } },
    sctp: { type: 'object', properties: { destinationPort } },
    destinationNamedPort: str('A container port name on the destination pod.'),
  }),
};
const v1alpha1Ports: Schema = {
  type: 'array',
  minItems: 1,
  maxItems: 100,
  description: 'Absent: every port and protocol.',
  items: oneOf('One of portNumber, namedPort or portRange.', {
    portNumber: { type: 'object', required: ['port'], properties: { protocol, port: portNumber } },
    namedPort: str('A container port name on the destination pod.'),
    portRange: { type: 'object', required: ['start', 'end'], properties: { protocol, start: portNumber, end: portNumber } },
  }),
};
function clusterPolicySpec(kind: 'cnp' | 'anp' | 'banp'): Schema {
  const maxRules = kind === 'cnp' ? 25 : 100;
  const actions = kind === 'cnp' ? ['Accept', 'Deny', 'Pass'] : kind === 'anp' ? ['Allow', 'Deny', 'Pass'] : ['Allow', 'Deny'];
  const ports = kind === 'cnp' ? { protocols: v1alpha2Protocols } : { ports: v1alpha1Ports };
  const rule = (peersField: 'from' | 'to', peers: Record<string, Schema>): Schema => ({
    type: 'object',
    required: ['action', peersField],
    properties: {
      name: { type: 'string', maxLength: 100, description: 'Shown in traces.' },
      action: { enum: actions, description: 'Pass hands the decision to the next tier.' },
      [peersField]: { type: 'array', minItems: 1, maxItems: maxRules, items: oneOf('Exactly one peer form.', peers) },
      ...ports,
    },
  });
  return {
    type: 'object',
    required: ['subject', ...(kind === 'cnp' ? ['tier'] : []), ...(kind === 'banp' ? [] : ['priority'])],
    properties: {
      ...(kind === 'cnp' ? { tier: { enum: ['Admin', 'Baseline'], description: 'Admin: before NetworkPolicies; Baseline: after them.' } } : {}),
      ...(kind === 'banp' ? {} : { priority: int('0–1000, lower first within the tier.', 0, 1000) }),
      subject: oneOf('The pods this policy applies to: namespaces or pods.', podPeers),
      ingress: { type: 'array', maxItems: maxRules, items: rule('from', podPeers) },
      egress: { type: 'array', maxItems: maxRules, items: rule('to', egressPeers(kind !== 'banp')) },
    },
  };
}

const specFor: Record<string, Schema> = {
  Pod: podSpec,
  Deployment: workloadSpec(true),
  ReplicaSet: workloadSpec(true),
  StatefulSet: workloadSpec(true),
  DaemonSet: workloadSpec(false),
  Service: {
    type: 'object',
    properties: {
      type: {
        enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
        description:
          'ClusterIP (default): a virtual IP inside the cluster. NodePort: also a port on every node. LoadBalancer: also an external IP.',
      },
      selector: labels('Pods with these labels, in the same namespace, become the endpoints.'),
      clusterIP: str('A fixed ClusterIP, or None for a headless Service.'),
      ports: {
        type: 'array',
        items: {
          type: 'object',
          required: ['port'],
          properties: {
            name: str('Required when the Service has several ports.'),
            protocol,
            port: int('The port on the ClusterIP.', 1, 65535),
            targetPort: intOrName(
              'The pod port: a number, or a container port name (default: port).',
            ),
            nodePort: int(
              'The port on every node (NodePort and LoadBalancer), 30000-32767.',
              30000,
              32767,
            ),
          },
        },
      },
      externalTrafficPolicy: {
        enum: ['Cluster', 'Local'],
        description: 'Local keeps the client IP but only uses endpoints on the receiving node.',
      },
      internalTrafficPolicy: { enum: ['Cluster', 'Local'] },
      sessionAffinity: { enum: ['None', 'ClientIP'] },
      externalName: str('For type ExternalName: the DNS name this Service is a CNAME for.'),
      publishNotReadyAddresses: { type: 'boolean' },
    },
  },
  Ingress: {
    type: 'object',
    properties: {
      ingressClassName: str('The IngressClass whose controller serves this Ingress (e.g. nginx).'),
      defaultBackend: backend,
      tls: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            hosts: { type: 'array', items: { type: 'string' } },
            secretName: str('The TLS Secret.'),
          },
        },
      },
      rules: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            host: str(
              'An exact host (example.com) or a wildcard (*.example.com). Absent: every host.',
            ),
            http: {
              type: 'object',
              properties: {
                paths: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['pathType', 'backend'],
                    properties: {
                      path: str('The URL path, starting with /.'),
                      pathType: {
                        enum: ['Exact', 'Prefix', 'ImplementationSpecific'],
                        description:
                          'Prefix matches by path element (/api matches /api/users, not /apix).',
                      },
                      backend,
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  NetworkPolicy: {
    type: 'object',
    required: ['podSelector'],
    properties: {
      podSelector: {
        ...labelSelector,
        description: 'The pods this policy isolates ({} = every pod in the namespace).',
      },
      policyTypes: {
        type: 'array',
        description: 'Default: Ingress, plus Egress when egress rules are given.',
        items: { enum: ['Ingress', 'Egress'] },
      },
      ingress: {
        type: 'array',
        description:
          'Allowed incoming connections. An empty list with policyTypes Ingress denies all.',
        items: {
          type: 'object',
          properties: { from: { type: 'array', items: policyPeer }, ports: policyPorts },
        },
      },
      egress: {
        type: 'array',
        description: 'Allowed outgoing connections (remember DNS: port 53 to kube-dns).',
        items: {
          type: 'object',
          properties: { to: { type: 'array', items: policyPeer }, ports: policyPorts },
        },
      },
    },
  },
  IngressClass: { type: 'object', properties: { controller: str('e.g. k8s.io/ingress-nginx') } },
  ClusterNetworkPolicy: clusterPolicySpec('cnp'),
  AdminNetworkPolicy: clusterPolicySpec('anp'),
  BaselineAdminNetworkPolicy: clusterPolicySpec('banp'),
};

const apiVersions: Record<string, string> = {
  Pod: 'v1',
  Service: 'v1',
  Namespace: 'v1',
  Node: 'v1',
  Endpoints: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Ingress: 'networking.k8s.io/v1',
  IngressClass: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  ClusterNetworkPolicy: 'policy.networking.k8s.io/v1alpha2',
  AdminNetworkPolicy: 'policy.networking.k8s.io/v1alpha1',
  BaselineAdminNetworkPolicy: 'policy.networking.k8s.io/v1alpha1',
  EndpointSlice: 'discovery.k8s.io/v1',
  Scenario: 'netplay.dev/v1',
};

/** The schema, as monaco-yaml takes it. */
export const kubernetesSchema: Schema = {
  type: 'object',
  description: 'A Kubernetes object (or the playground’s own Scenario).',
  required: ['apiVersion', 'kind'],
  properties: {
    apiVersion: { type: 'string', examples: [...new Set(Object.values(apiVersions))] },
    kind: { type: 'string', examples: Object.keys(apiVersions) },
    metadata: {
      type: 'object',
      properties: {
        name: str('The object name.'),
        namespace: str('Default: default.'),
        labels: labels('Key/value labels that selectors match.'),
        annotations: labels('Key/value annotations.'),
      },
    },
  },
  allOf: [
    ...Object.entries(specFor).map(([kind, spec]) => ({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: { properties: { apiVersion: { const: apiVersions[kind] }, spec } },
    })),
    {
      if: { properties: { kind: { const: 'Scenario' } }, required: ['kind'] },
      then: {
        properties: {
          cni: {
            enum: [...CNI_PLUGIN_NAMES],
            description: 'Flannel does not enforce NetworkPolicy.',
          },
          nodes: int('How many nodes (default 3).', 1, 100),
          bareMetal: {
            type: 'boolean',
            description: 'LoadBalancer Services stay <pending> unless loadBalancerPool is set.',
          },
          loadBalancerPool: str('A MetalLB-style address pool (CIDR).'),
          deletedPods: {
            type: 'array',
            items: { type: 'string' },
            description: 'Pods deleted by hand, in order (NAMESPACE/NAME); their controllers replace them.',
          },
        },
      },
    },
  ],
};
