import type { Queryable } from '../../platform/db.ts';
import type { Norm } from '../legal-terms/legal-terms.ts';
import { listNorms } from '../legal-terms/store.ts';
import { trajectoryNormsOn } from './norms.ts';
import { type CaseloadKeys, caseloadKeysOf, type TrajectoryAction } from './trajectory-process.ts';

/**
 * The caseload keys of trajectories (migration 280), and the first day each was opened, its plan
 * agreed and closed (migration 331, for the figures): recomputed from their actions with
 * `caseloadKeysOf`, the clocks' own code, and written beside them. Called in the transaction that
 * appends an action (trajectory-store.ts, start-trajectory.ts), and for rows marked stale.
 */
export async function storeClockKeys(q: Queryable, ids: readonly string[], norms?: readonly Norm[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await q.query<{ id: string; received_on: string }>('SELECT id, received_on::text AS received_on FROM trajectories WHERE id = ANY($1::uuid[])', [[...ids]]);
  const actions = Map.groupBy(await q.query<TrajectoryAction & { trajectoryId: string }>(
    `SELECT trajectory_id AS "trajectoryId", type, occurred_on::text AS "on", outcome, until_on::text AS "untilOn"
     FROM trajectory_actions WHERE trajectory_id = ANY($1::uuid[]) ORDER BY id`, [[...ids]]), (a) => a.trajectoryId);
  const all = norms ?? await listNorms(q);
  const none: CaseloadKeys = { dueOn: null, atRiskOn: null, planDueOn: null, maxDurationOn: null };
  // A row without its 'opened' action (written by hand) has no clock.
  // The first day of each: what the plan clock's figures count on (figures.ts, migration 331).
  const first = (own: readonly TrajectoryAction[], type: TrajectoryAction['type']) => own.filter((a) => a.type === type).map((a) => a.on).sort()[0] ?? null;
  const keys = rows.map((r) => {
    const own = actions.get(r.id) ?? [];
    return { id: r.id, ...(own.some((a) => a.type === 'opened') ? caseloadKeysOf(own, trajectoryNormsOn(all, r.received_on)) : none),
      openedOn: first(own, 'opened'), planAgreedOn: first(own, 'plan_agreed'), closedOn: first(own, 'closed') };
  });
  await q.query(
    `UPDATE trajectories t SET due_on = k.due_on, at_risk_on = k.at_risk_on, plan_due_on = k.plan_due_on, max_duration_on = k.max_duration_on,
       opened_on = k.opened_on, plan_agreed_on = k.plan_agreed_on, closed_on = k.closed_on, clock_keys_stale = false
     FROM unnest($1::uuid[], $2::date[], $3::date[], $4::date[], $5::date[], $6::date[], $7::date[], $8::date[])
       AS k(id, due_on, at_risk_on, plan_due_on, max_duration_on, opened_on, plan_agreed_on, closed_on)
     WHERE t.id = k.id`,
    [keys.map((k) => k.id), keys.map((k) => k.dueOn), keys.map((k) => k.atRiskOn), keys.map((k) => k.planDueOn), keys.map((k) => k.maxDurationOn),
      keys.map((k) => k.openedOn), keys.map((k) => k.planAgreedOn), keys.map((k) => k.closedOn)]);
}

/**
 * Computes the keys of stale trajectories (after migration 280, or rows written straight into the
 * table), `batch` at a time, at most `max` (null: all). Returns how many it computed. Safe to run on
 * several instances at once: each writes the same values.
 */
export async function refreshClockKeys(q: Queryable, max: number | null = null, batch = 500): Promise<number> {
  let done = 0;
  let norms: readonly Norm[] | undefined;
  while (max === null || done < max) {
    const ids = (await q.query<{ id: string }>('SELECT id FROM trajectories WHERE clock_keys_stale ORDER BY id LIMIT $1',
      [max === null ? batch : Math.min(batch, max - done)])).map((r) => r.id);
    if (ids.length === 0) break;
    norms ??= await listNorms(q);
    await storeClockKeys(q, ids, norms);
    done += ids.length;
  }
  return done;
}
