import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest } from '../../platform/errors.ts';
import { ClientInput, ClientView } from './schemas.ts';
import { clientStore } from './store.ts';

const IdParams = z.object({ id: z.uuid() });

export async function clientRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['clients'];

  r.post('/api/v1/clients', {
    config: { permission: 'client.write' },
    schema: { tags, summary: 'Register a client', body: ClientInput.extend({ teamId: z.uuid().nullable().optional() }), response: { 201: ClientView } },
  }, async (req, reply) => {
    const { teamId, ...input } = req.body;
    const myTeams = req.ctx!.actor.teamIds;
    if (teamId && !myTeams.includes(teamId)) throw badRequest('U bent geen lid van dit team / You are not a member of this team', 'teamId');
    return reply.status(201).send(await clientStore(req.store).create(input, teamId ?? myTeams[0] ?? null));
  });

  r.get('/api/v1/clients/:id', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'One client (BSN masked); needs a relation or break-the-glass', params: IdParams, response: { 200: ClientView } },
  }, async (req) => clientStore(req.store).get(req.params.id));

  r.post('/api/v1/clients/:id/bsn-disclosures', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Show the full BSN (logged separately)', params: IdParams, response: { 200: z.object({ bsn: z.string().nullable() }) } },
  }, async (req) => ({ bsn: await clientStore(req.store).revealBsn(req.params.id) }));

  r.post('/api/v1/clients/:id/break-glass', {
    config: { permission: 'client.break_glass' },
    schema: { tags, summary: 'Emergency access with a stated reason (4 hours, reviewed by the privacy officer)', params: IdParams,
      body: z.object({ reason: z.string().trim().min(10, 'geef een reden van minstens 10 tekens / give a reason of at least 10 characters').max(1000) }),
      response: { 201: z.object({ id: z.uuid(), expiresAt: z.date() }) } },
  }, async (req, reply) => reply.status(201).send(await clientStore(req.store).breakGlass(req.params.id, req.body.reason)));
}
