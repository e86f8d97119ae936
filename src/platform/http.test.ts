import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, loginAs } from '../../test/helpers.ts';
import { loadConfig, ConfigError } from './config.ts';

test('an unknown API address answers 404 problem+json', async (t) => {
  const app = await build(t);
  const res = await app.inject({ method: 'GET', url: '/api/v1/does-not-exist' });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().code, 'not_found');
  assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  assert.equal(res.json().status, 404);
});

test('malformed JSON answers 400 with a readable message and no stack trace', async (t) => {
  const app = await build(t);
  const h = await loginAs(app, 'beheer');
  const res = await app.inject({ method: 'POST', url: '/api/v1/teams', headers: { ...h, 'content-type': 'application/json' }, payload: '{"name": ' });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().code, 'malformed_json');
  assert.doesNotMatch(res.body, /at .*\.ts:\d+/);
});

test('validation errors name the field in Dutch and English', async (t) => {
  const app = await build(t);
  const h = await loginAs(app, 'beheer');
  const res = await app.inject({ method: 'POST', url: '/api/v1/teams', headers: h, payload: { name: 'X', kind: 'desk', deskType: 'vraagwijzer' } });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().field, 'name');
  assert.match(res.json().detail, /Ongeldige invoer in 'name'.*Invalid input/);
});

test('the OpenAPI document describes the API', async (t) => {
  const app = await build(t);
  const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  assert.match(doc.openapi, /^3\./);
  assert.ok(doc.paths['/api/v1/users']?.post?.requestBody, 'user creation with its body schema');
  assert.ok(doc.paths['/api/v1/session']);
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/docs/' })).statusCode, 200);
});

test('health and readiness answer for load balancers', async (t) => {
  const app = await build(t);
  assert.equal((await app.inject({ method: 'GET', url: '/health' })).json().status, 'ok');
  assert.equal((await app.inject({ method: 'GET', url: '/ready' })).json().status, 'ready');
});

test('bad configuration stops the start with a message naming the variable', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), (e: unknown) => e instanceof ConfigError && /PORT/.test((e as Error).message));
  assert.throws(() => loadConfig({ DATABASE_URL: 'not a url' }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ OIDC_ISSUER: 'https://idp.example' }), /OIDC_CLIENT_ID/);
  assert.equal(loadConfig({}).port, 8080);
  assert.equal(loadConfig({}).requireMfa, true, 'two-factor login is required outside the demo');
  assert.equal(loadConfig({}, { demo: true }).requireMfa, false);
});
