import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as dutch from '@zxcvbn-ts/language-nl-be';
import { AppError } from '../errors.ts';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
// N=2^15, r=8: ~50 ms on this machine; OWASP's minimum for scrypt.
const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length,
    { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return timingSafeEqual(expected, actual);
}

export const PasswordProblem = {
  TooShort: 'password_too_short',
  TooLong: 'password_too_long',
  ContainsUsername: 'password_contains_username',
  TooCommon: 'password_too_common',
} as const;
export type PasswordProblem = (typeof PasswordProblem)[keyof typeof PasswordProblem];

/** Who the password is for: their username and name must not make it guessable. */
export type PasswordOwner = { username?: string; displayName?: string };

/**
 * zxcvbn estimates how many guesses a password takes, against lists of common and leaked
 * passwords, English and Dutch words and names, keyboard patterns, dates and repeats. Built on
 * first use (the dictionaries take a moment); at most the first 100 characters are examined.
 */
let estimator: ZxcvbnFactory | null = null;
const strength = (pw: string, userInputs: string[]) => {
  estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...dutch.dictionary }, graphs: common.adjacencyGraphs, maxLength: 100 });
  return estimator.check(pw, userInputs);
};

/** zxcvbn score 4: an estimated 10^10 guesses or more ("Welkom2026!!" and "Feyenoord1908!" score 3). */
export const MIN_STRENGTH = 4;

const MESSAGES: Record<PasswordProblem, string> = {
  password_too_short: 'Het wachtwoord moet minstens 12 tekens hebben / The password must have at least 12 characters',
  password_too_long: 'Het wachtwoord is te lang / The password is too long',
  password_contains_username: 'Het wachtwoord mag de gebruikersnaam niet bevatten / The password must not contain the username',
  password_too_common: 'Dit wachtwoord is te makkelijk te raden (het lijkt op veelgebruikte of uitgelekte wachtwoorden); kies bijvoorbeeld een zin van een paar woorden / This password is too easy to guess (it resembles common or leaked passwords); try a sentence of a few words',
};

/**
 * Password policy (BIO 9.4.3, NIST SP 800-63B §5.1.1.2): length over complexity; refused when it
 * contains the username or is easy to guess from common and leaked passwords, words and the
 * owner's own name. No composition rules, no expiry (docs/security.md).
 */
export function checkPassword(pw: string, owner: PasswordOwner = {}): PasswordProblem | null {
  if (pw.length < 12) return PasswordProblem.TooShort;
  if (pw.length > 200) return PasswordProblem.TooLong;
  const username = owner.username?.toLowerCase();
  if (username && username.length >= 3 && pw.toLowerCase().includes(username)) return PasswordProblem.ContainsUsername;
  const inputs = [owner.username, ...(owner.displayName?.split(/\s+/) ?? []), 'wegwijs', 'rotterdam', 'gemeente'].filter((s): s is string => !!s);
  if (strength(pw, inputs).score < MIN_STRENGTH) return PasswordProblem.TooCommon;
  return null;
}

/** The policy's message (Dutch / English), or null when the password is fine. */
export function passwordProblem(pw: string, owner: PasswordOwner = {}): string | null {
  const problem = checkPassword(pw, owner);
  return problem ? MESSAGES[problem] : null;
}

/** A 400 naming the field and the rule, or null when the password is fine. */
export function passwordRefusal(pw: string, field: string, owner: PasswordOwner = {}): AppError | null {
  const problem = checkPassword(pw, owner);
  return problem ? new AppError(problem, 400, MESSAGES[problem], field) : null;
}
