/**
 * Every handler goes through these wrappers: a failure in one feature is logged with the
 * feature and the document, and the client gets a neutral answer instead of a dead server.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

export interface Logger {
  error(message: string): void;
}

export function runSafe<T>(logger: Logger, feature: string, uri: string | undefined, neutral: T, token: CancellationToken | undefined, work: () => T): T | ResponseError<undefined> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    return work();
  } catch (error) {
    logger.error(describe(feature, uri, error));
    return neutral;
  }
}

export async function runSafeAsync<T>(
  logger: Logger,
  feature: string,
  uri: string | undefined,
  neutral: T,
  token: CancellationToken | undefined,
  work: () => Promise<T>,
): Promise<T | ResponseError<undefined>> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = await work();
    return token?.isCancellationRequested ? cancelled() : result;
  } catch (error) {
    logger.error(describe(feature, uri, error));
    return neutral;
  }
}

export function describe(feature: string, uri: string | undefined, error: unknown): string {
  const detail = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  return `${feature} failed${uri ? ` for ${uri}` : ''}: ${detail}`;
}

function cancelled(): ResponseError<undefined> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
