import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build, loginAs } from '../../../test/helpers.ts';
import { halfYearPeriod } from './council-report.ts';

/** Arranged directly in the tables (tests may): `n` new clients, one melding each, reported on `reportOn`. */
async function meldingen(app: FastifyInstance, n: number, notifiedOn: string, reportOn: string) {
  const [t] = await app.db.query<{ id: string }>(`SELECT id FROM teams WHERE name = 'Wijkteam Oude Noorden'`);
  for (let i = 0; i < n; i++) {
    const [c] = await app.db.query<{ id: string }>(`INSERT INTO clients (surname) VALUES ('Cijfers') RETURNING id`);
    const [m] = await app.db.query<{ id: string }>(
      `INSERT INTO wmo_notifications (client_id, notified_on, channel, team_id, inbox_team_id) VALUES ($1, $2, 'phone', $3, $3) RETURNING id`, [c!.id, notifiedOn, t!.id]);
    await app.db.query(`INSERT INTO wmo_actions (notification_id, type, on_date) VALUES ($1, 'startAssessment', $2), ($1, 'recordReport', $3)`, [m!.id, notifiedOn, reportOn]);
  }
}

test('half years: H1 is January–June, H2 July–December; anything else is not a half year', () => {
  assert.deepEqual(halfYearPeriod('2026-H1'), { from: '2026-01-01', to: '2026-06-30' });
  assert.deepEqual(halfYearPeriod('2026-H2'), { from: '2026-07-01', to: '2026-12-31' });
  assert.equal(halfYearPeriod('2026-H3'), null);
  assert.equal(halfYearPeriod('2026'), null);
});

test('a policy analyst asks for the half-year report; a job makes it; HTML, PDF and a CSV per table carry the same suppressed figures as the live page, with definitions', async (t) => {
  const app = await build(t);
  await meldingen(app, 6, '2021-01-11', '2021-02-01'); // 21 days each, within the 42-day norm
  // Six bankslapers recorded in February, and three more in the second half year (not in this report).
  for (const since of ['2021-02-01', '2021-02-01', '2021-02-01', '2021-02-01', '2021-02-01', '2021-02-01', '2021-08-01', '2021-08-01', '2021-08-01']) {
    await app.db.query(`WITH c AS (INSERT INTO clients (surname) VALUES ('Bank') RETURNING id)
      INSERT INTO client_housing_situations (client_id, situation, since_on) SELECT id, 'sofa_surfing', $1 FROM c`, [since]);
  }
  const beleid = await loginAs(app, 'beleid');
  const asked = await app.inject({ method: 'POST', url: '/api/v1/council-reports', headers: beleid, payload: { period: '2021-H1' } });
  assert.equal(asked.statusCode, 202, asked.body);
  const { id, status, requestedBy } = asked.json();
  assert.deepEqual([status, requestedBy], ['queued', 'Bram Beleid']);

  // Not made yet: the documents say so, not an empty report.
  const early = await app.inject({ method: 'GET', url: `/api/v1/council-reports/${id}/report.html`, headers: beleid });
  assert.deepEqual([early.statusCode, early.json().code], [409, 'report_not_ready']);

  await app.jobs.runDue();
  const report = (await app.inject({ method: 'GET', url: `/api/v1/council-reports/${id}`, headers: beleid })).json();
  assert.deepEqual([report.status, report.progress], ['done', 100]);
  assert.deepEqual(report.content.tables.map((x: { id: string }) => x.id), ['contacten-per-kanaal', 'contacten-per-loket', 'contacten-per-uitkomst', 'servicenormen', 'clientervaring-per-loket', 'clientervaring-per-stelling', 'doelgroepen']);

  // The service-norm row is the live page's row for the same period.
  const live = (await app.inject({ method: 'GET', url: '/api/v1/figures/service-norms?from=2021-01-01&to=2021-06-30', headers: beleid })).json();
  const liveRow = live.rows.find((r: { indicator: string }) => r.indicator === 'wmo_assessment');
  const norms = report.content.tables.find((x: { id: string }) => x.id === 'servicenormen');
  const row = norms.rows.find((r: unknown[]) => r[1] === 'Wijkteam Oude Noorden' && String(r[0]).startsWith('Wmo: melding'));
  assert.deepEqual(row.slice(2), [liveRow.done, liveRow.medianDays, liveRow.p90Days, liveRow.withinNormPct, liveRow.open, liveRow.atRisk, liveRow.overdue]);
  assert.deepEqual(row.slice(2, 6), [5, 21, 21, 100], '6 done rounds to 5; 21 days; all within the norm');
  assert.ok(norms.definitions.some((d: string) => d.includes('Norm: 42 dagen')), 'the norm from the configuration is printed under the table');
  const groups = report.content.tables.find((x: { id: string }) => x.id === 'doelgroepen');
  assert.deepEqual(groups.rows, [['Bankslapers (zonder eigen woning, slapen bij anderen op de bank)', 5]], 'six bankslapers, shown rounded to 5');

  const html = await app.inject({ method: 'GET', url: `/api/v1/council-reports/${id}/report.html`, headers: beleid });
  assert.equal(html.statusCode, 200);
  assert.match(html.headers['content-type'] as string, /text\/html/);
  assert.match(html.body, /<html lang="nl">/);
  assert.match(html.body, /<h1>Raadsmonitor welzijn, zorg en jeugdhulp — 2021-H1<\/h1>/);
  assert.match(html.body, /<th scope="col">Kanaal<\/th>/);
  assert.match(html.body, /balie en huisbezoek staan hier samen als &quot;persoonlijk&quot;/);
  assert.match(html.body, /<th scope="row">Wmo: melding → verslag van het onderzoek<\/th><td>Wijkteam Oude Noorden<\/td><td>5<\/td><td>21<\/td>/);

  const csv = await app.inject({ method: 'GET', url: `/api/v1/council-reports/${id}/tables/servicenormen.csv`, headers: beleid });
  assert.equal(csv.statusCode, 200);
  const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], 'Indicator;Team;Afgerond;Mediaan (dagen);p90 (dagen);% binnen de norm;Open op 2021-06-30;Dreigt te laat;Te laat');
  assert.ok(lines.includes('Wmo: melding → verslag van het onderzoek;Wijkteam Oude Noorden;5;21;21;100;0;0;0'), lines.join('\n'));

  const pdf = await app.inject({ method: 'GET', url: `/api/v1/council-reports/${id}/report.pdf`, headers: beleid });
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  assert.match(pdf.rawPayload.toString('latin1'), /Raadsmonitor/);

  // Every request and download is in the audit log, with the report, never a client.
  const audit = await app.db.query<{ action: string; client_id: string | null }>(`SELECT action, client_id FROM audit_log WHERE action LIKE 'council_report.%' ORDER BY id`);
  assert.deepEqual(audit.map((a) => a.action), ['council_report.request', 'council_report.html', 'council_report.read', 'council_report.html', 'council_report.csv', 'council_report.pdf']);
  assert.ok(audit.every((a) => a.client_id === null));
});

test('the report is refused for a half year not begun, a period that is not a half year, and roles without aggregate access', async (t) => {
  const app = await build(t);
  const beleid = await loginAs(app, 'beleid');
  const ask = (period: string, headers = beleid) => app.inject({ method: 'POST', url: '/api/v1/council-reports', headers, payload: { period } });
  const future = await ask(`${new Date().getFullYear() + 1}-H1`);
  assert.deepEqual([future.statusCode, future.json().field], [400, 'period']);
  const wrong = await ask('2026-H3');
  assert.deepEqual([wrong.statusCode, wrong.json().code, wrong.json().field], [400, 'validation', 'period']);
  const balie = await ask('2025-H2', await loginAs(app, 'balie'));
  assert.deepEqual([balie.statusCode, balie.json().code], [403, 'role_forbidden']);
  assert.equal((await app.db.query('SELECT 1 FROM council_reports')).length, 0, 'nothing was queued');
});
