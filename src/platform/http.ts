import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { sendProblem } from './problem.ts';
import { notFound } from './errors.ts';

export const WEB_DIST = new URL('../../dist/web/', import.meta.url).pathname;

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
      info: { title: 'Wegwijs API', version: '1.0.0', description: 'Toegang en casusregie sociaal domein / Access and case management for municipal social support' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'wegwijs_session' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs' });
  app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err, req, reply) => sendProblem(req, reply, err));
  app.setNotFoundHandler((req, reply) => {
    const isApi = req.url.startsWith('/api/') || req.url.startsWith('/fhir/') || req.url.startsWith('/oauth/');
    if (!isApi && req.method === 'GET' && existsSync(`${WEB_DIST}index.html`)) {
      // The single-page app handles its own routes.
      return reply.type('text/html').sendFile('index.html', WEB_DIST);
    }
    return sendProblem(req, reply, notFound(`Onbekend adres / Unknown route: ${req.method} ${req.url.split('?')[0]}`));
  });
}

export async function registerWeb(app: FastifyInstance) {
  if (!existsSync(WEB_DIST)) {
    app.log.warn('dist/web not built: run `npm run build:web` for the UI');
    await app.register(fastifyStatic, { root: new URL('../../web/public/', import.meta.url).pathname, serve: false });
    return;
  }
  await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', index: ['index.html'], wildcard: false,
    allowedPath: (p) => !p.startsWith('/api/') });
}
