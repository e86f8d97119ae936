/**
 * What the audit trail costs, in one run, on PostgreSQL with 100k clients (bench/load-clients.ts):
 *   - the API with the audit trail on (rows appended, sealed by the sequencer, checkpoints signed);
 *   - the API with the audit writer off (WEGWIJS_BENCH_AUDIT_OFF=1, a bench-only switch);
 *   - the raw SQL of the BSN search alone (no HTTP, no session, no audit).
 * Reads: client search by BSN (POST /api/v1/client-searches) and opening a client page
 * (GET /api/v1/clients/{id}), as the desk worker 'balie'. The server runs in its own process;
 * this process is the load generator (node:http with keep-alive, no extra dependency).
 * Usage:
 *   node_modules/.bin/node bench/audit-load.ts [--seconds 15] [--concurrency 50] [--clients 100000] [--profile]
 * --profile runs the audit-on server under --cpu-prof and prints where its CPU time went.
 * Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test); it creates
 * and drops its own database `wegwijs_bench`. Prints Markdown for docs/performance.md.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/demo/org-data.ts';
import { benchDbUrl, dropBenchDb, loadClients } from './load-clients.ts';

const { values } = parseArgs({ options: {
  seconds: { type: 'string', default: '15' }, concurrency: { type: 'string', default: '50' }, clients: { type: 'string', default: '100000' },
  profile: { type: 'boolean', default: false },
} });
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const N = Number(values.clients);

type Result = { name: string; count: number; errors: number; p50: number; p95: number; p99: number; rps: number; commitsPerRequest?: number };

/** CONCURRENCY loops for SECONDS, each awaiting its previous request (closed loop, like 50 users without think time). */
async function drive(name: string, once: (i: number) => Promise<boolean>, seconds = SECONDS): Promise<Result> {
  const lat: number[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  let i = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < end) {
      const t = performance.now();
      const ok = await once(i++);
      lat.push(performance.now() - t);
      if (!ok) errors++;
    }
  }));
  lat.sort((a, b) => a - b);
  const q = (p: number) => Number(lat[Math.min(lat.length - 1, Math.floor(lat.length * p))]!.toFixed(1));
  return { name, count: lat.length, errors, p50: q(0.5), p95: q(0.95), p99: q(0.99), rps: Math.round(lat.length / seconds) };
}

function client(port: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let headers: Record<string, string> = {};
  const request = (method: string, path: string, body?: object) => new Promise<{ status: number; text: string }>((resolve, reject) => {
    const payload = body ? JSON.stringify(body) : undefined;
    const req = http.request({ host: '127.0.0.1', port, method, path, agent,
      headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(payload);
  });
  return {
    request,
    async login(username: string) {
      const res = await new Promise<http.IncomingMessage & { body?: string }>((resolve, reject) => {
        const payload = JSON.stringify({ username, password: DEMO_PASSWORD });
        const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/session', agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (r) => {
          let b = '';
          r.on('data', (c) => { b += c; });
          r.on('end', () => resolve(Object.assign(r, { body: b })));
        });
        req.on('error', reject);
        req.end(payload);
      });
      if (res.statusCode !== 200) throw new Error(`login ${res.statusCode}: ${res.body}`);
      const cookie = String(res.headers['set-cookie']?.find((c) => c.startsWith('wegwijs_session='))).split(';')[0]!;
      headers = { cookie, 'x-csrf-token': (JSON.parse(res.body!) as { csrfToken: string }).csrfToken };
    },
    close: () => agent.destroy(),
  };
}

async function startServer(env: Record<string, string>, profileDir?: string): Promise<{ proc: ChildProcess; port: number }> {
  const port = 18000 + Math.floor(Math.random() * 1000);
  const proc = spawn(process.execPath, [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), 'src/cli.ts', 'start'], {
    env: { ...process.env, DATABASE_URL: benchDbUrl, PORT: String(port), HOST: '127.0.0.1', WEGWIJS_LOG_LEVEL: 'warn', WEGWIJS_JOBS: 'false',
      WEGWIJS_REQUIRE_MFA: 'false', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let k = 0; k < 150; k++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/ready`)).ok) return { proc, port };
    } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become ready');
}

async function stopServer(proc: ChildProcess) {
  const exited = new Promise((r) => proc.on('exit', r));
  proc.kill('SIGTERM');
  await exited;
}

/** Transactions (read-only ones included) committed in the bench database per request, from pg_stat_database. */
async function withCommits(pool: pg.Pool, run: () => Promise<Result>): Promise<Result> {
  const commits = async () => {
    // Backends report their counts when idle, at the latest after 10 s (PostgreSQL 15+).
    await new Promise((r) => setTimeout(r, 11_000));
    return Number((await pool.query(`SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()`)).rows[0].xact_commit);
  };
  const c0 = await commits();
  const r = await run();
  return { ...r, commitsPerRequest: Number(((await commits() - c0) / r.count).toFixed(2)) };
}

/** Self time per function from a V8 .cpuprofile, the top n, as percentages of all samples. */
function topFunctions(file: string, n = 25): string[] {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[];
  };
  const byId = new Map(prof.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  for (const s of prof.samples) {
    const f = byId.get(s)!.callFrame;
    const where = f.url ? `${f.url.replace(/^.*\/(node_modules\/)?/, (_m, nm) => (nm ? 'node_modules/' : ''))}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, v]) => `${((100 * v) / prof.samples.length).toFixed(1).padStart(5)} %  ${k}`);
}

/** The SQL the API runs for a desk worker's BSN search (src/modules/clients/search.ts), without HTTP, session or audit. */
const RAW_BSN_SEARCH = `SELECT c.id, c.bsn, c.first_names, c.surname_prefix, c.surname, c.name_usage, c.partner_surname_prefix,
    c.partner_surname, c.birth_date::text AS birth_date, c.postcode, c.house_number, c.house_number_addition,
    (EXISTS (SELECT 1 FROM client_relations vr WHERE vr.client_id = c.id AND (vr.user_id = $2 OR vr.team_id = ANY($3::uuid[]))
       AND (vr.until IS NULL OR vr.until > now()))
     OR (SELECT vb.id FROM break_glass vb WHERE vb.client_id = c.id AND vb.user_id = $2 AND vb.expires_at > now()
         ORDER BY vb.expires_at DESC LIMIT 1) IS NOT NULL) AS visible,
    ARRAY(SELECT DISTINCT t.name FROM client_relations r JOIN teams t ON t.id = r.team_id
          WHERE r.client_id = c.id AND (r.until IS NULL OR r.until > now()) ORDER BY t.name) AS registered_at
  FROM clients c WHERE c.merged_into IS NULL AND c.bsn = $1 ORDER BY c.surname_key, c.birth_date, c.id LIMIT 50`;

async function main() {
  console.error(`Loading ${N} clients …`);
  const data = await loadClients(N);
  console.error(`Loaded ${data.n} clients in ${data.loadSeconds.toFixed(1)} s`);
  const pool = new pg.Pool({ connectionString: benchDbUrl, max: CONCURRENCY });
  const ids = (await pool.query<{ id: string }>(`SELECT r.client_id AS id FROM client_relations r JOIN teams t ON t.id = r.team_id
    WHERE t.name = 'VraagWijzer Centrum' ORDER BY random() LIMIT 500`)).rows.map((r) => r.id);
  const [desk] = (await pool.query<{ id: string; teams: string[] }>(`SELECT u.id, array_agg(m.team_id) AS teams FROM users u
    JOIN team_members m ON m.user_id = u.id WHERE u.username = 'balie' GROUP BY u.id`)).rows;
  const bsns = data.sample.map((s) => s.bsn);
  const checkpointDir = mkdtempSync(join(tmpdir(), 'wegwijs-bench-audit-'));
  const profileDir = values.profile ? mkdtempSync(join(tmpdir(), 'wegwijs-bench-prof-')) : undefined;
  const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const results: Result[] = [];
  const notes: string[] = [];
  try {
    for (const mode of ['on', 'off'] as const) {
      const label = mode === 'on' ? 'API, audit on' : 'API, audit writer off';
      const { proc, port } = await startServer({ WEGWIJS_AUDIT_SIGNING_KEY: key, WEGWIJS_AUDIT_CHECKPOINT_DIR: checkpointDir,
        WEGWIJS_BENCH_AUDIT_OFF: mode === 'off' ? '1' : '0' }, mode === 'on' ? profileDir : undefined);
      const api = client(port);
      try {
        await api.login('balie');
        const search = async (i: number) => (await api.request('POST', '/api/v1/client-searches', { bsn: bsns[i % bsns.length] })).status === 200;
        const open = async (i: number) => (await api.request('GET', `/api/v1/clients/${ids[i % ids.length]}`)).status === 200;
        // Warm-up: JIT, connection pools, plans.
        await drive('warm-up', search, 3);
        await drive('warm-up', open, 3);
        const before = Number((await pool.query('SELECT count(*) AS n FROM audit_log')).rows[0].n);
        results.push(await withCommits(pool, () => drive(`${label}: BSN search`, search)));
        results.push(await withCommits(pool, () => drive(`${label}: open client page`, open)));
        const written = Number((await pool.query('SELECT count(*) AS n FROM audit_log')).rows[0].n) - before;
        if (mode === 'on') {
          // How long until the sequencer has sealed everything written under load.
          const t0 = Date.now();
          while (Number((await pool.query('SELECT count(*) AS n FROM audit_log WHERE seq IS NULL')).rows[0].n) > 0) await new Promise((r) => setTimeout(r, 50));
          notes.push(`audit on: ${written} audit rows written during the runs; all sealed ${((Date.now() - t0) / 1000).toFixed(1)} s after the load stopped`);
        } else {
          notes.push(`audit writer off: ${written} audit rows written during the runs`);
        }
      } finally {
        api.close();
        await stopServer(proc);
      }
    }
    results.push(await withCommits(pool, () => drive('raw SQL: BSN search alone (no HTTP, session or audit)', async (i) => {
      await pool.query(RAW_BSN_SEARCH, [bsns[i % bsns.length], desk!.id, desk!.teams]);
      return true;
    })));
    const on = results.find((r) => r.name.startsWith('API, audit on: BSN'))!;
    const off = results.find((r) => r.name.startsWith('API, audit writer off: BSN'))!;
    const onPage = results.find((r) => r.name.startsWith('API, audit on: open'))!;
    const offPage = results.find((r) => r.name.startsWith('API, audit writer off: open'))!;
    console.log(`\nAudit load, ${data.n} clients, ${CONCURRENCY} concurrent, ${SECONDS} s each, ${cpus().length} cores, ${new Date().toISOString().slice(0, 16)}Z\n`);
    console.log('| read | requests/s | p50 ms | p95 ms | p99 ms | errors | transactions/request |\n|---|---|---|---|---|---|---|');
    for (const r of results) console.log(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.commitsPerRequest ?? ''} |`);
    console.log(`\nAudit cost (throughput lost with the audit on): BSN search ${(100 * (1 - on.rps / off.rps)).toFixed(1)} %, client page ${(100 * (1 - onPage.rps / offPage.rps)).toFixed(1)} % (target ≤ 20 %)`);
    console.log(`BSN search with audit: p95 ${on.p95} ms (target < 50 ms), ${on.rps} req/s (target ≥ 1,000)`);
    for (const n of notes) console.log(`- ${n}`);
    if (profileDir) {
      const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
      if (file) console.log(`\nServer CPU profile (audit on), self time:\n\n\`\`\`\n${topFunctions(join(profileDir, file)).join('\n')}\n\`\`\``);
    }
  } finally {
    await pool.end();
    rmSync(checkpointDir, { recursive: true, force: true });
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    await dropBenchDb();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
