// Parse time of the largest AWS managed policy into our AST (target: 5 ms), side by side with
// vscode-json-languageservice's JSON document (the JSON layer VS Code itself uses) and plain JSON.parse.
import { createRequire } from 'node:module';
import { LARGEST_MANAGED_POLICY, managedPolicyText, timeMedian } from './support.mjs';

const require = createRequire(import.meta.url);

export async function run() {
  const { parsePolicy } = require('../out/server/src/policy/parse.js');
  const { getLanguageService, TextDocument } = require('vscode-json-languageservice');
  const text = managedPolicyText(LARGEST_MANAGED_POLICY);
  const service = getLanguageService({});
  const document = TextDocument.create('file:///largest.json', 'json', 1, text);
  const ours = timeMedian(() => parsePolicy(text));
  const jsonService = timeMedian(() => service.parseJSONDocument(document));
  const jsonParse = timeMedian(() => JSON.parse(text));
  return [
    { figure: `parse ${LARGEST_MANAGED_POLICY} (${Math.round(text.length / 1024)} KB) to AST`, median: ours, unit: 'ms', target: '<= 5', peer: { name: 'json-languageservice', median: jsonService } },
    { figure: `JSON.parse of the same text (floor, no ranges)`, median: jsonParse, unit: 'ms' },
  ];
}
