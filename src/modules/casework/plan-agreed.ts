import type { RequestContext } from '../../platform/access/context.ts';
import { ProcessingActivity, writeAudit } from '../../platform/audit.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import { clientSummaries } from '../clients/store.ts';
import { listNorms } from '../legal-terms/store.ts';
import { teamNames } from '../org/store.ts';
import { trajectoryNormsOn } from './norms.ts';
import { actionOfCommand, refusalOf, type TrajectoryAction } from './trajectory-process.ts';
import { append, type Row, SELECT, today } from './trajectory-store.ts';

/**
 * The household plan agreed with the client is the trajectory's plan too (docs/casework.md "The
 * plan agreed"): called by the household module in the transaction that records the agreement, after
 * it checked need-to-know for every member. Appends `plan_agreed` on `on` to each of the clients'
 * trajectories still at intake (later ones are left alone), with the trajectory's own checks and an
 * audit row per trajectory. Only the trajectory's own team works on it (as for every step): a member's
 * trajectory of a team the actor is not in refuses the whole agreement with a 403
 * `member_trajectory_other_team` naming the member and the team. A step refused for one member refuses
 * the whole agreement: a 409 `member_trajectory_refused` naming the member, with the trajectory's own
 * reason. Either way nothing is recorded (the caller's transaction rolls back).
 */
export async function agreePlanOfClients(tx: Queryable, ctx: RequestContext, clientIds: readonly string[], on: string,
  details: Record<string, unknown>): Promise<string[]> {
  const rows = await tx.query<Row>(`${SELECT} WHERE client_id = ANY($1::uuid[]) AND status = 'intake' ORDER BY id FOR UPDATE`, [[...clientIds]]);
  if (rows.length === 0) return [];
  const nameOf = async (clientId: string) => (await clientSummaries(tx, [clientId])).get(clientId)?.name ?? '';
  const otherTeam = rows.find((r) => !ctx.actor.teamIds.includes(r.team_id));
  if (otherTeam) {
    const [name, team] = [await nameOf(otherTeam.client_id), (await teamNames(tx, [otherTeam.team_id])).get(otherTeam.team_id) ?? ''];
    throw new AppError('member_trajectory_other_team', 403,
      `Het traject van ${name} hoort bij ${team}, niet bij uw team: alleen dat team legt het plan daar vast`
      + ` / The trajectory of ${name} belongs to ${team}, not to your team: only that team records the plan there`, undefined,
      { clientId: otherTeam.client_id, trajectoryId: otherTeam.id, teamId: otherTeam.team_id });
  }
  const norms = await listNorms(tx);
  const actions = await tx.query<TrajectoryAction & { trajectoryId: string }>(
    `SELECT trajectory_id AS "trajectoryId", type, occurred_on::text AS "on" FROM trajectory_actions WHERE trajectory_id = ANY($1::uuid[]) ORDER BY id`,
    [rows.map((r) => r.id)]);
  const day = today();
  for (const r of rows) {
    const refusal = refusalOf(actions.filter((a) => a.trajectoryId === r.id), 'agreePlan', trajectoryNormsOn(norms, r.received_on), day, { on });
    if (refusal) {
      const name = await nameOf(r.client_id);
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
