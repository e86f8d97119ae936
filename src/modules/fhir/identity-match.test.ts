import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { build, loginAs } from '../../../test/helpers.ts';
import { bearer, fixture, tokenFor } from './fhir-test-helpers.ts';

/**
 * Issue 14 item 6: a GP referral naming a known BSN changes nothing in that record by itself. The name
 * and birth date must match; what the GP sent (representative, consent, contact details) stays on
 * the referral until the team takes it over.
 */

/** The demo practice's referral for BSN 999993653, with the patient's mother as representative (with a phone number). */
function referralWithRepresentative() {
  const body = fixture('service-request');
  body.contained.push({ resourceType: 'RelatedPerson', id: 'mother', patient: { reference: '#patient' },
    relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'MTH' }] }],
    name: [{ family: 'Yilmaz', given: ['Derya'] }], telecom: [{ system: 'phone', value: '06-12345678' }] });
  return body;
}

async function existingClient(app: FastifyInstance, record: Record<string, unknown>) {
  const desk = await loginAs(app, 'balie');
  const res = await app.inject({ method: 'POST', url: '/api/v1/clients', headers: desk, payload: { bsn: '999993653', duplicateAcknowledged: true, ...record } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as string;
}

async function send(app: FastifyInstance, token: string) {
  const res = await app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: bearer(token), payload: JSON.stringify(referralWithRepresentative()) });
  assert.equal(res.statusCode, 201, res.body);
  const [row] = await app.db.query<{ referral_id: string }>('SELECT referral_id FROM fhir_service_requests WHERE id = $1', [res.json().id]);
  return { serviceRequestId: res.json().id as string, referralId: row!.referral_id };
}

const recordOf = async (app: FastifyInstance, clientId: string) => ({
  persons: await app.db.query<{ name: string }>('SELECT name FROM client_persons WHERE client_id = $1', [clientId]),
  consents: await app.db.query<{ recipient: string }>('SELECT recipient FROM consents WHERE client_id = $1', [clientId]),
  phone: (await app.db.query<{ phone: string | null }>('SELECT phone FROM clients WHERE id = $1', [clientId]))[0]!.phone,
});

async function inboxItem(app: FastifyInstance, referralId: string) {
  const worker = await loginAs(app, 'wijkteam');
  const [team] = await app.db.query<{ id: string }>(`SELECT id FROM teams WHERE name = 'Wijkteam Oude Noorden'`);
  const inbox = await app.inject({ method: 'GET', url: `/api/v1/teams/${team!.id}/referrals`, headers: worker });
  assert.equal(inbox.statusCode, 200, inbox.body);
  return { worker, item: inbox.json().find((r: { id: string }) => r.id === referralId) };
}

test('a referral with a known BSN but another name and birth date changes nothing in that record and asks the team to check who is meant', async (t) => {
  const app = await build(t);
  const clientId = await existingClient(app, { surname: 'Pietersen', firstNames: 'Karel', birthDate: '1970-05-05' });
  const clientsBefore = (await app.db.query('SELECT id FROM clients')).length;
  const token = await tokenFor(app);
  const { serviceRequestId, referralId } = await send(app, token);

  assert.equal((await app.db.query('SELECT id FROM clients')).length, clientsBefore, 'no person is registered');
  assert.deepEqual(await recordOf(app, clientId), { persons: [], consents: [], phone: null }, 'no representative, consent or phone number in the record');

  const { worker, item } = await inboxItem(app, referralId);
  assert.ok(item, 'the referral is in the team inbox');
  assert.deepEqual(item.review, { kind: 'identity_mismatch', sent: { name: 'Anna Maria de Vries', birthDate: '1958-04-17' }, record: { name: 'K. Pietersen', birthDate: '1970-05-05' } });
  assert.equal(item.sentData.representative.name, 'Derya Yilmaz', 'what the GP sent is kept on the referral');
  assert.equal(item.sentData.representative.phone, '06-12345678');

  const takeOver = await app.inject({ method: 'POST', url: `/api/v1/referrals/${referralId}/take-over`, headers: worker, payload: {} });
  assert.equal(takeOver.statusCode, 409);
  assert.equal(takeOver.json().code, 'identity_mismatch');
  assert.deepEqual((await recordOf(app, clientId)).persons, []);

  const returned = await app.inject({ method: 'POST', url: `/api/v1/referrals/${referralId}/return`, headers: worker, payload: { reason: 'Meneer Pietersen is al bekend bij de GGZ.' } });
  assert.equal(returned.statusCode, 200, returned.body);
  const task = (await app.inject({ method: 'GET', url: `/fhir/r4/Task/${serviceRequestId}`, headers: bearer(token) })).json();
  assert.equal(task.status, 'rejected');
  assert.equal(task.statusReason, undefined, 'the team\'s reason does not go to the practice');
  assert.doesNotMatch(JSON.stringify(task), /Pietersen|GGZ/);
});

test('a matching referral keeps the GP\'s data on the referral until the team takes it over, once', async (t) => {
  const app = await build(t);
  const clientId = await existingClient(app, { surname: 'Vries', surnamePrefix: 'de', firstNames: 'Anna', birthDate: '1958-04-17' });
  const token = await tokenFor(app);
  const { serviceRequestId, referralId } = await send(app, token);
  assert.deepEqual(await recordOf(app, clientId), { persons: [], consents: [], phone: null }, 'nothing is added silently');

  const { worker, item } = await inboxItem(app, referralId);
  assert.equal(item.review, null);
  assert.equal(item.identity, 'matched');
  assert.equal(item.sentData.takenOverAt, null);

  // The consent on the referral covers the feedback to this practice.
  await app.inject({ method: 'POST', url: `/api/v1/referrals/${referralId}/return`, headers: worker, payload: { reason: 'Mevrouw heeft al hulp via de GGZ.' } });
  const task = (await app.inject({ method: 'GET', url: `/fhir/r4/Task/${serviceRequestId}`, headers: bearer(token) })).json();
  assert.equal(task.statusReason.text, 'Mevrouw heeft al hulp via de GGZ.');

  for (let i = 0; i < 2; i++) {
    const res = await app.inject({ method: 'POST', url: `/api/v1/referrals/${referralId}/take-over`, headers: worker, payload: {} });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.json().sentData.takenOverAt);
  }
  assert.deepEqual(await recordOf(app, clientId), { persons: [{ name: 'Derya Yilmaz' }], consents: [{ recipient: 'Huisartsenpraktijk Het Oude Noorden (AGB 01234567)' }], phone: '010-1234567' });
  const audited = await app.db.query<{ client_id: string }>(`SELECT client_id FROM audit_log WHERE action = 'referral.take_over_sent_data' AND outcome = 'success'`);
  assert.deepEqual(audited.map((a) => a.client_id), [clientId, clientId]);
});

test('only the receiving team takes over what the GP sent', async (t) => {
  const app = await build(t);
  await existingClient(app, { surname: 'Vries', surnamePrefix: 'de', firstNames: 'Anna', birthDate: '1958-04-17' });
  const { referralId } = await send(app, await tokenFor(app));
  const desk = await loginAs(app, 'balie');
  const res = await app.inject({ method: 'POST', url: `/api/v1/referrals/${referralId}/take-over`, headers: desk, payload: {} });
  assert.equal(res.statusCode, 403);
  assert.equal(res.json().code, 'not_team_member');
});
