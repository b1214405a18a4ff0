/**
 * The request context of one evaluation: the keys the request supplied, over the keys AWS
 * derives from the principal and the time (computed only when a policy asks for them).
 * "Condition key names are not case-sensitive" (reference_policies_elements_condition.md), so
 * keys are looked up in lower case. Every lookup of an absent key is remembered, to report the
 * missing context keys.
 */
import type { ContextValue } from './types';

/**
 * A supplied value as the engine reads it: strings, and arrays of them for multivalued keys.
 * Numbers and booleans are read as their text (as AWS reads condition values); anything else
 * (objects, null) is no value.
 */
function contextValue(value: unknown): ContextValue | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.flatMap((item) => (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean' ? [String(item)] : []));
  return undefined;
}

/** A derived value for a lower-case key, or undefined. */
export type DerivedContext = (lowerKey: string) => ContextValue | undefined;

export class RequestContext {
  /** Supplied keys in lower case, then derived values as they are asked for; built on the first lookup. */
  private values?: Map<string, ContextValue | undefined>;
  private readonly missing = new Map<string, string>();

  constructor(
    private readonly supplied: Readonly<Record<string, ContextValue>> | undefined,
    private readonly derive: DerivedContext,
  ) {}

  /** The value of `key` (any case), or undefined when the request does not have it. */
  get(key: string, lowerKey = key.toLowerCase()): ContextValue | undefined {
    // Policies and requests usually spell a key the same way: try that first.
    const exact = this.supplied?.[key];
    if (typeof exact === 'string' && Object.prototype.hasOwnProperty.call(this.supplied, key)) return exact;
    const values = (this.values ??= this.lowerCaseSupplied());
    let value = values.get(lowerKey);
    if (value === undefined && !values.has(lowerKey)) {
      value = this.derive(lowerKey);
      values.set(lowerKey, value);
    }
    if (value === undefined && !this.missing.has(lowerKey)) this.missing.set(lowerKey, key);
    return value;
  }

  /**
   * A policy variable's value. "You can't use a multivalued condition key as a variable"
   * (reference_policies_variables.md): a multivalued value resolves to nothing.
   */
  readonly resolveVariable = (name: string): string | undefined => {
    const value = this.get(name);
    return typeof value === 'string' ? value : undefined;
  };

  private lowerCaseSupplied(): Map<string, ContextValue | undefined> {
    const values = new Map<string, ContextValue | undefined>();
    if (this.supplied) for (const key of Object.keys(this.supplied)) values.set(key.toLowerCase(), contextValue(this.supplied[key]));
    return values;
  }

  missingKeys(): string[] {
    return [...this.missing.values()].sort((a, b) => a.localeCompare(b));
  }
}
