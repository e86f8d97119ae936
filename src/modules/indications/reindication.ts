import type { Db } from '../../platform/db.ts';
import { sendMessages } from '../intake/staff-messages.ts';
import { FOLLOWED_UP } from './indication-facts.ts';
import { addDays, addMonths, type IsoDate, normOn } from '../legal-terms/legal-terms.ts';
import { listNorms } from '../legal-terms/store.ts';
import { ownersOf } from '../wmo/notification-store.ts';

export const REINDICATION_JOB = 'indications.reindication_reminders';
export const REINDICATION_NOTICE = 'reindication_notice';

/**
 * Herindicatie: an indication that ends within the configured notice (legal_norms
 * `reindication_notice`, 8 weeks) and has no follow-up (a later indication of the same client and
 * product) gets one reminder, on the notifications page of the melding's Wmo adviser (or of whoever
 * made the indication when nobody is assigned any more). Safe to run again and on several
 * instances at once: the reminder row is claimed first, and only the claimer sends.
 */
export async function sendReindicationReminders(db: Db, today: IsoDate): Promise<number> {
  const norm = normOn(await listNorms(db), REINDICATION_NOTICE, today);
  // A notice period, not a statutory term: plain calendar arithmetic, no Atw.
  const horizon = norm.unit === 'months' ? addMonths(today, norm.amount) : addDays(today, norm.amount * (norm.unit === 'weeks' ? 7 : 1));
  return db.transaction(async (tx) => {
    const due = await tx.query<{ id: string; client_id: string; wmo_notification_id: string; created_by: string | null }>(
      `SELECT i.id, i.client_id, i.wmo_notification_id, i.created_by FROM indications i
       WHERE i.valid_to BETWEEN $1::date AND $2::date AND NOT i.withdrawn
         AND NOT EXISTS (SELECT 1 FROM indication_reminders r WHERE r.indication_id = i.id)
         AND NOT ${FOLLOWED_UP}
       ORDER BY i.valid_to FOR UPDATE SKIP LOCKED`, [today, horizon]);
    if (due.length === 0) return 0;
    const owners = await ownersOf(tx, due.map((d) => d.wmo_notification_id));
    const notices = due.map((d) => ({ indicationId: d.id, userId: owners.get(d.wmo_notification_id)?.userId ?? d.created_by, clientId: d.client_id }));
    const claimed = new Set((await tx.query<{ indication_id: string }>(
      `INSERT INTO indication_reminders (indication_id, sent_on, sent_to) SELECT * FROM unnest($1::uuid[], $2::date[], $3::uuid[])
       ON CONFLICT DO NOTHING RETURNING indication_id`,
      [notices.map((n) => n.indicationId), notices.map(() => today), notices.map((n) => n.userId)])).map((r) => r.indication_id));
    for (const n of notices) {
      if (claimed.has(n.indicationId) && n.userId) await sendMessages(tx, [n.userId], 'reindication_due', n.clientId, null);
    }
    return claimed.size;
  });
}
