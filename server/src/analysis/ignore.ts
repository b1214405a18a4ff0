/**
 * "Ignore this finding": rules in iamPolicyStudio.ignoreFindings that the editor and the CLI both
 * apply, and files in iamPolicyStudio.ignorePaths that are not checked at all.
 *
 * A rule names a finding by what survives edits: its code, a file glob, and optionally the Sid
 * of its statement and the offending value (an action, a principal, a key). Line numbers and
 * statement positions are never stored, so inserting a statement above does not move a rule
 * onto another finding.
 *
 *   { "code": "REDUNDANT_ACTION", "path": "policies/app.iam.json", "sid": "ReadLogs", "value": "logs:Get*" }
 */
import { minimatch } from 'minimatch';
import type { Range } from 'vscode-languageserver-types';
import type { PolicyAst, Statement } from '../policy/ast';
import type { Finding } from './finding';

export interface IgnoreFindingRule {
  readonly code: string;
  /** A glob: relative ones match at any depth ("policies/*.json" is "**\/policies/*.json"). Every file when absent. */
  readonly path?: string;
  /** The Sid of the finding's statement. */
  readonly sid?: string;
  /** The offending value, as the finding's range shows it (the string without quotes). */
  readonly value?: string;
}

/** A rule whose path already matched the document. */
export type DocumentIgnoreRule = Omit<IgnoreFindingRule, 'path'>;

/** The command the client runs to store a rule; its argument is IgnoreFindingCommandArgs. */
export const IGNORE_FINDING_COMMAND = 'iamPolicyStudio.ignoreFinding';

/** What the client appends to the array setting `iamPolicyStudio.<setting>` (it adds nothing of its own). */
export interface IgnoreFindingCommandArgs {
  readonly setting: 'ignoreFindings';
  readonly entry: IgnoreFindingRule;
}

/** Valid rules from the raw setting; wrongly typed entries are dropped, never fatal. */
export function readIgnoreRules(raw: unknown): IgnoreFindingRule[] {
  if (!Array.isArray(raw)) return [];
  const rules: IgnoreFindingRule[] = [];
  for (const item of raw) {
    if (!item || typeof item !== 'object') continue;
    const { code, path, sid, value } = item as Record<string, unknown>;
    if (typeof code !== 'string' || code === '') continue;
    if ([path, sid, value].some((field) => field !== undefined && typeof field !== 'string')) continue;
    rules.push({ code, path: path as string | undefined, sid: sid as string | undefined, value: value as string | undefined });
  }
  return rules;
}

export function readGlobs(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((glob): glob is string => typeof glob === 'string' && glob !== '') : [];
}

/** The file system path of a URI (or a path given as is). */
export function pathOfUri(uriOrPath: string): string {
  // Two or more letters: "C:\\policies" is a Windows path, not a URI with scheme "C".
  if (!/^[a-z][a-z0-9+.-]+:/i.test(uriOrPath)) return uriOrPath.split('\\').join('/');
  return decodeURIComponent(uriOrPath.replace(/^[a-z][a-z0-9+.-]+:(\/\/[^/]*)?/i, ''));
}

/** Settings globs: absolute ones as written, others at any depth; case-insensitive like the file systems policies live on. */
export function globMatches(glob: string, uriOrPath: string): boolean {
  const pattern = glob.startsWith('/') || glob.startsWith('**') ? glob : `**/${glob}`;
  return minimatch(pathOfUri(uriOrPath), pattern, { dot: true, nocase: true });
}

export function isPathIgnored(globs: readonly string[], uriOrPath: string): boolean {
  return globs.some((glob) => globMatches(glob, uriOrPath));
}

export function rulesForPath(rules: readonly IgnoreFindingRule[], uriOrPath: string): DocumentIgnoreRule[] {
  return rules.filter((rule) => rule.path === undefined || globMatches(rule.path, uriOrPath)).map(({ path: _path, ...rule }) => rule);
}

/** Drops the findings that a rule names. */
export function withoutIgnored(findings: Finding[], ast: PolicyAst, rules: readonly DocumentIgnoreRule[]): Finding[] {
  if (rules.length === 0) return findings;
  const codes = new Set(rules.map((rule) => rule.code));
  const text = textReader(ast);
  return findings.filter((finding) => {
    if (!codes.has(finding.code)) return true;
    const sid = sidOf(statementOf(ast, finding.statementIndex, finding.range));
    const value = valueAt(text(finding.range));
    return !rules.some((rule) => rule.code === finding.code && (rule.sid === undefined || rule.sid === sid) && (rule.value === undefined || rule.value === value));
  });
}

export interface IgnoreAction {
  readonly title: string;
  readonly args: IgnoreFindingCommandArgs;
}

/**
 * The two "ignore" quick fixes of one finding: here (its statement's Sid and its value, when it
 * has either; otherwise there is nothing stable to name "here" by) and in this file.
 * `workspaceFolders` are folder URIs; the rule's path is relative to the folder holding the
 * file, else absolute.
 */
export function ignoreActions(ast: PolicyAst, uri: string, code: string, range: Range, workspaceFolders: readonly string[]): IgnoreAction[] {
  const path = settingPath(uri, workspaceFolders);
  const sid = sidOf(statementOf(ast, undefined, range));
  const value = valueAt(textReader(ast)(range));
  const actions: IgnoreAction[] = [];
  if (sid !== undefined || value !== undefined) {
    const where = [sid !== undefined ? `statement "${sid}"` : undefined, value !== undefined ? `"${shorten(value)}"` : undefined].filter(Boolean).join(', ');
    actions.push({ title: `Ignore ${code} here (${where})`, args: { setting: 'ignoreFindings', entry: { code, path, ...(sid !== undefined && { sid }), ...(value !== undefined && { value }) } } });
  }
  actions.push({ title: `Ignore ${code} in this file`, args: { setting: 'ignoreFindings', entry: { code, path } } });
  return actions;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function settingPath(uri: string, workspaceFolders: readonly string[]): string {
  const file = pathOfUri(uri);
  const folder = workspaceFolders
    .map((folderUri) => pathOfUri(folderUri).replace(/\/$/, ''))
    .filter((folderPath) => file.startsWith(`${folderPath}/`))
    .sort((a, b) => b.length - a.length)[0];
  return minimatch.escape(folder ? file.slice(folder.length + 1) : file);
}

function statementOf(ast: PolicyAst, index: number | undefined, range: Range): Statement | undefined {
  if (index !== undefined) return ast.statements.find((statement) => statement.index === index);
  return ast.statements.find((statement) => contains(statement.node.range, range));
}

function sidOf(statement: Statement | undefined): string | undefined {
  const value = statement?.sid?.value;
  return value?.type === 'string' && value.value !== '' ? String(value.value) : undefined;
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** A string token's value; other ranges (a brace, a whole object) have no value worth naming. */
function valueAt(text: string | undefined): string | undefined {
  if (!text || text.length < 2 || text.length > 300 || !text.startsWith('"') || !text.endsWith('"')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the text of single-line ranges; line starts are computed once per reader. */
function textReader(ast: PolicyAst): (range: Range) => string | undefined {
  let lineStarts: number[] | undefined;
  return (range) => {
    if (range.start.line !== range.end.line) return undefined;
    if (!lineStarts) {
      lineStarts = [0];
      for (let i = 0; i < ast.text.length; i++) if (ast.text.charCodeAt(i) === 0x0a) lineStarts.push(i + 1);
    }
    const start = lineStarts[range.start.line];
    return start === undefined ? undefined : ast.text.slice(start + range.start.character, start + range.end.character);
  };
}
