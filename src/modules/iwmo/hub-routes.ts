import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { ApiClient, ApiClientWithSecret } from '../practices/schemas.ts';
import { createApiClient, listApiClients, PROVIDER_SCOPES, revokeApiClient, rotateSecret } from '../practices/store.ts';
import { getProvider } from '../indications/catalogue-store.ts';
import { receiveMessage } from './exchange.ts';
import { findInMailbox, mailbox, postToHub, providerOf } from './hub.ts';
import { HubMessage, HubPostResult } from './schemas.ts';
import type { Transport } from './transport.ts';

const amsterdamDate = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());

/**
 * The HTTP stand-in for the hub (docs/iwmo.md "Transport"): care providers' systems, logged in as
 * machine clients with the OAuth 2.0 client credentials of the practices module, post messages and
 * fetch the ones addressed to them; and the admin API for those clients. Encapsulated (not
 * fastify-plugin) so that its XML body parser applies to these routes only.
 */
export async function hubRoutes(app: FastifyInstance, opts: { transport: () => Transport }) {
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['iwmo-hub'];

  /** The provider behind the token; the hub answers only when the configuration chose it. */
  const caller = (req: FastifyRequest) => {
    if (!req.providerCaller) throw forbidden('Alleen voor API-clients van aanbieders / Only for API clients of care providers', 'not_provider_client');
    if (app.config.iwmoTransport !== 'hub') {
      throw new AppError('iwmo_hub_off', 409, 'Deze gemeente wisselt berichten niet via dit eindpunt uit (WEGWIJS_IWMO_TRANSPORT) / This municipality does not use the hub endpoint');
    }
    return req.providerCaller;
  };

  r.post('/api/v1/iwmo/hub/messages', {
    config: { permission: 'iwmo.hub.post' },
    schema: { tags, summary: 'A provider posts one iWmo / iJw message (XML body); it is read at once and the answer (306, 308, 316, 318) waits in the provider\'s mailbox',
      consumes: ['application/xml'], body: z.string().min(1).max(5 * 1024 * 1024), response: { 200: HubPostResult, 201: HubPostResult } },
  }, async (req, reply) => {
    const c = caller(req);
    const content = req.body;
    const op = { action: 'iwmo.hub.post', activity: ProcessingActivity.WmoAccess, details: { providerId: c.providerId } };
    // The sender in the header (for a 302: the receiver of the 301 it returns) must be the provider behind the token.
    const { name, posted } = await req.store.change(op, async (tx) => {
      const named = providerOf(content);
      if (named && named !== c.providerAgbCode) {
        throw forbidden(`Dit bericht is van AGB-code ${named}, niet van ${c.providerAgbCode} / This message is not from your organisation`, 'iwmo_not_your_message');
      }
      return postToHub(tx, c.providerAgbCode, content);
    }, (p) => ({ details: { providerId: c.providerId, name: p.name, posted: p.posted } }));
    const transport = opts.transport();
    const result = await receiveMessage(app.db, content, name, { transport, date: amsterdamDate() });
    await transport.done(name);
    return reply.status(posted && !result.duplicate ? 201 : 200).send({ name, ...result });
  });

  r.get('/api/v1/iwmo/hub/messages', {
    config: { permission: 'iwmo.hub.fetch' },
    schema: { tags, summary: 'The messages addressed to the calling provider after a number it has, oldest first (with their XML)',
      querystring: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.array(HubMessage) } },
  }, async (req) => {
    const c = caller(req);
    return req.store.read({ action: 'iwmo.hub.fetch', activity: ProcessingActivity.WmoAccess, details: { providerId: c.providerId, after: req.query.after } },
      (tx) => mailbox(tx, c.providerAgbCode, req.query.after, req.query.limit),
      (rows) => ({ details: { providerId: c.providerId, after: req.query.after, messages: rows.map((m) => m.name) } }));
  });

  r.get('/api/v1/iwmo/hub/messages/:seq', {
    config: { permission: 'iwmo.hub.fetch' },
    schema: { tags, summary: 'One message addressed to the calling provider', params: z.object({ seq: z.coerce.number().int().min(1) }), response: { 200: HubMessage } },
  }, async (req) => {
    const c = caller(req);
    return req.store.read({ action: 'iwmo.hub.fetch', activity: ProcessingActivity.WmoAccess, details: { providerId: c.providerId, seq: req.params.seq } }, async (tx) => {
      const m = await findInMailbox(tx, req.params.seq);
      // Another provider's message is as absent as one that does not exist.
      if (!m || m.party !== c.providerAgbCode) throw notFound('Bericht niet gevonden / Message not found', 'iwmo_message_not_found');
      return { seq: m.seq, name: m.name, content: m.content, createdAt: m.createdAt };
    });
  });

  // Care providers' API clients: the GP practices' mechanism (practices module), owned by a provider.
  const IdParams = z.object({ id: z.uuid() });
  const ClientParams = z.object({ id: z.uuid(), clientId: z.uuid() });
  const admin = (action: string, details: Record<string, unknown>) => ({ action, activity: ProcessingActivity.Administration, details });

  r.get('/api/v1/providers/:id/api-clients', {
    config: { permission: 'providers.api_clients' },
    schema: { tags, summary: "A provider's API clients for the hub endpoint (never their secrets)", params: IdParams, response: { 200: z.array(ApiClient) } },
  }, async (req) => {
    await getProvider(app.db, req.params.id);
    return listApiClients(app.db, { providerId: req.params.id });
  });

  r.post('/api/v1/providers/:id/api-clients', {
    config: { permission: 'providers.api_clients' },
    schema: { tags, summary: 'Create an API client for a provider (scopes iwmo/Message.write and iwmo/Message.read); the secret is shown once', params: IdParams,
      body: z.object({ name: z.string().trim().min(2).max(200), scopes: z.array(z.enum(PROVIDER_SCOPES as [string, ...string[]])).min(1).optional() }),
      response: { 201: ApiClientWithSecret } },
  }, async (req, reply) => reply.status(201).send(await req.store.change(admin('api_client.create', { providerId: req.params.id }),
    (tx) => createApiClient(tx, { providerId: req.params.id }, req.body), (c) => admin('api_client.create', { providerId: req.params.id, apiClientId: c.id }))));

  r.post('/api/v1/providers/:id/api-clients/:clientId/secret', {
    config: { permission: 'providers.api_clients' },
    schema: { tags, summary: 'Rotate the secret of a provider\'s API client; the new one is shown once', params: ClientParams, response: { 200: ApiClientWithSecret } },
  }, async (req) => req.store.change(admin('api_client.rotate_secret', { providerId: req.params.id, apiClientId: req.params.clientId }),
    (tx) => rotateSecret(tx, { providerId: req.params.id }, req.params.clientId)));

  r.post('/api/v1/providers/:id/api-clients/:clientId/revoke', {
    config: { permission: 'providers.api_clients' },
    schema: { tags, summary: 'Revoke a provider\'s API client (final) and its tokens', params: ClientParams, response: { 200: ApiClient } },
  }, async (req) => req.store.change(admin('api_client.revoke', { providerId: req.params.id, apiClientId: req.params.clientId }),
    (tx) => revokeApiClient(tx, { providerId: req.params.id }, req.params.clientId)));
}
