import { z } from 'zod';
import type { RequestContext } from '../../platform/access/context.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import type { Queryable } from '../../platform/db.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { enqueue } from '../../platform/jobs.ts';
import type { Store } from '../../platform/store.ts';
import { displayName } from '../clients/names.ts';
import type { Urgency } from '../intake/life-domains.ts';
import {
  actionOfCommand, allowedNext, isAllowed, notAllowedMessage, type ReferralAction, type ReferralCommand, type ReferralSource, type ReferralStatus, statusOf,
} from './referral-process.ts';

/** Job other modules listen to (e.g. feedback to the GP): payload { referralId }. */
export const REFERRAL_STATUS_CHANGED = 'referral.status_changed';

export type CreateReferralInput = {
  clientId: string;
  teamId: string;
  /** The team the postcode proposed; a different teamId needs teamOverrideReason. */
  proposedTeamId?: string | null;
  teamOverrideReason?: string | null;
  source: ReferralSource;
  referrer?: { name?: string | null; organisation?: string | null; agbCode?: string | null; userId?: string | null; teamId?: string | null };
  reason: string;
  lifeDomains: string[];
  urgency: Urgency;
  /**
   * What the referrer tells the team before the first contact: safety signals (codes of the
   * wegwijs-safety-signal code system; [] = none, omitted = not asked) and the client's preferred
   * contact route (wegwijs-contact-route).
   */
  safetySignals?: string[] | null;
  contactRoute?: string | null;
  /** Routes 4 and 5 of a contact go to a desk's inbox (CJG, Centraal Onthaal Volwassenen) instead of a neighbourhood team's. */
  toDesk?: boolean;
  /** The sender's own id; the same (source, externalId) returns the existing referral. */
  externalId?: string | null;
  contactId?: string | null;
};

export const ReferralView = z.object({
  id: z.uuid(), clientId: z.uuid(), clientName: z.string(), clientBirthDate: z.string().nullable(),
  teamId: z.uuid(), teamName: z.string(), proposedTeamId: z.uuid().nullable(), teamOverrideReason: z.string().nullable(),
  source: z.enum(['desk', 'gp', 'partner', 'citizen']),
  referrer: z.object({ name: z.string().nullable(), organisation: z.string().nullable(), agbCode: z.string().nullable(), teamName: z.string().nullable() }),
  reason: z.string(), lifeDomains: z.array(z.string()), urgency: z.string(),
  safetySignals: z.array(z.string()).nullable().describe('safety signals from the referrer; null: not asked'),
  contactRoute: z.string().nullable().describe("the client's preferred route for the first contact"),
  status: z.enum(['open', 'accepted', 'returned', 'in_progress', 'closed']),
  assignedUserId: z.uuid().nullable(), assignedUserName: z.string().nullable(),
  externalId: z.string().nullable(), contactId: z.uuid().nullable(), createdAt: z.string(),
  allowedNext: z.array(z.string()),
  actions: z.array(z.object({ type: z.string(), at: z.string(), actorTeam: z.string().nullable(), assignedUserName: z.string().nullable(), reason: z.string().nullable(), outcome: z.string().nullable() })).optional(),
});
export type ReferralView = z.infer<typeof ReferralView>;

const SELECT = `SELECT r.id, r.client_id, c.first_names, c.surname_prefix, c.surname, c.name_usage, c.partner_surname_prefix, c.partner_surname,
    c.birth_date::text AS birth_date, r.team_id, t.name AS team_name, r.proposed_team_id, r.team_override_reason, r.source,
    r.referrer_name, r.referrer_organisation, r.referrer_agb_code, rt.name AS referrer_team_name, r.reason, r.life_domains, r.urgency,
    r.safety_signals, r.contact_route, r.status, r.assigned_user_id, u.display_name AS assigned_user_name, r.external_id, r.contact_id, r.created_at
  FROM referrals r JOIN clients c ON c.id = r.client_id JOIN teams t ON t.id = r.team_id
  LEFT JOIN teams rt ON rt.id = r.referrer_team_id LEFT JOIN users u ON u.id = r.assigned_user_id`;
type Row = Record<string, unknown> & { id: string; client_id: string; status: ReferralStatus; created_at: Date };

const toView = (r: Row): ReferralView => ({
  id: r.id, clientId: r.client_id,
  clientName: displayName({ firstNames: r.first_names as string, surnamePrefix: r.surname_prefix as string, surname: r.surname as string,
    nameUsage: r.name_usage as 'E', partnerSurnamePrefix: r.partner_surname_prefix as string, partnerSurname: r.partner_surname as string }),
  clientBirthDate: r.birth_date as string | null, teamId: r.team_id as string, teamName: r.team_name as string,
  proposedTeamId: r.proposed_team_id as string | null, teamOverrideReason: r.team_override_reason as string | null,
  source: r.source as ReferralSource,
  referrer: { name: r.referrer_name as string | null, organisation: r.referrer_organisation as string | null, agbCode: r.referrer_agb_code as string | null, teamName: r.referrer_team_name as string | null },
  reason: r.reason as string, lifeDomains: r.life_domains as string[], urgency: r.urgency as string,
  safetySignals: r.safety_signals as string[] | null, contactRoute: r.contact_route as string | null, status: r.status,
  assignedUserId: r.assigned_user_id as string | null, assignedUserName: r.assigned_user_name as string | null,
  externalId: r.external_id as string | null, contactId: r.contact_id as string | null, createdAt: new Date(r.created_at).toISOString(),
  allowedNext: [...allowedNext[r.status]],
});

const userIdOf = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.id : null);

async function appendAction(tx: Queryable, ctx: RequestContext, referralId: string, a: { type: ReferralAction['type']; assignedUserId?: string | null; reason?: string | null; outcome?: string | null }, idempotencyKey?: string) {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO referral_actions (referral_id, type, actor_user_id, assigned_user_id, reason, outcome, idempotency_key) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
    [referralId, a.type, userIdOf(ctx), a.assignedUserId ?? null, a.reason ?? null, a.outcome ?? null, idempotencyKey ?? null]);
  const actions = await tx.query<ReferralAction>(`SELECT type, at::text AS at, assigned_user_id AS "assignedUserId" FROM referral_actions WHERE referral_id = $1 ORDER BY id`, [referralId]);
  const status = statusOf(actions);
  await tx.query(`UPDATE referrals SET status = $2, assigned_user_id = coalesce($3, assigned_user_id), updated_at = now() WHERE id = $1`,
    [referralId, status, a.type === 'accepted' ? a.assignedUserId : null]);
  await enqueue(tx, REFERRAL_STATUS_CHANGED, { referralId }, { uniqueKey: `referral_action:${row!.id}` });
}

export async function getReferral(tx: Queryable, id: string): Promise<ReferralView> {
  const [row] = await tx.query<Row>(`${SELECT} WHERE r.id = $1`, [id]);
  if (!row) throw notFound('Verwijzing niet gevonden / Referral not found');
  const actions = await tx.query<{ type: string; at: Date; actor_team: string | null; assigned_user_name: string | null; reason: string | null; outcome: string | null }>(
    `SELECT a.type, a.at, (SELECT string_agg(t.name, ', ' ORDER BY t.name) FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = a.actor_user_id) AS actor_team,
       u.display_name AS assigned_user_name, a.reason, a.outcome
     FROM referral_actions a LEFT JOIN users u ON u.id = a.assigned_user_id WHERE a.referral_id = $1 ORDER BY a.id`, [id]);
  return { ...toView(row), actions: actions.map((a) => ({ type: a.type, at: new Date(a.at).toISOString(), actorTeam: a.actor_team, assignedUserName: a.assigned_user_name, reason: a.reason, outcome: a.outcome })) };
}

/**
 * Creates an open referral in a team's inbox. Call it inside a Store transaction (so it is audited
 * with the command that caused it). The team becomes involved with the client (need-to-know).
 * `created: false` when (source, externalId) already existed: a retry returns the first referral.
 */
export async function createReferral(tx: Queryable, ctx: RequestContext, input: CreateReferralInput): Promise<{ referral: ReferralView; created: boolean }> {
  const [team] = await tx.query<{ kind: string; active: boolean }>('SELECT kind, active FROM teams WHERE id = $1', [input.teamId]);
  if (team?.kind !== (input.toDesk ? 'desk' : 'neighbourhood_team') || !team.active) {
    throw badRequest(input.toDesk ? 'Onbekend loket / Unknown desk' : 'Onbekend wijkteam / Unknown neighbourhood team', 'teamId');
  }
  if (input.proposedTeamId && input.proposedTeamId !== input.teamId && !input.teamOverrideReason?.trim()) {
    throw badRequest('Geef een reden om van het voorgestelde wijkteam af te wijken / Give a reason to choose another team than proposed', 'teamOverrideReason');
  }
  const ref = input.referrer ?? {};
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO referrals (client_id, team_id, proposed_team_id, team_override_reason, source, referrer_name, referrer_organisation, referrer_agb_code,
       referrer_user_id, referrer_team_id, reason, life_domains, urgency, external_id, contact_id, safety_signals, contact_route)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)
     ON CONFLICT (source, external_id) WHERE external_id IS NOT NULL DO NOTHING RETURNING id`,
    [input.clientId, input.teamId, input.proposedTeamId ?? null, input.proposedTeamId && input.proposedTeamId !== input.teamId ? input.teamOverrideReason : null,
      input.source, ref.name ?? null, ref.organisation ?? null, ref.agbCode ?? null, ref.userId ?? null, ref.teamId ?? null,
      input.reason, input.lifeDomains, input.urgency, input.externalId ?? null, input.contactId ?? null,
      input.safetySignals ?? null, input.contactRoute ?? null]);
  if (!row) {
    const [existing] = await tx.query<{ id: string }>('SELECT id FROM referrals WHERE source = $1 AND external_id = $2', [input.source, input.externalId]);
    return { referral: await getReferral(tx, existing!.id), created: false };
  }
  await tx.query(`INSERT INTO client_relations (client_id, team_id, reason) VALUES ($1,$2,'referral')`, [input.clientId, input.teamId]);
  await appendAction(tx, ctx, row.id, { type: 'created' });
  return { referral: await getReferral(tx, row.id), created: true };
}

export type CommandInput = { assignedUserId?: string; reason?: string; outcome?: string };

/** Referral commands through the request's Store: team membership, allowed-next table, idempotency key. */
export function referralStore(store: Store) {
  const actor = store.ctx.actor;
  const clientOf = async (id: string) => {
    const [r] = await store.db.query<{ client_id: string }>('SELECT client_id FROM referrals WHERE id = $1', [id]);
    if (!r) throw notFound('Verwijzing niet gevonden / Referral not found');
    return r.client_id;
  };
  return {
    get: async (id: string) => store.withClient(await clientOf(id), { action: 'referral.read', activity: ProcessingActivity.Referral, details: { referralId: id } }, (tx) => getReferral(tx, id)),

    inbox: (teamId: string, status: ReferralStatus | undefined) => {
      if (!actor.teamIds.includes(teamId)) throw forbidden('U bent geen lid van dit team / You are not a member of this team', 'not_team_member');
      return store.withClientList({ action: 'referral.inbox', activity: ProcessingActivity.Referral, details: { teamId, status } }, async (tx) => {
        const rows = await tx.query<Row>(`${SELECT} WHERE r.team_id = $1 AND ($2::text IS NULL OR r.status = $2) ORDER BY
          CASE r.urgency WHEN 'crisis' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, r.created_at LIMIT 200`, [teamId, status ?? null]);
        return { result: rows.map(toView), clientIds: [...new Set(rows.map((r) => r.client_id))] };
      });
    },

    act: async (id: string, command: ReferralCommand, input: CommandInput, idempotencyKey?: string) =>
      store.withClient(await clientOf(id), { action: `referral.${command}`, activity: ProcessingActivity.Referral, details: { referralId: id } }, async (tx) => {
        const [r] = await tx.query<{ team_id: string; status: ReferralStatus }>('SELECT team_id, status FROM referrals WHERE id = $1 FOR UPDATE', [id]);
        if (!actor.teamIds.includes(r!.team_id)) throw forbidden('Alleen het ontvangende team beslist over een verwijzing / Only the receiving team decides on a referral', 'not_team_member');
        if (idempotencyKey) {
          const done = await tx.query('SELECT 1 FROM referral_actions WHERE referral_id = $1 AND idempotency_key = $2', [id, idempotencyKey]);
          if (done.length > 0) return getReferral(tx, id);
        }
        if (!isAllowed(r!.status, command)) throw conflict(notAllowedMessage(r!.status, command), 'referral_status', { referralStatus: r!.status, allowed: allowedNext[r!.status] });
        if (command === 'accept') {
          const member = await tx.query('SELECT 1 FROM team_members WHERE team_id = $1 AND user_id = $2', [r!.team_id, input.assignedUserId ?? null]);
          if (!input.assignedUserId || member.length === 0) throw badRequest('Kies een professional van dit team / Choose a professional of this team', 'assignedUserId');
          await tx.query(`INSERT INTO client_relations (client_id, user_id, team_id, reason) SELECT client_id, $2, NULL, 'referral_assigned' FROM referrals WHERE id = $1`, [id, input.assignedUserId]);
        }
        if (command === 'return' && !input.reason?.trim()) throw badRequest('Geef een reden voor het terugsturen / Give a reason for returning', 'reason');
        if (command === 'close' && !input.outcome?.trim()) throw badRequest('Geef de uitkomst / Give the outcome', 'outcome');
        await appendAction(tx, store.ctx, id, { type: actionOfCommand[command], assignedUserId: input.assignedUserId, reason: input.reason, outcome: input.outcome }, idempotencyKey);
        return getReferral(tx, id);
      }),
  };
}
