import type { Queryable } from '../../platform/db.ts';
import { conflict } from '../../platform/errors.ts';
import { generalHolidays, type IsoDate, type LegalCalendar, type Norm } from './legal-terms.ts';
import type { HolidayInput, HolidayView } from './schemas.ts';

/** Every configured norm, oldest first per code. */
export const listNorms = (q: Queryable) => q.query<Norm>(
  `SELECT code, amount, unit, valid_from::text AS "validFrom", valid_to::text AS "validTo", basis
   FROM legal_norms ORDER BY code, valid_from`);

/** The days decrees equate with the holidays (Atw art. 3 lid 2). */
export const listDecreeHolidays = (q: Queryable) => q.query<{ date: IsoDate; name: string; decree: string }>(
  'SELECT date::text AS date, name, decree FROM legal_holidays ORDER BY date');

/** What every clock needs from the database; read in the caller's transaction. Two small tables. */
export async function loadCalendar(q: Queryable): Promise<LegalCalendar> {
  const [norms, extra] = await Promise.all([listNorms(q), listDecreeHolidays(q)]);
  return { norms, extraHolidays: extra.map((h) => h.date) };
}

/** The holidays of a year: those of Atw art. 3 and the ones decrees added, in date order. */
export async function holidaysOfYear(q: Queryable, year: number): Promise<HolidayView[]> {
  const law: HolidayView[] = generalHolidays(year).map((h) => ({ ...h, source: 'law', decree: null }));
  const decrees: HolidayView[] = (await listDecreeHolidays(q)).filter((h) => h.date.startsWith(`${year}-`)).map((h) => ({ ...h, source: 'decree' }));
  return [...law, ...decrees].sort((a, b) => a.date.localeCompare(b.date));
}

export async function addDecreeHoliday(tx: Queryable, h: HolidayInput, userId: string | null): Promise<HolidayView> {
  if (generalHolidays(Number(h.date.slice(0, 4))).some((g) => g.date === h.date)) {
    throw conflict(`${h.date} is al een feestdag volgens de Algemene termijnenwet / ${h.date} is already a holiday under the Atw`, 'legal_holiday_exists');
  }
  const rows = await tx.query<{ date: string }>(
    'INSERT INTO legal_holidays (date, name, decree, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT (date) DO NOTHING RETURNING date::text AS date',
    [h.date, h.name, h.decree, userId]);
  if (!rows[0]) throw conflict(`Voor ${h.date} is al een dag vastgelegd / ${h.date} is already recorded`, 'legal_holiday_exists');
  return { date: rows[0].date, name: h.name, source: 'decree', decree: h.decree };
}
