import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest } from '../../platform/errors.ts';
import { idempotencyKeyOf } from '../../platform/idempotency.ts';
import { registerContact } from './contact-store.ts';
import { contactFigures, ContactFigures } from './figures.ts';
import { ContactInput, ContactView, TimelineEntry } from './schemas.ts';
import { clientTimeline, type TimelineType } from './timeline.ts';

const TYPES = ['contact', 'referral', 'notification'] as const;

export async function intakeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['contacts'];

  r.post('/api/v1/contacts', {
    config: { permission: 'contact.create' },
    schema: { tags, summary: 'Register a contact and start what its outcome asks for (referral, Wmo notification, safety signal), in one step',
      body: ContactInput, response: { 201: ContactView } },
  }, async (req, reply) => reply.status(201).send(await registerContact(req.store, req.body, idempotencyKeyOf(req))));

  r.get('/api/v1/clients/:id/timeline', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Contacts, referrals and Wmo notifications of a client, newest first', params: z.object({ id: z.uuid() }),
      querystring: z.object({ type: z.string().optional().describe('comma-separated: contact,referral,notification') }), response: { 200: z.array(TimelineEntry) } },
  }, async (req) => {
    const types = (req.query.type ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const bad = types.find((t) => !(TYPES as readonly string[]).includes(t));
    if (bad) throw badRequest(`Onbekend soort '${bad}' (kies uit ${TYPES.join(', ')}) / Unknown type`, 'type');
    return clientTimeline(req.store, req.params.id, types as TimelineType[]);
  });

  r.get('/api/v1/figures/contacts', {
    config: { permission: 'contact.figures' },
    schema: { tags: ['figures'], summary: 'Contacts per channel, desk and outcome in a period (anonymous contacts included)',
      querystring: z.object({ from: z.iso.date(), to: z.iso.date() }), response: { 200: ContactFigures } },
  }, async (req) => {
    if (req.query.to < req.query.from) throw badRequest("'to' ligt voor 'from' / 'to' is before 'from'", 'to');
    return contactFigures(app.db, req.query.from, req.query.to);
  });
}
