import type { Queryable } from '../../platform/db.ts';
import { normalisePostcode } from '../org/postcode.ts';
import type { Address } from './schemas.ts';

/**
 * Gives a client without an address the one the desk heard (a citizen who asked through the
 * digital channel has a record without one), in the caller's transaction. A record that already
 * has an address, or says "no fixed address", keeps it: changing an address is the record form's job.
 * Returns whether the address was set.
 */
export async function setAddressIfMissing(tx: Queryable, clientId: string, a: Address): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE clients SET postcode = $2, house_number = $3, house_number_addition = $4, street = $5, city = $6, updated_at = now(), version = version + 1
     WHERE id = $1 AND postcode IS NULL AND NOT no_fixed_address RETURNING id`,
    [clientId, normalisePostcode(a.postcode), a.houseNumber, a.houseNumberAddition ?? null, a.street ?? null, a.city ?? null]);
  return rows.length > 0;
}
