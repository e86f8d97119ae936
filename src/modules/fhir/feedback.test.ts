import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { build, loginAs } from '../../../test/helpers.ts';
import { bearer, fixture, tokenFor } from './fhir-test-helpers.ts';
import { validateStructure } from './schema-validator.ts';

async function sendReferral(app: FastifyInstance, token: string) {
  const res = await app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: bearer(token), payload: JSON.stringify(fixture('service-request')) });
  assert.equal(res.statusCode, 201, res.body);
  const [row] = await app.db.query<{ referral_id: string }>('SELECT referral_id FROM fhir_service_requests WHERE id = $1', [res.json().id]);
  return { serviceRequestId: res.json().id as string, referralId: row!.referral_id };
}

async function decide(app: FastifyInstance, referralId: string, command: string, body: Record<string, unknown> = {}) {
  const worker = await loginAs(app, 'wijkteam');
  const [me] = await app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'wijkteam'`);
  const res = await app.inject({ method: 'POST', url: `/api/v1/referrals/${referralId}/${command}`, headers: worker,
    payload: command === 'accept' ? { assignedUserId: me!.id, ...body } : body });
  assert.equal(res.statusCode, 200, res.body);
}

/** An accepted referral starts and closes with its trajectory: the team works there, the Task follows. */
async function trajectoryStep(app: FastifyInstance, referralId: string, command: string, body: Record<string, unknown> = {}) {
  const worker = await loginAs(app, 'wijkteam');
  const [row] = await app.db.query<{ id: string }>('SELECT id FROM trajectories WHERE referral_id = $1', [referralId]);
  const current = await app.inject({ method: 'GET', url: `/api/v1/trajectories/${row!.id}`, headers: worker });
  const res = await app.inject({ method: 'POST', url: `/api/v1/trajectories/${row!.id}/${command}`,
    headers: { ...worker, 'if-match': `"${current.json().version}"` }, payload: body });
  assert.equal(res.statusCode, 200, res.body);
}
const startSupport = async (app: FastifyInstance, referralId: string) => {
  await trajectoryStep(app, referralId, 'agreePlan');
  await trajectoryStep(app, referralId, 'startSupport');
};

const taskOf = async (app: FastifyInstance, token: string, id: string) => {
  const res = await app.inject({ method: 'GET', url: `/fhir/r4/Task/${id}`, headers: bearer(token) });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
};

test('the GP follows the referral as a Task: received, accepted, in progress, completed with the outcome in words and as a code', async (t) => {
  const app = await build(t);
  const token = await tokenFor(app);
  const { serviceRequestId, referralId } = await sendReferral(app, token);
  let task = await taskOf(app, token, serviceRequestId);
  assert.equal(task.status, 'received');
  assert.deepEqual(task.basedOn, [{ reference: `ServiceRequest/${serviceRequestId}` }]);
  assert.equal(task.owner.display, 'Wijkteam Oude Noorden');

  const search = await app.inject({ method: 'GET', url: `/fhir/r4/Task?based-on=ServiceRequest/${serviceRequestId}`, headers: bearer(token) });
  assert.equal(search.json().type, 'searchset');
  assert.equal(search.json().entry[0].resource.id, serviceRequestId);

  await decide(app, referralId, 'accept');
  assert.equal((await taskOf(app, token, serviceRequestId)).status, 'accepted');
  await startSupport(app, referralId);
  assert.equal((await taskOf(app, token, serviceRequestId)).status, 'in-progress');
  await trajectoryStep(app, referralId, 'close', { outcome: 'partly_reached', reason: 'Schuldhulp gestart; mevrouw gaat naar de inloop in het Huis van de Wijk.' });
  task = await taskOf(app, token, serviceRequestId);
  assert.equal(task.status, 'completed');
  assert.equal(task.output[0].valueString, 'Doel deels bereikt. Schuldhulp gestart; mevrouw gaat naar de inloop in het Huis van de Wijk.');
  assert.deepEqual(task.output[1].valueCodeableConcept.coding,
    [{ system: 'https://wegwijs.nl/fhir/CodeSystem/wegwijs-trajectory-outcome', code: 'partly_reached', display: 'Doel deels bereikt' }]);
  assert.deepEqual(await validateStructure(task), []);
  const reads = await app.db.query(`SELECT 1 FROM audit_log WHERE action = 'referral.feedback_read'`);
  assert.equal(reads.length, 5, 'every read of the feedback is audited');
});

test('a returned referral shows as rejected with the team\'s reason', async (t) => {
  const app = await build(t);
  const token = await tokenFor(app);
  const { serviceRequestId, referralId } = await sendReferral(app, token);
  await decide(app, referralId, 'return', { reason: 'Mevrouw heeft al een bewindvoerder en hulp via de GGZ.' });
  const task = await taskOf(app, token, serviceRequestId);
  assert.equal(task.status, 'rejected');
  assert.equal(task.statusReason.text, 'Mevrouw heeft al een bewindvoerder en hulp via de GGZ.');
  const search = await app.inject({ method: 'GET', url: '/fhir/r4/Task?status=rejected', headers: bearer(token) });
  assert.equal(search.statusCode, 400);
});

test('a subscribed practice system is told of every status change, with retries when it is down', async (t) => {
  const app = await build(t);
  const received: { method: string; url: string; auth: string | undefined; body: { resourceType: string; status: string } }[] = [];
  let failNext = 1;
  const server = createServer((req: IncomingMessage, res) => {
    let data = '';
    req.on('data', (c) => { data += c; });
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body: JSON.parse(data) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/his/fhir`;

  const token = await tokenFor(app);
  const sub = await app.inject({ method: 'POST', url: '/fhir/r4/Subscription', headers: bearer(token), payload: JSON.stringify({
    resourceType: 'Subscription', status: 'requested', reason: 'Terugkoppeling', criteria: 'Task',
    channel: { type: 'rest-hook', endpoint, payload: 'application/fhir+json', header: ['Authorization: Bearer his-secret'] },
  }) });
  assert.equal(sub.statusCode, 201, sub.body);
  assert.equal(sub.json().status, 'active');
  assert.deepEqual(sub.json().channel.header, ['Authorization: ***']);

  const { serviceRequestId, referralId } = await sendReferral(app, token);
  await app.jobs.runDue(); // 'created' → notification; the HIS answers 503 the first time
  assert.equal(received.length, 0);
  const [failed] = await app.db.query<{ delivered: boolean; http_status: number }>('SELECT delivered, http_status FROM fhir_deliveries');
  assert.deepEqual(failed, { delivered: false, http_status: 503 });
  const [queued] = await app.db.query<{ status: string; secs: number }>(
    `SELECT status, extract(epoch FROM run_at - now())::int AS secs FROM jobs WHERE kind = 'fhir.subscription.notify'`);
  assert.equal(queued!.status, 'queued');
  assert.ok(queued!.secs >= 20 && queued!.secs <= 31, `back-off ${queued!.secs}s`);
  await app.db.query(`UPDATE jobs SET run_at = now() WHERE kind = 'fhir.subscription.notify' AND status = 'queued'`);
  await app.jobs.runDue();
  assert.equal(received.length, 1);
  assert.deepEqual({ method: received[0]!.method, url: received[0]!.url, auth: received[0]!.auth, type: received[0]!.body.resourceType, status: received[0]!.body.status },
    { method: 'PUT', url: `/his/fhir/Task/${serviceRequestId}`, auth: 'Bearer his-secret', type: 'Task', status: 'received' });

  await decide(app, referralId, 'accept');
  await app.jobs.runDue();
  assert.equal(received.at(-1)!.body.status, 'accepted');
  const log = await app.db.query<{ task_status: string; delivered: boolean; attempt: number }>('SELECT task_status, delivered, attempt FROM fhir_deliveries ORDER BY id');
  assert.deepEqual(log, [
    { task_status: 'received', delivered: false, attempt: 1 },
    { task_status: 'received', delivered: true, attempt: 2 },
    { task_status: 'accepted', delivered: true, attempt: 1 },
  ]);

  // The audit log says what happened to each attempt: the refused first one is not logged as sent.
  const audited = await app.db.query<{ outcome: string }>(`SELECT outcome FROM audit_log WHERE action = 'referral.feedback_sent' ORDER BY id`);
  assert.deepEqual(audited.map((a) => a.outcome), ['error', 'success', 'success']);

  // Unsubscribed: no more notifications.
  assert.equal((await app.inject({ method: 'DELETE', url: `/fhir/r4/Subscription/${sub.json().id}`, headers: { authorization: `Bearer ${token}` } })).statusCode, 204);
  await startSupport(app, referralId);
  await app.jobs.runDue();
  assert.equal(received.length, 2);
});

test('a subscription must use https (plain http only on this machine) and criteria Task', async (t) => {
  const app = await build(t);
  const token = await tokenFor(app);
  const subscribe = (endpoint: string, criteria = 'Task') => app.inject({ method: 'POST', url: '/fhir/r4/Subscription', headers: bearer(token),
    payload: JSON.stringify({ resourceType: 'Subscription', status: 'requested', reason: 'x', criteria, channel: { type: 'rest-hook', endpoint } }) });
  const http = await subscribe('http://his.example.nl/notify');
  assert.equal(http.statusCode, 422);
  assert.deepEqual(http.json().issue[0].expression, ['Subscription.channel.endpoint']);
  const criteria = await subscribe('https://his.example.nl/notify', 'Patient?');
  assert.equal(criteria.statusCode, 422);
  assert.deepEqual(criteria.json().issue[0].expression, ['Subscription.criteria']);
  assert.equal((await subscribe('https://his.example.nl/notify')).statusCode, 201);
});

test('when the client withdraws consent to share with the practice, the GP sees the status but no longer the outcome, in words or as a code', async (t) => {
  const app = await build(t);
  const token = await tokenFor(app);
  const { serviceRequestId, referralId } = await sendReferral(app, token);
  await decide(app, referralId, 'accept');
  await startSupport(app, referralId);
  await trajectoryStep(app, referralId, 'close', { outcome: 'referred_second_line', reason: 'Schuldhulpverlening.' });
  const shared = await taskOf(app, token, serviceRequestId);
  assert.deepEqual(shared.output.map((o: { valueString?: string; valueCodeableConcept?: { coding: { code: string }[] } }) => o.valueString ?? o.valueCodeableConcept!.coding[0]!.code),
    ['Doorverwezen naar specialistische hulp. Schuldhulpverlening.', 'referred_second_line']);

  const worker = await loginAs(app, 'wijkteam');
  const [{ client_id: clientId }] = await app.db.query<{ client_id: string }>('SELECT client_id FROM referrals WHERE id = $1', [referralId]) as [{ client_id: string }];
  const consents = (await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}/consents`, headers: worker })).json();
  const gp = consents.find((c: { purpose: string; active: boolean }) => c.purpose === 'share_with_gp' && c.active);
  assert.ok(gp, 'the referral recorded the patient\'s consent');
  const today = new Date().toISOString().slice(0, 10);
  const w = await app.inject({ method: 'POST', url: `/api/v1/clients/${clientId}/consents/${gp.id}/withdrawal`, headers: worker, payload: { withdrawnOn: today, withdrawnHow: 'verbal' } });
  assert.equal(w.statusCode, 200, w.body);

  const task = await taskOf(app, token, serviceRequestId);
  assert.equal(task.status, 'completed');
  assert.equal(task.output, undefined, 'no outcome goes back without consent');
  assert.match(task.note[0].text, /toestemming .* ingetrokken/);
});

test('a delivery to an address Wegwijs may not call is audited as denied, never as sent', async (t) => {
  const app = await build(t);
  const token = await tokenFor(app);
  const sub = await app.inject({ method: 'POST', url: '/fhir/r4/Subscription', headers: bearer(token), payload: JSON.stringify({
    resourceType: 'Subscription', status: 'requested', reason: 'x', criteria: 'Task', channel: { type: 'rest-hook', endpoint: 'https://his.example.nl/notify' } }) });
  assert.equal(sub.statusCode, 201, sub.body);
  // As if the name had been accepted and now points inside: the delivery checks again.
  await app.db.query('UPDATE fhir_subscriptions SET endpoint = $1 WHERE id = $2', ['https://10.0.0.7/notify', sub.json().id]);
  await sendReferral(app, token);
  await app.jobs.runDue();
  const [delivery] = await app.db.query<{ delivered: boolean; error: string }>('SELECT delivered, error FROM fhir_deliveries');
  assert.equal(delivery!.delivered, false);
  assert.match(delivery!.error, /internal or special address/);
  const audited = await app.db.query<{ outcome: string }>(`SELECT outcome FROM audit_log WHERE action = 'referral.feedback_sent'`);
  assert.deepEqual(audited.map((a) => a.outcome), ['denied']);
});
