import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import { addLifeDomain, changeLifeDomain, listLifeDomains } from './life-domain-store.ts';
import { LifeDomainChange, LifeDomainCode, LifeDomainInput, LifeDomainView } from './schemas.ts';

/**
 * Life domains as configuration (migration 076 seeds Rotterdam's nine): everyone reads the list
 * (the citizens' question form too, so it is public: labels, no personal data); functioneel beheer
 * adds or switches off a domain.
 */
export async function lifeDomainRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['life domains'];

  r.get('/api/v1/life-domains', {
    config: { public: true },
    schema: { tags, summary: 'The configured life domains in their order (inactive ones with ?all=true)',
      querystring: z.object({ all: z.enum(['true', 'false']).optional() }), response: { 200: z.array(LifeDomainView) } },
  }, async (req) => listLifeDomains(app.db, req.query.all === 'true'));

  r.post('/api/v1/life-domains', {
    config: { permission: 'org.write' },
    schema: { tags, summary: 'Add a life domain (e.g. loneliness); its code is what records and figures store', body: LifeDomainInput, response: { 201: LifeDomainView } },
  }, async (req, reply) => reply.status(201).send(await req.store.change(
    { action: 'life_domain.create', activity: ProcessingActivity.Administration, details: { code: req.body.code } },
    (tx) => addLifeDomain(tx, req.body))));

  r.patch('/api/v1/life-domains/:code', {
    config: { permission: 'org.write' },
    schema: { tags, summary: 'Change the labels or order of a life domain, or switch it off (the code stays)', params: z.object({ code: LifeDomainCode }),
      body: LifeDomainChange, response: { 200: LifeDomainView } },
  }, async (req) => req.store.change(
    { action: 'life_domain.update', activity: ProcessingActivity.Administration, details: { code: req.params.code, fields: Object.keys(req.body) } },
    (tx) => changeLifeDomain(tx, req.params.code, req.body)));
}
