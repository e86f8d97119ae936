import type { Queryable } from '../../platform/db.ts';
import { createApiClient, createPractice } from './store.ts';

/**
 * The demo GP practice and its API client. The id and secret are printed in the README so a HIS
 * vendor can try the FHIR API against `npm start` at once. Demo only: never in production.
 */
export const DEMO_PRACTICE = { name: 'Huisartsenpraktijk Het Oude Noorden', agbCode: '01234567' };
export const DEMO_API_CLIENT = { clientId: 'demo-his-oude-noorden', secret: 'demo-secret-Wegwijs-FHIR-2026' };
/** The demo GP (Practitioner) who signs the example referrals in test/fixtures/fhir/. */
export const DEMO_GP_AGB = '01012345';

export async function seedDemoPractice(tx: Queryable) {
  const practice = await createPractice(tx, DEMO_PRACTICE);
  await createApiClient(tx, practice.id, { name: 'Demo HIS' }, DEMO_API_CLIENT);
}
