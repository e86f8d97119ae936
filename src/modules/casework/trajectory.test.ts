import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AuthHeaders, build, loginAs } from '../../../test/helpers.ts';
import { addDays, amsterdamDate } from '../legal-terms/legal-terms.ts';

/** Noon in Amsterdam `n` Dutch days ago (days before 1): clocks count Dutch days, whatever the hour the test runs. */
const daysAgo = (n: number) => new Date(`${addDays(amsterdamDate(new Date()), -n)}T12:00:00+01:00`);
const dayAgo = (n: number) => amsterdamDate(daysAgo(n));

type Case = { app: FastifyInstance; wim: AuthHeaders; referralId: string; trajectoryId: string; version: number };

/**
 * The desk refers a client to Wijkteam Oude Noorden after a contact `contactDaysAgo` days ago (stored
 * today); the team accepts it for Wim, which starts a trajectory. Found through Wim's caseload.
 */
async function acceptedCase(t: test.TestContext, contactDaysAgo = 1): Promise<Case> {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const wim = await loginAs(app, 'wijkteam');
  const contact = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
    channel: 'phone', question: 'Schulden lopen op, post blijft ongeopend', lifeDomains: ['finances_debts'], outcome: 2,
    contactedAt: daysAgo(contactDaysAgo).toISOString(), newClient: { surname: 'De Groot', birthDate: '1980-03-03', address: { postcode: '3031 BB', houseNumber: 9 } } } });
  assert.equal(contact.statusCode, 201, contact.body);
  const referralId = contact.json().referral.id as string;
  const teamId = contact.json().referral.teamId as string;
  const pros = (await app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/professionals`, headers: wim })).json() as { id: string; displayName: string }[];
  const accept = await app.inject({ method: 'POST', url: `/api/v1/referrals/${referralId}/accept`, headers: wim,
    payload: { assignedUserId: pros.find((p) => p.displayName === 'Wim Wijkteam')!.id } });
  assert.equal(accept.statusCode, 200, accept.body);
  const caseload = await app.inject({ method: 'GET', url: '/api/v1/caseload', headers: wim });
  assert.equal(caseload.statusCode, 200, caseload.body);
  const mine = caseload.json().items.find((i: { referralId: string }) => i.referralId === referralId);
  return { app, wim, referralId, trajectoryId: mine.id, version: mine.version };
}

/** Gives a command with the version last seen; returns the response and remembers the new version. */
async function step(c: Case, command: string, payload: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await c.app.inject({ method: 'POST', url: `/api/v1/trajectories/${c.trajectoryId}/${command}`,
    headers: { ...c.wim, 'if-match': `"${c.version}"`, ...headers }, payload });
  if (res.statusCode === 200) c.version = res.json().version;
  return res;
}

test('accepting a referral starts a trajectory at intake; the plan is due six weeks after the contact, not after storing it', async (t) => {
  const c = await acceptedCase(t, 50);
  const res = await c.app.inject({ method: 'GET', url: `/api/v1/trajectories/${c.trajectoryId}`, headers: c.wim });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers.etag, `"${c.version}"`);
  const tr = res.json();
  assert.deepEqual([tr.status, tr.clientName, tr.professionalName, tr.teamName], ['intake', 'De Groot', 'Wim Wijkteam', 'Wijkteam Oude Noorden']);
  assert.equal(tr.receivedOn, dayAgo(50));
  assert.deepEqual([tr.clocks.plan.state, tr.clocks.plan.daysLeft], ['overdue', -8]);
  assert.deepEqual(tr.allowedNext, ['agreePlan', 'close', 'reassign']);
  const referral = await c.app.inject({ method: 'GET', url: `/api/v1/referrals/${c.referralId}`, headers: c.wim });
  assert.equal(referral.json().status, 'accepted', "the referral's own status is unchanged");
});

test('plan, support, evaluation and closure: the referral starts and closes with the trajectory', async (t) => {
  const c = await acceptedCase(t, 30);
  assert.equal((await step(c, 'agreePlan', { on: dayAgo(20) })).json().clocks.plan.state, 'met');
  const started = await step(c, 'startSupport', { on: dayAgo(19) });
  assert.equal(started.json().status, 'in_progress');
  assert.equal(started.json().clocks.end.dueOn > dayAgo(0), true);
  assert.equal((await c.app.inject({ method: 'GET', url: `/api/v1/referrals/${c.referralId}`, headers: c.wim })).json().status, 'in_progress');
  assert.equal((await step(c, 'startEvaluation')).json().status, 'evaluation');
  assert.equal((await step(c, 'finishEvaluation')).json().status, 'in_progress');
  const closed = await step(c, 'close', { outcome: 'goal_reached', reason: 'Schuldhulp loopt, post wordt geopend' });
  assert.equal(closed.statusCode, 200, closed.body);
  assert.deepEqual([closed.json().status, closed.json().outcome, closed.json().allowedNext], ['closed', 'goal_reached', ['reopen']]);
  const referral = (await c.app.inject({ method: 'GET', url: `/api/v1/referrals/${c.referralId}`, headers: c.wim })).json();
  assert.equal(referral.status, 'closed');
  assert.equal(referral.actions.at(-1).outcome, 'Doel bereikt. Schuldhulp loopt, post wordt geopend');
  const caseload = (await c.app.inject({ method: 'GET', url: '/api/v1/caseload', headers: c.wim })).json();
  assert.equal(caseload.items.some((i: { id: string }) => i.id === c.trajectoryId), false, 'a closed trajectory leaves the caseload');
});

const refused: [string, string[], string, Record<string, unknown>, RegExp][] = [
  ['support cannot start before the plan is agreed', [], 'startSupport', {}, /status 'intake'; allowed: agreePlan, close/],
  ['an evaluation cannot start at intake', [], 'startEvaluation', {}, /allowed: agreePlan, close/],
  ['a plan cannot be agreed twice', ['agreePlan'], 'agreePlan', {}, /status 'plan_agreed'; allowed: startSupport, close/],
  ['an extension cannot be asked before support starts', ['agreePlan'], 'requestExtension', { reason: 'meer tijd nodig', untilOn: '2099-01-01' }, /allowed: startSupport, close/],
  ['an evaluation cannot be finished when none started', ['agreePlan', 'startSupport'], 'finishEvaluation', {}, /status 'in_progress'; allowed: startEvaluation, requestExtension, approveExtension, close/],
  ['a closed trajectory cannot be closed again', ['close'], 'close', { outcome: 'died' }, /status 'closed'; allowed: reopen/],
  ['a closed trajectory cannot get a plan', ['close'], 'agreePlan', {}, /allowed: reopen/],
];
for (const [sentence, before, command, body, detail] of refused) {
  test(sentence, async (t) => {
    const c = await acceptedCase(t);
    for (const b of before) assert.equal((await step(c, b, b === 'close' ? { outcome: 'client_stopped' } : {})).statusCode, 200);
    const res = await step(c, command, body);
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'trajectory_status');
    assert.match(res.json().detail, detail);
  });
}

test('a step needs the version it was based on: 428 without If-Match, 412 with an older one', async (t) => {
  const c = await acceptedCase(t);
  const without = await c.app.inject({ method: 'POST', url: `/api/v1/trajectories/${c.trajectoryId}/agreePlan`, headers: c.wim, payload: {} });
  assert.deepEqual([without.statusCode, without.json().code], [428, 'precondition_required']);
  const seen = c.version;
  assert.equal((await step(c, 'agreePlan')).statusCode, 200);
  c.version = seen;
  const stale = await step(c, 'startSupport');
  assert.deepEqual([stale.statusCode, stale.json().code, stale.json().current.status], [412, 'version_conflict', 'plan_agreed']);
});

test('a plan cannot be dated in the future', async (t) => {
  const c = await acceptedCase(t);
  const res = await step(c, 'agreePlan', { on: '2099-01-01' });
  assert.deepEqual([res.statusCode, res.json().code], [409, 'date_in_future']);
});

test('the same step twice with one idempotency key, also at once, is recorded once', async (t) => {
  const c = await acceptedCase(t);
  for (const [command, parallel] of [['agreePlan', false], ['startSupport', true]] as const) {
    const send = () => step(c, command, {}, { 'idempotency-key': `${command}-key-1` });
    const [a, b] = parallel ? await Promise.all([send(), send()]) : [await send(), await send()];
    assert.deepEqual([a.statusCode, b.statusCode], [200, 200], `${a.body} ${b.body}`);
  }
  const rows = await c.app.db.query<{ type: string }>('SELECT type FROM trajectory_actions WHERE trajectory_id = $1 ORDER BY id', [c.trajectoryId]);
  assert.deepEqual(rows.map((r) => r.type), ['opened', 'plan_agreed', 'support_started']);
  const reused = await step(c, 'startEvaluation', {}, { 'idempotency-key': 'agreePlan-key-1' });
  assert.deepEqual([reused.statusCode, reused.json().code], [409, 'idempotency_key_reused'], 'a key of another step is not replayed');
});

test('longer than twelve months: the worker asks with a reason, only the team lead approves', async (t) => {
  const c = await acceptedCase(t, 20);
  await step(c, 'agreePlan', { on: dayAgo(10) });
  const started = await step(c, 'startSupport', { on: dayAgo(9) });
  const end = started.json().clocks.end.dueOn as string;
  const noRequest = await c.app.inject({ method: 'POST', url: `/api/v1/trajectories/${c.trajectoryId}/approveExtension`,
    headers: { ...(await loginAs(c.app, 'teamleider')), 'if-match': `"${c.version}"` }, payload: {} });
  assert.deepEqual([noRequest.statusCode, noRequest.json().code], [409, 'no_extension_requested']);
  const untilOn = `${Number(end.slice(0, 4)) + 1}${end.slice(4)}`;
  assert.equal((await step(c, 'requestExtension', { reason: 'Woning nog niet geregeld', untilOn })).statusCode, 200);
  const byWorker = await step(c, 'approveExtension');
  assert.deepEqual([byWorker.statusCode, byWorker.json().code], [403, 'role_forbidden']);
  const lead = await loginAs(c.app, 'teamleider');
  const approved = await c.app.inject({ method: 'POST', url: `/api/v1/trajectories/${c.trajectoryId}/approveExtension`,
    headers: { ...lead, 'if-match': `"${c.version}"` }, payload: {} });
  assert.equal(approved.statusCode, 200, approved.body);
  assert.deepEqual([approved.json().clocks.end.dueOn, approved.json().clocks.end.extended], [untilOn, true]);
  assert.equal(approved.json().actions.at(-1).actorName, 'Tom Teamleider');
});

test('a closed trajectory is re-opened as a new one linked to it, once', async (t) => {
  const c = await acceptedCase(t);
  await step(c, 'close', { outcome: 'client_stopped' });
  const reopened = await step(c, 'reopen', { reason: 'Cliënt meldt zich opnieuw' });
  assert.equal(reopened.statusCode, 200, reopened.body);
  const next = reopened.json();
  assert.notEqual(next.id, c.trajectoryId);
  assert.deepEqual([next.status, next.reopenedFrom, next.receivedOn], ['intake', c.trajectoryId, dayAgo(0)]);
  const old = (await c.app.inject({ method: 'GET', url: `/api/v1/trajectories/${c.trajectoryId}`, headers: c.wim })).json();
  assert.deepEqual([old.status, old.reopenedAs], ['closed', next.id]);
  c.version = old.version; // the reopen answered with the new trajectory
  const again = await step(c, 'reopen', {});
  assert.deepEqual([again.statusCode, again.json().code], [409, 'already_reopened']);
});

test('after the re-open period a closed trajectory needs a new referral', async (t) => {
  const c = await acceptedCase(t, 200);
  await step(c, 'close', { outcome: 'moved_away', on: dayAgo(150) });
  const res = await step(c, 'reopen', {});
  assert.deepEqual([res.statusCode, res.json().code], [409, 'reopen_period_passed']);
  assert.match(res.json().detail, /new referral is needed/);
});

test('a worker of another team cannot see or work on the trajectory', async (t) => {
  const c = await acceptedCase(t);
  const zara = await loginAs(c.app, 'wijkteam2');
  const read = await c.app.inject({ method: 'GET', url: `/api/v1/trajectories/${c.trajectoryId}`, headers: zara });
  assert.deepEqual([read.statusCode, read.json().code], [403, 'client_access_denied']);
  const act = await c.app.inject({ method: 'POST', url: `/api/v1/trajectories/${c.trajectoryId}/agreePlan`, headers: { ...zara, 'if-match': '"1"' }, payload: {} });
  assert.deepEqual([act.statusCode, act.json().code], [403, 'client_access_denied']);
});

test('the trajectory history cannot be changed afterwards', async (t) => {
  const c = await acceptedCase(t);
  await assert.rejects(c.app.db.query(`UPDATE trajectory_actions SET occurred_on = '2020-01-01' WHERE trajectory_id = $1`, [c.trajectoryId]), /append-only/);
  await assert.rejects(c.app.db.query('DELETE FROM trajectory_actions WHERE trajectory_id = $1', [c.trajectoryId]), /append-only/);
});
