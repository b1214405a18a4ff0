/**
 * Loads what a completion or hover at the cursor needs, before the synchronous feature runs:
 * the services the cursor's statement names and the one being typed, the service principal
 * list when a principal or a CalledVia key wants it, the all-actions index for a pattern across
 * services. Never the whole catalog: typing waits only for the few files it touches.
 */
import type { Catalog } from '../catalog/catalog';
import type { Statement } from '../policy/ast';
import type { CursorContext } from './cursorContext';
import { SERVICE_PRINCIPAL_KEYS } from './knownValues';
import { isCrossServicePattern, splitActionText } from './statementActions';

/** Data loaded for one request, handed to the feature with the options. */
export interface PreparedData {
  readonly servicePrincipals?: readonly string[];
  readonly actionIndexLoaded: boolean;
}


/** The service of an ARN ("arn:aws:s3:::b" -> "s3"), or undefined. */
export function arnService(text: string): string | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const service = text.split(':')[2];
  return service && service !== '*' ? service.toLowerCase() : undefined;
}

/** Service prefixes a statement names through actions, resources and condition keys. */
export function statementServices(statement: Statement | undefined, catalog: Catalog, into = new Set<string>()): Set<string> {
  if (!statement) return into;
  for (const list of [statement.action, statement.notAction]) {
    for (const value of list?.values ?? []) {
      const parts = splitActionText(value.value);
      if (parts && !isCrossServicePattern(value.value)) into.add(parts.prefix.toLowerCase());
    }
  }
  for (const list of [statement.resource, statement.notResource]) {
    for (const value of list?.values ?? []) {
      const service = arnService(value.value);
      if (service) into.add(service);
    }
  }
  for (const operator of statement.condition?.operators ?? []) {
    for (const key of operator.keys) for (const service of catalog.conditionKeyServices(key.key)) into.add(service);
  }
  return into;
}

/**
 * Completion of ARN templates, condition keys and variables draws on every action of the
 * statement; hover only on the service of the hovered text. Statements can name thousands of
 * actions (AWS managed policies do), so hover does not touch them.
 */
export type Purpose = 'completion' | 'hover';

export async function prepareForCursor(context: CursorContext, catalog: Catalog, purpose: Purpose = 'completion'): Promise<PreparedData> {
  const services = new Set<string>();
  const addKeyServices = (key: string) => {
    for (const service of catalog.conditionKeyServices(key)) services.add(service);
  };
  const text = context.variable ? context.variable.name : context.span.value;
  const slot = context.slot;
  const usesStatement = purpose === 'completion' && (slot.kind === 'resource-value' || slot.kind === 'condition-key' || context.variable !== undefined);
  if (usesStatement) statementServices(context.statement, catalog, services);
  let wantsPrincipals = false;
  let wantsIndex = false;
  switch (slot.kind) {
    case 'action-value': {
      const parts = splitActionText(text);
      wantsIndex = isCrossServicePattern(text);
      if (parts && !wantsIndex) services.add(parts.prefix.toLowerCase());
      break;
    }
    case 'resource-value': {
      const service = arnService(text);
      if (service) services.add(service);
      break;
    }
    case 'condition-key':
      addKeyServices(text);
      break;
    case 'condition-value': {
      addKeyServices(slot.key);
      const service = arnService(context.span.value);
      if (service) services.add(service);
      wantsPrincipals = purpose === 'completion' && SERVICE_PRINCIPAL_KEYS.has(slot.key.toLowerCase());
      break;
    }
    case 'principal-value':
      wantsPrincipals = purpose === 'completion' && slot.principalType === 'Service';
      break;
    default:
      break;
  }
  if (slot.kind === 'resource-value' || slot.kind === 'condition-value') {
    // Variables in the string: hover explains their keys, whatever service defines them.
    for (const match of context.span.value.matchAll(/\$\{([^},]*)/g)) addKeyServices(match[1].trim());
  }
  if (context.variable) addKeyServices(context.variable.name);
  services.delete('*');
  const [servicePrincipals] = await Promise.all([
    wantsPrincipals ? catalog.loadServicePrincipals() : Promise.resolve(undefined),
    catalog.ensureServices(services),
    wantsIndex ? catalog.ensureActionIndex() : Promise.resolve(),
  ]);
  return { servicePrincipals, actionIndexLoaded: wantsIndex };
}
