import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { build, loginAs } from '../../../test/helpers.ts';
import { bearer, fixture, tokenFor } from '../fhir/fhir-test-helpers.ts';

/** Issue 14 item 17: a GP's short form carries free text only; the receiving team names the life domains at triage. */

async function shortFormReferral(app: FastifyInstance) {
  const body = fixture('service-request');
  body.reasonCode = [{ text: 'Schulden en eenzaamheid na overlijden partner' }];
  const res = await app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: bearer(await tokenFor(app)), payload: JSON.stringify(body) });
  assert.equal(res.statusCode, 201, res.body);
  const [row] = await app.db.query<{ referral_id: string }>('SELECT referral_id FROM fhir_service_requests WHERE id = $1', [res.json().id]);
  return row!.referral_id;
}

const setDomains = (app: FastifyInstance, headers: Record<string, string>, id: string, lifeDomains: unknown, key?: string) =>
  app.inject({ method: 'POST', url: `/api/v1/referrals/${id}/life-domains`, headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) }, payload: { lifeDomains } });

const feedbackJobs = async (app: FastifyInstance, id: string) =>
  (await app.db.query(`SELECT 1 FROM jobs WHERE kind = 'referral.status_changed' AND payload->>'referralId' = $1`, [id])).length;

test('the team sets the life domains of a referral that came as free text, without changing its status', async (t) => {
  const app = await build(t);
  const id = await shortFormReferral(app);
  const worker = await loginAs(app, 'wijkteam');
  const before = (await app.inject({ method: 'GET', url: `/api/v1/referrals/${id}`, headers: worker })).json();
  assert.deepEqual(before.lifeDomains, []);
  assert.ok(before.allowedNext.includes('setLifeDomains'), 'the inbox offers it');
  const jobs = await feedbackJobs(app, id);

  for (let i = 0; i < 2; i++) {
    const res = await setDomains(app, worker, id, ['finances_debts', 'mental_health'], 'triage-1');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().lifeDomains, res.json().status], [['finances_debts', 'mental_health'], 'open']);
  }
  const actions = await app.db.query<{ life_domains: string[] }>(`SELECT life_domains FROM referral_actions WHERE referral_id = $1 AND type = 'life_domains_set'`, [id]);
  assert.deepEqual(actions.map((a) => a.life_domains), [['finances_debts', 'mental_health']], 'the same key twice is one action');
  assert.equal(await feedbackJobs(app, id), jobs, 'the GP is not notified of triage');

  // Corrected after accepting; the last choice counts.
  const [me] = await app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'wijkteam'`);
  assert.equal((await app.inject({ method: 'POST', url: `/api/v1/referrals/${id}/accept`, headers: worker, payload: { assignedUserId: me!.id } })).statusCode, 200);
  const again = await setDomains(app, worker, id, ['housing']);
  assert.deepEqual([again.json().lifeDomains, again.json().status], [['housing'], 'accepted']);
});

test('triage refuses unknown life domains, an empty choice, another team and a referral already under way', async (t) => {
  const app = await build(t);
  const id = await shortFormReferral(app);
  const worker = await loginAs(app, 'wijkteam');
  const unknown = await setDomains(app, worker, id, ['loneliness']);
  assert.equal(unknown.statusCode, 400);
  assert.equal(unknown.json().code, 'unknown_life_domain');
  const empty = await setDomains(app, worker, id, []);
  assert.equal(empty.statusCode, 400);
  assert.equal(empty.json().code, 'validation');
  const otherTeam = await loginAs(app, 'wijkteam2');
  const other = await setDomains(app, otherTeam, id, ['housing']);
  assert.equal(other.statusCode, 403);
  assert.equal(other.json().code, 'client_access_denied');

  const [me] = await app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'wijkteam'`);
  await app.inject({ method: 'POST', url: `/api/v1/referrals/${id}/accept`, headers: worker, payload: { assignedUserId: me!.id } });
  // Support starts with the trajectory the acceptance opened.
  const [trajectory] = await app.db.query<{ id: string }>('SELECT id FROM trajectories WHERE referral_id = $1', [id]);
  for (const command of ['agreePlan', 'startSupport']) {
    const version = (await app.inject({ method: 'GET', url: `/api/v1/trajectories/${trajectory!.id}`, headers: worker })).json().version as number;
    const res = await app.inject({ method: 'POST', url: `/api/v1/trajectories/${trajectory!.id}/${command}`, headers: { ...worker, 'if-match': `"${version}"` }, payload: {} });
    assert.equal(res.statusCode, 200, res.body);
  }
  const late = await setDomains(app, worker, id, ['housing']);
  assert.equal(late.statusCode, 409);
  assert.equal(late.json().code, 'referral_status');
  assert.deepEqual((await app.inject({ method: 'GET', url: `/api/v1/referrals/${id}`, headers: worker })).json().lifeDomains, []);
});
