/**
 * The account model's public surface: loaders (pure: text and uri in), the merge into accounts,
 * the lookup index, and, for the language server, the policies embedded in templates.
 */
export * from './model';
export { loadAuthorizationDetails, looksLikeAuthorizationDetails } from './authorizationDetails';
export { loadCloudFormationTemplate } from './cloudformation/loadTemplate';
export { findEmbeddedPolicies, type EmbeddedPolicy } from './cloudformation/embeddedPolicies';
export { hasPlaceholder, placeholder } from './cloudformation/intrinsics';
export { ASSUMED_ACCOUNT_ID, ASSUMED_REGION, type TemplateOptions } from './cloudformation/templateOptions';
export { looksLikeCloudFormationTemplate } from './cloudformation/templateTree';
export { accountFileSteps, detectAccountFileFormat, loadAccountFile, type AccountFileFormat } from './loadAccountFile';
export { accountModelSteps, buildAccountModel, isAwsManagedPolicyArn, type AccountModelOptions } from './accountModel';
export { runToEnd, type LoadSteps } from './loadSteps';
export {
  AccountIndex,
  AWS_MANAGED_POLICY_SCHEME,
  awsManagedPolicyUri,
  type IdentityPolicy,
  type ManagedPolicyReference,
  type PolicyUse,
  type PolicyVia,
} from './accountIndex';
export { ACCOUNT_PROBLEMS, type AccountProblemCode } from './problems';
