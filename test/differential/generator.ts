/**
 * Seeded generator of simulation cases for the differential test. Every case is a request plus
 * the policies of every type that apply to its principal, drawn so that statements often (not
 * always) match: most decisions then turn on the details being compared. `tags` name the
 * features a case exercises; they are the categories of the report and what the deviation
 * predicates look at.
 */
import { principalContext, parseRequestPrincipal } from '../../server/src/engine/requestPrincipal';
import { A, ACTIONS, B, DATE_EPOCH, KEYS, NEGATED, OPERATORS, PRINCIPALS, VARIABLES, type KeySpec, type PrincipalChoice } from './domain';
import type { Random } from './random';

export type Json = Record<string, unknown>;
export interface Doc {
  readonly Version?: string;
  readonly Statement: Json[];
}

export interface Case {
  readonly id: number;
  readonly tags: Set<string>;
  readonly principal: PrincipalChoice;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  readonly context: Record<string, string | string[]>;
  readonly identity: Doc[];
  readonly resourcePolicy?: Doc;
  readonly boundary?: Doc;
  readonly session?: Doc;
  readonly scp?: Doc[][];
  readonly rcp?: Doc[][];
  readonly endpoint?: Doc;
}

type PolicyKind = 'identity' | 'resource' | 'boundary' | 'session' | 'scp' | 'rcp' | 'endpoint';

/** The request time every case uses, so that aws:CurrentTime and aws:EpochTime are the same for both simulators. */
export const CURRENT_TIME = { 'aws:CurrentTime': '2024-03-01T12:00:00Z', 'aws:EpochTime': '1709294400' };

export function generateCase(id: number, random: Random): Case {
  const tags = new Set<string>();
  const principal = random.pick(PRINCIPALS);
  tags.add(`principal:${principal.kind}`);
  const choice = random.pick(ACTIONS);
  const resourceAccount = random.chance(0.7) ? (principal.account ?? A) : principal.account === B ? A : B;
  const resource = random.pick(choice.resources).replace('{account}', resourceAccount);
  if (principal.account && principal.account !== resourceAccount) tags.add('cross-account');
  tags.add(`service:${choice.action.split(':')[0]}`);

  const context = requestContext(principal, random);
  const builder = new PolicyBuilder(random, tags, principal, choice.action, resource, context);
  const inAccount = principal.kind !== 'service' && principal.kind !== 'anonymous';
  const hasIdentity = inAccount && principal.kind !== 'root';
  const isSession = principal.kind === 'role' || principal.kind === 'roleSession' || principal.kind === 'federatedUser';
  const wantsResource = choice.resourcePolicy && random.chance(inAccount ? 0.6 : 0.9);

  const identity = hasIdentity ? Array.from({ length: random.int(0, 3) }, () => builder.doc('identity')) : [];
  const generated: Case = {
    id,
    tags,
    principal,
    action: choice.action,
    resource,
    resourceAccount,
    context,
    identity,
    resourcePolicy: wantsResource ? builder.doc('resource') : undefined,
    boundary: hasIdentity && random.chance(0.15) ? builder.doc('boundary') : undefined,
    session: isSession && random.chance(0.3) ? builder.doc('session') : undefined,
    scp: principal.kind !== 'anonymous' && random.chance(0.3) ? builder.levels('scp') : undefined,
    rcp: random.chance(0.2) ? builder.levels('rcp') : undefined,
    endpoint: random.chance(0.1) ? builder.doc('endpoint') : undefined,
  };
  for (const [kind, present] of Object.entries({
    identity: identity.length > 0,
    resource: !!generated.resourcePolicy,
    boundary: !!generated.boundary,
    session: !!generated.session,
    scp: !!generated.scp,
    rcp: !!generated.rcp,
    endpoint: !!generated.endpoint,
  })) {
    if (present) tags.add(`type:${kind}`);
  }
  return generated;
}

/** Derived keys are given explicitly, because iam-simulate derives none; other keys are drawn. */
function requestContext(principal: PrincipalChoice, random: Random): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = { ...principalContext(parseRequestPrincipal(principal.value), {}), ...CURRENT_TIME };
  for (const spec of KEYS) {
    if (spec.derived || !random.chance(0.5)) continue;
    context[spec.key] = spec.multi ? random.some(spec.requestValues, random.int(0, 3)) : random.pick(spec.requestValues);
  }
  return context;
}

class PolicyBuilder {
  constructor(
    private readonly random: Random,
    private readonly tags: Set<string>,
    private readonly principal: PrincipalChoice,
    private readonly action: string,
    private readonly resource: string,
    private readonly context: Record<string, string | string[]>,
  ) {}

  levels(kind: 'scp' | 'rcp'): Doc[][] {
    return Array.from({ length: this.random.int(1, 3) }, () => {
      const level: Doc[] = [];
      if (kind === 'scp' && this.random.chance(0.75)) level.push({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
      if (kind === 'rcp' || this.random.chance(0.6)) level.push(this.doc(kind));
      return level;
    });
  }

  doc(kind: PolicyKind): Doc {
    // iam-simulate's validator: "Version must be "2012-10-17" in a resource control policy".
    const version = kind === 'rcp' || this.random.chance(0.9) ? '2012-10-17' : this.random.pick(['2008-10-17', undefined]);
    const statements = Array.from({ length: this.random.int(1, 3) }, () => this.statement(kind));
    const text = JSON.stringify(statements);
    if (version !== '2012-10-17' && text.includes('${')) this.tags.add('variables-without-2012-version');
    return version ? { Version: version, Statement: statements } : { Statement: statements };
  }

  private statement(kind: PolicyKind): Json {
    const random = this.random;
    const effect = kind === 'rcp' ? 'Deny' : random.chance(kind === 'scp' || kind === 'endpoint' ? 0.35 : 0.3) ? 'Deny' : 'Allow';
    const statement: Json = { Effect: effect };
    if (random.chance(0.3)) statement.Sid = `S${random.int(1, 99)}`;
    if (kind === 'resource') this.principalElement(statement, effect);
    if (kind === 'rcp' || kind === 'endpoint') statement.Principal = '*';
    if (kind !== 'rcp' && random.chance(0.12)) {
      statement.NotAction = this.actions(random.chance(0.25));
      this.tags.add('element:NotAction');
    } else statement.Action = this.actions(random.chance(0.7), kind === 'rcp');
    const trust = kind === 'resource' && this.action === 'sts:AssumeRole' && random.chance(0.5);
    if (!trust) {
      if (kind !== 'rcp' && random.chance(0.1)) {
        const notResource = this.resources(random.chance(0.25));
        statement.NotResource = notResource;
        this.tags.add('element:NotResource');
        if ([notResource].flat().some((value) => !this.variablesResolve(value))) this.tags.add('variable:null-in-NotResource');
      } else statement.Resource = this.resources(random.chance(0.75));
    }
    if (random.chance(0.45)) statement.Condition = this.condition();
    return statement;
  }

  /** RCPs cannot use "*" as an action (iam-simulate's validator, after AWS's RCP syntax). */
  private actions(matching: boolean, noStar = false): string | string[] {
    const [service, name] = this.action.split(':');
    const matches = [this.action, `${service.toUpperCase()}:${name.toLowerCase()}`, `${service}:*`, noStar ? `${service}:*` : '*', `${service}:${name.slice(0, 3)}*`, `${service}:*${name.slice(-3)}`, `${service}:${name.slice(0, -1)}?`];
    const others = ['ec2:DescribeInstances', `${service}:Delete*`, 'iam:*', `${service}:${name}X`, `${service}:?${name}`];
    const values = this.random.some(others, this.random.int(0, 2));
    if (matching) values.splice(this.random.int(0, values.length), 0, this.random.pick(matches));
    if (values.length === 0) values.push(this.random.pick(others));
    return values.length === 1 && this.random.chance(0.5) ? values[0] : values;
  }

  private resources(matching: boolean): string | string[] {
    const matches = resourceMatches(this.resource);
    const others = ['arn:aws:s3:::bucket-z/*', `arn:aws:sqs:us-east-1:${B}:other`, 'arn:aws:s3:::Bucket-A/*', `arn:aws:iam::${A}:user/carol`];
    const values = this.random.some(others, this.random.int(0, 1));
    if (matching) values.push(this.random.pick(matches));
    if (values.length === 0) values.push(this.random.pick(others));
    for (const value of values) this.tagResource(value);
    return values.length === 1 ? values[0] : values;
  }

  private tagResource(pattern: string): void {
    if (pattern.includes('${')) this.tags.add('variable:resource');
    const colons = [...pattern.matchAll(/:/g)].map((match) => match.index);
    if (colons.length >= 5) {
      const header = pattern.slice(0, colons[4]);
      if (header.includes('${')) this.tags.add('variable:resource-header');
      const [, , service, region, account] = pattern.split(':');
      const resourcePart = pattern.slice(colons[4] + 1);
      const s3 = service === 's3' && region === '' && account === '';
      const delimiter = Math.min(...['/', ':'].map((c) => (resourcePart.includes(c) ? resourcePart.indexOf(c) : Infinity)));
      if (!s3 && delimiter !== Infinity && /[*?]/.test(resourcePart.slice(0, delimiter + 1))) this.tags.add('resource:wildcard-before-first-delimiter');
    }
  }

  /** Whether every variable in `value` has a value in the request context or a default. */
  private variablesResolve(value: string): boolean {
    return [...value.matchAll(/\$\{([^},]+)(, '[^']*')?\}/g)].every(([, name, fallback]) => fallback !== undefined || typeof this.context[name] === 'string');
  }

  private principalElement(statement: Json, effect: string): void {
    const random = this.random;
    const p = this.principal;
    const pool: unknown[] = ['*', { AWS: '*' }, { AWS: A }, { AWS: `arn:aws:iam::${A}:root` }, { AWS: B }, { Service: 'sns.amazonaws.com' }, { AWS: `arn:aws:iam::${A}:user/alice` }];
    if (p.value.startsWith('arn:')) pool.push({ AWS: p.value }, { AWS: p.value });
    const session = /^arn:aws:sts::(\d+):assumed-role\/([^/]+)\//.exec(p.value);
    if (session) pool.push({ AWS: `arn:aws:iam::${session[1]}:role/${session[2]}` }, { AWS: `arn:aws:iam::${session[1]}:role/team/${session[2]}` });
    const federated = /^arn:aws:sts::(\d+):federated-user\/(.+)$/.exec(p.value);
    if (federated) pool.push({ AWS: `arn:aws:iam::${federated[1]}:user/${federated[2]}` });
    if (p.kind === 'service') pool.push({ Service: p.value }, { Service: p.value });
    let element = random.pick(pool);
    if (random.chance(0.15)) element = { AWS: [A, B, `arn:aws:iam::${B}:user/alice`].slice(0, random.int(1, 3)) };
    if (random.chance(effect === 'Deny' ? 0.3 : 0.05) && element !== '*') {
      statement.NotPrincipal = typeof element === 'string' ? { AWS: element } : element;
      this.tags.add(`element:NotPrincipal-${effect}`);
    } else statement.Principal = element;
  }

  private condition(): Json {
    const condition: Record<string, Record<string, unknown>> = {};
    for (let i = this.random.int(1, 2); i > 0; i--) {
      const spec = this.random.pick(KEYS);
      const { operator, values } = this.conditionEntry(spec);
      (condition[operator] ??= {})[spec.key] = values.length === 1 && this.random.chance(0.6) ? values[0] : values;
    }
    return condition;
  }

  private conditionEntry(spec: KeySpec): { operator: string; values: string[] } {
    const random = this.random;
    const present = this.context[spec.key] !== undefined;
    if (random.chance(0.06)) {
      this.tags.add('op:Null');
      const value = this.context[spec.key];
      if (value === '' || (Array.isArray(value) && value.length === 0)) this.tags.add('null:empty-request-value');
      return { operator: 'Null', values: [random.pick(['true', 'false'])] };
    }
    const family = random.pick(spec.families);
    let base = random.pick(OPERATORS[family]);
    const ifExists = random.chance(0.2);
    const set = spec.multi ? (random.chance(0.92) ? random.pick(['ForAllValues', 'ForAnyValue']) : undefined) : random.chance(0.04) ? random.pick(['ForAllValues', 'ForAnyValue']) : undefined;
    let values = random.some(spec.policyValues, random.int(1, 3));
    if ((family === 'String' || family === 'Arn') && random.chance(0.15)) {
      values = [random.pick(VARIABLES), ...values.slice(1)];
      this.tags.add('variable:condition');
      if (NEGATED.has(base) && !this.variablesResolve(values[0])) this.tags.add('variable:missing-in-negated-condition');
      if (family === 'Arn') this.tags.add('arn-operator:value-not-an-arn');
    }
    if (family === 'Date' && present) {
      const requestIsEpoch = /^\d+$/.test(String(this.context[spec.key]));
      if (values.some((value) => DATE_EPOCH.includes(value) !== requestIsEpoch)) this.tags.add('date:epoch-and-iso-mixed');
    }
    if (family === 'IpAddress' && values.includes('0.0.0.0/0')) this.tags.add('ip:prefix-zero');
    const requestIp = this.context[spec.key];
    if (base === 'NotIpAddress' && typeof requestIp === 'string' && values.some((value) => !value.includes('/') && value.includes(':') !== requestIp.includes(':'))) {
      this.tags.add('ip:not-ip-address-other-family');
    }
    if (family === 'Date' && spec.key === 'aws:EpochTime' && values.some((value) => !/^\d+$/.test(value))) this.tags.add('date:epoch-and-iso-mixed');
    if (base === 'StringLike' && family === 'Arn') base = 'ArnLike';
    const operator = `${set ? `${set}:` : ''}${base}${ifExists ? 'IfExists' : ''}`;
    this.tags.add(`op:${base}`);
    if (ifExists) this.tags.add('op:IfExists');
    if (set) this.tags.add(`set:${set}`);
    if (set && ifExists && !present) this.tags.add('set-with-IfExists-and-missing-key');
    if (set && spec.multi && present && (this.context[spec.key] as string[]).length === 0) this.tags.add('set:empty-request-set');
    if (set && !present) this.tags.add('set:missing-key');
    if (!set && spec.multi && present) this.tags.add('multivalued-key-without-set-operator');
    return { operator, values };
  }
}

/** Resource patterns that cover `resource`, of every kind the Resource page describes. */
function resourceMatches(resource: string): string[] {
  if (resource === '*') return ['*'];
  const [, partition, service, region, account, ...rest] = resource.split(':');
  const part = rest.join(':');
  const arn = (r: string, a: string, res: string) => `arn:${partition}:${service}:${r}:${a}:${res}`;
  const patterns = ['*', resource, arn(region, account, `${part.slice(0, 4)}*`), arn(region, account, `${part.slice(0, -1)}?`), arn(region, account, '*')];
  if (region) patterns.push(arn('*', account, part), arn('us-*', account, part));
  if (account) patterns.push(arn(region, '*', part), arn(region, '${aws:PrincipalAccount}', part));
  if (service === 's3') patterns.push('arn:aws:s3:::*', 'arn:aws:s3:::bucket-a/*/notes.txt', 'arn:aws:s3:::bucket-a/home/${aws:username}/*', 'arn:aws:s3:::*/photos/*');
  if (service === 'iam') patterns.push(arn(region, account, 'user/${aws:username}'), arn(region, account, '*/alice'), arn(region, account, 'user/*'));
  if (service === 'logs') patterns.push(arn(region, account, '*:log-stream:*'), arn(region, account, 'log-group:/aws/lambda/*'));
  return patterns;
}
