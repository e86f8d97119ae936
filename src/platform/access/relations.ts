import type { Queryable } from '../db.ts';

/**
 * Need-to-know relations (client_relations), owned by the platform: which user or team/desk is
 * involved with a client. Modules record involvement through these functions, inside their own
 * transaction, so the relation commits or rolls back with the work that caused it.
 */
export type Relation = { clientId: string; userId?: string | null; teamId?: string | null; reason: string };

export async function addRelation(tx: Queryable, r: Relation): Promise<void> {
  await tx.query('INSERT INTO client_relations (client_id, user_id, team_id, reason) VALUES ($1,$2,$3,$4)',
    [r.clientId, r.userId ?? null, r.teamId ?? null, r.reason]);
}

/** Gives `toClientId` every current relation of `fromClientId` (a merge), marked with `reason` so it can be ended again. */
export async function copyRelations(tx: Queryable, fromClientId: string, toClientId: string, reason: string): Promise<void> {
  await tx.query(`INSERT INTO client_relations (client_id, user_id, team_id, reason)
    SELECT $2, user_id, team_id, $3 FROM client_relations WHERE client_id = $1 AND (until IS NULL OR until > now())`, [fromClientId, toClientId, reason]);
}

/** Ends the current relations of a client that were recorded with `reason` (e.g. an undone merge). */
export async function endRelations(tx: Queryable, clientId: string, reason: string): Promise<void> {
  await tx.query('UPDATE client_relations SET until = now() WHERE client_id = $1 AND reason = $2 AND until IS NULL', [clientId, reason]);
}

/**
 * SQL for the ids of the teams/desks currently involved with a client, as a uuid[] column
 * (e.g. a search hit's "registered at"); the names come from the org module (teamsByIds).
 */
export const involvedTeamIdsSql = (clientIdSql: string) =>
  `ARRAY(SELECT DISTINCT r.team_id FROM client_relations r WHERE r.client_id = ${clientIdSql} AND r.team_id IS NOT NULL AND (r.until IS NULL OR r.until > now()))`;
