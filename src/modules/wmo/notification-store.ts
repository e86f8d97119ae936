import type { Queryable } from '../../platform/db.ts';
import { loadCalendar } from '../legal-terms/store.ts';
import { assessmentDeadline } from './wmo-process.ts';

export type NotificationInput = { clientId: string; contactId: string | null; notifiedOn: string; channel: string;
  reportedBy: 'client' | 'representative' | 'informal_carer' | 'other'; teamId: string | null; createdBy: string | null };
export type NotificationView = { id: string; notifiedOn: string; assessmentDeadline: string };

/** Records a Wmo melding (Wmo 2015 art. 2.3.2); called inside the caller's transaction. `notifiedOn` is the Dutch date. */
export async function createNotification(tx: Queryable, n: NotificationInput): Promise<NotificationView> {
  const [row] = await tx.query<{ id: string; notified_on: string }>(
    `INSERT INTO wmo_notifications (client_id, contact_id, notified_on, channel, reported_by, team_id, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id, notified_on::text AS notified_on`,
    [n.clientId, n.contactId, n.notifiedOn, n.channel, n.reportedBy, n.teamId, n.createdBy]);
  return { id: row!.id, notifiedOn: row!.notified_on, assessmentDeadline: assessmentDeadline(await loadCalendar(tx), row!.notified_on) };
}

export type NotificationOfClient = { id: string; createdAt: Date; notifiedOn: string; assessmentDeadline: string; teamId: string | null; createdBy: string | null; reportedBy: string; contactId: string | null };

/** Every Wmo melding of these clients (unordered), with the onderzoek's deadline, for the client's timeline. */
export async function notificationsOfClients(q: Queryable, clientIds: readonly string[]): Promise<NotificationOfClient[]> {
  const rows = await q.query<Omit<NotificationOfClient, 'assessmentDeadline'>>(
    `SELECT id, created_at AS "createdAt", notified_on::text AS "notifiedOn", team_id AS "teamId", created_by AS "createdBy", reported_by AS "reportedBy", contact_id AS "contactId"
     FROM wmo_notifications WHERE client_id = ANY($1::uuid[])`, [[...clientIds]]);
  if (rows.length === 0) return [];
  const calendar = await loadCalendar(q);
  return rows.map((r) => ({ ...r, assessmentDeadline: assessmentDeadline(calendar, r.notifiedOn) }));
}
