import { z } from 'zod';
import type { Queryable } from '../../platform/db.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { sha256 } from '../../platform/auth/sessions.ts';
import { badRequest } from '../../platform/errors.ts';
import { once } from '../../platform/idempotency.ts';
import type { Store } from '../../platform/store.ts';
import { insertClient } from '../clients/store.ts';
import { contactOutcomeLabels, type ContactOutcome } from '../intake/contact-outcome.ts';
import { LIFE_DOMAINS } from '../intake/life-domains.ts';
import type { Citizen } from './citizen-auth.ts';

export const PortalRequestInput = z.object({
  /** Asking for someone else (a parent, a neighbour): who, and how you are related. */
  onBehalfOf: z.object({ name: z.string().trim().min(2).max(200), birthDate: z.iso.date().nullable().optional(), relation: z.string().trim().min(2).max(100) }).nullable().optional(),
  question: z.string().trim().min(10, 'beschrijf uw vraag in minstens 10 tekens / describe your question in at least 10 characters').max(5000),
  lifeDomains: z.array(z.enum(LIFE_DOMAINS)).max(9).default([]),
  contactPreference: z.enum(['phone', 'email', 'letter']),
  contactValue: z.string().trim().max(200).nullable().optional().describe('phone number or e-mail address'),
});
export type PortalRequestInput = z.infer<typeof PortalRequestInput>;

export const PortalReceipt = z.object({ id: z.uuid(), reference: z.string(), createdAt: z.string(), deskName: z.string() });
export const PortalRequestStatus = z.object({
  id: z.uuid(), reference: z.string(), createdAt: z.string(), question: z.string(), onBehalfOf: z.string().nullable(),
  status: z.enum(['received', 'handled']), deskName: z.string(), outcome: z.string().nullable(), referral: z.object({ teamName: z.string(), status: z.string() }).nullable(),
});
export const AccessLogEntry = z.object({ at: z.string(), organisation: z.string(), what: z.string() });

/** The desk that receives questions from the digital channel: the first VraagWijzer desk (configurable later). */
async function digitalDesk(tx: Queryable) {
  const [d] = await tx.query<{ id: string; name: string }>(`SELECT id, name FROM teams WHERE kind = 'desk' AND desk_type = 'vraagwijzer' AND active ORDER BY name LIMIT 1`);
  if (!d) throw badRequest('Er is geen loket ingesteld voor digitale vragen / No desk set up for digital questions');
  return d;
}

/**
 * The citizen's side. Submissions are stored (and committed) before the receipt is returned; the
 * same Idempotency-Key returns the first receipt. Asking for yourself links (or registers) your
 * client record by BSN and makes the desk involved, so the desk can open it.
 */
export function portalStore(store: Store, citizen: Citizen) {
  const clientIdsOf = async (tx: Queryable) => (await tx.query<{ id: string }>('SELECT id FROM clients WHERE bsn = $1', [citizen.bsn])).map((r) => r.id);
  return {
    submit: (input: PortalRequestInput, key?: string) => store.withAudit(
      (r: z.infer<typeof PortalReceipt> & { clientId: string | null }) => ({ action: 'portal.request.create', activity: ProcessingActivity.FrontDesk, clientId: r.clientId, details: { requestId: r.id } }),
      (tx) => once(tx, `citizen:${sha256(citizen.bsn)}:portal.request`, key, input, async () => {
        const desk = await digitalDesk(tx);
        let clientId: string | null = null;
        if (!input.onBehalfOf) {
          clientId = (await clientIdsOf(tx))[0] ?? null;
          if (clientId) await tx.query(`INSERT INTO client_relations (client_id, team_id, reason) VALUES ($1,$2,'digital_channel')`, [clientId, desk.id]);
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
        return { id: row!.id, reference, createdAt: new Date(row!.created_at).toISOString(), deskName: desk.name, clientId };
      })),

    /** Status of the citizen's own questions: received, or handled with the outcome and any referral. */
    requests: () => store.withAudit({ action: 'portal.requests.read', activity: ProcessingActivity.FrontDesk }, async (tx) => {
      const rows = await tx.query<{ id: string; reference: string; created_at: Date; question: string; on_behalf_of: { name: string } | null; desk: string;
        outcome: ContactOutcome | null; team: string | null; status: string | null }>(
        `SELECT p.id, p.reference, p.created_at, p.question, p.on_behalf_of, d.name AS desk, c.outcome, rt.name AS team, r.status
         FROM portal_requests p JOIN teams d ON d.id = p.desk_team_id LEFT JOIN contacts c ON c.id = p.contact_id
         LEFT JOIN referrals r ON r.contact_id = c.id LEFT JOIN teams rt ON rt.id = r.team_id
         WHERE p.citizen_bsn = $1 ORDER BY p.created_at DESC`, [citizen.bsn]);
      return rows.map((r) => ({ id: r.id, reference: r.reference, createdAt: new Date(r.created_at).toISOString(), question: r.question,
        onBehalfOf: r.on_behalf_of?.name ?? null, status: r.outcome ? 'handled' as const : 'received' as const, deskName: r.desk,
        outcome: r.outcome ? contactOutcomeLabels[r.outcome].nl : null, referral: r.team ? { teamName: r.team, status: r.status! } : null }));
    }),

    /**
     * Who in the municipality looked at the citizen's file, from the audit log: the desks and teams
     * of the professionals (not their names), when, and what kind of action.
     */
    accessLog: () => store.withAudit({ action: 'portal.access_log.read', activity: ProcessingActivity.Oversight }, async (tx) => {
      const ids = await clientIdsOf(tx);
      const rows = await tx.query<{ at: Date; action: string; teams: string | null }>(
        `SELECT a.at, a.action, (SELECT string_agg(t.name, ', ' ORDER BY t.name) FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = a.actor_user_id) AS teams
         FROM audit_log a WHERE a.client_id = ANY($1::uuid[]) AND a.actor_user_id IS NOT NULL AND a.outcome = 'success' ORDER BY a.id DESC LIMIT 200`, [ids]);
      return rows.map((r) => ({ at: new Date(r.at).toISOString(), organisation: r.teams ?? 'Gemeente Rotterdam', what: describe(r.action) }));
    }),
  };
}

const describe = (action: string) => action.startsWith('client.read') || action === 'client.timeline' ? 'Dossier bekeken / Viewed your file'
  : action === 'client.bsn_reveal' ? 'BSN bekeken / Viewed your BSN'
  : action.startsWith('contact.') ? 'Contact vastgelegd / Registered a contact'
  : action.startsWith('referral.') ? 'Verwijzing behandeld / Handled a referral'
  : action.startsWith('client.') ? 'Gegevens bijgewerkt / Updated your details'
  : 'Dossier gebruikt / Used your file';
