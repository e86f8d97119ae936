import type { Queryable } from '../../platform/db.ts';
import { addTariff, createContract, createProduct, createProvider } from './catalogue-store.ts';

/** Demo providers (AGB codes made up), each with a contract for 2026 onward. Demo only. */
export const DEMO_PROVIDERS = [
  { name: 'Thuiszorg Maasoever', agbCode: '98010001' },
  { name: 'Begeleiding Rijnmond', agbCode: '98010002' },
] as const;

/** A few Wmo products; tariffs in eurocents per unit, with a rise on 1 July 2026 to show a tariff change. */
const DEMO_PRODUCTS = [
  { code: '01A01', name: 'Hulp bij het huishouden', unit: 'hour', frequency: 'week', tariffs: [3150, 3250] },
  { code: '02A01', name: 'Begeleiding individueel', unit: 'hour', frequency: 'week', tariffs: [6200, 6400] },
  { code: '07A01', name: 'Dagbesteding', unit: 'dagdeel', frequency: 'week', tariffs: [4100, 4200] },
] as const;

/** A few youth care (Jeugdwet, category JZ) products, for decisions on Jeugdwet meldingen; same tariff pattern. Codes made up. */
const DEMO_YOUTH_PRODUCTS = [
  { code: '45A01', name: 'Jeugdhulp ambulant individueel', unit: 'hour', frequency: 'week', tariffs: [8200, 8450] },
  { code: '45A02', name: 'Jeugdhulp ambulant gezin', unit: 'hour', frequency: 'week', tariffs: [8900, 9150] },
  { code: '47A01', name: 'Jeugdhulp dagbehandeling', unit: 'dagdeel', frequency: 'week', tariffs: [9800, 10100] },
] as const;

export async function seedDemoProviders(tx: Queryable) {
  const contracts = [];
  for (const p of DEMO_PROVIDERS) {
    const provider = await createProvider(tx, p);
    contracts.push(await createContract(tx, provider.id, { validFrom: '2026-01-01', validTo: null }));
  }
  const products = [...DEMO_PRODUCTS.map((p) => ({ ...p, category: 'WMO' as const })), ...DEMO_YOUTH_PRODUCTS.map((p) => ({ ...p, category: 'JZ' as const }))];
  for (const p of products) {
    const product = await createProduct(tx, { category: p.category, code: p.code, name: p.name, unit: p.unit, frequency: p.frequency });
    for (const contract of contracts) {
      await addTariff(tx, product.id, { contractId: contract.id, validFrom: '2026-01-01', validTo: '2026-06-30', eurocents: p.tariffs[0] });
      await addTariff(tx, product.id, { contractId: contract.id, validFrom: '2026-07-01', validTo: null, eurocents: p.tariffs[1] });
    }
  }
}
