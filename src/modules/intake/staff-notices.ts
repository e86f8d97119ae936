import type { Queryable } from '../../platform/db.ts';

/**
 * Puts a notice on staff members' notifications page (`/berichten`), in the caller's transaction.
 * Other modules tell staff something through this; the kinds are labelled in the UI
 * (web/src/messages/*\/notifications.json `kind`).
 */
export async function noticeToUsers(tx: Queryable, notices: readonly { userId: string; kind: string; clientId: string | null }[]): Promise<void> {
  if (notices.length === 0) return;
  await tx.query(`INSERT INTO user_notifications (user_id, kind, client_id) SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[])`,
    [notices.map((n) => n.userId), notices.map((n) => n.kind), notices.map((n) => n.clientId)]);
}
