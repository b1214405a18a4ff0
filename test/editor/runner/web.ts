// Test index for VS Code for the Web: the extension host is a web worker, which loads this
// bundle (dist/test/editor/web.js) and calls run(). scripts/build-editor-tests.mjs generates
// the entry that passes `loadTests`, so the suites are evaluated after mocha.setup() has
// defined suite()/test().

// mocha's browser build; the bundler shadows module/exports/define around it so that its UMD
// header assigns globalThis.mocha instead of replacing this bundle's exports.
import 'mocha/mocha';
import { countOutcomes, extensionHostLogMarker, settle } from './results';

/**
 * The workbench forwards this worker's console to the runner mixed with its own logging.
 * The marker lets scripts/test-editor-web.mjs print mocha's output and keep the workbench's
 * chatter for --verbose. (Wrapping `console` itself does not work: the extension host
 * forwards the arguments before calling a replaced console.log.)
 */
function logMarked(...data: unknown[]): void {
  console.log(extensionHostLogMarker, ...data);
}

export function runEditorTests(loadTests: () => void): Promise<void> {
  Mocha.reporters.Base.consoleLog = logMarked;
  mocha.setup({ ui: 'tdd', reporter: 'spec', timeout: 60_000 });
  loadTests();
  return new Promise((resolve, reject) => {
    const runner = mocha.run();
    const result = countOutcomes(runner);
    runner.on('end', () => settle(result, logMarked, resolve, reject));
  });
}
