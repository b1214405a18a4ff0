/**
 * Hover on an Action/NotAction value: the service prefix part names the service; an action
 * shows its reference entry; a wildcard shows how many and which actions it matches.
 */
import { hasWildcard } from '../../catalog/actionPattern';
import type { Catalog } from '../../catalog/catalog';
import { actionMarkdown, plural, wildcardMarkdown } from '../actionDocs';
import type { EditSpan } from '../cursorContext';
import { markdownLink } from '../elementDocs';
import { isCrossServicePattern, serviceReady, splitActionText } from '../statementActions';
import type { HoverText } from './hoverText';

export function actionHover(span: EditSpan, offset: number, catalog: Catalog, actionIndexLoaded: boolean): HoverText | undefined {
  const value = span.value;
  if (value === '*' || isCrossServicePattern(value)) {
    if (!actionIndexLoaded) return undefined;
    const matched = catalog.expandActionPatternInAllServices(value);
    return { markdown: wildcardMarkdown(value, matched, 'across all services', 8) };
  }
  const parts = splitActionText(value);
  if (!parts) return undefined;
  const summary = catalog.getServiceSummary(parts.prefix);
  if (!summary) return undefined;
  if (offset - span.start <= parts.prefix.length) {
    const lines = [`**${summary.prefix}** · ${summary.name}`, '', `${plural(summary.actionCount, 'action')}.`];
    if (serviceReady(catalog, parts.prefix)) {
      lines.push('', markdownLink(`Service Authorization Reference: ${summary.name}`, catalog.getService(parts.prefix)!.docUrl));
    }
    return { markdown: lines.join('\n'), start: span.start, end: span.start + parts.prefix.length };
  }
  if (!serviceReady(catalog, parts.prefix)) return undefined;
  if (hasWildcard(parts.name)) {
    return { markdown: wildcardMarkdown(value, catalog.expandActionPattern(parts.prefix, parts.name), `of ${summary.name}`) };
  }
  const action = catalog.getAction(value);
  return action ? { markdown: actionMarkdown(action, summary) } : undefined;
}
