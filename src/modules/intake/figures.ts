import type { Queryable } from '../../platform/db.ts';
import { teamNames } from '../org/store.ts';
import type { ContactFigures } from './schemas.ts';

/** Counts only, never persons: the monitoring module (Raadsmonitor) builds on these. Dates inclusive, Europe/Amsterdam. */
export async function contactFigures(q: Queryable, from: string, to: string): Promise<ContactFigures> {
  const where = `(c.contacted_at AT TIME ZONE 'Europe/Amsterdam')::date BETWEEN $1::date AND $2::date`;
  const [totals] = await q.query<{ total: number; anonymous: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE c.client_id IS NULL)::int AS anonymous FROM contacts c WHERE ${where}`, [from, to]);
  const byChannel = await q.query<{ channel: string; count: number }>(`SELECT c.channel, count(*)::int AS count FROM contacts c WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`, [from, to]);
  const perTeam = await q.query<{ teamId: string; count: number }>(
    `SELECT c.team_id AS "teamId", count(*)::int AS count FROM contacts c WHERE ${where} GROUP BY 1`, [from, to]);
  const names = await teamNames(q, perTeam.map((t) => t.teamId));
  const byDesk = perTeam.map((t) => ({ ...t, teamName: names.get(t.teamId) ?? '' }))
    .sort((a, b) => b.count - a.count || (a.teamName < b.teamName ? -1 : a.teamName > b.teamName ? 1 : 0));
  const byOutcome = await q.query<{ outcome: number; count: number }>(`SELECT c.outcome::int AS outcome, count(*)::int AS count FROM contacts c WHERE ${where} GROUP BY 1 ORDER BY 1`, [from, to]);
  return { from, to, total: totals?.total ?? 0, anonymous: totals?.anonymous ?? 0, byChannel, byDesk, byOutcome };
}
