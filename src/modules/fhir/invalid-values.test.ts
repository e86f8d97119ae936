import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { build } from '../../../test/helpers.ts';
import { bearer, fixture, tokenFor } from './fhir-test-helpers.ts';

const send = (app: FastifyInstance, token: string, body: unknown) => app.inject({ method: 'POST', url: body && (body as { resourceType?: string }).resourceType === 'Bundle' ? '/fhir/r4' : '/fhir/r4/ServiceRequest', headers: bearer(token), payload: JSON.stringify(body) });

test('dates that FHIR allows but are not a real full date are refused with 422 naming the element, never a 500', async (t) => {
  const app = await build(t);
  const token = await tokenFor(app);
  const nextYear = `${new Date().getUTCFullYear() + 1}-01-01`;
  // [where, how to set it, value, expected expression]
  const cases: [string, (b: ReturnType<typeof fixture>, v: string) => void, string, string][] = [
    ['authoredOn', (b, v) => { b.authoredOn = v; }, '2026', 'ServiceRequest.authoredOn'],
    ['authoredOn', (b, v) => { b.authoredOn = v; }, '2026-02-30T10:00:00Z', 'ServiceRequest.authoredOn'],
    ['Consent.dateTime', (b, v) => { b.contained[4].dateTime = v; }, '2026', 'ServiceRequest.contained[4].dateTime'],
    ['Consent.dateTime', (b, v) => { b.contained[4].dateTime = v; }, '2026-02-30T10:00:00Z', 'ServiceRequest.contained[4].dateTime'],
    ['Consent.dateTime in the future', (b, v) => { b.contained[4].dateTime = v; }, nextYear, 'ServiceRequest.contained[4].dateTime'],
  ];
  for (const [what, set, value, expression] of cases) {
    const body = fixture('service-request');
    body.identifier[0].value = `HIS-${what}-${value}`;
    set(body, value);
    const res = await send(app, token, body);
    assert.equal(res.statusCode, 422, `${what} = ${value}: ${res.body}`);
    assert.ok(res.json().issue.some((i: { expression?: string[] }) => i.expression?.[0] === expression), `${what} = ${value}: ${res.body}`);
  }
  for (const value of ['2026', '2026-02-30', nextYear]) {
    const bundle = fixture('bundle-minor');
    bundle.entry[6].resource.birthDate = value;
    const res = await send(app, token, bundle);
    assert.equal(res.statusCode, 422, `RelatedPerson.birthDate = ${value}: ${res.body}`);
    assert.deepEqual(res.json().issue[0].expression, ['Bundle.entry[6].resource.birthDate']);
  }
  assert.equal((await app.db.query('SELECT 1 FROM fhir_service_requests')).length, 0, 'nothing stored');
});

test('a Bundle with an empty entry, or text with a NUL character, is refused with 400', async (t) => {
  const app = await build(t);
  const token = await tokenFor(app);
  const empty = fixture('bundle-minor');
  empty.entry = [null];
  const res = await send(app, token, empty);
  assert.equal(res.statusCode, 400, res.body);
  assert.deepEqual(res.json().issue[0].expression, ['Bundle.entry[0]']);

  const withNul = fixture('service-request');
  withNul.note[0].text = 'Mevrouw\u0000 vraagt hulp';
  const nul = await send(app, token, withNul);
  assert.equal(nul.statusCode, 400, nul.body);
  assert.equal(nul.json().resourceType, 'OperationOutcome');
  assert.equal(nul.json().issue[0].details.coding[0].code, 'nul_character');
  assert.deepEqual(nul.json().issue[0].expression, ['note.0.text']);
});
