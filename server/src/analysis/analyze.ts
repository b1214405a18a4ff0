/**
 * Runs the registered checks over one parsed policy and applies the user's configuration
 * (disabled codes, changed severities). Used by the server and the CLI alike.
 */
import type { Catalog } from '../catalog/catalog';
import type { PolicyAst } from '../policy/ast';
import type { PolicyKind } from '../policy/kind';
import type { CheckFamily, CheckInput } from './check';
import type { Finding, FindingSeverity } from './finding';
import { withDocumentMemos } from './documentMemo';
import { CHECK_FAMILIES, checkInfo } from './registry';
import { servicesNamedByWildcards } from './wildcards';
import { withoutIgnored, type DocumentIgnoreRule } from './ignore';
import type { QuotaSettings } from './quotas';
import { detached } from './detached';

export interface AnalysisOptions {
  /** Codes the user turned off. */
  readonly disabledCodes?: readonly string[];
  /** Per-code severity overrides, or 'off'. */
  readonly severityOverrides?: Readonly<Record<string, FindingSeverity | 'off'>>;
  /** iamPolicyStudio.ignoreFindings rules whose path matches this document (see ignore.ts). */
  readonly ignoredFindings?: readonly DocumentIgnoreRule[];
  /** Which size limits apply (iamPolicyStudio.identityPolicyQuota, trustPolicyQuota). */
  readonly quotas?: QuotaSettings;
  /**
   * False: the findings carry no quick fixes, and the costly ones (wildcard expansions, ARN
   * templates) are not computed. For callers that show none, such as the CLI.
   */
  readonly fixes?: boolean;
}

/**
 * Loads the catalog entries of every service the document names. Awaited before analyzePolicy,
 * so the checks themselves stay synchronous; only the services named are read, never the whole
 * catalog, so typing never waits for it.
 */
export async function prepareAnalysis(ast: PolicyAst, catalog: Catalog): Promise<void> {
  if (catalog.allServicesLoaded()) return;
  const services = servicesReferenced(ast);
  // Keys such as saml:aud or accounts.google.com:sub are defined in another service's data (sts).
  for (const statement of ast.statements) {
    for (const operator of statement.condition?.operators ?? []) for (const key of operator.keys) for (const owner of keyOwners(catalog, key.key)) services.add(owner);
  }
  // Partial service wildcards ("s3*:Get*") reach a few services; the wildcard fixes list their actions.
  for (const prefix of servicesNamedByWildcards(ast, catalog)) services.add(prefix);
  await catalog.ensureServices(services);
}

/** catalog.conditionKeyServices by key name, per catalog: it reads only the catalog's index, and keys repeat. */
const MAX_CACHED_KEY_OWNERS = 5000;
const keyOwnersByCatalog = new WeakMap<Catalog, Map<string, readonly string[]>>();

function keyOwners(catalog: Catalog, key: string): readonly string[] {
  let cache = keyOwnersByCatalog.get(catalog);
  if (!cache) keyOwnersByCatalog.set(catalog, (cache = new Map()));
  let owners = cache.get(key);
  if (!owners) {
    owners = catalog.conditionKeyServices(key);
    if (cache.size >= MAX_CACHED_KEY_OWNERS) cache.clear();
    cache.set(detached(key), owners);
  }
  return owners;
}

/** Service prefixes named by actions, resource ARNs and condition keys (any case, unknown ones included). */
export function servicesReferenced(ast: PolicyAst): Set<string> {
  const services = new Set<string>();
  const addPrefix = (value: string) => {
    const colon = value.indexOf(':');
    if (colon > 0) services.add(value.slice(0, colon).toLowerCase());
  };
  for (const statement of ast.statements) {
    for (const list of [statement.action, statement.notAction]) for (const value of list?.values ?? []) addPrefix(value.value);
    for (const list of [statement.resource, statement.notResource]) {
      for (const value of list?.values ?? []) {
        const service = thirdField(value.value);
        if (service) services.add(service.toLowerCase());
      }
    }
    for (const operator of statement.condition?.operators ?? []) for (const key of operator.keys) addPrefix(key.key);
  }
  services.delete('*');
  return services;
}

/** `text.split(':')[2]` without splitting the rest. */
function thirdField(text: string): string | undefined {
  const first = text.indexOf(':');
  const second = first < 0 ? -1 : text.indexOf(':', first + 1);
  if (second < 0) return undefined;
  const third = text.indexOf(':', second + 1);
  return text.slice(second + 1, third < 0 ? undefined : third);
}

/** The families with a check for the kind, in registry order; the registry never changes. */
const familiesByKind = new Map<PolicyKind['type'], readonly CheckFamily[]>();

function familiesFor(type: PolicyKind['type']): readonly CheckFamily[] {
  let families = familiesByKind.get(type);
  if (!families) {
    families = CHECK_FAMILIES.filter((family) => family.checks.some((check) => !check.kinds || check.kinds.includes(type)));
    familiesByKind.set(type, families);
  }
  return families;
}

export function analyzePolicy(ast: PolicyAst, kind: PolicyKind, catalog: Catalog, options: AnalysisOptions = {}): Finding[] {
  const disabled = new Set(options.disabledCodes ?? []);
  const overrides = options.severityOverrides ?? {};
  const withFixes = options.fixes !== false;
  const findings: Finding[] = [];
  // One input and one report function for every family (the input is read-only): ~40 families
  // run per document, and a cold run of many documents is partly garbage collection.
  const input: CheckInput = { ast, kind, catalog, quotas: options.quotas, fixes: withFixes };
  let family: CheckFamily | undefined;
  const report: Parameters<CheckFamily['run']>[1] = (code, finding) => {
    const info = checkInfo(code);
    if (!info) throw new Error(`Check family ${family?.name} reported undeclared code ${code}`);
    if (info.kinds && !info.kinds.includes(kind.type)) return;
    if (disabled.has(code)) return;
    const override = overrides[code];
    if (override === 'off') return;
    // Built field by field: findings come in many shapes from some 40 families, and copying them
    // with a spread went through V8's slow generic path (about 5 µs a finding).
    const kept: { -readonly [K in keyof Finding]: Finding[K] } = { code, severity: override ?? info.severity, message: finding.message, range: finding.range };
    if (finding.statementIndex !== undefined) kept.statementIndex = finding.statementIndex;
    if (withFixes && finding.fixes !== undefined) kept.fixes = finding.fixes;
    findings.push(kept);
  };
  withDocumentMemos(() => {
    for (const each of familiesFor(kind.type)) {
      family = each;
      each.run(input, report);
    }
  });
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return withoutIgnored(findings, ast, options.ignoredFindings ?? []);
}
