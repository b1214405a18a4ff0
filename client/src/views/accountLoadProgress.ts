/**
 * A progress notification while the server reads account files. Short loads (the usual case:
 * a few files) finish before it would appear, so it shows only for loads that last.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { AccountLoadProgressNotification, type AccountLoadProgressParams } from '../../../server/src/protocol';

const SHOW_AFTER_MS = 500;

export function registerAccountLoadProgress(client: BaseLanguageClient): vscode.Disposable {
  let latest: AccountLoadProgressParams | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let report: ((params: AccountLoadProgressParams) => void) | undefined;
  let finish: (() => void) | undefined;

  const show = () => {
    timer = undefined;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'IAM: loading accounts' }, (progress) => {
      let shownDone = 0;
      report = (params) => {
        const file = params.uri ? decodeURIComponent(params.uri.slice(params.uri.lastIndexOf('/') + 1)) : '';
        const increment = params.total > 0 ? ((params.done - shownDone) * 100) / params.total : 0;
        shownDone = params.done;
        progress.report({ message: `${params.done} of ${params.total} files${file ? `: ${file}` : ''}`, increment });
      };
      if (latest) report(latest);
      return new Promise<void>((resolve) => (finish = resolve));
    });
  };

  const end = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    finish?.();
    finish = undefined;
    report = undefined;
  };

  const subscription = client.onNotification(AccountLoadProgressNotification.type, (params) => {
    latest = params;
    if (params.state === 'begin') {
      end();
      timer = setTimeout(show, SHOW_AFTER_MS);
    } else if (params.state === 'report') {
      report?.(params);
    } else {
      end();
    }
  });
  return vscode.Disposable.from(subscription, { dispose: end });
}
