/**
 * Parses each open document once per version and hands the same read-only model to every
 * feature (as VS Code's JSON server does). Old entries are dropped when documents close or when
 * the cache grows past its limit.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';

export interface LanguageModelCache<T> {
  get(document: TextDocument): T;
  onDocumentRemoved(uri: string): void;
  size(): number;
  dispose(): void;
}

export function createLanguageModelCache<T>(maxEntries: number, parse: (document: TextDocument) => T): LanguageModelCache<T> {
  const models = new Map<string, { version: number; languageId: string; model: T }>();
  return {
    get(document) {
      const cached = models.get(document.uri);
      if (cached && cached.version === document.version && cached.languageId === document.languageId) {
        // Re-insert so that Map order is least-recently-used first.
        models.delete(document.uri);
        models.set(document.uri, cached);
        return cached.model;
      }
      const model = parse(document);
      models.delete(document.uri);
      models.set(document.uri, { version: document.version, languageId: document.languageId, model });
      while (models.size > maxEntries) {
        const oldest = models.keys().next().value as string;
        models.delete(oldest);
      }
      return model;
    },
    onDocumentRemoved(uri) {
      models.delete(uri);
    },
    size: () => models.size,
    dispose() {
      models.clear();
    },
  };
}
