/**
 * The council report and the figures pages at Rotterdam scale (issue 19): five years of
 * registrations — 1,000,000 contacts, 250,000 Wmo meldingen with their steps, 250,000
 * trajectories with theirs, 60,000 indications — written straight into the same tables the app
 * uses (generate_series in SQL: the app's own paths would take hours), on PostgreSQL.
 * Measures: the half-year report job (makeReport) and the two figures a dashboard page asks for,
 * at 20 concurrent users through the app (inject: the server's work without the network).
 *
 *   node_modules/.bin/node bench/council-report.ts [--skip-load] [--dashboard-only]
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import { DEMO_PASSWORD } from '../src/demo/org-data.ts';
import { amsterdamDate } from '../src/modules/legal-terms/legal-terms.ts';
import { makeReport, requestReport } from '../src/modules/monitor/council-report-store.ts';
import { keepWmoClockFacts } from '../src/modules/wmo/figures.ts';
import { refreshClockKeys } from '../src/modules/casework/clock-keys.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openPostgres } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { benchDbUrl, loadClients } from './load-clients.ts';

const skipLoad = process.argv.includes('--skip-load');
const ms = (t0: number) => Math.round(performance.now() - t0);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)]!;

if (!skipLoad) {
  const t0 = performance.now();
  await loadClients(100_000);
  const db = await openPostgres(benchDbUrl);
  await db.exec(`
    CREATE TEMP TABLE c AS SELECT id, row_number() OVER (ORDER BY id) AS rn FROM clients;
    CREATE UNIQUE INDEX ON c (rn);
    CREATE TEMP TABLE t AS SELECT id, row_number() OVER (ORDER BY name) AS rn FROM teams WHERE kind = 'neighbourhood_team';
    CREATE TEMP TABLE d AS SELECT id, row_number() OVER (ORDER BY name) AS rn FROM teams WHERE kind = 'desk';
  `);
  const [{ nc, nt, nd }] = await db.query<{ nc: number; nt: number; nd: number }>(
    'SELECT (SELECT count(*) FROM c)::int AS nc, (SELECT count(*) FROM t)::int AS nt, (SELECT count(*) FROM d)::int AS nd') as [{ nc: number; nt: number; nd: number }];
  // 1,000,000 contacts from 1 January 2022, every ~2.6 minutes; one in ten anonymous advice.
  await db.query(`INSERT INTO contacts (client_id, channel, team_id, question, life_domains, outcome, contacted_at)
    SELECT CASE WHEN i % 10 = 0 THEN NULL ELSE (SELECT id FROM c WHERE rn = 1 + (i::bigint * 7919) % $1) END,
      (ARRAY['phone','digital','desk','home_visit'])[1 + i % 4],
      CASE WHEN i % 3 = 0 THEN (SELECT id FROM t WHERE rn = 1 + i % $2) ELSE (SELECT id FROM d WHERE rn = 1 + i % $3) END,
      'bench', ARRAY['housing'], CASE WHEN i % 10 = 0 THEN 1 ELSE 1 + i % 5 END,
      timestamptz '2022-01-01 09:00+01' + (i * interval '157 seconds')
    FROM generate_series(1, 1000000) AS i`, [nc, nt, nd]);
  // 250,000 meldingen; 90% get a verslag after 20–50 days and an aanvraag, 85% a decision 5–19 days later.
  await db.query(`INSERT INTO wmo_notifications (client_id, notified_on, channel, team_id, inbox_team_id)
    SELECT (SELECT id FROM c WHERE rn = 1 + (i::bigint * 104729) % $1), date '2022-01-01' + (i * 1795 / 250000), 'phone', x.id, x.id
    FROM generate_series(1, 250000) AS i JOIN t x ON x.rn = 1 + i % $2`, [nc, nt]);
  await db.exec(`
    CREATE TEMP TABLE m AS SELECT id, notified_on, row_number() OVER (ORDER BY notified_on, id) AS rn FROM wmo_notifications;
    INSERT INTO wmo_actions (notification_id, type, on_date) SELECT id, 'startAssessment', notified_on FROM m;
    INSERT INTO wmo_actions (notification_id, type, on_date)
      SELECT id, k, notified_on + 20 + (rn % 31)::int FROM m, unnest(ARRAY['recordReport', 'receiveApplication']) AS k
      WHERE rn % 10 <> 0 AND notified_on + 20 + (rn % 31)::int <= current_date;
    INSERT INTO wmo_actions (notification_id, type, on_date, outcome)
      SELECT id, 'decide', notified_on + 25 + (rn % 31)::int + (rn % 15)::int, 'granted' FROM m
      WHERE rn % 20 NOT IN (0, 1, 2) AND rn % 10 <> 0 AND notified_on + 25 + (rn % 31)::int + (rn % 15)::int <= current_date;
  `);
  // 250,000 trajectories; 80% agree a plan after 14–70 days.
  await db.query(`INSERT INTO trajectories (client_id, team_id, received_on)
    SELECT (SELECT id FROM c WHERE rn = 1 + (i::bigint * 15485863) % $1), x.id, date '2022-01-01' + (i * 1795 / 250000)
    FROM generate_series(1, 250000) AS i JOIN t x ON x.rn = 1 + i % $2`, [nc, nt]);
  await db.exec(`
    CREATE TEMP TABLE tr AS SELECT id, received_on, row_number() OVER (ORDER BY received_on, id) AS rn FROM trajectories;
    INSERT INTO trajectory_actions (trajectory_id, type, occurred_on) SELECT id, 'opened', received_on FROM tr;
    INSERT INTO trajectory_actions (trajectory_id, type, occurred_on)
      SELECT id, 'plan_agreed', received_on + 14 + (rn % 57)::int FROM tr WHERE rn % 5 <> 0 AND received_on + 14 + (rn % 57)::int <= current_date;
  `);
  // 60,000 indications on decided meldingen: 3 hours a week of a demo product for 6–18 months.
  await db.exec(`
    INSERT INTO indications (client_id, wmo_notification_id, product_id, provider_id, volume, valid_from, valid_to, form)
    SELECT n.client_id, n.id, p.id, pr.id, 3, a.on_date + 1, a.on_date + 180 + (a.rn % 360)::int, 'ZIN'
    FROM (SELECT notification_id, on_date, row_number() OVER (ORDER BY id) AS rn FROM wmo_actions WHERE type = 'decide' ORDER BY id LIMIT 60000) a
    JOIN wmo_notifications n ON n.id = a.notification_id
    JOIN products p ON p.code = '01A01' JOIN providers pr ON pr.agb_code = '98010001';
    ANALYZE;
  `);
  const counts = await db.query<{ t: string; n: number }>(`SELECT 'contacts' AS t, count(*)::int AS n FROM contacts UNION ALL SELECT 'wmo_notifications', count(*)::int FROM wmo_notifications
    UNION ALL SELECT 'wmo_actions', count(*)::int FROM wmo_actions UNION ALL SELECT 'trajectories', count(*)::int FROM trajectories
    UNION ALL SELECT 'trajectory_actions', count(*)::int FROM trajectory_actions UNION ALL SELECT 'indications', count(*)::int FROM indications`);
  console.log(`loaded in ${Math.round(ms(t0) / 1000)} s:`, Object.fromEntries(counts.map((r) => [r.t, r.n])));
  await db.close();
}

const db = await openPostgres(benchDbUrl);
await migrate(db); // --skip-load on a database loaded before newer migrations
// Referrals and bankslapers for the dashboard (issue 19), added once to a loaded database: one referral per trajectory (same client,
// team and day; GP, desk, partner, citizen in turn), accepted after 1–10 days, one in twenty returned, those of the last 20 days
// still waiting; and 5,000 clients recorded as bankslaper over the five years.
const [{ n: benchReferrals }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM referrals WHERE reason = 'bench'`) as [{ n: number }];
if (benchReferrals === 0) {
  const t0 = performance.now();
  await db.exec(`
    INSERT INTO referrals (client_id, team_id, source, reason, status, received_at, created_at, updated_at)
      SELECT client_id, team_id, (ARRAY['gp','desk','partner','citizen'])[1 + (row_number() OVER (ORDER BY id))::int % 4], 'bench', 'open',
        received_on + time '10:00', received_on + time '10:00', received_on + time '10:00' FROM trajectories;
    CREATE TEMP TABLE rf AS SELECT id, received_at, row_number() OVER (ORDER BY received_at, id) AS rn FROM referrals WHERE reason = 'bench';
    INSERT INTO referral_actions (referral_id, type, at) SELECT id, 'created', received_at FROM rf;
    INSERT INTO referral_actions (referral_id, type, at)
      SELECT id, CASE WHEN rn % 20 = 0 THEN 'returned' ELSE 'accepted' END, received_at + (1 + rn % 10) * interval '1 day' FROM rf
      WHERE received_at + (1 + rn % 10) * interval '1 day' < now() - interval '20 days';
    UPDATE referrals r SET status = a.type, updated_at = a.at FROM referral_actions a WHERE a.referral_id = r.id AND a.type IN ('accepted', 'returned') AND r.reason = 'bench';
    INSERT INTO client_housing_situations (client_id, situation, since_on, team_id)
      SELECT client_id, 'sofa_surfing', received_on, team_id FROM (SELECT client_id, team_id, received_on, row_number() OVER (ORDER BY id) AS rn FROM trajectories) x WHERE rn % 50 = 0;
    ANALYZE referrals; ANALYZE referral_actions; ANALYZE client_housing_situations;
  `);
  console.log(`referrals and bankslapers added in ${Math.round(ms(t0) / 1000)} s`);
}
// What the job wmo.clock_facts does every five minutes in the app: fold and keep the clocks of the meldingen changed since
// (after a load, all of them; then the report folds only what changed since the job last ran).
{
  const t0 = performance.now();
  const kept = await keepWmoClockFacts(db, amsterdamDate(new Date()));
  console.log(`wmo.clock_facts job: ${kept} meldingen folded and kept in ${ms(t0)} ms`);
}
// What the job casework.clock_keys does every minute: the caseload keys and kept days of trajectories written straight into the table.
{
  const t0 = performance.now();
  const refreshed = await refreshClockKeys(db, null, 5000);
  console.log(`casework.clock_keys job: ${refreshed} trajectories computed in ${ms(t0)} ms`);
  // What autovacuum would do after so many rows changed at once.
  await db.exec('ANALYZE trajectories; ANALYZE wmo_clock_facts;');
}
const [{ id: userId }] = await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'beleid'`) as [{ id: string }];
for (const period of process.argv.includes('--dashboard-only') ? [] : ['2025-H1', '2026-H2']) {
  const times: number[] = [];
  for (let k = 0; k < 3; k++) {
    const id = await requestReport(db, period, userId);
    const t0 = performance.now();
    await makeReport(db, id);
    times.push(ms(t0));
    const [r] = await db.query<{ status: string; error: string | null }>('SELECT status, error FROM council_reports WHERE id = $1', [id]);
    if (r!.status !== 'done') throw new Error(`report ${period}: ${r!.status} ${r!.error}`);
  }
  console.log(`council report ${period}: ${times.join(', ')} ms (median ${pct(times, 50)} ms)`);
}

// A dashboard page: contacts and service norms of one month (and steering for a year), 20 users at once, 5 rounds each.
const app = await buildApp({ config: loadConfig({ WEGWIJS_REQUIRE_MFA: 'false', WEGWIJS_FHIR_WARM_UP: 'false', DATABASE_URL: benchDbUrl }, { demo: true }), db, logger: false });
await app.ready();
const login = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'beleid', password: DEMO_PASSWORD } });
const cookie = login.cookies.find((c) => c.name === 'wegwijs_session')!;
const headers = { cookie: `wegwijs_session=${cookie.value}` };
const urls = ['/api/v1/figures/contacts?from=2026-10-01&to=2026-10-31&channels=council', '/api/v1/figures/service-norms?from=2026-10-01&to=2026-10-31',
  '/api/v1/figures/indications?from=2026-01-01&to=2026-12-31&by=product',
  '/api/v1/figures/dashboard?from=2026-10-01&to=2026-10-31', '/api/v1/figures/dashboard?from=2026-05-01&to=2026-10-31&by=region'];
if (process.argv.includes('--dashboard-only')) urls.splice(0, 3);
// The dashboard's first computation of a selection, before viewers share it (recent-results.ts): what one viewer a minute waits.
for (const url of urls.slice(-2)) {
  const t0 = performance.now();
  const res = await app.inject({ method: 'GET', url, headers });
  console.log(`${url.split('?')[0]} first computation (${new URL(url, 'http://x').search}): ${ms(t0)} ms, status ${res.statusCode}`);
}
for (const url of urls) {
  const times: number[] = [];
  await app.inject({ method: 'GET', url, headers }); // warm
  await Promise.all(Array.from({ length: 20 }, async () => {
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      times.push(performance.now() - t0);
    }
  }));
  console.log(`${url.split('?')[0]} (20 concurrent, ${times.length} requests): p50 ${Math.round(pct(times, 50))} ms, p95 ${Math.round(pct(times, 95))} ms`);
}
await app.close();
await db.close();
