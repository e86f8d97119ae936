import type { RequestContext } from '../../platform/access/context.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import type { Queryable } from '../../platform/db.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { enqueue } from '../../platform/jobs.ts';
import type { Store } from '../../platform/store.ts';
import { addRelation } from '../../platform/access/relations.ts';
import { isTeamMember, teamIdsOfUsers, userNames } from '../../platform/auth/users.ts';
import { clientSummaries } from '../clients/store.ts';
import { findTeam, teamNames, teamsByIds } from '../org/store.ts';
import type { Urgency } from '../intake/life-domains.ts';
import { checkLifeDomains } from '../intake/life-domain-store.ts';
import { startTrajectory } from '../casework/start-trajectory.ts';
import { trajectoriesOfReferrals } from '../casework/referral-trajectory.ts';
import { partnerSummaries } from '../network/store.ts';
import { ReferralView } from './schemas.ts';
import { sentDataView } from './sent-data.ts';
import {
  actionOfCommand, allowedNext, changesStatus, isAllowed, notAllowedMessage, type ReferralAction, type ReferralCommand, type ReferralSource, type ReferralStatus, statusOf,
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
  /** The network partner (src/modules/network) on whose behalf the referral was recorded. */
  partnerId?: string | null;
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
  /** When the referral came in (the contact's time, the GP's authoredOn); default now. Its trajectory's plan clock starts that day. */
  receivedAt?: string | null;
};

export { ReferralView };

// Names of clients, teams and users come from their owners (clients, org, platform), looked up per page of rows.
const SELECT = `SELECT r.id, r.client_id, r.team_id, r.proposed_team_id, r.team_override_reason, r.source,
    r.referrer_name, r.referrer_organisation, r.referrer_agb_code, r.referrer_team_id, r.reason, r.life_domains, r.urgency,
    r.safety_signals, r.contact_route, r.status, r.assigned_user_id, r.external_id, r.contact_id, r.created_at,
    r.identity, r.sent_data, r.sent_data_taken_over_at, r.partner_id
  FROM referrals r`;
type Row = Record<string, unknown> & { id: string; client_id: string; team_id: string; referrer_team_id: string | null; assigned_user_id: string | null; status: ReferralStatus; created_at: Date;
  partner_id: string | null };

async function toViews(q: Queryable, rows: Row[]): Promise<ReferralView[]> {
  // One after the other: a transaction's connection runs one query at a time.
  const clients = await clientSummaries(q, rows.map((r) => r.client_id));
  const teams = await teamNames(q, rows.flatMap((r) => [r.team_id, r.referrer_team_id]));
  const users = await userNames(q, rows.map((r) => r.assigned_user_id));
  const trajectories = await trajectoriesOfReferrals(q, rows.map((r) => r.id));
  const partners = await partnerSummaries(q, rows.map((r) => r.partner_id));
  return rows.map((r) => ({
    id: r.id, clientId: r.client_id, clientName: clients.get(r.client_id)?.name ?? '', clientBirthDate: clients.get(r.client_id)?.birthDate ?? null,
    teamId: r.team_id, teamName: teams.get(r.team_id) ?? '',
    proposedTeamId: r.proposed_team_id as string | null, teamOverrideReason: r.team_override_reason as string | null,
    source: r.source as ReferralSource,
    referrer: { name: r.referrer_name as string | null, organisation: r.referrer_organisation as string | null, agbCode: r.referrer_agb_code as string | null,
      teamName: r.referrer_team_id ? teams.get(r.referrer_team_id) ?? null : null,
      partner: r.partner_id && partners.has(r.partner_id) ? { id: r.partner_id, ...partners.get(r.partner_id)! } : null },
    reason: r.reason as string, lifeDomains: r.life_domains as string[], urgency: r.urgency as string,
    safetySignals: r.safety_signals as string[] | null, contactRoute: r.contact_route as string | null, status: r.status,
    assignedUserId: r.assigned_user_id, assignedUserName: r.assigned_user_id ? users.get(r.assigned_user_id) ?? null : null,
    externalId: r.external_id as string | null, contactId: r.contact_id as string | null, createdAt: new Date(r.created_at).toISOString(),
    // With a trajectory, start and close come from it (followTrajectory), not from the inbox.
    allowedNext: (allowedNext[r.status] as readonly ReferralCommand[]).filter((c) => !(trajectories.has(r.id) && followsTrajectory(c))),
    trajectoryId: trajectories.get(r.id) ?? null,
    ...sentDataView(r, clients.get(r.client_id)),
  }));
}

const followsTrajectory = (command: ReferralCommand) => command === 'start' || command === 'close';

const userIdOf = (ctx: RequestContext) => (ctx.actor.kind === 'user' ? ctx.actor.id : null);

async function appendAction(tx: Queryable, ctx: RequestContext, referralId: string,
  a: { type: ReferralAction['type']; assignedUserId?: string | null; reason?: string | null; outcome?: string | null; lifeDomains?: string[] | null }, idempotencyKey?: string) {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO referral_actions (referral_id, type, actor_user_id, assigned_user_id, reason, outcome, idempotency_key, life_domains) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
    [referralId, a.type, userIdOf(ctx), a.assignedUserId ?? null, a.reason ?? null, a.outcome ?? null, idempotencyKey ?? null, a.lifeDomains ?? null]);
  const actions = await tx.query<ReferralAction>(`SELECT type, at::text AS at, assigned_user_id AS "assignedUserId" FROM referral_actions WHERE referral_id = $1 ORDER BY id`, [referralId]);
  const status = statusOf(actions);
  await tx.query(`UPDATE referrals SET status = $2, assigned_user_id = coalesce($3, assigned_user_id), updated_at = now() WHERE id = $1`,
    [referralId, status, a.type === 'accepted' ? a.assignedUserId : null]);
  // Triage (life domains) moves nothing the referrer follows: no feedback job.
  if (changesStatus(a.type)) await enqueue(tx, REFERRAL_STATUS_CHANGED, { referralId }, { uniqueKey: `referral_action:${row!.id}` });
}

export async function getReferral(tx: Queryable, id: string): Promise<ReferralView> {
  const [row] = await tx.query<Row>(`${SELECT} WHERE r.id = $1`, [id]);
  if (!row) throw notFound('Verwijzing niet gevonden / Referral not found');
  const actions = await tx.query<{ type: string; at: Date; actor_user_id: string | null; assigned_user_id: string | null; reason: string | null; outcome: string | null }>(
    'SELECT type, at, actor_user_id, assigned_user_id, reason, outcome FROM referral_actions WHERE referral_id = $1 ORDER BY id', [id]);
  const [view] = await toViews(tx, [row]);
  const teamsOf = await teamIdsOfUsers(tx, actions.map((a) => a.actor_user_id));
  const users = await userNames(tx, actions.map((a) => a.assigned_user_id));
  const teams = await teamsByIds(tx, [...teamsOf.values()].flat()); // ordered by name
  const actorTeam = (userId: string | null) => teams.filter((t) => userId && teamsOf.get(userId)?.includes(t.id)).map((t) => t.name).join(', ') || null;
  return { ...view!, actions: actions.map((a) => ({ type: a.type, at: new Date(a.at).toISOString(), actorTeam: actorTeam(a.actor_user_id),
    assignedUserName: a.assigned_user_id ? users.get(a.assigned_user_id) ?? null : null, reason: a.reason, outcome: a.outcome })) };
}

/**
 * Creates an open referral in a team's inbox. Call it inside a Store transaction (so it is audited
 * with the command that caused it). The team becomes involved with the client (need-to-know).
 * `created: false` when (source, externalId) already existed: a retry returns the first referral.
 */
export async function createReferral(tx: Queryable, ctx: RequestContext, input: CreateReferralInput): Promise<{ referral: ReferralView; created: boolean }> {
  const team = await findTeam(tx, input.teamId);
  if (team?.kind !== (input.toDesk ? 'desk' : 'neighbourhood_team') || !team.active) {
    throw badRequest(input.toDesk ? 'Onbekend loket / Unknown desk' : 'Onbekend wijkteam / Unknown neighbourhood team', 'teamId');
  }
  if (input.proposedTeamId && input.proposedTeamId !== input.teamId && !input.teamOverrideReason?.trim()) {
    throw badRequest('Geef een reden om van het voorgestelde wijkteam af te wijken / Give a reason to choose another team than proposed', 'teamOverrideReason');
  }
  const ref = input.referrer ?? {};
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO referrals (client_id, team_id, proposed_team_id, team_override_reason, source, referrer_name, referrer_organisation, referrer_agb_code,
       referrer_user_id, referrer_team_id, reason, life_domains, urgency, external_id, contact_id, safety_signals, contact_route, received_at, partner_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17, coalesce($18::timestamptz, now()), $19)
     ON CONFLICT (source, external_id) WHERE external_id IS NOT NULL DO NOTHING RETURNING id`,
    [input.clientId, input.teamId, input.proposedTeamId ?? null, input.proposedTeamId && input.proposedTeamId !== input.teamId ? input.teamOverrideReason : null,
      input.source, ref.name ?? null, ref.organisation ?? null, ref.agbCode ?? null, ref.userId ?? null, ref.teamId ?? null,
      input.reason, input.lifeDomains, input.urgency, input.externalId ?? null, input.contactId ?? null,
      input.safetySignals ?? null, input.contactRoute ?? null, input.receivedAt ?? null, input.partnerId ?? null]);
  if (!row) {
    const [existing] = await tx.query<{ id: string }>('SELECT id FROM referrals WHERE source = $1 AND external_id = $2', [input.source, input.externalId]);
    return { referral: await getReferral(tx, existing!.id), created: false };
  }
  await addRelation(tx, { clientId: input.clientId, teamId: input.teamId, reason: 'referral' });
  await appendAction(tx, ctx, row.id, { type: 'created' });
  return { referral: await getReferral(tx, row.id), created: true };
}

export type CommandInput = { assignedUserId?: string; reason?: string; outcome?: string; lifeDomains?: string[] };

/** Referral commands through the request's Store: team membership, allowed-next table, idempotency key. */
export function referralStore(store: Store) {
  const actor = store.ctx.actor;
  const clientOf = async (id: string) => {
    const [r] = await store.db.query<{ client_id: string }>('SELECT client_id FROM referrals WHERE id = $1', [id]);
    if (!r) throw notFound('Verwijzing niet gevonden / Referral not found');
    return r.client_id;
  };
  return {
    get: async (id: string) => store.readClient(await clientOf(id), { action: 'referral.read', activity: ProcessingActivity.Referral, details: { referralId: id } }, (tx) => getReferral(tx, id)),

    /**
     * One page of a team's inbox: crisis and urgent first, then the oldest. Keyset paging: `after` is
     * the last referral of the previous page (its urgency and arrival do not change); `hasMore` tells
     * whether another page follows; `total` how many the whole list holds (every page, the same
     * team, status and need-to-know condition), so a page can say "12 in all" while it shows 50 at most.
     */
    inbox: (teamId: string, status: ReferralStatus | undefined, page: { after?: string; limit: number } = { limit: 200 }) => {
      if (!actor.teamIds.includes(teamId)) throw forbidden('U bent geen lid van dit team / You are not a member of this team', 'not_team_member');
      return store.readClients({ action: 'referral.inbox', activity: ProcessingActivity.Referral, details: { teamId, status, after: page.after } }, async (tx, visible) => {
        const params: unknown[] = [teamId, status ?? null];
        const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
        const rank = (r: string) => `CASE ${r}.urgency WHEN 'crisis' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END`;
        const where = `r.team_id = $1 AND ($2::text IS NULL OR r.status = $2) AND ${visible('r.client_id', p)}`;
        const [counted] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM referrals r WHERE ${where}`, [...params]);
        const after = page.after ? `AND (${rank('r')}, r.created_at, r.id) > (SELECT ${rank('x')}, x.created_at, x.id FROM referrals x WHERE x.id = ${p(page.after)})` : '';
        const rows = await tx.query<Row>(`${SELECT} WHERE ${where} ${after} ORDER BY ${rank('r')}, r.created_at, r.id LIMIT ${p(page.limit + 1)}`, params);
        const shown = rows.slice(0, page.limit);
        return { result: { items: await toViews(tx, shown), hasMore: rows.length > page.limit, total: counted!.n },
          clientIds: [...new Set(shown.map((r) => r.client_id))] };
      });
    },

    act: async (id: string, command: ReferralCommand, input: CommandInput, idempotencyKey?: string) =>
      store.changeClient(await clientOf(id), { action: `referral.${command}`, activity: ProcessingActivity.Referral, details: { referralId: id } }, async (tx) => {
        const [r] = await tx.query<{ team_id: string; status: ReferralStatus; client_id: string; received_on: string }>(
          `SELECT team_id, status, client_id, (received_at AT TIME ZONE 'Europe/Amsterdam')::date::text AS received_on FROM referrals WHERE id = $1 FOR UPDATE`, [id]);
        if (!actor.teamIds.includes(r!.team_id)) throw forbidden('Alleen het ontvangende team beslist over een verwijzing / Only the receiving team decides on a referral', 'not_team_member');
        if (idempotencyKey) {
          const done = await tx.query('SELECT 1 FROM referral_actions WHERE referral_id = $1 AND idempotency_key = $2', [id, idempotencyKey]);
          if (done.length > 0) return getReferral(tx, id);
        }
        if (followsTrajectory(command)) {
          const trajectoryId = (await trajectoriesOfReferrals(tx, [id])).get(id);
          if (trajectoryId) {
            throw conflict('Deze verwijzing start en sluit met haar traject; werk via het traject / This referral starts and closes with its trajectory; use the trajectory',
              'referral_follows_trajectory', { trajectoryId, trajectory: `/api/v1/trajectories/${trajectoryId}` });
          }
        }
        if (!isAllowed(r!.status, command)) throw conflict(notAllowedMessage(r!.status, command), 'referral_status', { referralStatus: r!.status, allowed: allowedNext[r!.status] });
        if (command === 'accept') {
          if (!input.assignedUserId || !(await isTeamMember(tx, r!.team_id, input.assignedUserId))) throw badRequest('Kies een professional van dit team / Choose a professional of this team', 'assignedUserId');
          await addRelation(tx, { clientId: r!.client_id, userId: input.assignedUserId, reason: 'referral_assigned' });
        }
        if (command === 'return' && !input.reason?.trim()) throw badRequest('Geef een reden voor het terugsturen / Give a reason for returning', 'reason');
        if (command === 'close' && !input.outcome?.trim()) throw badRequest('Geef de uitkomst / Give the outcome', 'outcome');
        if (command === 'setLifeDomains') {
          await checkLifeDomains(tx, input.lifeDomains ?? []);
          await tx.query('UPDATE referrals SET life_domains = $2 WHERE id = $1', [id, input.lifeDomains]);
        }
        await appendAction(tx, store.ctx, id, { type: actionOfCommand[command], assignedUserId: input.assignedUserId, reason: input.reason, outcome: input.outcome,
          lifeDomains: command === 'setLifeDomains' ? input.lifeDomains : null }, idempotencyKey);
        // An accepted neighbourhood-team referral starts a trajectory (issue 16); a desk's inbox (routes 4, 5) does not.
        if (command === 'accept' && (await findTeam(tx, r!.team_id))?.kind === 'neighbourhood_team') {
          await startTrajectory(tx, store.ctx, { referralId: id, clientId: r!.client_id, teamId: r!.team_id, professionalUserId: input.assignedUserId!, receivedOn: r!.received_on });
        }
        return getReferral(tx, id);
      }),
  };
}

/**
 * The referral follows its trajectory (src/modules/casework): support started → started, trajectory
 * closed → closed with its outcome, so the inbox and the GP's Task show where the work is. A step the
 * referral's own table does not allow (it was already closed) is left out.
 */
export async function followTrajectory(tx: Queryable, ctx: RequestContext, referralId: string, step: 'start' | 'close', outcome?: string): Promise<void> {
  const [r] = await tx.query<{ status: ReferralStatus }>('SELECT status FROM referrals WHERE id = $1 FOR UPDATE', [referralId]);
  if (!r || !isAllowed(r.status, step)) return;
  await appendAction(tx, ctx, referralId, { type: actionOfCommand[step], outcome: outcome ?? null });
}

/**
 * The trajectory of this referral was handed to another professional (the team lead's reassign, recorded
 * with from whom and to whom in the trajectory's history): the referral's assignee follows, so the inbox
 * and the referral name who carries the case. The referral's own actions keep who accepted it; its status
 * does not change and the referrer is not notified.
 */
export async function followTrajectoryReassignment(tx: Queryable, referralId: string, professionalUserId: string): Promise<void> {
  await tx.query('UPDATE referrals SET assigned_user_id = $2, updated_at = now() WHERE id = $1', [referralId, professionalUserId]);
}

/** Client, team, status and urgency of a referral, for modules that follow one (FHIR Task); null when unknown. */
export async function findReferralSummary(q: Queryable, id: string): Promise<{ clientId: string; teamId: string; status: ReferralStatus; urgency: Urgency } | null> {
  const [r] = await q.query<{ clientId: string; teamId: string; status: ReferralStatus; urgency: Urgency }>(
    'SELECT client_id AS "clientId", team_id AS "teamId", status, urgency FROM referrals WHERE id = $1', [id]);
  return r ?? null;
}

export type ReferralOfClient = { id: string; createdAt: Date; status: ReferralStatus; reason: string; teamId: string; referrerTeamId: string | null;
  referrerUserId: string | null; referrerName: string | null; referrerOrganisation: string | null; source: ReferralSource; contactId: string | null };

/** Every referral of these clients (unordered), for the client's timeline. */
export const referralsOfClients = (q: Queryable, clientIds: readonly string[]) => q.query<ReferralOfClient>(
  `SELECT id, created_at AS "createdAt", status, reason, team_id AS "teamId", referrer_team_id AS "referrerTeamId", referrer_user_id AS "referrerUserId",
     referrer_name AS "referrerName", referrer_organisation AS "referrerOrganisation", source, contact_id AS "contactId"
   FROM referrals WHERE client_id = ANY($1::uuid[])`, [[...clientIds]]);

/** The referral each contact led to (team and status), by contact id. */
export async function referralsOfContacts(q: Queryable, contactIds: readonly string[]): Promise<Map<string, { teamId: string; status: ReferralStatus }>> {
  if (contactIds.length === 0) return new Map();
  const rows = await q.query<{ contact_id: string; team_id: string; status: ReferralStatus }>(
    'SELECT contact_id, team_id, status FROM referrals WHERE contact_id = ANY($1::uuid[]) ORDER BY created_at', [[...contactIds]]);
  return new Map(rows.map((r) => [r.contact_id, { teamId: r.team_id, status: r.status }]));
}
