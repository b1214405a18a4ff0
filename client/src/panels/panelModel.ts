/**
 * What the result panel shows: one of the server's answers (a simulation or batch, "who can",
 * effective permissions), with a number on every statement and policy that has a place in a
 * file. The webview only ever sends that number back; the extension looks the place up in
 * `links`, so nothing the webview says can name a file to open.
 */
import type { EffectivePermissionsResult, SimulateAccessResult, SourceLocationParams, WhoCanResult } from '../../../server/src/protocol';
import { statementKey } from '../../../server/src/protocol';

export type PanelContent =
  | { readonly kind: 'simulation'; readonly result: SimulateAccessResult }
  | { readonly kind: 'whoCan'; readonly result: WhoCanResult }
  | { readonly kind: 'effective'; readonly result: EffectivePermissionsResult };

/** The content as the webview receives it: statements carry `link` (an index into `links`) and `key` (into statementTexts). */
export type PanelModel = PanelContent & { readonly title: string };

export interface PreparedPanel {
  readonly model: PanelModel;
  readonly links: readonly SourceLocationParams[];
}

/** Messages the webview posts. */
export type WebviewMessage =
  | { readonly type: 'open'; readonly link: number }
  | { readonly type: 'copyCli' }
  | { readonly type: 'rerun'; readonly context: Readonly<Record<string, string | readonly string[]>> }
  | { readonly type: 'rendered'; readonly summary: RenderedSummary };

/** What the webview built, reported once it has: the tags it created and the text it shows. */
export interface RenderedSummary {
  readonly kind: PanelContent['kind'];
  readonly tags: Readonly<Record<string, number>>;
  readonly text: string;
  readonly links: number;
}

export function preparePanel(content: PanelContent): PreparedPanel {
  const links: SourceLocationParams[] = [];
  const linkOf = new Map<string, number>();
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (value === null || typeof value !== 'object') return value;
    const object = value as Record<string, unknown>;
    const copy: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(object)) copy[name] = name === 'params' || name === 'cliRequest' ? item : visit(item);
    if (typeof object.uri === 'string' && isRange(object.range)) {
      const location = { uri: object.uri, range: object.range };
      const id = JSON.stringify(location);
      let index = linkOf.get(id);
      if (index === undefined) {
        index = links.length;
        links.push(location);
        linkOf.set(id, index);
      }
      copy.link = index;
    }
    if (typeof object.policyType === 'string' && typeof object.policyId === 'string' && typeof object.statementIndex === 'number') {
      copy.key = statementKey(object as unknown as Parameters<typeof statementKey>[0]);
    }
    return copy;
  };
  const result = visit(content.result) as PanelContent['result'];
  return { model: { ...content, result, title: titleOf(content) } as PanelModel, links };
}

function isRange(value: unknown): value is SourceLocationParams['range'] {
  const range = value as SourceLocationParams['range'] | undefined;
  return !!range && typeof range === 'object' && typeof range.start?.line === 'number' && typeof range.end?.line === 'number';
}

function titleOf(content: PanelContent): string {
  switch (content.kind) {
    case 'simulation':
      return `Simulate: ${content.result.params.action}`;
    case 'whoCan':
      return `Who can ${content.result.params.action}`;
    case 'effective':
      return `Effective permissions: ${content.result.params.principal.slice(content.result.params.principal.lastIndexOf('/') + 1)}`;
  }
}
