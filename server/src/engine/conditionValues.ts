/**
 * Reading condition values as the operator families need them
 * (reference_policies_elements_condition_operators.md, reference_policies_elements_datatypes.md).
 * Each parser returns undefined for a value it cannot read; the caller reports it.
 */

/** Integers and decimals ("10", "-2.5", ".5"); no exponents, no hex, no surrounding text. */
export function parseNumber(text: string): number | undefined {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text.trim())) return undefined;
  return Number(text);
}

// W3C profile of ISO 8601 (http://www.w3.org/TR/NOTE-datetime): YYYY-MM-DD, optionally with
// hh:mm[:ss[.s]] and then a mandatory time zone designator (Z or +hh:mm).
const W3C_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/**
 * A date in epoch milliseconds. "You must specify date/time values with one of the W3C
 * implementations of the ISO 8601 date formats or in epoch (UNIX) time": digits alone are
 * epoch seconds (so a bare year such as "2024" reads as a second count, not a year).
 */
export function parseDate(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const match = W3C_DATE.exec(text);
  if (!match) return undefined;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  const parts = [Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second)];
  if (parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > 31 || parts[3] > 23 || parts[4] > 59 || parts[5] > 59) return undefined;
  const utc = Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]);
  if (new Date(utc).getUTCDate() !== parts[2]) return undefined; // 2023-02-30
  const milliseconds = fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0;
  const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  return utc + milliseconds - offset;
}

/** "true" or "false", any case (JSON booleans arrive as their text). */
export function parseBool(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** The bytes of a base-64 value, as a binary string, for byte-for-byte comparison (BinaryEquals). */
export function decodeBase64(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  try {
    return atob(text);
  } catch {
    return undefined;
  }
}

// --- IP addresses -------------------------------------------------------------------------

/** An address or a CIDR block: 4 or 16 bytes and the prefix length in bits. */
export interface IpRange {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

export function parseIpAddress(text: string): Uint8Array | undefined {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

/**
 * "The value must be in the standard CIDR format ... If you specify an IP address without the
 * associated routing prefix, IAM uses the default prefix value of /32" — that is, one IPv4
 * address; a bare IPv6 address is likewise one address (/128).
 */
export function parseCidr(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const bytes = parseIpAddress(slash < 0 ? text : text.slice(0, slash));
  if (!bytes) return undefined;
  const bits = bytes.length * 8;
  if (slash < 0) return { bytes, prefix: bits };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return undefined;
  return { bytes, prefix: Number(prefixText) };
}

export function rangeContains(range: IpRange, address: Uint8Array): boolean {
  if (range.bytes.length !== address.length) return false;
  let remaining = range.prefix;
  for (let i = 0; remaining > 0; i++, remaining -= 8) {
    const mask = remaining >= 8 ? 0xff : (0xff << (8 - remaining)) & 0xff;
    if ((range.bytes[i] & mask) !== (address[i] & mask)) return false;
  }
  return true;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  const bytes = match.slice(1).map(Number);
  return bytes.every((byte) => byte <= 255) ? Uint8Array.from(bytes) : undefined;
}

function parseIpv6(text: string): Uint8Array | undefined {
  let head = text;
  let tailIpv4: Uint8Array | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tailIpv4 = parseIpv4(text.slice(lastColon + 1));
    if (!tailIpv4) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    if (!/^[0-9A-Fa-f]{1,4}$/.test(all[i])) return undefined;
    const word = parseInt(all[i], 16);
    bytes[i * 2] = word >> 8;
    bytes[i * 2 + 1] = word & 0xff;
  }
  if (tailIpv4) bytes.set(tailIpv4, 12);
  return bytes;
}
