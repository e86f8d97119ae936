import type { Queryable } from '../../platform/db.ts';
import type { TrajectoryOutcome } from './trajectory-process.ts';

/**
 * What other modules read about the trajectories of a referral (the referrals inbox, the GP's Task).
 * Imports nothing from the referrals module, so the two modules do not import each other in a circle.
 */

/** The current trajectory of each referral (a re-opened one continues the old: the newest counts), by referral id. */
export async function trajectoriesOfReferrals(q: Queryable, referralIds: readonly string[]): Promise<Map<string, string>> {
  if (referralIds.length === 0) return new Map();
  const rows = await q.query<{ referral_id: string; id: string }>(
    `SELECT DISTINCT ON (referral_id) referral_id, id FROM trajectories WHERE referral_id = ANY($1::uuid[]) ORDER BY referral_id, created_at DESC, id`,
    [[...referralIds]]);
  return new Map(rows.map((r) => [r.referral_id, r.id]));
}

/**
 * The outcome code of the close that closed the referral: the first trajectory close of it (a re-opened
 * trajectory continues after the referral was closed, and the referral keeps its first outcome). null: none.
 */
export async function closingOutcomeOfReferral(q: Queryable, referralId: string): Promise<TrajectoryOutcome | null> {
  const [row] = await q.query<{ outcome: TrajectoryOutcome | null }>(
    `SELECT a.outcome FROM trajectory_actions a JOIN trajectories t ON t.id = a.trajectory_id
     WHERE t.referral_id = $1 AND a.type = 'closed' ORDER BY a.id LIMIT 1`, [referralId]);
  return row?.outcome ?? null;
}
