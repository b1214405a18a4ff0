/**
 * Which policies one principal's request is evaluated against: the principal's own (from the
 * account model), the resource's policy (from the model), and the workspace documents the user
 * added, each evaluated as the policy type it was given as. A document of a type the model
 * also has wins (the user is editing it). SCPs picked by the user form one level; when none of
 * them allows anything, AWS's default FullAWSAccess is added to that level with a note, since
 * every level needs an applicable Allow (reference_policies_evaluation-logic.md).
 */
import type { PolicyType } from '../engine';
import type { PrincipalPolicies } from './principalPolicies';
import { FULL_AWS_ACCESS_SCP, unsourcedDocument, type LocatableDocument, type SimulationPolicy } from './policySources';

/** A workspace document the user added, read and typed by the caller. */
export interface AddedDocument {
  readonly uri: string;
  /** Shown as the policy's id: the file name, or its path in the workspace. */
  readonly label: string;
  readonly type: PolicyType;
  readonly document: LocatableDocument;
}

export interface PolicySet {
  readonly policies: readonly SimulationPolicy[];
  readonly notes: readonly string[];
}

const SINGLE_TYPES: readonly PolicyType[] = ['resource', 'boundary', 'session', 'endpoint'];

export function buildPolicySet(principal: PrincipalPolicies | undefined, resourcePolicy: SimulationPolicy | undefined, added: readonly AddedDocument[], fullAwsAccess: () => LocatableDocument): PolicySet {
  const notes: string[] = [];
  const policies: SimulationPolicy[] = [];
  const ids = new Set<string>();
  const unique = (label: string) => {
    let id = label;
    for (let n = 2; ids.has(id); n++) id = `${label} (${n})`;
    ids.add(id);
    return id;
  };
  const addedOf = (type: PolicyType) => added.filter((document) => document.type === type);
  const fromDocument = (document: AddedDocument, level?: number): SimulationPolicy => ({
    type: document.type,
    id: unique(document.label),
    level,
    via: 'workspace document',
    origin: 'workspace',
    document: document.document,
  });

  // Ids are only compared with the labels of added documents: "who can" builds thousands of sets without any.
  const trackIds = added.length > 0;
  for (const policy of principal?.identity ?? []) {
    if (trackIds) ids.add(policy.id);
    policies.push(policy);
  }
  for (const document of addedOf('identity')) policies.push(fromDocument(document));

  for (const type of SINGLE_TYPES) {
    const documents = addedOf(type);
    const fromModel = type === 'boundary' ? principal?.boundary : type === 'resource' ? resourcePolicy : undefined;
    if (documents.length > 0) {
      policies.push(fromDocument(documents[0]));
      if (documents.length > 1) notes.push(`Only one ${type} policy applies to a request: ${documents[0].label} was used, ${documents.slice(1).map((document) => document.label).join(', ')} not.`);
      if (fromModel) notes.push(`${documents[0].label} was evaluated instead of the account model's ${type === 'boundary' ? 'permissions boundary' : 'resource-based policy'} ${fromModel.id}.`);
    } else if (fromModel) {
      if (trackIds) ids.add(fromModel.id);
      policies.push(fromModel);
    }
  }

  const scps = addedOf('scp');
  if (scps.length > 0) {
    for (const document of scps) policies.push(fromDocument(document, 0));
    if (!scps.some((document) => document.document.ast.statements.some((statement) => statement.effect?.value?.value === 'Allow'))) {
      policies.push({ type: 'scp', id: unique('FullAWSAccess'), level: 0, via: 'added: the chosen SCPs only deny', origin: 'implied', document: fullAwsAccess() });
      notes.push('The chosen SCPs have no Allow statement, so AWS\'s default FullAWSAccess SCP was added to their level: every SCP level must allow a request.');
    }
  }
  for (const document of addedOf('rcp')) policies.push(fromDocument(document, 0));
  return { policies, notes: [...(principal?.notes ?? []), ...notes] };
}

/** One FullAWSAccess document per caller, so that its compiled form is cached like any other. */
export function fullAwsAccessDocument(): LocatableDocument {
  return unsourcedDocument(FULL_AWS_ACCESS_SCP);
}
