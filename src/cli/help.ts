/** The `--help` texts. The exit codes written here are the contract's (docs/cli.md). */
import type { CommandName } from './args';

const FILES = `FILE is a multi-document YAML file of Kubernetes manifests, a directory (every *.yaml and
*.yml directly inside, sorted by name) or - for stdin. Several FILEs are read as one cluster.
Unknown kinds are warnings, never fatal. The manifests may hold 5 MiB in all, a --queries file
1 MiB: larger input is refused while it is read, naming the file.`;

const CLUSTER_OPTIONS = `  --cni calico|cilium|weave|flannel   the CNI plugin when the manifests don't say (default calico;
                                      a Scenario document's cni wins over this option)
  --nodes N                           the number of nodes when the manifests don't say (default 3;
                                      a Scenario document's nodes, or Node objects, win)`;

const EXIT_CODES = `Exit codes:
  0  success (a trace that ends in "deny" is still a successful answer)
  1  a check failed (check), or the manifests have errors (lint; warnings alone exit 0)
  2  bad usage, unreadable input, an invalid single trace query, or an analysis that ran past
     3 s and was stopped by the watchdog (message on stderr)`;

const TOPICS: Readonly<Record<CommandName, string>> = {
  trace: `Usage:
  netplay trace FILE... --from SRC --to DST [--via ENTRY] [--method M] [--header K:V]... [--json]
  netplay trace FILE... --queries QUERIES.json --json

Follows one connection hop by hop: one line per hop with the rule that let it pass or
stopped it, the verdict, and a suggested NetworkPolicy fix when a policy drops it.

SRC:  pod/NS/NAME, deployment/NS/NAME, statefulset/NS/NAME, daemonset/NS/NAME,
      internet, ip/A.B.C.D, node/NAME
DST:  pod/NS/NAME:PORT[/PROTO], service/NS/NAME:PORT[/PROTO], nodeport/NODE:PORT[/PROTO],
      loadbalancer/NS/NAME:PORT[/PROTO], http://HOST[:PORT]/PATH, https://...,
      dns/NAME:PORT[/PROTO], ip/A.B.C.D:PORT[/PROTO]
      PORT is a number or a port name; PROTO is TCP (default), UDP or SCTP.
      From a pod or a node, http://NAME that the cluster DNS answers (my-svc, my-svc.ns)
      goes DNS → ClusterIP → kube-proxy, not out through the load balancer. ip/ on a
      cluster address takes its real path: NodeIP:NodePort, ClusterIP, external IP, pod IP.

An http(s):// request enters through a Gateway or the ingress controller: --via names
it (gateway/NS/NAME or ingress); without --via the host decides (the one Gateway or
Ingress that claims it; none: the ingress controller; several: an error asking for --via).

--queries reads a JSON array of {"from": SRC, "to": DST} (- for stdin; each may also give
"via", "method", "headers": {"NAME": "VALUE"} and "seed") and prints a JSON array of answers
in the same order; a bad query gets an answer with "error" set and the others are still
answered (exit 0).

Options:
  --from SRC          where the connection starts
  --to DST            where it goes
  --queries FILE      many queries at once (JSON array)
  --via ENTRY         HTTP: enter through gateway/NS/NAME or ingress
  --method M          HTTP: the request method (default GET)
  --header K:V        HTTP: a request header (repeatable; Host overrides the URL's host)
  --json              print the contract's JSON answer
${CLUSTER_OPTIONS}`,
  check: `Usage:
  netplay check FILE... [--json]

Runs the checks of the Scenario document(s): one line per check (✓ or ✗, and why).
Exits 1 if any check fails; a Scenario without checks passes (exit 0).

Options:
  --json              print {"pass", "passed", "failed", "checks": [{"name", "from", "to",
                      "expect", "pass", "why", "answer"}]}, "answer" as trace --json gives it
${CLUSTER_OPTIONS}`,
  matrix: `Usage:
  netplay matrix FILE... [--port P] [--protocol PROTO] [--json]

The pod-to-pod reachability matrix (rows: from, columns: to; "." allowed, "X" denied, as in
the upstream Kubernetes e2e truth tables), one table for every port the destination pods
expose, or only for the port given.

Options:
  --port P            only this port (a number or a container port name)
  --protocol PROTO    TCP (default), UDP or SCTP
  --json              print {"pods", "podClasses", "ports": [{"port", "protocol", "rows",
                      "classRows"}], "enforced", "notes"}; past "expandLimit" pods only
                      "classRows" is filled (pods of one class behave alike)
${CLUSTER_OPTIONS}`,
  lint: `Usage:
  netplay lint FILE... [--json]

Validation only: every problem as "file:line:col: severity: message", in the API server's
words where it has such a rule, plus the project's warnings (a Service selecting no pod, a
policy selecting nothing, an Ingress naming a missing Service, a targetPort no pod exposes).
Exits 1 when there is at least one error; warnings and notes alone exit 0.

Options:
  --json              print the diagnostics as a JSON array of {"code", "severity",
                      "message", "path", "range", "ref"}
${CLUSTER_OPTIONS}`,
};

/** The help for one command, or the overview. Every text ends with the exit codes. */
export function helpText(topic?: CommandName): string {
  if (topic !== undefined) return `${TOPICS[topic]}\n\n${FILES}\n\n${EXIT_CODES}\n`;
  return `netplay: the kube-netplay engine on the command line.

Usage:
  netplay trace  FILE... --from SRC --to DST [--json]   follow one connection hop by hop
  netplay trace  FILE... --queries QUERIES.json --json  answer many queries in one run
  netplay check  FILE... [--json]                       run the Scenario's checks
  netplay matrix FILE... [--port P] [--protocol PROTO] [--json]
                                                        pod-to-pod reachability matrix
  netplay lint   FILE... [--json]                       validate the manifests
  netplay help COMMAND | netplay COMMAND --help         help for one command
  netplay --version

Options for every command:
${CLUSTER_OPTIONS}

${FILES}

${EXIT_CODES}
`;
}
