import type { Actor } from '../../platform/access/context.ts';
import { Role } from '../../platform/access/roles.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * Who may see a sealed safety record (DOMAIN §3.4: the tightest access in the system). Not the
 * client's need-to-know (a relation of the user or their team): a safety record is sealed also
 * from colleagues who work with the client. On the case are:
 * - the professional who registered the signal, and professionals assigned to the record;
 * - the team lead(s) of the teams involved: the desk or team that registered it and the
 *   neighbourhood team of the client's postcode;
 * - the aandachtsfunctionaris (role safety_officer), organisation-wide;
 * - and, for a few hours, someone whose break-the-glass request another person approved.
 */
export type SafetyRecordRef = { id: string; clientId: string; contactId: string; registeredBy: string | null; registeringTeamId: string; teamId: string | null };

export const CaseRole = {
  Registered: 'registered', Member: 'member', TeamLead: 'team_lead', SafetyOfficer: 'safety_officer', ApprovedRequest: 'approved_request',
} as const;
export type CaseRole = (typeof CaseRole)[keyof typeof CaseRole];

export type CaseAccess = { via: CaseRole; accessRequestId?: string; until?: string };

const REF = `SELECT id, client_id AS "clientId", contact_id AS "contactId", registered_by AS "registeredBy",
  registering_team_id AS "registeringTeamId", team_id AS "teamId" FROM safety_records`;

export async function findSafetyRecordRef(q: Queryable, id: string): Promise<SafetyRecordRef | null> {
  const [r] = await q.query<SafetyRecordRef>(`${REF} WHERE id = $1`, [id]);
  return r ?? null;
}

/** A team lead or the aandachtsfunctionaris on the case: who may assign colleagues and approve a break-the-glass request. */
export function isCaseLead(actor: Actor, r: SafetyRecordRef): boolean {
  if (actor.roles.includes(Role.SafetyOfficer)) return true;
  return actor.roles.includes(Role.TeamLead) && [r.registeringTeamId, r.teamId].some((t) => t !== null && actor.teamIds.includes(t));
}

/** How the actor is on the case of this record, or null. */
export async function caseAccess(q: Queryable, actor: Actor, r: SafetyRecordRef): Promise<CaseAccess | null> {
  if (actor.kind === 'system') return { via: 'registered' };
  if (actor.kind !== 'user' || !actor.id) return null;
  if (r.registeredBy === actor.id) return { via: 'registered' };
  if (actor.roles.includes(Role.SafetyOfficer)) return { via: 'safety_officer' };
  if (isCaseLead(actor, r)) return { via: 'team_lead' };
  const [row] = await q.query<{ member: boolean; request_id: string | null; until: Date | null }>(
    `SELECT EXISTS (SELECT 1 FROM safety_record_members WHERE safety_record_id = $1 AND user_id = $2) AS member,
       a.id AS request_id, a.expires_at AS until
     FROM (SELECT 1) x LEFT JOIN LATERAL (SELECT id, expires_at FROM safety_access_requests
       WHERE safety_record_id = $1 AND requested_by = $2 AND approved AND expires_at > now() ORDER BY expires_at DESC LIMIT 1) a ON true`, [r.id, actor.id]);
  if (row?.member) return { via: 'member' };
  if (row?.request_id) return { via: 'approved_request', accessRequestId: row.request_id, until: new Date(row.until!).toISOString() };
  return null;
}

/** The refusal: its own code while a break-the-glass request waits for a second person's approval. */
export async function sealedRefusal(q: Queryable, actor: Actor, r: SafetyRecordRef): Promise<AppError> {
  const [pending] = actor.id ? await q.query<{ id: string }>(
    'SELECT id FROM safety_access_requests WHERE safety_record_id = $1 AND requested_by = $2 AND decided_at IS NULL', [r.id, actor.id]) : [];
  if (pending) {
    return new AppError('sealed_access_pending', 403,
      'Uw verzoek om noodtoegang wacht op goedkeuring door een tweede persoon (teamleider of aandachtsfunctionaris) / '
      + 'Your break-the-glass request awaits approval by a second person (team lead or safety officer)', undefined, { accessRequestId: pending.id });
  }
  return new AppError('sealed_record', 403,
    'Dit veiligheidsdossier is afgeschermd: alleen de betrokken professionals, de teamleider en de aandachtsfunctionaris zien het / '
    + 'This safety record is sealed: only the professionals on the case, the team lead and the safety officer see it');
}

/** The actor's access, or the refusal. */
export async function requireCaseAccess(q: Queryable, actor: Actor, r: SafetyRecordRef): Promise<CaseAccess> {
  const access = await caseAccess(q, actor, r);
  if (!access) throw await sealedRefusal(q, actor, r);
  return access;
}

/**
 * For the client timeline: the safety record of each sealed contact, and whether this actor may open it
 * (everyone else sees only that a sealed record exists).
 */
export async function sealedRecordsOfContacts(q: Queryable, actor: Actor, contactIds: readonly string[]): Promise<Map<string, { id: string; mayOpen: boolean }>> {
  if (contactIds.length === 0) return new Map();
  const refs = await q.query<SafetyRecordRef>(`${REF} WHERE contact_id = ANY($1::uuid[])`, [[...contactIds]]);
  const out = new Map<string, { id: string; mayOpen: boolean }>();
  for (const r of refs) out.set(r.contactId, { id: r.id, mayOpen: (await caseAccess(q, actor, r)) !== null });
  return out;
}

/** The safety record a contact opened, if any (e.g. to link a notification to it). */
export async function safetyRecordIdsOfContacts(q: Queryable, contactIds: readonly string[]): Promise<Map<string, string>> {
  if (contactIds.length === 0) return new Map();
  const rows = await q.query<{ id: string; contact_id: string }>('SELECT id, contact_id FROM safety_records WHERE contact_id = ANY($1::uuid[])', [[...contactIds]]);
  return new Map(rows.map((r) => [r.contact_id, r.id]));
}

/** Which of these clients have a safety record (every safety record is sealed): the client-experience survey leaves them out. */
export async function clientsWithSafetyRecord(q: Queryable, clientIds: readonly string[]): Promise<Set<string>> {
  if (clientIds.length === 0) return new Set();
  const rows = await q.query<{ client_id: string }>('SELECT DISTINCT client_id FROM safety_records WHERE client_id = ANY($1::uuid[])', [[...clientIds]]);
  return new Set(rows.map((r) => r.client_id));
}

/**
 * The client's open safety record (not closed), the newest if there are several, or null: an escalation
 * to Veilig Thuis on a trajectory links it instead of starting a second record.
 */
export async function openSafetyRecordOfClient(q: Queryable, clientId: string): Promise<string | null> {
  const [r] = await q.query<{ id: string }>(`SELECT id FROM safety_records WHERE client_id = $1 AND status <> 'closed' ORDER BY created_at DESC LIMIT 1`, [clientId]);
  return r?.id ?? null;
}

/** Whether this actor is on the case of each of these records (a link elsewhere shows only that a sealed record exists). */
export async function mayOpenSafetyRecords(q: Queryable, actor: Actor, ids: readonly string[]): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  for (const id of new Set(ids)) {
    const ref = await findSafetyRecordRef(q, id);
    out.set(id, ref ? (await caseAccess(q, actor, ref)) !== null : false);
  }
  return out;
}
