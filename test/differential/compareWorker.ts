/** Worker-thread entry: compares the range it is given and posts the report back. */
import { parentPort, workerData } from 'node:worker_threads';
import { compareRange } from './compare';

const { from, to } = workerData as { from: number; to: number };
compareRange(from, to).then(
  (report) => parentPort!.postMessage({ report }),
  (error: unknown) => parentPort!.postMessage({ error: String(error instanceof Error ? error.stack : error) }),
);
