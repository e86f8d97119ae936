import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from '../../../test/helpers.ts';
import { LIFE_DOMAINS } from '../intake/life-domains.ts';
import { fixture } from './fhir-test-helpers.ts';
import { validateStructure } from './schema-validator.ts';

test('the official FHIR R4 schema accepts the example referrals', async () => {
  assert.deepEqual(await validateStructure(fixture('service-request')), []);
  assert.deepEqual(await validateStructure(fixture('bundle-minor')), []);
});

test('the FHIR R4 schema names the element of a structural error, also inside a Bundle', async () => {
  const bundle = fixture('bundle-minor');
  bundle.entry[1].resource.birthDate = '1-9-2013';
  bundle.entry[1].resource.gender = 'man';
  bundle.entry[0].resource.priority = 42;
  const issues = await validateStructure(bundle);
  const at = issues.map((i) => i.expression).sort();
  assert.deepEqual(at, ['Bundle.entry[0].resource.priority', 'Bundle.entry[1].resource.birthDate', 'Bundle.entry[1].resource.gender']);
  assert.equal(issues.find((i) => i.expression === 'Bundle.entry[1].resource.gender')!.code, 'code-invalid');
  assert.deepEqual((await validateStructure({ resourceType: 'Referral' })).map((i) => i.expression), ['Referral.resourceType']);
  assert.deepEqual((await validateStructure({ resourceType: 'ServiceRequest', status: 'active', intent: 'order' })).map((i) => i.expression), ['ServiceRequest.subject']);
});

test('the CapabilityStatement describes exactly the FHIR routes the server has', async (t) => {
  const app = await build(t);
  const res = await app.inject({ method: 'GET', url: '/fhir/r4/metadata' });
  assert.equal(res.statusCode, 200);
  const cs = res.json();
  assert.equal(cs.resourceType, 'CapabilityStatement');
  assert.equal(cs.fhirVersion, '4.0.1');
  // The official R4 JSON schema was generated before 4.0.1 and lists only '4.0.0' for fhirVersion; R4 servers say 4.0.1.
  assert.deepEqual((await validateStructure(cs)).map((i) => i.expression), ['CapabilityStatement.fhirVersion']);
  const declared = new Set<string>();
  for (const r of cs.rest[0].resource) {
    for (const i of r.interaction) {
      const code = i.code as string;
      if (code === 'create') declared.add(`POST /fhir/r4/${r.type}`);
      if (code === 'read') declared.add(`GET /fhir/r4/${r.type}/:id`);
      if (code === 'delete') declared.add(`DELETE /fhir/r4/${r.type}/:id`);
      if (code === 'search-type') declared.add(`GET /fhir/r4/${r.type}`);
    }
  }
  declared.add('POST /fhir/r4'); // transaction
  declared.add('GET /fhir/r4/metadata');
  const routes = new Set(app.routeTable.filter((r) => r.url.startsWith('/fhir/r4') && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`));
  assert.deepEqual([...routes].sort(), [...declared].sort());
  assert.equal(cs.rest[0].security.extension[0].extension[0].valueUri.endsWith('/oauth/token'), true);
});

test('the life domains are published as a FHIR CodeSystem from the same constants Wegwijs uses', async (t) => {
  const app = await build(t);
  const res = await app.inject({ method: 'GET', url: '/fhir/r4/CodeSystem/wegwijs-life-domain' });
  assert.equal(res.statusCode, 200);
  const cs = res.json();
  assert.equal(cs.url, 'https://wegwijs.nl/fhir/CodeSystem/wegwijs-life-domain');
  assert.deepEqual(cs.concept.map((c: { code: string }) => c.code), LIFE_DOMAINS);
  assert.equal(cs.count, 9);
  assert.deepEqual(await validateStructure(cs), []);
  const unknown = await app.inject({ method: 'GET', url: '/fhir/r4/CodeSystem/icd-10' });
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json().resourceType, 'OperationOutcome');
  assert.deepEqual(unknown.json().issue[0].expression, ['CodeSystem.id']);
  const route = await app.inject({ method: 'GET', url: '/fhir/r4/Practitioner' });
  assert.equal(route.statusCode, 404);
  assert.equal(route.json().resourceType, 'OperationOutcome');
  assert.equal(route.json().issue[0].code, 'not-found');
});

test('a practice system finds every published code system with one search', async (t) => {
  const app = await build(t);
  const res = await app.inject({ method: 'GET', url: '/fhir/r4/CodeSystem' });
  assert.equal(res.statusCode, 200, res.body);
  const bundle = res.json();
  assert.deepEqual({ type: bundle.type, total: bundle.total }, { type: 'searchset', total: 5 });
  assert.deepEqual(bundle.entry.map((e: { resource: { id: string } }) => e.resource.id),
    ['wegwijs-life-domain', 'wegwijs-safety-signal', 'wegwijs-contact-route', 'wegwijs-trajectory-outcome', 'wegwijs-referral-category']);
  assert.deepEqual(await validateStructure(bundle), []);
  const one = await app.inject({ method: 'GET', url: '/fhir/r4/CodeSystem?url=https://wegwijs.nl/fhir/CodeSystem/wegwijs-safety-signal' });
  assert.deepEqual(one.json().entry.map((e: { resource: { id: string } }) => e.resource.id), ['wegwijs-safety-signal']);
  const other = await app.inject({ method: 'GET', url: '/fhir/r4/CodeSystem?name=x' });
  assert.equal(other.statusCode, 400);
  assert.equal(other.json().issue[0].code, 'not-supported');
});
