import type { Queryable } from '../../platform/db.ts';

export type WmoDecision = { notificationId: string; clientId: string; decidedOn: string | null; outcome: string | null };

/**
 * The decision (beschikking) on a melding, for modules that act on it (indications): its client
 * and the last 'decide' action's date and outcome; null outcome when not decided. Null when the
 * melding does not exist.
 */
export async function decisionOf(q: Queryable, notificationId: string): Promise<WmoDecision | null> {
  const [n] = await q.query<{ client_id: string }>('SELECT client_id FROM wmo_notifications WHERE id = $1', [notificationId]);
  if (!n) return null;
  const [d] = await q.query<{ on_date: string; outcome: string }>(
    `SELECT to_char(on_date, 'YYYY-MM-DD') AS on_date, outcome FROM wmo_actions WHERE notification_id = $1 AND type = 'decide' ORDER BY id DESC LIMIT 1`,
    [notificationId]);
  return { notificationId, clientId: n.client_id, decidedOn: d?.on_date ?? null, outcome: d?.outcome ?? null };
}
