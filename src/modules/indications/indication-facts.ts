import type { Queryable } from '../../platform/db.ts';
import { listTariffs } from './catalogue-store.ts';
import { type Frequency, indicationCost, type Tariff, type Unit } from './indication-cost.ts';

/** One indication as figures need it: no name, no BSN; the cost is for the part inside the asked period. */
export type IndicationFact = {
  id: string; clientId: string; notificationId: string;
  productCode: string; productName: string; providerId: string; providerName: string;
  validFrom: string; validTo: string; volume: number; unit: Unit; form: 'ZIN' | 'PGB';
  /** Cost of the days inside the period (tariffs as contracted); null when the provider's tariffs overlap. */
  periodEurocents: number | null;
  /** A later indication of the same client and product follows it (a herindicatie). */
  followedUp: boolean;
};

/** SQL: indication `i` is followed by a later indication of the same client and product (a herindicatie). */
export const FOLLOWED_UP = `EXISTS (SELECT 1 FROM indications f WHERE f.client_id = i.client_id AND f.product_id = i.product_id AND f.id <> i.id AND f.valid_to > i.valid_to)`;

/** Every indication that runs on some day of the period (both dates inclusive). */
export async function indicationFacts(q: Queryable, from: string, to: string): Promise<IndicationFact[]> {
  const rows = await q.query<Omit<IndicationFact, 'periodEurocents'> & { productId: string; frequency: Frequency }>(
    `SELECT i.id, i.client_id AS "clientId", i.wmo_notification_id AS "notificationId", i.product_id AS "productId", p.code AS "productCode",
       p.name AS "productName", p.unit, p.frequency, i.provider_id AS "providerId", pr.name AS "providerName",
       to_char(i.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(i.valid_to, 'YYYY-MM-DD') AS "validTo", i.volume, i.form,
       ${FOLLOWED_UP} AS "followedUp"
     FROM indications i JOIN products p ON p.id = i.product_id JOIN providers pr ON pr.id = i.provider_id
     WHERE i.valid_from <= $2::date AND i.valid_to >= $1::date AND NOT i.withdrawn`, [from, to]);
  const tariffs = new Map<string, readonly Tariff[]>();
  const out: IndicationFact[] = [];
  for (const { productId, frequency, ...r } of rows) {
    const key = `${productId}:${r.providerId}`;
    if (!tariffs.has(key)) tariffs.set(key, await listTariffs(q, productId, r.providerId));
    let periodEurocents: number | null;
    try {
      periodEurocents = indicationCost({ volume: r.volume, unit: r.unit, frequency, tariffs: tariffs.get(key)!,
        period: { from: r.validFrom > from ? r.validFrom : from, to: r.validTo < to ? r.validTo : to } }).eurocents;
    } catch {
      periodEurocents = null;
    }
    out.push({ ...r, periodEurocents });
  }
  return out;
}
