import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build, loginAs } from '../../../test/helpers.ts';

/** A citizen asks through the digital channel (demo test identity), as portal.test.ts does. */
async function askAsCitizen(app: FastifyInstance) {
  const start = await app.inject({ method: 'GET', url: '/api/v1/portal/login' });
  const state = new URL(start.headers.location!, 'http://x').searchParams.get('state')!;
  const chosen = await app.inject({ method: 'POST', url: '/test-idp/authorize', payload: `state=${state}&identity=0`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const back = await app.inject({ method: 'GET', url: chosen.headers.location! });
  const cookie = `wegwijs_citizen=${back.cookies.find((c) => c.name === 'wegwijs_citizen')!.value}`;
  const csrf = (await app.inject({ method: 'GET', url: '/api/v1/portal/session', headers: { cookie } })).json().csrfToken;
  const res = await app.inject({ method: 'POST', url: '/api/v1/portal/requests', headers: { cookie, 'x-csrf-token': csrf },
    payload: { question: 'Ik kan de trap niet meer op en mijn kinderen wonen ver weg', lifeDomains: ['ageing'], contactPreference: 'phone', contactValue: '06-11112222' } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().reference as string;
}

test('a desk worker picks up a digital question and refers to the team of the address the citizen gives on the phone', async (t) => {
  const app = await build(t);
  const reference = await askAsCitizen(app);
  const balie = await loginAs(app, 'balie');
  const waiting = (await app.inject({ method: 'GET', url: '/api/v1/portal-requests', headers: balie })).json().find((w: { reference: string }) => w.reference === reference);
  const base = { clientId: waiting.clientId, portalRequestId: waiting.id, channel: 'digital', question: 'Trap, kinderen ver weg', outcome: 2 };

  // The record from the digital channel has no address: without one there is no team to route to.
  const without = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: base });
  assert.deepEqual([without.statusCode, without.json().field], [400, 'referral.teamId']);

  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie,
    payload: { ...base, clientAddress: { postcode: '3033 ab', houseNumber: 21 } } });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().referral.teamName, 'Wijkteam Oude Noorden');
  const record = await app.inject({ method: 'GET', url: `/api/v1/clients/${waiting.clientId}`, headers: balie });
  assert.deepEqual([record.json().address.postcode, record.json().address.houseNumber], ['3033 AB', 21], 'the address is saved to the record');
});

test('an address given with a contact does not overwrite the one a record already has', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const first = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
    channel: 'phone', question: 'Hulp bij de boodschappen', outcome: 1,
    newClient: { surname: 'Kuipers', birthDate: '1950-03-03', address: { postcode: '3033 AB', houseNumber: 5 } } } });
  assert.equal(first.statusCode, 201, first.body);
  const again = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
    clientId: first.json().clientId, channel: 'phone', question: 'Nog een vraag', outcome: 1, clientAddress: { postcode: '3011 AA', houseNumber: 1 } } });
  assert.equal(again.statusCode, 201, again.body);
  const record = await app.inject({ method: 'GET', url: `/api/v1/clients/${first.json().clientId}`, headers: balie });
  assert.equal(record.json().address.postcode, '3033 AB');
});
