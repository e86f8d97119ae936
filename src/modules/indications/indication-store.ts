import type { Store } from '../../platform/store.ts';
import type { Queryable } from '../../platform/db.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { conflict, notFound, unprocessable } from '../../platform/errors.ts';
import { versionConflict } from '../../platform/versioning.ts';
import { userNames } from '../../platform/auth/users.ts';
import { addDays } from '../legal-terms/legal-terms.ts';
import { decisionOf } from '../wmo/decision-of.ts';
import { getProduct, getProvider, listTariffs } from './catalogue-store.ts';
import { deliveryOf } from './delivery-store.ts';
import { dayNumber, indicationCost } from './indication-cost.ts';

export type DeliveryForm = 'ZIN' | 'PGB';
export type IndicationInput = { notificationId: string; productId: string; providerId: string; volume: number; validFrom: string; validTo: string; form: DeliveryForm };
export type IndicationView = {
  id: string; clientId: string; notificationId: string; productId: string; productCode: string; unit: string; frequency: string;
  providerId: string; providerAgbCode: string; volume: number; validFrom: string; validTo: string; form: DeliveryForm; version: number;
  /** Withdrawn as wrongly given (its end date then equals its start); counts for nothing. */
  withdrawn: boolean;
  /** The indication this one replaces from its start (a change of product, volume or provider). */
  follows: string | null;
  /** Computed on read (indication-cost.ts) from the provider's tariffs; `uncovered` lists days without a tariff; null when tariffs overlap. */
  cost: { eurocents: number; units: number; uncovered: { from: string; to: string }[] } | null;
};

const COLS = `id, client_id AS "clientId", wmo_notification_id AS "notificationId", product_id AS "productId", provider_id AS "providerId", volume,
  to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo", form, version, withdrawn, follows`;
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

/** Why a version was made (migration 302). */
export const IndicationChangeKind = {
  Created: 'created', Extended: 'extended', Shortened: 'shortened', Withdrawn: 'withdrawn',
  ProductChanged: 'product_changed', VolumeChanged: 'volume_changed', ProviderChanged: 'provider_changed',
} as const;
export type IndicationChangeKind = (typeof IndicationChangeKind)[keyof typeof IndicationChangeKind];

/** A decision changes an indication: its end date in place, or its product, volume or provider from `changeFrom` (a new indication follows). */
export type IndicationChange = { volume?: number; productId?: string; providerId?: string; validTo?: string; changeFrom?: string; reason: string };

export type IndicationVersion = {
  version: number; productId: string; productCode: string; providerId: string; providerName: string; volume: number; validFrom: string; validTo: string;
  form: DeliveryForm; withdrawn: boolean; change: IndicationChangeKind; reason: string; changedBy: string | null; changedByName: string | null; changedAt: Date;
};

/** Appends the indication's current values as a version, with what changed, why, who. */
async function recordVersion(tx: Queryable, row: Row, change: IndicationChangeKind, reason: string, by: string | null) {
  await tx.query(
    `INSERT INTO indication_versions (indication_id, version, product_id, provider_id, volume, valid_from, valid_to, form, withdrawn, change, reason, changed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [row.id, row.version, row.productId, row.providerId, row.volume, row.validFrom, row.validTo, row.form, row.withdrawn, change, reason, by]);
}

/** The latest change of each of these indications (for the iWmo RedenWijziging of the next 301). */
export async function lastChanges(q: Queryable, ids: readonly string[]): Promise<Map<string, IndicationChangeKind>> {
  if (!ids.length) return new Map();
  const rows = await q.query<{ id: string; change: IndicationChangeKind }>(
    `SELECT DISTINCT ON (indication_id) indication_id AS id, change FROM indication_versions WHERE indication_id = ANY($1::uuid[]) ORDER BY indication_id, version DESC`, [[...ids]]);
  return new Map(rows.map((r) => [r.id, r.change]));
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
        await recordVersion(tx, row!, IndicationChangeKind.Created, 'Beschikking / Decision', store.ctx.actor.id);
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
    /**
     * A changed decision (If-Match: the version it is based on). Only the end date: the indication
     * itself changes (extended / shortened). Product, volume or provider: from `changeFrom` a new
     * indication follows it and this one ends the day before — an iWmo assignment never changes
     * those (docs/iwmo.md). Every change keeps the version it made, with who, when and why.
     */
    change: async (id: string, input: IndicationChange, ifMatch: number) =>
      store.changeClient(await clientOf(id), op('indication.change', { indicationId: id, fields: Object.keys(input).filter((k) => k !== 'reason') }), async (tx) => {
        const [row] = await tx.query<Row>(`SELECT ${COLS} FROM indications WHERE id = $1 FOR UPDATE`, [id]);
        if (row!.version !== ifMatch) throw versionConflict(row!.version, await view(tx, row!));
        if (row!.withdrawn) throw conflict('Deze indicatie is ingetrokken / This indication was withdrawn', 'indication_withdrawn');
        const [successor] = await tx.query<{ id: string }>('SELECT id FROM indications WHERE follows = $1', [id]);
        if (successor) throw conflict('Deze indicatie is al vervangen; wijzig de opvolger / Already replaced; change its successor', 'indication_replaced');
        const by = store.ctx.actor.id;
        const kind = input.providerId && input.providerId !== row!.providerId ? IndicationChangeKind.ProviderChanged
          : input.productId && input.productId !== row!.productId ? IndicationChangeKind.ProductChanged
            : input.volume !== undefined && input.volume !== row!.volume ? IndicationChangeKind.VolumeChanged : null;
        const validTo = input.validTo ?? row!.validTo;
        if (!kind) {
          if (validTo === row!.validTo) throw unprocessable('Er verandert niets / Nothing changes', 'validTo', 'nothing_changed');
          if (validTo < row!.validFrom) throw unprocessable('De einddatum ligt voor de begindatum / The end date is before the start date', 'validTo', 'period_reversed');
          const [changed] = await tx.query<Row>(`UPDATE indications SET valid_to = $2, version = version + 1 WHERE id = $1 RETURNING ${COLS}`, [id, validTo]);
          await recordVersion(tx, changed!, validTo > row!.validTo ? IndicationChangeKind.Extended : IndicationChangeKind.Shortened, input.reason, by);
          return view(tx, changed!);
        }
        const from = input.changeFrom;
        if (!from) throw unprocessable('Vanaf welke datum geldt de wijziging? / From which date does the change apply?', 'changeFrom', 'change_from_required');
        if (from <= row!.validFrom || from > row!.validTo) {
          throw unprocessable(`De wijziging moet ingaan na ${row!.validFrom} en uiterlijk op ${row!.validTo} / must start inside the indication, after its first day`, 'changeFrom', 'change_from_outside_period');
        }
        if (validTo < from) throw unprocessable('De einddatum ligt voor de ingangsdatum van de wijziging / The end date is before the change', 'validTo', 'period_reversed');
        const providerId = input.providerId ?? row!.providerId;
        const productId = input.productId ?? row!.productId;
        const provider = await getProvider(tx, providerId).catch(() => null);
        if (!provider?.active) throw unprocessable('Onbekende of inactieve aanbieder / Unknown or inactive provider', 'providerId', 'unknown_provider');
        const product = await getProduct(tx, productId).catch(() => null);
        if (!product?.active || product.category !== 'WMO') throw unprocessable('Onbekend of inactief Wmo-product / Unknown or inactive Wmo product', 'productId', 'unknown_product');
        const [ended] = await tx.query<Row>(`UPDATE indications SET valid_to = $2, version = version + 1 WHERE id = $1 RETURNING ${COLS}`, [id, addDays(from, -1)]);
        await recordVersion(tx, ended!, kind, input.reason, by);
        const [next] = await tx.query<Row>(
          `INSERT INTO indications (client_id, wmo_notification_id, product_id, provider_id, volume, valid_from, valid_to, form, created_by, follows)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLS}`,
          [row!.clientId, row!.notificationId, productId, providerId, input.volume ?? row!.volume, from, validTo, row!.form, by, id]);
        await recordVersion(tx, next!, IndicationChangeKind.Created, input.reason, by);
        return view(tx, next!);
      }),
    /** Withdrawn as wrongly given (iWmo RedenWijziging 13): its end date becomes its start date and it counts for nothing. */
    withdraw: async (id: string, reason: string, ifMatch: number) =>
      store.changeClient(await clientOf(id), op('indication.withdraw', { indicationId: id }), async (tx) => {
        const [row] = await tx.query<Row>(`SELECT ${COLS} FROM indications WHERE id = $1 FOR UPDATE`, [id]);
        if (row!.version !== ifMatch) throw versionConflict(row!.version, await view(tx, row!));
        if (row!.withdrawn) throw conflict('Deze indicatie is al ingetrokken / Already withdrawn', 'indication_withdrawn');
        if ((await deliveryOf(tx, id)).startedOn) {
          throw conflict('De aanbieder is al gestart; verkort de indicatie in plaats van haar in te trekken / Care has started: shorten it instead', 'delivery_started');
        }
        const [changed] = await tx.query<Row>(`UPDATE indications SET valid_to = valid_from, withdrawn = true, version = version + 1 WHERE id = $1 RETURNING ${COLS}`, [id]);
        await recordVersion(tx, changed!, IndicationChangeKind.Withdrawn, reason, store.ctx.actor.id);
        return view(tx, changed!);
      }),
    /** Every version of an indication, oldest first: the values, what changed, why, who and when. */
    versions: async (id: string) => store.readClient(await clientOf(id), op('indication.versions.read', { indicationId: id }), async (tx) => {
      const rows = await tx.query<Omit<IndicationVersion, 'productCode' | 'providerName' | 'changedByName'>>(
        `SELECT version, product_id AS "productId", provider_id AS "providerId", volume, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
           to_char(valid_to, 'YYYY-MM-DD') AS "validTo", form, withdrawn, change, reason, changed_by AS "changedBy", changed_at AS "changedAt"
         FROM indication_versions WHERE indication_id = $1 ORDER BY version`, [id]);
      const names = await userNames(tx, rows.map((r) => r.changedBy).filter((u): u is string => !!u));
      return Promise.all(rows.map(async (r) => ({
        ...r, productCode: (await getProduct(tx, r.productId)).code, providerName: (await getProvider(tx, r.providerId)).name, changedByName: r.changedBy ? names.get(r.changedBy) ?? null : null,
      })));
    }),
    get: async (id: string) => store.readClient(await clientOf(id), op('indication.read', { indicationId: id }), async (tx) => {
      const [row] = await tx.query<Row>(`SELECT ${COLS} FROM indications WHERE id = $1`, [id]);
      return view(tx, row!);
    }),
  };
}
