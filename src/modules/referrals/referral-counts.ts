import type { Queryable } from '../../platform/db.ts';
import type { Visible } from '../../platform/store.ts';

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
