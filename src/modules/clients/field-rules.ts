/**
 * The field rules the server and the browser share, so a form can report every mistake in one
 * round before it is sent, in the same words the API would use. Pure: no I/O, no zod. Each check
 * returns null when the value is fine, else the message in both languages ("Nederlands / English"
 * on the API; the UI shows its own language).
 */
import { isValidBsn } from './bsn.ts';
import { normalisePostcode } from '../org/postcode.ts';

export type RuleMessage = { nl: string; en: string };

export const ruleMessages = {
  bsn: { nl: 'Het BSN klopt niet: controleer de cijfers.', en: 'The BSN is not right: check the digits.' },
  postcode: { nl: 'De postcode klopt niet: vul vier cijfers en twee letters in, zoals 3032 CD.', en: 'The postcode is not right: enter four digits and two letters, such as 3032 CD.' },
  phone: {
    nl: 'Het telefoonnummer klopt niet: vul tien cijfers in, zoals 06 12345678 of 010 1234567, of een nummer met landcode, zoals +31 6 12345678.',
    en: 'The phone number is not right: enter ten digits, such as 06 12345678 or 010 1234567, or a number with a country code, such as +31 6 12345678.',
  },
  dateInvalid: { nl: 'Deze datum bestaat niet: controleer dag, maand en jaar.', en: 'This date does not exist: check the day, month and year.' },
  birthDateFuture: { nl: 'De geboortedatum ligt in de toekomst: controleer de datum.', en: 'The birth date is in the future: check the date.' },
  birthDateTooEarly: { nl: 'De geboortedatum ligt vóór 1900: controleer het jaar.', en: 'The birth date is before 1900: check the year.' },
  dateFuture: { nl: 'De datum ligt in de toekomst: controleer de datum.', en: 'The date is in the future: check the date.' },
} as const satisfies Record<string, RuleMessage>;

/** "Nederlands / English", as the API's messages are written. */
export const apiMessage = (m: RuleMessage) => `${m.nl} / ${m.en}`;

/** The earliest birth date Wegwijs accepts: anything earlier is a typing error (0001-01-01, 1900 for "unknown"). */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** Today in the Netherlands as YYYY-MM-DD (the browser's clock and the server's agree on the zone). */
export const todayInNl = (now = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);

/** A calendar date written YYYY-MM-DD that exists (no 31 April, 29 February only in leap years). */
export function isRealDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v;
}

/** Dutch numbers: ten digits starting with 0 (0800/0900 numbers may be shorter), or + country code and 8–15 digits; spaces, dashes, dots and brackets are allowed. */
export function isValidPhone(v: string): boolean {
  const digits = v.trim().replace(/[\s\-.()]/g, '');
  return /^0\d{9}$/.test(digits) || /^0[89]0\d{4,8}$/.test(digits) || /^\+[1-9]\d{7,14}$/.test(digits);
}

export const checkBsn = (v: string): RuleMessage | null => (isValidBsn(v.replace(/\s/g, '')) ? null : ruleMessages.bsn);
export const checkPostcode = (v: string): RuleMessage | null => (normalisePostcode(v) ? null : ruleMessages.postcode);
export const checkPhone = (v: string): RuleMessage | null => (isValidPhone(v) ? null : ruleMessages.phone);

export function checkBirthDate(v: string, today = todayInNl()): RuleMessage | null {
  if (!isRealDate(v)) return ruleMessages.dateInvalid;
  if (v > today) return ruleMessages.birthDateFuture;
  if (v < EARLIEST_BIRTH_DATE) return ruleMessages.birthDateTooEarly;
  return null;
}
