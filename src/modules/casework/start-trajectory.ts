import type { RequestContext } from '../../platform/access/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { storeClockKeys } from './clock-keys.ts';

/**
 * An accepted referral starts a trajectory at intake (DOMAIN §3.3). Called by the referrals module
 * in the transaction that accepts the referral; imports nothing from it, so the two modules do not
 * import each other in a circle. `receivedOn` is the day the referral came in (the contact's date,
 * the GP's authoredOn), where the plan clock starts. Accepting again (a retry) starts nothing new.
 */
export async function startTrajectory(tx: Queryable, ctx: RequestContext, r: {
  referralId: string; clientId: string; teamId: string; professionalUserId: string; receivedOn: string;
}): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO trajectories (client_id, team_id, referral_id, professional_user_id, received_on) VALUES ($1,$2,$3,$4,$5)
     ON CONFLICT (referral_id) WHERE reopened_from IS NULL DO NOTHING RETURNING id`,
    [r.clientId, r.teamId, r.referralId, r.professionalUserId, r.receivedOn]);
  if (!row) {
    const [existing] = await tx.query<{ id: string }>('SELECT id FROM trajectories WHERE referral_id = $1 AND reopened_from IS NULL', [r.referralId]);
    return existing!.id;
  }
  await tx.query('INSERT INTO trajectory_actions (trajectory_id, type, occurred_on, actor_user_id) VALUES ($1, $2, $3, $4)',
    [row.id, 'opened', r.receivedOn, ctx.actor.kind === 'user' ? ctx.actor.id : null]);
  await storeClockKeys(tx, [row.id]);
  return row.id;
}
