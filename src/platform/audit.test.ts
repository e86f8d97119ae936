import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, createClient, loginAs, TEST_BSNS } from '../../test/helpers.ts';
import { verifyAuditChain } from './audit.ts';

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
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/clients/${id}`, headers: other })).statusCode, 403);
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

test('the audit log cannot be changed, and a change behind its back is found by verify', async (t) => {
  const app = await build(t);
  const desk = await loginAs(app, 'balie');
  const id = await createClient(app, desk);
  for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: `/api/v1/clients/${id}`, headers: desk });
  const admin = await loginAs(app, 'beheer');
  const ok = (await app.inject({ method: 'POST', url: '/api/v1/audit-verifications', headers: admin })).json();
  assert.equal(ok.ok, true);
  assert.ok(ok.checked >= 5);
  await assert.rejects(app.db.query(`UPDATE audit_log SET outcome = 'denied' WHERE action = 'client.read'`), /append-only/);
  await assert.rejects(app.db.query(`DELETE FROM audit_log`), /append-only/);
  // A database superuser bypasses the trigger: the hash chain still shows it.
  const [victim] = await app.db.query<{ id: number }>(`SELECT id FROM audit_log WHERE action = 'client.read' ORDER BY id LIMIT 1 OFFSET 1`);
  await app.db.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
    UPDATE audit_log SET actor_name = 'Iemand anders' WHERE id = ${victim!.id};
    ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`);
  const broken = await verifyAuditChain(app.db);
  assert.equal(broken.ok, false);
  assert.equal(broken.firstBrokenId, victim!.id);
  assert.match(broken.problem!, /altered/);
});

test('a removed audit row breaks the chain at the row after it', async (t) => {
  const app = await build(t);
  const desk = await loginAs(app, 'balie');
  const id = await createClient(app, desk);
  for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: `/api/v1/clients/${id}`, headers: desk });
  const rows = await app.db.query<{ id: number }>('SELECT id FROM audit_log ORDER BY id');
  const gone = rows[2]!.id;
  await app.db.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; DELETE FROM audit_log WHERE id = ${gone};
    ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`);
  const r = await verifyAuditChain(app.db);
  assert.equal(r.ok, false);
  assert.equal(r.firstBrokenId, rows[3]!.id);
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
  const { writeAudit } = await import('./audit.ts');
  await app.db.transaction((tx) => writeAudit(tx, { actor: { kind: 'system', id: null, name: 'test', roles: [], teamIds: [] } },
    { action: 'test.dates', activity: 'oversight', outcome: 'success', details: { when: new Date('2026-01-02T03:04:05Z'), none: undefined } }));
  const result = await verifyAuditChain(app.db);
  assert.equal(result.ok, true, JSON.stringify(result));
});
