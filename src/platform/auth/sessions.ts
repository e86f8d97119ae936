import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db.ts';

export const SESSION_COOKIE = 'wegwijs_session';

export type SessionUser = {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  teams: { id: string; name: string; kind: string }[];
  totpEnabled: boolean;
  mustChangePassword: boolean;
};

export type Session = { tokenHash: string; csrfToken: string; mfaVerified: boolean; user: SessionUser };

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function loadUser(q: Queryable, userId: string): Promise<SessionUser | null> {
  const rows = await q.query<{ id: string; username: string; display_name: string; totp_enabled: boolean; must_change_password: boolean; active: boolean }>(
    'SELECT id, username, display_name, totp_enabled, must_change_password, active FROM users WHERE id = $1', [userId]);
  const u = rows[0];
  if (!u?.active) return null;
  const roles = await q.query<{ role: string }>('SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role', [userId]);
  const teams = await q.query<{ id: string; name: string; kind: string }>(
    'SELECT t.id, t.name, t.kind FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = $1 ORDER BY t.name', [userId]);
  return { id: u.id, username: u.username, displayName: u.display_name, roles: roles.map((r) => r.role), teams,
    totpEnabled: u.totp_enabled, mustChangePassword: u.must_change_password };
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

/** Finds a live session: within its absolute lifetime and not idle for longer than idleMinutes. */
export async function findSession(q: Queryable, token: string, idleMinutes: number): Promise<Session | null> {
  const tokenHash = sha256(token);
  const rows = await q.query<{ user_id: string; csrf_token: string; mfa_verified: boolean; stale: boolean }>(
    `SELECT user_id, csrf_token, mfa_verified, last_seen_at < now() - interval '1 minute' AS stale FROM sessions
     WHERE token_hash = $1 AND expires_at > now() AND last_seen_at > now() - make_interval(mins => $2)`,
    [tokenHash, idleMinutes]);
  const s = rows[0];
  if (!s) return null;
  const user = await loadUser(q, s.user_id);
  if (!user) return null;
  if (s.stale) await q.query('UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
  return { tokenHash, csrfToken: s.csrf_token, mfaVerified: s.mfa_verified, user };
}

export async function deleteSession(q: Queryable, tokenHash: string) {
  await q.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}
