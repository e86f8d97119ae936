import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import { idempotencyKeyOf } from '../../platform/idempotency.ts';
import { maskBsn } from '../clients/bsn.ts';
import { teamNames } from '../org/store.ts';
import { citizenAuth, requireCitizen } from './citizen-auth.ts';
import { PortalRequestInput, portalStore } from './store.ts';
import { AccessLogEntry, CitizenSessionView, Letter, PortalQuestion, PortalReceipt, PortalRequestStatus } from './schemas.ts';

/**
 * The digital channel. Citizen routes are `public` for the staff access table and guarded by
 * requireCitizen (a DigiD session, CSRF on changes); the desk's list of digital questions is a staff route.
 */
export async function portalRoutes(app: FastifyInstance) {
  await citizenAuth(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['portal'];

  r.get('/api/v1/portal/session', {
    config: { public: true },
    schema: { tags, summary: 'The logged-in citizen (BSN masked) and the CSRF token', response: { 200: CitizenSessionView } },
  }, async (req) => {
    const c = requireCitizen(req);
    return { name: c.name, bsnMasked: maskBsn(c.bsn)!, csrfToken: c.csrfToken };
  });

  r.post('/api/v1/portal/requests', {
    config: { public: true },
    schema: { tags, summary: 'Ask for help; returns a receipt with a reference number once stored (Idempotency-Key: a double submit is one request)',
      body: PortalRequestInput, response: { 201: PortalReceipt } },
  }, async (req, reply) => {
    const c = requireCitizen(req);
    const { clientId: _, ...receipt } = await portalStore(req.store, c).submit(req.body, idempotencyKeyOf(req));
    return reply.status(201).send(receipt);
  });

  r.get('/api/v1/portal/requests', {
    config: { public: true },
    schema: { tags, summary: 'Mijn Wegwijs: my questions and their status', response: { 200: z.array(PortalRequestStatus) } },
  }, async (req) => portalStore(req.store, requireCitizen(req)).requests());

  r.get('/api/v1/portal/letters', {
    config: { public: true },
    schema: { tags, summary: 'Mijn Wegwijs: the letters sent to me (signed Wmo decisions), newest first', response: { 200: z.array(Letter) } },
  }, async (req) => portalStore(req.store, requireCitizen(req)).letters());

  r.get('/api/v1/portal/letters/:id/pdf', {
    config: { public: true },
    schema: { tags, summary: 'Mijn Wegwijs: download one of my letters (PDF); 404 for a letter that is not mine; every download is audited',
      params: z.object({ id: z.uuid() }), response: { 200: z.any().describe('application/pdf') } },
  }, async (req, reply) => {
    const { pdf } = await portalStore(req.store, requireCitizen(req)).letterPdf(req.params.id);
    return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="brief-gemeente.pdf"').send(pdf);
  });

  r.get('/api/v1/portal/access-log', {
    config: { public: true },
    schema: { tags, summary: 'Mijn Wegwijs: which desks and teams looked at my file', response: { 200: z.array(AccessLogEntry) } },
  }, async (req) => portalStore(req.store, requireCitizen(req)).accessLog());

  r.get('/api/v1/portal-requests', {
    config: { permission: 'portal_request.read' },
    schema: { tags, summary: "Digital questions waiting at the user's desks (handle one by registering a contact with portalRequestId)",
      response: { 200: z.array(PortalQuestion) } },
    // A digital question is addressed to a desk: the desk it was sent to is its need-to-know.
  }, async (req) => req.store.readClients({ action: 'portal_request.list', activity: ProcessingActivity.FrontDesk }, async (tx) => {
    const rows = await tx.query<{ id: string; reference: string; created_at: Date; client_id: string | null; citizen_name: string; on_behalf_of: null; question: string;
      life_domains: string[]; contact_preference: string; contact_value: string | null; desk_team_id: string }>(
      `SELECT p.id, p.reference, p.created_at, p.client_id, p.citizen_name, p.on_behalf_of, p.question, p.life_domains, p.contact_preference, p.contact_value, p.desk_team_id
       FROM portal_requests p WHERE p.contact_id IS NULL AND p.desk_team_id = ANY($1::uuid[]) ORDER BY p.created_at LIMIT 200`,
      [req.ctx!.actor.teamIds]);
    const desks = await teamNames(tx, rows.map((p) => p.desk_team_id));
    const result = rows.map((p) => ({ id: p.id, reference: p.reference, createdAt: new Date(p.created_at).toISOString(), clientId: p.client_id, citizenName: p.citizen_name,
      onBehalfOf: p.on_behalf_of, question: p.question, lifeDomains: p.life_domains, contactPreference: p.contact_preference, contactValue: p.contact_value, deskName: desks.get(p.desk_team_id) ?? '' }));
    return { result, clientIds: rows.flatMap((p) => (p.client_id ? [p.client_id] : [])) };
  }));
}
