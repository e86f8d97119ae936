import type { Queryable } from './db.ts';

/** Reading the audit log (the platform owns audit_log): the privacy officer's viewer and the citizen's access log. */
export type AuditEvent = {
  id: number; at: Date; actorUserId: string | null; actorName: string | null; actorRoles: string[]; onBehalfOf: string | null; action: string;
  processingActivity: string; clientId: string | null; outcome: string; breakGlassId: string | null; remoteAddr: string | null; details: Record<string, unknown>;
};
/**
 * `action`: the action or its start ('client.' for every client action); `from`/`to`: days
 * (YYYY-MM-DD), inclusive, in Dutch time.
 */
export type AuditFilter = { clientId?: string; userId?: string; action?: string; outcome?: string; from?: string; to?: string; before?: number; limit: number };

/** Newest first. */
export const listAuditEvents = (q: Queryable, f: AuditFilter) => q.query<AuditEvent>(
  `SELECT id, at, actor_user_id AS "actorUserId", actor_name AS "actorName", actor_roles AS "actorRoles", on_behalf_of AS "onBehalfOf",
     action, processing_activity AS "processingActivity", client_id AS "clientId", outcome, break_glass_id AS "breakGlassId",
     remote_addr AS "remoteAddr", details
   FROM audit_log
   WHERE ($1::uuid IS NULL OR client_id = $1) AND ($2::uuid IS NULL OR actor_user_id = $2)
     AND ($3::text IS NULL OR left(action, length($3::text)) = $3::text)
     AND ($4::text IS NULL OR outcome = $4) AND ($5::bigint IS NULL OR id < $5)
     AND ($7::date IS NULL OR at >= ($7::date)::timestamp AT TIME ZONE 'Europe/Amsterdam')
     AND ($8::date IS NULL OR at < ($8::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam')
   ORDER BY id DESC LIMIT $6`,
  [f.clientId ?? null, f.userId ?? null, f.action || null, f.outcome ?? null, f.before ?? null, f.limit, f.from ?? null, f.to ?? null]);

/** What was done under these break-the-glass accesses (oldest first, at most 100 each): what the privacy officer reviews. */
export const eventsUnderBreakGlass = (q: Queryable, breakGlassIds: readonly string[]) => q.query<{ breakGlassId: string; at: Date; action: string; outcome: string }>(
  `SELECT break_glass_id AS "breakGlassId", at, action, outcome FROM (
     SELECT break_glass_id, at, action, outcome, id, row_number() OVER (PARTITION BY break_glass_id ORDER BY id) AS n
     FROM audit_log WHERE break_glass_id = ANY($1::uuid[])) x
   WHERE n <= 100 ORDER BY id`, [[...breakGlassIds]]);

/** Successful actions of staff on these clients, newest first (at most 200): who looked at a citizen's file. */
export const staffActionsOn = (q: Queryable, clientIds: readonly string[]) => q.query<{ at: Date; action: string; actorUserId: string }>(
  `SELECT at, action, actor_user_id AS "actorUserId" FROM audit_log
   WHERE client_id = ANY($1::uuid[]) AND actor_user_id IS NOT NULL AND outcome = 'success' ORDER BY id DESC LIMIT 200`, [[...clientIds]]);
