import type { Queryable } from '../../platform/db.ts';
import { listProviders } from '../indications/catalogue-store.ts';
import { DEMO_PROVIDERS } from '../indications/demo.ts';
import { createApiClient } from '../practices/store.ts';

/**
 * The demo provider's system: an API client of Thuiszorg Maasoever for the hub endpoint, so the
 * provider simulator can run against `WEGWIJS_IWMO_TRANSPORT=hub npm start` at once
 * (docs/iwmo.md). Demo only: never in production.
 */
export const DEMO_PROVIDER_CLIENT = { clientId: 'demo-maasoever-zorgsysteem', secret: 'demo-secret-Wegwijs-iWmo-2026' };

export async function seedDemoProviderClient(tx: Queryable) {
  const provider = (await listProviders(tx)).find((p) => p.agbCode === DEMO_PROVIDERS[0].agbCode)!;
  await createApiClient(tx, { providerId: provider.id }, { name: 'Demo zorgsysteem' }, DEMO_PROVIDER_CLIENT);
}
