/**
 * The evaluation engine's public surface: compile policies once, evaluate many requests.
 * Pure: plain data in, plain data out, in node, a web worker and the CLI alike.
 */
export { compilePolicies, type CompiledPolicies } from './compile';
export { evaluateActions, evaluateRequest, type ActionExpander } from './evaluate';
export { parseRequestPrincipal, type RequestPrincipal } from './requestPrincipal';
export * from './types';
