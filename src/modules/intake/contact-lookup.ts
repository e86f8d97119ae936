import type { Queryable } from '../../platform/db.ts';
import type { ContactOutcome } from './contact-outcome.ts';

/** The outcome of each contact, by id, for modules that follow up on one (the portal shows it to the citizen). */
export async function contactOutcomes(q: Queryable, contactIds: readonly string[]): Promise<Map<string, ContactOutcome>> {
  if (contactIds.length === 0) return new Map();
  const rows = await q.query<{ id: string; outcome: ContactOutcome }>('SELECT id, outcome FROM contacts WHERE id = ANY($1::uuid[])', [[...contactIds]]);
  return new Map(rows.map((r) => [r.id, r.outcome]));
}
