import type { Queryable } from '../../platform/db.ts';
import type { IsoDate } from '../legal-terms/legal-terms.ts';
import { listNorms } from '../legal-terms/store.ts';
import type { ClockFact } from '../monitor/service-norms.ts';
import { trajectoryNormsOn } from './norms.ts';
import { clocksOf, type TrajectoryAction } from './trajectory-process.ts';

/**
 * The plan clock (referral received → support plan, norm neighbourhood_plan) of every trajectory
 * that may count in [from, to], folded from the actions recorded up to `asOf`: counts only leave
 * this module (src/modules/monitor). A trajectory closed without a plan counts neither as done nor open.
 */
export async function planClockFacts(q: Queryable, from: IsoDate, to: IsoDate, asOf: IsoDate): Promise<ClockFact[]> {
  const rows = await q.query<{ id: string; clientId: string; teamId: string; receivedOn: IsoDate }>(
    `SELECT t.id, t.client_id AS "clientId", t.team_id AS "teamId", t.received_on::text AS "receivedOn" FROM trajectories t
     WHERE t.received_on <= $2::date AND NOT EXISTS (
       SELECT 1 FROM trajectory_actions a WHERE a.trajectory_id = t.id AND a.type IN ('plan_agreed', 'closed') AND a.occurred_on < $1::date)`, [from, to]);
  if (rows.length === 0) return [];
  const actions = await q.query<TrajectoryAction & { trajectoryId: string }>(
    `SELECT trajectory_id AS "trajectoryId", type, occurred_on::text AS "on", outcome, until_on::text AS "untilOn"
     FROM trajectory_actions WHERE trajectory_id = ANY($1::uuid[]) AND occurred_on <= $2::date ORDER BY id`, [rows.map((r) => r.id), asOf]);
  const byId = Map.groupBy(actions, (a) => a.trajectoryId);
  const norms = await listNorms(q);
  const facts: ClockFact[] = [];
  for (const r of rows) {
    const own = byId.get(r.id) ?? [];
    if (!own.some((a) => a.type === 'opened')) continue;
    const plan = clocksOf(own, trajectoryNormsOn(norms, r.receivedOn), asOf).plan;
    const planOn = own.find((a) => a.type === 'plan_agreed')?.on ?? null;
    const open = plan.doneOn !== null ? null : plan.state === 'overdue' ? 'overdue' : plan.state === 'at_risk' ? 'at_risk' : 'on_time';
    facts.push({ caseId: r.id, teamId: r.teamId, clientId: r.clientId, startedOn: r.receivedOn, doneOn: planOn, withinNorm: planOn !== null && plan.state === 'met', open });
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
