import type { Queryable } from '../../platform/db.ts';

/** Digital questions not yet picked up at these desks (the desk a question was sent to is its need-to-know): a number for the start page. */
export async function countWaitingPortalRequests(tx: Queryable, deskIds: readonly string[]): Promise<number> {
  if (deskIds.length === 0) return 0;
  const [row] = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM portal_requests WHERE contact_id IS NULL AND desk_team_id = ANY($1::uuid[])', [[...deskIds]]);
  return row?.n ?? 0;
}
