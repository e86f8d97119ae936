import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from '../../../test/helpers.ts';
import { bearer, fixture, tokenFor } from './fhir-test-helpers.ts';

test('the Location of a new referral never comes from the Host header', async (t) => {
  const app = await build(t);
  const token = await tokenFor(app);
  const res = await app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: { ...bearer(token), host: 'evil.example' },
    payload: JSON.stringify(fixture('service-request')) });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.headers.location, `/fhir/r4/ServiceRequest/${res.json().id}/_history/1`, 'relative when no public URL is configured');
  const metadata = await app.inject({ method: 'GET', url: '/fhir/r4/metadata', headers: { host: 'evil.example' } });
  assert.doesNotMatch(metadata.body, /evil\.example/);
});

test('with WEGWIJS_PUBLIC_URL set, FHIR URLs are absolute on that address', async (t) => {
  const app = await build(t, { WEGWIJS_PUBLIC_URL: 'https://wegwijs.rotterdam.nl/' });
  const token = await tokenFor(app);
  const res = await app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: { ...bearer(token), host: 'evil.example' },
    payload: JSON.stringify(fixture('service-request')) });
  assert.equal(res.headers.location, `https://wegwijs.rotterdam.nl/fhir/r4/ServiceRequest/${res.json().id}/_history/1`);
});
