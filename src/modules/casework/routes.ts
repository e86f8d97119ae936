import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyKeyOf } from '../../platform/idempotency.ts';
import { IfMatchHeaders, versionOf, withETag } from '../../platform/versioning.ts';
import { trajectoryRecordRoutes } from './record-routes.ts';
import { Caseload, type CommandBody, commandBodies, TrajectoryView } from './schemas.ts';
import { trajectoryStore } from './trajectory-store.ts';
import type { TrajectoryCommand } from './trajectory-process.ts';

const IdParams = z.object({ id: z.uuid() });

const summaries: Record<TrajectoryCommand, string> = {
  agreePlan: 'The support plan (ondersteuningsplan) was agreed with the client',
  startSupport: 'Support starts (the 3–12 months run from here)',
  startEvaluation: 'An evaluation of the plan starts',
  finishEvaluation: 'The evaluation is done; support goes on',
  requestExtension: 'Ask to run longer than the maximum, with a reason and the end date',
  approveExtension: 'The team lead approves the extension asked for',
  close: 'Close with an outcome',
  reopen: 'Re-open a closed trajectory within the re-open period: a new trajectory linked to this one',
};

export async function caseworkRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['casework'];

  r.get('/api/v1/trajectories/:id', {
    config: { permission: 'casework.read' },
    schema: { tags, summary: 'One trajectory with its history, status, allowed next steps and clocks', params: IdParams, response: { 200: TrajectoryView } },
  }, async (req, reply) => withETag(reply, await trajectoryStore(req.store).get(req.params.id)));

  for (const command of Object.keys(commandBodies) as TrajectoryCommand[]) {
    r.post(`/api/v1/trajectories/:id/${command}`, {
      config: { permission: command === 'approveExtension' ? 'casework.approve_extension' : 'casework.act' },
      schema: { tags, summary: summaries[command], params: IdParams, headers: IfMatchHeaders, body: commandBodies[command], response: { 200: TrajectoryView } },
    }, async (req, reply) => withETag(reply, await trajectoryStore(req.store)
      .act(req.params.id, command, req.body as CommandBody, versionOf(req), idempotencyKeyOf(req))));
  }

  r.get('/api/v1/caseload', {
    config: { permission: 'casework.read' },
    schema: { tags, summary: 'My open trajectories with their clocks, the most urgent first', response: { 200: Caseload } },
  }, async (req) => trajectoryStore(req.store).caseload({ userId: req.ctx!.actor.id! }));

  r.get('/api/v1/teams/:id/caseload', {
    config: { permission: 'casework.team_caseload' },
    schema: { tags, summary: "The team's open trajectories (team lead): per professional, the most urgent first", params: IdParams, response: { 200: Caseload } },
  }, async (req) => trajectoryStore(req.store).caseload({ teamId: req.params.id }));

  await trajectoryRecordRoutes(app);
}
