import type { Queryable } from '../db.ts';
import { AppError } from '../errors.ts';

/**
 * Back-off after failed logins, per account and per client address, instead of a lock anyone
 * could trigger by typing someone's username five times (docs/security.md, "Failed logins").
 * The account key is the username as typed, whether it exists or not, so a real and an unknown
 * user get the same answers. Like Keycloak's brute-force detection: a growing wait, a maximum
 * wait, and the count forgotten after a quiet day or a success.
 */
export const LoginBackoff = {
  /** Failures in a row that cost nothing; the next attempt waits. */
  freeFailures: { account: 5, address: 20 },
  firstWaitSeconds: 15,
  maxWaitSeconds: 15 * 60,
  forgetAfterHours: 24,
} as const;

export type LoginKeys = { account: string; address: string };
export const loginKeys = (username: string, address: string): LoginKeys => ({ account: `account:${username}`, address: `address:${address}` });

/** Seconds to wait after `failures` failures in a row with `free` free ones: 15 s, 30 s, 1 min, … up to 15 min. */
export function waitAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(LoginBackoff.firstWaitSeconds * 2 ** (failures - free), LoginBackoff.maxWaitSeconds);
}

/**
 * Starts an attempt. While a key is in back-off the attempt is refused (the seconds to wait are
 * returned) and not counted. Otherwise it is counted as a failure right away and a success
 * clears it (loginSucceeded): so parallel guesses cannot all slip in before the first one fails.
 */
export async function startLoginAttempt(q: Queryable, keys: LoginKeys, username: string): Promise<number> {
  const [blocked] = await q.query<{ wait: number | null }>(
    `SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int AS wait FROM login_throttle
     WHERE key = ANY($1::text[]) AND blocked_until > now()`, [[keys.account, keys.address]]);
  if (blocked?.wait) return blocked.wait;
  for (const kind of ['account', 'address'] as const) {
    const [row] = await q.query<{ failures: number }>(
      `INSERT INTO login_throttle (key, failures, last_failure_at) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET last_failure_at = now(), failures =
         CASE WHEN login_throttle.last_failure_at < now() - make_interval(hours => $2) THEN 1 ELSE login_throttle.failures + 1 END
       RETURNING failures`, [keys[kind], LoginBackoff.forgetAfterHours]);
    const wait = waitAfter(row!.failures, LoginBackoff.freeFailures[kind]);
    if (wait > 0) {
      await q.query('UPDATE login_throttle SET blocked_until = now() + make_interval(secs => $2) WHERE key = $1', [keys[kind], wait]);
      // Shown to administrators as "locked" (they can end the wait: clearLoginBackoff).
      if (kind === 'account') await q.query('UPDATE users SET locked_until = now() + make_interval(secs => $2) WHERE username = $1', [username, wait]);
    }
  }
  return 0;
}

/** A success forgets the failures of the account and of the address. */
export async function loginSucceeded(q: Queryable, keys: LoginKeys, userId: string) {
  await q.query('DELETE FROM login_throttle WHERE key = ANY($1::text[])', [[keys.account, keys.address]]);
  await q.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [userId]);
}

/** An administrator ends a user's wait (unlock, password reset). */
export async function clearLoginBackoff(q: Queryable, userId: string) {
  await q.query(`DELETE FROM login_throttle WHERE key = 'account:' || (SELECT username FROM users WHERE id = $1)`, [userId]);
  await q.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [userId]);
}

export const loginBackoff = (seconds: number) => new AppError('login_backoff', 429,
  `Te veel mislukte pogingen; probeer het over ${seconds} seconden opnieuw / Too many failed attempts; try again in ${seconds} seconds`,
  undefined, { retryAfter: seconds });
