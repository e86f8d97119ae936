import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../src/demo/org-data.ts';

const CLI = new URL('../src/cli.ts', import.meta.url).pathname;

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

async function startServer(dataDir: string, extraArgs: string[] = []) {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'start', '--demo', ...extraArgs], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', WEGWIJS_DATA_DIR: dataDir, DATABASE_URL: '', WEGWIJS_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const base = `http://127.0.0.1:${port}`;
  // A first start migrates and seeds an empty embedded database: on a busy machine well over 30 s.
  for (let i = 0; i < 360; i++) {
    try {
      if ((await fetch(`${base}/ready`)).ok) break;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = () => new Promise<number | null>((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
  return { base, stop, output: () => output };
}

test('wegwijs starts on the embedded database, keeps its data across restarts, and shuts down cleanly', { timeout: 300_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'wegwijs-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const first = await startServer(dir);
  const login = await fetch(`${first.base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'beheer', password: DEMO_PASSWORD }) });
  assert.equal(login.status, 200, first.output());
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const created = await fetch(`${first.base}/api/v1/teams`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
    body: JSON.stringify({ name: 'VraagWijzer Blijft', kind: 'desk', deskType: 'vraagwijzer' }) });
  assert.equal(created.status, 201);
  assert.equal(await first.stop(), 0, 'SIGTERM ends the process with exit code 0');

  const second = await startServer(dir);
  const again = await fetch(`${second.base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'beheer', password: DEMO_PASSWORD }) });
  const teams = await (await fetch(`${second.base}/api/v1/teams`, { headers: { cookie: again.headers.get('set-cookie')!.split(';')[0]! } })).json() as { name: string }[];
  assert.ok(teams.some((x: { name: string }) => x.name === 'VraagWijzer Blijft'), 'the team created before the restart is still there');
  assert.equal(await second.stop(), 0);

  // --reset wipes it.
  const third = await startServer(dir, ['--reset']);
  const l3 = await fetch(`${third.base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'beheer', password: DEMO_PASSWORD }) });
  const teams3 = await (await fetch(`${third.base}/api/v1/teams`, { headers: { cookie: l3.headers.get('set-cookie')!.split(';')[0]! } })).json() as { name: string }[];
  assert.ok(!teams3.some((x: { name: string }) => x.name === 'VraagWijzer Blijft'));
  assert.equal(await third.stop(), 0);
});

test('verify-audit reports an intact log with exit code 0', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'wegwijs-cli-'));
  try {
    // Its own checkpoint directory: the demo signing key is generated there, not found in the checkout.
    const env = { ...process.env, WEGWIJS_DATA_DIR: join(dir, 'data'), WEGWIJS_AUDIT_CHECKPOINT_DIR: join(dir, 'checkpoints'), DATABASE_URL: '', WEGWIJS_AUDIT_SIGNING_KEY: '' };
    assert.equal(spawnSync(process.execPath, [CLI, 'reset'], { env }).status, 0);
    const r = spawnSync(process.execPath, [CLI, 'verify-audit', '--demo'], { env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Audit log intact/);
    // Outside the demo there is no generated key: verification refuses to run without the configured one.
    const noKey = spawnSync(process.execPath, [CLI, 'verify-audit'], { env, encoding: 'utf8' });
    assert.equal(noKey.status, 1);
    assert.match(noKey.stderr, /WEGWIJS_AUDIT_SIGNING_KEY/);
    const bad = spawnSync(process.execPath, [CLI, 'start'], { env: { ...env, PORT: 'abc' }, encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /PORT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
