import type { Queryable } from '../../platform/db.ts';

/** The user's unread notifications (messages): a number for the start page. */
export async function countUnreadNotifications(tx: Queryable, userId: string): Promise<number> {
  const [row] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM user_notifications WHERE user_id = $1 AND read_at IS NULL', [userId]);
  return row?.n ?? 0;
}

/**
 * Notifies users (staff messages, e.g. a safety signal for the team leads): one row each, linked to the
 * client and the contact it is about; the list shows the client's name only to those who may see the client.
 */
export async function notifyUsers(tx: Queryable, userIds: readonly string[], kind: string, clientId: string | null, contactId: string | null): Promise<void> {
  await tx.query(`INSERT INTO user_notifications (user_id, kind, client_id, contact_id) SELECT DISTINCT u, $1, $2::uuid, $3::uuid FROM unnest($4::uuid[]) AS u`,
    [kind, clientId, contactId, [...new Set(userIds)]]);
}
