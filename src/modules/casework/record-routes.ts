import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyKeyOf } from '../../platform/idempotency.ts';
import { activityStore } from './activity-store.ts';
import { coordinationRoutes } from './coordination-routes.ts';
import { ActivityInput, ActivityLog, ZrmInput, ZrmView } from './schemas.ts';
import { zrmStore } from './zrm-store.ts';

const IdParams = z.object({ id: z.uuid() });

/** What a professional records on a trajectory besides its steps: the activity log, the ZRM and casusregie (coordination-routes.ts). */
export async function trajectoryRecordRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['casework'];

  r.get('/api/v1/trajectories/:id/activities', {
    config: { permission: 'casework.read' },
    schema: { tags, summary: 'The activity log: home visits, calls, meetings and network meetings with the time spent', params: IdParams, response: { 200: ActivityLog } },
  }, async (req) => activityStore(req.store).list(req.params.id));

  r.post('/api/v1/trajectories/:id/activities', {
    config: { permission: 'casework.act' },
    schema: { tags, summary: 'Log an activity (own team; Idempotency-Key header optional)', params: IdParams, body: ActivityInput, response: { 201: ActivityLog } },
  }, async (req, reply) => reply.code(201).send(await activityStore(req.store).add(req.params.id, req.body, idempotencyKeyOf(req))));

  r.get('/api/v1/trajectories/:id/zrm', {
    config: { permission: 'casework.read' },
    schema: { tags, summary: 'The Zelfredzaamheid-Matrix (ZRM) as scored at intake, evaluations and closure, and the change per domain', params: IdParams, response: { 200: ZrmView } },
  }, async (req) => zrmStore(req.store).get(req.params.id));

  r.post('/api/v1/trajectories/:id/zrm', {
    config: { permission: 'casework.act' },
    schema: { tags, summary: 'Score the 13 ZRM domains 1–5 (intake first and once; nothing after closure; own team; Idempotency-Key optional)',
      params: IdParams, body: ZrmInput, response: { 201: ZrmView } },
  }, async (req, reply) => reply.code(201).send(await zrmStore(req.store).score(req.params.id, req.body, idempotencyKeyOf(req))));

  await coordinationRoutes(app);
}
