import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import { unprocessable } from '../../platform/errors.ts';
import { municipalityCode } from '../org/store.ts';
import { markMessageHandled, receiveAll, reprocessMessage } from './exchange.ts';
import { configuredTransport } from './inbox-job.ts';
import { hubRoutes } from './hub-routes.ts';
import { sendAssignments } from './outgoing-assignment.ts';
import { AssignmentSend, InboxRun, MessageSummary, ReceiveResult, RejectedHandle, RequestAnswerCreate, RequestLine } from './schemas.ts';
import { answerRequest, listRequests, requestLines } from './request-answer.ts';
import { answerClaim } from './claim-answer.ts';
import { listForClient, listOpenClaims, listRejected, type StoredMessage } from './store.ts';
import type { Transport } from './transport.ts';

const ClientParams = z.object({ clientId: z.uuid() });
const amsterdam = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/**
 * iWmo / iJw messages (issue 18, docs/iwmo.md): send a client's assignments to a provider (301),
 * a client's message history, the work queue and the error queue, and reading the inbox. The
 * transport is the one the configuration chooses (the directory `<data dir>/iwmo`, or the HTTP
 * stand-in for the hub) unless the app is given another one.
 */
export const iwmoRoutes = fp(async (app: FastifyInstance, opts: { transport?: Transport }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['iwmo'];
  // Created on first use, so that an app that never exchanges messages creates no directories.
  let configured: Transport | undefined;
  const transport = () => {
    if (opts.transport) return opts.transport;
    configured ??= configuredTransport(app.config, app.db);
    return configured;
  };
  await app.register(hubRoutes, { transport });
  const summary = ({ clientId: _, ...m }: StoredMessage): MessageSummary => m;

  r.post('/api/v1/clients/:clientId/iwmo-assignments', {
    config: { permission: 'iwmo.send' },
    schema: { tags, summary: 'Send the full current set of the client\'s assignments at a provider (WMO301)', params: ClientParams, body: AssignmentSend,
      response: { 201: MessageSummary } },
  }, async (req, reply) => {
    const municipality = await municipalityCode(app.db);
    if (!municipality) throw unprocessable('De gemeente heeft geen CBS-code / The municipality has no CBS code', undefined, 'no_municipality');
    const [today, time] = amsterdam.format(new Date()).split(' ') as [string, string];
    const sent = await sendAssignments(req.store, transport(), { clientId: req.params.clientId, providerId: req.body.providerId, municipality, today, time });
    return reply.status(201).send(summary(sent));
  });

  r.get('/api/v1/clients/:clientId/iwmo-messages', {
    config: { permission: 'iwmo.read' },
    schema: { tags, summary: 'The iWmo / iJw messages about a client, oldest first', params: ClientParams, response: { 200: z.array(MessageSummary) } },
  }, async (req) => (await req.store.readClient(req.params.clientId, { action: 'iwmo.messages.read', activity: ProcessingActivity.WmoAccess },
    (tx) => listForClient(tx, req.params.clientId))).map(summary));

  r.get('/api/v1/iwmo/requests', {
    config: { permission: 'iwmo.read' },
    schema: { tags, summary: 'The work queue: requests from providers (315, 317) not yet answered as a whole, oldest first', response: { 200: z.array(MessageSummary) } },
  }, async (req) => (await req.store.read({ action: 'iwmo.requests.read', activity: ProcessingActivity.WmoAccess }, (tx) => listRequests(tx))).map(summary));

  r.get('/api/v1/iwmo/requests/:id/lines', {
    config: { permission: 'iwmo.read' },
    schema: { tags, summary: 'What a request asks for, per reference (product, period, volume), with the answer sent so far', params: z.object({ id: z.uuid() }),
      response: { 200: z.array(RequestLine) } },
  }, async (req) => req.store.read({ action: 'iwmo.requests.read', activity: ProcessingActivity.WmoAccess, details: { requestId: req.params.id } },
    (tx) => requestLines(tx, req.params.id)));

  r.post('/api/v1/iwmo/requests/:id/answers', {
    config: { permission: 'iwmo.send' },
    schema: { tags, summary: 'Answer one requested product with a 319: rejected (with a reason) or under investigation', params: z.object({ id: z.uuid() }),
      body: RequestAnswerCreate, response: { 201: MessageSummary } },
  }, async (req, reply) => {
    const municipality = await municipalityCode(app.db);
    if (!municipality) throw unprocessable('De gemeente heeft geen CBS-code / The municipality has no CBS code', undefined, 'no_municipality');
    const today = amsterdam.format(new Date()).slice(0, 10);
    return reply.status(201).send(summary(await answerRequest(req.store, transport(), req.params.id, { ...req.body, municipality, today })));
  });

  r.get('/api/v1/iwmo/claims', {
    config: { permission: 'iwmo.claims' },
    schema: { tags, summary: 'Received claims (323) not yet answered, oldest first', response: { 200: z.array(MessageSummary) } },
  }, async (req) => (await req.store.read({ action: 'iwmo.claims.read', activity: ProcessingActivity.WmoAccess }, (tx) => listOpenClaims(tx))).map(summary));

  r.post('/api/v1/iwmo/claims/:id/answer', {
    config: { permission: 'iwmo.claims' },
    schema: { tags, summary: 'Check a claim against its assignments and the contract tariffs and send the 325 (once per claim)', params: z.object({ id: z.uuid() }),
      response: { 201: MessageSummary } },
  }, async (req, reply) => {
    const municipality = await municipalityCode(app.db);
    if (!municipality) throw unprocessable('De gemeente heeft geen CBS-code / The municipality has no CBS code', undefined, 'no_municipality');
    const today = amsterdam.format(new Date()).slice(0, 10);
    return reply.status(201).send(summary(await answerClaim(req.store, transport(), req.params.id, { municipality, today })));
  });

  r.get('/api/v1/iwmo/rejected-messages', {
    config: { permission: 'iwmo.errors.read' },
    schema: { tags, summary: 'The error queue: incoming messages that were rejected, with their reasons, newest first', response: { 200: z.array(MessageSummary) } },
  }, async (req) => (await req.store.read({ action: 'iwmo.rejected.read', activity: ProcessingActivity.Administration }, (tx) => listRejected(tx))).map(summary));

  r.post('/api/v1/iwmo/rejected-messages/:id/reprocess', {
    config: { permission: 'iwmo.errors.act' },
    schema: { tags, summary: 'Read a message from the error queue again (after what it lacked was registered): applied, or back on the queue with today\'s reasons',
      params: z.object({ id: z.uuid() }), response: { 200: ReceiveResult } },
  }, async (req) => reprocessMessage(req.store, req.params.id, { transport: transport(), date: amsterdam.format(new Date()).slice(0, 10) }));

  r.post('/api/v1/iwmo/rejected-messages/:id/handled', {
    config: { permission: 'iwmo.errors.act' },
    schema: { tags, summary: 'Take a message off the error queue with a note saying why no further work is needed', params: z.object({ id: z.uuid() }),
      body: RejectedHandle, response: { 200: MessageSummary } },
  }, async (req) => summary(await markMessageHandled(req.store, req.params.id, req.body.note)));

  r.post('/api/v1/iwmo/inbox-runs', {
    config: { permission: 'iwmo.receive' },
    schema: { tags, summary: 'Read every message waiting in the inbox now (each is applied or put on the error queue)', response: { 200: InboxRun } },
  }, async () => receiveAll(app.db, transport(), amsterdam.format(new Date()).slice(0, 10)));
});
