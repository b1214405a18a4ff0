/**
 * Policies compiled once per document and policy type, then assembled into the engine's
 * CompiledPolicies for each principal: "who can" and effective permissions evaluate thousands
 * of principals that share the same managed policies.
 *
 * Two ways to read a document: `ast` (the parsed text with ranges, as the editor has it) and
 * `json` (JSON.parse and the engine's policyFromJson: several times faster, for whole-account
 * queries; statement indexes are the same, so statements are located afterwards by index).
 * A document whose text is not valid JSON is always read as `ast`, which reports its syntax
 * problems.
 *
 * One cache per account model (the server makes a new one when the model changes): it keeps
 * the model's documents in plain maps, which the garbage collector walks far faster than weak
 * ones at this size. Workspace documents (open editors, a new object per request) are compiled
 * each time and never kept.
 */
import { compilePolicies, type CompiledPolicies, type EvaluationError, type PolicyDocumentInput } from '../engine';
import type { CompiledPolicy } from '../engine/compile';
import type { LocatableDocument, SimulationPolicy } from './policySources';

export type DocumentReading = 'ast' | 'json';

interface CompiledEntry {
  readonly policy: CompiledPolicy;
  readonly errors: readonly EvaluationError[];
}

interface CacheEntry extends CompiledEntry {
  readonly reading: DocumentReading;
  readonly type: SimulationPolicy['type'];
  readonly level: number | undefined;
  readonly id: string;
}

export class CompiledPolicyCache {
  // A short list per document (usually one entry): looked up for every principal of an account, without building keys.
  private readonly byDocument = new Map<LocatableDocument, CacheEntry[]>();
  private readonly memos = new Map<object, Map<string, unknown>>();

  /** A value computed once per object of the account model (a principal's policy documents...). */
  memo<T>(owner: object, name: string, compute: () => T): T {
    let values = this.memos.get(owner);
    if (!values) this.memos.set(owner, (values = new Map()));
    if (!values.has(name)) values.set(name, compute());
    return values.get(name) as T;
  }

  compile(policy: SimulationPolicy, reading: DocumentReading): CompiledEntry {
    if (policy.origin === 'workspace') return compileOne(policy, reading);
    let entries = this.byDocument.get(policy.document);
    if (!entries) {
      entries = [];
      this.byDocument.set(policy.document, entries);
    }
    for (const entry of entries) {
      if (entry.id === policy.id && entry.type === policy.type && entry.reading === reading && entry.level === policy.level) return entry;
    }
    const entry: CacheEntry = { ...compileOne(policy, reading), reading, type: policy.type, level: policy.level, id: policy.id };
    entries.push(entry);
    return entry;
  }

  /** The engine's input for one principal: identity policies, boundary, resource policy, SCP and RCP levels... */
  assemble(policies: readonly SimulationPolicy[], reading: DocumentReading): CompiledPolicies {
    const errors: EvaluationError[] = [];
    const take = (policy: SimulationPolicy) => {
      const entry = this.compile(policy, reading);
      if (entry.errors.length > 0) errors.push(...entry.errors);
      return entry.policy;
    };
    const single = (type: SimulationPolicy['type']) => {
      const found = policies.find((policy) => policy.type === type);
      return found && take(found);
    };
    const levels = (type: 'scp' | 'rcp') => {
      const ofType = policies.filter((policy) => policy.type === type);
      if (ofType.length === 0) return undefined;
      const count = Math.max(...ofType.map((policy) => policy.level ?? 0)) + 1;
      return Array.from({ length: count }, (_, level) => ofType.filter((policy) => (policy.level ?? 0) === level).map(take));
    };
    return {
      identity: policies.filter((policy) => policy.type === 'identity').map(take),
      resource: single('resource'),
      boundary: single('boundary'),
      session: single('session'),
      endpoint: single('endpoint'),
      scp: levels('scp'),
      rcp: levels('rcp'),
      errors,
    };
  }
}

function compileOne(policy: SimulationPolicy, reading: DocumentReading): CompiledEntry {
  const input = documentInput(policy, reading);
  const level = policy.level ?? 0;
  // compilePolicies is the engine's one compiler; a set with this one document gives its CompiledPolicy.
  const compiled = compilePolicies(
    policy.type === 'scp' || policy.type === 'rcp'
      ? { [policy.type]: Array.from({ length: level + 1 }, (_, index) => (index === level ? [input] : [])) }
      : policy.type === 'identity'
        ? { identity: [input] }
        : { [policy.type === 'boundary' ? 'permissionsBoundary' : policy.type]: input },
  );
  const one =
    policy.type === 'identity'
      ? compiled.identity[0]
      : policy.type === 'scp' || policy.type === 'rcp'
        ? compiled[policy.type]![level][0]
        : compiled[policy.type]!;
  return { policy: one, errors: compiled.errors };
}

function documentInput(policy: SimulationPolicy, reading: DocumentReading): PolicyDocumentInput {
  if (reading === 'json') {
    try {
      return { id: policy.id, json: JSON.parse(policy.document.text) };
    } catch {
      // Not valid JSON: the tolerant parse reads what it can and reports the rest.
    }
  }
  return { id: policy.id, ast: policy.document.ast };
}
