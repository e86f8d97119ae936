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
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/demo/org-data.ts';
import { adminUrl, benchDbUrl, loadClients } from './load-clients.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '15' }, concurrency: { type: 'string', default: '50' }, clients: { type: 'string', default: '100000' } } });
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const N = Number(values.clients);
const dbUrl = new URL(benchDbUrl);

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
  const data = await loadClients(N);
  console.error(`Loaded ${data.n} clients (${data.jansen} named Jansen) in ${data.loadSeconds.toFixed(1)} s`);
  const port = 18000 + Math.floor(Math.random() * 1000);
  const server = spawn(process.execPath, ['src/cli.ts', 'start'], {
    env: { ...process.env, DATABASE_URL: dbUrl.toString(), PORT: String(port), HOST: '127.0.0.1', WEGWIJS_LOG_LEVEL: 'warn', WEGWIJS_JOBS: 'false', WEGWIJS_REQUIRE_MFA: 'false',
      WEGWIJS_AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      WEGWIJS_AUDIT_CHECKPOINT_DIR: mkdtempSync(join(tmpdir(), 'wegwijs-bench-audit-')) },
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
