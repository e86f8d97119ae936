import type { Queryable } from '../../platform/db.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { Store } from '../../platform/store.ts';
import { closingOutcomeOfReferral } from '../casework/referral-trajectory.ts';
import { addConsent, ConsentPurpose, hasConsent } from '../clients/consent.ts';
import { markSafetySignal } from '../clients/safety-signal.ts';
import { clientSummaries, findClientIdByBsn, insertClient } from '../clients/store.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';
import { firstActiveDesk, lookupPostcode } from '../org/store.ts';
import type { ApiCaller } from '../practices/store.ts';
import { getPractice } from '../practices/store.ts';
import { createReferral, findReferralSummary, getReferral } from '../referrals/referral-store.ts';
import { partnerIdOfPractice } from '../network/store.ts';
import type { ReferralIdentity, SentData } from '../referrals/schemas.ts';
import { recordSentData } from '../referrals/sent-data.ts';
import { receiveYouthReferral, YOUTH_DESK_TYPE } from '../wmo/notification-store.ts';
import { type GpReferral, matchesRecord } from './gp-referral.ts';
import { fhirError } from './operation-outcome.ts';
import type { TaskSource } from './task.ts';

/** The SQL of the FHIR module. Client data is touched only inside a Store transaction (audit in the same transaction). */

export type ServiceRequestRow = {
  id: string; practiceId: string; practiceName: string; practiceAgbCode: string; identifierSystem: string; identifierValue: string;
  referralId: string | null; authoredOn: Date | null; createdAt: Date;
};

const ROW = `SELECT s.id, s.practice_id AS "practiceId", s.identifier_system AS "identifierSystem",
  s.identifier_value AS "identifierValue", s.referral_id AS "referralId", s.authored_on AS "authoredOn",
  s.created_at AS "createdAt"
  FROM fhir_service_requests s`;
type OwnRow = Omit<ServiceRequestRow, 'practiceName' | 'practiceAgbCode'>;

/** The practice's name and AGB code come from the practices module. */
async function withPractice(q: Queryable, row: OwnRow | undefined): Promise<ServiceRequestRow | null> {
  if (!row) return null;
  const p = await getPractice(q, row.practiceId);
  return { ...row, practiceName: p.name, practiceAgbCode: p.agbCode };
}

/** A ServiceRequest of this practice; another practice's id is simply not found (no existence leak). */
export async function findServiceRequest(q: Queryable, practiceId: string, id: string): Promise<ServiceRequestRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await q.query<OwnRow>(`${ROW} WHERE s.id = $1 AND s.practice_id = $2 AND s.referral_id IS NOT NULL`, [id, practiceId]);
  return withPractice(q, row);
}

export async function findByIdentifier(q: Queryable, practiceId: string, system: string, value: string): Promise<ServiceRequestRow | null> {
  const [row] = await q.query<OwnRow>(
    `${ROW} WHERE s.practice_id = $1 AND s.identifier_system = $2 AND s.identifier_value = $3 AND s.referral_id IS NOT NULL`, [practiceId, system, value]);
  return withPractice(q, row);
}

/**
 * Match by BSN (following a merge to the surviving record), or register the client from the referral.
 * A record the BSN finds is never changed here (issue 14 item 6): its surname and birth date must
 * match what the GP sent, else the team reviews the referral; what the GP sent stays on the
 * referral until a team member takes it over (referrals/take-over.ts).
 */
async function matchOrCreateClient(tx: Queryable, p: GpReferral['patient'], representative: GpReferral['representative']): Promise<{ clientId: string; identity: ReferralIdentity }> {
  const found = await findClientIdByBsn(tx, p.bsn);
  if (found) {
    const record = (await clientSummaries(tx, [found])).get(found)!;
    return { clientId: found, identity: matchesRecord(p, record) ? 'matched' : 'mismatch' };
  }
  const person = representative ? { kind: 'representative' as const, role: representative.role, name: representative.name, birthDate: representative.birthDate, phone: representative.phone } : null;
  // A GP knows the BSN for certain (Wet BSN-z), so a namesake without BSN is no reason to stop: the team can merge later.
  const clientId = await insertClient(tx, {
    bsn: p.bsn, firstNames: p.firstNames, surnamePrefix: p.surnamePrefix, surname: p.surname, nameUsage: 'E', birthDate: p.birthDate, gender: p.gender,
    address: { postcode: p.postcode, houseNumber: p.houseNumber, houseNumberAddition: p.houseNumberAddition, street: p.street, city: p.city },
    noFixedAddress: false, phone: p.phone, email: p.email, communicationNeeds: [], persons: person ? [person] : [],
  }, { userId: null, teamId: null, reason: 'gp_referral' }, true);
  return { clientId, identity: 'registered' };
}

/** What the GP sent about the person, as the referral keeps it. */
const sentDataOf = (r: GpReferral, recipient: string): SentData => ({
  patient: { name: [r.patient.firstNames, r.patient.surnamePrefix, r.patient.surname].filter(Boolean).join(' '), birthDate: r.patient.birthDate,
    phone: r.patient.phone, email: r.patient.email },
  representative: r.representative,
  consent: { purpose: ConsentPurpose.ShareWithGeneralPractitioner, recipient, givenOn: r.consent.givenOn },
});

export type Received = { serviceRequestId: string; created: boolean; clientId: string };

/**
 * Receives a GP referral once. The first statement claims (practice, identifier) in
 * fhir_service_requests: a concurrent retry waits on that unique key and, once the first
 * transaction commits, finds its row and returns the same ServiceRequest. Nothing is stored
 * when a later step fails (one transaction).
 */
export async function receiveGpReferral(store: Store, caller: ApiCaller, r: GpReferral, attempt = 1): Promise<Received> {
  try {
    return await store.change({ action: 'referral.receive_gp', activity: ProcessingActivity.Referral, details: { practiceId: caller.practiceId } },
      async (tx) => {
        const [claimed] = await tx.query<{ id: string }>(
          `INSERT INTO fhir_service_requests (practice_id, api_client_id, identifier_system, identifier_value, authored_on)
           VALUES ($1,$2,$3,$4,$5) ON CONFLICT (practice_id, identifier_system, identifier_value) DO NOTHING RETURNING id`,
          [caller.practiceId, caller.apiClientId, r.identifier.system, r.identifier.value, r.authoredOn]);
        if (!claimed) {
          const first = await findByIdentifier(tx, caller.practiceId, r.identifier.system, r.identifier.value);
          const ref = await findReferralSummary(tx, first!.referralId!);
          return { serviceRequestId: first!.id, created: false, clientId: ref!.clientId };
        }
        const district = await lookupPostcode(tx, r.patient.postcode);
        if (!district?.teamId) {
          throw fhirError(422, [{ code: 'business-rule', expression: 'Patient.address.postalCode',
            diagnostics: `Postcode ${r.patient.postcode} valt niet onder een wijkteam van deze gemeente / Postcode is not served by a neighbourhood team of this municipality` }]);
        }
        // A referral to youth care goes to the youth route (the CJG's inbox), not the postcode's wijkteam (docs/fhir.md).
        const youthDesk = r.youth ? await firstActiveDesk(tx, YOUTH_DESK_TYPE) : null;
        if (r.youth && !youthDesk) {
          throw fhirError(422, [{ code: 'business-rule', expression: 'ServiceRequest.category',
            diagnostics: 'Er is geen actief CJG-loket voor verwijzingen jeugdhulp / No active youth desk (CJG) for youth care referrals' }]);
        }
        const teamId = youthDesk?.id ?? district.teamId;
        const { clientId, identity } = await matchOrCreateClient(tx, r.patient, r.representative);
        const recipient = gpConsentRecipient(caller.practiceName, caller.practiceAgbCode);
        // The patient's consent covers the referral and the feedback to this practice (docs/fhir.md): in a record
        // created from this referral it is recorded; for an existing record it stays on the referral until taken over.
        if (identity === 'registered') {
          await addConsent(tx, clientId, { purpose: ConsentPurpose.ShareWithGeneralPractitioner, recipient, givenOn: r.consent.givenOn, givenHow: 'verbal' });
        }
        // A safety signal marks a record the GP identified; on a mismatch the referral may be about someone else.
        if (r.safetySignals.length > 0 && identity !== 'mismatch') await markSafetySignal(tx, clientId);
        const { referral } = await createReferral(tx, store.ctx, {
          clientId, teamId, proposedTeamId: teamId, toDesk: youthDesk !== null, source: 'gp', partnerId: await partnerIdOfPractice(tx, caller.practiceId),
          referrer: { name: r.referrer.name, organisation: caller.practiceName, agbCode: r.referrer.agbCode },
          reason: r.reason, lifeDomains: r.lifeDomains, urgency: r.urgency, safetySignals: r.safetySignals, contactRoute: r.contactRoute,
          externalId: `ServiceRequest/${claimed.id}`, receivedAt: r.authoredOn,
        });
        await recordSentData(tx, referral.id, identity, sentDataOf(r, recipient), identity === 'registered');
        // Jeugdwet art. 2.6 lid 1 onder d: accepted without an assessment, as a Jeugdwet aanvraag. Not on a record that may be
        // someone else's (mismatch): the CJG confirms who it is first and then records the melding (contact outcome 4).
        if (r.youth && identity !== 'mismatch') await receiveYouthReferral(tx, { clientId, receivedOn: amsterdamDate(new Date()), referrerName: r.referrer.name,
          urgent: r.urgency !== 'normal' });
        await tx.query('UPDATE fhir_service_requests SET referral_id = $2 WHERE id = $1', [claimed.id, referral.id]);
        return { serviceRequestId: claimed.id, created: true, clientId };
      },
      (res: Received) => ({ action: res.created ? 'referral.receive_gp' : 'referral.receive_gp_retry', clientId: res.clientId,
        details: { serviceRequestId: res.serviceRequestId, practiceId: caller.practiceId } }));
  } catch (e) {
    // Two different referrals for the same new BSN at the same moment: the second finds the client on a retry.
    if (attempt === 1 && e instanceof AppError && e.code === 'duplicate_bsn') return receiveGpReferral(store, caller, r, 2);
    throw e;
  }
}

/** What a Task is made of: the referral's status and actions, read in the caller's (audited) transaction. */
/** The recipient name under which a GP referral's consent is recorded (and withdrawn) in the client's consents. */
export const gpConsentRecipient = (practiceName: string, agbCode: string) => `${practiceName} (AGB ${agbCode})`;

export async function loadTaskSource(tx: Queryable, sr: ServiceRequestRow): Promise<TaskSource & { clientId: string }> {
  const ref = await getReferral(tx, sr.referralId!);
  // Reasons and outcome go back only about the person the GP meant (the record matched) and with the patient's
  // consent: the referral's own until it is taken over, then the record's, so a withdrawal there is respected.
  const recordDecides = ref.identity === null || ref.sentData?.takenOverAt != null;
  const identityConfirmed = ref.identity !== 'mismatch';
  const consentToShare = identityConfirmed && (recordDecides
    ? await hasConsent(tx, ref.clientId, ConsentPurpose.ShareWithGeneralPractitioner, gpConsentRecipient(sr.practiceName, sr.practiceAgbCode))
    : ref.sentData?.consent != null);
  return {
    consentToShare, identityConfirmed,
    serviceRequestId: sr.id, identifier: { system: sr.identifierSystem, value: sr.identifierValue }, practiceName: sr.practiceName,
    status: ref.status, teamName: ref.teamName, createdAt: ref.createdAt, urgency: ref.urgency, clientId: ref.clientId,
    actions: (ref.actions ?? []).map((a) => ({ type: a.type, at: a.at, reason: a.reason, outcome: a.outcome })),
    outcomeCode: ref.status === 'closed' ? await closingOutcomeOfReferral(tx, ref.id) : null,
  };
}
