import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, loginAs } from '../../test/helpers.ts';

const SEMVER = /^\d+\.\d+\.\d+$/;

test('every answer carries the full API version (NL API Design Rules), errors and not-found included', async (t) => {
  const app = await build(t);
  const h = await loginAs(app, 'beheer');
  const answers = [
    await app.inject({ method: 'GET', url: '/health' }),
    await app.inject({ method: 'GET', url: '/api/v1/teams', headers: h }),
    await app.inject({ method: 'GET', url: '/api/v1/users' }),
    await app.inject({ method: 'GET', url: '/api/v1/does-not-exist' }),
    await app.inject({ method: 'POST', url: '/api/v1/teams', headers: h, payload: { name: 'X' } }),
    await app.inject({ method: 'GET', url: '/fhir/r4/metadata' }),
    await app.inject({ method: 'GET', url: '/api/v1/openapi.json' }),
  ];
  for (const res of answers) assert.match(String(res.headers['api-version']), SEMVER, `${res.statusCode} ${res.body.slice(0, 80)}`);
});

test('the OpenAPI document declares the API-Version header on every response of every operation', async (t) => {
  const app = await build(t);
  const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  assert.match(doc.info.version, SEMVER);
  assert.equal(doc.components.headers['API-Version'].schema.example, doc.info.version);
  let responses = 0;
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>>)) {
    for (const [method, op] of Object.entries(item)) {
      for (const [status, res] of Object.entries(op.responses ?? {})) {
        responses++;
        assert.ok(res.headers?.['API-Version'], `${method.toUpperCase()} ${path} ${status}`);
      }
    }
  }
  assert.ok(responses > 50);
});

test('an address with a path segment over the length limit answers 414 problem+json, and a malformed one 400', async (t) => {
  const app = await build(t);
  const long = await app.inject({ method: 'GET', url: `/api/v1/clients/${'a'.repeat(150)}` });
  assert.equal(long.statusCode, 414);
  assert.match(String(long.headers['content-type']), /application\/problem\+json/);
  assert.equal(long.json().code, 'uri_too_long');
  assert.match(String(long.headers['api-version']), SEMVER);
  const bad = await app.inject({ method: 'GET', url: '/api/v1/users/%E0%A4%A' });
  assert.equal(bad.statusCode, 400);
  assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
  assert.equal(bad.json().code, 'bad_url');
  // The FHIR API answers in FHIR.
  const fhir = await app.inject({ method: 'GET', url: `/fhir/r4/Task/${'a'.repeat(150)}` });
  assert.equal(fhir.statusCode, 414);
  assert.equal(fhir.json().resourceType, 'OperationOutcome');
});
