/**
 * Client search at Rotterdam scale, through the real API (HTTP, session, access check, audit row),
 * compared with the naive trigram search in plain SQL on the same data (the raw-SQL anchor in
 * ../shared/bench/raw-sql). Usage:
 *   node_modules/.bin/node bench/search.ts [--seconds 15] [--concurrency 50]
 * Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test); it
 * creates and drops its own database `wegwijs_bench`. Prints a Markdown table for docs/performance.md.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgres } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { DEMO_PASSWORD } from '../src/demo/org-data.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '15' }, concurrency: { type: 'string', default: '50' }, clients: { type: 'string', default: '100000' } } });
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const N = Number(values.clients);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbUrl = new URL(adminUrl);
dbUrl.pathname = '/wegwijs_bench';

const COMMON = ['Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos',
  'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'Yılmaz', 'El Amrani', 'Kaya', 'Öztürk', 'Bouzid'];
const FIRST = ['Fatima', 'Jan', 'Mohamed', 'Anna', 'Piet', 'Sanne', 'Ahmed', 'Emma', 'Daan', 'Noor'];

function bsnFor(i: number): string | null {
  const base = String(10_000_000 + i * 7).padStart(8, '0');
  let s = 0;
  for (let k = 0; k < 8; k++) s += Number(base[k]) * (9 - k);
  const check = s % 11;
  return check === 10 ? null : base + check;
}

async function load() {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS wegwijs_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE wegwijs_bench');
  await admin.end();
  const db = await openPostgres(dbUrl.toString());
  await migrate(db);
  await seedDemo(db);
  const t0 = Date.now();
  // 60% carry one of 25 common surnames (≈2,400 'Jansen'), the rest a long tail.
  for (let start = 0; start < N; start += 10_000) {
    const rows = Array.from({ length: Math.min(10_000, N - start) }, (_, j) => {
      const i = start + j;
      const full = i % 10 < 6 ? COMMON[i % COMMON.length]! : `${['Ber', 'Kor', 'Lin', 'Mos', 'Dal', 'Hup', 'Ves', 'Rij'][i % 8]}${['ker', 'man', 'stra', 'hof', 'dijk', 'sen'][(i >> 3) % 6]}${i % 97}`;
      const m = /^(van den|van der|van|de|den|der|el|al) (.+)$/i.exec(full);
      return { bsn: i % 7 === 3 ? null : bsnFor(i), first: FIRST[i % 10]!, prefix: m ? m[1]! : null, surname: m ? m[2]! : full,
        birth: new Date(Date.UTC(1930, 0, 1) + ((i * 37) % 30000) * 86400000).toISOString().slice(0, 10),
        postcode: `${3000 + (i % 90)}${String.fromCharCode(65 + (i % 18))}${String.fromCharCode(65 + Math.floor(i / 18) % 26)}`, house: 1 + (i % 200) };
    });
    await db.query(
      `INSERT INTO clients (bsn, first_names, surname_prefix, surname, surname_key, birth_date, postcode, house_number)
       SELECT b, f, p, s, lower(unaccent(s)), d::date, pc, h FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])
         AS t(b, f, p, s, d, pc, h)
       ON CONFLICT DO NOTHING`,
      [rows.map((r) => r.bsn), rows.map((r) => r.first), rows.map((r) => r.prefix), rows.map((r) => r.surname), rows.map((r) => r.birth), rows.map((r) => r.postcode), rows.map((r) => r.house)]);
  }
  // The desk worker's desk is involved with one client in five.
  await db.query(`INSERT INTO client_relations (client_id, team_id, reason)
    SELECT c.id, t.id, 'bench' FROM clients c, teams t WHERE t.name = 'VraagWijzer Centrum' AND (('x' || substr(c.id::text, 1, 8))::bit(32)::int % 5) = 0`);
  await db.query('ANALYZE');
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM clients') as [{ n: number }];
  const [{ j }] = await db.query<{ j: number }>(`SELECT count(*)::int AS j FROM clients WHERE surname = 'Jansen'`) as [{ j: number }];
  const sample = await db.query<{ bsn: string; birth_date: string; postcode: string; house_number: number }>(
    `SELECT bsn, birth_date::text, postcode, house_number FROM clients WHERE bsn IS NOT NULL AND surname = 'Jansen' ORDER BY random() LIMIT 500`);
  await db.close();
  return { loadSeconds: (Date.now() - t0) / 1000, n, jansen: j, sample };
}

type Result = { name: string; count: number; p50: number; p95: number; p99: number; tps: number };

async function drive(name: string, once: (i: number) => Promise<void>): Promise<Result> {
  const lat: number[] = [];
  const end = Date.now() + SECONDS * 1000;
  let i = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < end) {
      const t = performance.now();
      await once(i++);
      lat.push(performance.now() - t);
    }
  }));
  lat.sort((a, b) => a - b);
  const q = (p: number) => Number(lat[Math.min(lat.length - 1, Math.floor(lat.length * p))]!.toFixed(1));
  return { name, count: lat.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), tps: Math.round(lat.length / SECONDS) };
}

async function main() {
  console.error(`Loading ${N} clients …`);
  const data = await load();
  console.error(`Loaded ${data.n} clients (${data.jansen} named Jansen) in ${data.loadSeconds.toFixed(1)} s`);
  const port = 18000 + Math.floor(Math.random() * 1000);
  const server = spawn(process.execPath, ['src/cli.ts', 'start'], {
    env: { ...process.env, DATABASE_URL: dbUrl.toString(), PORT: String(port), HOST: '127.0.0.1', WEGWIJS_LOG_LEVEL: 'warn', WEGWIJS_JOBS: 'false', WEGWIJS_REQUIRE_MFA: 'false' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let k = 0; k < 100; k++) {
      try { if ((await fetch(`${base}/ready`)).ok) break; } catch { /* starting */ }
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'balie', password: DEMO_PASSWORD }) });
    const headers = { 'content-type': 'application/json', cookie: login.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
    const search = async (body: object) => {
      const r = await fetch(`${base}/api/v1/client-searches`, { method: 'POST', headers, body: JSON.stringify(body) });
      if (r.status !== 200) throw new Error(`search ${r.status}: ${await r.text()}`);
      await r.arrayBuffer();
    };
    const s = data.sample;
    const results: Result[] = [];
    results.push(await drive('API: BSN (exact)', (i) => search({ bsn: s[i % s.length]!.bsn })));
    results.push(await drive(`API: surname + birth date ("Jansen", 1 of ${data.jansen})`, (i) => search({ name: 'Jansen', birthDate: s[i % s.length]!.birth_date })));
    results.push(await drive('API: postcode + house number', (i) => search({ postcode: s[i % s.length]!.postcode, houseNumber: s[i % s.length]!.house_number })));
    results.push(await drive('API: surname only ("Jansen", first 50 visible)', () => search({ name: 'Jansen' })));
    results.push(await drive('API: surname with a typo ("Jansne", trigram widening)', (i) => search({ name: i % 2 ? 'Jansne' : 'Bakkr' })));
    const pool = new pg.Pool({ connectionString: dbUrl.toString(), max: CONCURRENCY });
    results.push(await drive('raw SQL: naive trigram (% + similarity), no access check', (i) =>
      pool.query(`SELECT id, surname, first_names, birth_date FROM clients WHERE surname_key % $1 ORDER BY similarity(surname_key, $1) DESC LIMIT 20`, [i % 2 ? 'jansne' : 'bakkr']).then(() => {})));
    await pool.end();
    console.log(`\nSearch benchmark, ${data.n} clients (${data.jansen} named Jansen), ${CONCURRENCY} concurrent, ${SECONDS} s each, ${new Date().toISOString().slice(0, 10)}\n`);
    console.log('| read | requests/s | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|');
    for (const r of results) console.log(`| ${r.name} | ${r.tps} | ${r.p50} | ${r.p95} | ${r.p99} |`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.on('exit', r));
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS wegwijs_bench WITH (FORCE)');
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
