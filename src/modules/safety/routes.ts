import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyKeyOf } from '../../platform/idempotency.ts';
import type { SafetyProtocolCommand } from './safety-protocol-process.ts';
import { safetyStore } from './safety-store.ts';
import {
  AccessDecisionInput, AccessRequestInput, AccessRequestView, type CommandBody, commandBodies, MemberInput, MemberView, SafetyRecordItem, SafetyRecordView,
} from './schemas.ts';

const IdParams = z.object({ id: z.uuid() });

const summaries: Record<SafetyProtocolCommand, string> = {
  mapSignals: 'Step 1: map the signals',
  consult: 'Step 2: consult a colleague, the safety officer or Veilig Thuis (anonymous advice allowed); again until the decision',
  talk: 'Step 3: the conversation with those involved (or why it was not held)',
  weigh: 'Step 4: weigh with the five questions of the afwegingskader',
  decide: 'Step 5: decide — organise help, report to Veilig Thuis, or close (report at once for acute danger, with the reason)',
  report: 'The report to Veilig Thuis: the day, by whom (you), what was reported',
  agreeFollowUp: 'A follow-up date agreed with Veilig Thuis',
  close: 'Close the safety record',
};

/** The sealed safety record and the meldcode steps (src/modules/safety, docs/safety.md). */
export async function safetyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['safety'];

  r.get('/api/v1/safety-records', {
    config: { permission: 'safety.read' },
    schema: { tags, summary: 'The safety records I am on the case of (the safety officer: all), open ones first', response: { 200: z.array(SafetyRecordItem) } },
  }, async (req) => safetyStore(req.store).list());

  r.get('/api/v1/safety-records/:id', {
    config: { permission: 'safety.read' },
    schema: { tags, summary: 'One sealed safety record with the contact text and the meldcode steps (on the case only; every view is audited)',
      params: IdParams, response: { 200: SafetyRecordView } },
  }, async (req) => safetyStore(req.store).get(req.params.id));

  for (const command of Object.keys(commandBodies) as SafetyProtocolCommand[]) {
    r.post(`/api/v1/safety-records/:id/${command}`, {
      config: { permission: 'safety.act' },
      schema: { tags, summary: summaries[command], params: IdParams, body: commandBodies[command], response: { 200: SafetyRecordView } },
    }, async (req) => safetyStore(req.store).act(req.params.id, command, req.body as CommandBody, idempotencyKeyOf(req)));
  }

  r.get('/api/v1/safety-records/:id/candidates', {
    config: { permission: 'safety.lead' },
    schema: { tags, summary: 'Professionals of the teams involved who can be put on the case (a lead on the case only)', params: IdParams,
      response: { 200: z.array(MemberView) } },
  }, async (req) => safetyStore(req.store).candidates(req.params.id));

  r.post('/api/v1/safety-records/:id/members', {
    config: { permission: 'safety.lead' },
    schema: { tags, summary: 'Put a professional on the case (team lead of a team involved, or the safety officer)', params: IdParams, body: MemberInput,
      response: { 200: SafetyRecordView } },
  }, async (req) => safetyStore(req.store).addMember(req.params.id, req.body.userId));

  r.post('/api/v1/safety-records/:id/access-requests', {
    config: { permission: 'safety.request_access' },
    schema: { tags, summary: 'Ask for break-the-glass access to a sealed record, with a reason; nothing opens until a second person approves',
      params: IdParams, body: AccessRequestInput, response: { 201: AccessRequestView } },
  }, async (req, reply) => reply.code(201).send(await safetyStore(req.store).requestAccess(req.params.id, req.body.reason)));

  // Anyone who may act on safety records reaches this route, so that deciding one's own request is
  // refused with its own code (own_access_request); the store then requires a lead on the case.
  r.post('/api/v1/safety-records/:id/access-requests/:requestId/decision', {
    config: { permission: 'safety.act' },
    schema: { tags, summary: 'Approve (for some hours) or refuse a break-the-glass request: a team lead or the safety officer on the case, never the one who asked',
      params: z.object({ id: z.uuid(), requestId: z.uuid() }), body: AccessDecisionInput, response: { 200: AccessRequestView } },
  }, async (req) => safetyStore(req.store).decideAccess(req.params.id, req.params.requestId, req.body.approved, req.body.hours));
}
