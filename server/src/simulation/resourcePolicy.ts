/**
 * The resource-based policy of the requested resource, when the account model has it: a
 * role's trust policy for an STS action on the role ("IAM role trust policies ... must
 * explicitly allow access for principals", reference_policies_evaluation-logic.md), or a
 * bucket, queue, topic or key policy from a CloudFormation template. A bucket policy also
 * covers the bucket's objects.
 */
import type { AccountIndex } from '../account';
import { parseArn } from '../policy/arn';
import type { SimulationPolicy } from './policySources';

export function resourcePolicyOf(index: AccountIndex, action: string, resource: string): SimulationPolicy | undefined {
  const arn = parseArn(resource);
  if (!arn) return undefined;
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  if (arn.service === 'iam' && arn.resource.startsWith('role/') && (service === 'sts' || service === '*')) {
    const role = index.principal(resource);
    if (role?.type === 'role' && role.trustPolicy) {
      return { type: 'resource', id: `trust policy of role ${role.name}`, via: `role ${role.name}`, origin: 'account', document: role.trustPolicy };
    }
    return undefined;
  }
  const exact = index.resourcePoliciesFor(resource);
  const bucket = arn.service === 's3' && exact.length === 0 && arn.resource.includes('/') ? index.resourcePoliciesFor(`arn:${arn.partition}:s3:::${arn.resource.slice(0, arn.resource.indexOf('/'))}`) : [];
  const [found] = [...exact, ...bucket];
  return found && { type: 'resource', id: `${found.resourceType} ${found.logicalId}`, via: found.resourceArns.join(', '), origin: 'account', document: found.document };
}
