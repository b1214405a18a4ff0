import * as vscode from 'vscode';

/** Long enough for a cold language server in a web worker on a slow CI machine. */
export const defaultDeadlineMs = 20_000;

export interface WaitOptions {
  /** Check again as soon as one of these fires (besides a short poll). */
  readonly triggers?: readonly vscode.Event<unknown>[];
  readonly deadlineMs?: number;
}

/**
 * Resolves with the first defined value `probe` returns, checking on each trigger and every
 * 50 ms, or rejects once the deadline passes with `describe()` saying what was seen last.
 * Tests wait for what a user would see instead of sleeping for a fixed time.
 */
export function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  describe: () => string,
  options: WaitOptions = {},
): Promise<T> {
  const deadlineMs = options.deadlineMs ?? defaultDeadlineMs;
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    let settled = false;
    let checking = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      clearTimeout(deadline);
      subscriptions.forEach((subscription) => subscription.dispose());
      outcome();
    };
    const check = async () => {
      if (settled || checking) return;
      checking = true;
      try {
        const value = await probe();
        if (value !== undefined) finish(() => resolve(value));
      } catch (error) {
        finish(() => reject(error));
      } finally {
        checking = false;
      }
    };
    const poll = setInterval(() => void check(), 50);
    const deadline = setTimeout(
      () => finish(() => reject(new Error(`Timed out after ${deadlineMs} ms waiting for ${what}; last seen: ${describe()}`))),
      deadlineMs,
    );
    for (const trigger of options.triggers ?? []) subscriptions.push(trigger(() => void check()));
    void check();
  });
}
