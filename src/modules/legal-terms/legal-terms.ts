/**
 * Statutory terms (termijnen) and the Algemene termijnenwet (Atw), for every clock in Wegwijs.
 * Pure (no I/O): the server and the UI compute the same due dates. A legal date is a calendar date
 * in Europe/Amsterdam, written 'YYYY-MM-DD'; the days a royal decree adds to the holidays and the
 * norms (how long a term is) come from the database and are passed in (src/modules/legal-terms/store.ts).
 *
 * Where a newcomer finds each rule:
 *   Atw art. 1 (term ends on a Saturday, Sunday or holiday → next day that is none)  termEnd()
 *   Atw art. 2 (a term of ≥ 3 days holds at least two days that are none)            termEnd()
 *   Atw art. 3 (the generally recognised holidays)                                      generalHolidays()
 *   pauses the law allows (Awb 4:15: information missing, the client asks for time)     termEnd() / suspendedDays()
 */

/** A calendar date 'YYYY-MM-DD' (a legal date: Europe/Amsterdam). */
export type IsoDate = string;

const amsterdam = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Dutch calendar date of an instant: a contact at 00:30 Dutch time (22:30 or 23:30 UTC the day before) gets that Dutch date. */
export function amsterdamDate(instant: Date | string): IsoDate {
  const parts = Object.fromEntries(amsterdam.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

// By hand rather than through Date's string parser and toISOString: figures fold clocks by the hundred thousand.
const utcMs = (d: IsoDate) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const utc = (d: IsoDate) => new Date(utcMs(d));
const iso = (d: Date) => {
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${d.getUTCFullYear()}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`;
};

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** Calendar months; a day the month lacks becomes its last day (31 January + 1 month = 28/29 February). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const d = utc(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return iso(d);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate) => (utcMs(to) - utcMs(from)) / 864e5;

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export type Holiday = { date: IsoDate; name: string };

/**
 * Atw art. 3: the generally recognised holidays (algemeen erkende feestdagen) of a year:
 * Nieuwjaarsdag, Goede Vrijdag, tweede Paasdag, Koningsdag, 5 mei (Bevrijdingsdag), Hemelvaartsdag,
 * tweede Pinksterdag, eerste en tweede Kerstdag. Days a royal decree equates with them (art. 3 lid 2)
 * are not here: they are data (`legal_holidays`), passed in as `extraHolidays`.
 */
export function generalHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const y = (md: string) => `${year}-${md}`;
  // Koningsdag: the King's birthday, 27 April; on a Sunday it is celebrated on Saturday 26 April.
  const kingsDay = utc(y('04-27')).getUTCDay() === 0 ? y('04-26') : y('04-27');
  return [
    { date: y('01-01'), name: 'Nieuwjaarsdag' },
    { date: addDays(easter, -2), name: 'Goede Vrijdag' },
    { date: addDays(easter, 1), name: 'Tweede Paasdag' },
    { date: kingsDay, name: 'Koningsdag' },
    { date: y('05-05'), name: 'Bevrijdingsdag (5 mei)' },
    { date: addDays(easter, 39), name: 'Hemelvaartsdag' },
    { date: addDays(easter, 50), name: 'Tweede Pinksterdag' },
    { date: y('12-25'), name: 'Eerste Kerstdag' },
    { date: y('12-26'), name: 'Tweede Kerstdag' },
  ];
}

const holidayCache = new Map<number, Set<IsoDate>>();
function isGeneralHoliday(date: IsoDate): boolean {
  const year = Number(date.slice(0, 4));
  let days = holidayCache.get(year);
  if (!days) {
    days = new Set(generalHolidays(year).map((h) => h.date));
    holidayCache.set(year, days);
  }
  return days.has(date);
}

/** Atw art. 1: a Saturday, a Sunday, a holiday of art. 3, or a day a royal decree equates with them. */
export function isRestDay(date: IsoDate, extraHolidays: readonly IsoDate[] = []): boolean {
  const weekday = utc(date).getUTCDay();
  return weekday === 0 || weekday === 6 || isGeneralHoliday(date) || extraHolidays.includes(date);
}

export const TermUnit = { Days: 'days', Weeks: 'weeks', Months: 'months' } as const;
export type TermUnit = (typeof TermUnit)[keyof typeof TermUnit];
/** A statutory or policy term: "zes weken", "twee weken", "12 maanden". */
export type Term = { amount: number; unit: TermUnit };

/**
 * A pause the law allows (opschorting, Awb 4:15): information is missing, or the client asked for
 * time. `from` is the day the clock stopped (the request for information, the client's request),
 * `until` the day it runs again (the information came in), or null while it is still paused.
 */
export type Pause = { from: IsoDate; until: IsoDate | null; reason?: string };

/**
 * Days a pause adds. Awb 4:15 lid 1: suspended "met ingang van de dag na" the request "tot de dag
 * waarop" the information came in, so the days strictly between `from` and `until`.
 */
export const suspendedDays = (p: Pause & { until: IsoDate }) => Math.max(0, daysBetween(p.from, p.until) - 1);

export type TermEnd = {
  /** The last day of the term, after pauses and the Atw; null while a pause is open (the clock stands still). */
  dueOn: IsoDate | null;
  /** The end before the Atw moved it (start + term + suspended days), when the Atw moved it. */
  movedFrom: IsoDate | null;
  suspendedDays: number;
  /** The day an open pause started, else null. */
  pausedSince: IsoDate | null;
};

/**
 * The last day of a term that starts on the day after `start` (Awb: "met ingang van de dag na die
 * waarop"), extended by the pauses, then by the Atw: art. 2 (a term of at least three days holds at
 * least two days that are no rest day) and art. 1 (an end on a rest day runs to the next day that
 * is none).
 */
export function termEnd(start: IsoDate, term: Term, opts: { pauses?: readonly Pause[]; extraHolidays?: readonly IsoDate[] } = {}): TermEnd {
  const extra = opts.extraHolidays ?? [];
  const pauses = opts.pauses ?? [];
  const open = pauses.find((p) => p.until === null);
  const suspended = pauses.reduce((n, p) => (p.until === null ? n : n + suspendedDays({ ...p, until: p.until })), 0);
  if (open) return { dueOn: null, movedFrom: null, suspendedDays: suspended, pausedSince: open.from };
  const plain = term.unit === 'months' ? addMonths(start, term.amount) : addDays(start, term.amount * (term.unit === 'weeks' ? 7 : 1));
  const end0 = addDays(plain, suspended);
  let end = end0;
  // Art. 2: only for a term of three days or more.
  if (daysBetween(start, plain) >= 3) {
    // Counting stops at two: a 42-day term is settled in its first days (figures fold thousands of clocks).
    const twoWorkingDays = (to: IsoDate) => {
      let n = 0;
      for (let d = addDays(start, 1); d <= to && n < 2; d = addDays(d, 1)) if (!isRestDay(d, extra)) n++;
      return n >= 2;
    };
    while (!twoWorkingDays(end)) end = addDays(end, 1);
  }
  // Art. 1.
  while (isRestDay(end, extra)) end = addDays(end, 1);
  return { dueOn: end, movedFrom: end === end0 ? null : end0, suspendedDays: suspended, pausedSince: null };
}

/** Days left until `dueOn` on `today` (0 on the last day, negative when overdue). */
export const daysLeft = (dueOn: IsoDate, today: IsoDate) => daysBetween(today, dueOn);

/** A configured norm (`legal_norms`): how long the term `code` is, for terms starting between validFrom and validTo. */
export type Norm = Term & { code: string; validFrom: IsoDate; validTo: IsoDate | null; basis: string };

/** What every clock needs from the configuration: the norms and the days a decree equates with holidays. */
export type LegalCalendar = { norms: readonly Norm[]; extraHolidays: readonly IsoDate[] };

/** The norm valid on `on` (the term's start). A missing norm is a configuration error, not a silent default. */
export function normOn(norms: readonly Norm[], code: string, on: IsoDate): Norm {
  const norm = norms.find((n) => n.code === code && n.validFrom <= on && (n.validTo === null || on <= n.validTo));
  if (!norm) throw new Error(`No legal norm '${code}' valid on ${on} (legal_norms)`);
  return norm;
}

/** The due date of the term `code` that starts on `start`: the configured norm, the pauses and the Atw. */
export function termOf(calendar: LegalCalendar, code: string, start: IsoDate, pauses: readonly Pause[] = []): TermEnd & { term: Term } {
  const norm = normOn(calendar.norms, code, start);
  return { ...termEnd(start, norm, { pauses, extraHolidays: calendar.extraHolidays }), term: { amount: norm.amount, unit: norm.unit } };
}
