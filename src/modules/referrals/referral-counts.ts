import type { Queryable } from '../../platform/db.ts';
import type { Visible } from '../../platform/store.ts';
import { type ReferralSource, SOURCES } from './referral-process.ts';

/**
 * Open referrals waiting at these teams or desks that the actor may see (the same need-to-know
 * as the inbox): a number for the start page, no names. Call inside `store.readClients`.
 */
export async function countOpenReferrals(tx: Queryable, teamIds: readonly string[], visible: Visible): Promise<number> {
  if (teamIds.length === 0) return 0;
  const params: unknown[] = [[...teamIds]];
  const [row] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM referrals r WHERE r.team_id = ANY($1::uuid[]) AND r.status = 'open'
       AND ${visible('r.client_id', (v) => { params.push(v); return `$${params.length}`; })}`, params);
  return row?.n ?? 0;
}

/**
 * Referrals that came in on these Dutch dates (inclusive), per source: desk, gp, partner, citizen
 * (DOMAIN §5 "referrals by source"). A count without names, for figures; every source is in the map.
 */
export async function countReferralsBySource(q: Queryable, from: string, to: string): Promise<Record<ReferralSource, number>> {
  const rows = await q.query<{ source: ReferralSource; n: number }>(
    `SELECT source, count(*)::int AS n FROM referrals
     WHERE received_at >= ($1::date AT TIME ZONE 'Europe/Amsterdam') AND received_at < (($2::date + 1) AT TIME ZONE 'Europe/Amsterdam')
     GROUP BY source`, [from, to]);
  const counts = Object.fromEntries(SOURCES.map((s) => [s, 0])) as Record<ReferralSource, number>;
  for (const r of rows) counts[r.source] = r.n;
  return counts;
}
