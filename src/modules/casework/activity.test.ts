import assert from 'node:assert/strict';
import test from 'node:test';
import { loginAs } from '../../../test/helpers.ts';
import { acceptedTrajectory } from '../../../test/trajectory-case.ts';

const url = (id: string) => `/api/v1/trajectories/${id}/activities`;

test('a professional logs a home visit and a call with the time spent; the log shows them newest first with the total', async (t) => {
  const c = await acceptedTrajectory(t);
  const visit = await c.app.inject({ method: 'POST', url: url(c.trajectoryId), headers: c.wim,
    payload: { kind: 'home_visit', on: '2026-01-05', minutes: 60, note: 'Post samen geopend' } });
  assert.equal(visit.statusCode, 201, visit.body);
  const call = await c.app.inject({ method: 'POST', url: url(c.trajectoryId), headers: c.wim, payload: { kind: 'call', minutes: 10 } });
  assert.equal(call.statusCode, 201, call.body);
  const log = (await c.app.inject({ method: 'GET', url: url(c.trajectoryId), headers: c.wim })).json();
  assert.deepEqual(log.items.map((a: { kind: string; minutes: number; note: string | null; actorName: string }) => [a.kind, a.minutes, a.note, a.actorName]),
    [['call', 10, null, 'Wim Wijkteam'], ['home_visit', 60, 'Post samen geopend', 'Wim Wijkteam']]);
  assert.equal(log.totalMinutes, 70);
  assert.deepEqual(log.minutesByKind, { home_visit: 60, call: 10, meeting: 0, network_meeting: 0 });
  const audit = await c.app.db.query<{ action: string; client_id: string; outcome: string }>(
    `SELECT action, client_id, outcome FROM audit_log WHERE action LIKE 'trajectory.activity.%' ORDER BY id`);
  assert.deepEqual(audit.map((a) => [a.action, a.client_id, a.outcome]), [
    ['trajectory.activity.create', c.clientId, 'success'], ['trajectory.activity.create', c.clientId, 'success'], ['trajectory.activity.list', c.clientId, 'success']]);
});

test('the same Idempotency-Key logs an activity once', async (t) => {
  const c = await acceptedTrajectory(t);
  const send = () => c.app.inject({ method: 'POST', url: url(c.trajectoryId), headers: { ...c.wim, 'idempotency-key': 'activity-key-1' },
    payload: { kind: 'network_meeting', minutes: 45, note: 'Overleg met school en huisarts' } });
  const [a, b] = await Promise.all([send(), send()]);
  assert.deepEqual([a.statusCode, b.statusCode], [201, 201]);
  assert.equal((await send()).json().items.length, 1);
});

test('a professional outside the case can neither read nor write the activity log (client_access_denied, audited)', async (t) => {
  const c = await acceptedTrajectory(t);
  const zara = await loginAs(c.app, 'wijkteam2');
  const read = await c.app.inject({ method: 'GET', url: url(c.trajectoryId), headers: zara });
  assert.deepEqual([read.statusCode, read.json().code], [403, 'client_access_denied']);
  const write = await c.app.inject({ method: 'POST', url: url(c.trajectoryId), headers: zara, payload: { kind: 'call', minutes: 5 } });
  assert.deepEqual([write.statusCode, write.json().code], [403, 'client_access_denied']);
  const denied = await c.app.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE outcome = 'denied' AND client_id = $1 ORDER BY id`, [c.clientId]);
  assert.deepEqual(denied.map((d) => d.action), ['trajectory.activity.list', 'trajectory.activity.create']);
});

test('an activity needs its minutes, a known kind and a date that is not in the future', async (t) => {
  const c = await acceptedTrajectory(t);
  const post = (payload: Record<string, unknown>) => c.app.inject({ method: 'POST', url: url(c.trajectoryId), headers: c.wim, payload });
  assert.equal((await post({ kind: 'call' })).statusCode, 400);
  assert.equal((await post({ kind: 'call', minutes: 0 })).statusCode, 400);
  assert.equal((await post({ kind: 'email', minutes: 5 })).statusCode, 400);
  const future = await post({ kind: 'call', minutes: 5, on: '2999-01-01' });
  assert.deepEqual([future.statusCode, future.json().code], [400, 'date_in_future']);
  assert.equal((await c.app.inject({ method: 'GET', url: url(c.trajectoryId), headers: c.wim })).json().items.length, 0);
});
