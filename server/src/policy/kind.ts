/**
 * Which kind of policy a document is. Checks, completion and the engine all depend on it: an
 * identity policy has no Principal, a trust policy has no Resource, an SCP never grants.
 *
 * Decided in order (first answer wins): an explicit choice (per-glob setting, or the user's
 * pick), the file name convention, where the policy sits (for example a CloudFormation
 * AssumeRolePolicyDocument), then the content. See access_policies.md for the kinds.
 */
import { POLICY_KIND_LABELS, type PolicyKindType } from '../protocolValues';
import type { PolicyAst } from './ast';

export type { PolicyKindType };

export interface PolicyKind {
  readonly type: PolicyKindType;
  /** For resource policies, the service whose resource carries the policy (s3, kms, sqs...), when known. */
  readonly resourceService?: string;
  /** How the kind was decided, shown to the user next to the kind. */
  readonly source: 'setting' | 'file-name' | 'location' | 'content' | 'default';
}

export { POLICY_KIND_LABELS };

export const POLICY_KIND_TYPES = Object.keys(POLICY_KIND_LABELS) as PolicyKindType[];

export function isPolicyKindType(value: unknown): value is PolicyKindType {
  return typeof value === 'string' && value in POLICY_KIND_LABELS;
}

/** Kinds whose statements name a principal (resource-based policies, including trust policies). */
export function kindHasPrincipal(kind: PolicyKindType): boolean {
  return kind === 'resource' || kind === 'trust' || kind === 'endpoint';
}

interface FileNameRule {
  readonly suffix: string;
  readonly type: PolicyKindType;
  readonly resourceService?: string;
}

/**
 * File-name conventions, documented in the README. The suffix is matched case-insensitively
 * against the end of the file name.
 */
export const FILE_NAME_CONVENTIONS: readonly FileNameRule[] = [
  { suffix: '.trust.json', type: 'trust' },
  { suffix: '.trust-policy.json', type: 'trust' },
  { suffix: '.assume-role.json', type: 'trust' },
  { suffix: '.scp.json', type: 'scp' },
  { suffix: '.rcp.json', type: 'rcp' },
  { suffix: '.boundary.json', type: 'boundary' },
  { suffix: '.permissions-boundary.json', type: 'boundary' },
  { suffix: '.session.json', type: 'session' },
  { suffix: '.session-policy.json', type: 'session' },
  { suffix: '.endpoint.json', type: 'endpoint' },
  { suffix: '.vpce.json', type: 'endpoint' },
  { suffix: '.bucket-policy.json', type: 'resource', resourceService: 's3' },
  { suffix: '.key-policy.json', type: 'resource', resourceService: 'kms' },
  { suffix: '.queue-policy.json', type: 'resource', resourceService: 'sqs' },
  { suffix: '.topic-policy.json', type: 'resource', resourceService: 'sns' },
  { suffix: '.secret-policy.json', type: 'resource', resourceService: 'secretsmanager' },
  { suffix: '.repository-policy.json', type: 'resource', resourceService: 'ecr' },
  { suffix: '.resource-policy.json', type: 'resource' },
  { suffix: '.resource.json', type: 'resource' },
  { suffix: '.identity.json', type: 'identity' },
];

export function kindFromFileName(path: string): PolicyKind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const rule = FILE_NAME_CONVENTIONS.find((candidate) => name.endsWith(candidate.suffix));
  return rule ? { type: rule.type, resourceService: rule.resourceService, source: 'file-name' } : undefined;
}

/** Actions that only a role trust policy grants (id_roles_terms-and-concepts.md, id_session-tags.md). */
const TRUST_ACTIONS = new Set([
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
  'rolesanywhere:createsession',
]);

/** Services whose resource policies we can name from their actions. */
const RESOURCE_POLICY_SERVICES = new Set([
  's3',
  'kms',
  'sqs',
  'sns',
  'secretsmanager',
  'ecr',
  'lambda',
  'glacier',
  'es',
  'logs',
  'events',
  'backup',
  'codeartifact',
  'elasticfilesystem',
  'apigateway',
  'execute-api',
  'dynamodb',
  'kinesis',
  's3-object-lambda',
  'ssm-incidents',
]);

/** The content-based guess: a Principal means a resource policy; sts:AssumeRole* with a principal means trust. */
export function kindFromContent(ast: PolicyAst): PolicyKind {
  const withPrincipal = ast.statements.filter((statement) => statement.principal || statement.notPrincipal);
  if (withPrincipal.length === 0) return { type: 'identity', source: ast.statements.length ? 'content' : 'default' };
  const actions = withPrincipal.flatMap((statement) => (statement.action?.values ?? []).map((action) => action.value.toLowerCase()));
  if (actions.length > 0 && actions.every((action) => TRUST_ACTIONS.has(action))) return { type: 'trust', source: 'content' };
  const services = new Set<string>();
  for (const statement of ast.statements) {
    for (const action of [...(statement.action?.values ?? []), ...(statement.notAction?.values ?? [])]) {
      const colon = action.value.indexOf(':');
      if (colon > 0) services.add(action.value.slice(0, colon).toLowerCase());
    }
    for (const resource of statement.resource?.values ?? []) {
      const service = resource.value.split(':')[2];
      if (service && service !== '*') services.add(service.toLowerCase());
    }
  }
  const named = [...services].filter((service) => RESOURCE_POLICY_SERVICES.has(service));
  return { type: 'resource', resourceService: named.length === 1 ? named[0] : undefined, source: 'content' };
}

export interface KindInputs {
  /** The user's explicit choice: a per-glob setting or a pick from the status item. */
  readonly explicit?: PolicyKind;
  /** The document's path or URI. */
  readonly path?: string;
  /** The kind implied by where the policy sits (for example inside a CloudFormation template). */
  readonly location?: PolicyKind;
}

export function decidePolicyKind(ast: PolicyAst, inputs: KindInputs = {}): PolicyKind {
  return inputs.explicit ?? (inputs.path ? kindFromFileName(inputs.path) : undefined) ?? inputs.location ?? kindFromContent(ast);
}
