/**
 * The result panel's page: a strict Content Security Policy (nothing remote, scripts and
 * styles only with this page's nonce), the model as a JSON block that the browser never parses
 * as markup (every `<`, `>` and `&` in it is written as a \u escape), and the script of
 * webviewMain.ts, which builds the page with textContent. Pure: no `vscode`, so tests and the
 * benchmark call it directly.
 */
import type { PanelModel } from './panelModel';
import { webviewMain } from './webviewMain';

export interface PanelHtmlOptions {
  /** The webview's `cspSource` (its own resource origin). */
  readonly cspSource: string;
  /** A fresh random value per page. */
  readonly nonce: string;
}

export function contentSecurityPolicy({ cspSource, nonce }: PanelHtmlOptions): string {
  return `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'`;
}

/** JSON that can sit inside a <script> element: no character of it can end the element or start markup. */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text for an HTML attribute or element (the title is the only text the page itself holds). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function renderPanelHtml(model: PanelModel, options: PanelHtmlOptions): string {
  const nonce = escapeHtml(options.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(options))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(model.title)}</title>
<style nonce="${nonce}">${PANEL_CSS}</style>
</head>
<body>
<main id="root"></main>
<script type="application/json" id="panel-model" nonce="${nonce}">${jsonForScriptElement(model)}</script>
<script nonce="${nonce}">(${webviewMain.toString()})();</script>
</body>
</html>`;
}

/** Theme-aware: every color is one of VS Code's theme variables. */
const PANEL_CSS = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 24px; }
h2 { font-size: 1.1em; margin: 1.4em 0 0.5em; border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: 0.2em; }
h3 { font-size: 1em; margin: 0.8em 0 0.3em; }
.mono, pre, input { font-family: var(--vscode-editor-font-family); }
.small { font-size: 0.9em; }
.muted { color: var(--vscode-descriptionForeground); }
.toolbar { display: flex; gap: 8px; justify-content: flex-end; margin-top: 12px; }
button.primary { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 12px; cursor: pointer; }
button.primary:hover { background: var(--vscode-button-hoverBackground); }
button.link { color: var(--vscode-textLink-foreground); background: none; border: none; padding: 0; cursor: pointer; text-align: left; font: inherit; }
button.link:hover { text-decoration: underline; }
.banner { margin-top: 12px; padding: 10px 14px; border-left: 4px solid var(--vscode-panel-border); background: var(--vscode-textCodeBlock-background); }
.banner .decision { font-size: 1.4em; font-weight: 600; }
.banner.allowed { border-left-color: var(--vscode-testing-iconPassed); }
.banner.explicitDeny, .banner.error { border-left-color: var(--vscode-errorForeground); }
.banner.implicitDeny { border-left-color: var(--vscode-editorWarning-foreground); }
.banner.info { border-left-color: var(--vscode-textLink-foreground); }
.badge { padding: 0 6px; border-radius: 3px; white-space: nowrap; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.badge.allowed { background: var(--vscode-testing-iconPassed); color: var(--vscode-editor-background); }
.badge.explicitDeny { background: var(--vscode-errorForeground); color: var(--vscode-editor-background); }
.badge.implicitDeny { background: var(--vscode-editorWarning-foreground); color: var(--vscode-editor-background); }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; vertical-align: top; padding: 3px 8px 3px 0; border-bottom: 1px solid var(--vscode-panel-border); }
tr.missing td:first-child { color: var(--vscode-editorWarning-foreground); }
tr.risky td:first-child, summary.risky, .risk { color: var(--vscode-errorForeground); }
.tag { margin-left: 6px; padding: 0 4px; border: 1px solid currentColor; border-radius: 3px; font-size: 0.85em; }
.statement { margin: 6px 0; padding: 4px 8px; border-left: 3px solid var(--vscode-panel-border); }
.statement.deny { border-left-color: var(--vscode-errorForeground); }
.statement.allow { border-left-color: var(--vscode-testing-iconPassed); }
.statement .reason { color: var(--vscode-descriptionForeground); margin-top: 2px; }
pre.policy-text { margin: 4px 0 0; padding: 6px 8px; background: var(--vscode-textCodeBlock-background); white-space: pre-wrap; word-break: break-word; max-height: 24em; overflow: auto; }
input { width: 100%; box-sizing: border-box; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); padding: 2px 4px; }
details.service { margin: 4px 0; }
summary { cursor: pointer; }
.error { color: var(--vscode-errorForeground); }
`;
