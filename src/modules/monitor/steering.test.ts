import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build, loginAs } from '../../../test/helpers.ts';

/** Arranged directly in the tables (tests may): a client with a melding of Oude Noorden taken by `wmo`, and indications of `code` at Thuiszorg Maasoever (98010001). */
async function indicated(app: FastifyInstance, code: string, periods: [string, string][]) {
  const [ids] = await app.db.query<{ team: string; wmo: string; product: string; provider: string }>(
    `SELECT (SELECT id FROM teams WHERE name = 'Wijkteam Oude Noorden') AS team, (SELECT id FROM users WHERE username = 'wmo') AS wmo,
       (SELECT id FROM products WHERE code = $1) AS product, (SELECT id FROM providers WHERE agb_code = '98010001') AS provider`, [code]);
  const [c] = await app.db.query<{ id: string }>(`INSERT INTO clients (surname) VALUES ('Sturing') RETURNING id`);
  const [m] = await app.db.query<{ id: string }>(`INSERT INTO wmo_notifications (client_id, notified_on, channel, team_id, inbox_team_id, assigned_user_id)
    VALUES ($1, '2025-11-01', 'phone', $2, $2, $3) RETURNING id`, [c!.id, ids!.team, ids!.wmo]);
  for (const [from, to] of periods) {
    await app.db.query(`INSERT INTO indications (client_id, wmo_notification_id, product_id, provider_id, volume, valid_from, valid_to, form)
      VALUES ($1, $2, $3, $4, 3, $5, $6, 'ZIN')`, [c!.id, m!.id, ids!.product, ids!.provider, from, to]);
  }
}

const H1 = '/api/v1/figures/indications?from=2026-01-01&to=2026-06-30';

test('steering per product and team: counts rounded to 5, duration, cost in the period from the tariffs, a product of one client hidden (and the smallest other amount with it); spend against the budget with a forecast', async (t) => {
  const app = await build(t);
  // Six clients with 3 hours a week of 01A01 for the first half of 2026 (181 days at € 31,50: € 2.443,50 each); two of them continue in the second half (184 days at € 32,50: € 2.562,86).
  for (let i = 0; i < 6; i++) await indicated(app, '01A01', i < 2 ? [['2026-01-01', '2026-06-30'], ['2026-07-01', '2026-12-31']] : [['2026-01-01', '2026-06-30']]);
  // Five clients with 3 dagdelen a week of 07A01 in March (31 days at € 41,00: € 544,71 each); one client with 02A01 (59 days at € 62,00: € 1.567,71).
  for (let i = 0; i < 5; i++) await indicated(app, '07A01', [['2026-03-01', '2026-03-31']]);
  await indicated(app, '02A01', [['2026-02-01', '2026-03-31']]);
  await app.db.query(`INSERT INTO budget_lines (task_field, document, column_label, line, label, amount_cents)
    VALUES ('Wmo-maatwerk', 'Begroting 2026', 'Begroting 2026', 'purchases', 'Inkopen en uitbestede werkzaamheden', 5000000)`);

  const financien = await loginAs(app, 'financien');
  const res = await app.inject({ method: 'GET', url: `${H1}&by=product`, headers: financien });
  assert.equal(res.statusCode, 200, res.body);
  const f = res.json();
  const row = (code: string) => f.rows.find((r: { key: string }) => r.key === code);
  const hh = row('01A01');
  assert.equal(hh.label, '01A01 Hulp bij het huishouden');
  assert.deepEqual([hh.indications, hh.clients, hh.activeClients, hh.meanDays, hh.euros], [5, 5, 5, 181, 14661]);
  assert.deepEqual(hh.durations, { upTo3Months: 0, upTo6Months: 5, upTo12Months: 0, longer: 0 });
  assert.equal(hh.reindicationPct, null, '2 of 6 followed up: 2 is too few to show as a share');
  assert.deepEqual([row('02A01').clients, row('02A01').euros, row('02A01').meanDays], [null, null, null], 'one client: nothing about them shows');
  assert.deepEqual([row('07A01').clients, row('07A01').meanDays, row('07A01').euros], [5, 31, null], 'the smallest other amount is hidden too, or the total would give 02A01 back');
  assert.deepEqual([f.total.clients, f.total.euros], [10, 18952]);
  assert.deepEqual(f.budget, { year: 2026, column: 'Begroting 2026', document: 'Begroting 2026', budgetEuros: 50000, spentEuros: 18952, forecastEuros: 24078, unpriced: 0 });

  const team = (await app.inject({ method: 'GET', url: `${H1}&by=team`, headers: financien })).json();
  assert.deepEqual(team.rows.map((r: { label: string; clients: number }) => [r.label, r.clients]), [['Wijkteam Oude Noorden', 10]]);
  const audit = await app.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action = 'figures.indications'`);
  assert.equal(audit.length, 2);
});

test('steering is refused for roles without aggregate access and for a reversed period', async (t) => {
  const app = await build(t);
  const balie = await app.inject({ method: 'GET', url: H1, headers: await loginAs(app, 'balie') });
  assert.deepEqual([balie.statusCode, balie.json().code], [403, 'role_forbidden']);
  const reversed = await app.inject({ method: 'GET', url: '/api/v1/figures/indications?from=2026-06-30&to=2026-01-01', headers: await loginAs(app, 'beleid') });
  assert.deepEqual([reversed.statusCode, reversed.json().field], [400, 'to']);
});
