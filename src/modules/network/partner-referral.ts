import { ProcessingActivity } from '../../platform/audit.ts';
import type { Queryable } from '../../platform/db.ts';
import { badRequest, conflict } from '../../platform/errors.ts';
import type { Store } from '../../platform/store.ts';
import { getClientRow } from '../clients/store.ts';
import { checkLifeDomains } from '../intake/life-domain-store.ts';
import { lookupPostcode } from '../org/store.ts';
import { createReferral, type ReferralView } from '../referrals/referral-store.ts';
import type { PartnerReferralInput } from './schemas.ts';
import { findPartner } from './store.ts';

/**
 * A network partner refers in (issue 16: "partners and schools can refer in"): a desk or team
 * member records, on the partner's behalf, a referral to the neighbourhood team of the client's
 * postcode (or another team, with a reason), as a desk referral is routed. Source `partner`, or
 * `gp` when the partner is a GP practice that phoned rather than sent it from its HIS; the
 * partner is linked, so the inbox and the client page name it and figures count by source.
 *
 * The recorder must already be involved with the client (need-to-know, 403 client_access_denied):
 * a partner's call does not open a record. An Idempotency-Key makes a retry the same referral.
 */
export async function recordPartnerReferral(store: Store, input: PartnerReferralInput, idempotencyKey?: string)
  : Promise<{ referral: ReferralView; created: boolean }> {
  const actor = store.ctx.actor;
  return store.changeClient(input.clientId, { action: 'referral.partner_create', activity: ProcessingActivity.Referral, details: { partnerId: input.partnerId } },
    async (tx: Queryable) => {
      const partner = await findPartner(tx, input.partnerId);
      if (!partner) throw badRequest('Onbekende netwerkpartner / Unknown network partner', 'partnerId');
      if (!partner.active) throw conflict('Deze netwerkpartner is niet meer actief / This network partner is no longer active', 'partner_inactive');
      const client = await getClientRow(tx, input.clientId);
      if (client.merged_into) throw conflict('Dit dossier is samengevoegd / This record was merged', 'client_merged', { mergedInto: client.merged_into });
      const proposed = client.postcode ? (await lookupPostcode(tx, client.postcode))?.teamId ?? null : null;
      const teamId = input.teamId ?? proposed;
      if (!teamId) throw badRequest('Geen wijkteam bij dit adres; kies een wijkteam / No team for this address: choose a team', 'teamId');
      await checkLifeDomains(tx, input.lifeDomains);
      return createReferral(tx, store.ctx, {
        clientId: input.clientId, teamId, proposedTeamId: proposed, teamOverrideReason: input.teamOverrideReason,
        source: partner.kind === 'gp_practice' ? 'gp' : 'partner', partnerId: partner.id,
        referrer: { name: input.referrerName, organisation: partner.name, agbCode: partner.agbCode },
        reason: input.reason, lifeDomains: input.lifeDomains, urgency: input.urgency,
        externalId: idempotencyKey ? `partner:${actor.id}:${idempotencyKey}` : null,
      });
    });
}
