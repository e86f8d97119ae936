/**
 * Caseloads at scale (issue 16): one neighbourhood team with 2,000 open trajectories (and 18,000
 * more in other teams, 6,000 closed ones), on PostgreSQL, through the HTTP API of a server in its
 * own process. Measures the caseload list (first page, pages filtered by clock state, a page further
 * on by cursor), "my cases" and the team lead's overview, at 50 concurrent users:
 *   - closed loop: 50 users each sending their next request as soon as the previous answered (no think time);
 *   - paced: 50 users each opening a page about once a second (think time 0.5–1.5 s).
 * The trajectories are written into the app's own tables (clients, client_relations, trajectories,
 * trajectory_actions, referrals) with a realistic spread of stages and dates; their caseload keys
 * are computed by the app's own code (refreshClockKeys → caseloadKeysOf), as after migration 280.
 *
 *   node_modules/.bin/node bench/caseload.ts [--seconds 15] [--concurrency 50] [--keep]
 *
 * Needs PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/); creates and
 * drops its own database `wegwijs_bench_caseload` (--keep leaves it). Prints Markdown for docs/performance.md.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/demo/org-data.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { refreshClockKeys } from '../src/modules/casework/clock-keys.ts';
import { addDays, amsterdamDate } from '../src/modules/legal-terms/legal-terms.ts';
import { openPostgres } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';

const { values } = parseArgs({ options: {
  seconds: { type: 'string', default: '15' }, concurrency: { type: 'string', default: '50' }, keep: { type: 'boolean', default: false },
  'load-only': { type: 'boolean', default: false },
} });
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const TEAM_OPEN = 2000;
const OTHER_OPEN = 18_000;
const CLOSED = 6000;
const DB_NAME = 'wegwijs_bench_caseload';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/';
const benchUrl = (() => { const u = new URL(adminUrl); u.pathname = `/${DB_NAME}`; return u.toString(); })();

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl.replace(/\/$/, '/postgres') });
  await c.connect();
  await c.query(sql);
  await c.end();
}

/** A deterministic spread in [0, 1) per (k, salt): an integer hash, so that the draws for one k do not follow each other. */
function frac(k: number, salt: number): number {
  let h = Math.imul(k ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

type Action = { type: string; on: string; outcome?: string; untilOn?: string; reason?: string };
/**
 * The actions of one trajectory, `k` picking its stage and dates: 25% in intake (referred 0–70 days
 * ago, so some plans are due, at risk or late), 10% plan agreed and waiting to start, 50% in
 * progress (started 0–16 months ago; evaluations mostly kept, some late; a few extended), 15% in
 * an evaluation; `closed` adds a close.
 */
function actionsFor(k: number, today: string, closed: boolean): { receivedOn: string; actions: Action[] } {
  const r = frac(k, 1);
  const stage = r < 0.25 ? 'intake' : r < 0.35 ? 'plan_agreed' : r < 0.85 ? 'in_progress' : 'evaluation';
  const a: Action[] = [];
  if (stage === 'intake') {
    const receivedOn = addDays(today, -Math.floor(frac(k, 2) * 70));
    a.push({ type: 'opened', on: receivedOn });
    return { receivedOn, actions: closed ? [...a, { type: 'closed', on: today, outcome: 'client_stopped' }] : a };
  }
  const startAgo = stage === 'plan_agreed' ? Math.floor(frac(k, 3) * 40) : 5 + Math.floor(frac(k, 3) * 480);
  const planToStart = 1 + Math.floor(frac(k, 4) * 20);
  const receivedToPlan = 14 + Math.floor(frac(k, 5) * 56);
  const startOn = addDays(today, -startAgo);
  const planOn = addDays(startOn, stage === 'plan_agreed' ? 0 : -planToStart);
  const receivedOn = addDays(planOn, -receivedToPlan);
  a.push({ type: 'opened', on: receivedOn }, { type: 'plan_agreed', on: planOn });
  if (stage !== 'plan_agreed') {
    a.push({ type: 'support_started', on: startOn });
    // An evaluation about every three months; one in five skipped the last one (now late).
    let on = startOn;
    const skip = frac(k, 6) < 0.2;
    for (let n = 0; addDays(on, 92) < addDays(today, skip ? -92 : 0); n++) {
      on = addDays(on, 88 + Math.floor(frac(k + n, 7) * 8));
      a.push({ type: 'evaluation_started', on }, { type: 'evaluation_finished', on });
    }
    if (startAgo > 330 && frac(k, 8) < 0.3) {
      a.push({ type: 'extension_requested', on: on, reason: 'Schulden nog niet op orde', untilOn: addDays(startOn, 540) }, { type: 'extension_approved', on: on });
    }
    if (stage === 'evaluation') a.push({ type: 'evaluation_started', on: addDays(on, 1) > today ? on : addDays(on, 1) });
  }
  if (closed) a.push({ type: 'closed', on: today, outcome: 'goal_reached' });
  return { receivedOn, actions: a };
}

async function load() {
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB_NAME}`);
  const db = await openPostgres(benchUrl);
  await migrate(db);
  await seedDemo(db);
  const t0 = Date.now();
  const today = amsterdamDate(new Date());
  const teams = await db.query<{ id: string; name: string }>(`SELECT id, name FROM teams WHERE kind = 'neighbourhood_team' ORDER BY name`);
  const team = teams.find((t) => t.name === 'Wijkteam Oude Noorden')!;
  const others = teams.filter((t) => t.id !== team.id);
  // A team of twelve: the demo's three and nine more professionals (no login needed).
  const demo = await db.query<{ id: string }>(`SELECT u.id FROM users u WHERE u.username IN ('wijkteam', 'wmo', 'teamleider') ORDER BY u.username DESC`);
  const [{ hash }] = await db.query<{ hash: string }>(`SELECT password_hash AS hash FROM users WHERE username = 'wijkteam'`) as [{ hash: string }];
  const extra: string[] = [];
  for (let i = 1; i <= 9; i++) {
    const [u] = await db.query<{ id: string }>(`INSERT INTO users (username, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id`,
      [`bench${i}`, `Professional ${String(i).padStart(2, '0')}`, hash]);
    await db.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'team_worker')`, [u!.id]);
    await db.query(`INSERT INTO team_members (user_id, team_id) VALUES ($1, $2)`, [u!.id, team.id]);
    extra.push(u!.id);
  }
  const pros = [...demo.map((u) => u.id), ...extra];

  const total = TEAM_OPEN + OTHER_OPEN + CLOSED;
  for (let start = 0; start < total; start += 2000) {
    const n = Math.min(2000, total - start);
    const ks = Array.from({ length: n }, (_, j) => start + j);
    const clientIds = ks.map(() => randomUUID());
    await db.query(`INSERT INTO clients (id, first_names, surname, surname_key, birth_date, postcode, house_number)
       SELECT i, 'Sam', s, lower(s), date '1950-01-01' + (k % 20000), '3031BB', 1 + k % 300 FROM unnest($1::uuid[], $2::text[], $3::int[]) AS x(i, s, k)`,
      [clientIds, ks.map((k) => `Caseload${k}`), ks]);
    const rows = ks.map((k, j) => {
      const inTeam = k < TEAM_OPEN;
      const closed = k >= TEAM_OPEN + OTHER_OPEN;
      const teamId = inTeam ? team.id : others[k % others.length]!.id;
      const { receivedOn, actions } = actionsFor(k, today, closed);
      return { k, clientId: clientIds[j]!, teamId, pro: inTeam ? pros[k % pros.length]! : null, receivedOn, actions };
    });
    await db.query(`INSERT INTO client_relations (client_id, team_id, reason) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])`,
      [rows.map((r) => r.clientId), rows.map((r) => r.teamId), rows.map(() => 'referral')]);
    const ids = rows.map(() => randomUUID());
    await db.query(`INSERT INTO trajectories (id, client_id, team_id, professional_user_id, received_on, status)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::date[], $6::text[])`,
      [ids, rows.map((r) => r.clientId), rows.map((r) => r.teamId), rows.map((r) => r.pro), rows.map((r) => r.receivedOn), rows.map((r) => statusOfStage(r.actions))]);
    const acts = rows.flatMap((r, j) => r.actions.map((a) => ({ ...a, trajectoryId: ids[j]! })));
    await db.query(`INSERT INTO trajectory_actions (trajectory_id, type, occurred_on, outcome, until_on, reason)
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::text[], $5::date[], $6::text[])`,
      [acts.map((a) => a.trajectoryId), acts.map((a) => a.type), acts.map((a) => a.on), acts.map((a) => a.outcome ?? null), acts.map((a) => a.untilOn ?? null), acts.map((a) => a.reason ?? null)]);
  }
  // 60 referrals not yet accepted in the team's inbox (the waiting list's first part).
  const waiting = (await db.query<{ id: string }>(
    `INSERT INTO clients (first_names, surname, surname_key, birth_date, postcode, house_number)
     SELECT 'Wacht', 'Inbox' || k, 'inbox' || k, date '1960-01-01' + k, '3031BB', k FROM generate_series(1, 60) AS k RETURNING id`)).map((r) => r.id);
  await db.query(`INSERT INTO client_relations (client_id, team_id, reason) SELECT c, $2, 'referral' FROM unnest($1::uuid[]) AS c`, [waiting, team.id]);
  await db.query(`INSERT INTO referrals (client_id, team_id, source, reason, life_domains, urgency, received_at)
    SELECT c, $2, 'desk', 'Hulp bij de administratie', ARRAY['finances_debts'], 'normal', now() - (o || ' days')::interval
    FROM unnest($1::uuid[]) WITH ORDINALITY AS x(c, o)`, [waiting, team.id]);
  const loadS = (Date.now() - t0) / 1000;
  const t1 = Date.now();
  const computed = await refreshClockKeys(db);
  const keysS = (Date.now() - t1) / 1000;
  await db.query('ANALYZE');
  const spread = await db.query<{ state: string; n: number }>(
    `SELECT CASE WHEN due_on IS NULL THEN 'no clock running' WHEN due_on < $2 THEN 'overdue' WHEN at_risk_on <= $2 THEN 'at risk' ELSE 'on time' END AS state, count(*)::int AS n
     FROM trajectories WHERE team_id = $1 AND status <> 'closed' GROUP BY 1 ORDER BY 1`, [team.id, today]);
  const stages = await db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM trajectories WHERE team_id = $1 GROUP BY 1 ORDER BY 1`, [team.id]);
  const [{ plan, long }] = await db.query<{ plan: number; long: number }>(
    `SELECT count(*) FILTER (WHERE plan_due_on < $2)::int AS plan, count(*) FILTER (WHERE max_duration_on < $2)::int AS long
     FROM trajectories WHERE team_id = $1 AND status <> 'closed'`, [team.id, today]) as [{ plan: number; long: number }];
  await db.close();
  return { teamId: team.id, loadS, keysS, computed, spread, stages, plan, long };
}

const statusOfStage = (actions: Action[]) => {
  const last = [...actions].reverse().find((a) => ['opened', 'plan_agreed', 'support_started', 'evaluation_started', 'evaluation_finished', 'closed'].includes(a.type))!;
  return ({ opened: 'intake', plan_agreed: 'plan_agreed', support_started: 'in_progress', evaluation_started: 'evaluation', evaluation_finished: 'in_progress', closed: 'closed' } as Record<string, string>)[last.type]!;
};

type Result = { name: string; count: number; errors: number; p50: number; p95: number; p99: number; rps: number; cpuMs?: number };

/** CPU time (user + system) the server process has used so far, in ms (Linux /proc, 100 ticks a second). */
const cpuOf = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
/** The drive, with the server's CPU time per request: what a request costs whatever else the machine is doing. */
async function withCpu(pid: number, run: () => Promise<Result>): Promise<Result> {
  const c0 = cpuOf(pid);
  const r = await run();
  return { ...r, cpuMs: Number(((cpuOf(pid) - c0) / r.count).toFixed(1)) };
}

const driveN = (users: number, name: string, once: (i: number) => Promise<boolean>, seconds: number) => drive(name, once, () => 0, seconds, users);

/** `users` (CONCURRENCY) users for SECONDS; each awaits its answer, then thinks `think()` ms. */
async function drive(name: string, once: (i: number) => Promise<boolean>, think: () => number, seconds = SECONDS, users = CONCURRENCY): Promise<Result> {
  const lat: number[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  let i = 0;
  await Promise.all(Array.from({ length: users }, async (_, u) => {
    // Paced users start spread over their first think time, as users arriving do.
    const first = think();
    if (first > 0) await new Promise((r) => setTimeout(r, (first * u) / users));
    while (Date.now() < end) {
      const t = performance.now();
      const ok = await once(i++);
      lat.push(performance.now() - t);
      if (!ok) errors++;
      const pause = think();
      if (pause > 0) await new Promise((r) => setTimeout(r, pause));
    }
  }));
  lat.sort((a, b) => a - b);
  const q = (p: number) => Number(lat[Math.min(lat.length - 1, Math.floor(lat.length * p))]!.toFixed(1));
  return { name, count: lat.length, errors, p50: q(0.5), p95: q(0.95), p99: q(0.99), rps: Math.round(lat.length / seconds) };
}

function client(port: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const request = (path: string, headers: Record<string, string>, method = 'GET', body?: string) =>
    new Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path, agent,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), headers: res.headers }));
      });
      req.on('error', reject);
      req.end(body);
    });
  return {
    request,
    async login(username: string) {
      const res = await request('/api/v1/session', {}, 'POST', JSON.stringify({ username, password: DEMO_PASSWORD }));
      if (res.status !== 200) throw new Error(`login ${res.status}: ${res.text}`);
      const cookie = String([res.headers['set-cookie']].flat().find((c) => c?.startsWith('wegwijs_session='))).split(';')[0]!;
      return { cookie };
    },
    close: () => agent.destroy(),
  };
}

async function startServer(): Promise<{ proc: ChildProcess; port: number; dir: string }> {
  const port = 19000 + Math.floor(Math.random() * 1000);
  const dir = mkdtempSync(join(tmpdir(), 'wegwijs-bench-caseload-'));
  const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const proc = spawn(process.execPath, ['src/cli.ts', 'start'], {
    env: { ...process.env, DATABASE_URL: benchUrl, PORT: String(port), HOST: '127.0.0.1', WEGWIJS_LOG_LEVEL: 'warn', WEGWIJS_JOBS: 'false',
      WEGWIJS_REQUIRE_MFA: 'false', WEGWIJS_AUDIT_SIGNING_KEY: key, WEGWIJS_AUDIT_CHECKPOINT_DIR: dir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let k = 0; k < 300; k++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/ready`)).ok) return { proc, port, dir };
    } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become ready');
}

async function main() {
  console.error('Loading …');
  const data = await load();
  console.error(`Loaded in ${data.loadS.toFixed(1)} s; caseload keys of ${data.computed} trajectories in ${data.keysS.toFixed(1)} s`);
  if (values['load-only']) return console.log(JSON.stringify(data));
  const { proc, port, dir } = await startServer();
  const api = client(port);
  const results: Result[] = [];
  const load0 = loadavg()[0]!;
  try {
    const lead = await api.login('teamleider');
    const wim = await api.login('wijkteam');
    const team = `/api/v1/teams/${data.teamId}/caseload`;
    // A cursor into the middle of the overdue list (its third page), as a user paging on would send.
    const p1 = JSON.parse((await api.request(`${team}?state=at_risk&limit=50`, lead)).text) as { nextCursor: string };
    const p2 = JSON.parse((await api.request(`${team}?state=at_risk&limit=50&cursor=${p1.nextCursor}`, lead)).text) as { nextCursor: string };
    const first = JSON.parse((await api.request(team, lead)).text) as { counts: Record<string, number> };
    const reads: [string, string, { cookie: string }][] = [
      ['team caseload, first page (50 of 2,000, most urgent first)', team, lead],
      ['team caseload, overdue only, first page', `${team}?state=overdue`, lead],
      ['team caseload, at risk only, third page (cursor)', `${team}?state=at_risk&cursor=${p2.nextCursor}`, lead],
      ['team caseload, on time, longest waiting first', `${team}?state=on_time&sort=oldest`, lead],
      ['my cases (one professional, ~170), first page', '/api/v1/caseload', wim],
      ['team lead overview (per professional, waiting list)', `/api/v1/teams/${data.teamId}/caseload-overview`, lead],
    ];
    const get = (path: string, h: { cookie: string }) => async () => (await api.request(path, h)).status === 200;
    for (const [, path, h] of reads) await drive('warm-up', get(path, h), () => 0, 2);
    const mixed = async (i: number) => { const [, path, h] = reads[i % reads.length]!; return (await api.request(path, h)).status === 200; };
    const pid = proc.pid!;
    const single: Result[] = [];
    for (const [name, path, h] of reads) {
      // One user alone: what the request takes when nothing else of ours runs.
      single.push(await withCpu(pid, () => driveN(1, name, get(path, h), 4)));
    }
    for (const [name, path, h] of reads) results.push(await withCpu(pid, () => drive(`closed loop: ${name}`, get(path, h), () => 0)));
    results.push(await withCpu(pid, () => drive('closed loop: all six mixed', mixed, () => 0)));
    results.push(await withCpu(pid, () => drive('paced (a page per user per ~1 s): all six mixed', mixed, () => 500 + Math.random() * 1000)));
    results.unshift(...single.map((r) => ({ ...r, name: `one user alone: ${r.name}` })));
    console.log(`\nCaseloads: ${TEAM_OPEN} open trajectories in one team (${OTHER_OPEN} open in other teams, ${CLOSED} closed), ${CONCURRENCY} concurrent users, ${SECONDS} s each,`
      + ` ${cpus().length} cores (${cpus()[0]?.model}), load average before ${load0.toFixed(1)}, after ${loadavg()[0]!.toFixed(1)}, ${new Date().toISOString().slice(0, 16)}Z\n`);
    console.log(`Team: ${data.stages.map((s) => `${s.status} ${s.n}`).join(', ')}; most urgent clock: ${data.spread.map((s) => `${s.state} ${s.n}`).join(', ')};`
      + ` plans overdue ${data.plan}, over 12 months ${data.long}; list counts ${JSON.stringify(first.counts)}. Load ${data.loadS.toFixed(0)} s, keys computed for ${data.computed} trajectories in ${data.keysS.toFixed(1)} s.\n`);
    console.log('| read | requests/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms/request |\n|---|---|---|---|---|---|---|');
    for (const r of results) console.log(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.cpuMs ?? ''} |`);
  } finally {
    api.close();
    const exited = new Promise((r) => proc.on('exit', r));
    proc.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
    if (!values.keep) await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
