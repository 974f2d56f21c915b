/**
 * The preset dictionary of share-link format 2: common Kubernetes manifest YAML and the fields of
 * the Scenario document. Deflate may copy any phrase from it as if it had come just before the
 * text, so a short link needs no room for `apiVersion: networking.k8s.io/v1` and the like.
 *
 * FROZEN FOREVER for format 2: every `#s=2.` link ever made decodes only with exactly these
 * characters. Never edit, reorder or reformat this string (not even its whitespace); a better
 * dictionary needs format 3, with this one kept for reading old links.
 *
 * The most common phrases are at the END: deflate reaches nearby text with shorter distance codes.
 */
export const SHARE_DICTIONARY_V2 = `type: LoadBalancer
type: NodePort
nodePort: 30080
externalTrafficPolicy: Local
loadBalancerIP:
sessionAffinity: ClientIP
clusterIP: None
ipBlock:
  cidr: 0.0.0.0/0
  except: [10.0.0.0/8]
namespaceSelector: {}
podSelector: {}
protocol: UDP
port: 53
k8s-app: kube-dns
namespace: kube-system
kubernetes.io/metadata.name: kube-system
kubernetes.io/metadata.name: ingress-nginx
ingressClassName: nginx
nodeName: node-1
nodeName: node-2
bareMetal: true
loadBalancerPool:
deletedPods: []
cni: flannel
cni: cilium
cni: calico
nodes: 3
---
apiVersion: v1
kind: Namespace
metadata:
  name: production
  labels:
    team:
---
apiVersion: v1
kind: Pod
metadata: {name: debug, labels: {app: debug}}
spec: {containers: [{name: sh, image: busybox}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: backend
  namespace: default
spec:
  replicas: 3
  selector:
    matchLabels:
      app: backend
  template:
    metadata:
      labels:
        app: backend
    spec:
      containers:
        - name: api
          image: my-api
          ports:
            - containerPort: 8080
          ports: [{containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata:
  name: frontend-service
spec:
  type: ClusterIP
  selector:
    app: frontend
  ports:
    - name: http
      protocol: TCP
      port: 80
      targetPort: 8080
  selector: {app: frontend}
  ports: [{port: 80, targetPort: 80}]
spec: {selector: {app: backend}, ports: [{port: 8080}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: webapp-ingress
spec:
  rules:
  - host: example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: frontend-service
            port:
              number: 80
          service: {name: backend-service, port: {number: 8080}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  policyTypes:
    - Ingress
    - Egress
  egress:
    - to:
        - podSelector:
            matchLabels:
              app: database
      ports:
        - protocol: TCP
          port: 3306
  ingress:
    - from:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
        - podSelector: {matchLabels: {app: frontend}}
      ports: [{port: 8080}]
  podSelector:
    matchLabels:
      app: backend
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: frontend
      ports:
        - protocol: TCP
          port: 8080
  podSelector: {matchLabels: {app: backend}}
---
apiVersion: netplay.dev/v1
kind: Scenario
metadata:
  name:
cni: calico
nodes: 2
checks:
  - name: the frontend reaches the backend
    from: internet
    to: http://example.com/
    expect: {status: 200, backend: service/default/frontend-service:80}
    expect: {endpoints: [default/backend-0, default/backend-1]}
    from: pod/default/frontend
    to: service/default/backend-service:8080
    from: deployment/default/frontend
    to: deployment/default/backend:8080
    expect: {verdict: deny}
    expect: {verdict: allow}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name:
spec:
  selector: {matchLabels: {app:
  template:
    metadata: {labels: {app:
    spec:
      containers:
---
apiVersion: v1
kind: Service
metadata:
  name:
spec:
  selector: {app:
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name:
spec:
`;
