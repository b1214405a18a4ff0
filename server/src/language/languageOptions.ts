/**
 * What completion and hover know beyond the document and the catalog: the user's default
 * account and region (settings `iamPolicyStudio.defaultAccountId` / `defaultRegion`, later also
 * the loaded account model), principals from an account model, and the clock.
 */

export interface KnownPrincipal {
  readonly arn: string;
  /** "user", "role"...: shown next to the ARN. */
  readonly type: string;
}

export interface LanguageSettings {
  /** A 12-digit account id pre-filled into ARN templates and principals. */
  readonly defaultAccountId?: string;
  /** A Region code ("eu-west-1") pre-filled into ARN templates and region conditions. */
  readonly defaultRegion?: string;
}

export interface LanguageOptions extends LanguageSettings {
  /** Service principal names ("lambda.amazonaws.com"), when loaded for the cursor's context. */
  readonly servicePrincipals?: readonly string[];
  /** Users and roles of a loaded account model. */
  readonly knownPrincipals?: readonly KnownPrincipal[];
  /** The time offered for date conditions; the server passes the current time, tests a fixed one. */
  readonly now?: Date;
  /** ARN partition for templates; "aws" unless the account model says otherwise. */
  readonly partition?: string;
}

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Reads the `iamPolicyStudio` settings section; wrong values are ignored rather than pre-filled. */
export function readLanguageSettings(raw: unknown): LanguageSettings {
  if (!raw || typeof raw !== 'object') return {};
  const section = raw as Record<string, unknown>;
  const account = typeof section.defaultAccountId === 'string' ? section.defaultAccountId.trim() : '';
  const region = typeof section.defaultRegion === 'string' ? section.defaultRegion.trim() : '';
  return {
    defaultAccountId: ACCOUNT_ID.test(account) ? account : undefined,
    defaultRegion: REGION.test(region) ? region : undefined,
  };
}
