import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AuthHeaders, build, loginAs } from '../../../test/helpers.ts';
import { indicated } from '../../../test/iwmo-indication.ts';
import { decisionBody } from '../../../test/wmo-decision.ts';

/** The demo melding (Sandra Willems), taken by the demo Wmo adviser and worked up to `upTo`. */
async function demoMelding(app: FastifyInstance, wmo: AuthHeaders, upTo: string[]) {
  const inbox = (await app.inject({ method: 'GET', url: '/api/v1/wmo-notifications', headers: wmo })).json() as { id: string; clientName: string }[];
  const item = inbox.find((n) => n.clientName.includes('Willems'))!;
  for (const payload of [{ type: 'assign' }, ...await Promise.all(upTo.map(async (type) => (type === 'decide' ? decisionBody(app, wmo) : { type })))]) {
    const res = await app.inject({ method: 'POST', url: `/api/v1/wmo-notifications/${item.id}/actions`, headers: wmo, payload });
    assert.equal(res.statusCode, 200, `${payload.type}: ${res.body}`);
  }
  return item.id;
}

async function catalogue(app: FastifyInstance, h: AuthHeaders) {
  const providers = (await app.inject({ method: 'GET', url: '/api/v1/providers', headers: h })).json() as { id: string; agbCode: string }[];
  const products = (await app.inject({ method: 'GET', url: '/api/v1/products', headers: h })).json() as { id: string; code: string }[];
  return { provider: providers.find((p) => p.agbCode === '98010001')!, product: products.find((p) => p.code === '01A01')! };
}

test('a granted decision gets an indication whose cost spans the tariff change of 1 July', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const notificationId = await demoMelding(app, wmo, ['startAssessment', 'recordReport', 'receiveApplication', 'decide']);
  const { provider, product } = await catalogue(app, wmo);
  // 3 hours of hulp bij het huishouden a week, Wednesday 24 June – Sunday 5 July 2026: 7 days at € 31,50 and 5 at € 32,50 per hour.
  const res = await app.inject({ method: 'POST', url: '/api/v1/indications', headers: wmo,
    payload: { notificationId, productId: product.id, providerId: provider.id, volume: 3, validFrom: '2026-06-24', validTo: '2026-07-05', form: 'ZIN' } });
  assert.equal(res.statusCode, 201, res.body);
  const ind = res.json();
  assert.deepEqual([ind.productCode, ind.providerAgbCode, ind.unit, ind.frequency, ind.form], ['01A01', '98010001', 'hour', 'week', 'ZIN']);
  assert.equal(ind.cost.eurocents, Math.round((7 * 3 * 3150 + 5 * 3 * 3250) / 7));
  assert.deepEqual(ind.cost.uncovered, []);

  const read = await app.inject({ method: 'GET', url: `/api/v1/indications/${ind.id}`, headers: wmo });
  assert.deepEqual([read.statusCode, read.headers.etag, read.json().cost.eurocents], [200, '"1"', ind.cost.eurocents]);
  // Days before the contract's tariffs are reported, not priced.
  const early = await app.inject({ method: 'POST', url: '/api/v1/indications', headers: wmo,
    payload: { notificationId, productId: product.id, providerId: provider.id, volume: 7, validFrom: '2025-12-29', validTo: '2026-01-04', form: 'PGB' } });
  assert.deepEqual([early.json().cost.eurocents, early.json().cost.uncovered], [4 * 3150, [{ from: '2025-12-29', to: '2025-12-31' }]]);
});

test('no indication without a granting decision, for an unknown product, or with the period reversed', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const notificationId = await demoMelding(app, wmo, ['startAssessment']);
  const { provider, product } = await catalogue(app, wmo);
  const post = (over: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/indications', headers: wmo,
    payload: { notificationId, productId: product.id, providerId: provider.id, volume: 3, validFrom: '2026-07-01', validTo: '2026-12-31', form: 'ZIN', ...over } });
  const undecided = await post({});
  assert.deepEqual([undecided.statusCode, undecided.json().code], [409, 'decision_not_granted']);
  const unknown = await post({ notificationId: '00000000-0000-4000-8000-000000000000' });
  assert.deepEqual([unknown.statusCode, unknown.json().code], [422, 'unknown_notification']);
  for (const type of ['recordReport', 'receiveApplication', 'decide']) {
    const payload = type === 'decide' ? await decisionBody(app, wmo) : { type };
    assert.equal((await app.inject({ method: 'POST', url: `/api/v1/wmo-notifications/${notificationId}/actions`, headers: wmo, payload })).statusCode, 200);
  }
  const badProduct = await post({ productId: '00000000-0000-4000-8000-000000000000' });
  assert.deepEqual([badProduct.statusCode, badProduct.json().code], [422, 'unknown_product']);
  const reversed = await post({ validFrom: '2026-12-31', validTo: '2026-07-01' });
  assert.deepEqual([reversed.statusCode, reversed.json().code], [422, 'period_reversed']);
  // A desk worker may not record indications at all.
  const desk = await app.inject({ method: 'POST', url: '/api/v1/indications', headers: await loginAs(app, 'balie'),
    payload: { notificationId, productId: product.id, providerId: provider.id, volume: 3, validFrom: '2026-07-01', validTo: '2026-12-31', form: 'ZIN' } });
  assert.deepEqual([desk.statusCode, desk.json().code], [403, 'role_forbidden']);
});

test("a client's indications are listed for those who may see the client, with names and the provider's start; others are refused", async (t) => {
  const app = await build(t);
  const { clientId } = await indicated(app);
  const wmo = await loginAs(app, 'wmo');
  const list = await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}/indications`, headers: wmo });
  assert.equal(list.statusCode, 200, list.body);
  assert.deepEqual(list.json().map((i: Record<string, unknown>) => [i.productCode, i.productName, i.validFrom, i.validTo, i.startedOn, i.stoppedOn]),
    [['01A01', 'Hulp bij het huishouden', '2026-03-01', '2026-12-31', null, null]]);
  // A team lead of another team (arranged: the demo team lead moved to Charlois) has the role but not the client.
  await app.db.query(`UPDATE team_members SET team_id = (SELECT id FROM teams WHERE name = 'Wijkteam Charlois') WHERE user_id = (SELECT id FROM users WHERE username = 'teamleider')`);
  const outsider = await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}/indications`, headers: await loginAs(app, 'teamleider') });
  assert.equal(outsider.statusCode, 403);
  assert.equal(outsider.json().code, 'client_access_denied');
  const desk = await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}/indications`, headers: await loginAs(app, 'balie') });
  assert.deepEqual([desk.statusCode, desk.json().code], [403, 'role_forbidden']);
});
