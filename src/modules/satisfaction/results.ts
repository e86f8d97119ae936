import { type ShownCount, shownCount, shownShare, shownStatistic } from '../monitor/disclosure.ts';
import type { AnswerRow, InvitedRow } from './store.ts';
import { isAgreement, type Statement, type Theme } from './survey.ts';

export type StatementResult = { key: string; theme: Theme; text: string; answered: ShownCount; agreePct: number | null };
export type TeamResult = { teamId: string; invited: ShownCount; responses: ShownCount; responseRatePct: number | null; meanGrade: number | null; statements: StatementResult[] };

/**
 * Pure: the results per desk/team, every figure through the disclosure rule (src/modules/monitor/disclosure.ts).
 * Each answer is one client. "% (helemaal) eens" is over those who gave a score: "weet niet / n.v.t." counts in no share.
 * The statements are those of the versions used, by key (a reworded version keeps its key and its place).
 */
export function teamResults(answers: readonly AnswerRow[], invited: readonly InvitedRow[], statements: readonly Statement[]): TeamResult[] {
  const teams = [...new Set([...invited.map((i) => i.teamId), ...answers.map((a) => a.teamId)])];
  return teams.map((teamId) => {
    const own = answers.filter((a) => a.teamId === teamId);
    const sent = invited.filter((i) => i.teamId === teamId).reduce((n, i) => n + i.invited, 0);
    const grades = own.map((a) => a.grade).filter((g): g is number => g !== null);
    const mean = grades.length ? Math.round((10 * grades.reduce((s, g) => s + g, 0)) / grades.length) / 10 : null;
    return {
      teamId,
      invited: shownCount(sent),
      responses: shownCount(own.length),
      responseRatePct: shownShare(own.length, sent),
      meanGrade: shownStatistic(mean, grades.length),
      statements: statements.map((s) => {
        const scored = own.map((a) => a.scores[s.key]).filter((v): v is number => typeof v === 'number');
        return { key: s.key, theme: s.theme, text: s.text, answered: shownCount(scored.length), agreePct: shownShare(scored.filter(isAgreement).length, scored.length) };
      }),
    };
  });
}

/** The statements of several versions by key, the newest wording first. */
export function statementsOf(versions: readonly { version: number; statements: readonly Statement[] }[]): Statement[] {
  const out = new Map<string, Statement>();
  for (const v of [...versions].sort((a, b) => b.version - a.version)) for (const s of v.statements) if (!out.has(s.key)) out.set(s.key, s);
  return [...out.values()];
}
