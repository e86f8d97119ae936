import type { Queryable } from '../../platform/db.ts';
import type { IsoDate } from '../legal-terms/legal-terms.ts';
import { listNorms } from '../legal-terms/store.ts';
import type { ClockFact } from '../monitor/service-norms.ts';
import { trajectoryNormsOn } from './norms.ts';
import { clocksOf, type TrajectoryAction } from './trajectory-process.ts';

/**
 * The plan clock (referral received → support plan, norm neighbourhood_plan) of every trajectory
 * that may count in [from, to], as on `asOf`: counts only leave this module (src/modules/monitor).
 * The plan clock needs only three days of a trajectory's steps (opened, the first plan agreed, the
 * first close), so SQL picks those out of the steps recorded up to `asOf` and the same `clocksOf`
 * folds them: at Rotterdam scale that is one row per trajectory instead of every step. A
 * trajectory closed without a plan counts neither as done nor open.
 */
export async function planClockFacts(q: Queryable, from: IsoDate, to: IsoDate, asOf: IsoDate): Promise<ClockFact[]> {
  const rows = await q.query<{ id: string; clientId: string; teamId: string; receivedOn: IsoDate; openedOn: IsoDate | null; planOn: IsoDate | null; closedOn: IsoDate | null }>(
    `SELECT t.id, t.client_id AS "clientId", t.team_id AS "teamId", t.received_on::text AS "receivedOn",
       min(a.occurred_on) FILTER (WHERE a.type = 'opened')::text AS "openedOn",
       min(a.occurred_on) FILTER (WHERE a.type = 'plan_agreed')::text AS "planOn",
       min(a.occurred_on) FILTER (WHERE a.type = 'closed')::text AS "closedOn"
     FROM trajectories t JOIN trajectory_actions a ON a.trajectory_id = t.id AND a.occurred_on <= $3::date
     WHERE t.received_on <= $2::date AND NOT EXISTS (
       SELECT 1 FROM trajectory_actions x WHERE x.trajectory_id = t.id AND x.type IN ('plan_agreed', 'closed') AND x.occurred_on < $1::date)
     GROUP BY t.id`, [from, to, asOf]);
  const norms = await listNorms(q);
  const facts: ClockFact[] = [];
  for (const r of rows) {
    if (!r.openedOn) continue;
    const steps: TrajectoryAction[] = [{ type: 'opened', on: r.openedOn }];
    if (r.planOn) steps.push({ type: 'plan_agreed', on: r.planOn });
    if (r.closedOn) steps.push({ type: 'closed', on: r.closedOn });
    const plan = clocksOf(steps, trajectoryNormsOn(norms, r.receivedOn), asOf).plan;
    const open = plan.doneOn !== null ? null : plan.state === 'overdue' ? 'overdue' : plan.state === 'at_risk' ? 'at_risk' : 'on_time';
    facts.push({ caseId: r.id, teamId: r.teamId, clientId: r.clientId, startedOn: r.receivedOn, doneOn: r.planOn, withinNorm: r.planOn !== null && plan.state === 'met', open });
  }
  return facts;
}

/** Trajectories closed in [from, to] (the day the professional states): for the client-experience survey's sample. */
export async function closedTrajectoriesIn(q: Queryable, from: IsoDate, to: IsoDate): Promise<{ clientId: string; teamId: string }[]> {
  return q.query<{ clientId: string; teamId: string }>(
    `SELECT DISTINCT t.client_id AS "clientId", t.team_id AS "teamId" FROM trajectories t JOIN trajectory_actions a ON a.trajectory_id = t.id
     WHERE a.type = 'closed' AND a.occurred_on BETWEEN $1::date AND $2::date`, [from, to]);
}

/** Clients of whom a trajectory was closed because they died (the client record has no date of death). */
export async function clientsRecordedDeceased(q: Queryable, clientIds: readonly string[]): Promise<Set<string>> {
  if (clientIds.length === 0) return new Set();
  const rows = await q.query<{ client_id: string }>(
    `SELECT DISTINCT t.client_id FROM trajectories t JOIN trajectory_actions a ON a.trajectory_id = t.id
     WHERE a.type = 'closed' AND a.outcome = 'died' AND t.client_id = ANY($1::uuid[])`, [[...clientIds]]);
  return new Set(rows.map((r) => r.client_id));
}
