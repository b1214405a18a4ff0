/**
 * The analysis keeps caches that outlive a document (action resolutions, ARN findings, parsed
 * ARNs, condition keys, wildcard patterns: per catalog, by value). They must not keep the
 * document's text alive: V8 cuts a substring of 13 or more characters as a view into the whole
 * text, so a cached value read from a policy would hold the policy (server/src/analysis/detached.ts).
 * A language server that keeps the texts of closed documents grows with every file opened.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzePolicy, prepareAnalysis } from '../../server/src/analysis/analyze';
import { detached } from '../../server/src/analysis/detached';
import type { Catalog } from '../../server/src/catalog/catalog';
import type { PolicyKind } from '../../server/src/policy/kind';
import { parsePolicy } from '../../server/src/policy/parse';
import { loadedCatalog } from '../support/catalog';

const IDENTITY: PolicyKind = { type: 'identity', source: 'setting' };

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapAfterCollection(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/**
 * A policy of about 100 KB whose action, ARNs, condition key and patterns occur in no other
 * document, so that every cache takes a new entry from it.
 */
function uniquePolicy(index: number): string {
  const padding = `${index}-`.padEnd(100_000, 'x');
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: `S${index}`,
        Effect: 'Allow',
        Action: [`s3:GetObjectVersionTagging${index}`, `s3:GetObjectVersion${index}*`, 's3:GetObject'],
        Resource: [`arn:aws:s3:::example-bucket-${index}/*`, `arn:aws:s3:::example-bucket-${index}/reports/*`],
        Condition: { StringEquals: { [`aws:PrincipalTag/team-${index}`]: padding } },
      },
    ],
  });
}

describe('caches that outlive a document (detached.ts)', () => {
  let catalog: Catalog;

  before(async () => {
    catalog = await loadedCatalog(['s3']);
  });

  it('detached: an equal string', () => {
    const text = 'arn:aws:s3:::example-bucket/*'.repeat(3);
    for (const value of ['', 'short', text.slice(5, 40), text]) assert.equal(detached(value), value);
  });

  it("analysing many documents keeps next to none of their text: 200 policies of 100 KB (20 MB of text) leave the heap less than 4 MB larger", async () => {
    const analyse = async (text: string) => {
      const ast = parsePolicy(text);
      await prepareAnalysis(ast, catalog);
      return analyzePolicy(ast, IDENTITY, catalog).length;
    };
    // The caches and V8's code settle first.
    for (let index = 0; index < 20; index++) await analyse(uniquePolicy(-1 - index));
    const before = heapAfterCollection();
    for (let index = 0; index < 200; index++) await analyse(uniquePolicy(index));
    const grown = heapAfterCollection() - before;
    assert.ok(grown < 4 * 1024 * 1024, `the heap grew by ${(grown / 1024 / 1024).toFixed(1)} MB`);
  });
});
