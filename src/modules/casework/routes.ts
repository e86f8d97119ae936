import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyKeyOf } from '../../platform/idempotency.ts';
import { IfMatchHeaders, versionOf, withETag } from '../../platform/versioning.ts';
import { trajectoryRecordRoutes } from './record-routes.ts';
import { caseloadStore } from './caseload-store.ts';
import { Caseload, CaseloadOverview, CaseloadQuery, type CommandBody, commandBodies, ReassignBody, type StepCommand, TrajectoryView } from './schemas.ts';
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
  reassign: 'Hand the case to another professional of the team (team lead), recorded in its history; the linked referral follows; 422 professional_not_in_team otherwise',
};

export async function caseworkRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['casework'];

  r.get('/api/v1/trajectories/:id', {
    config: { permission: 'casework.read' },
    schema: { tags, summary: 'One trajectory with its history, status, allowed next steps and clocks', params: IdParams, response: { 200: TrajectoryView } },
  }, async (req, reply) => withETag(reply, await trajectoryStore(req.store).get(req.params.id)));

  for (const command of Object.keys(commandBodies) as StepCommand[]) {
    r.post(`/api/v1/trajectories/:id/${command}`, {
      config: { permission: command === 'approveExtension' ? 'casework.approve_extension' : 'casework.act' },
      schema: { tags, summary: summaries[command], params: IdParams, headers: IfMatchHeaders, body: commandBodies[command], response: { 200: TrajectoryView } },
    }, async (req, reply) => withETag(reply, await trajectoryStore(req.store)
      .act(req.params.id, command, req.body as CommandBody, versionOf(req), idempotencyKeyOf(req))));
  }

  r.get('/api/v1/caseload', {
    config: { permission: 'casework.read' },
    schema: { tags, summary: 'My open trajectories with their clocks, filtered by clock state, one page at a time (cursor)', querystring: CaseloadQuery,
      response: { 200: Caseload } },
  }, async (req) => caseloadStore(req.store).list({ userId: req.ctx!.actor.id! }, req.query));

  r.get('/api/v1/teams/:id/caseload', {
    config: { permission: 'casework.read' },
    schema: { tags, summary: "My team's open trajectories (members of the team), optionally one professional's, one page at a time (cursor)", params: IdParams,
      querystring: CaseloadQuery.extend({ professionalUserId: z.uuid().optional() }), response: { 200: Caseload } },
  }, async (req) => caseloadStore(req.store).list({ teamId: req.params.id, professionalUserId: req.query.professionalUserId }, req.query));

  r.get('/api/v1/teams/:id/caseload-overview', {
    config: { permission: 'casework.team_caseload' },
    schema: { tags, summary: 'The team lead\'s view: open cases per professional by clock state, plans overdue, over 12 months, the waiting list',
      params: IdParams, response: { 200: CaseloadOverview } },
  }, async (req) => caseloadStore(req.store).overview(req.params.id));

  r.post('/api/v1/trajectories/:id/reassign', {
    config: { permission: 'casework.reassign' },
    schema: { tags, summary: summaries.reassign,
      params: IdParams, headers: IfMatchHeaders, body: ReassignBody, response: { 200: TrajectoryView } },
  }, async (req, reply) => withETag(reply, await caseloadStore(req.store).reassign(req.params.id, req.body.professionalUserId, versionOf(req))));

  await trajectoryRecordRoutes(app);
}
