/**
 * Caches of what the check families derive from one parsed document's objects (a statement's
 * condition entries, an element's resolved actions...), shared by the families while
 * analyzePolicy runs over that document and dropped when it returns: every analysis parses anew,
 * so a later analysis never asks about the same objects.
 *
 * Why not WeakMaps keyed by those objects: V8's young-generation collector keeps WeakMap entries
 * alive (only a full collection clears them), so with them every document's cached values, and
 * the parts of its tree they reach, were copied and then promoted to the old generation. Over the
 * 1,594 AWS managed policies that was some 30 MB promoted per run and most of the scavenging
 * time (--trace-gc-nvp: promoted bytes per pass, 28 MB with WeakMaps, under 1 MB without).
 */

/** One cache; its entries live for the current analysis only. */
export interface DocumentMemo<K extends object, V> {
  get(key: K): V | undefined;
  /** Outside an analysis nothing is kept (the next question computes again). */
  set(key: K, value: V): void;
}

/** The current analysis's caches, by memo number; undefined outside an analysis. */
let active: (Map<object, unknown> | undefined)[] | undefined;
let memos = 0;

export function documentMemo<K extends object, V>(): DocumentMemo<K, V> {
  const slot = memos++;
  return {
    get: (key) => active?.[slot]?.get(key) as V | undefined,
    set: (key, value) => {
      if (active) (active[slot] ??= new Map()).set(key, value);
    },
  };
}

/** Runs one document's analysis with empty caches, dropped when it ends (analyses may nest). */
export function withDocumentMemos<T>(analysis: () => T): T {
  const outer = active;
  active = [];
  try {
    return analysis();
  } finally {
    active = outer;
  }
}
