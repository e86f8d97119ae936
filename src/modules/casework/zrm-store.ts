import { ProcessingActivity } from '../../platform/audit.ts';
import { userNames } from '../../platform/auth/users.ts';
import type { Queryable } from '../../platform/db.ts';
import { badRequest, conflict } from '../../platform/errors.ts';
import { once } from '../../platform/idempotency.ts';
import type { Store } from '../../platform/store.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';
import type { ZrmInput, ZrmView } from './schemas.ts';
import { getTrajectoryRef, requireOwnTeam } from './trajectory-ref.ts';
import { ZRM_DOMAINS, type ZrmDomain, type ZrmMoment, type ZrmScore, type ZrmScores, zrmChange, zrmChangeText, zrmMomentRefusal } from './zrm.ts';

type Row = { id: string; moment: ZrmMoment; on: string; actorUserId: string | null };

async function viewOf(q: Queryable, trajectoryId: string): Promise<ZrmView> {
  const rows = await q.query<Row>(`SELECT id, moment, scored_on::text AS "on", actor_user_id AS "actorUserId"
    FROM zrm_assessments WHERE trajectory_id = $1 ORDER BY recorded_at, id`, [trajectoryId]);
  const scores = rows.length ? await q.query<{ assessmentId: string; domain: ZrmDomain; score: ZrmScore }>(
    'SELECT assessment_id AS "assessmentId", domain, score FROM zrm_scores WHERE assessment_id = ANY($1::uuid[])', [rows.map((r) => r.id)]) : [];
  const names = await userNames(q, rows.map((r) => r.actorUserId));
  const assessments = rows.map((r) => {
    const s = {} as ZrmScores;
    for (const x of scores) if (x.assessmentId === r.id) s[x.domain] = Number(x.score) as ZrmScore;
    return { id: r.id, moment: r.moment, on: r.on, actorName: r.actorUserId ? names.get(r.actorUserId) ?? null : null, scores: s };
  });
  return { assessments, change: zrmChange(assessments).map((c) => ({ ...c, text: zrmChangeText(c) })) };
}

/** The ZRM of a trajectory through the request's Store: need-to-know to read, the own team to score; audited. */
export function zrmStore(store: Store) {
  const activity = ProcessingActivity.BasicSupport;
  return {
    get: async (trajectoryId: string) => {
      const ref = await getTrajectoryRef(store.db, trajectoryId);
      return store.readClient(ref.clientId, { action: 'trajectory.zrm.read', activity, details: { trajectoryId } }, (tx) => viewOf(tx, trajectoryId));
    },

    /** Records one scoring of all 13 domains; the same Idempotency-Key again records nothing new. */
    score: async (trajectoryId: string, input: ZrmInput, idempotencyKey?: string) => {
      const ref = await getTrajectoryRef(store.db, trajectoryId);
      return store.changeClient(ref.clientId, { action: 'trajectory.zrm.score', activity, details: { trajectoryId, moment: input.moment } }, async (tx) => {
        requireOwnTeam(store, ref);
        const today = amsterdamDate(new Date());
        if (input.on && input.on > today) throw badRequest('De datum ligt in de toekomst / The date is in the future', 'on', 'date_in_future');
        await once(tx, `trajectory.zrm:${trajectoryId}`, idempotencyKey, input, async () => {
          // Serialises scorings of one trajectory, so the order rule holds under concurrent requests.
          await tx.query('SELECT id FROM trajectories WHERE id = $1 FOR UPDATE', [trajectoryId]);
          const previous = (await tx.query<{ moment: ZrmMoment }>('SELECT moment FROM zrm_assessments WHERE trajectory_id = $1', [trajectoryId])).map((r) => r.moment);
          const refusal = zrmMomentRefusal(previous, input.moment);
          if (refusal) throw conflict(refusal.message, refusal.code, { scored: previous });
          const [a] = await tx.query<{ id: string }>(
            'INSERT INTO zrm_assessments (trajectory_id, moment, scored_on, actor_user_id) VALUES ($1,$2,$3,$4) RETURNING id',
            [trajectoryId, input.moment, input.on ?? today, store.ctx.actor.kind === 'user' ? store.ctx.actor.id : null]);
          await tx.query('INSERT INTO zrm_scores (assessment_id, domain, score) SELECT $1, d, s FROM unnest($2::text[], $3::smallint[]) AS x(d, s)',
            [a!.id, ZRM_DOMAINS, ZRM_DOMAINS.map((d) => input.scores[d])]);
          return true;
        });
        return viewOf(tx, trajectoryId);
      });
    },
  };
}

export type ZrmScoringRef = { id: string; trajectoryId: string; moment: ZrmMoment; on: string };

/** The ZRM scorings of a client's trajectories (a Wmo onderzoek may refer to one), oldest first; the caller has done the access check. */
export const zrmScoringsOfClient = (q: Queryable, clientId: string) => q.query<ZrmScoringRef>(
  `SELECT a.id, a.trajectory_id AS "trajectoryId", a.moment, a.scored_on::text AS "on"
   FROM zrm_assessments a JOIN trajectories t ON t.id = a.trajectory_id WHERE t.client_id = $1 ORDER BY a.scored_on, a.recorded_at`, [clientId]);
