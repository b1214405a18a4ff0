/**
 * Condition values against their operator: JSON types, booleans, numbers, dates, base-64,
 * wildcards without a Like operator, redundant numeric bounds and VPC identifiers.
 * Sources: reference_policies_elements_condition_operators.md (what each family compares),
 * reference_policies_elements_condition.md, reference_policies_condition-keys.md
 * (aws:SourceVpc, aws:SourceVpce), access-analyzer-reference-policy-checks.md.
 * Values are read with the engine's parsers, so a value the checks accept is one the engine
 * can evaluate.
 */
import { decodeBase64, parseDate, parseNumber } from '../engine/conditionValues';
import type { ConditionValue, JsonValue, PolicyAst } from '../policy/ast';
import type { Catalog } from '../catalog/catalog';
import { BASE_CONDITION_OPERATORS, withBase, type OperatorFamily, type ParsedConditionOperator } from '../policy/conditionOperator';
import { hasVariables, parseTemplate } from '../policy/variables';
import { accessAnalyzerDocs, userGuideDocs, type CheckFamily, type CheckInfo } from './check';
import { conditionEntries, rawValueText, renameOperatorFix, resolveConditionKey, type ConditionEntry } from './conditionsContext';
import type { FixData } from './finding';
import { removeArrayItems, replaceWith } from './fixEdits';

const checks: CheckInfo[] = [
  {
    code: 'DATA_TYPE_MISMATCH',
    severity: 'error',
    summary: 'A condition value of a JSON type the operator cannot read (a JSON boolean for a number, a JSON number for Bool...).',
    accessAnalyzerTitle: 'Data type mismatch',
    docs: accessAnalyzerDocs('error', 'Data type mismatch'),
  },
  {
    code: 'INVALID_CONDITION_DATA_TYPE',
    severity: 'error',
    summary: 'The values of one condition key mix JSON types (strings with numbers or booleans).',
    accessAnalyzerTitle: 'Invalid condition data type',
    docs: accessAnalyzerDocs('error', 'Invalid condition data type'),
  },
  {
    code: 'INVALID_CONDITION_MULTIPLE_BOOLEAN',
    severity: 'error',
    summary: 'A Bool condition with several values for a single-valued key.',
    accessAnalyzerTitle: 'Invalid condition multiple Boolean',
    docs: accessAnalyzerDocs('error', 'Invalid condition multiple Boolean'),
  },
  {
    code: 'TYPE_MISMATCH_BOOLEAN',
    severity: 'warning',
    summary: 'A Bool or Null condition value that is not exactly "true" or "false".',
    accessAnalyzerTitle: 'Type mismatch Boolean',
    docs: accessAnalyzerDocs('general-warning', 'Type mismatch Boolean'),
  },
  {
    code: 'TYPE_MISMATCH_DATE',
    severity: 'warning',
    summary: 'A Date condition value that is neither an ISO 8601 date (W3C profile) nor an epoch time.',
    accessAnalyzerTitle: 'Type mismatch date',
    docs: accessAnalyzerDocs('general-warning', 'Type mismatch date'),
  },
  {
    code: 'TYPE_MISMATCH_NUMBER',
    severity: 'warning',
    summary: 'A Numeric condition value that is not an integer or decimal number.',
    accessAnalyzerTitle: 'Type mismatch number',
    docs: accessAnalyzerDocs('general-warning', 'Type mismatch number'),
  },
  {
    code: 'TYPE_MISMATCH_STRING',
    severity: 'warning',
    summary: 'A BinaryEquals value that is not base-64 encoded.',
    accessAnalyzerTitle: 'Type mismatch string',
    docs: accessAnalyzerDocs('general-warning', 'Type mismatch string'),
  },
  {
    code: 'INVALID_DATE_VALUE',
    severity: 'warning',
    summary: 'A Date condition value in epoch time: an ISO 8601 date says the same thing readably.',
    accessAnalyzerTitle: 'Invalid date value',
    docs: accessAnalyzerDocs('general-warning', 'Invalid date value'),
  },
  {
    code: 'WILDCARD_WITHOUT_LIKE_OPERATOR',
    severity: 'warning',
    summary: 'A condition value with * or ? under an operator that compares them literally (StringEquals and friends).',
    accessAnalyzerTitle: 'Wildcard without like operator',
    docs: accessAnalyzerDocs('general-warning', 'Wildcard without like operator'),
  },
  {
    code: 'REDUNDANT_CONDITION_VALUE_NUM',
    severity: 'suggestion',
    summary: 'Several bounds for one key under a Numeric less-than or greater-than operator: only the widest one matters.',
    accessAnalyzerTitle: 'Redundant condition value num',
    docs: accessAnalyzerDocs('suggestion', 'Redundant condition value num'),
  },
  {
    code: 'DUPLICATE_CONDITION_VALUE',
    severity: 'suggestion',
    summary: 'The same value twice for one condition key (ignoring case where the operator does).',
    docs: userGuideDocs('reference_policies_multi-value-conditions'),
  },
  {
    code: 'INVALID_VPC_FORMAT',
    severity: 'error',
    summary: 'An aws:SourceVpc value that is not "vpc-" followed by 8 or 17 letters and digits.',
    accessAnalyzerTitle: 'Invalid vpc format',
    docs: accessAnalyzerDocs('error', 'Invalid vpc format'),
  },
  {
    code: 'INVALID_VPCE_FORMAT',
    severity: 'error',
    summary: 'An aws:SourceVpce value that is not "vpce-" followed by 8 or 17 letters and digits.',
    accessAnalyzerTitle: 'Invalid vpce format',
    docs: accessAnalyzerDocs('error', 'Invalid vpce format'),
  },
];

type Report = Parameters<CheckFamily['run']>[1];

export const conditionValueChecks: CheckFamily = {
  name: 'condition values',
  checks,
  run({ ast, catalog }, report) {
    for (const statement of ast.statements) {
      for (const entry of conditionEntries(statement)) {
        const parsed = entry.parsed;
        if (!parsed || entry.key.values.length === 0) continue;
        const values = entry.key.values;
        checkMixedTypes(entry, report);
        checkDuplicates(ast, entry, parsed, report);
        const family = parsed.base.family;
        for (const value of values) checkJsonType(entry, parsed, value, report);
        const readable = values.filter((value) => !hasVariable(value) && isReadableType(family, value.node));
        switch (family) {
          case 'Boolean':
          case 'Null':
            if (family === 'Boolean') checkMultipleBooleans(entry, parsed, catalog, report);
            for (const value of readable) checkBoolean(entry, parsed, value, report);
            break;
          case 'Numeric':
            for (const value of readable) checkNumber(entry, parsed, value, ast.text, report);
            checkRedundantBounds(entry, parsed, ast.text, report);
            break;
          case 'Date':
            for (const value of readable) checkDate(entry, parsed, value, ast.text, report);
            break;
          case 'Binary':
            for (const value of readable) checkBase64(entry, parsed, value, report);
            break;
          case 'String':
            checkWildcards(entry, parsed, report);
            checkVpcIdentifiers(entry, parsed, report);
            break;
          default:
            break;
        }
      }
    }
  },
};

function hasVariable(value: ConditionValue): boolean {
  return value.node.type === 'string' && value.text.includes('${') && hasVariables(parseTemplate(value.text, true));
}

/** JSON types each family can read: strings always; numbers where a number or epoch makes sense; booleans for Bool and Null. */
const READABLE_TYPES: Record<OperatorFamily, readonly JsonValue['type'][]> = {
  String: ['string', 'number', 'boolean'],
  Numeric: ['string', 'number'],
  Date: ['string', 'number'],
  Boolean: ['string', 'boolean'],
  Null: ['string', 'boolean'],
  Binary: ['string'],
  IPAddress: ['string'],
  ARN: ['string'],
};

function isReadableType(family: OperatorFamily, node: JsonValue): boolean {
  return READABLE_TYPES[family].includes(node.type);
}

function checkJsonType(entry: ConditionEntry, parsed: ParsedConditionOperator, value: ConditionValue, report: Report): void {
  const family = parsed.base.family;
  if (isReadableType(family, value.node)) return;
  const expected = family === 'Boolean' || family === 'Null' ? 'the string "true" or "false"' : family === 'Numeric' || family === 'Date' ? 'a string or a number' : 'a string';
  report('DATA_TYPE_MISMATCH', {
    range: value.node.range,
    statementIndex: entry.statement.index,
    message: `${parsed.text} cannot read the JSON ${value.node.type} ${value.text} for ${entry.key.key}. Write ${expected}.`,
  });
}

function checkMixedTypes(entry: ConditionEntry, report: Report): void {
  const values = entry.key.values;
  if (entry.key.form !== 'array' || values.length < 2) return;
  const firstType = values[0].node.type;
  const odd = values.find((value) => value.node.type !== firstType);
  if (!odd) return;
  const edits = values
    .filter((value) => value.node.type !== 'string')
    .map((value) => ({ range: value.node.range, newText: JSON.stringify(value.text) }));
  report('INVALID_CONDITION_DATA_TYPE', {
    range: odd.node.range,
    statementIndex: entry.statement.index,
    message: `The values of ${entry.key.key} mix JSON types (${firstType} and ${odd.node.type}). Write them all the same way, for example all as strings.`,
    fixes: [{ title: 'Write every value as a string', edits, preferred: true }],
  });
}

/** Values are ORed (ANDed when negated): a repeated one adds nothing. */
function checkDuplicates(ast: PolicyAst, entry: ConditionEntry, parsed: ParsedConditionOperator, report: Report): void {
  const items = entry.key.property.value?.items;
  if (entry.key.form !== 'array' || !items || entry.key.values.length < 2 || entry.key.invalid.length > 0) return;
  const family = parsed.base.family;
  // Repeated Bool values are INVALID_CONDITION_MULTIPLE_BOOLEAN already.
  if (family === 'Boolean') return;
  const ignoreCase = parsed.base.comparison === 'equalsIgnoreCase' || family === 'Null';
  const seen = new Set<string>();
  const repeated: number[] = [];
  entry.key.values.forEach((value, index) => {
    const text = ignoreCase ? value.text.toLowerCase() : value.text;
    if (seen.has(text)) repeated.push(index);
    seen.add(text);
  });
  if (repeated.length === 0) return;
  const fix: FixData = { title: 'Remove the repeated values', edits: removeArrayItems(ast, items, repeated), preferred: true };
  for (const index of repeated) {
    const value = entry.key.values[index];
    report('DUPLICATE_CONDITION_VALUE', {
      range: value.node.range,
      statementIndex: entry.statement.index,
      message: `${value.text} is already a value of ${entry.key.key} under ${parsed.text}. Remove the repetition.`,
      fixes: [fix],
    });
  }
}

function checkMultipleBooleans(entry: ConditionEntry, parsed: ParsedConditionOperator, catalog: Catalog, report: Report): void {
  const values = entry.key.values;
  if (values.length < 2) return;
  if (parsed.setOperator) {
    const resolution = resolveConditionKey(catalog, entry.key.key);
    if (resolution.kind !== 'known' || resolution.info.multiValued) return;
  }
  const distinct = new Set(values.map((value) => value.text.toLowerCase()));
  const single = distinct.size === 1 ? values[0] : undefined;
  const arrayNode = entry.key.property.value;
  const fixes: FixData[] | undefined =
    single && arrayNode ? [{ title: `Keep the single value ${single.node.type === 'string' ? `"${single.text}"` : single.text}`, edits: [{ range: arrayNode.range, newText: JSON.stringify(single.node.type === 'boolean' ? single.node.value : single.text) }], preferred: true }] : undefined;
  report('INVALID_CONDITION_MULTIPLE_BOOLEAN', {
    range: arrayNode?.range ?? entry.key.property.keyRange,
    statementIndex: entry.statement.index,
    message:
      distinct.size > 1
        ? `${entry.key.key} takes one Boolean value; "true" or "false" together match any request that has the key. Use a single value, or "Null": {"${entry.key.key}": "false"} to test only that the key is present.`
        : `${entry.key.key} takes one Boolean value. Use a single value.`,
    fixes,
  });
}

function checkBoolean(entry: ConditionEntry, parsed: ParsedConditionOperator, value: ConditionValue, report: Report): void {
  if (value.node.type !== 'string' || value.text === 'true' || value.text === 'false') return;
  const lower = value.text.toLowerCase();
  const fixed = lower === 'true' || lower === 'false' ? lower : undefined;
  report('TYPE_MISMATCH_BOOLEAN', {
    range: value.node.range,
    statementIndex: entry.statement.index,
    message: `"${value.text}" is not a Boolean value for ${parsed.text}. Write "true" or "false"${fixed ? ` ("${fixed}")` : ''}.`,
    fixes: fixed ? [replaceWith(value.node.range, fixed)] : undefined,
  });
}

function checkNumber(entry: ConditionEntry, parsed: ParsedConditionOperator, value: ConditionValue, text: string, report: Report): void {
  const raw = rawValueText(text, value);
  if (parseNumber(raw) !== undefined) return;
  const trimmed = raw.trim();
  const fixed = trimmed !== raw && parseNumber(trimmed) !== undefined ? trimmed : undefined;
  report('TYPE_MISMATCH_NUMBER', {
    range: value.node.range,
    statementIndex: entry.statement.index,
    message: `"${raw}" is not a number, which ${parsed.text} needs for ${entry.key.key}. Write an integer or a decimal such as "3600".`,
    fixes: fixed ? [replaceWith(value.node.range, fixed)] : undefined,
  });
}

const EPOCH = /^\d+(\.\d+)?$/;

function checkDate(entry: ConditionEntry, parsed: ParsedConditionOperator, value: ConditionValue, text: string, report: Report): void {
  const raw = rawValueText(text, value);
  const statementIndex = entry.statement.index;
  if (parseDate(raw) === undefined) {
    report('TYPE_MISMATCH_DATE', {
      range: value.node.range,
      statementIndex,
      message: `"${raw}" is not a date ${parsed.text} can read. Use YYYY-MM-DD or another ISO 8601 date and time such as 2024-01-31T23:59:59Z.`,
    });
    return;
  }
  if (!EPOCH.test(raw)) return;
  const milliseconds = Number(raw) * 1000;
  const iso = Number.isFinite(milliseconds) && Math.abs(milliseconds) <= 8.64e15 ? new Date(milliseconds).toISOString().replace('.000Z', 'Z') : undefined;
  report('INVALID_DATE_VALUE', {
    range: value.node.range,
    statementIndex,
    message: `${raw} is an epoch time, which might not resolve as you expect. Use YYYY-MM-DD or an ISO 8601 date and time${iso ? ` (${iso})` : ''}.`,
    fixes: iso ? [replaceWith(value.node.range, iso, `Change to "${iso}" (the same instant)`)] : undefined,
  });
}

function checkBase64(entry: ConditionEntry, parsed: ParsedConditionOperator, value: ConditionValue, report: Report): void {
  if (decodeBase64(value.text) !== undefined) return;
  report('TYPE_MISMATCH_STRING', {
    range: value.node.range,
    statementIndex: entry.statement.index,
    message: `"${value.text}" is not base-64 encoded, which ${parsed.text} needs. Encode the bytes to compare in base 64.`,
  });
}

/** `*` or `?` outside variables (`${*}` and `${?}` are the literal characters). */
function hasWildcard(text: string): boolean {
  return parseTemplate(text, true).some((piece) => piece.kind === 'pattern' && /[*?]/.test(piece.text));
}

function checkWildcards(entry: ConditionEntry, parsed: ParsedConditionOperator, report: Report): void {
  if (parsed.base.wildcards) return;
  const likeBase = BASE_CONDITION_OPERATORS.find((base) => base.family === 'String' && base.comparison === 'like' && base.negated === parsed.base.negated);
  const likeName = parsed.base.comparison === 'equals' && likeBase ? withBase(parsed, likeBase) : undefined;
  for (const value of entry.key.values) {
    if (value.node.type !== 'string' || !hasWildcard(value.text)) continue;
    const fix = likeName ? renameOperatorFix(entry.statement, entry.operator, likeName) : undefined;
    report('WILDCARD_WITHOUT_LIKE_OPERATOR', {
      range: value.node.range,
      statementIndex: entry.statement.index,
      message: `"${value.text}" contains * or ?, which ${parsed.text} compares literally. If you meant a wildcard, use ${likeName ?? 'StringLike or StringNotLike'}; for a literal * or ? write \${*} or \${?}.`,
      fixes: fix ? [fix] : undefined,
    });
  }
}

function checkRedundantBounds(entry: ConditionEntry, parsed: ParsedConditionOperator, text: string, report: Report): void {
  const comparison = parsed.base.comparison;
  const upper = comparison === 'lessThan' || comparison === 'lessThanEquals';
  const lower = comparison === 'greaterThan' || comparison === 'greaterThanEquals';
  const values = entry.key.values;
  if ((!upper && !lower) || values.length < 2) return;
  const numbers = values.map((value) => parseNumber(rawValueText(text, value)));
  if (numbers.some((number) => number === undefined)) return;
  // Values are ORed: "less than any of them" is "less than the greatest" (and the reverse for greater-than).
  let best = 0;
  numbers.forEach((number, index) => {
    if (upper ? number! > numbers[best]! : number! < numbers[best]!) best = index;
  });
  const kept = values[best];
  const arrayNode = entry.key.property.value!;
  const keptText = text.slice(kept.node.offset, kept.node.offset + kept.node.length);
  report('REDUNDANT_CONDITION_VALUE_NUM', {
    range: arrayNode.range,
    statementIndex: entry.statement.index,
    message: `Several values in ${parsed.text} are redundant: only the ${upper ? 'greatest' : 'least'} one, ${rawValueText(text, kept)}, matters for ${entry.key.key}. Replace the list with it.`,
    fixes: [{ title: `Keep only ${rawValueText(text, kept)}`, edits: [{ range: arrayNode.range, newText: keptText }], preferred: true }],
  });
}

/** "vpc-" or "vpce-" and 8 or 17 alphanumeric characters (access-analyzer-reference-policy-checks.md). */
const VPC_IDS: Record<string, { code: string; pattern: RegExp; prefix: string }> = {
  'aws:sourcevpc': { code: 'INVALID_VPC_FORMAT', pattern: /^vpc-([a-zA-Z0-9]{8}|[a-zA-Z0-9]{17})$/, prefix: 'vpc-' },
  'aws:sourcevpce': { code: 'INVALID_VPCE_FORMAT', pattern: /^vpce-([a-zA-Z0-9]{8}|[a-zA-Z0-9]{17})$/, prefix: 'vpce-' },
};

function checkVpcIdentifiers(entry: ConditionEntry, parsed: ParsedConditionOperator, report: Report): void {
  const rule = VPC_IDS[entry.key.key.toLowerCase()];
  if (!rule) return;
  for (const value of entry.key.values) {
    if (value.node.type !== 'string' || rule.pattern.test(value.text)) continue;
    // Patterns under StringLike and variables (often ${aws:Ec2InstanceSourceVpc}) are not identifiers to check.
    if (hasVariable(value) || (parsed.base.wildcards && hasWildcard(value.text)) || /[*?]/.test(value.text)) continue;
    report(rule.code, {
      range: value.node.range,
      statementIndex: entry.statement.index,
      message: `"${value.text}" is not a valid ${entry.key.key} identifier. Use "${rule.prefix}" followed by 8 or 17 letters and digits, such as ${rule.prefix}1a2b3c4d.`,
    });
  }
}
