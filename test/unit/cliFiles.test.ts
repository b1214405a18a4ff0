/**
 * The files a folder argument of `check` stands for (server/src/cli/files.ts): *.json files in
 * name order, folders included, node_modules and dot folders and files left out.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { displayPath, jsonFilesUnder } from '../../server/src/cli/files';

function folderOf(files: readonly string[]): string {
  const root = mkdtempSync(path.join(tmpdir(), 'iam-cli-files-'));
  for (const name of files) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), '{}');
  }
  return root;
}

describe('jsonFilesUnder', () => {
  const root = folderOf(['b.json', 'A.json', 'a.json', 'a10.json', 'a2.json', 'C.JSON', 'notes.txt', 'sub/z.json', 'sub/deeper/y.json', 'node_modules/x.json', '.git/x.json', '.hidden.json']);

  it('lists the *.json files, any case of extension, folders walked in name order (localeCompare), the skipped ones left out', () => {
    const found = [...jsonFilesUnder(root)].map((file) => path.relative(root, file));
    const byName = (a: string, b: string) => a.localeCompare(b);
    const top = ['b.json', 'A.json', 'a.json', 'a10.json', 'a2.json', 'C.JSON', 'sub'].sort(byName);
    const expected = top.flatMap((name) => (name === 'sub' ? [path.join('sub', 'deeper', 'y.json'), path.join('sub', 'z.json')] : [name]));
    assert.deepEqual(found, expected);
  });

  it('counting mode finds the same files in directory order, and a folder written with a trailing separator gives the same paths', () => {
    const sorted = [...jsonFilesUnder(root)];
    assert.deepEqual([...jsonFilesUnder(root, false)].sort(), [...sorted].sort());
    assert.deepEqual([...jsonFilesUnder(root + path.sep)], sorted);
    for (const file of sorted) assert.equal(file, path.normalize(file), file);
  });
});

describe('displayPath', () => {
  it('shows a file as path.relative does, from the working directory, whichever folder it is in', () => {
    const cases: [string, string][] = [
      ['/work', '/work/a.json'],
      ['/work', '/work/policies/a.json'],
      ['/work', '/work/policies/deep/b.json'],
      ['/work/policies', '/work/a.json'],
      ['/work/policies/deep', '/work/other/c.json'],
      ['/work', '/a.json'],
      ['/', '/a.json'],
      ['/', '/work/a.json'],
    ];
    // Twice over, so that the folders worked out the first time are reused the second.
    for (const round of [1, 2]) {
      for (const [cwd, file] of cases.map((paths) => paths.map((each) => path.resolve(each)))) {
        assert.equal(displayPath(cwd, file), path.relative(cwd, file), `round ${round}: ${file} from ${cwd}`);
      }
    }
  });
});
