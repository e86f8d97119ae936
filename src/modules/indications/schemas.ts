/** Request and response shapes of the provider and product catalogue API. Pure (zod only): the UI may import them. */
import { z } from 'zod';
import { dayNumber, FREQUENCY_NAMES, UNIT_NAMES } from './indication-cost.ts';

export const AgbCode = z.string().trim().regex(/^[0-9]{8}$/, 'AGB-code is 8 cijfers / AGB code is 8 digits');
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-DD / Date as YYYY-MM-DD')
  .refine((s) => { try { dayNumber(s); return true; } catch { return false; } }, 'Geen bestaande datum / Not an existing date');
export const ProductCategory = z.enum(['WMO', 'JZ']);
export const Unit = z.enum(UNIT_NAMES as [string, ...string[]]);
export const Frequency = z.enum(FREQUENCY_NAMES as [string, ...string[]]);

const version = z.number().int().describe('Send it back in If-Match when changing the record (docs/architecture.md "Versions and If-Match")');

export const Provider = z.object({ id: z.uuid(), name: z.string(), agbCode: z.string(), active: z.boolean(), createdAt: z.date(), version });
export const Contract = z.object({ id: z.uuid(), providerId: z.uuid(), validFrom: z.string(), validTo: z.string().nullable() });
export const ProviderWithContracts = Provider.extend({ contracts: z.array(Contract) });
export const Product = z.object({
  id: z.uuid(), category: ProductCategory, code: z.string(), name: z.string(), unit: Unit, frequency: Frequency,
  active: z.boolean(), createdAt: z.date(), version,
});
export const Tariff = z.object({
  id: z.uuid(), productId: z.uuid(), contractId: z.uuid(), providerId: z.uuid(), validFrom: z.string(), validTo: z.string().nullable(),
  eurocents: z.number().int().describe('Per unit, in eurocents'),
});
export const ProductWithTariffs = Product.extend({ tariffs: z.array(Tariff) });

const Name = z.string().trim().min(2).max(200);
export const ProviderCreate = z.object({ name: Name, agbCode: AgbCode });
export const RecordUpdate = z.object({ name: Name.optional(), active: z.boolean().optional() });
export const ContractCreate = z.object({ validFrom: IsoDate, validTo: IsoDate.nullable().default(null) });
export const ProductCreate = z.object({
  category: ProductCategory, code: z.string().trim().toUpperCase().regex(/^[0-9A-Z]{5}$/, 'Productcode is 5 tekens / Product code is 5 characters'),
  name: Name, unit: Unit, frequency: Frequency,
});
export const TariffCreate = z.object({
  contractId: z.uuid(), validFrom: IsoDate, validTo: IsoDate.nullable().default(null),
  eurocents: z.number().int().min(0).max(100_000_000),
});

export const IndicationCreate = z.object({
  notificationId: z.uuid().describe('The Wmo melding whose granting decision this indication carries out'),
  productId: z.uuid(), providerId: z.uuid(), volume: z.number().int().min(1).max(100_000),
  validFrom: IsoDate, validTo: IsoDate, form: z.enum(['ZIN', 'PGB']),
});
export const Indication = z.object({
  id: z.uuid(), clientId: z.uuid(), notificationId: z.uuid(), productId: z.uuid(), productCode: z.string(), unit: Unit, frequency: Frequency,
  providerId: z.uuid(), providerAgbCode: z.string(), volume: z.number().int(), validFrom: z.string(), validTo: z.string(), form: z.enum(['ZIN', 'PGB']),
  version,
  withdrawn: z.boolean().describe('Withdrawn as wrongly given (iWmo RedenWijziging 13); its end date equals its start'),
  follows: z.uuid().nullable().describe('The indication this one replaces from its start (a changed product, volume or provider)'),
  cost: z.object({
    eurocents: z.number().int().describe('volume × tariff over the period, pro rata per day (indication-cost.ts)'),
    units: z.number(), uncovered: z.array(z.object({ from: z.string(), to: z.string() })).describe('Days without a tariff, not priced'),
  }).nullable(),
});

/** An indication on the client's page: with the product and provider by name and what the provider reported (iWmo 305/307). */
export const ClientIndication = Indication.extend({
  productName: z.string(), providerName: z.string(),
  startedOn: z.string().nullable().describe('Start of care as the provider reported it (305)'),
  stoppedOn: z.string().nullable().describe('End of care as the provider reported it (307)'),
});

/** A changed decision: the end date in place, or product, volume or provider from `changeFrom` (a new indication follows). */
export const IndicationChange = z.object({
  volume: z.number().int().min(1).max(100_000).optional(), productId: z.uuid().optional(), providerId: z.uuid().optional(),
  validTo: IsoDate.optional(),
  changeFrom: IsoDate.optional().describe('First day of the new product, volume or provider; the indication ends the day before'),
  reason: z.string().trim().min(3).max(1000).describe('Why the decision changed'),
});
export const IndicationWithdrawal = z.object({ reason: z.string().trim().min(3).max(1000) });

export const IndicationVersion = z.object({
  version: z.number().int(), productId: z.uuid(), productCode: z.string(), providerId: z.uuid(), providerName: z.string(), volume: z.number().int(),
  validFrom: z.string(), validTo: z.string(), form: z.enum(['ZIN', 'PGB']), withdrawn: z.boolean(),
  change: z.enum(['created', 'extended', 'shortened', 'withdrawn', 'product_changed', 'volume_changed', 'provider_changed']),
  reason: z.string(), changedBy: z.uuid().nullable(), changedByName: z.string().nullable(), changedAt: z.date(),
});
