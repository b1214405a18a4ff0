/**
 * `npm run package` must give a .vsix that runs without node_modules: package the current
 * build, unpack it into an empty folder, and start the server from there over stdio.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { startTestServer } from './lspClient';

const ROOT = path.resolve(__dirname, '../../..');

/** Unpacks a zip with the zip reader vsce itself uses. */
async function unzip(file: string, into: string): Promise<string[]> {
  const yauzl = require('yauzl') as typeof import('yauzl');
  const names: string[] = [];
  await new Promise<void>((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      zip.on('entry', (entry: import('yauzl').Entry) => {
        names.push(entry.fileName);
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            const target = path.join(into, entry.fileName);
            mkdirSync(path.dirname(target), { recursive: true });
            writeFileSync(target, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve());
      zip.readEntry();
    });
  });
  return names;
}

describe('the .vsix (npm run package)', () => {
  it('holds the bundles, grammars and data, and its server runs without node_modules', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'iam-vsix-'));
    const vsix = path.join(work, 'iam-policy-studio.vsix');
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const packaged = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(packaged.status, 0, packaged.stderr + packaged.stdout);

    const unpacked = path.join(work, 'unpacked');
    const names = await unzip(vsix, unpacked);
    for (const expected of [
      'extension/package.json',
      'extension/dist/client/node.js',
      'extension/dist/client/browser.js',
      'extension/dist/server/node.js',
      'extension/dist/server/browser.js',
      'extension/dist/cli/iam-policy-studio.js',
      'extension/dist/cli/engine.js',
      'extension/dist/data/catalog/index.json',
      'extension/dist/data/catalog/services/s3.json',
      'extension/dist/data/catalog/descriptions/s3.json',
      'extension/dist/data/managed-policies/index.json',
      'extension/syntaxes/iam-policy.tmLanguage.json',
      'extension/syntaxes/iam-policy.markdown.tmLanguage.json',
      'extension/LICENSE.txt',
    ]) {
      assert.ok(names.includes(expected), `${expected} is in the .vsix`);
    }
    assert.ok(!names.some((name) => name.includes('node_modules/')), 'no node_modules inside');
    assert.ok(!names.some((name) => /\.(ts|map)$/.test(name) && !name.endsWith('.d.ts')), 'no sources or source maps');
    assert.deepEqual(readdirSync(path.join(unpacked, 'extension')).includes('node_modules'), false);

    const server = await startTestServer({}, path.join(unpacked, 'extension', 'dist', 'server', 'node.js'));
    try {
      const uri = 'file:///vsix/p.iam.json';
      const pending = server.diagnostics(uri);
      server.open(uri, '{"Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]}');
      const codes = (await pending).map((diagnostic) => diagnostic.code);
      assert.deepEqual(codes, ['MISSING_VERSION', 'INVALID_EFFECT']);
    } finally {
      await server.shutdown();
    }
  });
});
