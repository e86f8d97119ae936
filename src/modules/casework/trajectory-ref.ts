import type { Queryable } from '../../platform/db.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { Store } from '../../platform/store.ts';
import type { TrajectoryStatus } from './trajectory-process.ts';

/** What the trajectory's own records (activity log, ZRM) need to know of it: whose it is, whose team works on it. */
export type TrajectoryRef = { id: string; clientId: string; teamId: string; status: TrajectoryStatus };

/** The trajectory's client and team, or 404 (looked up before the Store's need-to-know check, which needs the client). */
export async function getTrajectoryRef(q: Queryable, id: string): Promise<TrajectoryRef> {
  const [r] = await q.query<TrajectoryRef>('SELECT id, client_id AS "clientId", team_id AS "teamId", status FROM trajectories WHERE id = $1', [id]);
  if (!r) throw notFound('Traject niet gevonden / Trajectory not found');
  return r;
}

/** Only the trajectory's own team writes in it (others with access to the client may read). */
export function requireOwnTeam(store: Store, ref: TrajectoryRef): void {
  if (!store.ctx.actor.teamIds.includes(ref.teamId)) {
    throw forbidden('Alleen het eigen team werkt aan dit traject / Only the own team works on this trajectory', 'not_team_member');
  }
}
