import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import { idempotencyKeyOf } from '../../platform/idempotency.ts';
import { IfMatchHeaders, versionOf, withETag } from '../../platform/versioning.ts';
import { ReferralView } from '../referrals/schemas.ts';
import { recordPartnerReferral } from './partner-referral.ts';
import { Agreement, AgreementInput, NetworkPartner, PartnerCreate, PartnerKind, PartnerReferralInput, PartnerUpdate, UnlinkedPractice } from './schemas.ts';
import { createAgreement, createPartner, getPartner, listPartners, unlinkedPractices, updateAgreement, updatePartner } from './store.ts';

const IdParams = z.object({ id: z.uuid() });

/** The neighbourhood teams' network: partners per district, their agreements, and a partner's referral (docs/network.md). */
export async function networkRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['network'];
  const admin = (action: string, details: Record<string, unknown> = {}) => ({ action, activity: ProcessingActivity.Administration, details });

  r.get('/api/v1/network-partners', {
    config: { permission: 'network.read' },
    schema: { tags, summary: 'Network partners with their districts and agreements; by kind, by district (citywide partners always), active or not',
      querystring: z.object({ kind: PartnerKind.optional(), districtId: z.uuid().optional(), active: z.enum(['true', 'false']).optional() }),
      response: { 200: z.array(NetworkPartner) } },
  }, async (req) => listPartners(app.db, { kind: req.query.kind, districtId: req.query.districtId,
    active: req.query.active === undefined ? undefined : req.query.active === 'true' }));

  r.get('/api/v1/network-partners/unlinked-practices', {
    config: { permission: 'network.write' },
    schema: { tags, summary: 'GP practices of the register that are not yet network partners', response: { 200: z.array(UnlinkedPractice) } },
  }, async () => unlinkedPractices(app.db));

  r.get('/api/v1/network-partners/:id', {
    config: { permission: 'network.read' },
    schema: { tags, summary: 'One network partner with its districts and agreements; ETag', params: IdParams, response: { 200: NetworkPartner } },
  }, async (req, reply) => withETag(reply, await getPartner(app.db, req.params.id)));

  r.post('/api/v1/network-partners', {
    config: { permission: 'network.write' },
    schema: { tags, summary: 'Add a partner: a GP practice by practiceId, any other kind by name', body: PartnerCreate, response: { 201: NetworkPartner } },
  }, async (req, reply) => reply.status(201).send(await req.store.change(admin('network_partner.create', { kind: req.body.kind }),
    (tx) => createPartner(tx, req.store.ctx.actor, req.body), (p: NetworkPartner) => admin('network_partner.create', { partnerId: p.id, kind: p.kind }))));

  r.put('/api/v1/network-partners/:id', {
    config: { permission: 'network.write' },
    schema: { tags, summary: 'Change a partner (name, districts, contact, active); If-Match: the version it is based on', params: IdParams, headers: IfMatchHeaders,
      body: PartnerUpdate, response: { 200: NetworkPartner } },
  }, async (req, reply) => {
    const version = versionOf(req);
    return withETag(reply, await req.store.change(admin('network_partner.update', { partnerId: req.params.id, version }),
      (tx) => updatePartner(tx, req.store.ctx.actor, req.params.id, req.body, version)));
  });

  r.post('/api/v1/network-partners/:id/agreements', {
    config: { permission: 'network.write' },
    schema: { tags, summary: 'Record an agreement with a partner (what, contact, valid from/to)', params: IdParams, body: AgreementInput, response: { 201: Agreement } },
  }, async (req, reply) => reply.status(201).send(await req.store.change(admin('network_agreement.create', { partnerId: req.params.id }),
    (tx) => createAgreement(tx, req.store.ctx.actor, req.params.id, req.body), (a: Agreement) => admin('network_agreement.create', { partnerId: req.params.id, agreementId: a.id }))));

  r.put('/api/v1/network-agreements/:id', {
    config: { permission: 'network.write' },
    schema: { tags, summary: 'Change an agreement (e.g. end it with a valid-to date); If-Match: the version it is based on', params: IdParams, headers: IfMatchHeaders,
      body: AgreementInput, response: { 200: Agreement } },
  }, async (req, reply) => {
    const version = versionOf(req);
    return withETag(reply, await req.store.change(admin('network_agreement.update', { agreementId: req.params.id, version }),
      (tx) => updateAgreement(tx, req.store.ctx.actor, req.params.id, req.body, version)));
  });

  r.post('/api/v1/partner-referrals', {
    config: { permission: 'network.refer' },
    schema: { tags, summary: "Record a partner's referral to the neighbourhood team of the client's postcode (or another, with a reason); Idempotency-Key optional",
      body: PartnerReferralInput, response: { 201: ReferralView, 200: ReferralView } },
  }, async (req, reply) => {
    const { referral, created } = await recordPartnerReferral(req.store, req.body, idempotencyKeyOf(req));
    return reply.status(created ? 201 : 200).send(referral);
  });
}
