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

const persons = (facts: readonly ClockFact[]) => new Set(facts.map((f) => f.clientId)).size;
const cell = (facts: readonly ClockFact[]) => shownCount(facts.length, persons(facts));

/** One row per indicator and team that has anything to report, suppression applied. */
export function serviceNormRows(indicator: Indicator, facts: readonly ClockFact[], from: IsoDate, to: IsoDate): ServiceNormRow[] {
  const byTeam = new Map<string, ClockFact[]>();
  for (const f of facts) {
    const list = byTeam.get(f.teamId);
    if (list) list.push(f);
    else byTeam.set(f.teamId, [f]);
  }
  const rows: ServiceNormRow[] = [];
  for (const [teamId, all] of byTeam) {
    const done = all.filter((f) => f.doneOn !== null && f.doneOn >= from && f.doneOn <= to);
    const open = all.filter((f) => f.open !== null);
    if (done.length === 0 && open.length === 0) continue;
    const days = done.map((f) => daysBetween(f.startedOn, f.doneOn!));
    const within = done.filter((f) => f.withinNorm).length;
    rows.push({
      indicator, teamId,
      done: cell(done),
      medianDays: shownStatistic(percentile(days, 50), persons(done)),
      p90Days: shownStatistic(percentile(days, 90), persons(done)),
      withinNormPct: persons(done) < 5 ? null : shownShare(within, done.length),
      open: cell(open),
      atRisk: cell(open.filter((f) => f.open === 'at_risk')),
      overdue: cell(open.filter((f) => f.open === 'overdue')),
    });
  }
  return rows;
}
