/**
 * Links into a service's page of the Service Authorization Reference. The page has one
 * table per section, anchored "<page>-actions-as-permissions", "<page>-resources-for-iam-policies"
 * and "<page>-policy-keys" (e.g. list_amazons3.html#amazons3-actions-as-permissions); there are
 * no anchors for single actions.
 */

export type ServiceReferenceSection = 'actions' | 'resourceTypes' | 'conditionKeys';

const anchorSuffix: Record<ServiceReferenceSection, string> = {
  actions: 'actions-as-permissions',
  resourceTypes: 'resources-for-iam-policies',
  conditionKeys: 'policy-keys',
};

export function serviceReferenceSectionUrl(serviceDocUrl: string, section: ServiceReferenceSection): string {
  const page = /\/list_([^/]+)\.html$/.exec(serviceDocUrl)?.[1];
  return page === undefined ? serviceDocUrl : `${serviceDocUrl}#${page}-${anchorSuffix[section]}`;
}
