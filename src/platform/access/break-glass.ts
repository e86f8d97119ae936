import type { Queryable } from '../db.ts';

/**
 * Break-the-glass (emergency access to a client without a relation), owned by the platform: the
 * clients module opens one, the audit module lists and reviews them, the access check reads them.
 */
export type BreakGlassEvent = {
  id: string; userId: string; userName: string; clientId: string; reason: string; createdAt: Date; expiresAt: Date;
  reviewedAt: Date | null; reviewedByName: string | null; reviewNote: string | null;
};

export async function openBreakGlass(tx: Queryable, b: { userId: string; clientId: string; reason: string; hours: number }) {
  const [row] = await tx.query<{ id: string; expires_at: Date }>(
    `INSERT INTO break_glass (user_id, client_id, reason, expires_at) VALUES ($1,$2,$3, now() + make_interval(hours => $4)) RETURNING id, expires_at`,
    [b.userId, b.clientId, b.reason, b.hours]);
  return row!;
}

const SELECT = `SELECT b.id, b.user_id AS "userId", u.display_name AS "userName", b.client_id AS "clientId", b.reason, b.created_at AS "createdAt",
    b.expires_at AS "expiresAt", b.reviewed_at AS "reviewedAt", rv.display_name AS "reviewedByName", b.review_note AS "reviewNote"
  FROM break_glass b JOIN users u ON u.id = b.user_id LEFT JOIN users rv ON rv.id = b.reviewed_by`;

/** Unreviewed first; `reviewed` filters on whether the privacy officer has reviewed the event. */
export const listBreakGlass = (q: Queryable, reviewed?: boolean) => q.query<BreakGlassEvent>(
  `${SELECT} WHERE ($1::boolean IS NULL OR (b.reviewed_at IS NOT NULL) = $1)
   ORDER BY b.reviewed_at IS NOT NULL, b.created_at DESC LIMIT 500`, [reviewed ?? null]);

export async function findBreakGlass(q: Queryable, id: string): Promise<BreakGlassEvent | null> {
  const [row] = await q.query<BreakGlassEvent>(`${SELECT} WHERE b.id = $1`, [id]);
  return row ?? null;
}

/** Records the review; false when there is no such event. */
export async function reviewBreakGlass(tx: Queryable, id: string, reviewerId: string, note: string): Promise<boolean> {
  const rows = await tx.query('UPDATE break_glass SET reviewed_at = now(), reviewed_by = $2, review_note = $3 WHERE id = $1 RETURNING id', [id, reviewerId, note]);
  return rows.length > 0;
}
