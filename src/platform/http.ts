import { existsSync } from 'node:fs';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { sendProblem } from './problem.ts';
import { declareVersioning } from './versioning.ts';
import { registerNulGuard } from './nul-guard.ts';
import { AppError, badRequest, notFound } from './errors.ts';

export const WEB_DIST = new URL('../../dist/web/', import.meta.url).pathname;

/**
 * The full semantic version of the API (NL API Design Rules, API-57: every response carries it
 * in the `API-Version` header; the major version is the one in the path, /api/v1).
 */
export const API_VERSION = '1.0.0';

const apiVersionHeader = {
  description: 'De volledige versie van de API / The full semantic version of the API (NL API Design Rules API-57)',
  schema: { type: 'string', example: API_VERSION },
};

/** Declares the API-Version header on every response of every operation in the OpenAPI document. */
function declareApiVersion(doc: Record<string, unknown>): Record<string, unknown> {
  doc.components ??= {};
  const components = doc.components as Record<string, Record<string, unknown>>;
  components.headers = { ...components.headers, 'API-Version': apiVersionHeader };
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Record<string, { responses?: Record<string, { headers?: Record<string, unknown> }> }>>)) {
    for (const op of Object.values(item)) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      for (const res of Object.values(op.responses)) res.headers = { ...res.headers, 'API-Version': { $ref: '#/components/headers/API-Version' } };
    }
  }
  return doc;
}

/**
 * Errors the router raises before any hook runs (Fastify's `frameworkErrors` option): answered
 * as problem+json like every other error, with the API-Version header the hooks cannot add.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  reply.header('API-Version', API_VERSION);
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(req, reply, new AppError('uri_too_long', 414, 'Het adres is te lang / The URL is too long'));
  if (err.code === 'FST_ERR_BAD_URL') return sendProblem(req, reply, badRequest('Ongeldig adres / Malformed URL', undefined, 'bad_url'));
  return sendProblem(req, reply, err);
}

/** Security headers, cookies, rate limits, OpenAPI, problem+json errors. */
export async function registerHttp(app: FastifyInstance) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'], connectSrc: ["'self'"], frameAncestors: ["'none'"], formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Wegwijs API', version: API_VERSION, description: 'Toegang en casusregie sociaal domein / Access and case management for municipal social support' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'wegwijs_session' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => declareApiVersion(declareVersioning(jsonSchemaTransformObject(input) as Record<string, unknown>)) as ReturnType<typeof jsonSchemaTransformObject>,
  });
  // onSend runs for every answer, errors and 404s included.
  app.addHook('onSend', async (_req, reply) => {
    reply.header('API-Version', API_VERSION);
  });

  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err, req, reply) => sendProblem(req, reply, err));
  registerNulGuard(app);
  app.setNotFoundHandler((req, reply) => {
    const isApi = req.url.startsWith('/api/') || req.url.startsWith('/fhir/') || req.url.startsWith('/oauth/');
    if (!isApi && req.method === 'GET' && existsSync(`${WEB_DIST}index.html`)) {
      const path = req.url.split('?')[0]!;
      // Top-level files of the build (favicon, manifest); the single-page app handles every other path.
      if (/^\/[\w.-]+\.\w+$/.test(path) && existsSync(`${WEB_DIST}${path.slice(1)}`)) return reply.sendFile(path.slice(1), WEB_DIST);
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html', WEB_DIST);
    }
    return sendProblem(req, reply, notFound(`Onbekend adres / Unknown route: ${req.method} ${req.url.split('?')[0]}`));
  });
}

/** The OpenAPI document and its docs page (registered after the auth plugin, so they are in the route table). */
export async function registerDocs(app: FastifyInstance) {
  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs' });
}

/** The built UI (dist/web): hashed assets under /assets, everything else falls back to index.html. */
export async function registerWeb(app: FastifyInstance) {
  if (!existsSync(WEB_DIST)) app.log.warn('dist/web not built: run `npm run build:web` for the UI');
  await app.register(fastifyStatic, { root: existsSync(WEB_DIST) ? WEB_DIST : new URL('../../web/public/', import.meta.url).pathname, serve: false });
  app.get('/assets/*', { config: { public: true }, schema: { hide: true } }, (req, reply) => {
    const file = (req.params as { '*': string })['*'];
    return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(file, `${WEB_DIST}assets/`);
  });
}
