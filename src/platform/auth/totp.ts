import { Secret, TOTP } from 'otpauth';
import type { Queryable } from '../db.ts';

/** RFC 6238 TOTP, 30 s, 6 digits, one step of clock drift allowed. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, label: string): string {
  return new TOTP({ issuer: 'Wegwijs', label, secret: Secret.fromBase32(secret) }).toString();
}

/** The time step (RFC 6238 counter) a valid code belongs to, or null when the code is wrong or expired. */
export function totpStep(secret: string, code: string): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  const delta = totp.validate({ token: code, window: 1 });
  return delta === null ? null : totp.counter() + delta;
}

/**
 * Claims a time step for the user: true once per step, and never for a step at or before the
 * last one claimed, so every code is accepted only once (RFC 6238 §5.2). Atomic under concurrency.
 */
export async function claimTotpStep(q: Queryable, userId: string, step: number): Promise<boolean> {
  const rows = await q.query('UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id', [userId, step]);
  return rows.length > 0;
}

/** The code of the current time step, or `steps` steps later (tests, the demo). */
export function currentTotp(secret: string, steps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * 30_000 });
}
