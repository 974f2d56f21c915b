/**
 * Expectations of the network-policy-api conformance suite for AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), transcribed from
 * conformance/tests/*.go of kubernetes-sigs/network-policy-api at commit 40eeb18096dd, the last one
 * before the suite moved to ClusterNetworkPolicy (Apache-2.0, The Kubernetes Authors). Every
 * PokeServer call in order, with the mutations between them. Fixtures:
 * tests/fixtures/network-policy-api/v1alpha1.
 */
import {
  deleteNetworkPolicy,
  poke,
  prependNetworksRule,
  setAction,
  setNamedPort,
  setPriority,
  swapRules,
  type ConformanceTest,
} from './steps';

export const V1ALPHA1_TESTS: readonly ConformanceTest[] = [
  {
    name: 'AdminNetworkPolicyEgressNamedPort',
    source: 'conformance/tests/admin-network-policy-experimental-egress-rules.go',
    manifests: ['admin_network_policy/standard-egress-tcp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for named port",
        steps: [
          setNamedPort('egress-tcp', 'egress', 5, 'web'),
          poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'TCP', 80, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'TCP', 8080, false),
        ],
      },
    ],
  },
  {
    name: 'AdminNetworkPolicyEgressNodePeers',
    source: 'conformance/tests/admin-network-policy-experimental-egress-rules.go',
    manifests: ['admin_network_policy/experimental-egress-selector-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' rule policy for egress-node-peer",
        steps: [
          poke('gryffindor/harry-potter-0', 'forbidden-forrest/centaur-1', 'TCP', 36363, true),
        ],
      },
      {
        name: "Should support a 'pass-egress' rule policy for egress-node-peer",
        steps: [
          poke('gryffindor/harry-potter-1', 'forbidden-forrest/centaur-1', 'UDP', 34345, true),
        ],
      },
      {
        name: "Should support a 'deny-egress' rule policy for egress-node-peer",
        steps: [
          poke('gryffindor/harry-potter-1', 'forbidden-forrest/centaur-1', 'TCP', 36364, false),
          poke('gryffindor/harry-potter-1', 'forbidden-forrest/centaur-1', 'UDP', 34346, false),
          poke('gryffindor/harry-potter-1', 'forbidden-forrest/centaur-1', 'SCTP', 9003, false),
        ],
      },
    ],
  },
  {
    name: 'AdminNetworkPolicyIngressNamedPort',
    source: 'conformance/tests/admin-network-policy-experimental-ingress-rules.go',
    manifests: ['admin_network_policy/standard-ingress-udp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for named port",
        steps: [
          setNamedPort('ingress-udp', 'ingress', 5, 'dns'),
          poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'UDP', 53, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'UDP', 5353, false),
        ],
      },
    ],
  },
  {
    name: 'AdminNetworkPolicyEgressInlineCIDRPeers',
    source: 'conformance/tests/admin-network-policy-standard-egress-inline-cidr-rules.go',
    manifests: ['admin_network_policy/standard-egress-inline-cidr-rules.yaml'],
    subtests: [
      {
        name: "Should support a 'deny-egress' rule policy for egress-cidr-peer",
        steps: [
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'UDP', 53, false),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, false),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'UDP', 53, false),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'SCTP', 9003, false),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'UDP', 53, true),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'SCTP', 9003, true),
        ],
      },
      {
        name: "Should support an 'allow-egress' rule policy for egress-cidr-peer",
        steps: [
          prependNetworksRule(
            'inline-cidr-as-peers-example',
            'allow-egress-to-specific-podIPs',
            'Allow',
            ['ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-0'],
          ),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'UDP', 53, true),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'TCP', 80, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'UDP', 53, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'SCTP', 9003, true),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'UDP', 53, false),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, false),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'UDP', 53, false),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'SCTP', 9003, false),
        ],
      },
    ],
  },
  {
    name: 'AdminNetworkPolicyEgressSCTP',
    source: 'conformance/tests/admin-network-policy-standard-egress-sctp-rules.go',
    manifests: ['admin_network_policy/standard-egress-sctp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'SCTP', 9003, true),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for SCTP protocol at the specified port",
        steps: [
          poke('ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-1', 'SCTP', 9003, true),
          poke('ravenclaw/luna-lovegood-1', 'hufflepuff/cedric-diggory-1', 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('egress-sctp', 'egress', 0, 1),
          poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-1', 'SCTP', 9003, false),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for SCTP protocol at the specified port",
        steps: [
          poke('ravenclaw/luna-lovegood-0', 'slytherin/draco-malfoy-0', 'SCTP', 9003, false),
          poke('ravenclaw/luna-lovegood-1', 'slytherin/draco-malfoy-0', 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support an 'pass-egress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('egress-sctp', 'egress', 0, 2),
          poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-1', 'SCTP', 9003, true),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support a 'pass-egress' policy for SCTP protocol at the specified port",
        steps: [
          swapRules('egress-sctp', 'egress', 3, 4),
          poke('ravenclaw/luna-lovegood-0', 'slytherin/draco-malfoy-0', 'SCTP', 9003, true),
          poke('ravenclaw/luna-lovegood-1', 'slytherin/draco-malfoy-0', 'SCTP', 9005, true),
        ],
      },
    ],
  },
  {
    name: 'AdminNetworkPolicyEgressTCP',
    source: 'conformance/tests/admin-network-policy-standard-egress-tcp-rules.go',
    manifests: ['admin_network_policy/standard-egress-tcp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for TCP protocol at the specified port",
        steps: [
          poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'TCP', 8080, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'TCP', 80, false),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('egress-tcp', 'egress', 0, 1),
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'TCP', 8080, false),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for TCP protocol at the specified port",
        steps: [
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support an 'pass-egress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('egress-tcp', 'egress', 0, 2),
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support a 'pass-egress' policy for TCP protocol at the specified port",
        steps: [
          swapRules('egress-tcp', 'egress', 3, 4),
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
        ],
      },
    ],
  },
  {
    name: 'AdminNetworkPolicyEgressUDP',
    source: 'conformance/tests/admin-network-policy-standard-egress-udp-rules.go',
    manifests: ['admin_network_policy/standard-egress-udp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          poke('hufflepuff/cedric-diggory-0', 'ravenclaw/luna-lovegood-0', 'UDP', 53, true),
          poke('hufflepuff/cedric-diggory-1', 'ravenclaw/luna-lovegood-0', 'UDP', 5353, true),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for UDP protocol at the specified port",
        steps: [
          poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'UDP', 53, true),
          poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'UDP', 5353, false),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('egress-udp', 'egress', 0, 1),
          poke('hufflepuff/cedric-diggory-0', 'ravenclaw/luna-lovegood-1', 'UDP', 53, false),
          poke('hufflepuff/cedric-diggory-1', 'ravenclaw/luna-lovegood-1', 'UDP', 5353, false),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for UDP protocol at the specified port",
        steps: [
          poke('hufflepuff/cedric-diggory-0', 'slytherin/draco-malfoy-0', 'UDP', 5353, false),
          poke('hufflepuff/cedric-diggory-1', 'slytherin/draco-malfoy-0', 'UDP', 53, true),
        ],
      },
      {
        name: "Should support an 'pass-egress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('egress-udp', 'egress', 0, 2),
          poke('hufflepuff/cedric-diggory-0', 'ravenclaw/luna-lovegood-1', 'UDP', 5353, true),
          poke('hufflepuff/cedric-diggory-1', 'ravenclaw/luna-lovegood-1', 'UDP', 53, true),
        ],
      },
      {
        name: "Should support a 'pass-egress' policy for UDP protocol at the specified port",
        steps: [
          swapRules('egress-udp', 'egress', 3, 4),
          poke('hufflepuff/cedric-diggory-0', 'slytherin/draco-malfoy-0', 'UDP', 5353, true),
          poke('hufflepuff/cedric-diggory-1', 'slytherin/draco-malfoy-0', 'UDP', 53, true),
        ],
      },
    ],
  },
  {
    name: 'AdminNetworkPolicyGress',
    source: 'conformance/tests/admin-network-policy-standard-gress-rules.go',
    manifests: ['admin_network_policy/standard-gress-rules-combined.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-gress' policy across different protocols",
        steps: [
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'UDP', 53, true),
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, true),
          poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'UDP', 53, true),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'SCTP', 9003, true),
        ],
      },
      {
        name: "Should support an 'allow-gress' policy across different protocols at the specified ports",
        steps: [
          poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'TCP', 8080, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'TCP', 80, false),
          poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'UDP', 5353, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'UDP', 53, false),
          poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'SCTP', 9003, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'SCTP', 9005, false),
          poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'TCP', 80, true),
          poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'TCP', 8080, false),
          poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'UDP', 5353, true),
          poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'UDP', 53, false),
          poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'SCTP', 9003, true),
          poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support an 'deny-gress' policy across different protocols",
        steps: [
          swapRules('gress-rules', 'egress', 0, 1),
          swapRules('gress-rules', 'ingress', 0, 1),
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'UDP', 53, false),
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, false),
          poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-1', 'TCP', 80, false),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'UDP', 53, false),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'SCTP', 9003, false),
        ],
      },
      {
        name: "Should support a 'deny-gress' policy across different protocols at the specified ports",
        steps: [
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'UDP', 53, false),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'UDP', 5353, true),
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'SCTP', 9003, false),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'SCTP', 9005, true),
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'UDP', 53, false),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'UDP', 5353, true),
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'SCTP', 9003, false),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support an 'pass-gress' policy across different protocols",
        steps: [
          swapRules('gress-rules', 'egress', 0, 2),
          swapRules('gress-rules', 'ingress', 0, 2),
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'UDP', 5353, true),
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, true),
          poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'UDP', 53, true),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'SCTP', 9003, true),
        ],
      },
      {
        name: "Should support a 'pass-gress' policy across different protocols at the specified ports",
        steps: [
          swapRules('gress-rules', 'egress', 3, 4),
          swapRules('gress-rules', 'ingress', 3, 4),
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'UDP', 53, true),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'UDP', 5353, true),
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'SCTP', 9003, true),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'SCTP', 9005, true),
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'UDP', 53, true),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'UDP', 5353, true),
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'SCTP', 9003, true),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'SCTP', 9005, true),
        ],
      },
    ],
  },
  {
    name: 'AdminNetworkPolicyIngressSCTP',
    source: 'conformance/tests/admin-network-policy-standard-ingress-sctp-rules.go',
    manifests: ['admin_network_policy/standard-ingress-sctp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, true),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for SCTP protocol at the specified port",
        steps: [
          poke('hufflepuff/cedric-diggory-0', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, true),
          poke('hufflepuff/cedric-diggory-1', 'ravenclaw/luna-lovegood-1', 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('ingress-sctp', 'ingress', 0, 1),
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, false),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for SCTP protocol at the specified port",
        steps: [
          poke('slytherin/draco-malfoy-0', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, false),
          poke('slytherin/draco-malfoy-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support an 'pass-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('ingress-sctp', 'ingress', 0, 2),
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, true),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support a 'pass-ingress' policy for SCTP protocol at the specified port",
        steps: [
          swapRules('ingress-sctp', 'ingress', 3, 4),
          poke('slytherin/draco-malfoy-0', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, true),
          poke('slytherin/draco-malfoy-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9005, true),
        ],
      },
    ],
  },
  {
    name: 'AdminNetworkPolicyIngressTCP',
    source: 'conformance/tests/admin-network-policy-standard-ingress-tcp-rules.go',
    manifests: ['admin_network_policy/standard-ingress-tcp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for TCP protocol at the specified port",
        steps: [
          poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'TCP', 80, true),
          poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'TCP', 8080, false),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('ingress-tcp', 'ingress', 0, 1),
          poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-1', 'TCP', 80, false),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'TCP', 8080, false),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for TCP protocol at the specified port",
        steps: [
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support an 'pass-ingress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('ingress-tcp', 'ingress', 0, 2),
          poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support a 'pass-ingress' policy for TCP protocol at the specified port",
        steps: [
          swapRules('ingress-tcp', 'ingress', 3, 4),
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
        ],
      },
    ],
  },
  {
    name: 'AdminNetworkPolicyIngressUDP',
    source: 'conformance/tests/admin-network-policy-standard-ingress-udp-rules.go',
    manifests: ['admin_network_policy/standard-ingress-udp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          poke('ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-0', 'UDP', 53, true),
          poke('ravenclaw/luna-lovegood-1', 'hufflepuff/cedric-diggory-0', 'UDP', 5353, true),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for UDP protocol at the specified port",
        steps: [
          poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'UDP', 53, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'UDP', 5353, false),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('ingress-udp', 'ingress', 0, 1),
          poke('ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-1', 'UDP', 53, false),
          poke('ravenclaw/luna-lovegood-1', 'hufflepuff/cedric-diggory-1', 'UDP', 5353, false),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for UDP protocol at the specified port",
        steps: [
          poke('slytherin/draco-malfoy-0', 'hufflepuff/cedric-diggory-0', 'UDP', 5353, false),
          poke('slytherin/draco-malfoy-1', 'hufflepuff/cedric-diggory-0', 'UDP', 53, true),
        ],
      },
      {
        name: "Should support an 'pass-ingress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('ingress-udp', 'ingress', 0, 2),
          poke('ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-1', 'UDP', 5353, true),
          poke('ravenclaw/luna-lovegood-1', 'hufflepuff/cedric-diggory-1', 'UDP', 53, true),
        ],
      },
      {
        name: "Should support a 'pass-ingress' policy for UDP protocol at the specified port",
        steps: [
          swapRules('ingress-udp', 'ingress', 3, 4),
          poke('slytherin/draco-malfoy-0', 'hufflepuff/cedric-diggory-0', 'UDP', 5353, true),
          poke('slytherin/draco-malfoy-1', 'hufflepuff/cedric-diggory-0', 'UDP', 53, true),
        ],
      },
    ],
  },
  {
    name: 'AdminNetworkPolicyIntegration',
    source: 'conformance/tests/admin-network-policy-standard-integration.go',
    manifests: ['api_integration/standard-anp-np-banp.yaml'],
    subtests: [
      {
        name: 'Should Deny traffic from slytherin to gryffindor respecting ANP',
        steps: [
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, false),
        ],
      },
      {
        name: 'Should Deny traffic to slytherin from gryffindor respecting ANP',
        steps: [
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, false),
        ],
      },
      {
        name: "Should support a 'pass-ingress' policy for ANP and respect the match for network policy",
        steps: [
          setAction('pass-example', 'ingress', 0, 'Pass'),
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support a 'pass-egress' policy for ANP and respect the match for network policy",
        steps: [
          setAction('pass-example', 'egress', 0, 'Pass'),
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support a 'pass-ingress' policy for ANP and respect the match for baseline admin network policy",
        steps: [
          deleteNetworkPolicy('gryffindor', 'allow-gress-from-to-slytherin-to-gryffindor'),
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, false),
        ],
      },
      {
        name: "Should support a 'pass-egress' policy for ANP and respect the match for baseline admin network policy",
        steps: [
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, false),
        ],
      },
    ],
  },
  {
    name: 'AdminNetworkPolicyPriorityField',
    source: 'conformance/tests/admin-network-policy-standard-priority.go',
    manifests: ['admin_network_policy/standard-priority-field.yaml'],
    subtests: [
      {
        name: 'Should Deny traffic from slytherin to gryffindor respecting ANP',
        steps: [
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, false),
        ],
      },
      {
        name: 'Should Deny traffic to slytherin from gryffindor respecting ANP',
        steps: [
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, false),
        ],
      },
      {
        name: 'Should respect ANP priority field; thus passing both ingress and egress traffic over to BANP',
        steps: [
          setPriority('old-priority-60-new-priority-40-example', 40),
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
        ],
      },
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyEgressNamedPort',
    source: 'conformance/tests/baseline-admin-network-policy-experimental-egress-rules.go',
    manifests: ['baseline_admin_network_policy/standard-egress-udp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for named port",
        steps: [
          setNamedPort('default', 'egress', 3, 'dns'),
          poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'UDP', 53, true),
          poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'UDP', 5353, false),
        ],
      },
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyEgressNodePeers',
    source: 'conformance/tests/baseline-admin-network-policy-experimental-egress-rules.go',
    manifests: ['baseline_admin_network_policy/experimental-egress-selector-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' rule policy for egress-node-peer",
        steps: [
          poke('gryffindor/harry-potter-0', 'forbidden-forrest/centaur-1', 'TCP', 36363, true),
          poke('gryffindor/harry-potter-1', 'forbidden-forrest/centaur-1', 'TCP', 36364, true),
        ],
      },
      {
        name: "Should support a 'deny-egress' rule policy for egress-node-peer",
        steps: [
          poke('gryffindor/harry-potter-1', 'forbidden-forrest/centaur-1', 'UDP', 34346, false),
          poke('gryffindor/harry-potter-1', 'forbidden-forrest/centaur-1', 'SCTP', 9003, false),
        ],
      },
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyIngressNamedPort',
    source: 'conformance/tests/baseline-admin-network-policy-experimental-ingress-rules.go',
    manifests: ['baseline_admin_network_policy/standard-ingress-tcp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for named port",
        steps: [
          setNamedPort('default', 'ingress', 3, 'web'),
          poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'TCP', 80, true),
          poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'TCP', 8080, false),
        ],
      },
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyEgressInlineCIDRPeers',
    source: 'conformance/tests/baseline-admin-network-policy-standard-egress-inline-cidr-rules.go',
    manifests: ['baseline_admin_network_policy/standard-egress-inline-cidr-rules.yaml'],
    subtests: [
      {
        name: "Should support a 'deny-egress' rule policy for egress-cidr-peer",
        steps: [
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'UDP', 53, false),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, false),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'UDP', 53, false),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'SCTP', 9003, false),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'UDP', 53, true),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'SCTP', 9003, true),
        ],
      },
      {
        name: "Should support an 'allow-egress' rule policy for egress-cidr-peer",
        steps: [
          prependNetworksRule('default', 'allow-egress-to-specific-podIPs', 'Allow', [
            'ravenclaw/luna-lovegood-0',
            'hufflepuff/cedric-diggory-0',
          ]),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'UDP', 53, true),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'TCP', 80, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'UDP', 53, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'SCTP', 9003, true),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'UDP', 53, false),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, false),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'UDP', 53, false),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'SCTP', 9003, false),
        ],
      },
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyEgressSCTP',
    source: 'conformance/tests/baseline-admin-network-policy-standard-egress-sctp-rules.go',
    manifests: ['baseline_admin_network_policy/standard-egress-sctp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'SCTP', 9003, true),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for SCTP protocol at the specified port",
        steps: [
          poke('ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-1', 'SCTP', 9003, true),
          poke('ravenclaw/luna-lovegood-1', 'hufflepuff/cedric-diggory-1', 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('default', 'egress', 0, 1),
          poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-1', 'SCTP', 9003, false),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for SCTP protocol at the specified port",
        steps: [
          poke('ravenclaw/luna-lovegood-0', 'slytherin/draco-malfoy-0', 'SCTP', 9003, false),
          poke('ravenclaw/luna-lovegood-1', 'slytherin/draco-malfoy-0', 'SCTP', 9005, true),
        ],
      },
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyEgressTCP',
    source: 'conformance/tests/baseline-admin-network-policy-standard-egress-tcp-rules.go',
    manifests: ['baseline_admin_network_policy/standard-egress-tcp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for TCP protocol at the specified port",
        steps: [
          poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'TCP', 8080, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'TCP', 80, false),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('default', 'egress', 0, 1),
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'TCP', 8080, false),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for TCP protocol at the specified port",
        steps: [
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
        ],
      },
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyEgressUDP',
    source: 'conformance/tests/baseline-admin-network-policy-standard-egress-udp-rules.go',
    manifests: ['baseline_admin_network_policy/standard-egress-udp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-egress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          poke('hufflepuff/cedric-diggory-0', 'ravenclaw/luna-lovegood-0', 'UDP', 53, true),
          poke('hufflepuff/cedric-diggory-1', 'ravenclaw/luna-lovegood-0', 'UDP', 5353, true),
        ],
      },
      {
        name: "Should support an 'allow-egress' policy for UDP protocol at the specified port",
        steps: [
          poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'UDP', 53, true),
          poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'UDP', 5353, false),
        ],
      },
      {
        name: "Should support an 'deny-egress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('default', 'egress', 0, 1),
          poke('hufflepuff/cedric-diggory-0', 'ravenclaw/luna-lovegood-1', 'UDP', 53, false),
          poke('hufflepuff/cedric-diggory-1', 'ravenclaw/luna-lovegood-1', 'UDP', 5353, false),
        ],
      },
      {
        name: "Should support a 'deny-egress' policy for UDP protocol at the specified port",
        steps: [
          poke('hufflepuff/cedric-diggory-0', 'slytherin/draco-malfoy-0', 'UDP', 5353, false),
          poke('hufflepuff/cedric-diggory-1', 'slytherin/draco-malfoy-0', 'UDP', 53, true),
        ],
      },
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyGress',
    source: 'conformance/tests/baseline-admin-network-policy-standard-gress-rules.go',
    manifests: ['baseline_admin_network_policy/standard-gress-rules-combined.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-gress' policy across different protocols",
        steps: [
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'UDP', 53, true),
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, true),
          poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'UDP', 53, true),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'SCTP', 9003, true),
        ],
      },
      {
        name: "Should support an 'allow-gress' policy across different protocols at the specified ports",
        steps: [
          poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'TCP', 8080, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'TCP', 80, false),
          poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'UDP', 5353, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'UDP', 53, false),
          poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'SCTP', 9003, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'SCTP', 9005, false),
          poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'TCP', 80, true),
          poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'TCP', 8080, false),
          poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'UDP', 5353, true),
          poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'UDP', 53, false),
          poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'SCTP', 9003, true),
          poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support an 'deny-gress' policy across different protocols",
        steps: [
          swapRules('default', 'egress', 0, 1),
          swapRules('default', 'ingress', 0, 1),
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'UDP', 53, false),
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, false),
          poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-1', 'TCP', 80, false),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'UDP', 53, false),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'SCTP', 9003, false),
        ],
      },
      {
        name: "Should support a 'deny-gress' policy across different protocols at the specified ports",
        steps: [
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'UDP', 53, false),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'UDP', 5353, true),
          poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'SCTP', 9003, false),
          poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'SCTP', 9005, true),
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'UDP', 53, false),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'UDP', 5353, true),
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'SCTP', 9003, false),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'SCTP', 9005, true),
        ],
      },
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyIngressSCTP',
    source: 'conformance/tests/baseline-admin-network-policy-standard-ingress-sctp-rules.go',
    manifests: ['baseline_admin_network_policy/standard-ingress-sctp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, true),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9005, true),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for SCTP protocol at the specified port",
        steps: [
          poke('hufflepuff/cedric-diggory-0', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, true),
          poke('hufflepuff/cedric-diggory-1', 'ravenclaw/luna-lovegood-1', 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for SCTP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('default', 'ingress', 0, 1),
          poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, false),
          poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'SCTP', 9005, false),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for SCTP protocol at the specified port",
        steps: [
          poke('slytherin/draco-malfoy-0', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, false),
          poke('slytherin/draco-malfoy-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9005, true),
        ],
      },
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyIngressTCP',
    source: 'conformance/tests/baseline-admin-network-policy-standard-ingress-tcp-rules.go',
    manifests: ['baseline_admin_network_policy/standard-ingress-tcp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for TCP protocol at the specified port",
        steps: [
          poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'TCP', 80, true),
          poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'TCP', 8080, false),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for TCP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('default', 'ingress', 0, 1),
          poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-1', 'TCP', 80, false),
          poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'TCP', 8080, false),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for TCP protocol at the specified port",
        steps: [
          poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
          poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
        ],
      },
    ],
  },
  {
    name: 'BaselineAdminNetworkPolicyIngressUDP',
    source: 'conformance/tests/baseline-admin-network-policy-standard-ingress-udp-rules.go',
    manifests: ['baseline_admin_network_policy/standard-ingress-udp-rules.yaml'],
    subtests: [
      {
        name: "Should support an 'allow-ingress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          poke('ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-0', 'UDP', 53, true),
          poke('ravenclaw/luna-lovegood-1', 'hufflepuff/cedric-diggory-0', 'UDP', 5353, true),
        ],
      },
      {
        name: "Should support an 'allow-ingress' policy for UDP protocol at the specified port",
        steps: [
          poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'UDP', 53, true),
          poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'UDP', 5353, false),
        ],
      },
      {
        name: "Should support an 'deny-ingress' policy for UDP protocol; ensure rule ordering is respected",
        steps: [
          swapRules('default', 'ingress', 0, 1),
          poke('ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-1', 'UDP', 53, false),
          poke('ravenclaw/luna-lovegood-1', 'hufflepuff/cedric-diggory-1', 'UDP', 5353, false),
        ],
      },
      {
        name: "Should support a 'deny-ingress' policy for UDP protocol at the specified port",
        steps: [
          poke('slytherin/draco-malfoy-0', 'hufflepuff/cedric-diggory-0', 'UDP', 5353, false),
          poke('slytherin/draco-malfoy-1', 'hufflepuff/cedric-diggory-0', 'UDP', 53, true),
        ],
      },
    ],
  },
];
