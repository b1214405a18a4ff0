/**
 * The files a folder argument of `check` stands for: its *.json files, in name order, folders
 * included, leaving out node_modules and dot folders and files. Shared by the check itself and
 * by the command's launcher, which counts them to decide how to start Node (relaunch.ts).
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

/** localeCompare's order (the same default collator), made once, when first needed: ICU takes about 7 ms to build it. */
let byName: Intl.Collator | undefined;

/**
 * The *.json files under `folder`, an absolute, normalised path (path.resolve's). In name order,
 * as the check reports them; in the order the directory lists them when `inNameOrder` is false,
 * for a caller that only counts them.
 */
export function* jsonFilesUnder(folder: string, inNameOrder = true): Generator<string> {
  const entries = readdirSync(folder, { withFileTypes: true });
  if (inNameOrder) {
    const collator = (byName ??= new Intl.Collator());
    entries.sort((a, b) => collator.compare(a.name, b.name));
  }
  // Entry names hold no separator and the folder is normalised already: path.join's normalising
  // of each path would cost more than reading the directory.
  const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = prefix + entry.name;
    if (entry.isDirectory()) yield* jsonFilesUnder(full, inNameOrder);
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) yield full;
  }
}

/** Folders as shown relative to one working directory (the last one asked about). */
let shownFolders: { readonly cwd: string; readonly folders: Map<string, string> } | undefined;

/**
 * `path.relative(cwd, file) || file` for an absolute, normalised `file`, with the folder part
 * worked out once per folder: a check reads its files folder by folder, and path.relative
 * resolves both of its paths at every call (about 10 ms over the 1,594 AWS managed policies).
 */
export function displayPath(cwd: string, file: string): string {
  if (shownFolders?.cwd !== cwd) shownFolders = { cwd, folders: new Map() };
  const folder = path.dirname(file);
  let shown = shownFolders.folders.get(folder);
  if (shown === undefined) shownFolders.folders.set(folder, (shown = path.relative(cwd, folder)));
  const name = path.basename(file);
  if (shown === '') return name || file;
  return shown.endsWith(path.sep) ? shown + name : shown + path.sep + name;
}
