import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { displayName } from '../clients/names.ts';
import { idempotencyKeyOf } from '../../platform/idempotency.ts';
import { registerContact } from './contact-store.ts';
import { lifeDomainRoutes } from './life-domain-routes.ts';
import { RecentResults } from '../monitor/recent-results.ts';
import { contactFigures, contactsVersion } from './figures.ts';
import { listConsents } from '../clients/consent.ts';
import { listMerges } from '../clients/merge.ts';
import { clientSummaries, loadClientView } from '../clients/store.ts';
import { teamNames } from '../org/store.ts';
import { safetyRecordIdsOfContacts } from '../safety/safety-access.ts';
import { ClientFile, ContactFigures, ContactInput, ContactView, MessageRead, TimelineEntry, StaffMessage } from './schemas.ts';
import { clientTimeline, type TimelineType, timelineEntries } from './timeline.ts';

const TYPES = ['contact', 'referral', 'notification'] as const;

export async function intakeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['contacts'];
  await lifeDomainRoutes(app);

  r.post('/api/v1/contacts', {
    config: { permission: 'contact.create' },
    schema: { tags, summary: 'Register a contact and start what its outcome asks for (referral, Wmo notification, safety signal), in one step',
      body: ContactInput, response: { 201: ContactView } },
  }, async (req, reply) => {
    // The earliest date is configuration, so it is checked here rather than in the schema.
    if (req.body.contactedAt && req.body.contactedAt.slice(0, 10) < app.config.recordsFrom) {
      throw badRequest(`Het contact ligt voor ${app.config.recordsFrom}: controleer de datum / The contact is dated before ${app.config.recordsFrom}`, 'contactedAt');
    }
    return reply.status(201).send(await registerContact(req.store, req.body, idempotencyKeyOf(req)));
  });

  // The client page: record, consents, merges and timeline in one read with one audit row.
  r.get('/api/v1/clients/:id/file', {
    config: { permission: 'client.read' },
    schema: { tags: ['clients'], summary: 'The client page in one call: record, consents, merges and timeline (one audit row)',
      params: z.object({ id: z.uuid() }), response: { 200: ClientFile } },
  }, async (req) => req.store.readClient(req.params.id, { action: 'client.read', activity: ProcessingActivity.ClientRegistration, details: { parts: ['record', 'consents', 'merges', 'timeline'] } },
    async (tx) => ({ client: await loadClientView(tx, req.params.id), consents: await listConsents(tx, req.params.id),
      merges: await listMerges(tx, req.params.id), timeline: await timelineEntries(tx, req.params.id, [], req.ctx!.actor) })));

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

  r.get('/api/v1/me/messages', {
    config: { permission: 'messages.self' },
    schema: { tags, summary: 'My staff messages (e.g. a safety signal for the team lead), newest first',
      response: { 200: z.array(StaffMessage) } },
  }, async (req) => req.store.readClients({ action: 'message.list', activity: ProcessingActivity.FrontDesk }, async (tx, visible) => {
    // The client's name only for whoever may see the client; the message itself stays.
    const params: unknown[] = [req.ctx!.actor.id];
    const rows = await tx.query<{ id: string; kind: string; client_id: string | null; contact_id: string | null; client_visible: boolean; team_id: string | null;
      created_at: Date; read_at: Date | null }>(
      `SELECT n.id, n.kind, n.client_id, n.contact_id, (n.client_id IS NOT NULL AND ${visible('n.client_id', (v) => { params.push(v); return `$${params.length}`; })}) AS client_visible,
         k.team_id, n.created_at, n.read_at
       FROM staff_messages n LEFT JOIN contacts k ON k.id = n.contact_id
       WHERE n.user_id = $1 ORDER BY n.created_at DESC LIMIT 100`, params);
    const clients = await clientSummaries(tx, rows.flatMap((r) => (r.client_id && r.client_visible ? [r.client_id] : [])));
    const teams = await teamNames(tx, rows.map((r) => r.team_id));
    // A safety signal links to its sealed record, which the team leads are on the case of (src/modules/safety).
    const safetyRecords = await safetyRecordIdsOfContacts(tx, rows.flatMap((r) => (r.kind.startsWith('safety_') && r.contact_id ? [r.contact_id] : [])));
    const shown = (r: (typeof rows)[number]) => (r.client_id && r.client_visible ? clients.get(r.client_id) : undefined);
    return { result: rows.map((r) => { const c = shown(r); return { id: r.id, kind: r.kind, clientId: r.client_id,
      clientName: c ? displayName({ firstNames: c.firstNames, surnamePrefix: c.surnamePrefix, surname: c.surname }) : null,
      teamName: r.team_id ? teams.get(r.team_id) ?? null : null, safetyRecordId: r.contact_id ? safetyRecords.get(r.contact_id) ?? null : null, createdAt: new Date(r.created_at).toISOString(), read: r.read_at !== null }; }),
      clientIds: rows.flatMap((r) => (r.client_id && shown(r) ? [r.client_id] : [])) };
  }));

  r.post('/api/v1/me/messages/:id/read', {
    config: { permission: 'messages.self' },
    schema: { tags, summary: 'Mark one of my staff messages as read (idempotent)', params: z.object({ id: z.uuid() }), response: { 200: MessageRead } },
  }, async (req) => {
    // Only the user's own notification; it holds no client data beyond the link, so no Store here.
    const rows = await app.db.query<{ id: string }>('UPDATE staff_messages SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id',
      [req.params.id, req.ctx!.actor.id]);
    if (rows.length === 0) throw notFound('Bericht niet gevonden / Notification not found');
    return { id: req.params.id, read: true };
  });

  const recentContactFigures = new RecentResults<ContactFigures>(60_000);
  r.get('/api/v1/figures/contacts', {
    config: { permission: 'contact.figures' },
    schema: { tags: ['figures'], summary: 'Contacts per channel, desk and outcome in a period (anonymous contacts included)',
      querystring: z.object({ from: z.iso.date(), to: z.iso.date(), channels: z.enum(['wegwijs', 'council']).default('wegwijs') }), response: { 200: ContactFigures } },
  }, async (req) => {
    if (req.query.to < req.query.from) throw badRequest('De einddatum ligt vóór de begindatum: kies een einddatum op of na de begindatum. / The end date is before the start date.', 'to');
    const { from, to, channels } = req.query;
    // Viewers of the same period share one count until a contact is registered (docs/monitor.md).
    return recentContactFigures.get(`${from}|${to}|${channels}|${await contactsVersion(app.db)}`, () => contactFigures(app.db, from, to, channels));
  });
}
