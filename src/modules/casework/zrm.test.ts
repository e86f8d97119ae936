import assert from 'node:assert/strict';
import test from 'node:test';
import { loginAs } from '../../../test/helpers.ts';
import { acceptedTrajectory } from '../../../test/trajectory-case.ts';
import { ZRM_DOMAINS, type ZrmScores, zrmChange, zrmChangeText, zrmMomentRefusal } from './zrm.ts';

const all = (score: 1 | 2 | 3 | 4 | 5, overrides: Partial<ZrmScores> = {}) =>
  ({ ...Object.fromEntries(ZRM_DOMAINS.map((d) => [d, score])), ...overrides }) as ZrmScores;

test('the ZRM has the 13 domains of the matrix, in its order', () => {
  assert.equal(ZRM_DOMAINS.length, 13);
  assert.deepEqual([ZRM_DOMAINS[0], ZRM_DOMAINS[3], ZRM_DOMAINS[12]], ['finances', 'housing', 'justice']);
});

test('the change per domain runs from the first scoring to the latest, in words as "Huisvesting: 2 → 4"', () => {
  assert.deepEqual(zrmChange([{ scores: all(3) }]), []);
  const change = zrmChange([{ scores: all(3, { housing: 2 }) }, { scores: all(3, { housing: 3 }) }, { scores: all(3, { housing: 4, justice: 2 }) }]);
  assert.deepEqual(change.find((c) => c.domain === 'housing'), { domain: 'housing', from: 2, to: 4, delta: 2 });
  assert.equal(change.find((c) => c.domain === 'justice')!.delta, -1);
  assert.equal(zrmChangeText(change.find((c) => c.domain === 'housing')!), 'Huisvesting: 2 → 4');
});

test('the intake is scored first and once, and nothing after the closure', () => {
  assert.equal(zrmMomentRefusal([], 'intake'), null);
  assert.equal(zrmMomentRefusal([], 'evaluation')?.code, 'zrm_intake_first');
  assert.equal(zrmMomentRefusal(['intake'], 'intake')?.code, 'zrm_intake_twice');
  assert.equal(zrmMomentRefusal(['intake', 'evaluation'], 'evaluation'), null);
  assert.equal(zrmMomentRefusal(['intake'], 'closure'), null);
  assert.equal(zrmMomentRefusal(['intake', 'closure'], 'evaluation')?.code, 'zrm_after_closure');
});

test('a professional scores the ZRM at intake and at an evaluation and reads the change per domain', async (t) => {
  const c = await acceptedTrajectory(t);
  const url = `/api/v1/trajectories/${c.trajectoryId}/zrm`;
  const intake = await c.app.inject({ method: 'POST', url, headers: c.wim, payload: { moment: 'intake', on: '2026-01-05', scores: all(3, { housing: 2, finances: 1 }) } });
  assert.equal(intake.statusCode, 201, intake.body);
  assert.deepEqual(intake.json().change, [], 'no change after one scoring');
  const evaluation = await c.app.inject({ method: 'POST', url, headers: c.wim, payload: { moment: 'evaluation', scores: all(3, { housing: 4, finances: 2 }) } });
  assert.equal(evaluation.statusCode, 201, evaluation.body);
  const view = (await c.app.inject({ method: 'GET', url, headers: c.wim })).json();
  assert.deepEqual(view.assessments.map((a: { moment: string; actorName: string }) => [a.moment, a.actorName]), [['intake', 'Wim Wijkteam'], ['evaluation', 'Wim Wijkteam']]);
  assert.equal(view.assessments[0].on, '2026-01-05');
  const texts = view.change.map((x: { text: string }) => x.text);
  assert.ok(texts.includes('Huisvesting: 2 → 4'), texts.join('; '));
  assert.ok(texts.includes('Financiën: 1 → 2'));
  assert.ok(texts.includes('Justitie: 3 → 3'));
  const audit = await c.app.db.query<{ action: string; client_id: string }>(`SELECT action, client_id FROM audit_log WHERE action LIKE 'trajectory.zrm.%' AND outcome = 'success' ORDER BY id`);
  assert.deepEqual(audit.map((a) => [a.action, a.client_id]), [['trajectory.zrm.score', c.clientId], ['trajectory.zrm.score', c.clientId], ['trajectory.zrm.read', c.clientId]]);
});

test('a ZRM needs all 13 domains scored 1 to 5, and the intake comes first (409 naming the rule)', async (t) => {
  const c = await acceptedTrajectory(t);
  const url = `/api/v1/trajectories/${c.trajectoryId}/zrm`;
  const { justice: _, ...twelve } = all(3);
  assert.equal((await c.app.inject({ method: 'POST', url, headers: c.wim, payload: { moment: 'intake', scores: twelve } })).statusCode, 400);
  assert.equal((await c.app.inject({ method: 'POST', url, headers: c.wim, payload: { moment: 'intake', scores: all(3, { housing: 6 as 5 }) } })).statusCode, 400);
  const early = await c.app.inject({ method: 'POST', url, headers: c.wim, payload: { moment: 'evaluation', scores: all(3) } });
  assert.deepEqual([early.statusCode, early.json().code], [409, 'zrm_intake_first']);
  const key = { ...c.wim, 'idempotency-key': 'zrm-intake-1' };
  const [a, b] = await Promise.all([1, 2].map(() => c.app.inject({ method: 'POST', url, headers: key, payload: { moment: 'intake', scores: all(3) } })));
  assert.deepEqual([a!.statusCode, b!.statusCode], [201, 201]);
  const again = await c.app.inject({ method: 'POST', url, headers: c.wim, payload: { moment: 'intake', scores: all(3) } });
  assert.deepEqual([again.statusCode, again.json().code], [409, 'zrm_intake_twice']);
  assert.equal((await c.app.inject({ method: 'GET', url, headers: c.wim })).json().assessments.length, 1);
});

test('a professional outside the case cannot read or score the ZRM (client_access_denied, audited)', async (t) => {
  const c = await acceptedTrajectory(t);
  const zara = await loginAs(c.app, 'wijkteam2');
  const url = `/api/v1/trajectories/${c.trajectoryId}/zrm`;
  const read = await c.app.inject({ method: 'GET', url, headers: zara });
  assert.deepEqual([read.statusCode, read.json().code], [403, 'client_access_denied']);
  const write = await c.app.inject({ method: 'POST', url, headers: zara, payload: { moment: 'intake', scores: all(3) } });
  assert.deepEqual([write.statusCode, write.json().code], [403, 'client_access_denied']);
  const denied = await c.app.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE outcome = 'denied' AND client_id = $1 ORDER BY id`, [c.clientId]);
  assert.deepEqual(denied.map((d) => d.action), ['trajectory.zrm.read', 'trajectory.zrm.score']);
});
