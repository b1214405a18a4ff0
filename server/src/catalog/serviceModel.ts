import { actionPatternToRegExp, hasWildcard } from './actionPattern';
import { compileArnFormat, lastPlaceholderSpans, type ArnFormatMatcher } from './arnFormat';
import { conditionKeyPatternToRegExp, isConditionKeyPattern } from './conditionKeyName';
import type { ActionEntry, ServiceFile } from './dataFiles';
import { serviceReferenceSectionUrl } from './docsLinks';
import type {
  AccessLevel,
  ActionInfo,
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

/** One loaded service: its data as the catalog hands it out, plus the lookups over it. */
export class ServiceModel {
  readonly info: ServiceInfo;
  private readonly actionsByName: Map<string, ActionInfo>;
  private readonly resourceTypesByName: Map<string, ResourceTypeInfo>;
  private readonly conditionKeysByName: Map<string, ConditionKeyInfo>;
  private conditionKeyPatterns?: { key: ConditionKeyInfo; regExp: RegExp }[];
  private readonly arnMatchers = new Map<string, ArnFormatMatcher[]>();

  constructor(file: ServiceFile) {
    const actionsDocUrl = serviceReferenceSectionUrl(file.docUrl, 'actions');
    const keysDocUrl = serviceReferenceSectionUrl(file.docUrl, 'conditionKeys');
    const actions = file.actions.map((entry) => toActionInfo(file.prefix, entry, actionsDocUrl));
    const resourceTypes = file.resourceTypes.map(
      (entry): ResourceTypeInfo => ({
        service: file.prefix,
        name: entry.name,
        arnFormats: entry.arnFormats,
        conditionKeys: entry.conditionKeys ?? [],
      }),
    );
    const conditionKeys = file.conditionKeys.map(
      (entry): ConditionKeyInfo => ({
        name: entry.name,
        type: entry.type as ConditionKeyType,
        multiValued: entry.type.startsWith('ArrayOf'),
        description: entry.description,
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
    this.actionsByName = new Map(actions.map((action) => [action.name.toLowerCase(), action]));
    this.resourceTypesByName = new Map(resourceTypes.map((rt) => [rt.name.toLowerCase(), rt]));
    this.conditionKeysByName = new Map(conditionKeys.map((key) => [key.name.toLowerCase(), key]));
  }

  action(name: string): ActionInfo | undefined {
    return this.actionsByName.get(name.toLowerCase());
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
    const exact = this.conditionKeysByName.get(name.toLowerCase());
    if (exact) return exact;
    this.conditionKeyPatterns ??= this.info.conditionKeys
      .filter((key) => isConditionKeyPattern(key.name))
      .map((key) => ({ key, regExp: conditionKeyPatternToRegExp(key.name) }));
    return this.conditionKeyPatterns.find(({ regExp }) => regExp.test(name))?.key;
  }
}

function toActionInfo(service: string, entry: ActionEntry, docUrl: string): ActionInfo {
  return {
    service,
    name: entry.name,
    fullName: `${service}:${entry.name}`,
    description: entry.description,
    accessLevel: entry.accessLevel,
    accessLevels: parseAccessLevels(entry.accessLevel),
    resourceTypes: (entry.resourceTypes ?? []).map((rt) => ({
      name: rt.name,
      required: rt.required === true,
      conditionKeys: rt.conditionKeys ?? [],
      dependentActions: rt.dependentActions ?? [],
    })),
    conditionKeys: entry.conditionKeys ?? [],
    dependentActions: entry.dependentActions ?? [],
    scenarios: entry.scenarios?.map((scenario) => ({
      name: scenario.name,
      resourceTypes: scenario.resourceTypes.map((rt) => ({ name: rt.name, required: rt.required === true })),
    })),
    docUrl,
  };
}
