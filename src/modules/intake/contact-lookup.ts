import type { Queryable } from '../../platform/db.ts';
import type { ContactOutcome } from './contact-outcome.ts';

/** The outcome of each contact, by id, for modules that follow up on one (the portal shows it to the citizen). */
export async function contactOutcomes(q: Queryable, contactIds: readonly string[]): Promise<Map<string, ContactOutcome>> {
  if (contactIds.length === 0) return new Map();
  const rows = await q.query<{ id: string; outcome: ContactOutcome }>('SELECT id, outcome FROM contacts WHERE id = ANY($1::uuid[])', [[...contactIds]]);
  return new Map(rows.map((r) => [r.id, r.outcome]));
}

export type ContactRecord = { id: string; clientId: string | null; teamId: string; registeredBy: string | null; question: string; channel: string;
  urgency: string; lifeDomains: string[]; outcome: ContactOutcome; contactedAt: Date };

/** One contact as registered, for the module that follows up on it (the safety record shows the sealed text). */
export async function findContact(q: Queryable, id: string): Promise<ContactRecord | null> {
  const [r] = await q.query<ContactRecord>(
    `SELECT id, client_id AS "clientId", team_id AS "teamId", registered_by AS "registeredBy", question, channel, urgency,
       life_domains AS "lifeDomains", outcome, contacted_at AS "contactedAt" FROM contacts WHERE id = $1`, [id]);
  return r ?? null;
}
