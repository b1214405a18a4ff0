/**
 * Finds the data folder written by scripts/build-data.mjs: `dist/data` next to the bundles in the
 * extension and the CLI, or under the repository root when running compiled tests from out/.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { dataPaths } from '../catalog/dataFiles';

export function findDataRoot(startDirectory: string): string {
  for (let directory = startDirectory; ; directory = path.dirname(directory)) {
    for (const candidate of [path.join(directory, 'data'), path.join(directory, 'dist', 'data')]) {
      if (existsSync(path.join(candidate, dataPaths.catalogIndex))) return candidate;
    }
    if (path.dirname(directory) === directory) {
      throw new Error(`IAM data not found above ${startDirectory}: run "npm run build:data" (scripts/build-data.mjs) first.`);
    }
  }
}
