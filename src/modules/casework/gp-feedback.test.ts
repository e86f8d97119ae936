import assert from 'node:assert/strict';
import test from 'node:test';
import { build, loginAs } from '../../../test/helpers.ts';
import { bearer, fixture, tokenFor } from '../fhir/fhir-test-helpers.ts';

test("a GP referral's trajectory: the plan clock starts on the GP's authoredOn, and the GP's Task follows the trajectory to its outcome", async (t) => {
  const app = await build(t);
  const token = await tokenFor(app);
  const sent = await app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: bearer(token), payload: JSON.stringify(fixture('service-request')) });
  assert.equal(sent.statusCode, 201, sent.body);
  const serviceRequestId = sent.json().id as string;
  const wim = await loginAs(app, 'wijkteam');
  const [row] = await app.db.query<{ referral_id: string }>('SELECT referral_id FROM fhir_service_requests WHERE id = $1', [serviceRequestId]);
  const [me] = await app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'wijkteam'`);
  const accepted = await app.inject({ method: 'POST', url: `/api/v1/referrals/${row!.referral_id}/accept`, headers: wim, payload: { assignedUserId: me!.id } });
  assert.equal(accepted.statusCode, 200, accepted.body);

  const item = (await app.inject({ method: 'GET', url: '/api/v1/caseload', headers: wim })).json().items.find((i: { referralId: string }) => i.referralId === row!.referral_id);
  assert.equal(item.receivedOn, '2026-03-02', 'authoredOn 2026-03-02T10:20+01:00, whenever it reached Wegwijs');
  assert.equal(item.clocks.plan.dueOn, '2026-04-13');

  let version = item.version as number;
  const step = async (command: string, payload: Record<string, unknown> = {}) => {
    const res = await app.inject({ method: 'POST', url: `/api/v1/trajectories/${item.id}/${command}`, headers: { ...wim, 'if-match': `"${version}"` }, payload });
    assert.equal(res.statusCode, 200, res.body);
    version = res.json().version;
  };
  const task = async () => (await app.inject({ method: 'GET', url: `/fhir/r4/Task/${serviceRequestId}`, headers: bearer(token) })).json();
  await step('agreePlan', { on: '2026-04-01' });
  assert.equal((await task()).status, 'accepted');
  await step('startSupport', { on: '2026-04-02' });
  assert.equal((await task()).status, 'in-progress');
  await step('close', { outcome: 'partly_reached', reason: 'Schuldhulp gestart, eenzaamheid blijft' });
  const done = await task();
  assert.equal(done.status, 'completed');
  assert.equal(done.output[0].valueString, 'Doel deels bereikt. Schuldhulp gestart, eenzaamheid blijft');
});
