/**
 * Service norms (doorlooptijden) for the Raadsmonitor: per indicator and team, how long the
 * finished items took and how many open ones are at risk or overdue. Pure: the owning modules
 * (wmo, casework) fold their own action lists into `ClockFact`s; this only counts, and every
 * number goes through the disclosure rule (docs/monitor.md).
 */
import { daysBetween, type IsoDate } from '../legal-terms/legal-terms.ts';
import { percentile, shownCount, shownShare, shownStatistic } from './disclosure.ts';

export const Indicator = {
  /** Wmo melding → verslag of the onderzoek (norm wmo_assessment, 42 days). */
  WmoAssessment: 'wmo_assessment',
  /** Wmo aanvraag → beschikking (norm wmo_decision, 14 days). */
  WmoDecision: 'wmo_decision',
  /** Wijkteam: referral received → support plan agreed (norm neighbourhood_plan, 6 weeks). */
  NeighbourhoodPlan: 'neighbourhood_plan',
} as const;
export type Indicator = (typeof Indicator)[keyof typeof Indicator];

/** One clock of one case, as its owning module computed it on `asOf` from the configured norms. */
export type ClockFact = {
  /** The melding or trajectory: for the drill-down list, never shown in a figure. */
  caseId: string;
  teamId: string;
  clientId: string;
  startedOn: IsoDate;
  /** The day the step it waits for was taken; null while it runs (or when it stopped without it, e.g. withdrawn). */
  doneOn: IsoDate | null;
  /** Done on or before the legal or service due date (pauses and extensions the law allows included). */
  withinNorm: boolean;
  /** Still running on `asOf`: its state then; null when done or stopped. */
  open: 'on_time' | 'at_risk' | 'overdue' | 'paused' | null;
};

export type ServiceNormRow = {
  indicator: Indicator;
  teamId: string;
  /** Finished in the period. */
  done: number | null;
  medianDays: number | null;
  p90Days: number | null;
  withinNormPct: number | null;
  /** Open on the period's last day (or today): at risk, overdue. */
  open: number | null;
  atRisk: number | null;
  overdue: number | null;
};

/** The counts behind one row, before the disclosure rule: counted here from facts, or in SQL by an owning module (`countFactsSql`). */
export type ServiceNormCounts = {
  indicator: Indicator; teamId: string;
  done: number; donePersons: number; medianDays: number | null; p90Days: number | null; within: number;
  open: number; openPersons: number; atRisk: number; atRiskPersons: number; overdue: number; overduePersons: number;
};

const persons = (facts: readonly ClockFact[]) => new Set(facts.map((f) => f.clientId)).size;

/** The row as shown: every count through the disclosure rule. Null when the team has nothing to report. */
export function shownServiceNormRow(c: ServiceNormCounts): ServiceNormRow | null {
  if (c.done === 0 && c.open === 0) return null;
  return {
    indicator: c.indicator, teamId: c.teamId,
    done: shownCount(c.done, c.donePersons),
    medianDays: shownStatistic(c.medianDays, c.donePersons),
    p90Days: shownStatistic(c.p90Days, c.donePersons),
    withinNormPct: c.donePersons < 5 ? null : shownShare(c.within, c.done),
    open: shownCount(c.open, c.openPersons),
    atRisk: shownCount(c.atRisk, c.atRiskPersons),
    overdue: shownCount(c.overdue, c.overduePersons),
  };
}

/** The counts of one indicator and team from its facts. */
function countFacts(indicator: Indicator, teamId: string, all: readonly ClockFact[], from: IsoDate, to: IsoDate): ServiceNormCounts {
  const done = all.filter((f) => f.doneOn !== null && f.doneOn >= from && f.doneOn <= to);
  const open = all.filter((f) => f.open !== null);
  const atRisk = open.filter((f) => f.open === 'at_risk');
  const overdue = open.filter((f) => f.open === 'overdue');
  const days = done.map((f) => daysBetween(f.startedOn, f.doneOn!));
  return {
    indicator, teamId, done: done.length, donePersons: persons(done), medianDays: percentile(days, 50), p90Days: percentile(days, 90),
    within: done.filter((f) => f.withinNorm).length, open: open.length, openPersons: persons(open),
    atRisk: atRisk.length, atRiskPersons: persons(atRisk), overdue: overdue.length, overduePersons: persons(overdue),
  };
}

/** One row per indicator and team that has anything to report, suppression applied. */
export function serviceNormRows(indicator: Indicator, facts: readonly ClockFact[], from: IsoDate, to: IsoDate): ServiceNormRow[] {
  // No Map.groupBy: this file is shared with the web UI, whose build targets an older library.
  const byTeam = new Map<string, ClockFact[]>();
  for (const f of facts) {
    const list = byTeam.get(f.teamId);
    if (list) list.push(f);
    else byTeam.set(f.teamId, [f]);
  }
  return [...byTeam].map(([teamId, all]) => shownServiceNormRow(countFacts(indicator, teamId, all, from, to)))
    .filter((r): r is ServiceNormRow => r !== null);
}

/**
 * The same counts in SQL, for owners that keep their clocks' outcome beside their cases (the council
 * report at Rotterdam scale: 78 rows of counts leave the database instead of some 160,000 clocks).
 * `facts` is a relation with a ClockFact's columns: indicator, team_id, client_id, started_on, done_on,
 * within_norm, open ('on_time' | 'at_risk' | 'overdue' | 'paused' | null). Counted per client first
 * (a hash aggregate), so that "how many clients" needs no sort; the median and p90 are nearest-rank,
 * as `percentile` (percentile_disc). The facts are computed once and read twice (materialised), in
 * one process (see `counted` in service-norm-figures.ts). `from` and `to` are SQL date expressions.
 */
export function countFactsSql(facts: string, from: string, to: string): string {
  const done = `done_on BETWEEN ${from} AND ${to}`;
  // A count per team and how many clients it is about, from the per-client counts of column `col`.
  const clients = (col: string, as: string) => `sum(${col})::int AS "${as}", count(*) FILTER (WHERE ${col} > 0)::int AS "${as}Persons"`;
  const pct = (p: number) => `percentile_disc(${p}) WITHIN GROUP (ORDER BY done_on - started_on)`;
  return `WITH facts AS MATERIALIZED (${facts}),
    per_client AS (
      SELECT indicator, team_id, client_id, count(*) FILTER (WHERE ${done}) AS done, count(*) FILTER (WHERE ${done} AND within_norm) AS within,
        count(*) FILTER (WHERE open IS NOT NULL) AS open, count(*) FILTER (WHERE open = 'at_risk') AS at_risk, count(*) FILTER (WHERE open = 'overdue') AS overdue
      FROM facts GROUP BY indicator, team_id, client_id),
    counts AS (
      SELECT indicator, team_id, ${clients('done', 'done')}, sum(within)::int AS within, ${clients('open', 'open')}, ${clients('at_risk', 'atRisk')},
        ${clients('overdue', 'overdue')}
      FROM per_client GROUP BY indicator, team_id),
    lead_times AS (
      SELECT indicator, team_id, ${pct(0.5)} AS "medianDays", ${pct(0.9)} AS "p90Days" FROM facts WHERE ${done} GROUP BY indicator, team_id)
    SELECT c.indicator, c.team_id AS "teamId", c.done, c."donePersons", l."medianDays", l."p90Days", c.within, c.open, c."openPersons",
      c."atRisk", c."atRiskPersons", c.overdue, c."overduePersons"
    FROM counts c LEFT JOIN lead_times l USING (indicator, team_id)`;
}
