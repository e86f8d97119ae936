import type { Db } from '../../platform/db.ts';
import type { JobRunner } from '../../platform/jobs.ts';
import { ContactOutcome } from '../intake/contact-outcome.ts';
import { findContact } from '../intake/contact-lookup.ts';
import { postcodeTeamOf } from '../intake/contact-store.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';
import { openSafetyRecord } from './safety-store.ts';

/**
 * Job queued by earlier versions for each safety signal (payload { clientId, contactId }); nothing
 * handled it. A signal now opens its record in the contact's own transaction and queues no job;
 * this handler only opens the record of a job still queued (an older instance during an upgrade),
 * and does nothing when the record exists, so no such job stays queued.
 */
export const SAFETY_SIGNAL_REGISTERED = 'safety.signal_registered';

export function registerSafetyJobs(jobs: JobRunner, db: Db) {
  jobs.register(SAFETY_SIGNAL_REGISTERED, async (payload) => {
    await db.transaction(async (tx) => {
      const contact = await findContact(tx, String(payload.contactId));
      if (!contact?.clientId || contact.outcome !== ContactOutcome.SafetySignal) return;
      await openSafetyRecord(tx, { clientId: contact.clientId, contactId: contact.id, registeredBy: contact.registeredBy, registeringTeamId: contact.teamId,
        teamId: await postcodeTeamOf(tx, contact.clientId), on: amsterdamDate(contact.contactedAt) });
    });
  });
}
