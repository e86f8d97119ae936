import type { Queryable } from '../../platform/db.ts';
import { teamNames } from '../org/store.ts';
import { statementsOf, type TeamResult, teamResults } from './results.ts';
import { answersIn, findSurveyVersion } from './store.ts';

/** Client experience per desk or team for the rounds within the period, through the disclosure rule (results.ts). For the figures page and the council report. */
export async function satisfactionFigures(q: Queryable, from: string, to: string): Promise<(TeamResult & { teamName: string })[]> {
  const { answers, invited } = await answersIn(q, from, to);
  const versions = await Promise.all([...new Set([...answers, ...invited].map((a) => a.surveyId))].map((id) => findSurveyVersion(q, id)));
  const rows = teamResults(answers, invited, statementsOf(versions.filter((v) => v !== null)));
  const names = await teamNames(q, rows.map((x) => x.teamId));
  return rows.map((x) => ({ ...x, teamName: names.get(x.teamId) ?? '' })).sort((a, b) => a.teamName.localeCompare(b.teamName, 'nl'));
}
