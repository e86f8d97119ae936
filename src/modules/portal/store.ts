import { z } from 'zod';
import type { Queryable } from '../../platform/db.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { sha256 } from '../../platform/auth/sessions.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { once } from '../../platform/idempotency.ts';
import type { Store } from '../../platform/store.ts';
import { addRelation } from '../../platform/access/relations.ts';
import { staffActionsOn } from '../../platform/audit-events.ts';
import { teamIdsOfUsers } from '../../platform/auth/users.ts';
import { mergedIdsOf } from '../clients/merge.ts';
import { findClientIdByBsn, insertClient } from '../clients/store.ts';
import { contactOutcomes } from '../intake/contact-lookup.ts';
import { firstActiveDesk, teamNames, teamsByIds } from '../org/store.ts';
import { referralsOfContacts } from '../referrals/referral-store.ts';
import { ContactOutcome, contactOutcomeLabels } from '../intake/contact-outcome.ts';
import { checkLifeDomains } from '../intake/life-domain-store.ts';
import { LifeDomainCode } from '../intake/schemas.ts';
import { sentLetterPdf, sentLettersOfClients } from '../wmo/decision-store.ts';
import { contactBy } from './contact-promise.ts';
import type { Citizen } from './citizen-auth.ts';

export const PortalRequestInput = z.object({
  /** Asking for someone else (a parent, a neighbour): who, and how you are related. */
  onBehalfOf: z.object({ name: z.string().trim().min(2).max(200), birthDate: z.iso.date().nullable().optional(), relation: z.string().trim().min(2).max(100) }).nullable().optional(),
  question: z.string().trim().min(10, 'beschrijf uw vraag in minstens 10 tekens / describe your question in at least 10 characters').max(5000),
  lifeDomains: z.array(LifeDomainCode).max(20).default([]),
  contactPreference: z.enum(['phone', 'email', 'letter']),
  contactValue: z.string().trim().max(200).nullable().optional().describe('phone number or e-mail address'),
});
export type PortalRequestInput = z.infer<typeof PortalRequestInput>;


/** The desk that receives questions from the digital channel: the first VraagWijzer desk (configurable later). */
async function digitalDesk(tx: Queryable) {
  const d = await firstActiveDesk(tx, 'vraagwijzer');
  if (!d) throw badRequest('Er is geen loket ingesteld voor digitale vragen / No desk set up for digital questions');
  return d;
}

/**
 * The citizen's side. Submissions are stored (and committed) before the receipt is returned; the
 * same Idempotency-Key returns the first receipt. Asking for yourself links (or registers) your
 * client record by BSN and makes the desk involved, so the desk can open it.
 */
export function portalStore(store: Store, citizen: Citizen) {
  /** The citizen's client record (the surviving one after a merge) and the records merged into it. */
  const clientIdsOf = async (tx: Queryable) => {
    const id = await findClientIdByBsn(tx, citizen.bsn);
    return id ? mergedIdsOf(tx, id) : [];
  };
  return {
    submit: (input: PortalRequestInput, key?: string) => store.change({ action: 'portal.request.create', activity: ProcessingActivity.FrontDesk },
      (tx) => once(tx, `citizen:${sha256(citizen.bsn)}:portal.request`, key, input, async () => {
        await checkLifeDomains(tx, input.lifeDomains);
        const desk = await digitalDesk(tx);
        let clientId: string | null = null;
        if (!input.onBehalfOf) {
          clientId = (await clientIdsOf(tx))[0] ?? null;
          if (clientId) await addRelation(tx, { clientId, teamId: desk.id, reason: 'digital_channel' });
          else {
            clientId = await insertClient(tx, { bsn: citizen.bsn, firstNames: citizen.givenName, surname: citizen.familyName, nameUsage: 'E', gender: '0',
              noFixedAddress: false, communicationNeeds: [], persons: [],
              phone: input.contactPreference === 'phone' ? input.contactValue ?? null : null, email: input.contactPreference === 'email' ? input.contactValue ?? null : null },
            { userId: null, teamId: desk.id, reason: 'digital_channel' }, true);
          }
        }
        const [n] = await tx.query<{ n: number; year: string }>(`SELECT nextval('portal_request_number')::int AS n, to_char(now(), 'YYYY') AS year`);
        const reference = `WW-${n!.year}-${String(n!.n).padStart(6, '0')}`;
        const [row] = await tx.query<{ id: string; created_at: Date }>(
          `INSERT INTO portal_requests (reference, citizen_bsn, citizen_name, client_id, on_behalf_of, question, life_domains, contact_preference, contact_value, desk_team_id)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id, created_at`,
          [reference, citizen.bsn, citizen.name, clientId, input.onBehalfOf ? JSON.stringify(input.onBehalfOf) : null, input.question, input.lifeDomains,
            input.contactPreference, input.contactValue ?? null, desk.id]);
        return { id: row!.id, reference, createdAt: new Date(row!.created_at).toISOString(), deskName: desk.name, contactBy: contactBy(new Date(row!.created_at)), clientId };
      }), (r: { id: string; clientId: string | null }) => ({ clientId: r.clientId, details: { requestId: r.id } })),

    /** Status of the citizen's own questions: received, or handled with the outcome and any referral. */
    requests: () => store.read({ action: 'portal.requests.read', activity: ProcessingActivity.FrontDesk }, async (tx) => {
      const rows = await tx.query<{ id: string; reference: string; created_at: Date; question: string; on_behalf_of: { name: string } | null; desk_team_id: string; contact_id: string | null }>(
        `SELECT id, reference, created_at, question, on_behalf_of, desk_team_id, contact_id FROM portal_requests WHERE citizen_bsn = $1 ORDER BY created_at DESC`, [citizen.bsn]);
      const contactIds = rows.flatMap((r) => (r.contact_id ? [r.contact_id] : []));
      const outcomes = await contactOutcomes(tx, contactIds);
      const referrals = await referralsOfContacts(tx, contactIds);
      const teams = await teamNames(tx, [...rows.map((r) => r.desk_team_id), ...[...referrals.values()].map((r) => r.teamId)]);
      return rows.map((r) => {
        const outcome = r.contact_id ? outcomes.get(r.contact_id) ?? null : null;
        const referral = r.contact_id ? referrals.get(r.contact_id) : undefined;
        return { id: r.id, reference: r.reference, createdAt: new Date(r.created_at).toISOString(), question: r.question,
          onBehalfOf: r.on_behalf_of?.name ?? null, status: outcome ? 'handled' as const : 'received' as const, deskName: teams.get(r.desk_team_id) ?? '',
          // A safety signal is sealed (docs/safety.md): the account may be read by the person it is about; it only says 'handled'.
          outcome: outcome && outcome !== ContactOutcome.SafetySignal ? contactOutcomeLabels[outcome].nl : null, referral: referral ? { teamName: teams.get(referral.teamId) ?? '', status: referral.status } : null };
      });
    }),

    /** The letters sent to the citizen (signed Wmo decisions), newest first. */
    letters: () => store.read({ action: 'portal.letters.read', activity: ProcessingActivity.WmoAccess }, async (tx) => {
      const letters = await sentLettersOfClients(tx, await clientIdsOf(tx));
      return letters.map(({ clientId: _, ...l }) => l);
    }),

    /**
     * One of the citizen's own letters as PDF; another's letter is 404, as if it did not exist.
     * Every download is audited with the client it concerns.
     */
    letterPdf: (letterId: string) => store.read({ action: 'portal.letter.download', activity: ProcessingActivity.WmoAccess, details: { letterId } }, async (tx) => {
      const letter = await sentLetterPdf(tx, letterId, await clientIdsOf(tx));
      if (!letter) throw notFound('Brief niet gevonden / Letter not found');
      return letter;
    }, (l) => ({ clientId: l.clientId })),

    /**
     * Who in the municipality looked at the citizen's file, from the audit log: the desks and teams
     * of the professionals (not their names), when, and what kind of action.
     */
    accessLog: () => store.read({ action: 'portal.access_log.read', activity: ProcessingActivity.Oversight }, async (tx) => {
      const ids = await clientIdsOf(tx);
      const rows = await staffActionsOn(tx, ids);
      const teamsOf = await teamIdsOfUsers(tx, rows.map((r) => r.actorUserId));
      const teams = await teamsByIds(tx, [...teamsOf.values()].flat()); // ordered by name
      const organisation = (userId: string) => teams.filter((t) => teamsOf.get(userId)?.includes(t.id)).map((t) => t.name).join(', ') || 'Gemeente Rotterdam';
      return rows.map((r) => ({ at: new Date(r.at).toISOString(), organisation: organisation(r.actorUserId), what: describe(r.action) }));
    }),
  };
}

const describe = (action: string) => action.startsWith('client.read') || action === 'client.timeline' ? 'Dossier bekeken / Viewed your file'
  : action === 'client.bsn_reveal' ? 'BSN bekeken / Viewed your BSN'
  : action.startsWith('contact.') ? 'Contact vastgelegd / Registered a contact'
  : action.startsWith('referral.') ? 'Verwijzing behandeld / Handled a referral'
  : action.startsWith('client.') ? 'Gegevens bijgewerkt / Updated your details'
  : 'Dossier gebruikt / Used your file';

/**
 * A desk handled a digital question with a contact. Only a desk the question was sent to may close
 * it, and only with a contact about the person it concerns (when known).
 */
export async function markPortalRequestHandled(tx: Queryable, requestId: string, contactId: string, clientId: string | null,
  deskIds: readonly string[]): Promise<'done' | 'handled' | 'not_your_desk' | 'other_client'> {
  const [req] = await tx.query<{ desk_team_id: string; client_id: string | null; contact_id: string | null }>(
    'SELECT desk_team_id, client_id, contact_id FROM portal_requests WHERE id = $1 FOR UPDATE', [requestId]);
  if (!req || !deskIds.includes(req.desk_team_id)) return 'not_your_desk';
  if (req.contact_id) return 'handled';
  if (req.client_id && req.client_id !== clientId) return 'other_client';
  await tx.query('UPDATE portal_requests SET contact_id = $2, client_id = coalesce(client_id, $3) WHERE id = $1', [requestId, contactId, clientId]);
  return 'done';
}
