/**
 * IP address conditions: values that are not CIDR blocks, blocks with host bits set, and
 * private ranges under aws:SourceIp, which "works only for public IP address ranges"
 * (reference_policies_condition-keys.md, aws:SourceIp; reference_policies_elements_condition_operators.md,
 * IP address condition operators; access-analyzer-reference-policy-checks.md).
 */
import { parseCidr, type IpRange } from '../engine/conditionValues';
import type { ConditionValue } from '../policy/ast';
import type { ParsedConditionOperator } from '../policy/conditionOperator';
import { hasVariables, parseTemplate } from '../policy/variables';
import { accessAnalyzerDocs, type CheckFamily, type CheckInfo } from './check';
import { conditionEntries, type ConditionEntry } from './conditionsContext';
import type { FixData } from './finding';
import { removeArrayItems, replaceWith } from './fixEdits';

const checks: CheckInfo[] = [
  {
    code: 'TYPE_MISMATCH_IP_RANGE',
    severity: 'warning',
    summary: 'An IpAddress or NotIpAddress value that is not an IPv4 or IPv6 address or CIDR block.',
    accessAnalyzerTitle: 'Type mismatch IP range',
    docs: accessAnalyzerDocs('general-warning', 'Type mismatch IP range'),
  },
  {
    code: 'IMPROVE_IP_RANGE',
    severity: 'suggestion',
    summary: 'A CIDR block with bits set after the prefix: they are ignored, so the block is not what it looks like.',
    accessAnalyzerTitle: 'Improve IP range',
    docs: accessAnalyzerDocs('suggestion', 'Improve IP range'),
  },
  {
    code: 'PRIVATE_IP_ADDRESS',
    severity: 'error',
    summary: 'IpAddress on aws:SourceIp with only private ranges: it never matches, since aws:SourceIp is always public.',
    accessAnalyzerTitle: 'Private IP address',
    docs: accessAnalyzerDocs('error', 'Private IP address'),
  },
  {
    code: 'PRIVATE_NOTIPADDRESS',
    severity: 'error',
    summary: 'NotIpAddress on aws:SourceIp with only private ranges: it always matches, since aws:SourceIp is always public.',
    accessAnalyzerTitle: 'Private NotIpAddress',
    // The page's anchor spells it private-not-ip-address.
    docs: accessAnalyzerDocs('error', 'Private not IP address'),
  },
  {
    code: 'PRIVATE_IP_ADDRESS_SUBSET',
    severity: 'suggestion',
    summary: 'IpAddress on aws:SourceIp mixing public and private ranges: the private ones never match.',
    accessAnalyzerTitle: 'Private IP address subset',
    docs: accessAnalyzerDocs('suggestion', 'Private IP address subset'),
  },
  {
    code: 'PRIVATE_NOTIPADDRESS_SUBSET',
    severity: 'suggestion',
    summary: 'NotIpAddress on aws:SourceIp mixing public and private ranges: the private ones have no effect.',
    accessAnalyzerTitle: 'Private NotIpAddress subset',
    docs: accessAnalyzerDocs('suggestion', 'Private not IP address subset'),
  },
];

type Report = Parameters<CheckFamily['run']>[1];

export const conditionIpChecks: CheckFamily = {
  name: 'condition IP addresses',
  checks,
  run({ ast }, report) {
    for (const statement of ast.statements) {
      for (const entry of conditionEntries(statement)) {
        const parsed = entry.parsed;
        if (!parsed || parsed.base.family !== 'IPAddress') continue;
        const ranges: { value: ConditionValue; range: IpRange; index: number }[] = [];
        entry.key.values.forEach((value, index) => {
          if (value.node.type !== 'string' || hasVariables(parseTemplate(value.text, true))) return;
          const range = parseCidr(value.text);
          if (!range) {
            report('TYPE_MISMATCH_IP_RANGE', {
              range: value.node.range,
              statementIndex: statement.index,
              message: `"${value.text}" is not an IP address range for ${parsed.text}. Write it in CIDR format, such as 203.0.113.0/24 or 2001:DB8:1234:5678::/64.`,
            });
            return;
          }
          ranges.push({ value, range, index });
          checkHostBits(entry, value, range, report);
        });
        if (entry.key.key.toLowerCase() === 'aws:sourceip' && ranges.length > 0) checkPrivate(ast, entry, parsed, ranges, report);
      }
    }
  },
};

function checkHostBits(entry: ConditionEntry, value: ConditionValue, range: IpRange, report: Report): void {
  const network = networkOf(range);
  if (network.every((byte, i) => byte === range.bytes[i])) return;
  const fixed = `${formatAddress(network)}/${range.prefix}`;
  report('IMPROVE_IP_RANGE', {
    range: value.node.range,
    statementIndex: entry.statement.index,
    message: `The bits of ${value.text} after the first ${range.prefix} are ignored, so the range is ${fixed}. Replace the address with ${fixed}.`,
    fixes: [replaceWith(value.node.range, fixed)],
  });
}

function checkPrivate(
  ast: Parameters<CheckFamily['run']>[0]['ast'],
  entry: ConditionEntry,
  parsed: ParsedConditionOperator,
  ranges: { value: ConditionValue; range: IpRange; index: number }[],
  report: Report,
): void {
  const privateOnes = ranges.filter(({ range }) => isPrivate(range));
  if (privateOnes.length === 0) return;
  const negated = parsed.base.negated;
  const statementIndex = entry.statement.index;
  const allPrivate = privateOnes.length === entry.key.values.length;
  if (allPrivate) {
    const rename: FixData = { ...replaceWith(entry.key.property.keyRange, 'aws:VpcSourceIp', 'Change the key to aws:VpcSourceIp (private addresses seen through a VPC endpoint)'), preferred: false };
    report(negated ? 'PRIVATE_NOTIPADDRESS' : 'PRIVATE_IP_ADDRESS', {
      range: entry.key.property.keyRange,
      statementIndex,
      message: negated
        ? `The values of aws:SourceIp under ${parsed.text} are all private, so the condition always matches and has no effect: aws:SourceIp only ever holds public addresses. Use public ranges, or aws:VpcSourceIp for private ones.`
        : `The values of aws:SourceIp under ${parsed.text} are all private, so the condition never matches: aws:SourceIp only ever holds public addresses. Use public ranges, or aws:VpcSourceIp for private ones.`,
      fixes: [rename],
    });
    return;
  }
  const items = entry.key.property.value?.items;
  const remove: FixData[] | undefined = items
    ? [{ title: 'Remove the private ranges', edits: removeArrayItems(ast, items, privateOnes.map(({ index }) => index)), preferred: true }]
    : undefined;
  for (const { value } of privateOnes) {
    report(negated ? 'PRIVATE_NOTIPADDRESS_SUBSET' : 'PRIVATE_IP_ADDRESS_SUBSET', {
      range: value.node.range,
      statementIndex,
      message: `${value.text} is a private range: aws:SourceIp only ever holds public addresses, so it ${negated ? 'has no effect' : 'never matches'}. Remove it, or use aws:VpcSourceIp for private addresses.`,
      fixes: remove,
    });
  }
}

// Private address space: RFC 1918 for IPv4 and unique local addresses (RFC 4193) for IPv6.
const PRIVATE_RANGES: readonly IpRange[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'].map((cidr) => parseCidr(cidr)!);

/** The whole block lies inside private address space. */
function isPrivate(range: IpRange): boolean {
  return PRIVATE_RANGES.some((block) => block.bytes.length === range.bytes.length && block.prefix <= range.prefix && samePrefix(block.bytes, range.bytes, block.prefix));
}

function samePrefix(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  for (let i = 0, remaining = bits; remaining > 0; i++, remaining -= 8) {
    const mask = remaining >= 8 ? 0xff : (0xff << (8 - remaining)) & 0xff;
    if ((a[i] & mask) !== (b[i] & mask)) return false;
  }
  return true;
}

/** The address with every bit after the prefix cleared. */
function networkOf(range: IpRange): Uint8Array {
  const bytes = Uint8Array.from(range.bytes);
  for (let bit = range.prefix; bit < bytes.length * 8; bit++) bytes[bit >> 3] &= ~(0x80 >> (bit & 7));
  return bytes;
}

/** Dotted quad, or IPv6 in the RFC 5952 form (lower case, longest run of zero groups as "::"). */
function formatAddress(bytes: Uint8Array): string {
  if (bytes.length === 4) return [...bytes].join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i > 1) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
