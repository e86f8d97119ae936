import type { Db, Queryable } from '../../platform/db.ts';
import { planServiceNormCounts } from '../casework/figures.ts';
import { normOn } from '../legal-terms/legal-terms.ts';
import { listNorms } from '../legal-terms/store.ts';
import { teamNames } from '../org/store.ts';
import { wmoServiceNormCounts } from '../wmo/figures.ts';
import { disclosureRule } from './disclosure.ts';
import type { ServiceNormFigures } from './schemas.ts';
import { type ClockFact, Indicator, type ServiceNormRow, serviceNormRows, shownServiceNormRow } from './service-norms.ts';

/**
 * A count over some 100,000 clocks, given a database (not a transaction): in a transaction of its own
 * with room to aggregate per client in memory instead of spilling to disk, and on its own pooled
 * connection, so that the Wmo and the plan counts run side by side (beside the contact figures).
 * Without parallel workers: the report already keeps the cores busy with its parts, and per-client
 * partial aggregates hardly shrink (nearly every client has one clock per team), so workers only
 * added a second round of hashing (bench/council-report.ts, 2025-H1: median 686 ms with workers, 601 ms without).
 */
const counted = <T>(q: Queryable, count: (q: Queryable) => Promise<T>): Promise<T> =>
  'transaction' in q
    ? (q as Db).transaction(async (tx) => {
        await tx.query(`SET LOCAL work_mem = '32MB'`);
        await tx.query('SET LOCAL max_parallel_workers_per_gather = 0');
        return count(tx);
      })
    : count(q);

/**
 * Service norms per indicator and team for a period (both dates inclusive), open items as on `asOf`.
 * Aggregates only. `folded`: the clocks already folded for this period (shared with the dashboard,
 * which also lists them); without them (the council report) the owning modules count in SQL and only
 * the counts come back.
 */
export async function serviceNormFigures(tx: Queryable, from: string, to: string, asOf: string,
  folded?: { assessment: readonly ClockFact[]; decision: readonly ClockFact[]; plan: readonly ClockFact[] }): Promise<ServiceNormFigures> {
  const rows = folded
    ? [
        ...serviceNormRows(Indicator.WmoAssessment, folded.assessment, from, to),
        ...serviceNormRows(Indicator.WmoDecision, folded.decision, from, to),
        ...serviceNormRows(Indicator.NeighbourhoodPlan, folded.plan, from, to),
      ]
    : (await Promise.all([counted(tx, (q) => wmoServiceNormCounts(q, from, to, asOf)), counted(tx, (q) => planServiceNormCounts(q, from, to, asOf))]))
      .flat().map(shownServiceNormRow).filter((r): r is ServiceNormRow => r !== null);
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
