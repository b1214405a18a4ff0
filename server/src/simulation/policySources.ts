/**
 * The policies one simulation evaluates, each with where it came from: the account model (a
 * user's inline policy, a managed policy attached through a group, a boundary, a role's trust
 * policy), a bundled AWS managed policy, or a policy file of the workspace. The engine names a
 * statement by policy id and statement index; these records turn that back into a file, a range
 * in it and the statement's text.
 */
import type { Range } from 'vscode-languageserver-types';
import type { PolicyType } from '../engine';
import type { PolicyAst } from '../policy/ast';
import { parsePolicy } from '../policy/parse';
import type { SimulatedPolicy } from '../protocol';

/** A policy document that can say where its statements are. The account model's PolicyDocument is one. */
export interface LocatableDocument {
  readonly text: string;
  readonly ast: PolicyAst;
  /** Absent for a policy the simulation adds itself (AWS's default FullAWSAccess SCP). */
  readonly source?: { readonly uri: string; readonly range?: Range };
  /** For a managed policy: its ARN (a bundled AWS managed policy is named by it in a CLI request file). */
  readonly arn?: string;
  /** A range of `text` (what `ast` ranges are in) -> the range in `source.uri`. */
  toSourceRange(range: Range): Range;
}

export interface SimulationPolicy {
  readonly type: PolicyType;
  /** Unique among the policies of one run: the engine's `policyId`. */
  readonly id: string;
  /** SCP and RCP level (0 = organization root). */
  readonly level?: number;
  /** How the policy reaches the principal, in words: "attached to group Developers". */
  readonly via?: string;
  readonly origin: SimulatedPolicy['origin'];
  readonly document: LocatableDocument;
}

/** An open document or a workspace file: its text is its own source. */
export function workspaceDocument(uri: string, text: string, ast: PolicyAst = parsePolicy(text)): LocatableDocument {
  return { text, ast, source: { uri }, toSourceRange: (range) => range };
}

/** A document with no file behind it (the simulation's own additions). */
export function unsourcedDocument(text: string): LocatableDocument {
  return { text, ast: parsePolicy(text), toSourceRange: (range) => range };
}

/** What the panel lists about a policy. */
export function describePolicy(policy: SimulationPolicy): SimulatedPolicy {
  const source = policy.document.source;
  return {
    type: policy.type,
    id: policy.id,
    level: policy.level,
    via: policy.via,
    origin: policy.origin,
    uri: source?.uri,
    range: source?.range,
  };
}

/**
 * "FullAWSAccess", the SCP AWS Organizations attaches to every root, OU and account when SCPs
 * are enabled (AWS Organizations User Guide, "Service control policies"; not in the reference
 * folder). The simulation adds it to a level of SCPs that
 * the user picked when none of them allows anything (a deny-list strategy keeps it attached).
 */
export const FULL_AWS_ACCESS_SCP = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}`;
