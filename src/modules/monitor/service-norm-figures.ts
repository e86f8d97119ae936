import type { Queryable } from '../../platform/db.ts';
import { planClockFacts } from '../casework/figures.ts';
import { normOn } from '../legal-terms/legal-terms.ts';
import { listNorms } from '../legal-terms/store.ts';
import { teamNames } from '../org/store.ts';
import { wmoClockFacts } from '../wmo/figures.ts';
import { disclosureRule } from './disclosure.ts';
import type { ServiceNormFigures } from './schemas.ts';
import { type ClockFact, Indicator, serviceNormRows } from './service-norms.ts';

/** Service norms per indicator and team for a period (both dates inclusive), open items as on `asOf`. Aggregates only. `folded`: the clocks already folded for this period (shared with the dashboard). */
export async function serviceNormFigures(tx: Queryable, from: string, to: string, asOf: string,
  folded?: { assessment: readonly ClockFact[]; decision: readonly ClockFact[]; plan: readonly ClockFact[] }): Promise<ServiceNormFigures> {
  const wmo = folded ?? await wmoClockFacts(tx, from, to, asOf);
  const plan = folded?.plan ?? await planClockFacts(tx, from, to, asOf);
  const rows = [
    ...serviceNormRows(Indicator.WmoAssessment, wmo.assessment, from, to),
    ...serviceNormRows(Indicator.WmoDecision, wmo.decision, from, to),
    ...serviceNormRows(Indicator.NeighbourhoodPlan, plan, from, to),
  ];
  const names = await teamNames(tx, [...new Set(rows.map((x) => x.teamId))]);
  const norms = await listNorms(tx);
  return {
    from, to, asOf, disclosure: disclosureRule,
    norms: Object.values(Indicator).map((indicator) => {
      const n = normOn(norms, indicator, to);
      return { indicator, amount: n.amount, unit: n.unit };
    }),
    rows: rows.map((x) => ({ ...x, teamName: names.get(x.teamId) ?? '' }))
      .sort((a, b) => a.indicator.localeCompare(b.indicator) || a.teamName.localeCompare(b.teamName, 'nl')),
  };
}
