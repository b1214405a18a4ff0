/**
 * Condition operators: names AWS does not know (or spells differently), Null with IfExists or
 * a set operator, an operator family that does not fit the key's type, ForAllValues on a
 * single-valued key and set operators on an audience claim.
 * Sources: reference_policies_elements_condition_operators.md,
 * reference_policies_multi-value-conditions.md, reference_policies_condition-keys.md ("Works
 * with"), access-analyzer-reference-policy-checks.md.
 */
import type { ConditionKeyType } from '../catalog/types';
import {
  BASE_CONDITION_OPERATORS,
  conditionOperatorNames,
  operatorName,
  parseConditionOperator,
  withBase,
  type BaseConditionOperator,
  type OperatorFamily,
  type ParsedConditionOperator,
} from '../policy/conditionOperator';
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';
import { conditionEntries, renameOperatorFix, resolveConditionKey, type ConditionEntry, type KnownKey } from './conditionsContext';
import type { FixData } from './finding';
import { nearest } from './nearest';

const checks: CheckInfo[] = [
  {
    code: 'INVALID_CONDITION_OPERATOR',
    severity: 'error',
    summary: 'A condition operator AWS does not know, or a known one spelled in the wrong case (operator names are case-sensitive).',
    accessAnalyzerTitle: 'Invalid condition operator',
    docs: accessAnalyzerDocs('error', 'Invalid condition operator'),
  },
  {
    code: 'NULL_WITH_IF_EXISTS',
    severity: 'error',
    summary: 'The Null operator with the IfExists suffix, which AWS does not accept.',
    accessAnalyzerTitle: 'Null with if exists',
    docs: accessAnalyzerDocs('error', 'Null with if exists'),
  },
  {
    code: 'NULL_WITH_QUALIFIER',
    severity: 'suggestion',
    summary: 'The Null operator with ForAllValues or ForAnyValue, which makes it always true or always false.',
    accessAnalyzerTitle: 'Null with qualifier',
    docs: accessAnalyzerDocs('suggestion', 'Null with qualifier'),
  },
  {
    code: 'TYPE_MISMATCH',
    severity: 'warning',
    summary: "The operator's family (String, Numeric, Date, Bool, IpAddress, Arn) does not fit the condition key's type.",
    accessAnalyzerTitle: 'Type mismatch',
    docs: accessAnalyzerDocs('general-warning', 'Type mismatch'),
  },
  {
    code: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY',
    severity: 'security-warning',
    summary: 'ForAllValues with a single-valued key: it is also true when the key is missing, which can be overly permissive.',
    accessAnalyzerTitle: 'ForAllValues with single valued key',
    docs: accessAnalyzerDocs('security-warning', 'ForAllValues with single valued key'),
  },
  {
    code: 'CONFIRM_AUDIENCE_CLAIM_TYPE',
    severity: 'suggestion',
    summary: "A set operator on an identity provider's aud claim: right only if the provider sends several audiences.",
    accessAnalyzerTitle: 'Confirm audience claim type',
    docs: accessAnalyzerDocs('suggestion', 'Confirm audience claim type'),
  },
];

type Report = Parameters<CheckFamily['run']>[1];

export const conditionOperatorChecks: CheckFamily = {
  name: 'condition operators',
  checks,
  run({ ast, catalog }, report) {
    for (const statement of ast.statements) {
      for (const operator of statement.condition?.operators ?? []) checkOperatorName(statement, operator, report);
      for (const entry of conditionEntries(statement)) {
        if (!entry.parsed || entry.parsed.nullWithIfExists) continue;
        const resolution = resolveConditionKey(catalog, entry.key.key);
        if (resolution.kind === 'known') {
          checkTypeMismatch(entry, entry.parsed, resolution.info, report);
          checkForAllValues(entry, entry.parsed, resolution.info, report);
        }
        checkAudience(entry, entry.parsed, report);
      }
    }
  },
};

function checkOperatorName(statement: ConditionEntry['statement'], operator: ConditionEntry['operator'], report: Report): void {
  // Parsed here rather than taken from conditionEntries: an operator with no keys is checked too.
  const parsed = parseConditionOperator(operator.operator);
  const statementIndex = statement.index;
  // Read when reporting: ranges are computed on first read, and most operators are fine.
  const range = () => operator.property.keyRange;
  const name = operator.operator;
  if (!parsed) {
    const suggestion = nearest(name, conditionOperatorNames());
    const fix = suggestion ? renameOperatorFix(statement, operator, suggestion) : undefined;
    report('INVALID_CONDITION_OPERATOR', {
      range: range(),
      statementIndex,
      message: `"${name}" is not a condition operator.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Use an operator such as StringEquals, StringLike, ArnLike, NumericLessThan, DateGreaterThan, Bool, IpAddress or Null, optionally with ForAllValues:/ForAnyValue: or IfExists.`,
      fixes: fix ? [fix] : undefined,
    });
    return;
  }
  if (parsed.nullWithIfExists) {
    const fixed = parsed.setOperator ? `${parsed.setOperator}:Null` : 'Null';
    const fix = renameOperatorFix(statement, operator, fixed, `Change to "${fixed}" (Null already tests whether the key exists)`);
    report('NULL_WITH_IF_EXISTS', {
      range: range(),
      statementIndex,
      message: `"${name}": the Null operator cannot take the IfExists suffix; Null itself tests whether the key is present. Use "${fixed}".`,
      fixes: fix ? [fix] : undefined,
    });
    return;
  }
  if (parsed.text !== parsed.canonical) {
    const fix = renameOperatorFix(statement, operator, parsed.canonical);
    report('INVALID_CONDITION_OPERATOR', {
      range: range(),
      statementIndex,
      message: `"${name}" is not a condition operator: operator names are case-sensitive. Write "${parsed.canonical}".`,
      fixes: fix ? [fix] : undefined,
    });
  }
  if (parsed.nullWithSetOperator) {
    const fix = renameOperatorFix(statement, operator, 'Null', 'Change to "Null"');
    report('NULL_WITH_QUALIFIER', {
      range: range(),
      statementIndex,
      message: `"${name}": with ${parsed.setOperator} the Null operator is always ${parsed.setOperator === 'ForAllValues' ? 'true' : 'false'}. Use plain "Null" to test whether the key is present, or StringLike with ${parsed.setOperator} to test its values.`,
      fixes: fix ? [fix] : undefined,
    });
  }
}

/** Operator families that fit a key type; ARN keys also take String operators ("Works with ARN operators and string operators"). */
const FAMILIES_BY_TYPE: Record<ConditionKeyType, readonly OperatorFamily[]> = {
  String: ['String'],
  ArrayOfString: ['String'],
  ARN: ['ARN', 'String'],
  ArrayOfARN: ['ARN', 'String'],
  Bool: ['Boolean'],
  ArrayOfBool: ['Boolean'],
  Date: ['Date'],
  Numeric: ['Numeric'],
  IPAddress: ['IPAddress'],
};

const FAMILY_LABELS: Record<OperatorFamily, string> = {
  String: 'String',
  Numeric: 'Numeric',
  Date: 'Date',
  Boolean: 'Bool',
  Binary: 'Binary',
  IPAddress: 'IpAddress',
  ARN: 'Arn',
  Null: 'Null',
};

function allowedFamilies(key: KnownKey): readonly OperatorFamily[] {
  return key.global?.operators ?? FAMILIES_BY_TYPE[key.type];
}

function checkTypeMismatch(entry: ConditionEntry, parsed: ParsedConditionOperator, key: KnownKey, report: Report): void {
  const family = parsed.base.family;
  // Null tests presence, whatever the type; Binary compares bytes and no key is typed binary.
  if (family === 'Null' || family === 'Binary') return;
  const allowed = allowedFamilies(key);
  if (allowed.includes(family)) return;
  const replacement = allowed.map((target) => equivalentOperator(parsed.base, target)).find((base) => base !== undefined);
  const name = replacement ? withBase(parsed, replacement) : undefined;
  const fix = name && entry.operator.keys.length === 1 ? renameOperatorFix(entry.statement, entry.operator, name) : undefined;
  const labels = allowed.map((target) => FAMILY_LABELS[target]).join(' or ');
  report('TYPE_MISMATCH', {
    range: entry.key.property.keyRange,
    statementIndex: entry.statement.index,
    message: `${entry.key.key} is a ${key.type} key; ${parsed.text} compares ${FAMILY_LABELS[family]} values. Use a ${labels} operator${name ? ` such as ${name}` : ''}.`,
    fixes: fix ? [fix] : undefined,
  });
}

/** The operator of `family` that compares the way `base` does (StringEquals -> Bool, NumericLessThan -> DateLessThan). */
function equivalentOperator(base: BaseConditionOperator, family: OperatorFamily): BaseConditionOperator | undefined {
  const candidates = BASE_CONDITION_OPERATORS.filter((candidate) => candidate.family === family && candidate.negated === base.negated);
  const sameComparison = candidates.find((candidate) => candidate.comparison === base.comparison);
  if (sameComparison) return sameComparison;
  const matching = ['equals', 'equalsIgnoreCase', 'like', 'inRange'];
  if (!matching.includes(base.comparison)) return undefined;
  // Equality-like comparisons map onto each other: StringLike -> ArnLike, ArnEquals -> StringEquals, StringEquals -> IpAddress.
  const preferred = base.wildcards ? ['like', 'equals', 'inRange'] : ['equals', 'inRange', 'like'];
  for (const comparison of preferred) {
    const found = candidates.find((candidate) => candidate.comparison === comparison);
    if (found) return found;
  }
  return undefined;
}

function checkForAllValues(entry: ConditionEntry, parsed: ParsedConditionOperator, key: KnownKey, report: Report): void {
  if (parsed.setOperator !== 'ForAllValues' || key.multiValued || parsed.base.family === 'Null') return;
  const name = operatorName(parsed.base, undefined, parsed.ifExists);
  const fix = entry.operator.keys.length === 1 ? renameOperatorFix(entry.statement, entry.operator, name, `Change to "${name}"`) : undefined;
  report('FORALLVALUES_WITH_SINGLE_VALUED_KEY', {
    range: entry.key.property.keyRange,
    statementIndex: entry.statement.index,
    message: `${entry.key.key} is single-valued: ForAllValues is also true when the request has no value for it, which can be overly permissive. Remove "ForAllValues:" (use ${name}).`,
    fixes: fix ? [fix] : undefined,
  });
}

function checkAudience(entry: ConditionEntry, parsed: ParsedConditionOperator, report: Report): void {
  const key = entry.key.key;
  if (!parsed.setOperator || !/:aud$/i.test(key) || /^(aws|saml):/i.test(key)) return;
  const name = operatorName(parsed.base, undefined, parsed.ifExists);
  const fix: FixData | undefined =
    entry.operator.keys.length === 1 ? renameOperatorFix(entry.statement, entry.operator, name, `Change to "${name}" (the claim is single-valued)`) : undefined;
  report('CONFIRM_AUDIENCE_CLAIM_TYPE', {
    range: entry.key.property.keyRange,
    statementIndex: entry.statement.index,
    message: `${key} is the token's audience claim. Keep ${parsed.setOperator}: only if your identity provider sends several audiences; for a single audience use ${name} without a set operator.`,
    fixes: fix ? [{ ...fix, preferred: false }] : undefined,
  });
}
