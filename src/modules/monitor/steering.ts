/**
 * Steering on indications (sturing): per product, provider, team or adviser, how many indications
 * ran in a period, for how many clients, how long they last, what they cost in the period, and
 * how often a herindicatie followed. Pure; every count and amount through the disclosure rule (a
 * row about 1–4 clients shows no count, no amount: an amount would tell one client's care).
 */
import type { IndicationFact } from '../indications/indication-facts.ts';
import { daysBetween } from '../legal-terms/legal-terms.ts';
import { shownCount, shownShare, shownStatistic } from './disclosure.ts';

export const SteeringDimension = ['product', 'provider', 'team', 'adviser'] as const;
export type SteeringDimension = (typeof SteeringDimension)[number];

/** Duration bands of an indication (valid_from to valid_to, both inclusive), in days. */
export const DURATION_BANDS = [
  { key: 'upTo3Months', maxDays: 92 }, { key: 'upTo6Months', maxDays: 183 }, { key: 'upTo12Months', maxDays: 366 }, { key: 'longer', maxDays: Number.POSITIVE_INFINITY },
] as const;

export type SteeringRow = {
  key: string; label: string;
  indications: number | null; clients: number | null;
  /** On the period's last day (or today when earlier). */
  activeClients: number | null;
  meanDays: number | null;
  durations: Record<(typeof DURATION_BANDS)[number]['key'], number | null>;
  /** Cost of the days inside the period, in whole euros; null when hidden or a tariff overlap left an indication unpriced. */
  euros: number | null;
  /** Share of the indications that were followed by a herindicatie. */
  reindicationPct: number | null;
};

export type FactWithOwner = IndicationFact & { teamId: string | null; adviserId: string | null };

const keyOf = (f: FactWithOwner, by: SteeringDimension): string => {
  if (by === 'product') return f.productCode;
  if (by === 'provider') return f.providerId;
  if (by === 'team') return f.teamId ?? '';
  return f.adviserId ?? '';
};

export function steeringRows(facts: readonly FactWithOwner[], by: SteeringDimension, asOf: string, labelOf: (key: string, sample: FactWithOwner) => string): SteeringRow[] {
  const groups = new Map<string, FactWithOwner[]>();
  for (const f of facts) {
    const k = keyOf(f, by);
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  const rows = [...groups].map(([key, all]) => rowOf(key, labelOf(key, all[0]!), all, asOf));
  // Amounts are not rounded like counts: with one amount hidden, the total minus the others would
  // give it back. Then the smallest shown amount is hidden too (complementary suppression).
  if (rows.filter((r) => r.euros === null).length === 1) {
    const smallest = rows.filter((r) => r.euros !== null).sort((a, b) => a.euros! - b.euros!)[0];
    if (smallest) smallest.euros = null;
  }
  return rows.sort((a, b) => a.label.localeCompare(b.label, 'nl'));
}

export function rowOf(key: string, label: string, all: readonly FactWithOwner[], asOf: string): SteeringRow {
  const persons = new Set(all.map((f) => f.clientId)).size;
  const hidden = persons < 5;
  const days = all.map((f) => daysBetween(f.validFrom, f.validTo) + 1);
  const active = all.filter((f) => f.validFrom <= asOf && f.validTo >= asOf);
  const band = (min: number, max: number) => {
    const inBand = all.filter((_, i) => days[i]! > min && days[i]! <= max);
    return shownCount(inBand.length, new Set(inBand.map((f) => f.clientId)).size);
  };
  const durations = Object.fromEntries(DURATION_BANDS.map((b, i) => [b.key, band(i === 0 ? 0 : DURATION_BANDS[i - 1]!.maxDays, b.maxDays)])) as SteeringRow['durations'];
  const unpriced = all.some((f) => f.periodEurocents === null);
  const cents = all.reduce((s, f) => s + (f.periodEurocents ?? 0), 0);
  return {
    key, label,
    indications: shownCount(all.length, persons),
    clients: shownCount(persons),
    activeClients: shownCount(new Set(active.map((f) => f.clientId)).size),
    meanDays: shownStatistic(Math.round(days.reduce((s, d) => s + d, 0) / days.length), persons),
    durations,
    euros: hidden || unpriced ? null : Math.round(cents / 100),
    reindicationPct: hidden ? null : shownShare(all.filter((f) => f.followedUp).length, all.length),
  };
}

/**
 * Spend against the budget line "Inkopen en uitbestede werkzaamheden" of a year: spent so far
 * (indication days up to `asOf`) and the year-end forecast (every indication day of the year as
 * known today: what is assigned will be delivered unless stopped).
 */
export function spendForecast(toDate: readonly IndicationFact[], wholeYear: readonly IndicationFact[]) {
  // A municipality with indications for 1–4 clients would show one client's care: hidden like any cell.
  const hidden = new Set(wholeYear.map((f) => f.clientId)).size < 5;
  const sum = (fs: readonly IndicationFact[]) => (hidden ? null : Math.round(fs.reduce((s, f) => s + (f.periodEurocents ?? 0), 0) / 100));
  return { spentEuros: sum(toDate), forecastEuros: sum(wholeYear), unpriced: wholeYear.filter((f) => f.periodEurocents === null).length };
}
