/**
 * The result panel's script, run inside the webview. panelHtml.ts inlines this one function's
 * source (with the CSP nonce), so it must stay self-contained: no imports at run time, no
 * reference to anything outside its body. It reads the model from the page's JSON block and
 * builds the page with createElement and textContent only: policy text, names and values
 * from the workspace are never parsed as HTML. Clicks become messages to the extension, which
 * owns every action (open a file, copy, run again).
 */
import type { EffectiveAction, EvaluationResult, MatchedStatement, PolicyType, SimulationContextKey, StatementRef, UnmatchedStatement, WhoCanPrincipal } from '../../../server/src/protocol';
import type { PanelModel, WebviewMessage } from './panelModel';

export function webviewMain(): void {
  type Linked<T> = T & { readonly link?: number; readonly key?: string };
  type Statement = Linked<StatementRef> & Partial<Pick<MatchedStatement, 'deciding' | 'unevaluable'>> & Partial<Pick<UnmatchedStatement, 'reason'>>;

  const api = (globalThis as unknown as { acquireVsCodeApi(): { postMessage(message: WebviewMessage): void } }).acquireVsCodeApi();
  const model = JSON.parse(document.getElementById('panel-model')?.textContent ?? '{}') as PanelModel;
  const root = document.getElementById('root')!;
  const texts: Readonly<Record<string, string>> = model.result.statementTexts ?? {};
  let linkCount = 0;

  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  };
  const add = <T extends Node>(parent: Node, child: T): T => {
    parent.appendChild(child);
    return child;
  };
  const section = (title: string, className = ''): HTMLElement => {
    const part = add(root, el('section', className));
    add(part, el('h2', undefined, title));
    return part;
  };
  const paragraph = (parent: Node, text: string, className?: string) => add(parent, el('p', className, text));
  const decisionText = (decision: string) =>
    decision === 'allowed' ? 'Allowed' : decision === 'explicitDeny' ? 'Denied (explicit deny)' : decision === 'implicitDeny' ? 'Denied (implicit deny)' : decision === 'notApplicable' ? 'Not applicable' : decision;
  const badge = (decision: string) => el('span', `badge ${decision}`, decisionText(decision));

  /** A button that asks the extension to open a place in a file (by its number, never by name). */
  const linkButton = (link: number | undefined, text: string): HTMLElement => {
    if (link === undefined) return el('span', 'name', text);
    const button = el('button', 'link', text);
    button.type = 'button';
    button.title = 'Open the source at this statement';
    button.dataset.link = String(link);
    button.addEventListener('click', () => api.postMessage({ type: 'open', link }));
    linkCount++;
    return button;
  };
  const statementLabel = (statement: Statement) => {
    const level = statement.level !== undefined ? ` level ${statement.level}` : '';
    const name = statement.sid ? `"${statement.sid}"` : `statement ${statement.statementIndex}`;
    return `${statement.effect} · ${statement.policyType}${level} · ${statement.policyId} · ${name}`;
  };
  const reasonText = (statement: Statement) => {
    const reason = statement.reason;
    if (!reason) return '';
    const detail = [reason.operator, reason.key, reason.values && reason.values.length > 0 ? `[${reason.values.join(', ')}]` : undefined].filter((part) => part !== undefined).join(' ');
    return `${reason.element}: ${reason.message}${reason.element === 'condition' && detail ? ` (${detail})` : ''}`;
  };
  const statementBlock = (parent: Node, statement: Statement, options: { showText: boolean; showReason: boolean }) => {
    const item = add(parent, el('div', `statement ${statement.effect === 'Deny' ? 'deny' : 'allow'}${statement.deciding ? ' deciding' : ''}`));
    const head = add(item, el('div', 'statement-head'));
    add(head, linkButton(statement.link, statementLabel(statement)));
    if (statement.unevaluable) add(head, el('span', 'tag warning', 'could not be fully evaluated'));
    if (options.showReason && statement.reason) add(item, el('div', 'reason', reasonText(statement)));
    const text = statement.key !== undefined ? texts[statement.key] : undefined;
    if (options.showText && text !== undefined) add(item, el('pre', 'policy-text', text));
  };
  const statementList = (parent: Node, statements: readonly Statement[], options: { showText: boolean; showReason: boolean }, empty?: string) => {
    if (statements.length === 0 && empty) paragraph(parent, empty, 'muted');
    for (const statement of statements) statementBlock(parent, statement, options);
  };
  const notesAndErrors = (notes: readonly string[] | undefined, errors: readonly { message: string; link?: number }[] | undefined) => {
    if ((notes?.length ?? 0) + (errors?.length ?? 0) === 0) return;
    const part = section('Notes', 'notes');
    for (const note of notes ?? []) paragraph(part, note, 'note');
    for (const error of errors ?? []) {
      const line = add(part, el('p', 'error'));
      add(line, el('span', undefined, error.message));
      if (error.link !== undefined) {
        add(line, document.createTextNode(' '));
        add(line, linkButton(error.link, 'open'));
      }
    }
  };
  const toolbar = (withCli: boolean) => {
    const bar = add(root, el('div', 'toolbar'));
    if (withCli) {
      const copy = add(bar, el('button', 'primary', 'Copy as CLI request'));
      copy.type = 'button';
      copy.title = 'The --request file of `iam-policy-studio simulate` for this simulation';
      copy.addEventListener('click', () => api.postMessage({ type: 'copyCli' }));
    }
  };

  /** Context keys with an input each, and "Run again" with the values typed. */
  const contextForm = (keys: readonly Pick<SimulationContextKey, 'name' | 'type' | 'multiValued' | 'derivedValue' | 'suppliedValue' | 'missing' | 'testedBy'>[], title: string) => {
    if (keys.length === 0) return;
    const part = section(title, 'context');
    paragraph(part, 'Give a value and run again. A multivalued key takes several values separated by commas.', 'muted');
    const table = add(part, el('table'));
    const header = add(add(table, el('thead')), el('tr'));
    for (const name of ['Key', 'Type', 'Value in this request', 'New value', 'Tested by']) add(header, el('th', undefined, name));
    const body = add(table, el('tbody'));
    const inputs: { key: string; multi: boolean; input: HTMLInputElement }[] = [];
    for (const key of keys) {
      const row = add(body, el('tr', key.missing ? 'missing' : undefined));
      add(row, el('td', 'mono', key.name));
      add(row, el('td', undefined, key.type ? `${key.type}${key.multiValued ? ' (multivalued)' : ''}` : ''));
      const supplied = key.suppliedValue === undefined ? undefined : Array.isArray(key.suppliedValue) ? key.suppliedValue.join(', ') : String(key.suppliedValue);
      add(row, el('td', 'mono', supplied ?? (key.derivedValue !== undefined ? `${key.derivedValue} (derived)` : key.missing ? 'missing' : '')));
      const input = add(add(row, el('td')), el('input'));
      input.type = 'text';
      input.value = supplied ?? '';
      input.placeholder = key.type === 'Bool' ? 'true or false' : key.type === 'Date' ? '2024-01-01T00:00:00Z' : key.type === 'Numeric' ? 'a number' : 'value';
      input.setAttribute('aria-label', `Value of ${key.name}`);
      add(row, el('td', 'small', key.testedBy.join('; ')));
      inputs.push({ key: key.name, multi: key.multiValued === true || (key.type ?? '').startsWith('ArrayOf'), input });
    }
    const run = add(part, el('button', 'primary', 'Run again with these values'));
    run.type = 'button';
    run.addEventListener('click', () => {
      const context: Record<string, string | string[]> = {};
      for (const { key, multi, input } of inputs) {
        const value = input.value.trim();
        if (value === '') continue;
        context[key] = multi ? value.split(',').map((part) => part.trim()).filter((part) => part !== '') : value;
      }
      api.postMessage({ type: 'rerun', context });
    });
  };

  const POLICY_TYPES: readonly [PolicyType, string][] = [
    ['scp', 'Service control policies'],
    ['rcp', 'Resource control policies'],
    ['endpoint', 'VPC endpoint policy'],
    ['resource', 'Resource-based policy'],
    ['identity', 'Identity-based policies'],
    ['boundary', 'Permissions boundary'],
    ['session', 'Session policy'],
  ];

  const renderOne = (result: EvaluationResult) => {
    const banner = add(root, el('div', `banner ${result.decision}`));
    add(banner, el('div', 'decision', decisionText(result.decision)));
    const request = result.request;
    add(banner, el('div', 'request mono', `${request.action} on ${request.resource}`));
    add(banner, el('div', 'request mono', `as ${request.principal}${request.crossAccount ? ` (cross-account: ${request.principalAccount ?? '?'} → ${request.resourceAccount ?? '?'})` : ''}`));

    const types = section('Policy types');
    const table = add(types, el('table', 'types'));
    for (const [type, label] of POLICY_TYPES) {
      const verdict = result.policyTypes[type];
      // A VPC endpoint policy only exists for requests through an endpoint: listed when given.
      if (!verdict && type === 'endpoint') continue;
      const row = add(table, el('tr'));
      add(row, el('td', undefined, label));
      const cell = add(row, el('td'));
      if (verdict) add(cell, badge(verdict.decision));
      else add(cell, el('span', 'muted', 'none given'));
      const details = [verdict?.levels ? `levels: ${verdict.levels.map(decisionText).join(', ')}` : '', verdict?.principalMatch ? `grants the ${verdict.principalMatch}` : '', verdict?.note ?? ''].filter((part) => part !== '');
      add(row, el('td', 'small', details.join(' · ')));
    }

    const why = section('Why');
    const list = add(why, el('ol'));
    for (const line of result.explanation) add(list, el('li', undefined, line));

    const matched = result.matchedStatements as readonly Statement[];
    const deciding = matched.filter((statement) => statement.deciding);
    statementList(section('Deciding statements'), deciding, { showText: true, showReason: false }, result.decision === 'implicitDeny' ? 'None: nothing allows the request, so it is denied by default.' : 'None.');
    const otherMatched = matched.filter((statement) => !statement.deciding);
    if (otherMatched.length > 0) statementList(section('Other statements that applied'), otherMatched, { showText: true, showReason: false });
    const unmatched = result.unmatchedStatements as readonly Statement[];
    if (unmatched.length > 0) statementList(section('Statements that did not apply, and why'), unmatched, { showText: false, showReason: true });
    notesAndErrors(undefined, result.errors as readonly { message: string; link?: number }[]);
  };

  const renderBatch = (results: readonly EvaluationResult[], accessLevels: Readonly<Record<string, string>>, decision: string | undefined) => {
    const banner = add(root, el('div', `banner ${decision ?? 'implicitDeny'}`));
    const allowed = results.filter((result) => result.decision === 'allowed').length;
    add(banner, el('div', 'decision', `${allowed} of ${results.length} actions allowed`));
    if (results[0]) add(banner, el('div', 'request mono', `on ${results[0].request.resource} as ${results[0].request.principal}`));
    const groups = new Map<string, EvaluationResult[]>();
    for (const result of results) {
      const level = accessLevels[result.request.action] ?? 'Unknown';
      groups.set(level, [...(groups.get(level) ?? []), result]);
    }
    for (const [level, group] of groups) {
      const part = section(`${level} (${group.filter((result) => result.decision === 'allowed').length} of ${group.length} allowed)`);
      const table = add(part, el('table', 'batch'));
      for (const result of group) {
        const row = add(table, el('tr'));
        add(row, el('td', 'mono', result.request.action));
        add(add(row, el('td')), badge(result.decision));
        const by = add(row, el('td'));
        const deciding = (result.matchedStatements as readonly Statement[]).filter((statement) => statement.deciding);
        if (deciding.length === 0) add(by, el('span', 'muted', 'no statement allows it'));
        for (const statement of deciding) {
          add(by, linkButton(statement.link, statementLabel(statement)));
          add(by, el('br'));
        }
      }
    }
  };

  const renderPrincipals = (title: string, principals: readonly Linked<WhoCanPrincipal>[], empty: string) => {
    const part = section(title);
    if (principals.length === 0) paragraph(part, empty, 'muted');
    const table = add(part, el('table', 'principals'));
    for (const principal of principals) {
      const row = add(table, el('tr'));
      add(row, el('td', undefined, principal.type));
      add(row, el('td', 'mono', principal.arn));
      const by = add(row, el('td'));
      for (const statement of principal.statements as readonly Statement[]) {
        add(by, linkButton(statement.link, statementLabel(statement)));
        add(by, el('br'));
      }
    }
  };

  const missingKeys = (names: readonly string[]) => names.map((name) => ({ name, missing: true, testedBy: [] as string[] }));

  const renderEffective = () => {
    if (model.kind !== 'effective') return;
    const result = model.result;
    const banner = add(root, el('div', 'banner info'));
    add(banner, el('div', 'decision', `${result.allowedCount} actions allowed`));
    add(banner, el('div', 'request mono', result.params.principal));
    if (result.privilegeEscalation.length > 0 || result.credentialExposure.length > 0) {
      const risks = section('Risks', 'risks');
      for (const method of result.privilegeEscalation) paragraph(risks, `Privilege escalation (${method.method}): ${method.actions.join(' + ')}`, 'risk');
      if (result.credentialExposure.length > 0) paragraph(risks, `Credential exposure: ${result.credentialExposure.join(', ')}`, 'risk');
    }
    const services = section('Allowed actions by service and access level');
    for (const service of result.services) {
      const details = add(services, el('details', 'service'));
      const count = service.levels.reduce((sum, level) => sum + level.actions.length, 0);
      const risky = service.levels.some((level) => level.actions.some((action) => action.risks.length > 0));
      const summary = add(details, el('summary', risky ? 'risky' : undefined, `${service.service}${service.name ? ` (${service.name})` : ''}: ${count} action${count === 1 ? '' : 's'} · ${service.levels.map((level) => `${level.actions.length} ${level.accessLevel}`).join(', ')}`));
      summary.title = risky ? 'Includes privilege-escalation, credential-exposure or data-exfiltration actions' : '';
      // Rows are built when the service is opened: an administrator has thousands of actions.
      let built = false;
      const build = () => {
        if (built) return;
        built = true;
        for (const level of service.levels) {
          add(details, el('h3', undefined, level.accessLevel));
          const table = add(details, el('table', 'actions'));
          for (const action of level.actions as readonly Linked<EffectiveAction>[]) {
            const row = add(table, el('tr', action.risks.length > 0 ? 'risky' : undefined));
            const name = add(row, el('td', 'mono', action.action));
            for (const risk of action.risks) add(name, el('span', 'tag risk', risk));
            add(row, el('td', 'mono small', action.resources.join(', ')));
            const by = add(row, el('td'));
            for (const statement of action.statements as readonly Statement[]) {
              add(by, linkButton(statement.link, statementLabel(statement)));
              add(by, el('br'));
            }
          }
        }
      };
      if (risky) build();
      details.addEventListener('toggle', build);
    }
    if (result.denied.length > 0) {
      const denied = section('Granted by a policy but not allowed in the end');
      const table = add(denied, el('table', 'actions'));
      for (const action of result.denied) {
        const row = add(table, el('tr'));
        add(row, el('td', 'mono', action.action));
        add(add(row, el('td')), badge(action.decision));
        const why = add(row, el('td', 'small', action.reason));
        for (const statement of action.statements as readonly Statement[]) {
          add(why, el('br'));
          add(why, linkButton(statement.link, statementLabel(statement)));
        }
      }
    }
    contextForm(missingKeys(result.missingContextKeys), 'Context keys without a value');
    notesAndErrors(result.notes, result.error ? [{ message: result.error }] : []);
  };

  const render = () => {
    switch (model.kind) {
      case 'simulation': {
        const result = model.result;
        if (result.error) {
          add(root, el('div', 'banner error', result.error));
          break;
        }
        toolbar(result.cliRequest !== undefined);
        if (result.results.length === 1) renderOne(result.results[0]);
        else renderBatch(result.results, result.accessLevels, result.decision);
        contextForm(result.contextKeys, 'Context keys the statements test');
        notesAndErrors(result.notes, []);
        const policies = section('Policies evaluated');
        const list = add(policies, el('ul'));
        for (const policy of result.policies as readonly Linked<(typeof result.policies)[number]>[]) {
          const item = add(list, el('li'));
          add(item, linkButton(policy.link, `${policy.type}${policy.level !== undefined ? ` level ${policy.level}` : ''} · ${policy.id}`));
          if (policy.via) add(item, el('span', 'muted', ` (${policy.via})`));
        }
        break;
      }
      case 'whoCan': {
        const result = model.result;
        if (result.error) {
          add(root, el('div', 'banner error', result.error));
          break;
        }
        const banner = add(root, el('div', `banner ${result.allowed.length > 0 ? 'allowed' : 'implicitDeny'}`));
        add(banner, el('div', 'decision', `${result.allowed.length} of ${result.evaluated} users and roles allowed`));
        add(banner, el('div', 'request mono', `${result.params.action} on ${result.params.resource}`));
        renderPrincipals('Allowed', result.allowed, 'Nobody in the account model may do this.');
        if (result.explicitlyDenied.length > 0) renderPrincipals('Explicitly denied', result.explicitlyDenied, '');
        contextForm(missingKeys(result.missingContextKeys), 'Context keys without a value');
        notesAndErrors(result.notes, []);
        break;
      }
      case 'effective':
        renderEffective();
        break;
    }
  };

  render();
  // Tell the extension what was built: its tests read this to check that nothing in the data became markup.
  const tags: Record<string, number> = {};
  for (const element of Array.from(document.querySelectorAll('*'))) tags[element.tagName.toLowerCase()] = (tags[element.tagName.toLowerCase()] ?? 0) + 1;
  api.postMessage({ type: 'rendered', summary: { kind: model.kind, tags, text: (root.textContent ?? '').slice(0, 200_000), links: linkCount } });
}
