import { Secret, TOTP } from 'otpauth';

/** RFC 6238 TOTP, 30 s, 6 digits, one step of clock drift allowed. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, label: string): string {
  return new TOTP({ issuer: 'Wegwijs', label, secret: Secret.fromBase32(secret) }).toString();
}

export function verifyTotp(secret: string, code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return new TOTP({ secret: Secret.fromBase32(secret) }).validate({ token: code, window: 1 }) !== null;
}

export function currentTotp(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate();
}
