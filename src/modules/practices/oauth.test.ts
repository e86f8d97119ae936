import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, loginAs } from '../../../test/helpers.ts';
import { bearer, fixture, registerPractice, tokenFor } from '../fhir/fhir-test-helpers.ts';
import { DEMO_API_CLIENT } from './demo.ts';

/** The problem code of a refusal: problem+json carries it itself, a FHIR OperationOutcome in its issue's details. */
// biome-ignore lint/suspicious/noExplicitAny: a refusal body of either shape
const codeOf = (res: { json: () => any }) => res.json().code ?? res.json().issue?.[0]?.details?.coding?.[0]?.code;

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString(),
});

test('the demo practice gets a short-lived bearer token with its scopes; the token is stored only as a hash', async (t) => {
  const app = await build(t);
  const res = await app.inject({ method: 'POST', url: '/oauth/token',
    ...form({ grant_type: 'client_credentials', client_id: DEMO_API_CLIENT.clientId, client_secret: DEMO_API_CLIENT.secret }) });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.token_type, 'Bearer');
  assert.equal(body.expires_in, 900);
  assert.equal(body.scope, 'system/ServiceRequest.write system/Task.read');
  assert.equal(res.headers['cache-control'], 'no-store');
  const stored = await app.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
  assert.equal(stored.length, 1);
  assert.notEqual(stored[0]!.token_hash, body.access_token);
  const [secret] = await app.db.query<{ secret_hash: string }>('SELECT secret_hash FROM api_clients WHERE client_id = $1', [DEMO_API_CLIENT.clientId]);
  assert.match(secret!.secret_hash, /^scrypt\$/);
  // HTTP Basic works as well (RFC 6749 §2.3.1).
  const basic = Buffer.from(`${DEMO_API_CLIENT.clientId}:${DEMO_API_CLIENT.secret}`).toString('base64');
  const viaBasic = await app.inject({ method: 'POST', url: '/oauth/token', ...form({ grant_type: 'client_credentials' }), headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` } });
  assert.equal(viaBasic.statusCode, 200, viaBasic.body);
});

test('the token endpoint refuses a wrong secret, an unknown client, another grant and a scope the client lacks', async (t) => {
  const app = await build(t);
  const cases: [Record<string, string>, number, string][] = [
    [{ grant_type: 'client_credentials', client_id: DEMO_API_CLIENT.clientId, client_secret: 'wrong-secret' }, 401, 'invalid_client'],
    [{ grant_type: 'client_credentials', client_id: 'no-such-client', client_secret: 'whatever' }, 401, 'invalid_client'],
    [{ grant_type: 'password', client_id: DEMO_API_CLIENT.clientId, client_secret: DEMO_API_CLIENT.secret }, 400, 'unsupported_grant_type'],
    [{ grant_type: 'client_credentials', client_id: DEMO_API_CLIENT.clientId }, 400, 'invalid_request'],
    [{ grant_type: 'client_credentials', client_id: DEMO_API_CLIENT.clientId, client_secret: DEMO_API_CLIENT.secret, scope: 'system/Patient.read' }, 400, 'invalid_scope'],
  ];
  for (const [fields, status, error] of cases) {
    const res = await app.inject({ method: 'POST', url: '/oauth/token', ...form(fields) });
    assert.equal(res.statusCode, status, JSON.stringify(fields));
    assert.equal(res.json().error, error);
  }
  // Basic credentials that are not validly form-encoded (RFC 6749 §2.3.1): a 400, not a server error.
  const malformed = await app.inject({ method: 'POST', url: '/oauth/token', ...form({ grant_type: 'client_credentials' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('a%zz:b').toString('base64')}` } });
  assert.equal(malformed.statusCode, 400, malformed.body);
  assert.equal(malformed.json().error, 'invalid_request');
  const denied = await app.db.query(`SELECT 1 FROM audit_log WHERE action = 'oauth.token' AND outcome = 'denied'`);
  assert.equal(denied.length, 3);
});

test('scopes limit a practice: a read-only token cannot send a referral, a write-only token cannot read a Task', async (t) => {
  const app = await build(t);
  const readOnly = await tokenFor(app, undefined, 'system/Task.read');
  const refused = await app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: bearer(readOnly), payload: JSON.stringify(fixture('service-request')) });
  assert.equal(refused.statusCode, 403);
  assert.equal(refused.json().resourceType, 'OperationOutcome');
  assert.equal(refused.json().issue[0].details.coding[0].code, 'role_forbidden');

  const writeOnly = await tokenFor(app, undefined, 'system/ServiceRequest.write');
  const sent = await app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: bearer(writeOnly), payload: JSON.stringify(fixture('service-request')) });
  assert.equal(sent.statusCode, 201);
  const task = await app.inject({ method: 'GET', url: `/fhir/r4/Task/${sent.json().id}`, headers: bearer(writeOnly) });
  assert.equal(task.statusCode, 403);
  assert.equal(codeOf(task), 'role_forbidden', 'the token lacks the read scope');
  assert.equal((await app.inject({ method: 'GET', url: `/fhir/r4/Task/${sent.json().id}`, headers: bearer(readOnly) })).statusCode, 200);
});

test("practice A cannot read practice B's Task, ServiceRequest or Subscription", async (t) => {
  const app = await build(t);
  const a = await tokenFor(app);
  const sent = await app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: bearer(a), payload: JSON.stringify(fixture('service-request')) });
  const id = sent.json().id;
  const other = await registerPractice(app, 'Huisartsen Kralingen', '01999999');
  const b = await tokenFor(app, other);
  for (const url of [`/fhir/r4/Task/${id}`, `/fhir/r4/ServiceRequest/${id}`]) {
    const res = await app.inject({ method: 'GET', url, headers: bearer(b) });
    assert.equal(res.statusCode, 404, url);
    assert.equal(res.json().issue[0].code, 'not-found', url);
    assert.equal(res.json().resourceType, 'OperationOutcome');
  }
  const search = await app.inject({ method: 'GET', url: `/fhir/r4/Task?based-on=ServiceRequest/${id}`, headers: bearer(b) });
  assert.equal(search.json().total, 0);
  // The same GP identifier from another practice is another referral, not a retry.
  const body = fixture('service-request');
  body.contained[2].identifier[0].value = '01999999';
  const theirs = await app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: bearer(b), payload: JSON.stringify(body) });
  assert.equal(theirs.statusCode, 201, theirs.body);
  assert.notEqual(theirs.json().id, id);
});

test('a staff session cannot use the FHIR API, and a practice token cannot use the staff API', async (t) => {
  const app = await build(t);
  const worker = await loginAs(app, 'wijkteam');
  const res = await app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: { ...worker, 'content-type': 'application/fhir+json' }, payload: JSON.stringify(fixture('service-request')) });
  assert.equal(res.statusCode, 403);
  assert.equal(codeOf(res), 'role_forbidden');
  const token = await tokenFor(app);
  const staff = await app.inject({ method: 'GET', url: '/api/v1/practices', headers: { authorization: `Bearer ${token}` } });
  assert.equal(staff.statusCode, 403);
  assert.equal(codeOf(staff), 'role_forbidden');
  const none = await app.inject({ method: 'GET', url: '/fhir/r4/Task/x', headers: { authorization: 'Bearer wwt_not-a-token' } });
  assert.equal(none.statusCode, 401);
  assert.equal(codeOf(none), 'unauthenticated');
  assert.match(String(none.headers['www-authenticate']), /^Bearer/);
});

test('the admin registers a practice and an API client, rotates its secret and revokes it', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const creds = await registerPractice(app, 'Gezondheidscentrum Zuid', '01888888', ['system/Task.read']);
  assert.match(creds.secret, /^wws_/);
  const list = (await app.inject({ method: 'GET', url: `/api/v1/practices/${creds.practiceId}/api-clients`, headers: admin })).json();
  assert.deepEqual(list.map((c: { scopes: string[] }) => c.scopes), [['system/Task.read']]);
  assert.ok(!JSON.stringify(list).includes('secret_hash') && !JSON.stringify(list).includes(creds.secret));
  const dup = await app.inject({ method: 'POST', url: '/api/v1/practices', headers: admin, payload: { name: 'Dubbel', agbCode: '01888888' } });
  assert.equal(dup.statusCode, 409);
  assert.equal(codeOf(dup), 'duplicate_agb_code');

  const oldToken = await tokenFor(app, creds);
  const rotated = await app.inject({ method: 'POST', url: `/api/v1/practices/${creds.practiceId}/api-clients/${creds.apiClientId}/secret`, headers: admin });
  assert.equal(rotated.statusCode, 200, rotated.body);
  const newSecret = rotated.json().clientSecret;
  assert.notEqual(newSecret, creds.secret);
  await assert.rejects(tokenFor(app, creds), /401/);
  const old = await app.inject({ method: 'GET', url: '/fhir/r4/Task/x', headers: bearer(oldToken) });
  assert.deepEqual([old.statusCode, codeOf(old)], [401, 'unauthenticated'], 'old tokens end with the old secret');
  const fresh = await tokenFor(app, { clientId: creds.clientId, secret: newSecret });

  const revoked = await app.inject({ method: 'POST', url: `/api/v1/practices/${creds.practiceId}/api-clients/${creds.apiClientId}/revoke`, headers: admin });
  assert.equal(revoked.statusCode, 200);
  assert.ok(revoked.json().revokedAt);
  const afterRevoke = await app.inject({ method: 'GET', url: '/fhir/r4/Task/x', headers: bearer(fresh) });
  assert.deepEqual([afterRevoke.statusCode, codeOf(afterRevoke)], [401, 'unauthenticated']);
  await assert.rejects(tokenFor(app, { clientId: creds.clientId, secret: newSecret }), /401/);
  const audit = await app.db.query<{ action: string; outcome: string }>(`SELECT action, outcome FROM audit_log WHERE action LIKE 'api_client.%' OR action LIKE 'practice.%' ORDER BY id`);
  assert.deepEqual(audit.filter((a) => a.outcome === 'success').map((a) => a.action), ['practice.create', 'api_client.create', 'api_client.rotate_secret', 'api_client.revoke']);
  // The refused duplicate is in the audit log too, as a failure.
  assert.deepEqual(audit.filter((a) => a.outcome !== 'success'), [{ action: 'practice.create', outcome: 'error' }]);
});
