import type { Queryable } from '../../platform/db.ts';

/** The user's unread staff messages: a number for the start page. */
export async function countUnreadMessages(tx: Queryable, userId: string): Promise<number> {
  const [row] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM staff_messages WHERE user_id = $1 AND read_at IS NULL', [userId]);
  return row?.n ?? 0;
}

/**
 * Sends staff messages to users (e.g. a safety signal for the team leads): one row each, linked to the
 * client and the contact it is about; the list shows the client's name only to those who may see the client.
 */
export async function sendMessages(tx: Queryable, userIds: readonly string[], kind: string, clientId: string | null, contactId: string | null): Promise<void> {
  await tx.query(`INSERT INTO staff_messages (user_id, kind, client_id, contact_id) SELECT DISTINCT u, $1, $2::uuid, $3::uuid FROM unnest($4::uuid[]) AS u`,
    [kind, clientId, contactId, [...new Set(userIds)]]);
}
