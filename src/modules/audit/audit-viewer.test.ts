import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, createClient, loginAs } from '../../../test/helpers.ts';
import { auditCsv, csvCell } from './audit-csv.ts';

test('the privacy officer sees client names in the audit log, the admin only ids; each look is audited with the names it showed', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const id = await createClient(app, balie, { surname: 'Verhoeven', firstNames: 'Vera' });
  await app.inject({ method: 'GET', url: `/api/v1/clients/${id}/file`, headers: balie });
  const privacy = await loginAs(app, 'privacy');
  const admin = await loginAs(app, 'beheer');

  const seen = await app.inject({ method: 'GET', url: `/api/v1/audit-events?clientId=${id}`, headers: privacy });
  assert.equal(seen.statusCode, 200);
  assert.ok(seen.json().length >= 1);
  assert.ok(seen.json().every((e: { clientId: string; clientName: string }) => e.clientId === id && e.clientName === 'V. Verhoeven'), seen.body);
  const [look] = await app.db.query<{ details: { namedClientIds: string[]; filter: { clientId: string } } }>(
    `SELECT details FROM audit_log WHERE action = 'audit.read' ORDER BY id DESC LIMIT 1`);
  assert.deepEqual(look!.details.namedClientIds, [id]);
  assert.equal(look!.details.filter.clientId, id);

  const asAdmin = await app.inject({ method: 'GET', url: `/api/v1/audit-events?clientId=${id}`, headers: admin });
  assert.ok(asAdmin.json().length >= 1);
  assert.ok(asAdmin.json().every((e: { clientName: string | null }) => e.clientName === null));
  const desk = await app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: balie });
  assert.deepEqual([desk.statusCode, desk.json().code], [403, 'role_forbidden']);
});

test('the audit log filters by user, by action (or its start) and by day', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  await createClient(app, balie);
  const privacy = await loginAs(app, 'privacy');
  const actors = (await app.inject({ method: 'GET', url: '/api/v1/audit-actors', headers: privacy })).json();
  const bea = actors.find((a: { name: string }) => a.name === 'Bea Balie');
  assert.ok(bea, 'users are picked by name');
  const get = async (query: string) => (await app.inject({ method: 'GET', url: `/api/v1/audit-events?${query}`, headers: privacy })).json();

  const byUser = await get(`userId=${bea.id}`);
  assert.ok(byUser.length >= 2 && byUser.every((e: { actorUserId: string }) => e.actorUserId === bea.id));
  const byPrefix = await get(`userId=${bea.id}&action=client.`);
  assert.ok(byPrefix.length >= 1 && byPrefix.every((e: { action: string }) => e.action.startsWith('client.')));
  assert.ok((await get('action=session.login')).every((e: { action: string }) => e.action === 'session.login'));
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  assert.ok((await get(`from=${today}&to=${today}&userId=${bea.id}`)).length >= 2);
  assert.deepEqual(await get(`to=2020-01-01&userId=${bea.id}`), []);
  const bad = await app.inject({ method: 'GET', url: '/api/v1/audit-events?from=gisteren', headers: privacy });
  assert.equal(bad.statusCode, 400);
});

test('the audit log exports as CSV with the same filters, and the export is audited', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const id = await createClient(app, balie, { surname: 'Verhoeven', firstNames: 'Vera' });
  await app.inject({ method: 'GET', url: `/api/v1/clients/${id}/file`, headers: balie });
  const privacy = await loginAs(app, 'privacy');
  const res = await app.inject({ method: 'GET', url: `/api/v1/audit-events.csv?clientId=${id}`, headers: privacy });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /^text\/csv/);
  assert.match(res.headers['content-disposition'] as string, /attachment; filename="auditlog-/);
  const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], 'nummer;tijdstip (Nederlandse tijd);gebruiker;rollen;namens;actie;verwerking;client_id;client;uitkomst;noodtoegang');
  assert.ok(lines.length >= 2);
  assert.ok(lines.slice(1).every((l) => l.includes(`;${id};V. Verhoeven;`)), res.body);
  const [row] = await app.db.query<{ details: { count: number } }>(`SELECT details FROM audit_log WHERE action = 'audit.export' ORDER BY id DESC LIMIT 1`);
  assert.equal(row!.details.count, lines.length - 1);
});

test('a CSV cell cannot smuggle a spreadsheet formula, and separators are quoted', () => {
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell('a;b'), '"a;b"');
  assert.equal(csvCell(null), '');
  assert.match(auditCsv([], true), /afgekapt/);
});

test('a break-the-glass review card shows the user\'s team, the client and what was opened under it', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const id = await createClient(app, balie, { surname: 'Verhoeven', firstNames: 'Vera' });
  const zuid = await loginAs(app, 'wijkteam2');
  await app.inject({ method: 'POST', url: `/api/v1/clients/${id}/break-glass`, headers: zuid, payload: { reason: 'Acute crisis, cliënt belt in paniek' } });
  await app.inject({ method: 'GET', url: `/api/v1/clients/${id}/file`, headers: zuid });
  const privacy = await loginAs(app, 'privacy');
  const [event] = (await app.inject({ method: 'GET', url: '/api/v1/break-glass-events', headers: privacy })).json();
  assert.equal(event.userName, 'Zara Zuid');
  assert.deepEqual(event.userTeams, ['Wijkteam Charlois']);
  assert.equal(event.clientName, 'V. Verhoeven');
  assert.ok(event.opened.some((o: { action: string; outcome: string }) => o.action.startsWith('client.') && o.outcome === 'success'), JSON.stringify(event.opened));
});
