import type { Queryable } from '../../platform/db.ts';
import { conflict, notFound, unprocessable } from '../../platform/errors.ts';
import { updateVersioned } from '../../platform/versioning.ts';
import { dayNumber, type Frequency, type Unit } from './indication-cost.ts';

/**
 * The SQL of providers, their contracts, products and tariffs (migration 110). Periods are
 * inclusive ISO dates; `validTo` null is open-ended.
 */

export type ProductCategory = 'WMO' | 'JZ';
export type Provider = { id: string; name: string; agbCode: string; active: boolean; createdAt: Date; version: number };
export type Contract = { id: string; providerId: string; validFrom: string; validTo: string | null };
export type Product = {
  id: string; category: ProductCategory; code: string; name: string; unit: Unit; frequency: Frequency;
  active: boolean; createdAt: Date; version: number;
};
export type ProductTariff = { id: string; productId: string; contractId: string; providerId: string; validFrom: string; validTo: string | null; eurocents: number };

const PROVIDER_COLS = `id, name, agb_code AS "agbCode", active, created_at AS "createdAt", version`;
const CONTRACT_COLS = `id, provider_id AS "providerId", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo"`;
const PRODUCT_COLS = `id, category, code, name, unit, frequency, active, created_at AS "createdAt", version`;

const providerMissing = () => notFound('Aanbieder niet gevonden / Provider not found');
const productMissing = () => notFound('Product niet gevonden / Product not found');

function rethrowDuplicate(e: unknown, message: string, code: string): never {
  if ((e as { code?: string }).code === '23505') throw conflict(message, code);
  throw e;
}

/** Refuses a period that ends before it starts (the CHECK would give a bare 500). */
function checkPeriod(validFrom: string, validTo: string | null) {
  if (validTo !== null && dayNumber(validTo) < dayNumber(validFrom)) {
    throw unprocessable('De einddatum ligt voor de begindatum / The end date is before the start date', 'validTo', 'period_reversed');
  }
}

const overlaps = (a: { validFrom: string; validTo: string | null }, b: { validFrom: string; validTo: string | null }) =>
  (a.validTo === null || b.validFrom <= a.validTo) && (b.validTo === null || a.validFrom <= b.validTo);

// Providers

export const listProviders = (q: Queryable) => q.query<Provider>(`SELECT ${PROVIDER_COLS} FROM providers ORDER BY name`);

export async function getProvider(q: Queryable, id: string): Promise<Provider> {
  const [p] = await q.query<Provider>(`SELECT ${PROVIDER_COLS} FROM providers WHERE id = $1`, [id]);
  if (!p) throw providerMissing();
  return p;
}

export async function createProvider(tx: Queryable, input: { name: string; agbCode: string }): Promise<Provider> {
  try {
    const [p] = await tx.query<Provider>(`INSERT INTO providers (name, agb_code) VALUES ($1, $2) RETURNING ${PROVIDER_COLS}`, [input.name, input.agbCode]);
    return p!;
  } catch (e) {
    rethrowDuplicate(e, 'Er is al een aanbieder met deze AGB-code / A provider with this AGB code already exists', 'duplicate_agb_code');
  }
}

/** Renames or (de)activates a provider based on `version` (If-Match); 412 with the current provider when stale. */
export function updateProvider(tx: Queryable, id: string, input: { name?: string; active?: boolean }, version: number): Promise<Provider> {
  return updateVersioned(
    async () => (await tx.query<Provider>(
      `UPDATE providers SET name = coalesce($2, name), active = coalesce($3, active), version = version + 1 WHERE id = $1 AND version = $4 RETURNING ${PROVIDER_COLS}`,
      [id, input.name ?? null, input.active ?? null, version]))[0],
    async () => (await tx.query<Provider>(`SELECT ${PROVIDER_COLS} FROM providers WHERE id = $1`, [id]))[0],
    providerMissing);
}

export const listContracts = (q: Queryable, providerId: string) =>
  q.query<Contract>(`SELECT ${CONTRACT_COLS} FROM provider_contracts WHERE provider_id = $1 ORDER BY valid_from`, [providerId]);

export async function createContract(tx: Queryable, providerId: string, input: { validFrom: string; validTo: string | null }): Promise<Contract> {
  await getProvider(tx, providerId);
  checkPeriod(input.validFrom, input.validTo);
  const [c] = await tx.query<Contract>(`INSERT INTO provider_contracts (provider_id, valid_from, valid_to) VALUES ($1, $2, $3) RETURNING ${CONTRACT_COLS}`,
    [providerId, input.validFrom, input.validTo]);
  return c!;
}

// Products

export const listProducts = (q: Queryable) => q.query<Product>(`SELECT ${PRODUCT_COLS} FROM products ORDER BY category, code`);

export async function getProduct(q: Queryable, id: string): Promise<Product> {
  const [p] = await q.query<Product>(`SELECT ${PRODUCT_COLS} FROM products WHERE id = $1`, [id]);
  if (!p) throw productMissing();
  return p;
}

export async function createProduct(tx: Queryable, input: { category: ProductCategory; code: string; name: string; unit: Unit; frequency: Frequency }): Promise<Product> {
  try {
    const [p] = await tx.query<Product>(`INSERT INTO products (category, code, name, unit, frequency) VALUES ($1, $2, $3, $4, $5) RETURNING ${PRODUCT_COLS}`,
      [input.category, input.code, input.name, input.unit, input.frequency]);
    return p!;
  } catch (e) {
    rethrowDuplicate(e, 'Deze productcode bestaat al in deze categorie / This product code already exists in this category', 'duplicate_product_code');
  }
}

/**
 * Renames or (de)activates a product based on `version` (If-Match). Unit and frequency stay:
 * indications and messages already refer to them; a different unit is a new product code.
 */
export function updateProduct(tx: Queryable, id: string, input: { name?: string; active?: boolean }, version: number): Promise<Product> {
  return updateVersioned(
    async () => (await tx.query<Product>(
      `UPDATE products SET name = coalesce($2, name), active = coalesce($3, active), version = version + 1 WHERE id = $1 AND version = $4 RETURNING ${PRODUCT_COLS}`,
      [id, input.name ?? null, input.active ?? null, version]))[0],
    async () => (await tx.query<Product>(`SELECT ${PRODUCT_COLS} FROM products WHERE id = $1`, [id]))[0],
    productMissing);
}

// Tariffs

/** A product's tariffs under every contract (or one provider's contracts), oldest first. */
export const listTariffs = (q: Queryable, productId: string, providerId?: string) => q.query<ProductTariff>(
  `SELECT t.id, t.product_id AS "productId", t.contract_id AS "contractId", c.provider_id AS "providerId",
     to_char(t.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(t.valid_to, 'YYYY-MM-DD') AS "validTo", t.eurocents
   FROM product_tariffs t JOIN provider_contracts c ON c.id = t.contract_id
   WHERE t.product_id = $1 AND ($2::uuid IS NULL OR c.provider_id = $2) ORDER BY c.provider_id, t.valid_from`, [productId, providerId ?? null]);

/**
 * Adds a tariff of a product under a contract. It must lie inside the contract's period and may
 * not overlap another tariff of the same product under the same contract (each day has one
 * price); the product row is locked so two concurrent additions cannot both pass the check.
 */
export async function addTariff(tx: Queryable, productId: string,
  input: { contractId: string; validFrom: string; validTo: string | null; eurocents: number }): Promise<ProductTariff> {
  const [locked] = await tx.query(`SELECT id FROM products WHERE id = $1 FOR UPDATE`, [productId]);
  if (!locked) throw productMissing();
  checkPeriod(input.validFrom, input.validTo);
  const [contract] = await tx.query<Contract>(`SELECT ${CONTRACT_COLS} FROM provider_contracts WHERE id = $1`, [input.contractId]);
  if (!contract) throw unprocessable('Contract niet gevonden / Contract not found', 'contractId', 'unknown_contract');
  const insideContract = input.validFrom >= contract.validFrom
    && (contract.validTo === null || (input.validTo !== null && input.validTo <= contract.validTo));
  if (!insideContract) {
    throw unprocessable(`Het tarief valt buiten de looptijd van het contract (${contract.validFrom} – ${contract.validTo ?? '…'}) / The tariff lies outside the contract period`,
      'validFrom', 'tariff_outside_contract');
  }
  const existing = (await listTariffs(tx, productId)).filter((t) => t.contractId === input.contractId);
  const clash = existing.find((t) => overlaps(t, input));
  if (clash) {
    throw conflict(`Er geldt al een tarief van ${clash.validFrom} tot ${clash.validTo ?? '…'} / A tariff already applies from ${clash.validFrom} to ${clash.validTo ?? '…'}`,
      'tariff_overlap', { tariffId: clash.id });
  }
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO product_tariffs (product_id, contract_id, valid_from, valid_to, eurocents) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [productId, input.contractId, input.validFrom, input.validTo, input.eurocents]);
  return (await listTariffs(tx, productId)).find((t) => t.id === row!.id)!;
}
