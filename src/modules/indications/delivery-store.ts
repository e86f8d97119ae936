import type { Queryable } from '../../platform/db.ts';
import { conflict } from '../../platform/errors.ts';

/**
 * Delivery of an indication as its provider reports it (migration 211): started on a date,
 * stopped on a date with a reason (iWmo WMO305 / WMO307). Other modules record it only through
 * these functions, in their own transaction. Append-only; the state is derived from the reports.
 */

export type DeliveryReport = { kind: 'start' | 'stop'; on: string; reason: string | null; source: string; createdAt: Date };
export type Delivery = { startedOn: string | null; stoppedOn: string | null; stopReason: string | null; reports: DeliveryReport[] };

/** What a message about an indication is checked against. */
export type IndicationForMessage = {
  id: string; clientId: string; productId: string; providerId: string; productCode: string; category: 'WMO' | 'JZ'; providerAgbCode: string; validFrom: string; validTo: string;
  volume: number; unit: string; frequency: string;
  /** Withdrawn as wrongly given (migration 302); its end date equals its start. */
  withdrawn: boolean;
};

const FOR_MESSAGE = `SELECT i.id, i.client_id AS "clientId", i.product_id AS "productId", i.provider_id AS "providerId", p.code AS "productCode", p.category, v.agb_code AS "providerAgbCode",
     to_char(i.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(i.valid_to, 'YYYY-MM-DD') AS "validTo", i.volume, p.unit, p.frequency, i.withdrawn
   FROM indications i JOIN products p ON p.id = i.product_id JOIN providers v ON v.id = i.provider_id`;

export async function findIndicationForMessage(q: Queryable, id: string): Promise<IndicationForMessage | null> {
  const [row] = await q.query<IndicationForMessage>(`${FOR_MESSAGE} WHERE i.id = $1`, [id]);
  return row ?? null;
}

/** The delivery of an indication, folded from its reports in the order they came. */
export async function deliveryOf(q: Queryable, indicationId: string): Promise<Delivery> {
  const reports = await q.query<DeliveryReport>(
    `SELECT kind, to_char(on_date, 'YYYY-MM-DD') AS "on", reason, source, created_at AS "createdAt"
     FROM indication_deliveries WHERE indication_id = $1 ORDER BY id`, [indicationId]);
  let d: Delivery = { startedOn: null, stoppedOn: null, stopReason: null, reports };
  for (const r of reports) {
    d = r.kind === 'start' ? { ...d, startedOn: r.on, stoppedOn: null, stopReason: null } : { ...d, stoppedOn: r.on, stopReason: r.reason };
  }
  return d;
}

/**
 * Records a start or stop reported by `source` (e.g. 'iwmo:<message id>'). The same report from
 * the same source again changes nothing. A stop needs a current start and may not lie before it;
 * a start may follow a (temporary) stop. The indication row is locked so reports do not interleave.
 */
export async function recordDelivery(tx: Queryable, indicationId: string, r: { kind: 'start' | 'stop'; on: string; reason?: string | null; source: string }):
  Promise<{ recorded: boolean }> {
  await tx.query('SELECT id FROM indications WHERE id = $1 FOR UPDATE', [indicationId]);
  const [same] = await tx.query('SELECT id FROM indication_deliveries WHERE indication_id = $1 AND kind = $2 AND source = $3', [indicationId, r.kind, r.source]);
  if (same) return { recorded: false };
  const now = await deliveryOf(tx, indicationId);
  if (r.kind === 'stop') {
    if (!now.startedOn || now.stoppedOn) throw conflict('Er is geen lopende levering om te stoppen / No current delivery to stop', 'delivery_not_started');
    if (r.on < now.startedOn) throw conflict(`De levering stopt (${r.on}) voor zij begon (${now.startedOn}) / The delivery stops before it started`, 'delivery_stop_before_start');
  } else if (now.startedOn && !now.stoppedOn) {
    throw conflict(`De levering loopt al sinds ${now.startedOn} / Delivery already started on ${now.startedOn}`, 'delivery_already_started');
  }
  await tx.query('INSERT INTO indication_deliveries (indication_id, kind, on_date, reason, source) VALUES ($1, $2, $3, $4, $5)',
    [indicationId, r.kind, r.on, r.reason ?? null, r.source]);
  return { recorded: true };
}

/** Every indication of a client at a provider, withdrawn and ended ones too (the iwmo module picks the set a 301 carries), oldest first. */
export const indicationsAtProvider = (q: Queryable, clientId: string, providerId: string) => q.query<IndicationForMessage>(
  `${FOR_MESSAGE} WHERE i.client_id = $1 AND i.provider_id = $2 ORDER BY i.valid_from, i.created_at, i.id`, [clientId, providerId]);
