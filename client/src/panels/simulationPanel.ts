/**
 * The result panel: one webview, reused, showing the last simulation, batch, "who can" or
 * effective permissions. It holds the place table of the model on show (panelModel.ts): the
 * webview sends back a number and this side opens that statement's file with its range
 * selected. "Copy as CLI request" and "Run again" with context values are answered here too.
 * The last model, page and rendered summary are kept for the extension's test API.
 */
import * as vscode from 'vscode';
import type { SimulationContext } from '../../../server/src/protocol';
import { showLocation } from '../commands/openPolicySource';
import { renderPanelHtml } from './panelHtml';
import { preparePanel, type PanelContent, type PreparedPanel, type RenderedSummary, type WebviewMessage } from './panelModel';

export const SIMULATION_PANEL_VIEW_TYPE = 'iamPolicyStudio.simulationResult';

/** Runs the shown simulation (or query) again with more context values, and shows the new result. */
export type Rerun = (content: PanelContent, context: SimulationContext) => Promise<unknown>;

export class SimulationPanel implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private prepared?: PreparedPanel;
  private content?: PanelContent;
  private html?: string;
  private rendered?: RenderedSummary;
  private readonly renderedEvents = new vscode.EventEmitter<RenderedSummary>();
  private readonly disposables: vscode.Disposable[] = [this.renderedEvents];

  constructor(private readonly rerun: Rerun) {}

  /** Shows the content (creating the panel or revealing it) and returns once the page is set. */
  show(content: PanelContent): void {
    this.content = content;
    this.prepared = preparePanel(content);
    this.rendered = undefined;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(SIMULATION_PANEL_VIEW_TYPE, this.prepared.model.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        // Nothing is loaded from disk or the network: the page is self-contained.
        localResourceRoots: [],
        retainContextWhenHidden: true,
      });
      this.panel.onDidDispose(() => (this.panel = undefined), undefined, this.disposables);
      this.panel.webview.onDidReceiveMessage((message: WebviewMessage) => void this.onMessage(message), undefined, this.disposables);
    } else {
      this.panel.reveal(undefined, true);
    }
    this.panel.title = this.prepared.model.title;
    this.html = renderPanelHtml(this.prepared.model, { cspSource: this.panel.webview.cspSource, nonce: newNonce() });
    this.panel.webview.html = this.html;
  }

  /** What the webview sends: the only way it acts on anything. */
  async onMessage(message: WebviewMessage): Promise<void> {
    switch (message?.type) {
      case 'open': {
        const location = typeof message.link === 'number' ? this.prepared?.links[message.link] : undefined;
        if (location) await showLocation(location, false);
        return;
      }
      case 'copyCli': {
        if (this.content?.kind !== 'simulation' || this.content.result.cliRequest === undefined) return;
        await vscode.env.clipboard.writeText(`${JSON.stringify(this.content.result.cliRequest, null, 2)}\n`);
        void vscode.window.showInformationMessage('Copied: save it as a file and run `iam-policy-studio simulate --request FILE`.');
        return;
      }
      case 'rerun': {
        if (!this.content || !message.context || typeof message.context !== 'object') return;
        await this.rerun(this.content, sanitizeContext(message.context));
        return;
      }
      case 'rendered':
        this.rendered = message.summary;
        this.renderedEvents.fire(message.summary);
        return;
    }
  }

  get visible(): boolean {
    return !!this.panel;
  }

  get lastContent(): PanelContent | undefined {
    return this.content;
  }

  get lastPrepared(): PreparedPanel | undefined {
    return this.prepared;
  }

  get lastHtml(): string | undefined {
    return this.html;
  }

  get lastRendered(): RenderedSummary | undefined {
    return this.rendered;
  }

  readonly onDidRender = this.renderedEvents.event;

  dispose(): void {
    this.panel?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** Only string keys with string (or string list) values reach the server. */
function sanitizeContext(context: Readonly<Record<string, unknown>>): SimulationContext {
  const clean: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(context)) {
    if (typeof value === 'string') clean[key] = value;
    else if (Array.isArray(value)) clean[key] = value.filter((item): item is string => typeof item === 'string');
  }
  return clean;
}

function newNonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
