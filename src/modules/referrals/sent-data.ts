import type { Queryable } from '../../platform/db.ts';
import type { ClientSummary } from '../clients/store.ts';
import type { ReferralIdentity, ReferralView, SentData } from './schemas.ts';

/**
 * What a referrer outside the municipality sent about the person, kept on the referral (issue 14
 * item 6, docs/fhir.md "Matching the patient"): the record changes only when a team member takes
 * it over (take-over.ts), never because a message arrived.
 */

/** Stores the sent data with a referral just created, in the caller's transaction. `takenOver`: the record was created from it. */
export async function recordSentData(tx: Queryable, referralId: string, identity: ReferralIdentity, data: SentData, takenOver: boolean): Promise<void> {
  await tx.query(`UPDATE referrals SET identity = $2, sent_data = $3, sent_data_taken_over_at = CASE WHEN $4 THEN now() END WHERE id = $1`,
    [referralId, identity, JSON.stringify(data), takenOver]);
}

/** The view's identity, sent data and review item; the record's side of a mismatch is read live, so the team compares with what the record says now. */
export function sentDataView(row: Record<string, unknown>, record: ClientSummary | undefined): Pick<ReferralView, 'identity' | 'sentData' | 'review'> {
  const identity = (row.identity as ReferralIdentity | null) ?? null;
  const raw = row.sent_data as SentData | string | null;
  const data = typeof raw === 'string' ? (JSON.parse(raw) as SentData) : raw;
  const takenOverAt = row.sent_data_taken_over_at ? new Date(row.sent_data_taken_over_at as string).toISOString() : null;
  return {
    identity,
    sentData: data ? { ...data, takenOverAt } : null,
    review: identity === 'mismatch' && data
      ? { kind: 'identity_mismatch', sent: { name: data.patient.name, birthDate: data.patient.birthDate }, record: { name: record?.name ?? '', birthDate: record?.birthDate ?? null } }
      : null,
  };
}
