import type { Queryable } from '../../platform/db.ts';
import { addDays, type IsoDate } from '../legal-terms/legal-terms.ts';
import { listNorms } from '../legal-terms/store.ts';
import { type ClockFact, countFactsSql, Indicator, type ServiceNormCounts } from '../monitor/service-norms.ts';
import { trajectoryNormsOn } from './norms.ts';
import { atRiskFrom, clocksOf, type TrajectoryAction } from './trajectory-process.ts';

/**
 * The plan clock (referral received → support plan, norm neighbourhood_plan) of every trajectory
 * that may count in [from, to], as on `asOf`: counts only leave this module (src/modules/monitor).
 * The plan clock needs only three days of a trajectory's steps (opened, the first plan agreed, the
 * first close): they are kept on the trajectory (migration 331), or picked out of the steps recorded
 * up to `asOf` where its keys are stale, and the same `clocksOf` folds them: at Rotterdam scale that
 * is one row per trajectory instead of every step. A trajectory closed without a plan counts
 * neither as done nor open.
 */
type PlanDates = { id: string; clientId: string; teamId: string; receivedOn: IsoDate; openedOn: IsoDate | null; planOn: IsoDate | null; closedOn: IsoDate | null };
/** Per trajectory that may count in [$1, $2]: the first opened, plan agreed and closed day recorded up to $3. */
const PLAN_DATES = `SELECT t.id, t.client_id AS "clientId", t.team_id AS "teamId", t.received_on::text AS "receivedOn",
    min(a.occurred_on) FILTER (WHERE a.type = 'opened')::text AS "openedOn",
    min(a.occurred_on) FILTER (WHERE a.type = 'plan_agreed')::text AS "planOn",
    min(a.occurred_on) FILTER (WHERE a.type = 'closed')::text AS "closedOn"
  FROM trajectories t JOIN trajectory_actions a ON a.trajectory_id = t.id AND a.occurred_on <= $3::date
  WHERE t.received_on <= $2::date AND NOT EXISTS (
    SELECT 1 FROM trajectory_actions x WHERE x.trajectory_id = t.id AND x.type IN ('plan_agreed', 'closed') AND x.occurred_on < $1::date)`;

/** The same three days as kept on the trajectory (migration 331), for those whose keys are current: no look at the steps. */
const upTo = (c: string) => `CASE WHEN t.${c} <= $3::date THEN t.${c} END`;
const KEPT_CANDIDATES = `FROM trajectories t WHERE NOT t.clock_keys_stale AND t.received_on <= $2::date
    AND (t.plan_agreed_on IS NULL OR t.plan_agreed_on >= $1::date) AND (t.closed_on IS NULL OR t.closed_on >= $1::date)`;
const KEPT_DATES = `SELECT t.id, t.client_id AS "clientId", t.team_id AS "teamId", t.received_on::text AS "receivedOn", ${upTo('opened_on')}::text AS "openedOn",
    ${upTo('plan_agreed_on')}::text AS "planOn", ${upTo('closed_on')}::text AS "closedOn"
  ${KEPT_CANDIDATES}`;

export async function planClockFacts(q: Queryable, from: IsoDate, to: IsoDate, asOf: IsoDate): Promise<ClockFact[]> {
  const rows = await q.query<PlanDates>(`${KEPT_DATES} UNION ALL ${PLAN_DATES} AND t.clock_keys_stale GROUP BY t.id`, [from, to, asOf]);
  const norms = await listNorms(q);
  // The norms valid on a day, once per day (tens of thousands of trajectories share some 2,000 days).
  const normsOn = new Map<IsoDate, ReturnType<typeof trajectoryNormsOn>>();
  const facts: ClockFact[] = [];
  for (const r of rows) {
    if (!r.openedOn) continue;
    const steps: TrajectoryAction[] = [{ type: 'opened', on: r.openedOn }];
    if (r.planOn) steps.push({ type: 'plan_agreed', on: r.planOn });
    if (r.closedOn) steps.push({ type: 'closed', on: r.closedOn });
    let n = normsOn.get(r.receivedOn);
    if (!n) {
      n = trajectoryNormsOn(norms, r.receivedOn);
      normsOn.set(r.receivedOn, n);
    }
    const plan = clocksOf(steps, n, asOf).plan;
    const open = plan.doneOn !== null ? null : plan.state === 'overdue' ? 'overdue' : plan.state === 'at_risk' ? 'at_risk' : 'on_time';
    facts.push({ caseId: r.id, teamId: r.teamId, clientId: r.clientId, startedOn: r.receivedOn, doneOn: r.planOn, withinNorm: r.planOn !== null && plan.state === 'met', open });
  }
  return facts;
}

/**
 * The service-norm counts of the plan clock per team for [from, to] as on `asOf`, counted in SQL (the
 * council report), over the three days kept on each trajectory (migration 331; trajectories whose
 * keys are stale have theirs picked from the actions, as `planClockFacts` does). The plan clock's due
 * day and the day it turns at risk depend only on the day the trajectory opened (its received day);
 * `clocksOf` computes them here for every such day, and SQL only compares dates as `runningState` and
 * the met/late rule of `clocksOf` do. Gives what `serviceNormRows` gives over `planClockFacts`
 * (src/modules/monitor/service-norm-counts.test.ts holds the two together).
 */
export async function planServiceNormCounts(q: Queryable, from: IsoDate, to: IsoDate, asOf: IsoDate): Promise<ServiceNormCounts[]> {
  const [{ first } = { first: null }] = await q.query<{ first: IsoDate | null }>(
    'SELECT min(received_on)::text AS first FROM trajectories WHERE received_on <= $1::date', [to]);
  if (!first) return [];
  const norms = await listNorms(q);
  const days: { day: IsoDate; dueOn: IsoDate; atRiskOn: IsoDate }[] = [];
  for (let day = first; day <= to; day = addDays(day, 1)) {
    const n = trajectoryNormsOn(norms, day);
    const dueOn = clocksOf([{ type: 'opened', on: day }], n, day).plan.dueOn;
    days.push({ day, dueOn, atRiskOn: atRiskFrom(dueOn, n) });
  }
  const stale = await q.query<PlanDates>(`${PLAN_DATES} AND t.clock_keys_stale GROUP BY t.id`, [from, to, asOf]);
  const dates = `SELECT t.team_id, t.client_id, t.received_on, ${upTo('opened_on')} AS opened_on, ${upTo('plan_agreed_on')} AS plan_on, ${upTo('closed_on')} AS closed_on
      ${KEPT_CANDIDATES}
    UNION ALL SELECT * FROM unnest($7::uuid[], $8::uuid[], $9::date[], $10::date[], $11::date[], $12::date[])`;
  const facts = `SELECT '${Indicator.NeighbourhoodPlan}' AS indicator, t.team_id, t.client_id, t.received_on AS started_on, t.plan_on AS done_on,
      t.plan_on <= d.due_on AS within_norm,
      CASE WHEN coalesce(t.plan_on, t.closed_on) IS NOT NULL THEN NULL WHEN $3::date > d.due_on THEN 'overdue'
        WHEN $3::date >= d.at_risk_on THEN 'at_risk' ELSE 'on_time' END AS open
    FROM (${dates}) t JOIN unnest($4::date[], $5::date[], $6::date[]) AS d(day, due_on, at_risk_on) ON d.day = t.opened_on`;
  const col = <T>(pick: (r: PlanDates) => T) => stale.map(pick);
  return q.query<ServiceNormCounts>(countFactsSql(facts, '$1::date', '$2::date'),
    [from, to, asOf, days.map((d) => d.day), days.map((d) => d.dueOn), days.map((d) => d.atRiskOn),
      col((r) => r.teamId), col((r) => r.clientId), col((r) => r.receivedOn), col((r) => r.openedOn), col((r) => r.planOn), col((r) => r.closedOn)]);
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
