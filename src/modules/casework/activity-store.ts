import { ProcessingActivity } from '../../platform/audit.ts';
import { userNames } from '../../platform/auth/users.ts';
import type { Queryable } from '../../platform/db.ts';
import { badRequest } from '../../platform/errors.ts';
import { once } from '../../platform/idempotency.ts';
import type { Store } from '../../platform/store.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';
import { ACTIVITY_KINDS, type ActivityKind } from './activity.ts';
import type { ActivityInput, ActivityLog, ActivityView } from './schemas.ts';
import { getTrajectoryRef, requireOwnTeam } from './trajectory-ref.ts';

type Row = { id: string; kind: ActivityKind; on: string; minutes: number; note: string | null; actorUserId: string | null; recordedAt: Date };

async function logOf(q: Queryable, trajectoryId: string): Promise<ActivityLog> {
  const rows = await q.query<Row>(
    `SELECT id, kind, occurred_on::text AS "on", minutes, note, actor_user_id AS "actorUserId", recorded_at AS "recordedAt"
     FROM trajectory_activities WHERE trajectory_id = $1 ORDER BY occurred_on DESC, recorded_at DESC`, [trajectoryId]);
  const names = await userNames(q, rows.map((r) => r.actorUserId));
  const minutesByKind = Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, 0])) as Record<ActivityKind, number>;
  for (const r of rows) minutesByKind[r.kind] += r.minutes;
  const items: ActivityView[] = rows.map((r) => ({
    id: r.id, kind: r.kind, on: r.on, minutes: r.minutes, note: r.note,
    actorName: r.actorUserId ? names.get(r.actorUserId) ?? null : null, recordedAt: new Date(r.recordedAt).toISOString(),
  }));
  return { items, totalMinutes: rows.reduce((s, r) => s + r.minutes, 0), minutesByKind };
}

/** The activity log of a trajectory, through the request's Store: need-to-know to read, the own team to write; audited. */
export function activityStore(store: Store) {
  const activity = ProcessingActivity.BasicSupport;
  return {
    list: async (trajectoryId: string) => {
      const ref = await getTrajectoryRef(store.db, trajectoryId);
      return store.readClient(ref.clientId, { action: 'trajectory.activity.list', activity, details: { trajectoryId } }, (tx) => logOf(tx, trajectoryId));
    },

    /** Logs one activity; the same Idempotency-Key again answers with the log and adds nothing. */
    add: async (trajectoryId: string, input: ActivityInput, idempotencyKey?: string) => {
      const ref = await getTrajectoryRef(store.db, trajectoryId);
      return store.changeClient(ref.clientId, { action: 'trajectory.activity.create', activity, details: { trajectoryId, kind: input.kind, minutes: input.minutes } },
        async (tx) => {
          requireOwnTeam(store, ref);
          const today = amsterdamDate(new Date());
          if (input.on && input.on > today) throw badRequest('De datum ligt in de toekomst / The date is in the future', 'on', 'date_in_future');
          await once(tx, `trajectory.activity:${trajectoryId}`, idempotencyKey, input, async () => {
            await tx.query('INSERT INTO trajectory_activities (trajectory_id, kind, occurred_on, minutes, note, actor_user_id) VALUES ($1,$2,$3,$4,$5,$6)',
              [trajectoryId, input.kind, input.on ?? today, input.minutes, input.note || null, store.ctx.actor.kind === 'user' ? store.ctx.actor.id : null]);
            return true;
          });
          return logOf(tx, trajectoryId);
        });
    },
  };
}
