import type { Store } from '../../platform/store.ts';
import type { Queryable } from '../../platform/db.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { conflict, notFound, unprocessable } from '../../platform/errors.ts';
import { decisionOf } from '../wmo/decision-of.ts';
import { getProduct, getProvider, listTariffs } from './catalogue-store.ts';
import { deliveryOf } from './delivery-store.ts';
import { dayNumber, indicationCost } from './indication-cost.ts';

export type DeliveryForm = 'ZIN' | 'PGB';
export type IndicationInput = { notificationId: string; productId: string; providerId: string; volume: number; validFrom: string; validTo: string; form: DeliveryForm };
export type IndicationView = {
  id: string; clientId: string; notificationId: string; productId: string; productCode: string; unit: string; frequency: string;
  providerId: string; providerAgbCode: string; volume: number; validFrom: string; validTo: string; form: DeliveryForm; version: number;
  /** Computed on read (indication-cost.ts) from the provider's tariffs; `uncovered` lists days without a tariff; null when tariffs overlap. */
  cost: { eurocents: number; units: number; uncovered: { from: string; to: string }[] } | null;
};

const COLS = `id, client_id AS "clientId", wmo_notification_id AS "notificationId", product_id AS "productId", provider_id AS "providerId", volume,
  to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo", form, version`;
type Row = Omit<IndicationView, 'productCode' | 'unit' | 'frequency' | 'providerAgbCode' | 'cost'>;

/** Only a granted (or partly granted) decision assigns care. */
const GRANTING = ['granted', 'partly_granted'];

async function view(tx: Queryable, row: Row): Promise<IndicationView> {
  const [product, provider] = [await getProduct(tx, row.productId), await getProvider(tx, row.providerId)];
  const tariffs = await listTariffs(tx, row.productId, row.providerId);
  let cost: IndicationView['cost'] = null;
  try {
    cost = indicationCost({ volume: row.volume, unit: product.unit, frequency: product.frequency, period: { from: row.validFrom, to: row.validTo }, tariffs });
  } catch {
    cost = null; // overlapping tariffs under two contracts of one provider: no single price, so no cost shown
  }
  return { ...row, productCode: product.code, unit: product.unit, frequency: product.frequency, providerAgbCode: provider.agbCode, cost };
}

/** Indications through the request's Store: need-to-know on the client, an audit row per read and change. */
export function indicationStore(store: Store) {
  const op = (action: string, details: Record<string, unknown>) => ({ action, activity: ProcessingActivity.WmoAccess, details });
  const clientOf = async (id: string) => {
    const [r] = await store.db.query<{ clientId: string }>('SELECT client_id AS "clientId" FROM indications WHERE id = $1', [id]);
    if (!r) throw notFound('Indicatie niet gevonden / Indication not found');
    return r.clientId;
  };
  return {
    create: async (input: IndicationInput) => {
      const decision = await decisionOf(store.db, input.notificationId);
      if (!decision) throw unprocessable('Melding niet gevonden / Wmo notification not found', 'notificationId', 'unknown_notification');
      return store.changeClient(decision.clientId, op('indication.create', { notificationId: input.notificationId }), async (tx) => {
        const now = await decisionOf(tx, input.notificationId);
        if (!now?.outcome || !GRANTING.includes(now.outcome)) {
          throw conflict('Er is (nog) geen toekennende beschikking op deze melding / This melding has no granting decision (yet)', 'decision_not_granted');
        }
        if (dayNumber(input.validTo) < dayNumber(input.validFrom)) {
          throw unprocessable('De einddatum ligt voor de begindatum / The end date is before the start date', 'validTo', 'period_reversed');
        }
        const provider = await getProvider(tx, input.providerId).catch(() => null);
        if (!provider?.active) throw unprocessable('Onbekende of inactieve aanbieder / Unknown or inactive provider', 'providerId', 'unknown_provider');
        const product = await getProduct(tx, input.productId).catch(() => null);
        if (!product?.active || product.category !== 'WMO') throw unprocessable('Onbekend of inactief Wmo-product / Unknown or inactive Wmo product', 'productId', 'unknown_product');
        const [row] = await tx.query<Row>(
          `INSERT INTO indications (client_id, wmo_notification_id, product_id, provider_id, volume, valid_from, valid_to, form, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLS}`,
          [now.clientId, input.notificationId, input.productId, input.providerId, input.volume, input.validFrom, input.validTo, input.form, store.ctx.actor.id]);
        return view(tx, row!);
      });
    },
    /** Every indication of a client, newest first, with names and the provider's start and stop. */
    ofClient: (clientId: string) => store.readClient(clientId, op('indication.list', { clientId }), async (tx) => {
      const rows = await tx.query<Row>(`SELECT ${COLS} FROM indications WHERE client_id = $1 ORDER BY valid_from DESC, created_at DESC`, [clientId]);
      return Promise.all(rows.map(async (row) => {
        const v = await view(tx, row);
        const [product, provider, delivery] = [await getProduct(tx, row.productId), await getProvider(tx, row.providerId), await deliveryOf(tx, row.id)];
        return { ...v, productName: product.name, providerName: provider.name, startedOn: delivery.startedOn, stoppedOn: delivery.stoppedOn };
      }));
    }),
    get: async (id: string) => store.readClient(await clientOf(id), op('indication.read', { indicationId: id }), async (tx) => {
      const [row] = await tx.query<Row>(`SELECT ${COLS} FROM indications WHERE id = $1`, [id]);
      return view(tx, row!);
    }),
  };
}
