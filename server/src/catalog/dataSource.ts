/**
 * Where the catalog reads its data files (the dist/data/ tree written by
 * scripts/build-data.mjs). Injected so the same catalog runs in node (files), in a web
 * worker (fetch) and in tests; nothing under catalog/ touches 'fs' except nodeDataSource.ts.
 */
export interface CatalogDataSource {
  /** The whole file at `relativePath` (forward slashes, relative to the data root). */
  readText(relativePath: string): Promise<string>;
  /**
   * `length` bytes from `offset` of an ASCII file. Optional: sources without cheap ranged
   * reads (fetch of extension files) leave it out and the caller reads the whole file.
   */
  readTextRange?(relativePath: string, offset: number, length: number): Promise<string>;
}
