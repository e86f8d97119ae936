import { ProcessingActivity } from '../../platform/audit.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { Store } from '../../platform/store.ts';
import { addConsent, type ConsentPurpose } from '../clients/consent.ts';
import { addRelatedPersonUnlessKnown } from '../clients/related-persons.ts';
import { fillMissingContactDetails } from '../clients/store.ts';
import { getReferral } from './referral-store.ts';
import type { ReferralView } from './schemas.ts';

/**
 * A team member takes over what the referrer sent (representative, consent, phone and e-mail where
 * the record has none) into the client record: an explicit, audited act, never a side effect of a
 * message arriving (issue 14 item 6). Not while the name or birth date differ from the record: then
 * the referral may be about someone else. Taking over twice changes nothing the second time.
 */
export async function takeOverSentData(store: Store, id: string): Promise<ReferralView> {
  const [ref] = await store.db.query<{ client_id: string }>('SELECT client_id FROM referrals WHERE id = $1', [id]);
  if (!ref) throw notFound('Verwijzing niet gevonden / Referral not found');
  return store.changeClient(ref.client_id, { action: 'referral.take_over_sent_data', activity: ProcessingActivity.Referral, details: { referralId: id } }, async (tx) => {
    const [r] = await tx.query<{ team_id: string; identity: string | null; has_data: boolean; taken: boolean }>(
      `SELECT team_id, identity, sent_data IS NOT NULL AS has_data, sent_data_taken_over_at IS NOT NULL AS taken FROM referrals WHERE id = $1 FOR UPDATE`, [id]);
    if (!store.ctx.actor.teamIds.includes(r!.team_id)) throw forbidden('Alleen het ontvangende team beslist over een verwijzing / Only the receiving team decides on a referral', 'not_team_member');
    if (!r!.has_data) throw conflict('Deze verwijzing bevat geen gegevens om over te nemen / This referral carries no data to take over', 'no_sent_data');
    if (r!.taken) return getReferral(tx, id);
    if (r!.identity === 'mismatch') {
      throw conflict('Naam of geboortedatum wijkt af van het dossier; controleer eerst wie bedoeld is / Name or birth date differ from the record; check who is meant first', 'identity_mismatch');
    }
    const { sentData } = await getReferral(tx, id);
    const d = sentData!;
    if (d.representative) {
      await addRelatedPersonUnlessKnown(tx, ref.client_id, { kind: 'representative', role: d.representative.role, name: d.representative.name,
        birthDate: d.representative.birthDate, phone: d.representative.phone });
    }
    if (d.consent) {
      await addConsent(tx, ref.client_id, { purpose: d.consent.purpose as ConsentPurpose, recipient: d.consent.recipient, givenOn: d.consent.givenOn, givenHow: 'verbal' },
        store.ctx.actor.id);
    }
    await fillMissingContactDetails(tx, ref.client_id, { phone: d.patient.phone, email: d.patient.email });
    await tx.query('UPDATE referrals SET sent_data_taken_over_at = now(), sent_data_taken_over_by = $2 WHERE id = $1', [id, store.ctx.actor.id]);
    return getReferral(tx, id);
  });
}
