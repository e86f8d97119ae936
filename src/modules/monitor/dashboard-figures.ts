import type { Queryable } from '../../platform/db.ts';
import type { Visible } from '../../platform/store.ts';
import { planClockFacts } from '../casework/figures.ts';
import { sofaSurfersIn, visibleClientNames } from '../clients/housing-situation.ts';
import { contactCounts } from '../intake/figures.ts';
import { daysBetween, normOn } from '../legal-terms/legal-terms.ts';
import { listNorms } from '../legal-terms/store.ts';
import { listRegions, listTeams } from '../org/store.ts';
import { referralFacts, visibleReferrals } from '../referrals/referral-figures.ts';
import { satisfactionFigures } from '../satisfaction/figures.ts';
import { wmoClockFacts } from '../wmo/figures.ts';
import { type DashboardFacts, dashboardRows, groupedNormRows, leadTimeDistribution, monthlyTrend } from './dashboard.ts';
import { disclosureRule } from './disclosure.ts';
import type { DashboardFigures, DrillDownFigure, DrillDownList } from './schemas.ts';
import { Indicator } from './service-norms.ts';

/** A team without a region counts under this key when grouped per region. */
const NO_REGION = 'none';

type Grouping = { groupOf: Map<string, string>; groupNames: Map<string, string>; groups: { key: string; name: string }[] };

/** Team → group (itself, or its region), limited to one group when `group` is given. */
async function grouping(q: Queryable, by: 'team' | 'region', group: string | null): Promise<Grouping> {
  const teams = await listTeams(q);
  const groupNames = new Map<string, string>(by === 'team' ? teams.map((t) => [t.id, t.name])
    : [...(await listRegions(q)).map((r) => [r.id, r.name] as [string, string]), [NO_REGION, '(geen rayon)']]);
  const groupOf = new Map<string, string>();
  for (const t of teams) {
    const key = by === 'team' ? t.id : t.regionId ?? NO_REGION;
    if (group === null || key === group) groupOf.set(t.id, key);
  }
  const used = new Set(teams.map((t) => (by === 'team' ? t.id : t.regionId ?? NO_REGION)));
  const groups = [...groupNames].filter(([k]) => used.has(k)).map(([key, name]) => ({ key, name })).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  return { groupOf, groupNames, groups };
}

/** The clocks of a period as their owners fold them: the costly part (every open clock), shared with the service-norm figures. */
export type PeriodClocks = DashboardFacts['clocks'];
export async function periodClocks(q: Queryable, from: string, to: string, asOf: string): Promise<PeriodClocks> {
  const [wmo, plan] = await Promise.all([wmoClockFacts(q, from, to, asOf), planClockFacts(q, from, to, asOf)]);
  return { [Indicator.WmoAssessment]: wmo.assessment, [Indicator.WmoDecision]: wmo.decision, [Indicator.NeighbourhoodPlan]: plan };
}

/** What a period's dashboard needs whatever the grouping: computed once per period and shared by every selection (routes.ts); given a pool, the parts run side by side. */
export type PeriodFacts = Pick<DashboardFacts, 'clocks' | 'referrals' | 'sofaSurfers'>;
export async function periodFacts(q: Queryable, from: string, to: string, asOf: string, clocks: Promise<PeriodClocks>): Promise<PeriodFacts> {
  const [c, referrals, sofaSurfers] = await Promise.all([clocks, referralFacts(q, from, to, asOf), sofaSurfersIn(q, from, to)]);
  return { clocks: c, referrals, sofaSurfers };
}

/** The dashboard of a period (both dates inclusive), per desk/team or region, optionally one group only. Aggregates only. */
export async function dashboardFigures(q: Queryable, p: { from: string; to: string; asOf: string; by: 'team' | 'region'; group: string | null },
  shared: Promise<PeriodFacts>): Promise<DashboardFigures> {
  const g = await grouping(q, p.by, p.group);
  // The selection's own counts beside the shared facts (side by side when `q` is a pool).
  const [period, contacts, norms, answers] = await Promise.all([shared, contactCounts(q, p.from, p.to, g.groupOf), listNorms(q),
    p.by === 'team' ? satisfactionFigures(q, p.from, p.to) : []]);
  const facts: DashboardFacts = { from: p.from, to: p.to, asOf: p.asOf, groupOf: g.groupOf, groupNames: g.groupNames, contacts, ...period };
  const satisfaction = answers.filter((r) => g.groupOf.has(r.teamId));
  return {
    from: p.from, to: p.to, asOf: p.asOf, by: p.by, group: p.group, disclosure: disclosureRule, groups: g.groups,
    norms: Object.values(Indicator).map((indicator) => {
      const n = normOn(norms, indicator, p.to);
      return { indicator, amount: n.amount, unit: n.unit };
    }),
    ...dashboardRows(facts),
    serviceNorms: groupedNormRows(facts).map(({ teamId, ...r }) => ({ ...r, key: teamId })),
    trend: monthlyTrend(facts),
    distribution: leadTimeDistribution(facts),
    satisfaction,
  };
}

/**
 * The cases behind one figure of one group, only those of clients the actor may see (the platform's
 * need-to-know condition, `visible`): call inside `store.readClients`, which audits the ids shown.
 */
export async function drillDown(q: Queryable, visible: Visible, p: { from: string; to: string; asOf: string; by: 'team' | 'region'; group: string; figure: DrillDownFigure },
  facts: PeriodFacts): Promise<{ result: DrillDownList; clientIds: string[] }> {
  const g = await grouping(q, p.by, p.group);
  type Candidate = { kind: DrillDownList['items'][number]['kind']; id: string; clientId: string; since: string };
  let candidates: Candidate[];
  if (p.figure === 'waiting' || p.figure === 'returned_or_passed_on') {
    const refs = facts.referrals.filter((r) => g.groupOf.has(r.teamId)
      && (p.figure === 'waiting' ? r.decidedOn === null : r.receivedOn >= p.from && r.receivedOn <= p.to && (r.returned || r.passedOn)));
    const shown = await visibleReferrals(q, refs.map((r) => r.id), visible);
    candidates = refs.filter((r) => shown.has(r.id)).map((r) => ({ kind: 'referral', id: r.id, clientId: r.clientId, since: r.receivedOn }));
  } else if (p.figure === 'sofa_surfing') {
    candidates = facts.sofaSurfers.filter((s) => s.teamId !== null && g.groupOf.has(s.teamId))
      .map((s) => ({ kind: 'client', id: s.clientId, clientId: s.clientId, since: s.since }));
  } else {
    const [indicator, state] = p.figure.split('.') as [Indicator, 'overdue' | 'at_risk'];
    candidates = facts.clocks[indicator].filter((f) => g.groupOf.has(f.teamId) && f.open === state)
      .map((f) => ({ kind: indicator === Indicator.NeighbourhoodPlan ? 'trajectory' : 'wmo_notification', id: f.caseId, clientId: f.clientId, since: f.startedOn }));
  }
  const names = await visibleClientNames(q, candidates.map((c) => c.clientId), visible);
  const items = candidates.filter((c, i) => names.has(c.clientId) && candidates.findIndex((x) => x.kind === c.kind && x.id === c.id) === i)
    .map((c) => ({ ...c, clientName: names.get(c.clientId)!, days: daysBetween(c.since, p.asOf) }))
    .sort((a, b) => b.days - a.days);
  return { result: { figure: p.figure, group: p.group, items }, clientIds: [...new Set(items.map((i) => i.clientId))] };
}
