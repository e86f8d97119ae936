/**
 * The cost of an indication (DOMAIN.md §4): volume × tariff over the indication's period.
 * Pure: no I/O, so the server and the UI compute the same amount.
 *
 * Rules, in one place:
 * - Dates are ISO calendar dates; a period includes both its first and its last day (as the
 *   iWmo Ingangsdatum and Einddatum do).
 * - Volume is a whole number of units (iWmo Omvang/Volume) per frequency.
 * - Every frequency is spread PRO RATA PER DAY over the days the indication covers:
 *   per day = volume each day; per week = volume / 7 each day, so a partial first or last
 *   week counts only its days (Wednesday to Sunday is 5/7 of a week, never a whole week);
 *   per 4 weeks = volume / 28 each day; per month = volume / (days in that calendar month)
 *   each day, so a whole calendar month is exactly the volume whatever its length (28, 29,
 *   30 or 31 days) and a partial month counts its share of that month's days; total = volume
 *   spread evenly over all days of the period.
 * - A tariff is eurocents per unit, valid from/to (inclusive, `validTo` null = open). Each day
 *   is priced at the tariff valid on that day, so a tariff change inside the period splits it.
 *   Days without a tariff are not priced and are reported in `uncovered`; overlapping tariffs
 *   are a data error and throw.
 * - Unit euro (83): the volume is an amount in euros, so each unit costs 100 eurocents and
 *   tariffs are not needed.
 * - The sum is exact (fractions) and rounded once, at the end, half up to whole eurocents,
 *   so splitting a period never loses or gains a cent by rounding each part.
 */

/** iWmo units (Eenheid), code → name. */
export const UNITS = {
  '01': 'minute',
  '04': 'hour',
  '14': 'etmaal',
  '16': 'dagdeel',
  '82': 'piece_output',
  '83': 'euro',
  '84': 'piece_effort',
} as const;
export type UnitCode = keyof typeof UNITS;
export type Unit = (typeof UNITS)[UnitCode];

/** iWmo frequencies (Frequentie), code → name. */
export const FREQUENCIES = {
  '1': 'day',
  '2': 'week',
  '3': 'four_weeks',
  '4': 'month',
  '6': 'total',
} as const;
export type FrequencyCode = keyof typeof FREQUENCIES;
export type Frequency = (typeof FREQUENCIES)[FrequencyCode];

export const UNIT_NAMES = Object.values(UNITS) as Unit[];
export const FREQUENCY_NAMES = Object.values(FREQUENCIES) as Frequency[];

export interface DateRange { from: string; to: string }
export interface Tariff { validFrom: string; validTo: string | null; eurocents: number }

export interface CostInput {
  volume: number;
  unit: Unit;
  frequency: Frequency;
  period: DateRange;
  tariffs: readonly Tariff[];
}

export interface CostResult {
  /** Rounded once, half up. */
  eurocents: number;
  /** Units over the priced days (not rounded to whole units; for display). */
  units: number;
  /** Ranges of the period without a valid tariff; not priced. */
  uncovered: DateRange[];
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date; throws on a date that does not exist (2025-02-29). */
export function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`Not an ISO date: ${iso}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) throw new RangeError(`No such date: ${iso}`);
  return ms / DAY_MS;
}

export function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function daysInMonthOf(day: number): number {
  const d = new Date(day * DAY_MS);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/** An exact non-negative fraction n/d. */
interface Fraction { n: bigint; d: bigint }
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
function add(x: Fraction, n: bigint, d: bigint): Fraction {
  const num = x.n * d + n * x.d;
  const den = x.d * d;
  const g = gcd(num, den) || 1n;
  return { n: num / g, d: den / g };
}
const roundHalfUp = (f: Fraction): number => Number((2n * f.n + f.d) / (2n * f.d));

export function indicationCost(input: CostInput): CostResult {
  const { volume, unit, frequency, period, tariffs } = input;
  if (!Number.isInteger(volume) || volume < 0) throw new RangeError(`Volume must be a whole number ≥ 0: ${volume}`);
  const first = dayNumber(period.from);
  const last = dayNumber(period.to);
  if (last < first) throw new RangeError(`Period ends before it starts: ${period.from} – ${period.to}`);
  const ranges = tariffs.map((t) => ({
    from: dayNumber(t.validFrom),
    to: t.validTo === null ? Number.POSITIVE_INFINITY : dayNumber(t.validTo),
    cents: BigInt(t.eurocents),
  }));
  for (const t of tariffs) if (!Number.isInteger(t.eurocents) || t.eurocents < 0) throw new RangeError(`Tariff must be whole eurocents ≥ 0: ${t.eurocents}`);
  const totalDays = BigInt(last - first + 1);
  const v = BigInt(volume);

  let cents: Fraction = { n: 0n, d: 1n };
  let units: Fraction = { n: 0n, d: 1n };
  const uncovered: DateRange[] = [];
  for (let day = first; day <= last; day++) {
    const valid = ranges.filter((r) => r.from <= day && day <= r.to);
    if (valid.length > 1) throw new RangeError(`Overlapping tariffs on ${isoOf(day)}`);
    const tariff = unit === 'euro' ? 100n : valid[0]?.cents;
    if (tariff === undefined) {
      const open = uncovered.at(-1);
      if (open && dayNumber(open.to) === day - 1) open.to = isoOf(day);
      else uncovered.push({ from: isoOf(day), to: isoOf(day) });
      continue;
    }
    // Units on this day = volume / divisor (the pro-rata rule above).
    const divisor = frequency === 'day' ? 1n
      : frequency === 'week' ? 7n
      : frequency === 'four_weeks' ? 28n
      : frequency === 'month' ? BigInt(daysInMonthOf(day))
      : totalDays;
    units = add(units, v, divisor);
    cents = add(cents, v * tariff, divisor);
  }
  return { eurocents: roundHalfUp(cents), units: Number(units.n) / Number(units.d), uncovered };
}
