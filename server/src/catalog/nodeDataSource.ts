import { open, readFile } from 'fs/promises';
import { join } from 'path';
import type { CatalogDataSource } from './dataSource';

/** Reads the data files from a directory, e.g. `<extension>/dist/data`. */
export function createNodeDataSource(dataRoot: string): CatalogDataSource {
  return {
    readText: (relativePath) => readFile(join(dataRoot, relativePath), 'utf8'),
    async readTextRange(relativePath, offset, length) {
      const file = await open(join(dataRoot, relativePath), 'r');
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await file.read(buffer, 0, length, offset);
        return buffer.toString('latin1', 0, bytesRead);
      } finally {
        await file.close();
      }
    },
  };
}
