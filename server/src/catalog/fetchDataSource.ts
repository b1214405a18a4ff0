import type { CatalogDataSource } from './dataSource';

/**
 * Reads the data files over fetch, relative to `baseUrl` (the extension's dist/data/ folder
 * as the web worker sees it). No ranged reads: extension file hosts do not promise them.
 */
export function createFetchDataSource(baseUrl: string | URL, fetchFile: typeof fetch = fetch): CatalogDataSource {
  const base = new URL(baseUrl.toString().endsWith('/') ? baseUrl.toString() : `${baseUrl.toString()}/`);
  return {
    async readText(relativePath) {
      const url = new URL(relativePath, base);
      const response = await fetchFile(url.toString());
      if (!response.ok) throw new Error(`catalog data: GET ${url.toString()} failed with ${response.status}`);
      return response.text();
    },
  };
}
