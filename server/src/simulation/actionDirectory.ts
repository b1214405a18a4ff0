/**
 * Every action of the service reference by name, with its access level, from the catalog's
 * all-actions index (one file; no service needs to be loaded): expands the action patterns of
 * simulations and policies, completes what the user types, and groups results by access level.
 */
import type { Catalog } from '../catalog/catalog';
import type { ActionName } from '../catalog/types';
import type { SimulationActionItem } from '../protocol';

export class ActionDirectory {
  private readonly byName = new Map<string, ActionName>();
  private readonly services = new Set<string>();

  private constructor(
    private readonly catalog: Catalog,
    private readonly all: readonly ActionName[],
  ) {
    for (const action of all) {
      this.byName.set(action.fullName.toLowerCase(), action);
      this.services.add(action.service);
    }
  }

  static async load(catalog: Catalog): Promise<ActionDirectory> {
    await catalog.ensureActionIndex();
    return new ActionDirectory(catalog, catalog.expandActionPatternInAllServices('*'));
  }

  get size(): number {
    return this.all.length;
  }

  /** The action as the reference spells it, or undefined when unknown. */
  find(action: string): ActionName | undefined {
    return this.byName.get(action.toLowerCase());
  }

  isService(prefix: string): boolean {
    return this.services.has(prefix.toLowerCase());
  }

  /**
   * The concrete actions of a pattern ("s3:Get*", "*:List*", "*"), in the reference's order; a
   * concrete action as the reference spells it, or as written when the reference does not know it.
   */
  expand(pattern: string): string[] {
    if (!/[*?]/.test(pattern)) return [this.find(pattern)?.fullName ?? pattern];
    return this.catalog.expandActionPatternInAllServices(pattern).map((action) => action.fullName);
  }

  /** Action names matching a pattern, with their access levels. */
  expandNames(pattern: string): readonly ActionName[] {
    if (!/[*?]/.test(pattern)) {
      const found = this.find(pattern);
      return found ? [found] : [];
    }
    return pattern === '*' ? this.all : this.catalog.expandActionPatternInAllServices(pattern);
  }

  accessLevel(action: string): string | undefined {
    return this.find(action)?.accessLevel;
  }

  /**
   * Completion for the action step: typed text with a wildcard is offered as a pattern (with
   * how many actions it covers); otherwise services whose prefix starts with it, then actions
   * whose name contains it (any case), those that start with it first.
   */
  complete(text: string, limit = 200): SimulationActionItem[] {
    const typed = text.trim();
    const items: SimulationActionItem[] = [];
    if (/[*?]/.test(typed) && typed.includes(':')) {
      const count = this.expand(typed).length;
      items.push({ action: typed, count });
    }
    const lower = typed.toLowerCase().replace(/[*?]/g, '');
    const colon = lower.indexOf(':');
    if (colon < 0) {
      for (const service of [...this.services].filter((prefix) => prefix.startsWith(lower)).sort().slice(0, 50)) {
        items.push({ action: `${service}:*`, count: this.catalog.expandActionPatternInAllServices(`${service}:*`).length });
      }
    }
    const starts: ActionName[] = [];
    const contains: ActionName[] = [];
    for (const action of this.all) {
      const name = action.fullName.toLowerCase();
      if (name.startsWith(lower)) starts.push(action);
      else if (colon < 0 && lower.length >= 3 && name.includes(lower)) contains.push(action);
      if (starts.length >= limit) break;
    }
    for (const action of [...starts, ...contains].slice(0, Math.max(0, limit - items.length))) items.push({ action: action.fullName, accessLevel: action.accessLevel });
    return items;
  }
}
