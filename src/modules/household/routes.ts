import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyKeyOf } from '../../platform/idempotency.ts';
import { IfMatchHeaders, versionOf, withETag } from '../../platform/versioning.ts';
import { planPdf } from './plan-pdf.ts';
import { Agreement, GoalChange, HouseholdChange, HouseholdView, Member, NewGoal, NewHousehold, NewNote } from './schemas.ts';
import { householdStore } from './store.ts';

const IdParams = z.object({ id: z.uuid() });
const GoalParams = z.object({ id: z.uuid(), goalId: z.uuid() });

/**
 * The household and its plan ("1 gezin, 1 plan, 1 regisseur"). The neighbourhood team's
 * permissions (casework.*) apply; need-to-know applies to every member.
 */
export async function householdRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['household'];
  const read = { permission: 'casework.read' } as const;
  const act = { permission: 'casework.act' } as const;

  r.post('/api/v1/households', {
    config: act,
    schema: { tags, summary: 'Group clients into a household with a coordinator (regisseur); Idempotency-Key optional', body: NewHousehold, response: { 201: HouseholdView } },
  }, async (req, reply) => reply.code(201).send(withETag(reply, await householdStore(req.store).create(req.body, idempotencyKeyOf(req)))));

  r.get('/api/v1/households', {
    config: read,
    schema: { tags, summary: "A client's household with its plan, or null", querystring: z.object({ clientId: z.uuid() }),
      response: { 200: z.object({ household: HouseholdView.nullable() }) } },
  }, async (req) => householdStore(req.store).ofClient(req.query.clientId));

  r.get('/api/v1/households/:id', {
    config: read,
    schema: { tags, summary: 'A household: members, coordinator and plan', params: IdParams, response: { 200: HouseholdView } },
  }, async (req, reply) => withETag(reply, await householdStore(req.store).get(req.params.id)));

  r.patch('/api/v1/households/:id', {
    config: act,
    schema: { tags, summary: 'Rename the household or change its coordinator (If-Match)', params: IdParams, headers: IfMatchHeaders, body: HouseholdChange, response: { 200: HouseholdView } },
  }, async (req, reply) => withETag(reply, await householdStore(req.store).update(req.params.id, req.body, versionOf(req))));

  r.post('/api/v1/households/:id/members', {
    config: act,
    schema: { tags, summary: 'Add a client to the household (need-to-know for the new member too)', params: IdParams, body: Member, response: { 201: HouseholdView } },
  }, async (req, reply) => reply.code(201).send(withETag(reply, await householdStore(req.store).addMember(req.params.id, req.body))));

  r.delete('/api/v1/households/:id/members/:clientId', {
    config: act,
    schema: { tags, summary: 'A client leaves the household (not the last member)', params: z.object({ id: z.uuid(), clientId: z.uuid() }), response: { 200: HouseholdView } },
  }, async (req, reply) => withETag(reply, await householdStore(req.store).removeMember(req.params.id, req.params.clientId)));

  r.post('/api/v1/households/:id/agreement', {
    config: act,
    schema: { tags, summary: 'Record that the plan was agreed with the client: the day and how (If-Match)', params: IdParams, headers: IfMatchHeaders, body: Agreement, response: { 200: HouseholdView } },
  }, async (req, reply) => withETag(reply, await householdStore(req.store).agree(req.params.id, req.body, versionOf(req))));

  r.post('/api/v1/households/:id/goals', {
    config: act,
    schema: { tags, summary: 'Add a goal to the plan: life domain, what, who, by when; Idempotency-Key optional', params: IdParams, body: NewGoal, response: { 201: HouseholdView } },
  }, async (req, reply) => reply.code(201).send(withETag(reply, await householdStore(req.store).addGoal(req.params.id, req.body, idempotencyKeyOf(req)))));

  r.patch('/api/v1/households/:id/goals/:goalId', {
    config: act,
    schema: { tags, summary: "Change a goal or its status (If-Match: the goal's version)", params: GoalParams, headers: IfMatchHeaders, body: GoalChange, response: { 200: HouseholdView } },
  }, async (req, reply) => withETag(reply, await householdStore(req.store).changeGoal(req.params.id, req.params.goalId, req.body, versionOf(req))));

  r.post('/api/v1/households/:id/goals/:goalId/notes', {
    config: act,
    schema: { tags, summary: 'Add a progress note to a goal; Idempotency-Key optional', params: GoalParams, body: NewNote, response: { 201: HouseholdView } },
  }, async (req, reply) => reply.code(201).send(withETag(reply, await householdStore(req.store).addNote(req.params.id, req.params.goalId, req.body, idempotencyKeyOf(req)))));

  r.get('/api/v1/households/:id/plan.pdf', {
    config: read,
    schema: { tags, summary: 'The plan for the client, in plain Dutch, as a PDF', params: IdParams, response: { 200: z.any().describe('application/pdf') } },
  }, async (req, reply) => {
    const { household, domainLabel } = await householdStore(req.store).forPdf(req.params.id);
    return reply.type('application/pdf').header('content-disposition', 'inline; filename="plan.pdf"').send(await planPdf(household, domainLabel));
  });
}
