// Test index for desktop VS Code (@vscode/test-electron): the extension host is node, which
// loads this bundle (dist/test/editor/node.js) and calls run(). mocha stays external and is
// required from node_modules. scripts/build-editor-tests.mjs generates the entry that passes
// `loadTests`, so the suites are evaluated after mocha has defined suite()/test().

import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';
import { countOutcomes, settle } from './results';

/** Set by scripts/test-editor-desktop.mjs: where to write the result record. */
const resultFileVariable = 'IAM_EDITOR_TEST_RESULT_FILE';

export function runEditorTests(loadTests: () => void): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: true, timeout: 60_000 });
  // What mocha.loadFiles() does per file, for suites that are bundled instead of loaded.
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  loadTests();
  return new Promise((resolve, reject) => {
    const runner = mocha.run();
    const result = countOutcomes(runner);
    runner.on('end', () => {
      const resultFile = process.env[resultFileVariable];
      if (resultFile) {
        writeFileSync(resultFile, JSON.stringify(result));
      }
      settle(result, console.log, resolve, reject);
    });
  });
}
