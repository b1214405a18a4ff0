import { actionPatternToRegExp, hasWildcard } from './actionPattern';
import { compileArnFormat, lastPlaceholderSpans, type ArnFormatMatcher } from './arnFormat';
import { conditionKeyPatternToRegExp, isConditionKeyPattern } from './conditionKeyName';
import type { ActionEntry, ServiceDescriptionsFile, ServiceFile } from './dataFiles';
import { serviceReferenceSectionUrl } from './docsLinks';
import type {
  AccessLevel,
  ActionInfo,
  ActionNameIndex,
  ConditionKeyInfo,
  ConditionKeyType,
  ResourceTypeInfo,
  ServiceInfo,
} from './types';

const ACCESS_LEVELS: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

export function parseAccessLevels(accessLevel: string): AccessLevel[] {
  return accessLevel
    .split(',')
    .map((level) => level.trim())
    .filter((level): level is AccessLevel => (ACCESS_LEVELS as readonly string[]).includes(level));
}

/**
 * Shared by every action and resource type the reference gives no list for (most of them):
 * one empty array rather than one each. Callers get the lists as readonly.
 */
const NONE: readonly never[] = [];

/**
 * One loaded service: its data as the catalog hands it out, plus the lookups over it. The
 * CLI loads every service at once, so construction does only what every query needs;
 * the lookup maps are built on first use.
 */
export class ServiceModel {
  readonly info: ServiceInfo;
  private actionsByName?: Map<string, ActionInfo>;
  private sortedActionNames?: ActionNameIndex;
  private resourceTypesByName?: Map<string, ResourceTypeInfo>;
  private conditionKeysByName?: Map<string, ConditionKeyInfo>;
  private conditionKeyPatterns?: { key: ConditionKeyInfo; regExp: RegExp }[];
  private readonly arnMatchers = new Map<string, ArnFormatMatcher[]>();

  /** Without `descriptions` (or with ones that do not fit the file), actions and keys have none. */
  constructor(file: ServiceFile, descriptions?: ServiceDescriptionsFile) {
    const actionsDocUrl = serviceReferenceSectionUrl(file.docUrl, 'actions');
    const keysDocUrl = serviceReferenceSectionUrl(file.docUrl, 'conditionKeys');
    // A service's actions share a handful of access-level strings: parse each once.
    const accessLevelsByText = new Map<string, readonly AccessLevel[]>();
    const accessLevelsOf = (text: string) => {
      let levels = accessLevelsByText.get(text);
      if (!levels) accessLevelsByText.set(text, (levels = parseAccessLevels(text)));
      return levels;
    };
    const actionDescriptions = descriptions?.actions.length === file.actions.length ? descriptions.actions : undefined;
    const keyDescriptions = descriptions?.conditionKeys.length === file.conditionKeys.length ? descriptions.conditionKeys : undefined;
    const actions = file.actions.map((entry, index) => toActionInfo(file.prefix, entry, accessLevelsOf(entry.accessLevel), textOr(actionDescriptions?.[index], ''), actionsDocUrl));
    const resourceTypes = file.resourceTypes.map(
      (entry): ResourceTypeInfo => ({
        service: file.prefix,
        name: entry.name,
        arnFormats: entry.arnFormats,
        conditionKeys: entry.conditionKeys ?? NONE,
      }),
    );
    const conditionKeys = file.conditionKeys.map(
      (entry, index): ConditionKeyInfo => ({
        name: entry.name,
        type: entry.type as ConditionKeyType,
        multiValued: entry.type.startsWith('ArrayOf'),
        description: textOr(keyDescriptions?.[index], '') || undefined,
        service: file.prefix,
        docUrl: keysDocUrl,
      }),
    );
    this.info = {
      prefix: file.prefix,
      name: file.name,
      actionCount: actions.length,
      docUrl: file.docUrl,
      actions,
      resourceTypes,
      conditionKeys,
    };
  }

  action(name: string): ActionInfo | undefined {
    this.actionsByName ??= byLowerCaseName(this.info.actions);
    return this.actionsByName.get(name.toLowerCase());
  }

  /** The lower-cased action names in code-unit order, and the action of each: for prefix searches ("describe*"). */
  actionNameIndex(): ActionNameIndex {
    this.actionsByName ??= byLowerCaseName(this.info.actions);
    this.sortedActionNames ??= { names: [...this.actionsByName.keys()].sort(), byName: this.actionsByName };
    return this.sortedActionNames;
  }

  /** Actions whose name matches `pattern` (`*`, `?`, any case), in the reference's order. */
  expandActionPattern(pattern: string): ActionInfo[] {
    if (!hasWildcard(pattern)) {
      const action = this.action(pattern);
      return action ? [action] : [];
    }
    const regExp = actionPatternToRegExp(pattern);
    return this.info.actions.filter((action) => regExp.test(action.name));
  }

  resourceType(name: string): ResourceTypeInfo | undefined {
    this.resourceTypesByName ??= byLowerCaseName(this.info.resourceTypes);
    return this.resourceTypesByName.get(name.toLowerCase());
  }

  /** Matchers for the resource type's ARN formats, compiled on first use. */
  arnFormatMatchers(resourceType: ResourceTypeInfo): ArnFormatMatcher[] {
    let matchers = this.arnMatchers.get(resourceType.name);
    if (!matchers) {
      const allFormats = this.info.resourceTypes.flatMap((rt) => rt.arnFormats);
      matchers = resourceType.arnFormats.map((format) => compileArnFormat(format, lastPlaceholderSpans(format, allFormats)));
      this.arnMatchers.set(resourceType.name, matchers);
    }
    return matchers;
  }

  /** The key `name` is, or is an instance of (s3:ExistingObjectTag/Project -> s3:ExistingObjectTag/<key>). */
  conditionKey(name: string): ConditionKeyInfo | undefined {
    this.conditionKeysByName ??= byLowerCaseName(this.info.conditionKeys);
    const exact = this.conditionKeysByName.get(name.toLowerCase());
    if (exact) return exact;
    this.conditionKeyPatterns ??= this.info.conditionKeys
      .filter((key) => isConditionKeyPattern(key.name))
      .map((key) => ({ key, regExp: conditionKeyPatternToRegExp(key.name) }));
    return this.conditionKeyPatterns.find(({ regExp }) => regExp.test(name))?.key;
  }
}

function toActionInfo(service: string, entry: ActionEntry, accessLevels: readonly AccessLevel[], description: string, docUrl: string): ActionInfo {
  return {
    service,
    name: entry.name,
    fullName: `${service}:${entry.name}`,
    description,
    accessLevel: entry.accessLevel,
    accessLevels,
    resourceTypes:
      entry.resourceTypes?.map((rt) => ({
        name: rt.name,
        required: rt.required === true,
        conditionKeys: rt.conditionKeys ?? NONE,
        dependentActions: rt.dependentActions ?? NONE,
      })) ?? NONE,
    conditionKeys: entry.conditionKeys ?? NONE,
    dependentActions: entry.dependentActions ?? NONE,
    scenarios: entry.scenarios?.map((scenario) => ({
      name: scenario.name,
      resourceTypes: scenario.resourceTypes.map((rt) => ({ name: rt.name, required: rt.required === true })),
    })),
    docUrl,
  };
}

/** `value` if it is a string (a descriptions file is read as it comes), else `fallback`. */
function textOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** Action, resource type and condition key names are looked up without case. */
function byLowerCaseName<T extends { readonly name: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) map.set(item.name.toLowerCase(), item);
  return map;
}
