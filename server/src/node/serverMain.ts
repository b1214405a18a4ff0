/** Node entry point: the desktop extension starts this file over IPC, the CLI and LSP tests over stdio. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createNodeDataSource } from '../catalog/nodeDataSource';
import { describe } from '../runSafe';
import { findDataRoot } from './dataRoot';
import { startServer } from '../server';

const connection = createConnection(ProposedFeatures.all);
console.log = connection.console.log.bind(connection.console);
console.error = connection.console.error.bind(connection.console);
process.on('unhandledRejection', (reason) => connection.console.error(describe('unhandled promise', undefined, reason)));
process.on('uncaughtException', (error) => connection.console.error(describe('uncaught exception', undefined, error)));

startServer(connection, {
  platform: 'node',
  createDataSource: () => createNodeDataSource(findDataRoot(__dirname)),
  readLocalFile: (uri) => (uri.startsWith('file:') ? readFile(fileURLToPath(uri), 'utf8') : undefined),
});
