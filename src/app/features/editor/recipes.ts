/**
 * Recipes: the NetworkPolicies people write every day, each with a one-line comment saying what
 * it does, inserted as a new YAML document after the document under the cursor (a menu entry
 * per recipe, and snippet completions on an empty line). Pure data and one pure edit: the unit
 * tests load every recipe into the engine and check that it does what its comment says.
 */
import type { TextEdit } from './fix-edit';

export interface Recipe {
  /** `deny-all-ingress`: the action id and the snippet's prefix (`recipe-deny-all-ingress`). */
  readonly id: string;
  readonly title: string;
  /** One YAML document, starting with its one-line comment. */
  readonly yaml: string;
}

export const RECIPES: readonly Recipe[] = [
  {
    id: 'deny-all-ingress',
    title: 'Deny all ingress',
    yaml: `# Every pod in default accepts no connection from anywhere (they can still connect out).
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all-ingress
  namespace: default
spec:
  podSelector: {}
  policyTypes: [Ingress]
`,
  },
  {
    id: 'deny-all-egress-but-dns',
    title: 'Deny all egress but DNS',
    yaml: `# Pods in default may connect out only to the cluster DNS (kube-dns, UDP and TCP 53).
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all-egress-but-dns
  namespace: default
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
`,
  },
  {
    id: 'allow-same-namespace',
    title: 'Allow from the same namespace',
    yaml: `# Pods in default accept connections from every pod in default, and from nowhere else.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-same-namespace
  namespace: default
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector: {}
`,
  },
  {
    id: 'allow-from-namespace-by-label',
    title: 'Allow from a namespace by label',
    yaml: `# Pods in default accept connections from every pod of the namespaces labelled team=frontend.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-from-team-frontend
  namespace: default
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              team: frontend
`,
  },
  {
    id: 'allow-ingress-controller',
    title: 'Allow the ingress controller',
    yaml: `# Pods in default accept connections from the ingress-nginx controller pods only.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-ingress-controller
  namespace: default
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ingress-nginx
          podSelector:
            matchLabels:
              app.kubernetes.io/name: ingress-nginx
`,
  },
  {
    id: 'allow-egress-to-cidr-except',
    title: 'Allow egress to an external CIDR except a range',
    yaml: `# Pods in default may connect out only to 203.0.113.0/24, except 203.0.113.128/25.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-egress-to-cidr
  namespace: default
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 203.0.113.0/24
            except: [203.0.113.128/25]
`,
  },
];

const SEPARATOR = /^---(\s|$)/;

/**
 * The edit that inserts `yaml` as a new document after the document holding `line` (before the
 * next `---`, or at the end of the text); into an empty text, the document alone.
 *
 * @example applyTextEdit(text, toRecipeEdit(text, 3, RECIPES[0].yaml))
 */
export function toRecipeEdit(text: string, line: number, yaml: string): TextEdit {
  const body = yaml.endsWith('\n') ? yaml : `${yaml}\n`;
  const lines = text.split('\n');
  if (!/\S/.test(text)) {
    return { startLineNumber: 1, startColumn: 1, endLineNumber: lines.length, endColumn: (lines.at(-1) ?? '').length + 1, text: body };
  }
  // The cursor on a `---` line belongs to the document below it.
  for (let i = Math.max(0, line); i < lines.length; i++) {
    if (SEPARATOR.test(lines[i]!)) {
      return { startLineNumber: i + 1, startColumn: 1, endLineNumber: i + 1, endColumn: 1, text: `---\n${body}` };
    }
  }
  const last = lines.length;
  const lastText = lines[last - 1] ?? '';
  const prefix = lastText === '' ? '---\n' : '\n---\n';
  return { startLineNumber: last, startColumn: lastText.length + 1, endLineNumber: last, endColumn: lastText.length + 1, text: `${prefix}${body}` };
}
