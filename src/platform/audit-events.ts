import type { Queryable } from './db.ts';

/** Reading the audit log (the platform owns audit_log): the privacy officer's viewer and the citizen's access log. */
export type AuditEvent = {
  id: number; at: Date; actorUserId: string | null; actorName: string | null; actorRoles: string[]; onBehalfOf: string | null; action: string;
  processingActivity: string; clientId: string | null; outcome: string; breakGlassId: string | null; remoteAddr: string | null; details: Record<string, unknown>;
};
export type AuditFilter = { clientId?: string; userId?: string; action?: string; outcome?: string; before?: number; limit: number };

/** Newest first. */
export const listAuditEvents = (q: Queryable, f: AuditFilter) => q.query<AuditEvent>(
  `SELECT id, at, actor_user_id AS "actorUserId", actor_name AS "actorName", actor_roles AS "actorRoles", on_behalf_of AS "onBehalfOf",
     action, processing_activity AS "processingActivity", client_id AS "clientId", outcome, break_glass_id AS "breakGlassId",
     remote_addr AS "remoteAddr", details
   FROM audit_log
   WHERE ($1::uuid IS NULL OR client_id = $1) AND ($2::uuid IS NULL OR actor_user_id = $2) AND ($3::text IS NULL OR action = $3)
     AND ($4::text IS NULL OR outcome = $4) AND ($5::bigint IS NULL OR id < $5)
   ORDER BY id DESC LIMIT $6`,
  [f.clientId ?? null, f.userId ?? null, f.action ?? null, f.outcome ?? null, f.before ?? null, f.limit]);

/** Successful actions of staff on these clients, newest first (at most 200): who looked at a citizen's file. */
export const staffActionsOn = (q: Queryable, clientIds: readonly string[]) => q.query<{ at: Date; action: string; actorUserId: string }>(
  `SELECT at, action, actor_user_id AS "actorUserId" FROM audit_log
   WHERE client_id = ANY($1::uuid[]) AND actor_user_id IS NOT NULL AND outcome = 'success' ORDER BY id DESC LIMIT 200`, [[...clientIds]]);
