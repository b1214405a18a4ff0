/**
 * The simulation request file of `iam-policy-studio simulate --request FILE`:
 *
 *   {"request": {"principal", "action", "resource", "resourceAccount"?, "context": {KEY: string or array}},
 *    "policies": {"identity": [DOC...], "resource": DOC, "permissionsBoundary": DOC, "session": DOC,
 *                 "scp": [[DOC...] per level, root first], "rcp": [[DOC...]], "endpoint": DOC}}
 *
 * A DOC is a policy object, its JSON text, an AWS managed policy ARN, or a path to a policy file
 * (relative to the request file). Reading checks the shape and names the first problem by its
 * place in the file; resolving ARNs and paths is the caller's (it needs the catalog and files).
 */
import type { ContextValue, SimulationRequest } from './types';

export type PolicyReference =
  | { readonly kind: 'inline'; readonly at: string; readonly json: unknown }
  | { readonly kind: 'managed'; readonly at: string; readonly arn: string }
  | { readonly kind: 'file'; readonly at: string; readonly path: string };

export interface PolicyReferences {
  readonly identity?: readonly PolicyReference[];
  readonly resource?: PolicyReference;
  readonly permissionsBoundary?: PolicyReference;
  readonly session?: PolicyReference;
  readonly scp?: readonly (readonly PolicyReference[])[];
  readonly rcp?: readonly (readonly PolicyReference[])[];
  readonly endpoint?: PolicyReference;
}

export interface SimulationFile {
  readonly request: SimulationRequest;
  readonly policies: PolicyReferences;
}

const REQUEST_KEYS = ['principal', 'action', 'resource', 'resourceAccount', 'context'];
const POLICY_KEYS = ['identity', 'resource', 'permissionsBoundary', 'session', 'scp', 'rcp', 'endpoint'];

class FileProblem extends Error {}

/** The file's content (already JSON-parsed) as a request and policy references, or the first problem. */
export function readSimulationFile(json: unknown): SimulationFile | { readonly problem: string } {
  try {
    const root = object(json, 'the request file');
    unknownKeys(root, ['request', 'policies'], '');
    return { request: readRequest(object(root.request, 'request')), policies: readPolicies(root.policies === undefined ? {} : object(root.policies, 'policies')) };
  } catch (error) {
    if (error instanceof FileProblem) return { problem: error.message };
    throw error;
  }
}

function readRequest(request: Record<string, unknown>): SimulationRequest {
  unknownKeys(request, REQUEST_KEYS, 'request.');
  const principal = string(request.principal, 'request.principal');
  const action = string(request.action, 'request.action');
  if (!/^[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+$/.test(action)) throw new FileProblem(`request.action must look like "service:Action" (wildcards allowed); got "${action}".`);
  const resource = string(request.resource, 'request.resource');
  const resourceAccount = request.resourceAccount === undefined ? undefined : string(request.resourceAccount, 'request.resourceAccount');
  if (resourceAccount !== undefined && !/^\d{12}$/.test(resourceAccount)) throw new FileProblem(`request.resourceAccount must be a 12-digit account id; got "${resourceAccount}".`);
  const context: Record<string, ContextValue> = {};
  for (const [key, value] of Object.entries(request.context === undefined ? {} : object(request.context, 'request.context'))) {
    context[key] = contextValue(value, `request.context["${key}"]`);
  }
  return { principal, action, resource, resourceAccount, context };
}

function contextValue(value: unknown, at: string): ContextValue {
  if (Array.isArray(value)) return value.map((item, index) => scalar(item, `${at}[${index}]`));
  return scalar(value, at);
}

/** Numbers and booleans are accepted and read as their text, as AWS reads condition values. */
function scalar(value: unknown, at: string): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new FileProblem(`${at} must be a string (or an array of strings for a multivalued key).`);
}

function readPolicies(policies: Record<string, unknown>): PolicyReferences {
  unknownKeys(policies, POLICY_KEYS, 'policies.');
  const single = (key: string) => (policies[key] === undefined ? undefined : reference(policies[key], `policies.${key}`));
  const list = (value: unknown, at: string) => array(value, at).map((item, index) => reference(item, `${at}[${index}]`));
  const levels = (key: string) =>
    policies[key] === undefined ? undefined : array(policies[key], `policies.${key}`).map((level, index) => list(level, `policies.${key}[${index}]`));
  return {
    identity: policies.identity === undefined ? undefined : list(policies.identity, 'policies.identity'),
    resource: single('resource'),
    permissionsBoundary: single('permissionsBoundary'),
    session: single('session'),
    scp: levels('scp'),
    rcp: levels('rcp'),
    endpoint: single('endpoint'),
  };
}

function reference(value: unknown, at: string): PolicyReference {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { kind: 'inline', at, json: value };
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('{')) {
      try {
        return { kind: 'inline', at, json: JSON.parse(text) };
      } catch (error) {
        throw new FileProblem(`${at} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (text.startsWith('arn:')) return { kind: 'managed', at, arn: text };
    if (text !== '') return { kind: 'file', at, path: text };
  }
  throw new FileProblem(`${at} must be a policy object, its JSON text, an AWS managed policy ARN or a path to a policy file.`);
}

function object(value: unknown, at: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new FileProblem(`${at} must be a JSON object.`);
  return value as Record<string, unknown>;
}

function array(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) throw new FileProblem(`${at} must be an array.`);
  return value;
}

function string(value: unknown, at: string): string {
  if (typeof value !== 'string' || value === '') throw new FileProblem(`${at} must be a non-empty string.`);
  return value;
}

function unknownKeys(value: Record<string, unknown>, known: readonly string[], prefix: string): void {
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new FileProblem(`unknown key "${prefix}${unknown}"; expected one of ${known.map((key) => prefix + key).join(', ')}.`);
}
