import { addRelation } from '../../platform/access/relations.ts';
import { CLIENT_ROLES, Role } from '../../platform/access/roles.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { listUsers, membersWithRole, teamMembersWithRoles, userNames, usersWithRole } from '../../platform/auth/users.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { Store } from '../../platform/store.ts';
import { clientSummaries } from '../clients/store.ts';
import { findContact } from '../intake/contact-lookup.ts';
import { sendMessages } from '../intake/staff-messages.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';
import { teamNames } from '../org/store.ts';
import {
  actionOfCommand, allowedNext, followUpsOf, isAllowed, lastAssessment, type SafetyProtocolAction, type SafetyProtocolCommand, type SafetyProtocolStatus,
  notAllowedMessage, refusalOf, reportOf, statusOf, stepOf, assessmentAdvice,
} from './safety-protocol-process.ts';
import { type CaseAccess, findSafetyRecordRef, isCaseLead, requireCaseAccess, type SafetyRecordRef } from './safety-access.ts';
import type { AccessRequestView, CommandBody, SafetyRecordItem, SafetyRecordView } from './schemas.ts';

const activity = ProcessingActivity.SafetyProtocol;
const today = () => amsterdamDate(new Date());
type ActionRow = SafetyProtocolAction & { at: Date; recordId: string };

const ACTIONS = `SELECT safety_record_id AS "recordId", type, occurred_on::text AS "on", at, actor_user_id AS "actorUserId",
  payload->>'note' AS note, payload->>'party' AS party, (payload->'anonymous')::boolean AS anonymous, (payload->'held')::boolean AS held,
  payload->'assessment' AS assessment, payload->>'decision' AS decision, payload->>'followUpOn' AS "followUpOn" FROM safety_record_actions`;

async function actionsOf(q: Queryable, ids: readonly string[]): Promise<Map<string, ActionRow[]>> {
  const rows = ids.length ? await q.query<ActionRow>(`${ACTIONS} WHERE safety_record_id = ANY($1::uuid[]) ORDER BY id`, [[...ids]]) : [];
  const by = new Map<string, ActionRow[]>();
  for (const a of rows) by.set(a.recordId, [...(by.get(a.recordId) ?? []), a]);
  return by;
}

async function append(tx: Queryable, recordId: string, a: SafetyProtocolAction, idempotencyKey?: string): Promise<SafetyProtocolStatus> {
  const payload = Object.fromEntries(Object.entries({ note: a.note, party: a.party, anonymous: a.anonymous, held: a.held, assessment: a.assessment,
    decision: a.decision, followUpOn: a.followUpOn }).filter(([, v]) => v !== undefined && v !== null));
  await tx.query(`INSERT INTO safety_record_actions (safety_record_id, type, occurred_on, actor_user_id, payload, idempotency_key) VALUES ($1,$2,$3,$4,$5,$6)`,
    [recordId, a.type, a.on, a.actorUserId ?? null, JSON.stringify(payload), idempotencyKey ?? null]);
  const status = statusOf((await actionsOf(tx, [recordId])).get(recordId) ?? []);
  await tx.query('UPDATE safety_records SET status = $2, version = version + 1 WHERE id = $1', [recordId, status]);
  return status;
}

/**
 * A safety signal (contact outcome 6) opens its sealed record, in the contact's transaction; a second
 * call for the same contact does nothing (the job for signals queued before this module relies on that).
 */
export async function openSafetyRecord(tx: Queryable, s: { clientId: string; contactId: string; registeredBy: string | null;
  registeringTeamId: string; teamId: string | null; on: string }): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO safety_records (client_id, contact_id, registered_by, registering_team_id, team_id) VALUES ($1,$2,$3,$4,$5)
     ON CONFLICT (contact_id) DO NOTHING RETURNING id`, [s.clientId, s.contactId, s.registeredBy, s.registeringTeamId, s.teamId]);
  if (!row) return null;
  await append(tx, row.id, { type: 'opened', on: s.on, actorUserId: s.registeredBy });
  return row.id;
}

const toAction = (a: ActionRow, users: Map<string, string>) => ({
  type: a.type, on: a.on, at: new Date(a.at).toISOString(), actorName: a.actorUserId ? users.get(a.actorUserId) ?? null : null,
  note: a.note ?? null, party: a.party ?? null, anonymous: a.anonymous ?? null, held: a.held ?? null, assessment: a.assessment ?? null,
  decision: a.decision ?? null, followUpOn: a.followUpOn ?? null,
});

async function loadView(q: Queryable, ref: SafetyRecordRef, access: CaseAccess, mayLead: boolean): Promise<SafetyRecordView> {
  const [rec] = await q.query<{ status: SafetyProtocolStatus; version: number }>('SELECT status, version FROM safety_records WHERE id = $1', [ref.id]);
  const acts = (await actionsOf(q, [ref.id])).get(ref.id) ?? [];
  const contact = await findContact(q, ref.contactId);
  const members = await q.query<{ userId: string }>('SELECT user_id AS "userId" FROM safety_record_members WHERE safety_record_id = $1 ORDER BY added_at', [ref.id]);
  const requests = await q.query<{ id: string; requested_by: string; reason: string; requested_at: Date; decided_by: string | null; decided_at: Date | null;
    approved: boolean | null; expires_at: Date | null }>(
    'SELECT id, requested_by, reason, requested_at, decided_by, decided_at, approved, expires_at FROM safety_access_requests WHERE safety_record_id = $1 ORDER BY requested_at DESC', [ref.id]);
  const users = await userNames(q, [...acts.map((a) => a.actorUserId), contact?.registeredBy, ...members.map((m) => m.userId),
    ...requests.flatMap((r) => [r.requested_by, r.decided_by])]);
  const teams = await teamNames(q, [ref.teamId, contact?.teamId]);
  const client = (await clientSummaries(q, [ref.clientId])).get(ref.clientId);
  const w = lastAssessment(acts);
  const advice = w ? assessmentAdvice(w) : null;
  const report = reportOf(acts);
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: ref.id, clientId: ref.clientId, clientName: client?.name ?? '',
    contact: { id: ref.contactId, contactedAt: iso(contact!.contactedAt)!, channel: contact!.channel, teamName: teams.get(contact!.teamId) ?? null,
      registeredByName: contact!.registeredBy ? users.get(contact!.registeredBy) ?? null : null, text: contact!.question },
    teamName: ref.teamId ? teams.get(ref.teamId) ?? null : null,
    status: rec!.status, step: stepOf(rec!.status), allowedNext: [...allowedNext[rec!.status]],
    advice: advice && 'advice' in advice ? advice.advice : null,
    report: report ? toAction(report as ActionRow, users) : null, followUps: followUpsOf(acts),
    actions: acts.map((a) => toAction(a, users)),
    members: members.map((m) => ({ userId: m.userId, name: users.get(m.userId) ?? '' })),
    access: { via: access.via, until: access.until ?? null }, mayLead,
    accessRequests: requests.map((r): AccessRequestView => ({ id: r.id, requestedByName: users.get(r.requested_by) ?? '', reason: r.reason,
      requestedAt: iso(r.requested_at)!, decidedByName: r.decided_by ? users.get(r.decided_by) ?? null : null, decidedAt: iso(r.decided_at),
      approved: r.approved, expiresAt: iso(r.expires_at) })),
    version: rec!.version,
  };
}

const refused = (status: SafetyProtocolStatus, code: string, message: string) => conflict(message, code, { protocolStatus: status, allowed: [...allowedNext[status]] });

/**
 * Safety records through the request's Store: every view and every step is audited (processing
 * activity safety_protocol) with the client and how the actor is on the case; refusals too.
 */
export function safetyStore(store: Store) {
  const actor = store.ctx.actor;
  const refOf = async (id: string) => {
    const ref = await findSafetyRecordRef(store.db, id);
    if (!ref) throw notFound('Veiligheidsdossier niet gevonden / Safety record not found');
    return ref;
  };
  const details = (ref: SafetyRecordRef, extra: Record<string, unknown> = {}) => ({ safetyRecordId: ref.id, ...extra });
  const requireLead = (ref: SafetyRecordRef) => {
    if (!isCaseLead(actor, ref)) {
      throw forbidden('Alleen de teamleider van een betrokken team of de aandachtsfunctionaris / Only a team lead of a team involved or the safety officer', 'not_case_lead');
    }
  };

  return {
    get: async (id: string): Promise<SafetyRecordView> => {
      const ref = await refOf(id);
      let access: CaseAccess | undefined;
      return store.read({ action: 'safety_record.read', activity, clientId: ref.clientId, details: details(ref) }, async (tx) => {
        access = await requireCaseAccess(tx, actor, ref);
        return loadView(tx, ref, access, isCaseLead(actor, ref));
      }, () => ({ details: details(ref, { via: access?.via, accessRequestId: access?.accessRequestId }) }));
    },

    /** The records I am on the case of (the aandachtsfunctionaris: all), open ones first. */
    list: async (): Promise<SafetyRecordItem[]> => store.read({ action: 'safety_record.list', activity }, async (tx) => {
      const officer = actor.roles.includes('safety_officer');
      const lead = actor.roles.includes('team_lead');
      // The same rule as caseAccess (safety-access.ts), as one query for a list.
      const rows = await tx.query<{ id: string; client_id: string; status: SafetyProtocolStatus; opened_on: string; team_id: string | null; pending: number }>(
        `SELECT s.id, s.client_id, s.status, (s.created_at AT TIME ZONE 'Europe/Amsterdam')::date::text AS opened_on, s.team_id,
           (SELECT count(*)::int FROM safety_access_requests a WHERE a.safety_record_id = s.id AND a.decided_at IS NULL) AS pending
         FROM safety_records s
         WHERE $1 OR s.registered_by = $2
           OR ($3 AND (s.registering_team_id = ANY($4::uuid[]) OR s.team_id = ANY($4::uuid[])))
           OR EXISTS (SELECT 1 FROM safety_record_members m WHERE m.safety_record_id = s.id AND m.user_id = $2)
           OR EXISTS (SELECT 1 FROM safety_access_requests a WHERE a.safety_record_id = s.id AND a.requested_by = $2 AND a.approved AND a.expires_at > now())
         ORDER BY s.status = 'closed', s.created_at DESC LIMIT 200`, [officer, actor.id, lead, actor.teamIds]);
      const clients = await clientSummaries(tx, rows.map((r) => r.client_id));
      const teams = await teamNames(tx, rows.map((r) => r.team_id));
      return rows.map((r) => ({ id: r.id, clientId: r.client_id, clientName: clients.get(r.client_id)?.name ?? '', status: r.status, step: stepOf(r.status),
        openedOn: r.opened_on, teamName: r.team_id ? teams.get(r.team_id) ?? null : null, pendingRequests: r.pending }));
    }, (items) => ({ details: { safetyRecordIds: items.map((i) => i.id), clientIds: [...new Set(items.map((i) => i.clientId))] } })),

    /** One meldcode step; the same Idempotency-Key again answers with the record and adds nothing. */
    act: async (id: string, command: SafetyProtocolCommand, body: CommandBody, idempotencyKey?: string): Promise<SafetyRecordView> => {
      const ref = await refOf(id);
      return store.change({ action: `safety_record.${command}`, activity, clientId: ref.clientId, details: details(ref) }, async (tx) => {
        const [row] = await tx.query<{ status: SafetyProtocolStatus }>('SELECT status FROM safety_records WHERE id = $1 FOR UPDATE', [id]);
        const access = await requireCaseAccess(tx, actor, ref);
        if (access.via === 'approved_request') {
          throw forbidden('Met noodtoegang kunt u het dossier inzien, niet de stappen zetten / Break-the-glass access is for reading only', 'sealed_read_only');
        }
        const mayLead = isCaseLead(actor, ref);
        if (idempotencyKey) {
          const [done] = await tx.query<{ type: string }>('SELECT type FROM safety_record_actions WHERE safety_record_id = $1 AND idempotency_key = $2', [id, idempotencyKey]);
          if (done && done.type !== actionOfCommand[command]) {
            throw conflict('Deze Idempotency-Key is al gebruikt voor een andere stap / This Idempotency-Key was used for another step', 'idempotency_key_reused');
          }
          if (done) return loadView(tx, ref, access, mayLead);
        }
        const status = row!.status;
        if (!isAllowed(status, command)) throw refused(status, 'safety_protocol_status', notAllowedMessage(status, command));
        const actions = (await actionsOf(tx, [id])).get(id) ?? [];
        const b = body as Partial<SafetyProtocolAction> & { on?: string };
        const refusal = refusalOf(actions, command, today(), b);
        if (refusal) throw refused(status, refusal.code, refusal.message);
        await append(tx, id, { ...b, type: actionOfCommand[command], on: b.on ?? today(), actorUserId: actor.kind === 'user' ? actor.id : null }, idempotencyKey);
        return loadView(tx, ref, access, mayLead);
      });
    },

    /**
     * Whom a lead on the case can put on it: the professionals of the teams involved who are not on it yet.
     * Staff names only (no client data), so no audit row; the record's id is not even confirmed to others.
     */
    candidates: async (id: string): Promise<{ userId: string; name: string }[]> => {
      const ref = await refOf(id);
      requireLead(ref);
      const on = new Set([ref.registeredBy, ...(await store.db.query<{ user_id: string }>(
        'SELECT user_id FROM safety_record_members WHERE safety_record_id = $1', [id])).map((m) => m.user_id)]);
      const people = new Map<string, string>();
      for (const teamId of [ref.registeringTeamId, ref.teamId]) {
        if (!teamId) continue;
        for (const u of await teamMembersWithRoles(store.db, teamId, CLIENT_ROLES)) if (!on.has(u.id)) people.set(u.id, u.displayName);
      }
      return [...people].map(([userId, name]) => ({ userId, name })).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    },

    /**
     * A team lead or the aandachtsfunctionaris puts a colleague on the case: they see the record, and
     * (a relation of that user only, not their team) the client, whom they will talk with in step 3.
     */
    addMember: async (id: string, userId: string): Promise<SafetyRecordView> => {
      const ref = await refOf(id);
      return store.change({ action: 'safety_record.member_add', activity, clientId: ref.clientId, details: details(ref, { userId }) }, async (tx) => {
        requireLead(ref);
        const access = await requireCaseAccess(tx, actor, ref);
        const [u] = await listUsers(tx, userId);
        if (!u?.active || !u.roles.some((r) => (CLIENT_ROLES as readonly string[]).includes(r))) throw new AppError('not_a_professional', 400, 'Deze gebruiker werkt niet met cliënten / This user does not work with clients', 'userId');
        const added = await tx.query('INSERT INTO safety_record_members (safety_record_id, user_id, added_by) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING RETURNING user_id',
          [id, userId, actor.id]);
        if (added.length) await addRelation(tx, { clientId: ref.clientId, userId, reason: 'safety_case' });
        return loadView(tx, ref, access, true);
      });
    },

    /**
     * Break-the-glass on a sealed record, step 1: someone who may see the client asks, with a reason.
     * Nothing opens until another person approves (decideAccess); asking twice gives the open request.
     */
    requestAccess: async (id: string, reason: string): Promise<AccessRequestView> => {
      const ref = await refOf(id);
      return store.changeClient(ref.clientId, { action: 'safety_record.access_request', activity, details: details(ref) }, async (tx) => {
        if (ref.registeredBy === actor.id || isCaseLead(actor, ref)
          || (await tx.query('SELECT 1 FROM safety_record_members WHERE safety_record_id = $1 AND user_id = $2', [id, actor.id])).length) {
          throw conflict('U bent al bij dit dossier betrokken / You are already on this case', 'already_on_case');
        }
        const [open] = await tx.query<{ id: string }>('SELECT id FROM safety_access_requests WHERE safety_record_id = $1 AND requested_by = $2 AND decided_at IS NULL', [id, actor.id]);
        if (open) return accessRequest(tx, open.id);
        // One open request per person and record (a partial unique index, 241): a concurrent second ask finds the first.
        const [created] = await tx.query<{ id: string }>(`INSERT INTO safety_access_requests (safety_record_id, requested_by, reason) VALUES ($1,$2,$3)
          ON CONFLICT (safety_record_id, requested_by) WHERE decided_at IS NULL DO NOTHING RETURNING id`, [id, actor.id, reason]);
        if (!created) {
          const [other] = await tx.query<{ id: string }>('SELECT id FROM safety_access_requests WHERE safety_record_id = $1 AND requested_by = $2 AND decided_at IS NULL', [id, actor.id]);
          return accessRequest(tx, other!.id);
        }
        // Those who may approve learn of it: the team leads of the teams involved and the aandachtsfunctionarissen.
        const leads = await membersWithRole(tx, [ref.registeringTeamId, ref.teamId].filter((t): t is string => t !== null), Role.TeamLead);
        await sendMessages(tx, [...leads, ...await usersWithRole(tx, Role.SafetyOfficer)], 'safety_access_request', ref.clientId, ref.contactId);
        return accessRequest(tx, created.id);
      });
    },

    /** Break-the-glass, step 2: a team lead or the aandachtsfunctionaris on the case — never the one who asked — approves (for `hours`) or refuses. */
    decideAccess: async (id: string, requestId: string, approved: boolean, hours: number): Promise<AccessRequestView> => {
      const ref = await refOf(id);
      return store.change({ action: 'safety_record.access_decision', activity, clientId: ref.clientId, details: details(ref, { accessRequestId: requestId, approved, hours }) },
        async (tx) => {
          const [req] = await tx.query<{ requested_by: string; decided_at: Date | null }>(
            'SELECT requested_by, decided_at FROM safety_access_requests WHERE id = $1 AND safety_record_id = $2 FOR UPDATE', [requestId, id]);
          if (!req) throw notFound('Verzoek niet gevonden / Request not found');
          if (req.requested_by === actor.id) {
            throw forbidden('Een tweede persoon beslist over noodtoegang, niet degene die erom vroeg / A second person decides, not the one who asked', 'own_access_request');
          }
          requireLead(ref);
          if (req.decided_at) throw conflict('Over dit verzoek is al beslist / This request was already decided', 'access_request_decided');
          await tx.query(`UPDATE safety_access_requests SET decided_by = $2, decided_at = now(), approved = $3,
            expires_at = CASE WHEN $3 THEN now() + make_interval(hours => $4) END WHERE id = $1`, [requestId, actor.id, approved, hours]);
          return accessRequest(tx, requestId);
        });
    },
  };
}

async function accessRequest(q: Queryable, id: string): Promise<AccessRequestView> {
  const [r] = await q.query<{ id: string; requested_by: string; reason: string; requested_at: Date; decided_by: string | null; decided_at: Date | null;
    approved: boolean | null; expires_at: Date | null }>('SELECT id, requested_by, reason, requested_at, decided_by, decided_at, approved, expires_at FROM safety_access_requests WHERE id = $1', [id]);
  const users = await userNames(q, [r!.requested_by, r!.decided_by]);
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return { id: r!.id, requestedByName: users.get(r!.requested_by) ?? '', reason: r!.reason, requestedAt: iso(r!.requested_at)!,
    decidedByName: r!.decided_by ? users.get(r!.decided_by) ?? null : null, decidedAt: iso(r!.decided_at), approved: r!.approved, expiresAt: iso(r!.expires_at) };
}
