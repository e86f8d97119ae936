import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AuthHeaders, build, createClient, loginAs } from '../../../test/helpers.ts';
import { decisionBody } from '../../../test/wmo-decision.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';

const URL = '/api/v1/wmo-notifications';
const act = (app: FastifyInstance, headers: AuthHeaders, id: string, payload: Record<string, unknown>, extra: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `${URL}/${id}/actions`, headers: { ...headers, ...extra }, payload });

/** The demo melding (Sandra Willems, 3035 CD: Wijkteam Oude Noorden), as the demo Wmo adviser sees it in the inbox. */
async function demoMelding(app: FastifyInstance, wmo: AuthHeaders) {
  const inbox = await app.inject({ method: 'GET', url: URL, headers: wmo });
  assert.equal(inbox.statusCode, 200, inbox.body);
  const item = inbox.json().find((n: { clientName: string }) => n.clientName.includes('Willems'));
  assert.ok(item, 'the demo melding is in the Wmo inbox of Wijkteam Oude Noorden');
  return item as { id: string; clientId: string; status: string; inboxTeamName: string; clock: { kind: string; dueOn: string } };
}

test('the demo Wmo adviser takes the demo melding from the inbox and works it to a decision', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const item = await demoMelding(app, wmo);
  assert.deepEqual([item.status, item.inboxTeamName, item.clock.kind], ['notified', 'Wijkteam Oude Noorden', 'assessment']);

  const took = await act(app, wmo, item.id, { type: 'assign' });
  assert.equal(took.statusCode, 200, took.body);
  assert.equal(took.json().assignedUserName, 'Wendy Wmo-adviseur');
  assert.equal(took.headers.etag, `"${took.json().version}"`);
  // Taking it makes her involved with the client: the client's file opens.
  const file = await app.inject({ method: 'GET', url: `/api/v1/clients/${item.clientId}`, headers: wmo });
  assert.equal(file.statusCode, 200, file.body);

  const today = amsterdamDate(new Date());
  for (const type of ['startAssessment', 'recordReport', 'receiveApplication']) {
    const res = await act(app, wmo, item.id, { type });
    assert.equal(res.statusCode, 200, `${type}: ${res.body}`);
  }
  const decided = await act(app, wmo, item.id, await decisionBody(app, wmo));
  assert.equal(decided.statusCode, 200, decided.body);
  const d = decided.json();
  assert.deepEqual([d.status, d.decision.outcome], ['decided', 'partly_granted']);
  assert.deepEqual(d.actions.map((a: { type: string }) => a.type), ['assign', 'startAssessment', 'recordReport', 'receiveApplication', 'decide']);
  assert.deepEqual(d.clocks.map((c: { kind: string; stoppedOn: string | null; late: boolean }) => [c.kind, c.stoppedOn, c.late]),
    [['assessment', today, false], ['decision', today, false], ['objectionTerm', null, false]]);
  assert.deepEqual(d.allowed, ['receiveObjection']);
  const one = await app.inject({ method: 'GET', url: `${URL}/${item.id}`, headers: wmo });
  assert.deepEqual([one.statusCode, one.headers.etag, one.json().status], [200, `"${d.version}"`, 'decided']);
});

test('a step the process does not allow is refused with 409 naming the status and the allowed steps', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const item = await demoMelding(app, wmo);
  const res = await act(app, wmo, item.id, await decisionBody(app, wmo));
  assert.equal(res.statusCode, 409);
  assert.equal(res.json().code, 'wmo_status');
  assert.match(res.json().detail, /status 'notified'; allowed: assign, grantUrgentProvision, startAssessment, pauseClock, withdraw/);
  assert.deepEqual(res.json().allowed, ['assign', 'grantUrgentProvision', 'startAssessment', 'pauseClock', 'withdraw']);
});

test('a pause needs its reason, stops the clock and is shown; only resuming is then possible', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const item = await demoMelding(app, wmo);
  const noReason = await act(app, wmo, item.id, { type: 'pauseClock' });
  assert.deepEqual([noReason.statusCode, noReason.json().field], [400, 'reason']);
  const paused = await act(app, wmo, item.id, { type: 'pauseClock', reason: 'information_missing' });
  assert.equal(paused.statusCode, 200, paused.body);
  assert.deepEqual([paused.json().clocks[0].dueOn, paused.json().clocks[0].pausedSince], [null, amsterdamDate(new Date())]);
  assert.deepEqual(paused.json().allowed, ['assign', 'resumeClock', 'withdraw']);
  const refused = await act(app, wmo, item.id, { type: 'startAssessment' });
  assert.deepEqual([refused.statusCode, refused.json().code], [409, 'wmo_status']);
  const future = await act(app, wmo, item.id, { type: 'resumeClock', on: '2099-01-01' });
  assert.deepEqual([future.statusCode, future.json().code, future.json().field], [422, 'date_in_future', 'on']);
});

test('the same Idempotency-Key twice, or at the same time, records the step once', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const item = await demoMelding(app, wmo);
  const key = { 'idempotency-key': 'wmo-start-assessment-1' };
  const first = await act(app, wmo, item.id, { type: 'startAssessment' }, key);
  const again = await act(app, wmo, item.id, { type: 'startAssessment' }, key);
  assert.deepEqual([first.statusCode, again.statusCode], [200, 200], again.body);
  assert.equal(again.json().actions.length, 1);
  const key2 = { 'idempotency-key': 'wmo-record-report-1' };
  const both = await Promise.all([act(app, wmo, item.id, { type: 'recordReport' }, key2), act(app, wmo, item.id, { type: 'recordReport' }, key2)]);
  assert.deepEqual(both.map((r) => r.statusCode), [200, 200], both[1]!.body);
  const rows = await app.db.query(`SELECT type FROM wmo_actions WHERE notification_id = $1`, [item.id]);
  assert.deepEqual(rows.map((r) => (r as { type: string }).type), ['startAssessment', 'recordReport']);
});

test('with If-Match, a step on a melding someone changed since is 412 with the current melding', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const item = await demoMelding(app, wmo);
  const first = await act(app, wmo, item.id, { type: 'assign' }, { 'if-match': '"1"' });
  assert.equal(first.statusCode, 200, first.body);
  const stale = await act(app, wmo, item.id, { type: 'startAssessment' }, { 'if-match': '"1"' });
  assert.deepEqual([stale.statusCode, stale.json().code, stale.json().currentVersion, stale.json().current.assignedUserName],
    [412, 'version_conflict', 2, 'Wendy Wmo-adviseur']);
});

test('a melding lands in the Wmo inbox of the team serving the postcode; others do not see it or work on it', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const clientId = await createClient(app, balie, { address: { postcode: '3083 BC', houseNumber: 3 } });
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie,
    payload: { clientId, channel: 'desk', question: 'Ik kom de trap niet meer op', lifeDomains: ['disability'], outcome: 3, urgency: 'urgent' } });
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json().notification.id;
  const wmo = await loginAs(app, 'wmo');
  const inbox = await app.inject({ method: 'GET', url: URL, headers: wmo });
  assert.ok(!inbox.json().some((n: { id: string }) => n.id === id), 'Charlois is not Oude Noorden');
  const refused = await act(app, wmo, id, { type: 'assign' });
  assert.deepEqual([refused.statusCode, refused.json().code], [403, 'client_access_denied'], 'need-to-know: not her team, not her client');
  const [row] = await app.db.query<{ urgent: boolean; team: string }>(
    'SELECT n.urgent, t.name AS team FROM wmo_notifications n JOIN teams t ON t.id = n.inbox_team_id WHERE n.id = $1', [id]);
  assert.deepEqual(row, { urgent: true, team: 'Wijkteam Charlois' }, 'spoed is visible at once');
});

test('only Wmo advisers work a melding, and only a Wmo adviser of the team can be assigned', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const item = await demoMelding(app, wmo);
  const wijkteam = await loginAs(app, 'wijkteam');
  const byTeamWorker = await act(app, wijkteam, item.id, { type: 'assign' });
  assert.deepEqual([byTeamWorker.statusCode, byTeamWorker.json().code], [403, 'role_forbidden']);
  const [worker] = await app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'wijkteam'`);
  const toTeamWorker = await act(app, wmo, item.id, { type: 'assign', assignedUserId: worker!.id });
  assert.deepEqual([toTeamWorker.statusCode, toTeamWorker.json().field], [400, 'assignedUserId']);
  const lead = await loginAs(app, 'teamleider');
  const leadInbox = await app.inject({ method: 'GET', url: URL, headers: lead });
  assert.equal(leadInbox.statusCode, 200, 'the team lead sees the inbox');
});

test('the actions of a melding cannot be changed or deleted', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const item = await demoMelding(app, wmo);
  await act(app, wmo, item.id, { type: 'assign' });
  await assert.rejects(app.db.query(`UPDATE wmo_actions SET reason = 'x' WHERE notification_id = $1`, [item.id]), /append-only/);
  await assert.rejects(app.db.query(`DELETE FROM wmo_actions WHERE notification_id = $1`, [item.id]), /append-only/);
});
