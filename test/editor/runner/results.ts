// The record that tells the runner scripts how a run went. The workbench's own exit code is
// not enough: if the extension host dies mid-run it can still report 0, so
// scripts/test-editor-{web,desktop}.mjs pass a run only when this record was printed (or
// written) with failures === 0 and passes > 0. Keep the prefix and the marker in sync with
// those scripts.

export const resultLinePrefix = 'IAM_EDITOR_TEST_RESULT ';

/** First console argument of mocha's output in the web extension host (see runner/web.ts). */
export const extensionHostLogMarker = '[iam-editor-tests]';

export interface EditorTestResult {
  passes: number;
  failures: number;
  pending: number;
}

export function formatResultLine(result: EditorTestResult): string {
  return resultLinePrefix + JSON.stringify(result);
}

/** Counts outcomes from mocha's runner events (the same in mocha's node and browser builds). */
export function countOutcomes(runner: Mocha.Runner): EditorTestResult {
  const result: EditorTestResult = { passes: 0, failures: 0, pending: 0 };
  runner.on('pass', () => result.passes++);
  // 'fail' also fires for failing hooks, which must fail the run as well.
  runner.on('fail', () => result.failures++);
  runner.on('pending', () => result.pending++);
  return result;
}

/** Resolves when mocha has finished; rejects on failures so the editor's exit code agrees. */
export function settle(
  result: EditorTestResult,
  log: (line: string) => void,
  resolve: () => void,
  reject: (error: Error) => void,
): void {
  log(formatResultLine(result));
  if (result.failures > 0) {
    reject(new Error(`${result.failures} editor test(s) failed`));
  } else if (result.passes === 0) {
    reject(new Error('No editor test ran'));
  } else {
    resolve();
  }
}
