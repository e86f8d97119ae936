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
  type Row = { count: number; persons: number };
  const show = <T extends Row>({ count, persons, ...rest }: T) => ({ ...rest, count: shownCount(count, persons) });
  const channel = channels === 'council' ? councilChannelSql('c.channel') : 'c.channel';
  // One pass over the period for all four tables (grouping sets): at 30,000 contacts a month, four
  // separate scans were most of a dashboard request. `g` tells the sets apart (1 = not grouped by:
  // channel 4, team 2, outcome 1).
  const rows = await q.query<Row & { g: number; channel: string | null; teamId: string | null; outcome: number | null; anonymous: number }>(
    `SELECT GROUPING(channel, team_id, outcome)::int AS g, channel, team_id AS "teamId", outcome, ${COUNTS},
       count(*) FILTER (WHERE c.client_id IS NULL)::int AS anonymous
     FROM (SELECT ${channel} AS channel, c.team_id, c.outcome::int AS outcome, c.client_id FROM contacts c WHERE ${DUTCH_DAYS}) c
     GROUP BY GROUPING SETS ((), (channel), (team_id), (outcome))`, [from, to]);
  const set = (g: number) => rows.filter((r) => r.g === g);
  const byChannel = set(0b011).map(({ channel: ch, count, persons }) => ({ channel: ch!, count, persons }))
    .sort((a, b) => b.count - a.count || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
  const perTeam = set(0b101).map(({ teamId, count, persons }) => ({ teamId: teamId!, count, persons }));
  const names = await teamNames(q, perTeam.map((t) => t.teamId));
  const byDesk = perTeam.map((t) => ({ ...t, teamName: names.get(t.teamId) ?? '' }))
    .sort((a, b) => b.count - a.count || (a.teamName < b.teamName ? -1 : a.teamName > b.teamName ? 1 : 0));
  const byOutcome = set(0b110).map(({ outcome, count, persons }) => ({ outcome: outcome!, count, persons })).sort((a, b) => a.outcome - b.outcome);
  // The grand total row exists even when the period holds no contacts.
  const total = set(0b111)[0] ?? { count: 0, persons: 0, anonymous: 0 };
  return {
    from, to, channels, disclosure: disclosureRule,
    total: shownCount(total.count, total.persons),
    // Anonymous contacts are each one (unknown) person.
    anonymous: shownCount(total.anonymous),
    byChannel: byChannel.map(show), byDesk: byDesk.map(show), byOutcome: byOutcome.map(show),
  };
}

/** A cheap token that changes whenever a contact is registered: figures cached under it are never stale. */
export async function contactsVersion(q: Queryable): Promise<string> {
  const [row] = await q.query<{ v: string | null }>('SELECT max(created_at)::text AS v FROM contacts');
  return row?.v ?? '';
}

/** Each client with a contact in [from, to] (Europe/Amsterdam) and the desk or team that had it: for the client-experience survey's sample. */
export async function clientContactsIn(q: Queryable, from: string, to: string): Promise<{ clientId: string; teamId: string }[]> {
  return q.query<{ clientId: string; teamId: string }>(
    `SELECT DISTINCT c.client_id AS "clientId", c.team_id AS "teamId" FROM contacts c
     WHERE c.client_id IS NOT NULL AND ${DUTCH_DAYS}`, [from, to]);
}

/** One cell of contactCounts: which breakdown it belongs to, its keys, and its contacts and the clients they are about. */
export type ContactCell = { set: 'group' | 'group_channel' | 'group_outcome' | 'month_channel' | 'month' | 'channel' | 'outcome' | 'total';
  group: string | null; channel: string | null; outcome: number | null; month: string | null; count: number; persons: number };

/**
 * Contacts in [from, to] (Europe/Amsterdam, inclusive) of the teams in `groups` (team id → the group
 * it counts in: itself, or its region), council channels (desk and home visit are in_person). One scan
 * for every breakdown the dashboard shows (GROUPING SETS), with the persons each cell is about, so the
 * monitor can apply the disclosure rule to distinct clients, never to a sum of team counts.
 */
export async function contactCounts(q: Queryable, from: string, to: string, groups: ReadonlyMap<string, string>): Promise<ContactCell[]> {
  if (groups.size === 0) return [];
  const channel = councilChannelSql('c.channel');
  const month = `to_char(c.contacted_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM')`;
  const rows = await q.query<{ g: number; o: number; m: number; ch: number; group: string | null; channel: string | null; outcome: number | null; month: string | null; count: number; persons: number }>(
    `SELECT GROUPING(g.key)::int AS g, GROUPING(c.outcome)::int AS o, GROUPING(${month})::int AS m, GROUPING(${channel})::int AS ch,
       g.key AS "group", ${channel} AS channel, c.outcome::int AS outcome, ${month} AS month, ${COUNTS}
     FROM contacts c JOIN unnest($3::uuid[], $4::text[]) AS g(team_id, key) ON g.team_id = c.team_id
     WHERE ${DUTCH_DAYS}
     GROUP BY GROUPING SETS ((g.key), (g.key, ${channel}), (g.key, c.outcome), (${month}, ${channel}), (${month}), (${channel}), (c.outcome), ())`,
    [from, to, [...groups.keys()], [...groups.values()]]);
  return rows.map(({ g, o, m, ch, ...r }) => ({ ...r, set: SETS[`${g}${ch}${o}${m}`]! }));
}

/** GROUPING() of (group, channel, outcome, month): 0 where the cell is keyed by it. */
const SETS: Record<string, ContactCell['set']> = {
  '0111': 'group', '0011': 'group_channel', '0101': 'group_outcome', '1010': 'month_channel', '1110': 'month', '1011': 'channel', '1101': 'outcome', '1111': 'total',
};
