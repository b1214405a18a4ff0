import { closeSync, openSync, readFileSync, readSync } from 'fs';
import { join } from 'path';
import type { CatalogDataSource } from './dataSource';

/**
 * Reads the data files from a directory, e.g. `<extension>/dist/data`.
 *
 * Files, and ranges of the managed-policy file, are read synchronously: they are local and
 * small (the largest service file is about 400 KB, a fraction of a millisecond from the page
 * cache), and the CLI reads all 456 service files at once, where fs/promises' file handle,
 * thread-pool round trips and promises per file cost three times the read itself (and loading
 * fs/promises, a few milliseconds at every start of the command).
 */
export function createNodeDataSource(dataRoot: string): CatalogDataSource {
  return {
    readText: async (relativePath) => readFileSync(join(dataRoot, relativePath), 'utf8'),
    async readTextRange(relativePath, offset, length) {
      const file = openSync(join(dataRoot, relativePath), 'r');
      try {
        const buffer = Buffer.alloc(length);
        const bytesRead = readSync(file, buffer, 0, length, offset);
        return buffer.toString('latin1', 0, bytesRead);
      } finally {
        closeSync(file);
      }
    },
  };
}
