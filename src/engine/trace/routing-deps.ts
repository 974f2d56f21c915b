/** The routing and policy functions the trace uses, from the rooms that own them, in one place. */
export { evaluateConnection } from '../policy/evaluate';
export { suggestFix } from '../policy/suggest';
export { selectEndpoints, pickEndpoint, endpointsOfPort } from '../routing/services';
export { traceNetworkPath } from '../routing/cni';
