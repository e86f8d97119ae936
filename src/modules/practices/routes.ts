import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RequestContext } from '../../platform/access/context.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { Store } from '../../platform/store.ts';
import { IfMatchHeaders, versionOf, withETag } from '../../platform/versioning.ts';
import {
  ALL_SCOPES, type ApiCaller, createApiClient, createPractice, findCallerByToken, findProviderCallerByToken, getPractice, issueToken,
  listApiClients, listPractices, type ProviderCaller, revokeApiClient, rotateSecret, updatePractice,
} from './store.ts';
import { ApiClient, ApiClientWithSecret, Practice } from './schemas.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The GP practice system behind a bearer token (FHIR API), or null. */
    apiCaller: ApiCaller | null;
    /** A care provider's system behind a bearer token (the iWmo hub endpoint), or null. */
    providerCaller: ProviderCaller | null;
  }
}

const AgbCode = z.string().trim().regex(/^[0-9]{8}$/, 'AGB-code is 8 cijfers / AGB code is 8 digits');
const IdParams = z.object({ id: z.uuid() });
const ClientParams = z.object({ id: z.uuid(), clientId: z.uuid() });

const TokenBody = z.object({
  grant_type: z.string().optional(), client_id: z.string().optional(), client_secret: z.string().optional(), scope: z.string().optional(),
});

/** `Authorization: Basic base64(id:secret)` (RFC 6749 §2.3.1), the alternative to form fields. */
function basicCredentials(req: FastifyRequest): { id: string; secret: string } | 'malformed' | null {
  const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return null;
  const [id, ...rest] = Buffer.from(m[1]!, 'base64').toString('utf8').split(':');
  if (!id || rest.length === 0) return null;
  try {
    return { id: decodeURIComponent(id), secret: decodeURIComponent(rest.join(':')) };
  } catch {
    return 'malformed'; // e.g. 'a%zz': not form-urlencoded as RFC 6749 §2.3.1 asks
  }
}

/**
 * GP practices and their OAuth 2.0 API clients: the admin API, the token endpoint, and the
 * authenticator that turns a bearer token into a machine actor whose roles are its scopes.
 */
export const practiceRoutes = fp(async (app: FastifyInstance) => {
  app.decorateRequest('apiCaller', null);
  app.decorateRequest('providerCaller', null);
  app.authenticators.push(async (req): Promise<RequestContext | null> => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m) return null;
    const caller = await findCallerByToken(app.db, m[1]!);
    if (!caller) {
      // The same tokens serve care providers' systems (iWmo hub endpoint, docs/iwmo.md); their roles are their scopes too.
      const provider = await findProviderCallerByToken(app.db, m[1]!);
      if (!provider) return null;
      req.providerCaller = provider;
      return {
        actor: { kind: 'machine', id: provider.apiClientId, name: `${provider.providerName} (API-client ${provider.clientId})`, roles: provider.scopes, teamIds: [] },
        remoteAddr: req.ip, requestId: req.id,
      };
    }
    req.apiCaller = caller;
    return {
      actor: { kind: 'machine', id: caller.apiClientId, name: `${caller.practiceName} (API-client ${caller.clientId})`, roles: caller.scopes, teamIds: [] },
      remoteAddr: req.ip, requestId: req.id,
    };
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['practices'];
  const admin = (action: string, details: Record<string, unknown> = {}) => ({ action, activity: ProcessingActivity.Administration, details });

  r.post('/oauth/token', {
    config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } }, bodyLimit: 8 * 1024,
    schema: { tags, summary: 'OAuth 2.0 token (client credentials) for GP practice systems', consumes: ['application/x-www-form-urlencoded'], body: TokenBody },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const fail = (status: number, error: string, description: string) => reply.status(status).send({ error, error_description: description });
    if (req.body.grant_type !== 'client_credentials') return fail(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');
    const basic = basicCredentials(req);
    if (basic === 'malformed') return fail(400, 'invalid_request', 'Malformed client credentials in the Authorization header (RFC 6749 section 2.3.1)');
    const id = basic?.id ?? req.body.client_id;
    const secret = basic?.secret ?? req.body.client_secret;
    if (!id || !secret) return fail(400, 'invalid_request', 'client_id and client_secret are required');
    const result = await issueToken(app.db, id, secret, req.body.scope);
    const ctx: RequestContext = { actor: { kind: 'machine', id: result.ok ? result.apiClientId : null, name: `API-client ${id.slice(0, 64)}`, roles: [], teamIds: [] }, remoteAddr: req.ip, requestId: req.id };
    await new Store(app.db, ctx).audit({ action: 'oauth.token', activity: ProcessingActivity.Security, outcome: result.ok ? 'success' : 'denied',
      details: result.ok ? { scopes: result.scopes } : { error: result.error } });
    if (!result.ok) {
      if (result.error === 'invalid_scope') return fail(400, 'invalid_scope', `Allowed scopes: ${ALL_SCOPES.join(' ')} (as granted to this client)`);
      return reply.header('www-authenticate', 'Basic realm="wegwijs"').status(401).send({ error: 'invalid_client', error_description: 'Unknown client, wrong secret, or revoked' });
    }
    return { access_token: result.accessToken, token_type: 'Bearer', expires_in: result.expiresIn, scope: result.scopes.join(' ') };
  });

  r.get('/api/v1/practices', {
    config: { permission: 'practices.read' },
    schema: { tags, summary: 'GP practices that may refer over FHIR', response: { 200: z.array(Practice) } },
  }, async () => listPractices(app.db));

  r.post('/api/v1/practices', {
    config: { permission: 'practices.write' },
    schema: { tags, summary: 'Register a GP practice', body: z.object({ name: z.string().trim().min(2).max(200), agbCode: AgbCode }), response: { 201: Practice } },
  }, async (req, reply) => reply.status(201).send(
    await req.store.change(admin('practice.create', {}), (tx) => createPractice(tx, req.body), (p: { id: string }) => admin('practice.create', { practiceId: p.id }))));

  r.patch('/api/v1/practices/:id', {
    config: { permission: 'practices.write' },
    schema: { tags, summary: 'Rename or (de)activate a practice; If-Match: the version it is based on', params: IdParams, headers: IfMatchHeaders,
      body: z.object({ name: z.string().trim().min(2).max(200).optional(), active: z.boolean().optional() }), response: { 200: Practice } },
  }, async (req, reply) => {
    const version = versionOf(req);
    return withETag(reply, await req.store.change(admin('practice.update', { practiceId: req.params.id, fields: Object.keys(req.body), version }),
      (tx) => updatePractice(tx, req.params.id, req.body, version)));
  });

  r.get('/api/v1/practices/:id/api-clients', {
    config: { permission: 'practices.read' },
    schema: { tags, summary: "A practice's API clients (never their secrets)", params: IdParams, response: { 200: z.array(ApiClient) } },
  }, async (req) => {
    await getPractice(app.db, req.params.id);
    return listApiClients(app.db, req.params.id);
  });

  r.post('/api/v1/practices/:id/api-clients', {
    config: { permission: 'practices.write' },
    schema: { tags, summary: 'Create an API client; the secret is shown once', params: IdParams,
      body: z.object({ name: z.string().trim().min(2).max(200), scopes: z.array(z.enum(ALL_SCOPES as [string, ...string[]])).min(1).optional() }),
      response: { 201: ApiClientWithSecret } },
  }, async (req, reply) => reply.status(201).send(await req.store.change(admin('api_client.create', { practiceId: req.params.id }),
    (tx) => createApiClient(tx, req.params.id, req.body), (c: { id: string }) => admin('api_client.create', { practiceId: req.params.id, apiClientId: c.id }))));

  r.post('/api/v1/practices/:id/api-clients/:clientId/secret', {
    config: { permission: 'practices.write' },
    schema: { tags, summary: 'Rotate the secret: the old one stops working at once; the new one is shown once', params: ClientParams, response: { 200: ApiClientWithSecret } },
  }, async (req) => req.store.change(admin('api_client.rotate_secret', { practiceId: req.params.id, apiClientId: req.params.clientId }),
    (tx) => rotateSecret(tx, req.params.id, req.params.clientId)));

  r.post('/api/v1/practices/:id/api-clients/:clientId/revoke', {
    config: { permission: 'practices.write' },
    schema: { tags, summary: 'Revoke an API client (final) and its tokens', params: ClientParams, response: { 200: ApiClient } },
  }, async (req) => req.store.change(admin('api_client.revoke', { practiceId: req.params.id, apiClientId: req.params.clientId }),
    (tx) => revokeApiClient(tx, req.params.id, req.params.clientId)));
});
