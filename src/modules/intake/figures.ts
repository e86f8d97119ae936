import { z } from 'zod';
import type { Queryable } from '../../platform/db.ts';

export const ContactFigures = z.object({
  from: z.string(), to: z.string(), total: z.number(), anonymous: z.number(),
  byChannel: z.array(z.object({ channel: z.string(), count: z.number() })),
  byDesk: z.array(z.object({ teamId: z.uuid(), teamName: z.string(), count: z.number() })),
  byOutcome: z.array(z.object({ outcome: z.number(), count: z.number() })),
});
export type ContactFigures = z.infer<typeof ContactFigures>;

/** Counts only, never persons: the monitoring module (Raadsmonitor) builds on these. Dates inclusive, Europe/Amsterdam. */
export async function contactFigures(q: Queryable, from: string, to: string): Promise<ContactFigures> {
  const where = `(c.contacted_at AT TIME ZONE 'Europe/Amsterdam')::date BETWEEN $1::date AND $2::date`;
  const [totals] = await q.query<{ total: number; anonymous: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE c.client_id IS NULL)::int AS anonymous FROM contacts c WHERE ${where}`, [from, to]);
  const byChannel = await q.query<{ channel: string; count: number }>(`SELECT c.channel, count(*)::int AS count FROM contacts c WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`, [from, to]);
  const byDesk = await q.query<{ teamId: string; teamName: string; count: number }>(
    `SELECT t.id AS "teamId", t.name AS "teamName", count(*)::int AS count FROM contacts c JOIN teams t ON t.id = c.team_id WHERE ${where} GROUP BY 1, 2 ORDER BY 3 DESC, 2`, [from, to]);
  const byOutcome = await q.query<{ outcome: number; count: number }>(`SELECT c.outcome::int AS outcome, count(*)::int AS count FROM contacts c WHERE ${where} GROUP BY 1 ORDER BY 1`, [from, to]);
  return { from, to, total: totals?.total ?? 0, anonymous: totals?.anonymous ?? 0, byChannel, byDesk, byOutcome };
}
