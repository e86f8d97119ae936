import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { build, createClient, loginAs, TEST_BSNS } from '../../test/helpers.ts';
import { appendAudit, AuditSequencer, auditKeys, latestCheckpoint, rowHash, sealAudit, verifyAudit, writeAudit } from './audit.ts';
import { systemContext } from './access/context.ts';
import { ConfigError, loadConfig } from './config.ts';

const verify = (app: FastifyInstance) => verifyAudit(app.db, auditKeys(app.config));

/** What a database superuser can do: switch the refusal triggers off, change the log, switch them on again. */
async function asSuperuser(app: FastifyInstance, sql: string) {
  await app.db.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate;
    ${sql};
    ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update; ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate;`);
}

/** A client created and opened three times, all sealed and checkpointed: a log to tamper with. */
async function sealedLog(t: import('node:test').TestContext) {
  const app = await build(t);
  const desk = await loginAs(app, 'balie');
  const id = await createClient(app, desk);
  for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: `/api/v1/clients/${id}`, headers: desk });
  const ok = await verify(app);
  assert.equal(ok.ok, true, JSON.stringify(ok));
  const rows = await app.db.query<{ id: number; seq: number }>('SELECT id, seq FROM audit_log ORDER BY seq');
  assert.equal(ok.checkpoint?.seq, rows.at(-1)!.seq, 'the checkpoint covers every sealed row');
  return { app, rows };
}

test('opening a client record writes an audit row: who, which client, which activity, outcome', async (t) => {
  const app = await build(t);
  const desk = await loginAs(app, 'balie');
  const id = await createClient(app, desk);
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/clients/${id}`, headers: desk })).statusCode, 200);
  const privacy = await loginAs(app, 'privacy');
  const events = (await app.inject({ method: 'GET', url: `/api/v1/audit-events?clientId=${id}`, headers: privacy })).json();
  const read = events.find((e: { action: string }) => e.action === 'client.read');
  assert.ok(read, 'a client.read row');
  assert.equal(read.actorName, 'Bea Balie');
  assert.deepEqual(read.actorRoles, ['desk_worker']);
  assert.equal(read.processingActivity, 'client_registration');
  assert.equal(read.outcome, 'success');
  assert.ok(events.some((e: { action: string }) => e.action === 'client.create'));
});

test('a professional without a relation is refused a client, and the refusal is logged', async (t) => {
  const app = await build(t);
  const id = await createClient(app, await loginAs(app, 'balie'));
  const other = await loginAs(app, 'wijkteam2');
  const res = await app.inject({ method: 'GET', url: `/api/v1/clients/${id}`, headers: other });
  assert.equal(res.statusCode, 403);
  assert.equal(res.json().code, 'client_access_denied');
  const [row] = await app.db.query<{ outcome: string; actor_name: string }>(`SELECT outcome, actor_name FROM audit_log WHERE client_id = $1 AND action = 'client.read'`, [id]);
  assert.equal(row?.outcome, 'denied');
  assert.equal(row?.actor_name, 'Zara Zuid');
});

test('break-the-glass with a reason opens the client for a limited time and is flagged for review', async (t) => {
  const app = await build(t);
  const id = await createClient(app, await loginAs(app, 'balie'));
  const other = await loginAs(app, 'wijkteam2');
  const short = await app.inject({ method: 'POST', url: `/api/v1/clients/${id}/break-glass`, headers: other, payload: { reason: 'spoed' } });
  assert.equal(short.statusCode, 400);
  assert.equal(short.json().field, 'reason');
  const bg = await app.inject({ method: 'POST', url: `/api/v1/clients/${id}/break-glass`, headers: other, payload: { reason: 'Crisis: cliënt belt in nood, team onbereikbaar' } });
  assert.equal(bg.statusCode, 201);
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/clients/${id}`, headers: other })).statusCode, 200);
  const privacy = await loginAs(app, 'privacy');
  const list = (await app.inject({ method: 'GET', url: '/api/v1/break-glass-events?reviewed=false', headers: privacy })).json();
  assert.equal(list.length, 1);
  assert.equal(list[0].userName, 'Zara Zuid');
  const reviewed = await app.inject({ method: 'POST', url: `/api/v1/break-glass-events/${list[0].id}/review`, headers: privacy, payload: { note: 'Terecht, crisis', justified: true } });
  assert.equal(reviewed.statusCode, 200);
  assert.ok(reviewed.json().reviewedAt);
  // The grant expires.
  await app.db.query(`UPDATE break_glass SET expires_at = now() - interval '1 minute'`);
  const expired = await app.inject({ method: 'GET', url: `/api/v1/clients/${id}`, headers: other });
  assert.deepEqual([expired.statusCode, expired.json().code], [403, 'client_access_denied']);
  const reads = await app.db.query<{ break_glass_id: string | null }>(`SELECT break_glass_id FROM audit_log WHERE client_id = $1 AND action = 'client.read' AND outcome = 'success'`, [id]);
  assert.equal(reads.length, 1);
  assert.ok(reads[0]!.break_glass_id, 'the read under break-the-glass names the grant');
});

test('the BSN never appears in the audit log, even when it is shown on purpose', async (t) => {
  const app = await build(t);
  const desk = await loginAs(app, 'balie');
  const bsn = TEST_BSNS[1]!;
  const id = await createClient(app, desk, { bsn });
  const view = (await app.inject({ method: 'GET', url: `/api/v1/clients/${id}`, headers: desk })).json();
  assert.equal(view.bsnMasked, `*****${bsn.slice(-4)}`);
  assert.equal(JSON.stringify(view).includes(bsn), false);
  const shown = await app.inject({ method: 'POST', url: `/api/v1/clients/${id}/bsn-disclosures`, headers: desk });
  assert.equal(shown.json().bsn, bsn);
  const rows = await app.db.query<{ t: string }>('SELECT audit_log::text AS t FROM audit_log');
  assert.ok(rows.some((r) => r.t.includes('client.bsn_reveal')));
  assert.ok(rows.every((r) => !r.t.includes(bsn)));
});

test('the audit log cannot be changed, emptied, or sealed twice, and a change behind its back is found by verify', async (t) => {
  const app = await build(t);
  const desk = await loginAs(app, 'balie');
  const id = await createClient(app, desk);
  for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: `/api/v1/clients/${id}`, headers: desk });
  const admin = await loginAs(app, 'beheer');
  const ok = (await app.inject({ method: 'POST', url: '/api/v1/audit-verifications', headers: admin })).json();
  assert.equal(ok.ok, true, JSON.stringify(ok));
  assert.ok(ok.checked >= 5);
  assert.ok(ok.checkpoint.seq >= ok.checked, 'checked against a signed checkpoint');
  await assert.rejects(app.db.query(`UPDATE audit_log SET outcome = 'denied' WHERE action = 'client.read'`), /append-only/);
  await assert.rejects(app.db.query(`DELETE FROM audit_log`), /append-only/);
  await assert.rejects(app.db.query(`TRUNCATE audit_log`), /append-only/);
  await assert.rejects(app.db.query(`UPDATE audit_log SET seq = seq + 1000, prev_hash = 'x', hash = 'y' WHERE seq = 1`), /append-only/);
  await assert.rejects(app.db.query(`DELETE FROM audit_log_identity`), /cannot be changed/);
  // Sealing may set only the three sealing columns, and only once.
  await writeAudit(app.db, systemContext('test'), { action: 'test.unsealed', activity: 'oversight', outcome: 'success' });
  await assert.rejects(app.db.query(`UPDATE audit_log SET seq = 99999, prev_hash = 'x', hash = 'y', actor_name = 'Iemand' WHERE seq IS NULL`), /append-only/);
  // A database superuser bypasses the trigger: the hash chain still shows it.
  const [victim] = await app.db.query<{ id: number }>(`SELECT id FROM audit_log WHERE action = 'client.read' ORDER BY seq LIMIT 1 OFFSET 1`);
  await asSuperuser(app, `UPDATE audit_log SET actor_name = 'Iemand anders' WHERE id = ${victim!.id}`);
  const broken = await verify(app);
  assert.equal(broken.ok, false);
  assert.equal(broken.firstBrokenId, victim!.id);
  assert.match(broken.problem!, /altered/);
  const api = (await app.inject({ method: 'POST', url: '/api/v1/audit-verifications', headers: admin })).json();
  assert.equal(api.ok, false);
  assert.equal(api.firstBrokenId, victim!.id);
});

test('a removed audit row breaks the chain at the row after it', async (t) => {
  const { app, rows } = await sealedLog(t);
  await asSuperuser(app, `DELETE FROM audit_log WHERE id = ${rows[2]!.id}`);
  const r = await verify(app);
  assert.equal(r.ok, false);
  assert.equal(r.firstBrokenId, rows[3]!.id);
  assert.match(r.problem!, /removed/);
});

test('removing the last rows is found: the log falls short of its signed checkpoint', async (t) => {
  const { app, rows } = await sealedLog(t);
  const last = rows.at(-1)!.seq;
  await asSuperuser(app, `DELETE FROM audit_log WHERE seq > ${last - 2}`);
  const r = await verify(app);
  assert.equal(r.ok, false);
  assert.match(r.problem!, new RegExp(`ends at row ${last - 2}.*checkpoint.*counts ${last}`));
  // New rows sealed after the cut reuse the removed numbers: the checkpoint is not signed over them, and verify still sees it.
  await writeAudit(app.db, systemContext('test'), { action: 'test.after_cut', activity: 'oversight', outcome: 'success' });
  await writeAudit(app.db, systemContext('test'), { action: 'test.after_cut', activity: 'oversight', outcome: 'success' });
  const sealed = await sealAudit(app.db, auditKeys(app.config));
  assert.match(sealed.problem!, /no longer matches the signed checkpoint/);
  const again = await verify(app);
  assert.equal(again.ok, false);
  assert.match(again.problem!, /does not match the signed checkpoint/);
});

test('a TRUNCATE (with the refusal trigger switched off) is found', async (t) => {
  const { app } = await sealedLog(t);
  await asSuperuser(app, 'TRUNCATE audit_log');
  const r = await verify(app);
  assert.equal(r.ok, false);
  assert.equal(r.checked, 0);
  assert.match(r.problem!, /ends at row 0.*checkpoint/);
});

test('a chain recomputed with the code\'s own rowHash after removing a row is found by the signed checkpoint', async (t) => {
  const { app, rows } = await sealedLog(t);
  await asSuperuser(app, `DELETE FROM audit_log WHERE id = ${rows[2]!.id}`);
  // Renumber and rehash everything from the gap on, exactly as the sequencer would have.
  type Row = { id: number; at: Date; actor_user_id: string | null; actor_name: string | null; actor_roles: string[]; on_behalf_of: string | null;
    action: string; processing_activity: string; client_id: string | null; outcome: string; break_glass_id: string | null;
    remote_addr: string | null; request_id: string | null; details: unknown; seq: number; prev_hash: string; hash: string };
  const all = await app.db.query<Row>('SELECT * FROM audit_log ORDER BY seq');
  let prev = all[1]!.hash;
  const sql: string[] = [];
  for (const [i, r] of all.entries()) {
    if (i < 2) continue;
    const { id: _id, seq: _s, prev_hash: _p, hash: _h, ...rest } = r;
    const hash = rowHash(prev, { ...rest, at: new Date(r.at).toISOString() } as Parameters<typeof rowHash>[1]);
    sql.push(`UPDATE audit_log SET seq = ${i + 1}, prev_hash = '${prev}', hash = '${hash}' WHERE id = ${r.id}`);
    prev = hash;
  }
  await asSuperuser(app, sql.join(';\n'));
  const r = await verify(app);
  assert.equal(r.ok, false);
  assert.match(r.problem!, /checkpoint/);
});

test('a row written without a lock is sealed by the sequencer within a second, and the checkpoint is signed', async (t) => {
  const app = await build(t);
  const keys = auditKeys(app.config);
  // Two sequencers, as two app instances would run: one seals at a time, the chain stays one chain.
  const problems: string[] = [];
  const a = new AuditSequencer(app.db, keys, (p) => problems.push(p));
  const b = new AuditSequencer(app.db, keys, (p) => problems.push(p));
  a.start(100);
  b.start(100);
  t.after(async () => { await a.stop(); await b.stop(); });
  await Promise.all(Array.from({ length: 20 }, (_, i) =>
    appendAudit(app.db, systemContext('test'), { action: 'test.concurrent', activity: 'oversight', outcome: 'success', details: { i } })));
  const [row] = await app.db.query<{ id: number }>(`SELECT id FROM audit_log WHERE action = 'test.concurrent' ORDER BY id DESC LIMIT 1`);
  const t0 = Date.now();
  let seq: number | null = null;
  while (Date.now() - t0 < 1000 && seq === null) {
    seq = (await app.db.query<{ seq: number | null }>('SELECT seq FROM audit_log WHERE id = $1', [row!.id]))[0]!.seq;
    if (seq === null) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(seq, 'sealed within a second');
  const logId = (await app.db.query<{ log_id: string }>('SELECT log_id FROM audit_log_identity'))[0]!.log_id;
  await a.stop();
  await b.stop();
  const cp = latestCheckpoint(keys, logId);
  assert.equal(cp.problem, undefined);
  assert.ok(cp.checkpoint!.seq >= seq!);
  const r = await verify(app);
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.deepEqual(problems, []);
});

test('group commit: concurrent reads\' rows are all committed when their promises resolve', async (t) => {
  const app = await build(t);
  const before = (await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.read'`))[0]!.n;
  await Promise.all(Array.from({ length: 50 }, (_, i) =>
    appendAudit(app.db, systemContext('test'), { action: 'test.read', activity: 'oversight', outcome: 'success', details: { i } })));
  const after = (await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.read'`))[0]!.n;
  assert.equal(after - before, 50);
  // A data change and its audit row still roll back together.
  await assert.rejects(app.db.transaction(async (tx) => {
    await writeAudit(tx, systemContext('test'), { action: 'test.rolled_back', activity: 'oversight', outcome: 'success' });
    throw new Error('the change fails');
  }), /the change fails/);
  assert.equal((await app.db.query(`SELECT 1 FROM audit_log WHERE action = 'test.rolled_back'`)).length, 0);
  assert.equal((await verify(app)).ok, true);
});

test('outside demo mode a missing signing key stops the start; a configured key signs the checkpoints', async (t) => {
  assert.throws(() => auditKeys(loadConfig({}, { demo: false })), (e: Error) => e instanceof ConfigError && /WEGWIJS_AUDIT_SIGNING_KEY/.test(e.message));
  assert.throws(() => loadConfig({ WEGWIJS_BENCH_AUDIT_OFF: '1', DATABASE_URL: 'postgres://u@h/wegwijs' }), /benchmarks only/);
  const dir = mkdtempSync(join(tmpdir(), 'wegwijs-audit-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const app = await build(t, { WEGWIJS_AUDIT_SIGNING_KEY: pem, WEGWIJS_AUDIT_CHECKPOINT_DIR: dir });
  await loginAs(app, 'balie');
  const r = await verify(app);
  assert.equal(r.ok, true, JSON.stringify(r));
  // The same log checked with another key: the checkpoint is not trusted.
  const other = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const wrong = await verifyAudit(app.db, auditKeys({ demo: false, auditSigningKey: other, auditCheckpointDir: dir }));
  assert.equal(wrong.ok, false);
  assert.match(wrong.problem!, /another key/);
});

test('looking at the audit log is itself logged', async (t) => {
  const app = await build(t);
  const privacy = await loginAs(app, 'privacy');
  await app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: privacy });
  const [row] = await app.db.query<{ actor_name: string }>(`SELECT actor_name FROM audit_log WHERE action = 'audit.read'`);
  assert.equal(row?.actor_name, 'Petra Privacy');
});

test('rows whose details hold empty filter fields (undefined) or dates still verify', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  // GET /audit-events logs its filter, with undefined for the filters not used.
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/audit-events?outcome=success', headers: admin })).statusCode, 200);
  await app.db.transaction((tx) => writeAudit(tx, { actor: { kind: 'system', id: null, name: 'test', roles: [], teamIds: [] } },
    { action: 'test.dates', activity: 'oversight', outcome: 'success', details: { when: new Date('2026-01-02T03:04:05Z'), none: undefined } }));
  const result = await verify(app);
  assert.equal(result.ok, true, JSON.stringify(result));
});
