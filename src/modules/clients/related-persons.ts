import type { Queryable } from '../../platform/db.ts';
import type { RelatedPerson } from './schemas.ts';

/** Adds one related person (representative, informal carer, household member) to a client, in the caller's transaction; returns its id. */
export async function insertRelatedPerson(tx: Queryable, clientId: string, p: RelatedPerson): Promise<string> {
  const [row] = await tx.query<{ id: string }>(`INSERT INTO client_persons (client_id, kind, role, name, birth_date, phone, email, related_client_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
    [clientId, p.kind, p.role ?? null, p.name, p.birthDate ?? null, p.phone ?? null, p.email ?? null, p.relatedClientId ?? null]);
  return row!.id;
}

/**
 * Adds a related person named by someone outside the team (e.g. the legal representative in a GP
 * referral) unless the record already has a person of that name; never changes the record's own
 * people. Returns whether the person was added.
 */
export async function addRelatedPersonUnlessKnown(tx: Queryable, clientId: string, p: RelatedPerson): Promise<boolean> {
  const known = await tx.query('SELECT 1 FROM client_persons WHERE client_id = $1 AND lower(name) = lower($2)', [clientId, p.name]);
  if (known.length > 0) return false;
  await insertRelatedPerson(tx, clientId, p);
  return true;
}

/**
 * The related persons of one client of one kind (name and role), in the caller's transaction; the
 * caller has done the access check. Only what the client's own record names: a minor's letter is
 * addressed to the representatives in the child's file, never read from a parent's file.
 */
export const relatedPersonsOf = (q: Queryable, clientId: string, kind: RelatedPerson['kind']) => q.query<{ name: string; role: string | null }>(
  'SELECT name, role FROM client_persons WHERE client_id = $1 AND kind = $2 ORDER BY created_at, id', [clientId, kind]);
