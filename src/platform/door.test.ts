import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build, createClient, loginAs, TEST_BSNS } from '../../test/helpers.ts';
import { bearer, fixture, tokenFor } from '../modules/fhir/fhir-test-helpers.ts';

type Row = { action: string; outcome: string; client_id: string | null; details: Record<string, unknown> };

/** Audit rows written after `afterId`, oldest first. */
async function rowsSince(app: FastifyInstance, afterId: number): Promise<Row[]> {
  return app.db.query<Row>('SELECT action, outcome, client_id, details FROM audit_log WHERE id > $1 ORDER BY id', [afterId]);
}
async function lastId(app: FastifyInstance): Promise<number> {
  const [r] = await app.db.query<{ id: number | null }>('SELECT max(id) AS id FROM audit_log');
  return Number(r?.id ?? 0);
}

test('every refusal at the gate is audited with the refusal it was: not logged in, CSRF, role', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const before = await lastId(app);

  const anonymous = await app.inject({ method: 'GET', url: '/api/v1/teams' });
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.json().code, 'unauthenticated');
  const noCsrf = await app.inject({ method: 'POST', url: '/api/v1/client-searches', headers: { cookie: balie.cookie }, payload: { name: 'Jansen' } });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal(noCsrf.json().code, 'csrf');
  const role = await app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: balie });
  assert.equal(role.statusCode, 403);
  assert.equal(role.json().code, 'role_forbidden');

  const denied = (await rowsSince(app, before)).filter((r) => r.outcome === 'denied');
  assert.deepEqual(denied.map((r) => r.details.code), ['unauthenticated', 'csrf', 'role_forbidden']);
});

test('a refusal raised inside the work (not a member of the receiving team) is audited as denied', async (t) => {
  const app = await build(t);
  const wijkteam2 = await loginAs(app, 'wijkteam2');
  const [referral] = await app.db.query<{ id: string }>(
    `SELECT r.id FROM referrals r JOIN teams t ON t.id = r.team_id WHERE t.name = 'Wijkteam Oude Noorden' LIMIT 1`);
  assert.ok(referral, 'the demo data has a referral for Wijkteam Oude Noorden');
  const before = await lastId(app);
  const res = await app.inject({ method: 'GET', url: `/api/v1/referrals/${referral.id}`, headers: wijkteam2 });
  assert.equal(res.statusCode, 403);
  assert.equal(res.json().code, 'client_access_denied');
  const rows = await rowsSince(app, before);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.action, 'referral.read');
  assert.equal(rows[0]!.outcome, 'denied');
  assert.equal(rows[0]!.details.code, 'client_access_denied');
});

test('a duplicate check that reveals that a person exists is audited with the record it revealed', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const id = await createClient(app, balie, { bsn: TEST_BSNS[0] });
  const before = await lastId(app);
  const again = await app.inject({ method: 'POST', url: '/api/v1/clients', headers: balie, payload: { surname: 'Anders', bsn: TEST_BSNS[0] } });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().code, 'duplicate_bsn');
  const [row] = await rowsSince(app, before);
  assert.equal(row?.action, 'client.create');
  assert.equal(row?.outcome, 'error');
  assert.deepEqual(row?.details.disclosedClientIds, [id]);
});

test('opening the client page is one call with one audit row, holding record, consents, merges and timeline', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const id = await createClient(app, balie);
  const consent = await app.inject({ method: 'POST', url: `/api/v1/clients/${id}/consents`, headers: balie,
    payload: { purpose: 'share_with_gp', recipient: 'huisarts Oude Noorden', givenOn: '2026-01-05', givenHow: 'verbal' } });
  assert.equal(consent.statusCode, 201, consent.body);
  const before = await lastId(app);

  const res = await app.inject({ method: 'GET', url: `/api/v1/clients/${id}/file`, headers: balie });
  assert.equal(res.statusCode, 200, res.body);
  const file = res.json();
  assert.equal(file.client.id, id);
  assert.deepEqual(file.consents.map((c: { recipient: string }) => c.recipient), ['huisarts Oude Noorden']);
  assert.deepEqual(file.merges, []);
  assert.ok(Array.isArray(file.timeline));
  const rows = await rowsSince(app, before);
  assert.deepEqual(rows.map((r) => [r.action, r.outcome, r.client_id]), [['client.read', 'success', id]]);

  const wijkteam2 = await loginAs(app, 'wijkteam2');
  const denied = await app.inject({ method: 'GET', url: `/api/v1/clients/${id}/file`, headers: wijkteam2 });
  assert.equal(denied.statusCode, 403);
  assert.equal(denied.json().code, 'client_access_denied');
});

test('a GP practice reading its referral over FHIR is audited against the client', async (t) => {
  const app = await build(t);
  const token = await tokenFor(app);
  const sent = await app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: bearer(token), payload: fixture('service-request') });
  assert.equal(sent.statusCode, 201, sent.body);
  const before = await lastId(app);
  const read = await app.inject({ method: 'GET', url: `/fhir/r4/ServiceRequest/${sent.json().id}`, headers: bearer(token) });
  assert.equal(read.statusCode, 200, read.body);
  const rows = await rowsSince(app, before);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.action, 'referral.service_request_read');
  assert.ok(rows[0]!.client_id, 'the row names the client the referral is about');
});

test("the privacy officer's list of break-the-glass events is itself audited, with the clients it shows", async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const id = await createClient(app, balie);
  const wijkteam2 = await loginAs(app, 'wijkteam2');
  const bg = await app.inject({ method: 'POST', url: `/api/v1/clients/${id}/break-glass`, headers: wijkteam2, payload: { reason: 'Crisis bij de cliënt thuis, politie belt' } });
  assert.equal(bg.statusCode, 201, bg.body);
  const privacy = await loginAs(app, 'privacy');
  const before = await lastId(app);
  const list = await app.inject({ method: 'GET', url: '/api/v1/break-glass-events', headers: privacy });
  assert.equal(list.statusCode, 200, list.body);
  const rows = await rowsSince(app, before);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.action, 'break_glass.list');
  assert.deepEqual(rows[0]!.details.clientIds, [id]);
});
