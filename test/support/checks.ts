/**
 * The harness of the check-family tests. A test writes a policy with «...» around the ranges a
 * finding must point at (see text.ts), analyses it for the kind its file name implies
 * (policy/kind.ts), and asserts: the findings of a code stand exactly at the marks, a code does
 * not fire, a fix leaves JSON behind and resolves what it fixes.
 *
 * Two flavours, as the checks are run in two ways:
 * - `policyChecks`: synchronous, on the services a `before()` hook loaded with `loadedCatalog`;
 * - `loadingPolicyChecks`: loads the services the policy names first (`prepareAnalysis`), as the
 *   server does before it analyses a document.
 */
import assert from 'node:assert/strict';
import { analyzePolicy, prepareAnalysis, type AnalysisOptions } from '../../server/src/analysis/analyze';
import type { CheckFamily } from '../../server/src/analysis/check';
import type { Finding } from '../../server/src/analysis/finding';
import { decidePolicyKind } from '../../server/src/policy/kind';
import { parsePolicy } from '../../server/src/policy/parse';
import { applyFix } from './applyFix';
import { loadedCatalog, testCatalog } from './catalog';
import { markedRanges, type Marked } from './text';

/** What analysing one marked policy gives a test. */
export interface MarkedAnalysis {
  /** The policy without its markers, as the checks saw it. */
  readonly text: string;
  /** The «marked» ranges, in the order of their opening marks. */
  readonly ranges: Marked['ranges'];
  readonly findings: Finding[];
  /** The codes of `findings`, in the same order. */
  readonly codes: string[];
}

export interface PolicyChecksOptions {
  /** The file name a test analyses under when it names none; its suffix decides the policy kind. */
  readonly path: string;
  /** A message must be longer than this many characters to count as saying what to do (default 30). */
  readonly minMessageLength?: number;
  /** Only this family's findings are seen: the other families have tests of their own. */
  readonly family?: CheckFamily;
}

/** The findings of `code` are exactly at the «marked» ranges, and each message says what to do. */
export function assertFindingsAtMarks(analysis: MarkedAnalysis, code: string, minMessageLength: number): Finding[] {
  const matching = analysis.findings.filter((finding) => finding.code === code);
  assert.deepEqual(
    matching.map((finding) => finding.range),
    analysis.ranges,
    `expected ${analysis.ranges.length} ${code}, got ${JSON.stringify(analysis.findings.map((finding) => [finding.code, finding.message]))}`,
  );
  for (const finding of matching) assert.ok(finding.message.length > minMessageLength, `the message says what to do: ${finding.message}`);
  return matching;
}

export function assertNoFindingOf(analysis: MarkedAnalysis, code: string): void {
  const found = analysis.findings.filter((finding) => finding.code === code);
  assert.deepEqual(found.map((finding) => finding.message), [], `${code} must not fire on ${analysis.text}`);
}

/**
 * Applies a fix of the first `code` finding, the one whose title matches `title` or else the
 * first, and returns the fixed text, which must still be JSON.
 */
export function applyFixOf(analysis: MarkedAnalysis, code: string, title?: RegExp): string {
  const finding = analysis.findings.find((candidate) => candidate.code === code);
  assert.ok(finding?.fixes?.length, `${code} offers a fix`);
  const fix = title ? finding.fixes.find((candidate) => title.test(candidate.title)) : finding.fixes[0];
  assert.ok(fix, `a fix titled ${title}: ${finding.fixes.map((candidate) => candidate.title).join(' | ')}`);
  const fixed = applyFix(analysis.text, fix);
  assert.doesNotThrow(() => JSON.parse(fixed), `the fixed text is JSON: ${fixed}`);
  return fixed;
}

function countOf(analysis: MarkedAnalysis, code: string): number {
  return analysis.codes.filter((candidate) => candidate === code).length;
}

function markedAnalysis(text: string, ranges: Marked['ranges'], findings: Finding[], family: CheckFamily | undefined): MarkedAnalysis {
  const codes = family && new Set(family.checks.map((check) => check.code));
  const seen = codes ? findings.filter((finding) => codes.has(finding.code)) : findings;
  return { text, ranges, findings: seen, codes: seen.map((finding) => finding.code) };
}

/** The synchronous harness: the catalog must already hold the services the policies name. */
export function policyChecks(harness: PolicyChecksOptions) {
  const minMessageLength = harness.minMessageLength ?? 30;

  function analyze(source: string, path = harness.path, options?: AnalysisOptions): MarkedAnalysis {
    const { text, ranges } = markedRanges(source);
    const ast = parsePolicy(text);
    return markedAnalysis(text, ranges, analyzePolicy(ast, decidePolicyKind(ast, { path }), testCatalog(), options), harness.family);
  }

  return {
    analyze,
    codesOf: (source: string, path?: string, options?: AnalysisOptions): string[] => analyze(source, path, options).codes,
    assertFinding: (source: string, code: string, path?: string): Finding[] => assertFindingsAtMarks(analyze(source, path), code, minMessageLength),
    assertNoFinding: (source: string, code: string, path?: string): void => assertNoFindingOf(analyze(source, path), code),

    /** Applies the first fix of the first `code` finding and re-analyses: no `code` finding is left. */
    applyFirstFix(source: string, code: string, path?: string): string {
      const fixed = applyFixOf(analyze(source, path), code);
      assertNoFindingOf(analyze(fixed, path), code);
      return fixed;
    },

    /** Applies the first fix of the first `code` finding and re-analyses: exactly one `code` finding fewer. */
    applyFirstFixLeavingOthers(source: string, code: string, path?: string): string {
      const before = analyze(source, path);
      const fixed = applyFixOf(before, code);
      assert.equal(countOf(analyze(fixed, path), code), countOf(before, code) - 1, `one ${code} fewer after the fix: ${fixed}`);
      return fixed;
    },
  };
}

/** The harness that loads the services each policy names before it analyses it, as the server does. */
export function loadingPolicyChecks(harness: PolicyChecksOptions) {
  const minMessageLength = harness.minMessageLength ?? 30;

  async function analyze(source: string, path = harness.path): Promise<MarkedAnalysis> {
    const { text, ranges } = markedRanges(source);
    const catalog = await loadedCatalog();
    const ast = parsePolicy(text);
    await prepareAnalysis(ast, catalog);
    return markedAnalysis(text, ranges, analyzePolicy(ast, decidePolicyKind(ast, { path }), catalog), harness.family);
  }

  return {
    analyze,
    assertFinding: async (source: string, code: string, path?: string): Promise<Finding[]> => assertFindingsAtMarks(await analyze(source, path), code, minMessageLength),
    assertNoFinding: async (source: string, code: string, path?: string): Promise<void> => assertNoFindingOf(await analyze(source, path), code),

    /** Applies the fix titled like `title` (or the first) of the first `code` finding and re-analyses: no `code` finding is left. */
    async applyAndRecheck(source: string, code: string, title?: RegExp): Promise<string> {
      const fixed = applyFixOf(await analyze(source), code, title);
      assertNoFindingOf(await analyze(fixed), code);
      return fixed;
    },
  };
}
