import type { Queryable } from '../../platform/db.ts';
import type { Law, WmoStatus } from './wmo-process.ts';

/** The law and status of each melding: a neighbourhood team's onward referral (casework) shows the melding it made. */
export async function notificationStatuses(q: Queryable, notificationIds: readonly string[]): Promise<Map<string, { law: Law; status: WmoStatus }>> {
  if (notificationIds.length === 0) return new Map();
  const rows = await q.query<{ id: string; law: Law; status: WmoStatus }>('SELECT id, law, status FROM wmo_notifications WHERE id = ANY($1::uuid[])', [[...notificationIds]]);
  return new Map(rows.map((r) => [r.id, { law: r.law, status: r.status }]));
}
