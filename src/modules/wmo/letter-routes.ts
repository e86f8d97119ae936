import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import { idempotencyKeyOf } from '../../platform/idempotency.ts';
import { withETag } from '../../platform/versioning.ts';
import { createMandate, letterReference, listMandates, revokeMandate, saveTemplate, TEMPLATE_KINDS, templateVersions } from './decision-store.ts';
import { wmoStore } from './notification-store.ts';
import { TEMPLATE_PLACEHOLDERS } from './decision.ts';
import { LetterTemplateInput, LetterTemplateVersion, LetterTemplateView, Mandate, MandateInput, WmoNotificationView } from './schemas.ts';

const LetterParams = z.object({ id: z.uuid(), letterId: z.uuid() });
/** Which template: the Wmo decision letter (default) or the Jeugdwet one (migration 251). */
const TemplateQuery = z.object({ kind: z.enum(TEMPLATE_KINDS).default('wmo_decision') });

/**
 * The beschikking's letter (issue 17): its versions as PDF, regenerating it, signing it within a
 * mandate; the admin's letter template and mandates.
 */
export async function letterRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['wmo'];
  const admin = (action: string, details: Record<string, unknown> = {}) => ({ action, activity: ProcessingActivity.Administration, details });

  r.get('/api/v1/wmo-notifications/:id/letters/:letterId/pdf', {
    config: { permission: 'wmo.notification.read' },
    schema: { tags, summary: "One version of the decision's letter as PDF (to print for post); every download is audited", params: LetterParams,
      response: { 200: z.any().describe('application/pdf') } },
  }, async (req, reply) => {
    const { pdf, version } = await wmoStore(req.store).letterPdf(req.params.id, req.params.letterId);
    return reply.header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="beschikking-${letterReference(req.params.id)}-v${version}.pdf"`).send(pdf);
  });

  r.post('/api/v1/wmo-notifications/:id/letters', {
    config: { permission: 'wmo.notification.act' },
    schema: { tags, summary: "A new version of the decision's letter from the newest template (older versions are kept); 409 letter_signed once signed; Idempotency-Key makes a retry safe",
      params: z.object({ id: z.uuid() }), response: { 200: WmoNotificationView } },
  }, async (req, reply) => withETag(reply, await wmoStore(req.store).regenerateLetter(req.params.id, idempotencyKeyOf(req))));

  r.post('/api/v1/wmo-notifications/:id/letters/:letterId/sign', {
    config: { permission: 'wmo.letter.sign' },
    schema: { tags, summary: 'Sign the letter version you read (must be the newest): 403 no_mandate or mandate_exceeded when your mandate does not cover a provision; the signed version goes to the client; signing the same version again changes nothing',
      params: LetterParams, response: { 200: WmoNotificationView } },
  }, async (req, reply) => withETag(reply, await wmoStore(req.store).signLetter(req.params.id, req.params.letterId)));

  r.get('/api/v1/wmo-letter-template', {
    config: { permission: 'wmo.letter_template.read' },
    schema: { tags, summary: "Every version of the decision letter's template, newest (the one used) first, and the placeholders Wegwijs fills in",
      querystring: TemplateQuery, response: { 200: LetterTemplateView } },
  }, async (req) => ({ placeholders: [...TEMPLATE_PLACEHOLDERS], versions: await templateVersions(app.db, req.query.kind) }));

  r.post('/api/v1/wmo-letter-template', {
    config: { permission: 'wmo.letter_template.write' },
    schema: { tags, summary: 'Save a new version of the template; 422 unknown_placeholder for a {{name}} Wegwijs does not fill', body: LetterTemplateInput,
      querystring: TemplateQuery, response: { 201: LetterTemplateVersion } },
  }, async (req, reply) => reply.status(201).send(await req.store.change(admin('wmo.letter_template.save'), (tx) => saveTemplate(tx, req.body.body, req.ctx!.actor.id, req.query.kind),
    (t) => admin('wmo.letter_template.save', { version: t.version }))));

  r.get('/api/v1/wmo-mandates', {
    config: { permission: 'wmo.mandate.read' },
    schema: { tags, summary: 'Who may sign decisions, per product, up to which amount (mandaat)', response: { 200: z.array(Mandate) } },
  }, async () => listMandates(app.db));

  r.post('/api/v1/wmo-mandates', {
    config: { permission: 'wmo.mandate.write' },
    schema: { tags, summary: 'Grant a mandate to a user: a product (null: every product) up to an amount per provision', body: MandateInput, response: { 201: Mandate } },
  }, async (req, reply) => reply.status(201).send(await req.store.change(admin('wmo.mandate.create', { userId: req.body.userId }),
    (tx) => createMandate(tx, req.body, req.ctx!.actor.id), (m) => admin('wmo.mandate.create', { mandateId: m.id, userId: m.userId, productId: m.productId, maxEurocents: m.maxEurocents }))));

  r.delete('/api/v1/wmo-mandates/:id', {
    config: { permission: 'wmo.mandate.write' },
    schema: { tags, summary: 'Revoke a mandate (the record stays)', params: z.object({ id: z.uuid() }), response: { 204: z.null() } },
  }, async (req, reply) => {
    await req.store.change(admin('wmo.mandate.revoke', { mandateId: req.params.id }), (tx) => revokeMandate(tx, req.params.id));
    return reply.status(204).send(null);
  });
}
