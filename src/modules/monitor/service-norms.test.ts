import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build, loginAs } from '../../../test/helpers.ts';

const URL = '/api/v1/figures/service-norms';
const MARCH = 'from=2021-03-01&to=2021-03-31';

/** Arranged directly in the tables (tests may): `n` new clients, one melding each in `team`. */
async function meldingen(app: FastifyInstance, team: string, n: number, notifiedOn: string, steps: [type: string, on: string][] = []) {
  const [t] = await app.db.query<{ id: string }>('SELECT id FROM teams WHERE name = $1', [team]);
  for (let i = 0; i < n; i++) {
    const [c] = await app.db.query<{ id: string }>(`INSERT INTO clients (surname) VALUES ('Cijfers') RETURNING id`);
    const [m] = await app.db.query<{ id: string }>(
      `INSERT INTO wmo_notifications (client_id, notified_on, channel, team_id, inbox_team_id) VALUES ($1, $2, 'phone', $3, $3) RETURNING id`, [c!.id, notifiedOn, t!.id]);
    await app.db.query(`INSERT INTO wmo_actions (notification_id, type, on_date) VALUES ($1, 'startAssessment', $2)`, [m!.id, notifiedOn]);
    for (const [type, on] of steps) {
      await app.db.query(`INSERT INTO wmo_actions (notification_id, type, on_date, outcome) VALUES ($1, $2, $3, $4)`, [m!.id, type, on, type === 'decide' ? 'granted' : null]);
    }
  }
}

async function trajectories(app: FastifyInstance, team: string, n: number, receivedOn: string, planOn: string | null) {
  const [t] = await app.db.query<{ id: string }>('SELECT id FROM teams WHERE name = $1', [team]);
  for (let i = 0; i < n; i++) {
    const [c] = await app.db.query<{ id: string }>(`INSERT INTO clients (surname) VALUES ('Cijfers') RETURNING id`);
    const [tr] = await app.db.query<{ id: string }>(`INSERT INTO trajectories (client_id, team_id, received_on) VALUES ($1, $2, $3) RETURNING id`, [c!.id, t!.id, receivedOn]);
    await app.db.query(`INSERT INTO trajectory_actions (trajectory_id, type, occurred_on) VALUES ($1, 'opened', $2)`, [tr!.id, receivedOn]);
    if (planOn) await app.db.query(`INSERT INTO trajectory_actions (trajectory_id, type, occurred_on) VALUES ($1, 'plan_agreed', $2)`, [tr!.id, planOn]);
  }
}

test('service norms per team: lead times and % within the configured norm of what finished, open items overdue; a team with 3 overdue meldingen shows "< 5", not 3', async (t) => {
  const app = await build(t);
  // Onderzoek due 3 March 2021 (42 days after 20 January): 5 reported in 41 days, 5 in 51 days.
  // The 5 late ones applied on 12 March and were decided after 8 days (due 26 March).
  await meldingen(app, 'Wijkteam Oude Noorden', 5, '2021-01-20', [['recordReport', '2021-03-02']]);
  await meldingen(app, 'Wijkteam Oude Noorden', 5, '2021-01-20', [['recordReport', '2021-03-12'], ['receiveApplication', '2021-03-12'], ['decide', '2021-03-20']]);
  // Due 24 March, still open on 31 March: overdue, but only 3.
  await meldingen(app, 'VraagWijzer Centrum', 3, '2021-02-10');
  // Due early April (after Easter: the Atw moves it), open on 31 March with less than a week left: at risk (wmo_at_risk, 7 days).
  await meldingen(app, 'Wijkteam Oude Noorden', 5, '2021-02-20');
  // Withdrawn: neither done nor open.
  await meldingen(app, 'VraagWijzer Centrum', 2, '2021-02-10', [['withdraw', '2021-03-01']]);
  // Plan within 6 weeks of 1 February (15 March): all 6 in time, after 35 days.
  await trajectories(app, 'Wijkteam Oude Noorden', 6, '2021-02-01', '2021-03-08');
  // Plan due 3 April, no plan yet on 31 March: at risk (basic_support_at_risk, 14 days).
  await trajectories(app, 'Wijkteam Oude Noorden', 5, '2021-02-20', null);

  const res = await app.inject({ method: 'GET', url: `${URL}?${MARCH}`, headers: await loginAs(app, 'beleid') });
  assert.equal(res.statusCode, 200, res.body);
  const f = res.json();
  assert.equal(f.asOf, '2021-03-31');
  assert.deepEqual(f.norms, [
    { indicator: 'wmo_assessment', amount: 42, unit: 'days' }, { indicator: 'wmo_decision', amount: 14, unit: 'days' },
    { indicator: 'neighbourhood_plan', amount: 6, unit: 'weeks' }]);
  const row = (indicator: string, team: string) => f.rows.find((r: { indicator: string; teamName: string }) => r.indicator === indicator && r.teamName === team);
  const { teamId: _a, ...assessment } = row('wmo_assessment', 'Wijkteam Oude Noorden');
  assert.deepEqual(assessment, { indicator: 'wmo_assessment', teamName: 'Wijkteam Oude Noorden',
    done: 10, medianDays: 41, p90Days: 51, withinNormPct: 50, open: 5, atRisk: 5, overdue: 0 });
  const { teamId: _b, ...small } = row('wmo_assessment', 'VraagWijzer Centrum');
  assert.deepEqual(small, { indicator: 'wmo_assessment', teamName: 'VraagWijzer Centrum',
    done: 0, medianDays: null, p90Days: null, withinNormPct: null, open: null, atRisk: 0, overdue: null });
  const { teamId: _d, ...decision } = row('wmo_decision', 'Wijkteam Oude Noorden');
  assert.deepEqual(decision, { indicator: 'wmo_decision', teamName: 'Wijkteam Oude Noorden',
    done: 5, medianDays: 8, p90Days: 8, withinNormPct: 100, open: 0, atRisk: 0, overdue: 0 });
  assert.ok(!JSON.stringify(f.rows).includes(':3,') && !JSON.stringify(f.rows).includes(':3}'), 'no cell shows 3');
  const { teamId: _c, ...plan } = row('neighbourhood_plan', 'Wijkteam Oude Noorden');
  assert.deepEqual(plan, { indicator: 'neighbourhood_plan', teamName: 'Wijkteam Oude Noorden',
    done: 5, medianDays: 35, p90Days: 35, withinNormPct: 100, open: 5, atRisk: 5, overdue: 0 });
});

test('service norms are for the team lead and the policy analyst, in a valid period; each read is audited', async (t) => {
  const app = await build(t);
  const lead = await app.inject({ method: 'GET', url: `${URL}?${MARCH}`, headers: await loginAs(app, 'teamleider') });
  assert.equal(lead.statusCode, 200, lead.body);
  const desk = await app.inject({ method: 'GET', url: `${URL}?${MARCH}`, headers: await loginAs(app, 'balie') });
  assert.deepEqual([desk.statusCode, desk.json().code], [403, 'role_forbidden']);
  const beleid = await loginAs(app, 'beleid');
  const backwards = await app.inject({ method: 'GET', url: `${URL}?from=2021-03-31&to=2021-03-01`, headers: beleid });
  assert.deepEqual([backwards.statusCode, backwards.json().field], [400, 'to']);
  const rows = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'figures.service_norms' AND outcome = 'success'`);
  assert.equal(rows[0]!.n, 1);
});
