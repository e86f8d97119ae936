import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyKeyOf } from '../../platform/idempotency.ts';
import { IfMatchHeaders, versionOf, withETag } from '../../platform/versioning.ts';
import { letterRoutes } from './letter-routes.ts';
import { wmoStore } from './notification-store.ts';
import { AssessmentInput, EvidenceInput, WmoActionInput, WmoInboxItem, WmoNotificationView } from './schemas.ts';
import { letterReference } from './decision-store.ts';
import { WMO_STATUSES } from './wmo-process.ts';

const IdParams = z.object({ id: z.uuid() });

/** If-Match is optional on a step (it is a command, guarded by the process table); when sent, a stale one is 412. */
const ifMatchOf = (req: FastifyRequest) => (req.headers['if-match'] ? versionOf(req) : undefined);

/** The Wmo 2015 process: the Wmo inbox, one melding with its clocks, and its steps (src/modules/wmo/wmo-process.ts). */
export async function wmoRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['wmo'];

  r.get('/api/v1/wmo-notifications', {
    config: { permission: 'wmo.notification.read' },
    schema: { tags, summary: "The Wmo inbox of your teams (or one team): spoed first, then the clock that runs out first",
      querystring: z.object({ teamId: z.uuid().optional(), status: z.enum(WMO_STATUSES).optional(), mine: z.enum(['true', 'false']).optional() }),
      response: { 200: z.array(WmoInboxItem) } },
  }, async (req) => wmoStore(req.store).inbox(req.query.teamId, req.query.status, req.query.mine === 'true'));

  r.get('/api/v1/wmo-notifications/:id', {
    config: { permission: 'wmo.notification.read' },
    schema: { tags, summary: 'One melding: its steps, its clocks (onderzoek, beschikking, bezwaar; pauses shown) and what may happen next', params: IdParams,
      response: { 200: WmoNotificationView } },
  }, async (req, reply) => withETag(reply, await wmoStore(req.store).get(req.params.id)));

  r.post('/api/v1/wmo-notifications/:id/actions', {
    config: { permission: 'wmo.notification.act' },
    schema: { tags, summary: 'Record a step (take/assign, spoed, onderzoek, pause, verslag, aanvraag, verdaging, beschikking, intrekking, bezwaar); 409 names the status and what is allowed; Idempotency-Key makes a retry safe',
      params: IdParams, headers: IfMatchHeaders, body: WmoActionInput, response: { 200: WmoNotificationView } },
  }, async (req, reply) => withETag(reply, await wmoStore(req.store).act(req.params.id, req.body, idempotencyKeyOf(req), ifMatchOf(req))));

  r.post('/api/v1/wmo-notifications/:id/evidence', {
    config: { permission: 'wmo.notification.act' },
    schema: { tags, summary: 'Record evidence the law requires (receipt confirmed, cliëntondersteuning told to client or carer, persoonlijk plan offered/received, identity checked, the client\'s reaction to the verslag), dated; Idempotency-Key makes a retry safe',
      params: IdParams, body: EvidenceInput, response: { 200: WmoNotificationView } },
  }, async (req, reply) => withETag(reply, await wmoStore(req.store).recordEvidence(req.params.id, req.body, idempotencyKeyOf(req))));

  r.put('/api/v1/wmo-notifications/:id/assessment', {
    config: { permission: 'wmo.notification.act' },
    schema: { tags, summary: 'Save the onderzoek (Wmo 2015 art. 2.3.2 lid 4, one field per item; ZRM optional) as a new version; open until the aanvraag; basedOnVersion guards against overwriting',
      params: IdParams, body: AssessmentInput, response: { 200: WmoNotificationView } },
  }, async (req, reply) => withETag(reply, await wmoStore(req.store).saveAssessment(req.params.id, req.body)));

  r.get('/api/v1/wmo-notifications/:id/report/pdf', {
    config: { permission: 'wmo.notification.read' },
    schema: { tags, summary: 'The verslag of the onderzoek as PDF (to send to the client; to a minor\'s parents or representatives)', params: IdParams,
      response: { 200: z.any().describe('application/pdf') } },
  }, async (req, reply) => reply.header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="verslag-${letterReference(req.params.id)}.pdf"`).send(await wmoStore(req.store).reportPdf(req.params.id)));

  await letterRoutes(app);
}
