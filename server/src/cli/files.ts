/**
 * The files a folder argument of `check` stands for: its *.json files, in name order, folders
 * included, leaving out node_modules and dot folders and files. Shared by the check itself and
 * by the command's launcher, which counts them to decide how to start Node (relaunch.ts).
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

/** localeCompare's order (the same default collator), without building a collator per comparison. */
const byName = new Intl.Collator();

export function* jsonFilesUnder(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => byName.compare(a.name, b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* jsonFilesUnder(full);
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) yield full;
  }
}
