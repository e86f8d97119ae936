import type { Queryable } from '../../platform/db.ts';

/** The user's unread notifications (messages): a number for the start page. */
export async function countUnreadNotifications(tx: Queryable, userId: string): Promise<number> {
  const [row] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM user_notifications WHERE user_id = $1 AND read_at IS NULL', [userId]);
  return row?.n ?? 0;
}
