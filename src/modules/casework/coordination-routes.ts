import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyKeyOf } from '../../platform/idempotency.ts';
import { coordinationStore } from './coordination-store.ts';
import { CoordinationView, HandoverInput, OnwardReferralActionInput, OnwardReferralInput } from './coordination-schemas.ts';

const IdParams = z.object({ id: z.uuid() });

/** Casusregie on a trajectory: onward referrals (2nd line, indication) and op- en afschalen (docs/casework.md). */
export async function coordinationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['casework'];

  r.get('/api/v1/trajectories/:id/coordination', {
    config: { permission: 'casework.read' },
    schema: { tags, summary: 'Who is active on the case: the team that keeps coordination, onward referrals with their status (and melding), hand-overs in order',
      params: IdParams, response: { 200: CoordinationView } },
  }, async (req) => coordinationStore(req.store).get(req.params.id));

  r.post('/api/v1/trajectories/:id/onward-referrals', {
    config: { permission: 'casework.onward_referral' },
    schema: { tags, summary: 'Refer the client on: to 2nd-line care (organisation) or to an indication (makes a Wmo or Jeugdwet melding and links it); own team; Idempotency-Key optional',
      params: IdParams, body: OnwardReferralInput, response: { 201: CoordinationView } },
  }, async (req, reply) => reply.code(201).send(await coordinationStore(req.store).refer(req.params.id, req.body, idempotencyKeyOf(req))));

  r.post('/api/v1/onward-referrals/:id/actions', {
    config: { permission: 'casework.onward_referral' },
    schema: { tags, summary: 'A step on an onward referral: start (the care started) or end (ended, or not taken up); 409 onward_referral_status names what is allowed',
      params: IdParams, body: OnwardReferralActionInput, response: { 201: CoordinationView } },
  }, async (req, reply) => reply.code(201).send(await coordinationStore(req.store).act(req.params.id, req.body)));

  r.post('/api/v1/trajectories/:id/handovers', {
    config: { permission: 'casework.handover' },
    schema: { tags, summary: 'Op- of afschalen: a hand-over to or back from Veilig Thuis or a specialised team (an escalation to Veilig Thuis links the open safety record); own team; Idempotency-Key optional',
      params: IdParams, body: HandoverInput, response: { 201: CoordinationView } },
  }, async (req, reply) => reply.code(201).send(await coordinationStore(req.store).handover(req.params.id, req.body, idempotencyKeyOf(req))));
}
