import type { Queryable } from '../db.ts';
import { CLIENT_ROLES } from './roles.ts';
import type { Actor } from './context.ts';

export type ClientAccess =
  | { allowed: true; via: 'relation' | 'team' | 'break_glass'; breakGlassId?: string }
  | { allowed: false; reason: 'no_client_role' | 'no_relation' };

/**
 * Need-to-know (AVG art. 5, NEN 7513): a professional may see a client when they hold a
 * client role AND are involved with the client themselves, or belong to a team or desk
 * that is, or hold an unexpired break-the-glass grant for this client.
 */
export async function checkClientAccess(q: Queryable, actor: Actor, clientId: string): Promise<ClientAccess> {
  if (actor.kind === 'system') return { allowed: true, via: 'relation' };
  if (!actor.roles.some((r) => (CLIENT_ROLES as readonly string[]).includes(r))) {
    return { allowed: false, reason: 'no_client_role' };
  }
  const rows = await q.query<{ via: string; break_glass_id: string | null }>(
    `SELECT 'relation' AS via, NULL::uuid AS break_glass_id FROM client_relations
       WHERE client_id = $1 AND user_id = $2 AND (until IS NULL OR until > now())
     UNION ALL
     SELECT 'team', NULL FROM client_relations
       WHERE client_id = $1 AND team_id = ANY($3::uuid[]) AND (until IS NULL OR until > now())
     UNION ALL
     SELECT 'break_glass', id FROM break_glass
       WHERE client_id = $1 AND user_id = $2 AND expires_at > now()
     LIMIT 1`,
    [clientId, actor.id, actor.teamIds],
  );
  const row = rows[0];
  if (!row) return { allowed: false, reason: 'no_relation' };
  return { allowed: true, via: row.via as 'relation' | 'team' | 'break_glass', breakGlassId: row.break_glass_id ?? undefined };
}
