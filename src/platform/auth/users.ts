import type { Queryable } from '../db.ts';

/**
 * Staff users, their roles and team memberships (users, user_roles, team_members), owned by the
 * platform: the auth plugin reads them on every request and the platform never imports a module.
 * The admin module manages staff through these functions; other modules ask them who is who.
 */
export type UserView = {
  id: string; username: string; displayName: string; email: string | null; active: boolean; roles: string[]; teamIds: string[];
  totpEnabled: boolean; locked: boolean; mustChangePassword: boolean; version: number;
};

export function listUsers(q: Queryable, id?: string) {
  return q.query<UserView>(
    `SELECT u.id, u.username, u.display_name AS "displayName", u.email, u.active, u.totp_enabled AS "totpEnabled",
       coalesce(u.locked_until > now(), false) AS locked, u.must_change_password AS "mustChangePassword", u.version,
       coalesce((SELECT array_agg(role ORDER BY role) FROM user_roles WHERE user_id = u.id), '{}') AS roles,
       coalesce((SELECT array_agg(team_id) FROM team_members WHERE user_id = u.id), '{}') AS "teamIds"
     FROM users u WHERE ($1::uuid IS NULL OR u.id = $1) ORDER BY u.display_name`, [id ?? null]);
}

/** Replaces the roles and/or the teams of a user (undefined: leave as is). */
export async function setRolesAndTeams(tx: Queryable, userId: string, roles?: string[], teamIds?: string[]) {
  if (roles) {
    await tx.query('DELETE FROM user_roles WHERE user_id = $1', [userId]);
    for (const role of new Set(roles)) await tx.query('INSERT INTO user_roles (user_id, role) VALUES ($1,$2)', [userId, role]);
  }
  if (teamIds) {
    await tx.query('DELETE FROM team_members WHERE user_id = $1', [userId]);
    for (const t of new Set(teamIds)) await tx.query('INSERT INTO team_members (user_id, team_id) VALUES ($1,$2)', [userId, t]);
  }
}

/** A new user who must choose a new password at first login. */
export async function createUser(tx: Queryable, u: { username: string; displayName: string; email?: string | null; passwordHash: string; roles: string[]; teamIds: string[] }) {
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO users (username, display_name, email, password_hash, must_change_password) VALUES ($1,$2,$3,$4,true) RETURNING id',
    [u.username, u.displayName, u.email ?? null, u.passwordHash]);
  await setRolesAndTeams(tx, row!.id, u.roles, u.teamIds);
  return row!.id;
}

export type UserChange = { displayName?: string; email?: string | null; roles?: string[]; teamIds?: string[]; active?: boolean; unlock?: boolean };

/**
 * Changes a user; deactivating ends their sessions. False when there is no such user, or (with
 * `version`, the one the change is based on) when someone else changed it since.
 */
export async function updateUser(tx: Queryable, id: string, b: UserChange, version?: number): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE users SET display_name = coalesce($2, display_name), email = CASE WHEN $3::boolean THEN $4 ELSE email END,
       active = coalesce($5, active),
       failed_logins = CASE WHEN $6 THEN 0 ELSE failed_logins END, locked_until = CASE WHEN $6 THEN NULL ELSE locked_until END,
       updated_at = now(), version = version + 1 WHERE id = $1 AND ($7::integer IS NULL OR version = $7) RETURNING id`,
    [id, b.displayName ?? null, b.email !== undefined, b.email ?? null, b.active ?? null, b.unlock === true, version ?? null]);
  if (!rows[0]) return false;
  await setRolesAndTeams(tx, id, b.roles, b.teamIds);
  if (b.active === false) await endSessionsOf(tx, id);
  return true;
}

/** A temporary password: unlocks the account, ends its sessions, the user must choose a new one. False when there is no such user. */
export async function resetPassword(tx: Queryable, id: string, passwordHash: string, resetTotp: boolean): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE users SET password_hash = $2, must_change_password = true, failed_logins = 0, locked_until = NULL,
       totp_enabled = CASE WHEN $3 THEN false ELSE totp_enabled END, totp_secret = CASE WHEN $3 THEN NULL ELSE totp_secret END,
       updated_at = now() WHERE id = $1 RETURNING id`, [id, passwordHash, resetTotp]);
  if (rows[0]) await endSessionsOf(tx, id);
  return rows.length > 0;
}

async function endSessionsOf(tx: Queryable, userId: string) {
  await tx.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

/** Display names by user id (unknown ids are absent). */
export async function userNames(q: Queryable, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (wanted.length === 0) return new Map();
  const rows = await q.query<{ id: string; display_name: string }>('SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])', [wanted]);
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function findUserIdByUsername(q: Queryable, username: string): Promise<string | null> {
  const [row] = await q.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  return row?.id ?? null;
}

export async function isTeamMember(q: Queryable, teamId: string, userId: string | null | undefined): Promise<boolean> {
  if (!userId) return false;
  return (await q.query('SELECT 1 FROM team_members WHERE team_id = $1 AND user_id = $2', [teamId, userId])).length > 0;
}

/** Team ids per user (users without a team are absent). */
export async function teamIdsOfUsers(q: Queryable, userIds: readonly (string | null | undefined)[]): Promise<Map<string, string[]>> {
  const wanted = [...new Set(userIds.filter((i): i is string => !!i))];
  const out = new Map<string, string[]>();
  if (wanted.length === 0) return out;
  const rows = await q.query<{ user_id: string; team_id: string }>('SELECT user_id, team_id FROM team_members WHERE user_id = ANY($1::uuid[])', [wanted]);
  for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.team_id]);
  return out;
}

/** Active members of a team holding one of `roles`, by name. */
export const teamMembersWithRoles = (q: Queryable, teamId: string, roles: readonly string[]) => q.query<{ id: string; displayName: string }>(
  `SELECT u.id, u.display_name AS "displayName" FROM team_members m JOIN users u ON u.id = m.user_id
   WHERE m.team_id = $1 AND u.active AND EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id AND ur.role = ANY($2::text[]))
   ORDER BY u.display_name`, [teamId, [...roles]]);

/** Ids of the active users who hold `role`, whatever their team (e.g. the organisation's safety officers). */
export async function usersWithRole(q: Queryable, role: string): Promise<string[]> {
  const rows = await q.query<{ user_id: string }>('SELECT r.user_id FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = $1 AND u.active', [role]);
  return rows.map((r) => r.user_id);
}

/** Ids of the users in any of `teamIds` who hold `role` (active or not, as notifications are kept for them). */
export async function membersWithRole(q: Queryable, teamIds: readonly string[], role: string): Promise<string[]> {
  const rows = await q.query<{ user_id: string }>(
    `SELECT DISTINCT m.user_id FROM team_members m JOIN user_roles r ON r.user_id = m.user_id AND r.role = $1
     WHERE m.team_id = ANY($2::uuid[])`, [role, [...teamIds]]);
  return rows.map((r) => r.user_id);
}
