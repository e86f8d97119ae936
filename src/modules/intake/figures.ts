import type { Queryable } from '../../platform/db.ts';
import { councilChannelSql } from '../monitor/council-channels.ts';
import { disclosureRule, shownCount } from '../monitor/disclosure.ts';
import { teamNames } from '../org/store.ts';
import type { ContactFigures } from './schemas.ts';

/**
 * Contacts whose Dutch calendar day lies between $1 and $2 (both inclusive), written as a range on
 * the instant so that the index on contacted_at serves it (a cast of every row's time to a date
 * scans the whole table: seconds at a million contacts).
 */
const DUTCH_DAYS = `c.contacted_at >= ($1::date::timestamp AT TIME ZONE 'Europe/Amsterdam') AND c.contacted_at < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam')`;

/** Contacts and the clients they are about: an anonymous contact counts as one person (we cannot tell two apart). */
const COUNTS = `count(*)::int AS count, (count(DISTINCT c.client_id) + count(*) FILTER (WHERE c.client_id IS NULL))::int AS persons`;

/**
 * Counts only, never persons: the monitoring module (Raadsmonitor) builds on these. Dates inclusive, Europe/Amsterdam.
 * Every count goes through the disclosure rule (src/modules/monitor/disclosure.ts): fewer than 5 clients is null ("< 5"), the rest rounded to 5.
 * `channels: 'council'` reports the council's three channels (desk and home visit are "in person").
 */
export async function contactFigures(q: Queryable, from: string, to: string, channels: 'wegwijs' | 'council' = 'wegwijs'): Promise<ContactFigures> {
  const where = DUTCH_DAYS;
  type Row = { count: number; persons: number };
  const show = <T extends Row>({ count, persons, ...rest }: T) => ({ ...rest, count: shownCount(count, persons) });
  const [totals] = await q.query<Row & { anonymous: number }>(
    `SELECT ${COUNTS}, count(*) FILTER (WHERE c.client_id IS NULL)::int AS anonymous FROM contacts c WHERE ${where}`, [from, to]);
  const channel = channels === 'council' ? councilChannelSql('c.channel') : 'c.channel';
  const byChannel = await q.query<Row & { channel: string }>(`SELECT ${channel} AS channel, ${COUNTS} FROM contacts c WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`, [from, to]);
  const perTeam = await q.query<Row & { teamId: string }>(`SELECT c.team_id AS "teamId", ${COUNTS} FROM contacts c WHERE ${where} GROUP BY 1`, [from, to]);
  const names = await teamNames(q, perTeam.map((t) => t.teamId));
  const byDesk = perTeam.map((t) => ({ ...t, teamName: names.get(t.teamId) ?? '' }))
    .sort((a, b) => b.count - a.count || (a.teamName < b.teamName ? -1 : a.teamName > b.teamName ? 1 : 0));
  const byOutcome = await q.query<Row & { outcome: number }>(`SELECT c.outcome::int AS outcome, ${COUNTS} FROM contacts c WHERE ${where} GROUP BY 1 ORDER BY 1`, [from, to]);
  const total = totals ?? { count: 0, persons: 0, anonymous: 0 };
  return {
    from, to, channels, disclosure: disclosureRule,
    total: shownCount(total.count, total.persons),
    // Anonymous contacts are each one (unknown) person.
    anonymous: shownCount(total.anonymous),
    byChannel: byChannel.map(show), byDesk: byDesk.map(show), byOutcome: byOutcome.map(show),
  };
}

/** Each client with a contact in [from, to] (Europe/Amsterdam) and the desk or team that had it: for the client-experience survey's sample. */
export async function clientContactsIn(q: Queryable, from: string, to: string): Promise<{ clientId: string; teamId: string }[]> {
  return q.query<{ clientId: string; teamId: string }>(
    `SELECT DISTINCT c.client_id AS "clientId", c.team_id AS "teamId" FROM contacts c
     WHERE c.client_id IS NOT NULL AND ${DUTCH_DAYS}`, [from, to]);
}
