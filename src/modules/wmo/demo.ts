import type { Queryable } from '../../platform/db.ts';
import { findUserIdByUsername } from '../../platform/auth/users.ts';
import { createMandate } from './decision-store.ts';

/** Demo mandates: the Wmo adviser signs up to € 5.000 per provision, the team lead up to € 50.000. Demo only. */
export async function seedDemoMandates(tx: Queryable) {
  for (const [username, maxEurocents] of [['wmo', 500_000], ['jeugd', 500_000], ['teamleider', 5_000_000]] as const) {
    const userId = await findUserIdByUsername(tx, username);
    if (userId) await createMandate(tx, { userId, productId: null, maxEurocents }, null);
  }
}
