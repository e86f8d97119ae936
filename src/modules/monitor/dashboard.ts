/**
 * The live dashboard (team lead, manager, policy analyst; issue 19, docs/monitor.md): per desk/team
 * or region and period, the volumes, lead times, waiting list, referrals by source, "first time
 * right" and the bankslapers. Pure: the owning modules hand over facts (contact cells, referrals,
 * clocks, housing situations); this only counts, and every figure goes through disclosure.ts.
 */
import type { ContactCell } from '../intake/figures.ts';
import { daysBetween, type IsoDate } from '../legal-terms/legal-terms.ts';
import type { ReferralFact } from '../referrals/referral-figures.ts';
import { percentile, type ShownCount, shownCount, shownShare, shownStatistic } from './disclosure.ts';
import { type ClockFact, Indicator, type ServiceNormRow, serviceNormRows } from './service-norms.ts';

/** Lead-time bands of the distribution, in calendar days (upper bounds inclusive; the last is open). */
export const LEAD_TIME_BANDS = [14, 28, 42, 56, 91, null] as const;

export type Keyed = { key: string; count: ShownCount };
export type DashboardRow = {
  key: string; name: string;
  contacts: ShownCount; byChannel: Keyed[]; byOutcome: Keyed[];
  referrals: ShownCount; bySource: Keyed[];
  /** Referrals neither accepted nor returned on asOf, and how long they have waited (days). */
  waiting: ShownCount; waitingMedianDays: number | null; waitingP90Days: number | null;
  /** Of the referrals received in the period: returned, or passed on to another team within 30 days. */
  returnedOrPassedOn: ShownCount; returnedOrPassedOnPct: number | null;
  /** Clients who were bankslaper on some day of the period, recorded by this desk or team. */
  sofaSurfers: ShownCount;
};

export type DashboardFacts = {
  from: IsoDate; to: IsoDate; asOf: IsoDate;
  /** Team id → the key of the group it counts in (itself, or its region), only the selected teams. */
  groupOf: ReadonlyMap<string, string>;
  groupNames: ReadonlyMap<string, string>;
  contacts: readonly ContactCell[];
  referrals: readonly ReferralFact[];
  clocks: Record<Indicator, readonly ClockFact[]>;
  sofaSurfers: readonly { clientId: string; teamId: string | null; since: string }[];
};

const persons = (xs: readonly { clientId: string }[]) => new Set(xs.map((x) => x.clientId)).size;
const cellOf = (xs: readonly { clientId: string }[]) => shownCount(xs.length, persons(xs));
const shownContact = (c: ContactCell | undefined) => (c ? shownCount(c.count, c.persons) : 0);

function keyedBy<T extends { clientId: string }>(xs: readonly T[], key: (x: T) => string): Keyed[] {
  return [...Map.groupBy(xs, key)].map(([k, list]) => ({ key: k, count: cellOf(list) })).sort((a, b) => a.key.localeCompare(b.key));
}

function rowOf(key: string, name: string, cells: { total?: ContactCell; channels: readonly ContactCell[]; outcomes: readonly ContactCell[] }, facts: DashboardFacts,
  referrals: readonly ReferralFact[], sofa: readonly { clientId: string }[]): DashboardRow {
  const received = referrals.filter((r) => r.receivedOn >= facts.from && r.receivedOn <= facts.to);
  const waiting = referrals.filter((r) => r.decidedOn === null);
  const waitDays = waiting.map((r) => daysBetween(r.receivedOn, facts.asOf));
  const notRight = received.filter((r) => r.returned || r.passedOn);
  const keyed = (cs: readonly ContactCell[], k: (c: ContactCell) => string) => cs.map((c) => ({ key: k(c), count: shownContact(c) })).sort((a, b) => a.key.localeCompare(b.key));
  return {
    key, name,
    contacts: shownContact(cells.total),
    byChannel: keyed(cells.channels, (c) => c.channel!),
    byOutcome: keyed(cells.outcomes, (c) => String(c.outcome)),
    referrals: cellOf(received),
    bySource: keyedBy(received, (r) => r.source),
    waiting: cellOf(waiting),
    waitingMedianDays: shownStatistic(percentile(waitDays, 50), persons(waiting)),
    waitingP90Days: shownStatistic(percentile(waitDays, 90), persons(waiting)),
    returnedOrPassedOn: cellOf(notRight),
    returnedOrPassedOnPct: persons(received) < 5 ? null : shownShare(notRight.length, received.length),
    sofaSurfers: cellOf(sofa),
  };
}

/** One row per group with anything to show, and the row of the whole selection (`total`: distinct clients, not a sum of rows). */
export function dashboardRows(facts: DashboardFacts): { rows: DashboardRow[]; total: DashboardRow } {
  const { groupOf, groupNames, contacts } = facts;
  const inGroup = <T extends { teamId: string | null }>(xs: readonly T[]) => xs.filter((x) => x.teamId !== null && groupOf.has(x.teamId));
  const referrals = inGroup(facts.referrals);
  const sofa = inGroup(facts.sofaSurfers);
  const keys = new Set<string>([
    ...contacts.filter((c) => c.set === 'group').map((c) => c.group!),
    ...referrals.map((r) => groupOf.get(r.teamId)!), ...sofa.map((s) => groupOf.get(s.teamId!)!)]);
  const rows = [...keys].map((key) => rowOf(key, groupNames.get(key) ?? '', {
    total: contacts.find((c) => c.set === 'group' && c.group === key),
    channels: contacts.filter((c) => c.set === 'group_channel' && c.group === key),
    outcomes: contacts.filter((c) => c.set === 'group_outcome' && c.group === key),
  }, facts, referrals.filter((r) => groupOf.get(r.teamId) === key), sofa.filter((s) => groupOf.get(s.teamId!) === key)))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const total = rowOf('total', '', {
    total: contacts.find((c) => c.set === 'total'), channels: contacts.filter((c) => c.set === 'channel'), outcomes: contacts.filter((c) => c.set === 'outcome'),
  }, facts, referrals, sofa);
  return { rows, total };
}

/** The service norms per indicator and group (the facts' team replaced by its group, so a client at two teams of a region counts once). */
export function groupedNormRows(facts: DashboardFacts): (ServiceNormRow & { name: string })[] {
  const regroup = (xs: readonly ClockFact[]) => xs.filter((f) => facts.groupOf.has(f.teamId)).map((f) => ({ ...f, teamId: facts.groupOf.get(f.teamId)! }));
  return Object.values(Indicator).flatMap((indicator) => serviceNormRows(indicator, regroup(facts.clocks[indicator]), facts.from, facts.to))
    .map((r) => ({ ...r, name: facts.groupNames.get(r.teamId) ?? '' }))
    .sort((a, b) => a.indicator.localeCompare(b.indicator) || a.name.localeCompare(b.name, 'nl'));
}

export type TrendPoint = { month: string; contacts: ShownCount; byChannel: Keyed[]; referrals: ShownCount };

/** Per calendar month of the period, for the whole selection: contacts (per council channel) and referrals received. */
export function monthlyTrend(facts: DashboardFacts): TrendPoint[] {
  const months: string[] = [];
  for (let m = facts.from.slice(0, 7); m <= facts.to.slice(0, 7);) {
    months.push(m);
    const [y, mo] = m.split('-').map(Number) as [number, number];
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  const received = facts.referrals.filter((r) => facts.groupOf.has(r.teamId) && r.receivedOn >= facts.from && r.receivedOn <= facts.to);
  return months.map((month) => ({
    month,
    contacts: shownContact(facts.contacts.find((c) => c.set === 'month' && c.month === month)),
    byChannel: facts.contacts.filter((c) => c.set === 'month_channel' && c.month === month).map((c) => ({ key: c.channel!, count: shownContact(c) }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    referrals: cellOf(received.filter((r) => r.receivedOn.startsWith(month))),
  }));
}

export type Distribution = { indicator: Indicator; bands: { upToDays: number | null; count: ShownCount }[] };

/** How long the items finished in the period took, per indicator: a count per band of days (the histogram). */
export function leadTimeDistribution(facts: DashboardFacts): Distribution[] {
  return Object.values(Indicator).map((indicator) => {
    const done = facts.clocks[indicator].filter((f) => facts.groupOf.has(f.teamId) && f.doneOn !== null && f.doneOn >= facts.from && f.doneOn <= facts.to);
    const inBand: ClockFact[][] = LEAD_TIME_BANDS.map(() => []);
    for (const f of done) {
      const days = daysBetween(f.startedOn, f.doneOn!);
      inBand[LEAD_TIME_BANDS.findIndex((b) => b === null || days <= b)]!.push(f);
    }
    return { indicator, bands: LEAD_TIME_BANDS.map((upToDays, i) => ({ upToDays, count: cellOf(inBand[i]!) })) };
  });
}
