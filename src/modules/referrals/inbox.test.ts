import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AuthHeaders, build, loginAs } from '../../../test/helpers.ts';

/** A desk worker refers a new client at a postcode of Wijkteam Oude Noorden. */
async function referral(app: FastifyInstance, balie: AuthHeaders, surname = 'Visser') {
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
    channel: 'phone', question: 'Mijn moeder vereenzaamt en eet slecht', lifeDomains: ['ageing'], outcome: 2, urgency: 'urgent',
    newClient: { surname, birthDate: '1940-04-04', address: { postcode: '3031 BB', houseNumber: 7 } } } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().referral.id as string;
}
const teamId = async (app: FastifyInstance, h: AuthHeaders, name: string) =>
  ((await app.inject({ method: 'GET', url: '/api/v1/teams', headers: h })).json() as { id: string; name: string }[]).find((t) => t.name === name)!.id;

test('the team sees the open referral in its inbox and accepts it by assigning a professional', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const wijkteam = await loginAs(app, 'wijkteam');
  const id = await referral(app, balie);
  const team = await teamId(app, wijkteam, 'Wijkteam Oude Noorden');
  const inbox = await app.inject({ method: 'GET', url: `/api/v1/teams/${team}/referrals?status=open`, headers: wijkteam });
  assert.equal(inbox.statusCode, 200);
  const mine = inbox.json().filter((r: { id: string }) => r.id === id);
  assert.deepEqual(mine.map((r: { clientName: string; referrer: { teamName: string } }) => [r.clientName, r.referrer.teamName]), [['Visser', 'VraagWijzer Centrum']]);
  assert.deepEqual([mine[0].safetySignals, mine[0].contactRoute], [null, null], 'a desk referral does not ask for them');
  const pros = (await app.inject({ method: 'GET', url: `/api/v1/teams/${team}/professionals`, headers: wijkteam })).json() as { id: string; displayName: string }[];
  const wim = pros.find((p) => p.displayName === 'Wim Wijkteam')!;
  const res = await app.inject({ method: 'POST', url: `/api/v1/referrals/${id}/accept`, headers: wijkteam, payload: { assignedUserId: wim.id } });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().status, 'accepted');
  assert.equal(res.json().assignedUserName, 'Wim Wijkteam');
  assert.deepEqual(res.json().allowedNext, ['setLifeDomains'], 'start and close come from the trajectory');
  assert.ok(res.json().trajectoryId, 'accepting started a trajectory');
  const seenByDesk = await app.inject({ method: 'GET', url: `/api/v1/referrals/${id}`, headers: balie });
  assert.equal(seenByDesk.json().status, 'accepted', 'the referrer sees the status');
  const jobs = await app.db.query(`SELECT 1 FROM jobs WHERE kind = 'referral.status_changed' AND payload->>'referralId' = $1`, [id]);
  assert.equal(jobs.length, 2, 'created and accepted');
});

test('a referral is returned with a reason, and then allows nothing more', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const wijkteam = await loginAs(app, 'wijkteam');
  const id = await referral(app, balie);
  const noReason = await app.inject({ method: 'POST', url: `/api/v1/referrals/${id}/return`, headers: wijkteam, payload: {} });
  assert.equal(noReason.statusCode, 400);
  assert.equal(noReason.json().field, 'reason');
  const res = await app.inject({ method: 'POST', url: `/api/v1/referrals/${id}/return`, headers: wijkteam, payload: { reason: 'Hoort bij de ouderenadviseur' } });
  assert.equal(res.json().status, 'returned');
  const again = await app.inject({ method: 'POST', url: `/api/v1/referrals/${id}/start`, headers: wijkteam, payload: {} });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().code, 'referral_status');
  assert.match(again.json().detail, /status 'returned'; allowed: none/);
});

const notAllowed: [string, string[], string, Record<string, unknown>][] = [
  ['an open referral cannot be started before it is accepted', [], 'start', {}],
  ['an open referral cannot be closed before it is accepted', [], 'close', { outcome: 'klaar' }],
  ['an accepted referral cannot be returned', ['accept'], 'return', { reason: 'toch niet' }],
  ['an accepted referral cannot be accepted again', ['accept'], 'accept', {}],
];
for (const [sentence, before, command, body] of notAllowed) {
  test(sentence, async (t) => {
    const app = await build(t);
    const balie = await loginAs(app, 'balie');
    const wijkteam = await loginAs(app, 'wijkteam');
    const id = await referral(app, balie);
    const team = await teamId(app, wijkteam, 'Wijkteam Oude Noorden');
    const wim = ((await app.inject({ method: 'GET', url: `/api/v1/teams/${team}/professionals`, headers: wijkteam })).json() as { id: string }[])[0]!.id;
    const payloads: Record<string, unknown> = { accept: { assignedUserId: wim }, close: { outcome: 'doelen bereikt' } };
    for (const c of before) assert.equal((await app.inject({ method: 'POST', url: `/api/v1/referrals/${id}/${c}`, headers: wijkteam, payload: payloads[c] ?? {} })).statusCode, 200);
    const res = await app.inject({ method: 'POST', url: `/api/v1/referrals/${id}/${command}`, headers: wijkteam, payload: command === 'accept' ? { assignedUserId: wim } : body });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'referral_status');
    assert.match(res.json().detail, /allowed: /);
  });
}

test('a referral with a trajectory starts and closes only with it: its own start and close are refused, naming the trajectory', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const wijkteam = await loginAs(app, 'wijkteam');
  const id = await referral(app, balie);
  const team = await teamId(app, wijkteam, 'Wijkteam Oude Noorden');
  const wim = ((await app.inject({ method: 'GET', url: `/api/v1/teams/${team}/professionals`, headers: wijkteam })).json() as { id: string }[])[0]!.id;
  const trajectoryId = (await app.inject({ method: 'POST', url: `/api/v1/referrals/${id}/accept`, headers: wijkteam, payload: { assignedUserId: wim } })).json().trajectoryId as string;
  const refused = async (command: string, body: Record<string, unknown>) => {
    const res = await app.inject({ method: 'POST', url: `/api/v1/referrals/${id}/${command}`, headers: wijkteam, payload: body });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'referral_follows_trajectory');
    assert.equal(res.json().trajectory, `/api/v1/trajectories/${trajectoryId}`);
  };
  await refused('start', {});
  await refused('close', { outcome: 'klaar' });

  // Closing the trajectory closes the referral; it stays refused (the trajectory may be re-opened, not the referral).
  const version = (await app.inject({ method: 'GET', url: `/api/v1/trajectories/${trajectoryId}`, headers: wijkteam })).json().version as number;
  const closed = await app.inject({ method: 'POST', url: `/api/v1/trajectories/${trajectoryId}/close`, headers: { ...wijkteam, 'if-match': `"${version}"` },
    payload: { outcome: 'client_stopped' } });
  assert.equal(closed.statusCode, 200, closed.body);
  const after = (await app.inject({ method: 'GET', url: `/api/v1/referrals/${id}`, headers: wijkteam })).json();
  assert.deepEqual([after.status, after.allowedNext], ['closed', []]);
  await refused('start', {});
});

const forbidden: [string, string, string][] = [
  ['a policy analyst cannot accept a referral', 'beleid', 'role_forbidden'],
  // Desk workers work their own desk's inbox (routes 4 and 5), not a neighbourhood team's.
  ['the referring desk worker cannot accept it for the neighbourhood team', 'balie', 'not_team_member'],
  ['a worker of another team cannot accept it', 'wijkteam2', 'client_access_denied'],
];
for (const [sentence, user, code] of forbidden) {
  test(sentence, async (t) => {
    const app = await build(t);
    const balie = await loginAs(app, 'balie');
    const id = await referral(app, balie);
    const h = await loginAs(app, user);
    const res = await app.inject({ method: 'POST', url: `/api/v1/referrals/${id}/accept`, headers: h, payload: { assignedUserId: '00000000-0000-4000-8000-000000000000' } });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, code);
  });
}

test("another team's inbox is closed", async (t) => {
  const app = await build(t);
  const zuid = await loginAs(app, 'wijkteam2');
  const team = await teamId(app, zuid, 'Wijkteam Oude Noorden');
  const res = await app.inject({ method: 'GET', url: `/api/v1/teams/${team}/referrals`, headers: zuid });
  assert.equal(res.statusCode, 403);
  assert.equal(res.json().code, 'not_team_member');
});

test('accepting twice with one idempotency key, also at once, records one acceptance', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const wijkteam = await loginAs(app, 'wijkteam');
  const team = await teamId(app, wijkteam, 'Wijkteam Oude Noorden');
  const wim = ((await app.inject({ method: 'GET', url: `/api/v1/teams/${team}/professionals`, headers: wijkteam })).json() as { id: string }[])[0]!.id;
  for (const [i, parallel] of [[1, false], [2, true]] as const) {
    const id = await referral(app, balie, `Visser${i}`);
    const send = () => app.inject({ method: 'POST', url: `/api/v1/referrals/${id}/accept`, headers: { ...wijkteam, 'idempotency-key': `accept-${i}-xyz` }, payload: { assignedUserId: wim } });
    const [a, b] = parallel ? await Promise.all([send(), send()]) : [await send(), await send()];
    assert.deepEqual([a.statusCode, b.statusCode], [200, 200], `${a.body} ${b.body}`);
    const n = await app.db.query(`SELECT 1 FROM referral_actions WHERE referral_id = $1 AND type = 'accepted'`, [id]);
    assert.equal(n.length, 1);
  }
});
