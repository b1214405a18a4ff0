/** Web worker entry point: VS Code for the Web starts this bundle as the language server. */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { createFetchDataSource } from '../catalog/fetchDataSource';
import { describe } from '../runSafe';
import { startServer } from '../server';

declare const self: DedicatedWorkerGlobalScope;

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
console.log = connection.console.log.bind(connection.console);
console.error = connection.console.error.bind(connection.console);
self.addEventListener('unhandledrejection', (event) => connection.console.error(describe('unhandled promise', undefined, event.reason)));

startServer(connection, {
  platform: 'browser',
  createDataSource: ({ dataUrl }) => {
    if (!dataUrl) throw new Error('The web server needs initializationOptions.dataUrl (the extension\'s dist/data URL).');
    return createFetchDataSource(dataUrl);
  },
});
