/**
 * Runs a range of generated cases through both simulators and tallies the outcomes. Each case
 * has its own seed, so ranges can run in parallel (one per core) and still give the same cases.
 */
import type { Decision, EvaluationResult } from '../../server/src/engine';
import { DEVIATIONS, type Deviation } from './deviations';
import { generateCase, type Case } from './generator';
import { Random } from './random';
import { runOurs, runPeer } from './simulators';

export const SEED = 20240601;

export interface Tally {
  agree: number;
  explained: number;
  unexplained: number;
}

export interface RangeReport {
  readonly total: Tally;
  readonly byCategory: Record<string, Tally>;
  /** Disagreements each deviation explains (a disagreement may fit more than one). */
  readonly byDeviation: Record<string, number>;
  readonly rejected: Record<string, number>;
  /** The first unexplained disagreements, for the failure message. */
  readonly unexplained: readonly unknown[];
}

export async function compareRange(from: number, to: number): Promise<RangeReport> {
  const report = {
    total: { agree: 0, explained: 0, unexplained: 0 },
    byCategory: {} as Record<string, Tally>,
    byDeviation: Object.fromEntries(DEVIATIONS.map((deviation) => [deviation.id, 0])) as Record<string, number>,
    rejected: {} as Record<string, number>,
    unexplained: [] as unknown[],
  };
  for (let id = from; id < to; id++) {
    const c = generateCase(id, new Random(SEED + id * 7919));
    const peer = await runPeer(c);
    if ('rejected' in peer) {
      report.rejected[peer.rejected] = (report.rejected[peer.rejected] ?? 0) + 1;
      continue;
    }
    const ours = runOurs(c);
    let outcome: keyof Tally = 'agree';
    const fromValues = runOurs(c, true);
    if (JSON.stringify(withoutRanges(fromValues)) !== JSON.stringify(withoutRanges(ours))) {
      outcome = 'unexplained';
      if (report.unexplained.length < 3) report.unexplained.push({ why: 'policies given as values and as text evaluate differently', text: ours, values: fromValues });
    } else if (ours.decision !== peer.decision) {
      const explanation = await explain(c, ours, peer.decision);
      if ('deviations' in explanation) {
        explanation.deviations.forEach((deviation) => report.byDeviation[deviation.id]++);
        outcome = 'explained';
      } else {
        outcome = 'unexplained';
        if (report.unexplained.length < 3) {
          report.unexplained.push({ why: explanation.problem, ours: ours.decision, peer: peer.decision, explanation: ours.explanation, case: { ...c, tags: [...c.tags] } });
        }
      }
    }
    report.total[outcome]++;
    for (const tag of c.tags) {
      const tally = (report.byCategory[tag] ??= { agree: 0, explained: 0, unexplained: 0 });
      tally[outcome]++;
    }
  }
  return report;
}

/** The trace without text ranges, which only policies read from text have. */
function withoutRanges(result: EvaluationResult): unknown {
  const strip = <T extends { range?: unknown }>(entry: T) => ({ ...entry, range: undefined });
  return { ...result, matchedStatements: result.matchedStatements.map(strip), unmatchedStatements: result.unmatchedStatements.map(strip), errors: result.errors.map(strip) };
}

/**
 * Which deviations account for a disagreement: a decision-logic deviation that recognises it,
 * or feature rewrites after which our decision is unchanged and iam-simulate agrees (one
 * rewrite alone if one suffices, else all of them together).
 */
async function explain(c: Case, ours: EvaluationResult, peer: Decision): Promise<{ deviations: Deviation[] } | { problem: string }> {
  const recognised = DEVIATIONS.filter((deviation) => deviation.explains?.(c, ours, peer));
  if (recognised.length > 0) return { deviations: recognised };
  const rewrites = DEVIATIONS.flatMap((deviation) => {
    const rewritten = deviation.neutralize?.(c);
    return rewritten ? [{ deviation, rewritten }] : [];
  });
  for (const { deviation, rewritten } of rewrites) {
    const verdict = await compareRewritten(rewritten, ours.decision);
    if (verdict === 'changed ours') return { problem: `rewriting for ${deviation.id} changed our decision: the rewrite or the engine is wrong` };
    if (verdict === 'agree') return { deviations: [deviation] };
  }
  if (rewrites.length < 2) return { problem: 'no deviation accounts for it' };
  let combined = c;
  for (const { deviation } of rewrites) combined = deviation.neutralize?.(combined) ?? combined;
  const verdict = await compareRewritten(combined, ours.decision);
  if (verdict === 'agree') return { deviations: rewrites.map(({ deviation }) => deviation) };
  return { problem: verdict === 'changed ours' ? 'the combined rewrites changed our decision' : 'no deviation accounts for it' };
}

async function compareRewritten(rewritten: Case, oursBefore: Decision): Promise<'agree' | 'disagree' | 'changed ours'> {
  const ours = runOurs(rewritten);
  if (ours.decision !== oursBefore) return 'changed ours';
  const peer = await runPeer(rewritten);
  if ('rejected' in peer) return 'disagree';
  if (peer.decision === ours.decision) return 'agree';
  return DEVIATIONS.some((deviation) => deviation.explains?.(rewritten, ours, peer.decision)) ? 'agree' : 'disagree';
}

export function mergeReports(reports: readonly RangeReport[]): RangeReport {
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
  };
  const merged = { total: { agree: 0, explained: 0, unexplained: 0 }, byCategory: {} as Record<string, Tally>, byDeviation: {}, rejected: {}, unexplained: [] as unknown[] };
  for (const report of reports) {
    add(merged.total as unknown as Record<string, number>, report.total as unknown as Record<string, number>);
    for (const [tag, tally] of Object.entries(report.byCategory)) {
      add((merged.byCategory[tag] ??= { agree: 0, explained: 0, unexplained: 0 }) as unknown as Record<string, number>, tally as unknown as Record<string, number>);
    }
    add(merged.byDeviation, report.byDeviation);
    add(merged.rejected, report.rejected);
    merged.unexplained.push(...report.unexplained);
  }
  return merged;
}
