import type { RequestContext } from '../../platform/access/context.ts';
import { ProcessingActivity, writeAudit } from '../../platform/audit.ts';
import type { Queryable } from '../../platform/db.ts';
import { conflict } from '../../platform/errors.ts';
import { clientSummaries } from '../clients/store.ts';
import { listNorms } from '../legal-terms/store.ts';
import { trajectoryNormsOn } from './norms.ts';
import { actionOfCommand, refusalOf, type TrajectoryAction } from './trajectory-process.ts';
import { append, type Row, SELECT, today } from './trajectory-store.ts';

/**
 * The household plan agreed with the client is the trajectory's plan too (docs/casework.md "The
 * plan agreed"): called by the household module in the transaction that records the agreement, after
 * it checked need-to-know for every member. Appends `plan_agreed` on `on` to each of the clients'
 * trajectories still at intake (later ones are left alone), with the trajectory's own checks and an
 * audit row per trajectory. A step refused for one member refuses the whole agreement: a 409
 * `member_trajectory_refused` naming the member, with the trajectory's own reason.
 */
export async function agreePlanOfClients(tx: Queryable, ctx: RequestContext, clientIds: readonly string[], on: string,
  details: Record<string, unknown>): Promise<string[]> {
  const rows = await tx.query<Row>(`${SELECT} WHERE client_id = ANY($1::uuid[]) AND status = 'intake' ORDER BY id FOR UPDATE`, [[...clientIds]]);
  if (rows.length === 0) return [];
  const norms = await listNorms(tx);
  const actions = await tx.query<TrajectoryAction & { trajectoryId: string }>(
    `SELECT trajectory_id AS "trajectoryId", type, occurred_on::text AS "on" FROM trajectory_actions WHERE trajectory_id = ANY($1::uuid[]) ORDER BY id`,
    [rows.map((r) => r.id)]);
  const day = today();
  for (const r of rows) {
    const refusal = refusalOf(actions.filter((a) => a.trajectoryId === r.id), 'agreePlan', trajectoryNormsOn(norms, r.received_on), day, { on });
    if (refusal) {
      const name = (await clientSummaries(tx, [r.client_id])).get(r.client_id)?.name ?? '';
      const [nl, en = nl] = refusal.message.split(' / ');
      throw conflict(`Het plan kan voor ${name} niet op ${on} als afgesproken worden vastgelegd: ${nl}`
        + ` / The plan cannot be recorded as agreed on ${on} for ${name}: ${en}`, 'member_trajectory_refused',
      { clientId: r.client_id, trajectoryId: r.id, trajectoryStatus: r.status, reason: refusal.code });
    }
  }
  const userId = ctx.actor.kind === 'user' ? ctx.actor.id : null;
  for (const r of rows) {
    await append(tx, r.id, { type: actionOfCommand.agreePlan, on }, userId, norms);
    await writeAudit(tx, ctx, { action: 'trajectory.agreePlan', activity: ProcessingActivity.BasicSupport, outcome: 'success', clientId: r.client_id,
      details: { trajectoryId: r.id, ...details } });
  }
  return rows.map((r) => r.id);
}
