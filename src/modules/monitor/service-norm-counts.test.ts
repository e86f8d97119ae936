import assert from 'node:assert/strict';
import test from 'node:test';
import { build } from '../../../test/helpers.ts';
import { refreshClockKeys } from '../casework/clock-keys.ts';
import { planClockFacts } from '../casework/figures.ts';
import { addDays } from '../legal-terms/legal-terms.ts';
import { keepWmoClockFacts, wmoClockFacts } from '../wmo/figures.ts';
import { serviceNormFigures } from './service-norm-figures.ts';
import type { ClockFact } from './service-norms.ts';

/**
 * The council report counts the service norms in SQL over what is kept beside each case; the
 * dashboard counts the same facts in JavaScript after folding. Both must give the same table, cell
 * for cell, whether a case is read from what is kept or folded from its steps (kept row stale, steps
 * after the as-of day, keys not yet computed).
 */
test('service norms counted in SQL equal those counted from the folded clocks, for past and current periods, kept and unkept cases alike', async (t) => {
  const app = await build(t);
  const db = app.db;
  const teams = (await db.query<{ id: string }>(`SELECT id FROM teams WHERE kind = 'neighbourhood_team' ORDER BY name LIMIT 3`)).map((r) => r.id);
  const clients: string[] = [];
  for (let i = 0; i < 24; i++) clients.push((await db.query<{ id: string }>(`INSERT INTO clients (surname) VALUES ($1) RETURNING id`, [`Telling ${i}`]))[0]!.id);

  // 240 meldingen from October 2024 on, each with its own mix of steps (report late or in time, decided, withdrawn, paused, extended, open).
  for (let k = 0; k < 240; k++) {
    const on = addDays('2024-10-01', k * 3);
    const [m] = await db.query<{ id: string }>(`INSERT INTO wmo_notifications (client_id, notified_on, channel, team_id, inbox_team_id)
      VALUES ($1, $2, 'phone', $3, $3) RETURNING id`, [clients[k % clients.length], on, teams[k % teams.length]]);
    const steps: [string, string, string | null][] = [['startAssessment', on, null]];
    const report = addDays(on, 20 + (k * 7) % 40);
    if (k % 11 === 5) steps.push(['pauseClock', addDays(on, 10), null], ['resumeClock', addDays(on, 25), null]);
    if (k % 13 === 7) steps.push(['pauseClock', addDays(on, 15), null]); // still paused
    else if (k % 9 === 4) steps.push(['withdraw', addDays(on, 30), null]);
    else if (k % 10 !== 0) {
      steps.push(['recordReport', report, null], ['receiveApplication', report, null]);
      if (k % 6 === 1) steps.push(['extendDecisionTerm', addDays(report, 10), addDays(report, 28)]);
      if (k % 5 !== 2) steps.push(['decide', addDays(report, 3 + (k * 5) % 20), null]);
    }
    for (const [type, day, until] of steps.filter(([, day]) => day <= '2026-11-30')) {
      await db.query(`INSERT INTO wmo_actions (notification_id, type, on_date, outcome, until, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
        [m!.id, type, day, type === 'decide' ? 'granted' : null, until, type === 'pauseClock' || type === 'extendDecisionTerm' ? 'test' : null]);
    }
  }
  // 240 trajectories: a plan in time, late or never; some closed without a plan.
  for (let k = 0; k < 240; k++) {
    const on = addDays('2024-10-02', k * 3);
    const [tr] = await db.query<{ id: string }>(`INSERT INTO trajectories (client_id, team_id, received_on) VALUES ($1, $2, $3) RETURNING id`,
      [clients[(k * 5) % clients.length], teams[k % teams.length], on]);
    const steps: [string, string][] = [['opened', on]];
    if (k % 7 === 3) steps.push(['closed', addDays(on, 30)]);
    else if (k % 4 !== 0) steps.push(['plan_agreed', addDays(on, 10 + (k * 11) % 60)]);
    if (k % 8 === 5) steps.push(['closed', addDays(on, 200)]);
    for (const [type, day] of steps.filter(([, day]) => day <= '2026-11-30')) {
      await db.query(`INSERT INTO trajectory_actions (trajectory_id, type, occurred_on, outcome) VALUES ($1, $2, $3, $4)`,
        [tr!.id, type, day, type === 'closed' ? 'goal_reached' : null]);
    }
  }
  // What the jobs keep, then some of it out of date: a melding changed since it was folded, keys not yet computed.
  assert.ok(await keepWmoClockFacts(db, '2026-11-30') >= 240);
  await db.query(`UPDATE wmo_notifications SET version = version + 1 WHERE id IN (SELECT id FROM wmo_notifications ORDER BY notified_on LIMIT 200) AND notified_on::text LIKE '%7'`);
  const periods = [['2025-01-01', '2025-06-30', '2025-06-30'], ['2025-07-01', '2025-12-31', '2025-12-31'], ['2026-07-01', '2026-12-31', '2026-11-30']] as const;
  // The plan clocks from the steps alone (every trajectory's keys stale), to hold the kept days to.
  await db.query('UPDATE trajectories SET clock_keys_stale = true');
  const planFromSteps = [];
  for (const [from, to, asOf] of periods) planFromSteps.push(await planClockFacts(db, from, to, asOf));
  assert.ok(await refreshClockKeys(db) >= 240);
  await db.query(`UPDATE trajectories SET clock_keys_stale = true WHERE received_on::text LIKE '%3'`);

  for (const [i, [from, to, asOf]] of periods.entries()) {
    const wmo = await wmoClockFacts(db, from, to, asOf);
    const plan = await planClockFacts(db, from, to, asOf);
    const byCase = (facts: readonly ClockFact[]) => [...facts].sort((a, b) => a.caseId.localeCompare(b.caseId));
    assert.deepEqual(byCase(plan), byCase(planFromSteps[i]!), `plan clocks from kept days ${from}`);
    const folded = await serviceNormFigures(db, from, to, asOf, { ...wmo, plan });
    const counted = await serviceNormFigures(db, from, to, asOf);
    assert.deepEqual(counted, folded, `${from} – ${to}`);
    // Not an empty comparison: every indicator has teams with lead times, and open items are shown.
    for (const indicator of ['wmo_assessment', 'wmo_decision', 'neighbourhood_plan']) {
      const rows = counted.rows.filter((r) => r.indicator === indicator);
      assert.ok(rows.length >= teams.length && rows.some((r) => r.medianDays !== null), `${indicator} ${from}: ${JSON.stringify(rows)}`);
    }
    assert.ok(counted.rows.some((r) => (r.open ?? 0) > 0 && (r.overdue ?? 0) > 0), `open items ${from}`);
  }

  // Forwarded to another team and not yet folded again by the job: counted at once under the team that has them.
  await db.query('UPDATE wmo_notifications SET inbox_team_id = $2 WHERE coalesce(inbox_team_id, team_id) = $1', [teams[0], teams[1]]);
  const [from, to, asOf] = ['2025-01-01', '2025-06-30', '2025-06-30'] as const;
  const counted = await serviceNormFigures(db, from, to, asOf);
  const wmo = await wmoClockFacts(db, from, to, asOf);
  assert.deepEqual(counted, await serviceNormFigures(db, from, to, asOf, { ...wmo, plan: await planClockFacts(db, from, to, asOf) }));
  assert.deepEqual(counted.rows.filter((r) => r.indicator.startsWith('wmo_') && r.teamId === teams[0]), [], 'nothing left with the first team');
  assert.ok(counted.rows.some((r) => r.indicator === 'wmo_assessment' && r.teamId === teams[1] && (r.done ?? 0) > 0));
});
