import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { build } from '../../../test/helpers.ts';
import { bearer, fixture, tokenFor } from './fhir-test-helpers.ts';

const post = (app: FastifyInstance, token: string, body: unknown) =>
  app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: bearer(token), payload: JSON.stringify(body) });

async function referralOf(app: FastifyInstance, serviceRequestId: string) {
  const [row] = await app.db.query<{ reason: string; life_domains: string[] }>(
    'SELECT r.reason, r.life_domains FROM fhir_service_requests s JOIN referrals r ON r.id = s.referral_id WHERE s.id = $1', [serviceRequestId]);
  return row!;
}

test('a HIS that knows no Wegwijs codes sends the short form: the reason as free text, the team sets the life domains', async (t) => {
  const app = await build(t);
  const token = await tokenFor(app);

  // Only reasonCode.text, no note, no codes.
  const asReasonText = fixture('service-request');
  asReasonText.identifier[0].value = 'HIS-short-1';
  asReasonText.reasonCode = [{ text: 'Schulden en eenzaamheid na overlijden partner' }];
  delete asReasonText.note;
  const first = await post(app, token, asReasonText);
  assert.equal(first.statusCode, 201, first.body);
  assert.deepEqual(await referralOf(app, first.json().id), { reason: 'Schulden en eenzaamheid na overlijden partner', life_domains: [] });

  // Only the note: the reason and question in free text.
  const asNote = fixture('service-request');
  asNote.identifier[0].value = 'HIS-short-2';
  delete asNote.reasonCode;
  const second = await post(app, token, asNote);
  assert.equal(second.statusCode, 201, second.body);
  assert.match((await referralOf(app, second.json().id)).reason, /^Mevrouw heeft sinds het overlijden/);

  // Both: nothing is lost; codes that are sent are still checked.
  const both = fixture('service-request');
  both.identifier[0].value = 'HIS-short-3';
  both.reasonCode[0].text = 'Schulden';
  const third = await post(app, token, both);
  assert.equal(third.statusCode, 201, third.body);
  const ref = await referralOf(app, third.json().id);
  assert.match(ref.reason, /^Schulden\n\nMevrouw heeft/);
  assert.deepEqual(ref.life_domains, ['finances_debts', 'mental_health']);
});

test('a referral without any reason, coded or free text, is refused with 422', async (t) => {
  const app = await build(t);
  const token = await tokenFor(app);
  const none = fixture('service-request');
  delete none.note;
  delete none.reasonCode;
  const res = await post(app, token, none);
  assert.equal(res.statusCode, 422, res.body);
  assert.deepEqual(res.json().issue[0].expression, ['ServiceRequest.note[0].text']);
  assert.match(res.json().issue[0].diagnostics, /reasonCode\.text/);
});
