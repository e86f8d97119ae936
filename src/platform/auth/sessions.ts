import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db.ts';
import type { SessionTeam, SessionUser } from './schemas.ts';

export const SESSION_COOKIE = 'wegwijs_session';

export type { SessionTeam, SessionUser };

/** What every request needs: the user with team ids only (names are the org module's, looked up for the session view). */
export type Session = { tokenHash: string; csrfToken: string; mfaVerified: boolean; user: Omit<SessionUser, 'teams'> & { teams: { id: string }[] } };

/** Names and kinds of teams by id; the org module supplies it (the platform reads no module table). */
export type TeamLookup = (q: Queryable, ids: string[]) => Promise<SessionTeam[]>;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The user with roles and teams in one query: it runs on every request. */
const USER_SQL = `SELECT u.id, u.username, u.display_name, u.totp_enabled, u.must_change_password,
    coalesce((SELECT array_agg(role ORDER BY role) FROM user_roles WHERE user_id = u.id), '{}') AS roles,
    coalesce((SELECT array_agg(team_id) FROM team_members WHERE user_id = u.id), '{}') AS team_ids
  FROM users u`;
type UserRow = { id: string; username: string; display_name: string; totp_enabled: boolean; must_change_password: boolean; roles: string[]; team_ids: string[] };

const toUser = (u: UserRow): Session['user'] => ({ id: u.id, username: u.username, displayName: u.display_name, roles: u.roles,
  teams: u.team_ids.map((id) => ({ id })), totpEnabled: u.totp_enabled, mustChangePassword: u.must_change_password });

/** The active user with the names of their teams (ordered by name), for the session view. */
export async function loadUser(q: Queryable, userId: string, lookupTeams: TeamLookup): Promise<SessionUser | null> {
  const [u] = await q.query<UserRow>(`${USER_SQL} WHERE u.id = $1 AND u.active`, [userId]);
  return u ? { ...toUser(u), teams: await lookupTeams(q, u.team_ids) } : null;
}

export async function createSession(q: Queryable, userId: string, minutes: number, mfaVerified: boolean) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await q.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, mfa_verified, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
    [sha256(token), userId, csrfToken, mfaVerified, minutes]);
  return { token, csrfToken };
}

/** Finds a live session (within its absolute lifetime, not idle longer than idleMinutes) and its active user. */
export async function findSession(q: Queryable, token: string, idleMinutes: number): Promise<Session | null> {
  const tokenHash = sha256(token);
  const [s] = await q.query<UserRow & { csrf_token: string; mfa_verified: boolean; stale: boolean }>(
    `${USER_SQL.replace('FROM users u', `, s.csrf_token, s.mfa_verified, s.last_seen_at < now() - interval '1 minute' AS stale
     FROM sessions s JOIN users u ON u.id = s.user_id`)}
     WHERE s.token_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2) AND u.active`,
    [tokenHash, idleMinutes]);
  if (!s) return null;
  if (s.stale) await q.query('UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
  return { tokenHash, csrfToken: s.csrf_token, mfaVerified: s.mfa_verified, user: toUser(s) };
}

export async function deleteSession(q: Queryable, tokenHash: string) {
  await q.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}
