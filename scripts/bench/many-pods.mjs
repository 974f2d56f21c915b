/**
 * B9's 2,000-pod graph, shared by the bench and the e2e that clicks on it: `total / 50`
 * Deployments of 50 replicas in 4 namespaces, a Service each, no policy. A graph-size case (the
 * engine's own 2,000-pod cost is the engine bench's business).
 */
export function manyPods(total) {
  const docs = [];
  for (let d = 0; d < total / 50; d++) {
    const ns = `team-${d % 4}`;
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${d}, namespace: ${ns}}
spec:
  replicas: 50
  selector: {matchLabels: {app: app-${d}}}
  template:
    metadata: {labels: {app: app-${d}}}
    spec:
      containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]
`);
    docs.push(`apiVersion: v1
kind: Service
metadata: {name: app-${d}, namespace: ${ns}}
spec:
  selector: {app: app-${d}}
  ports: [{port: 80, targetPort: 8080}]
`);
  }
  return docs.join('---\n');
}
