import type { Queryable } from '../../platform/db.ts';
import type { Visible } from '../../platform/store.ts';

/**
 * The team's referrals not accepted yet (status open), the longest waiting first, for the team
 * lead's waiting list (src/modules/casework): at most `limit`, and how many there are. `visible`
 * is the request's need-to-know condition (Store.readClients).
 */
export async function waitingReferrals(q: Queryable, teamId: string, visible: Visible, limit: number) {
  const params: unknown[] = [teamId];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const where = `r.team_id = $1 AND r.status = 'open' AND ${visible('r.client_id', p)}`;
  const rows = await q.query<{ id: string; clientId: string; receivedOn: string }>(
    `SELECT r.id, r.client_id AS "clientId", (r.received_at AT TIME ZONE 'Europe/Amsterdam')::date::text AS "receivedOn"
     FROM referrals r WHERE ${where} ORDER BY r.received_at, r.id LIMIT ${p(limit)}`, params);
  const [{ n }] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM referrals r WHERE ${where}`, params.slice(0, -1)) as [{ n: number }];
  return { rows, total: n };
}
