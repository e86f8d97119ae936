import assert from 'node:assert/strict';
import test from 'node:test';
import { loginAs } from '../../../test/helpers.ts';
import { acceptedTrajectory } from '../../../test/trajectory-case.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';

const dayAgo = (n: number) => amsterdamDate(new Date(Date.now() - n * 864e5));

/** Three clients of Wim's team in one household; the eldest child's trajectory is past intake (support started). */
async function household(t: test.TestContext, parentContactedAt?: string) {
  const parent = await acceptedTrajectory(t, undefined, 'De Groot', parentContactedAt);
  const { app, wim } = parent;
  const child = await acceptedTrajectory(t, app, 'Groot-Smit');
  const teen = await acceptedTrajectory(t, app, 'Groot-Jansen');
  const trajectory = async (id: string) => (await app.inject({ method: 'GET', url: `/api/v1/trajectories/${id}`, headers: wim })).json();
  for (const command of ['agreePlan', 'startSupport']) {
    const res = await app.inject({ method: 'POST', url: `/api/v1/trajectories/${teen.trajectoryId}/${command}`,
      headers: { ...wim, 'if-match': `"${(await trajectory(teen.trajectoryId)).version}"` }, payload: {} });
    assert.equal(res.statusCode, 200, res.body);
  }
  const created = await app.inject({ method: 'POST', url: '/api/v1/households', headers: wim, payload: { name: 'Gezin De Groot', members: [
    { clientId: parent.clientId, role: 'parent' }, { clientId: child.clientId, role: 'child' }, { clientId: teen.clientId, role: 'child' }] } });
  assert.equal(created.statusCode, 201, created.body);
  const agree = (on: string) => app.inject({ method: 'POST', url: `/api/v1/households/${created.json().id}/agreement`,
    headers: { ...wim, 'if-match': `"${created.json().version}"` }, payload: { on, how: 'home_visit' } });
  return { app, wim, parent, child, teen, householdId: created.json().id as string, trajectory, agree };
}

test('agreeing the household plan records "plan agreed" on the same day in every member\'s trajectory at intake; the plan clock is met', async (t) => {
  const h = await household(t);
  const teenBefore = await h.trajectory(h.teen.trajectoryId);
  const res = await h.agree(dayAgo(0));
  assert.equal(res.statusCode, 200, res.body);
  for (const member of [h.parent, h.child]) {
    const tr = await h.trajectory(member.trajectoryId);
    assert.deepEqual([tr.status, tr.clocks.plan.state, tr.clocks.plan.doneOn, tr.allowedNext], ['plan_agreed', 'met', dayAgo(0), ['startSupport', 'close', 'reassign']]);
    assert.deepEqual([tr.actions.at(-1).type, tr.actions.at(-1).on, tr.actions.at(-1).actorName], ['plan_agreed', dayAgo(0), 'Wim Wijkteam']);
  }
  // The teenager's trajectory was past intake: left as it was.
  assert.deepEqual(await h.trajectory(h.teen.trajectoryId), teenBefore);
  // Audited as the trajectory's own step, naming the household it came from.
  const rows = await h.app.db.query<{ client_id: string; details: { householdId: string } }>(
    `SELECT client_id, details FROM audit_log WHERE action = 'trajectory.agreePlan' AND details->>'householdId' IS NOT NULL ORDER BY id`);
  assert.deepEqual(rows.map((r) => r.client_id).sort(), [h.parent.clientId, h.child.clientId].sort());
  assert.ok(rows.every((r) => r.details.householdId === h.householdId));
});

test('when the step is refused for one member (the plan dated before her referral came in) the whole agreement is refused, naming her; nothing changes', async (t) => {
  // The parent's referral came in five days ago, the child's today: an agreement two days ago fits the parent only.
  const h = await household(t, new Date(Date.now() - 5 * 864e5).toISOString());
  const before = await Promise.all([h.parent, h.child].map((m) => h.trajectory(m.trajectoryId)));
  const res = await h.agree(dayAgo(2));
  assert.equal(res.statusCode, 409, res.body);
  const problem = res.json();
  assert.deepEqual([problem.code, problem.clientId, problem.trajectoryId, problem.reason], ['member_trajectory_refused', h.child.clientId, h.child.trajectoryId, 'date_before_previous_step']);
  assert.match(problem.detail, /Groot-Smit/);
  const hh = (await h.app.inject({ method: 'GET', url: `/api/v1/households/${h.householdId}`, headers: h.wim })).json();
  assert.deepEqual([hh.plan.agreedOn, hh.plan.agreedHow, hh.version], [null, null, 1]);
  assert.deepEqual(await Promise.all([h.parent, h.child].map((m) => h.trajectory(m.trajectoryId))), before);
});

test("a member's trajectory of another team refuses the whole agreement with 403, naming the member; nothing changes", async (t) => {
  const h = await household(t);
  // The child is referred to Wijkteam Charlois too (her school is there), and Zara of that team accepts it.
  const balie = await loginAs(h.app, 'balie');
  const zara = await loginAs(h.app, 'wijkteam2');
  const teams = (await h.app.inject({ method: 'GET', url: '/api/v1/teams', headers: balie })).json() as { id: string; name: string }[];
  const charlois = teams.find((x) => x.name === 'Wijkteam Charlois')!.id;
  const contact = await h.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
    channel: 'phone', question: 'Zorgen over schoolverzuim', lifeDomains: ['finances_debts'], outcome: 2, clientId: h.child.clientId,
    referral: { teamId: charlois, teamOverrideReason: 'Haar school en begeleiding zitten in Charlois' } } });
  assert.equal(contact.statusCode, 201, contact.body);
  const zaraId = (await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: zara })).json().user.id as string;
  const accepted = await h.app.inject({ method: 'POST', url: `/api/v1/referrals/${contact.json().referral.id}/accept`, headers: zara, payload: { assignedUserId: zaraId } });
  assert.equal(accepted.statusCode, 200, accepted.body);
  const charloisTrajectory = accepted.json().trajectoryId as string;
  const before = await Promise.all([h.parent, h.child].map((m) => h.trajectory(m.trajectoryId)));
  const charloisBefore = (await h.app.inject({ method: 'GET', url: `/api/v1/trajectories/${charloisTrajectory}`, headers: zara })).json();
  assert.equal(charloisBefore.status, 'intake');

  const res = await h.agree(dayAgo(0));
  assert.equal(res.statusCode, 403, res.body);
  const problem = res.json();
  assert.deepEqual([problem.code, problem.clientId, problem.trajectoryId, problem.teamId], ['member_trajectory_other_team', h.child.clientId, charloisTrajectory, charlois]);
  assert.match(problem.detail, /Groot-Smit.*Wijkteam Charlois/);
  const hh = (await h.app.inject({ method: 'GET', url: `/api/v1/households/${h.householdId}`, headers: h.wim })).json();
  assert.deepEqual([hh.plan.agreedOn, hh.plan.agreedHow, hh.version], [null, null, 1]);
  assert.deepEqual(await Promise.all([h.parent, h.child].map((m) => h.trajectory(m.trajectoryId))), before);
  assert.deepEqual((await h.app.inject({ method: 'GET', url: `/api/v1/trajectories/${charloisTrajectory}`, headers: zara })).json(), charloisBefore);
});
