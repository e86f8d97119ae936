import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build, loginAs } from '../../../test/helpers.ts';
import { indicated } from '../../../test/iwmo-indication.ts';
import { start305, viaHub } from '../../../scripts/iwmo-provider-simulator.ts';
import { deliveryOf } from '../indications/delivery-store.ts';
import { parseDeliveryRetour } from './delivery.ts';
import { DEMO_PROVIDER_CLIENT } from './demo.ts';

/** A provider's system: an API client made by the admin, and a bearer token from the OAuth token endpoint (as GP practices get one). */
async function providerSystem(app: FastifyInstance, agbCode: string) {
  const { auth } = await providerClient(app, agbCode);
  return {
    fetch: async (after = 0) => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/iwmo/hub/messages?after=${after}`, headers: auth });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { seq: number; name: string; content: string }[];
    },
    get: (seq: number) => app.inject({ method: 'GET', url: `/api/v1/iwmo/hub/messages/${seq}`, headers: auth }),
    post: (xml: string) => app.inject({ method: 'POST', url: '/api/v1/iwmo/hub/messages', headers: { ...auth, 'content-type': 'application/xml' }, payload: xml }),
  };
}

async function providerClient(app: FastifyInstance, agbCode: string) {
  const admin = await loginAs(app, 'beheer');
  const providers = (await app.inject({ method: 'GET', url: '/api/v1/providers', headers: admin })).json() as { id: string; agbCode: string }[];
  const provider = providers.find((p) => p.agbCode === agbCode)!;
  const made = await app.inject({ method: 'POST', url: `/api/v1/providers/${provider.id}/api-clients`, headers: admin, payload: { name: 'Zorgsysteem' } });
  assert.equal(made.statusCode, 201, made.body);
  assert.deepEqual(made.json().scopes, ['iwmo/Message.write', 'iwmo/Message.read']);
  const token = await app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: made.json().clientId, client_secret: made.json().clientSecret }).toString() });
  assert.equal(token.statusCode, 200, token.body);
  return { auth: { authorization: `Bearer ${token.json().access_token}` } };
}

const counts = async (app: FastifyInstance) => (await app.db.query<{ messages: number; hub: number; deliveries: number }>(
  `SELECT (SELECT count(*)::int FROM iwmo_messages) AS messages, (SELECT count(*)::int FROM iwmo_hub_messages) AS hub,
     (SELECT count(*)::int FROM indication_deliveries) AS deliveries`))[0]!;

test('over the hub endpoint a provider fetches its 301, posts its start and gets the 306; posting it again changes nothing', async (t) => {
  const app = await build(t, { WEGWIJS_IWMO_TRANSPORT: 'hub' });
  const ids = await indicated(app);
  const provider = await providerSystem(app, '98010001');
  const wmo = await loginAs(app, 'wmo');
  const sent = await app.inject({ method: 'POST', url: `/api/v1/clients/${ids.clientId}/iwmo-assignments`, headers: wmo, payload: { providerId: ids.providerId } });
  assert.equal(sent.statusCode, 201, sent.body);

  const [assignment, ...rest] = await provider.fetch();
  assert.deepEqual(rest, []);
  assert.equal(assignment!.name, sent.json().source);
  assert.match(assignment!.content, /wmo301/);

  const start = start305(assignment!.content, 'S1', '2026-03-04', '2026-03-04');
  const posted = await provider.post(start);
  assert.equal(posted.statusCode, 201, posted.body);
  assert.deepEqual([posted.json().status, posted.json().duplicate], ['applied', false]);
  assert.equal((await deliveryOf(app.db, ids.indicationId)).startedOn, '2026-03-04');

  const [answer, ...more] = await provider.fetch(assignment!.seq);
  assert.deepEqual(more, []);
  assert.deepEqual(parseDeliveryRetour(answer!.content, 'iwmo').codes.header, ['0200'], 'the 306 accepts the start');

  const before = await counts(app);
  const again = await provider.post(start);
  assert.equal(again.statusCode, 200, again.body);
  assert.deepEqual([again.json().id, again.json().duplicate], [posted.json().id, true]);
  assert.deepEqual(await counts(app), before, 'the same message twice: no new message, answer or delivery');
  assert.deepEqual(await provider.fetch(answer!.seq), [], 'and no second answer');
});

test('a provider sees only its own messages and cannot post in another provider\'s name', async (t) => {
  const app = await build(t, { WEGWIJS_IWMO_TRANSPORT: 'hub' });
  const ids = await indicated(app);
  const mine = await providerSystem(app, '98010001');
  const other = await providerSystem(app, '98010002');
  const wmo = await loginAs(app, 'wmo');
  await app.inject({ method: 'POST', url: `/api/v1/clients/${ids.clientId}/iwmo-assignments`, headers: wmo, payload: { providerId: ids.providerId } });
  const [assignment] = await mine.fetch();

  assert.deepEqual(await other.fetch(), []);
  const peek = await other.get(assignment!.seq);
  assert.deepEqual([peek.statusCode, peek.json().code], [404, 'iwmo_message_not_found']);
  assert.equal((await mine.get(assignment!.seq)).statusCode, 200);

  const before = await counts(app);
  const forged = await other.post(start305(assignment!.content, 'S9', '2026-03-04'));
  assert.deepEqual([forged.statusCode, forged.json().code], [403, 'iwmo_not_your_message']);
  assert.deepEqual(await counts(app), before, 'nothing stored');
  const [denied] = await app.db.query<{ outcome: string }>(`SELECT outcome FROM audit_log WHERE action = 'iwmo.hub.post' ORDER BY id DESC LIMIT 1`);
  assert.equal(denied!.outcome, 'denied');

  // Staff and GP practices have no business here.
  const staff = await app.inject({ method: 'GET', url: '/api/v1/iwmo/hub/messages', headers: wmo });
  assert.deepEqual([staff.statusCode, staff.json().code], [403, 'role_forbidden']);
});

test('a broken message posted to the hub lands on the error queue with its reason; with the directory transport the hub is off', async (t) => {
  const app = await build(t, { WEGWIJS_IWMO_TRANSPORT: 'hub' });
  const provider = await providerSystem(app, '98010001');
  const broken = await provider.post('<?xml version="1.0"?>\n<Bericht>\n</Header>\n');
  assert.equal(broken.statusCode, 201, broken.body);
  assert.equal(broken.json().status, 'rejected');
  const queue = (await app.inject({ method: 'GET', url: '/api/v1/iwmo/rejected-messages', headers: await loginAs(app, 'beheer') })).json();
  assert.deepEqual(queue.map((m: { id: string }) => m.id), [broken.json().id]);

  const directory = await build(t);
  const elsewhere = await providerSystem(directory, '98010001');
  const off = await elsewhere.post('<Bericht/>');
  assert.deepEqual([off.statusCode, off.json().code], [409, 'iwmo_hub_off']);
});

test('the provider simulator, as the demo provider\'s system, answers the 301 over HTTP: it fetches with its own token and posts a 302 and a 305, both applied', async (t) => {
  const app = await build(t, { WEGWIJS_IWMO_TRANSPORT: 'hub' });
  const ids = await indicated(app);
  const wmo = await loginAs(app, 'wmo');
  await app.inject({ method: 'POST', url: `/api/v1/clients/${ids.clientId}/iwmo-assignments`, headers: wmo, payload: { providerId: ids.providerId } });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const results = await viaHub(base, DEMO_PROVIDER_CLIENT.clientId, DEMO_PROVIDER_CLIENT.secret, 0, '2026-03-03', {});
  assert.deepEqual(results.map((r) => [r.name.slice(0, 6), r.status, r.state]), [['WMO302', 201, 'applied'], ['WMO305', 201, 'applied']]);
  assert.ok((await deliveryOf(app.db, ids.indicationId)).startedOn);
});
