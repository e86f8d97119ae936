import type { Queryable } from '../db.ts';
import { CLIENT_ROLES } from './roles.ts';
import type { Actor } from './context.ts';

export type ClientAccess =
  | { allowed: true; via: 'relation' | 'break_glass' | 'system'; breakGlassId?: string }
  | { allowed: false; reason: 'no_client_role' | 'no_relation' };

const hasClientRole = (actor: Actor) => actor.roles.some((r) => (CLIENT_ROLES as readonly string[]).includes(r));

/** Adds a query parameter and returns its placeholder (`$n`). */
export type Param = (value: unknown) => string;

/** The actor, or a team or desk they belong to, is involved with the client (an open relation). */
function relatedSql(actor: Actor, clientId: string, user: string, p: Param): string {
  return `EXISTS (SELECT 1 FROM client_relations vr WHERE vr.client_id = ${clientId}
            AND (vr.user_id = ${user} OR vr.team_id = ANY(${p(actor.teamIds)}::uuid[])) AND (vr.until IS NULL OR vr.until > now()))`;
}

/** The actor's unexpired break-the-glass grant for the client (its id, or NULL). */
function breakGlassSql(clientId: string, user: string): string {
  return `(SELECT vb.id FROM break_glass vb WHERE vb.client_id = ${clientId} AND vb.user_id = ${user} AND vb.expires_at > now()
           ORDER BY vb.expires_at DESC LIMIT 1)`;
}

/**
 * Need-to-know as one SQL condition (AVG art. 5, NEN 7513): a professional may see a client when
 * they hold a client role AND are involved with the client themselves, or belong to a team or desk
 * that is, or hold an unexpired break-the-glass grant for this client. `clientId` is the SQL
 * expression of the client's id (e.g. `c.id`). Every list uses this fragment and the single check
 * below is built from the same parts, so the rule exists once.
 */
export function visibleToSql(actor: Actor, clientId: string, p: Param): string {
  if (actor.kind === 'system') return 'true';
  if (!hasClientRole(actor) || !actor.id) return 'false';
  const user = p(actor.id);
  return `(${relatedSql(actor, clientId, user, p)} OR ${breakGlassSql(clientId, user)} IS NOT NULL)`;
}

/**
 * The single-client check; it also names the break-the-glass grant the access rests on, for the
 * audit row. Store calls it inside the transaction of the work it guards.
 */
export async function checkClientAccess(q: Queryable, actor: Actor, clientId: string): Promise<ClientAccess> {
  if (actor.kind === 'system') return { allowed: true, via: 'system' };
  if (!hasClientRole(actor) || !actor.id) return { allowed: false, reason: 'no_client_role' };
  const params: unknown[] = [clientId, actor.id];
  const p: Param = (v) => { params.push(v); return `$${params.length}`; };
  const [row] = await q.query<{ related: boolean; break_glass_id: string | null }>(
    `SELECT ${relatedSql(actor, '$1::uuid', '$2::uuid', p)} AS related, ${breakGlassSql('$1::uuid', '$2::uuid')} AS break_glass_id`, params);
  if (row?.related) return { allowed: true, via: 'relation' };
  if (row?.break_glass_id) return { allowed: true, via: 'break_glass', breakGlassId: row.break_glass_id };
  return { allowed: false, reason: 'no_relation' };
}
