import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest } from '../../platform/errors.ts';
import { idempotencyKeyOf } from '../../platform/idempotency.ts';
import { IfMatchHeaders, versionOf, withETag } from '../../platform/versioning.ts';
import { ConsentInput, ConsentView, ConsentWithdrawal, consentStore } from './consent.ts';
import { mergeStore } from './merge.ts';
import { relatedPersonStore } from './person-store.ts';
import { ClientCreate, ClientHit, ClientSearch, ClientUpdate, ClientView, HousingSituationInput, HousingSituationView, MergeListItem, MergeView, RelatedPerson } from './schemas.ts';
import { housingSituationStore } from './housing-situation.ts';
import { searchClients } from './search.ts';
import { clientStore } from './store.ts';

const IdParams = z.object({ id: z.uuid() });

export async function clientRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['clients'];

  r.post('/api/v1/clients', {
    config: { permission: 'client.write' },
    schema: { tags, summary: 'Register a client (409 probable_duplicate lists the likely same person; resend with duplicateAcknowledged)',
      body: ClientCreate, response: { 201: ClientView } },
  }, async (req, reply) => {
    const { teamId, duplicateAcknowledged, ...input } = req.body;
    const myTeams = req.ctx!.actor.teamIds;
    if (teamId && !myTeams.includes(teamId)) throw badRequest('U bent geen lid van dit team / You are not a member of this team', 'teamId');
    return reply.status(201).send(await clientStore(req.store).create(input, teamId ?? myTeams[0] ?? null, idempotencyKeyOf(req), duplicateAcknowledged));
  });

  // POST, not GET: a BSN never goes into a URL (it would land in logs and browser history).
  r.post('/api/v1/client-searches', {
    config: { permission: 'client.search' },
    schema: { tags, summary: 'Search clients by BSN, name, birth date, postcode + house number (audited)', body: ClientSearch, response: { 200: z.array(ClientHit) } },
  }, async (req) => searchClients(req.store, req.body));

  r.get('/api/v1/clients/:id', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'One client (BSN masked); needs a relation or break-the-glass', params: IdParams, response: { 200: ClientView } },
  }, async (req, reply) => withETag(reply, await clientStore(req.store).get(req.params.id)));

  r.put('/api/v1/clients/:id', {
    config: { permission: 'client.write' },
    schema: { tags, summary: 'Change the client record (persons left out: unchanged); If-Match: the version it is based on',
      params: IdParams, headers: IfMatchHeaders, body: ClientUpdate, response: { 200: ClientView } },
  }, async (req, reply) => withETag(reply, await clientStore(req.store).update(req.params.id, req.body, versionOf(req))));

  r.post('/api/v1/clients/:id/bsn-disclosures', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Show the full BSN (logged separately)', params: IdParams, response: { 200: z.object({ bsn: z.string().nullable() }) } },
  }, async (req) => ({ bsn: await clientStore(req.store).revealBsn(req.params.id) }));

  r.post('/api/v1/clients/:id/break-glass', {
    config: { permission: 'client.break_glass' },
    schema: { tags, summary: 'Emergency access with a stated reason (4 hours, reviewed by the privacy officer)', params: IdParams,
      body: z.object({ reason: z.string().trim().min(10, 'geef een reden van minstens 10 tekens / give a reason of at least 10 characters').max(1000) }),
      response: { 201: z.object({ id: z.uuid(), expiresAt: z.string() }) } },
  }, async (req, reply) => reply.status(201).send(await clientStore(req.store).breakGlass(req.params.id, req.body.reason)));

  r.get('/api/v1/clients/:id/consents', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Consents per purpose and recipient', params: IdParams, response: { 200: z.array(ConsentView) } },
  }, async (req) => consentStore(req.store).list(req.params.id));

  r.post('/api/v1/clients/:id/consents', {
    config: { permission: 'consent.write' },
    schema: { tags, summary: 'Record a consent (date and how it was given)', params: IdParams, body: ConsentInput, response: { 201: ConsentView } },
  }, async (req, reply) => reply.status(201).send(await consentStore(req.store).give(req.params.id, req.body, idempotencyKeyOf(req))));

  r.post('/api/v1/clients/:id/consents/:consentId/withdrawal', {
    config: { permission: 'consent.write' },
    schema: { tags, summary: 'Withdraw a consent; every module respects it from that date', params: IdParams.extend({ consentId: z.uuid() }),
      body: ConsentWithdrawal, response: { 200: ConsentView } },
  }, async (req) => consentStore(req.store).withdraw(req.params.id, req.params.consentId, req.body));

  r.post('/api/v1/clients/:id/merges', {
    config: { permission: 'client.merge' },
    schema: { tags, summary: 'Merge another record (e.g. one without BSN) into this one; reversible for 30 days', params: IdParams,
      body: z.object({ mergedClientId: z.uuid(), reason: z.string().trim().min(10, 'geef een reden van minstens 10 tekens / give a reason of at least 10 characters').max(1000) }),
      response: { 201: MergeView } },
  }, async (req, reply) => reply.status(201).send(await mergeStore(req.store).merge(req.params.id, req.body.mergedClientId, req.body.reason)));

  r.get('/api/v1/clients/:id/merges', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Records merged into this one (undoable for 30 days)', params: IdParams,
      response: { 200: z.array(MergeListItem) } },
  }, async (req) => mergeStore(req.store).list(req.params.id));

  r.post('/api/v1/client-merges/:id/undo', {
    config: { permission: 'client.merge' },
    schema: { tags, summary: 'Undo a merge (within 30 days)', params: IdParams, response: { 200: MergeView } },
  }, async (req) => mergeStore(req.store).undo(req.params.id));

  const PersonView = ClientView.shape.persons.element;
  r.get('/api/v1/clients/:id/persons', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Representatives, informal carers and household members', params: IdParams, response: { 200: z.array(PersonView) } },
  }, async (req) => relatedPersonStore(req.store).list(req.params.id));

  r.post('/api/v1/clients/:id/persons', {
    config: { permission: 'client.write' },
    schema: { tags, summary: 'Add a representative, informal carer or household member', params: IdParams, body: RelatedPerson, response: { 201: PersonView } },
  }, async (req, reply) => reply.status(201).send(await relatedPersonStore(req.store).add(req.params.id, req.body, idempotencyKeyOf(req))));

  r.delete('/api/v1/clients/:id/persons/:personId', {
    config: { permission: 'client.write' },
    schema: { tags, summary: 'Remove a related person from the record', params: IdParams.extend({ personId: z.uuid() }) },
  }, async (req, reply) => {
    await relatedPersonStore(req.store).remove(req.params.id, req.params.personId);
    return reply.status(204).send();
  });

  // Housing situation, dated (bankslapers and other target groups the council asks about; docs/monitor.md).
  r.get('/api/v1/clients/:id/housing-situations', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'The housing situations recorded for a client, the latest first', params: IdParams, response: { 200: z.array(HousingSituationView) } },
  }, async (req) => housingSituationStore(req.store).list(req.params.id));

  r.post('/api/v1/clients/:id/housing-situations', {
    config: { permission: 'client.write' },
    schema: { tags, summary: 'Record the housing situation from a day on (e.g. sofa_surfing: bankslaper)', params: IdParams, body: HousingSituationInput,
      response: { 201: HousingSituationView } },
  }, async (req, reply) => reply.status(201).send(await housingSituationStore(req.store).record(req.params.id, req.body)));
}
