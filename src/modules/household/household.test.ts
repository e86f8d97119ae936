import assert from 'node:assert/strict';
import test from 'node:test';
import { createClient, loginAs } from '../../../test/helpers.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { acceptedTrajectory } from '../../../test/trajectory-case.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';

/** Two clients referred to Wijkteam Oude Noorden and accepted by Wim: he is involved with both. */
async function twoClients(t: test.TestContext) {
  const a = await acceptedTrajectory(t, undefined, 'De Groot');
  const b = await acceptedTrajectory(t, a.app, 'Groot-Smit');
  const wimId = (await a.app.inject({ method: 'GET', url: '/api/v1/session', headers: a.wim })).json().user.id as string;
  return { app: a.app, wim: a.wim, wimId, parent: a.clientId, child: b.clientId };
}

async function household(t: test.TestContext) {
  const c = await twoClients(t);
  const res = await c.app.inject({ method: 'POST', url: '/api/v1/households', headers: c.wim, payload: {
    name: 'Gezin De Groot', members: [{ clientId: c.parent, role: 'parent' }, { clientId: c.child, role: 'child' }] } });
  assert.equal(res.statusCode, 201, res.body);
  return { ...c, id: res.json().id as string, created: res.json() };
}

const auditOf = (c: Awaited<ReturnType<typeof household>>, action: string) => c.app.db.query<{ client_id: string | null; outcome: string; details: Record<string, unknown> }>(
  'SELECT client_id, outcome, details FROM audit_log WHERE action = $1 ORDER BY id', [action]);

test('a team worker groups two clients into a household with himself as regisseur; each member gets an audit row', async (t) => {
  const c = await household(t);
  assert.equal(c.created.name, 'Gezin De Groot');
  assert.deepEqual(c.created.coordinator, { userId: c.wimId, name: 'Wim Wijkteam' });
  assert.deepEqual(c.created.members.map((m: { clientId: string; role: string; name: string }) => `${m.role} ${m.name}`).sort(), ['child Groot-Smit', 'parent De Groot']);
  assert.deepEqual(c.created.plan, { agreedOn: null, agreedHow: null, goals: [] });
  const rows = await auditOf(c, 'household.create');
  assert.deepEqual(rows.map((r) => [r.client_id, r.outcome]).sort(), [[c.parent, 'success'], [c.child, 'success']].sort());
  const found = await c.app.inject({ method: 'GET', url: `/api/v1/households?clientId=${c.child}`, headers: c.wim });
  assert.equal(found.json().household.id, c.id);
  const read = await auditOf(c, 'household.read');
  assert.deepEqual((read.at(-1)!.details.clientIds as string[]).sort(), [c.parent, c.child].sort());
});

test('a household cannot include a client the worker is not involved with (client_access_denied); nothing is created', async (t) => {
  const c = await twoClients(t);
  const stranger = await createClient(c.app, await loginAs(c.app, 'balie'), { surname: 'Vreemd' });
  const res = await c.app.inject({ method: 'POST', url: '/api/v1/households', headers: c.wim, payload: {
    name: 'Gezin De Groot', members: [{ clientId: c.parent, role: 'parent' }, { clientId: stranger, role: 'partner' }] } });
  assert.deepEqual([res.statusCode, res.json().code], [403, 'client_access_denied']);
  assert.equal((await c.app.inject({ method: 'GET', url: `/api/v1/households?clientId=${c.parent}`, headers: c.wim })).json().household, null);
});

test('a professional outside the household cannot read it, change its plan or get its PDF (client_access_denied, audited)', async (t) => {
  const c = await household(t);
  const zara = await loginAs(c.app, 'wijkteam2');
  for (const [method, url, payload] of [
    ['GET', `/api/v1/households/${c.id}`, undefined],
    ['GET', `/api/v1/households?clientId=${c.parent}`, undefined],
    ['GET', `/api/v1/households/${c.id}/plan.pdf`, undefined],
    ['POST', `/api/v1/households/${c.id}/goals`, { lifeDomain: 'housing', what: 'Huurachterstand afbetalen', who: 'Moeder', dueOn: '2027-06-01' }],
  ] as const) {
    const res = await c.app.inject({ method, url, headers: zara, payload });
    assert.deepEqual([res.statusCode, res.json().code], [403, 'client_access_denied'], `${method} ${url}`);
  }
  const denied = await c.app.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE outcome = 'denied' AND action LIKE 'household.%' ORDER BY id`);
  assert.deepEqual(denied.map((d) => d.action), ['household.read', 'household.read', 'household.plan.pdf', 'household.goal.create']);
});

test('a client belongs to one household at a time', async (t) => {
  const c = await household(t);
  const res = await c.app.inject({ method: 'POST', url: '/api/v1/households', headers: c.wim, payload: { name: 'Gezin Smit', members: [{ clientId: c.child, role: 'child' }] } });
  assert.deepEqual([res.statusCode, res.json().code], [409, 'household_member_elsewhere']);
});

test('the regisseur must be a neighbourhood-team professional, and changing him needs the version seen', async (t) => {
  const c = await household(t);
  const balieId = (await c.app.inject({ method: 'GET', url: '/api/v1/session', headers: await loginAs(c.app, 'balie') })).json().user.id;
  const tomId = (await c.app.inject({ method: 'GET', url: '/api/v1/session', headers: await loginAs(c.app, 'teamleider') })).json().user.id;
  const patch = (body: Record<string, unknown>, version?: number) => c.app.inject({ method: 'PATCH', url: `/api/v1/households/${c.id}`,
    headers: { ...c.wim, ...(version ? { 'if-match': `"${version}"` } : {}) }, payload: body });
  assert.equal((await patch({ coordinatorUserId: tomId })).statusCode, 428);
  const desk = await patch({ coordinatorUserId: balieId }, 1);
  assert.deepEqual([desk.statusCode, desk.json().code], [400, 'coordinator_not_professional']);
  const ok = await patch({ coordinatorUserId: tomId }, 1);
  assert.equal(ok.json().coordinator.name, 'Tom Teamleider');
  assert.equal((await patch({ name: 'Gezin Groot' }, 1)).statusCode, 412);
});

test('the plan: goals per life domain with who and by when, a progress note, a status and the agreement; the PDF for the client says it in plain Dutch', async (t) => {
  const c = await household(t);
  const goal = (payload: Record<string, unknown>) => c.app.inject({ method: 'POST', url: `/api/v1/households/${c.id}/goals`, headers: c.wim, payload });
  assert.equal((await goal({ lifeDomain: 'housing', what: 'Huurachterstand is afbetaald', who: 'Moeder met de budgetcoach', dueOn: '2027-06-01' })).statusCode, 201);
  const second = await goal({ lifeDomain: 'finances_debts', what: 'Post wordt elke week geopend', who: 'Moeder', dueOn: '2027-03-01' });
  assert.equal(second.statusCode, 201);
  const unknown = await goal({ lifeDomain: 'astrology', what: 'Iets', who: 'Iemand', dueOn: '2027-03-01' });
  assert.deepEqual([unknown.statusCode, unknown.json().code], [400, 'unknown_life_domain']);
  // Goals come in the order of the life domains: finances (20) before housing (40).
  const goals = second.json().plan.goals as { id: string; lifeDomain: string; version: number }[];
  assert.deepEqual(goals.map((g) => g.lifeDomain), ['finances_debts', 'housing']);
  const post = goals[0]!;
  const note = await c.app.inject({ method: 'POST', url: `/api/v1/households/${c.id}/goals/${post.id}/notes`, headers: c.wim, payload: { note: 'Drie weken op rij gelukt' } });
  assert.equal(note.statusCode, 201, note.body);
  const status = await c.app.inject({ method: 'PATCH', url: `/api/v1/households/${c.id}/goals/${post.id}`, headers: { ...c.wim, 'if-match': `"${post.version}"` }, payload: { status: 'reached' } });
  assert.equal(status.statusCode, 200, status.body);
  const stale = await c.app.inject({ method: 'PATCH', url: `/api/v1/households/${c.id}/goals/${post.id}`, headers: { ...c.wim, 'if-match': `"${post.version}"` }, payload: { status: 'stopped' } });
  assert.equal(stale.statusCode, 412);
  // Agreed today: not before the day the members' referrals came in (agreement.test.ts: their trajectories follow).
  const today = amsterdamDate(new Date());
  const todayNl = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(today));
  const agreed = await c.app.inject({ method: 'POST', url: `/api/v1/households/${c.id}/agreement`, headers: { ...c.wim, 'if-match': `"${status.json().version}"` },
    payload: { on: today, how: 'home_visit' } });
  assert.equal(agreed.statusCode, 200, agreed.body);
  const view = agreed.json();
  assert.deepEqual([view.plan.agreedOn, view.plan.agreedHow], [today, 'home_visit']);
  assert.deepEqual([view.plan.goals[0].status, view.plan.goals[0].notes[0].note, view.plan.goals[0].notes[0].actorName], ['reached', 'Drie weken op rij gelukt', 'Wim Wijkteam']);

  const pdf = await c.app.inject({ method: 'GET', url: `/api/v1/households/${c.id}/plan.pdf`, headers: c.wim });
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  const text = pdfText(pdf.rawPayload);
  for (const s of ['Ons plan: Gezin De Groot', 'Doel: Huurachterstand is afbetaald', 'Wie doet het: Moeder met de budgetcoach', 'Klaar op: 1 juni 2027',
    'Doel: Post wordt elke week geopend', 'Hoe gaat het: gelukt', 'Drie weken op rij gelukt', 'Financiën en schulden', 'Wonen',
    `afgesproken op ${todayNl}, bij u thuis`, 'Wim Wijkteam']) assert.ok(text.includes(s), `the PDF says '${s}'`);
  const rows = await auditOf(c, 'household.plan.pdf');
  assert.deepEqual([rows.length, rows[0]!.outcome, (rows[0]!.details.clientIds as string[]).length], [1, 'success', 2]);
  // Every change to the plan is audited for every member.
  for (const action of ['household.goal.create', 'household.goal.note', 'household.goal.update', 'household.plan.agree']) {
    const r = await auditOf(c, action);
    assert.deepEqual([...new Set(r.filter((x) => x.outcome === 'success').map((x) => x.client_id))].sort(), [c.parent, c.child].sort(), action);
  }
});

test('a member joins only when the worker is involved with that client too (every member audited) and can leave, except the last', async (t) => {
  const c = await twoClients(t);
  const created = await c.app.inject({ method: 'POST', url: '/api/v1/households', headers: c.wim, payload: { name: 'Gezin De Groot', members: [{ clientId: c.parent, role: 'parent' }] } });
  const id = created.json().id as string;
  const stranger = await createClient(c.app, await loginAs(c.app, 'balie'), { surname: 'Vreemd' });
  const refused = await c.app.inject({ method: 'POST', url: `/api/v1/households/${id}/members`, headers: c.wim, payload: { clientId: stranger, role: 'partner' } });
  assert.deepEqual([refused.statusCode, refused.json().code], [403, 'client_access_denied']);
  const added = await c.app.inject({ method: 'POST', url: `/api/v1/households/${id}/members`, headers: c.wim, payload: { clientId: c.child, role: 'child' } });
  assert.equal(added.statusCode, 201, added.body);
  assert.deepEqual(added.json().members.map((m: { clientId: string }) => m.clientId).sort(), [c.parent, c.child].sort());
  const rows = await c.app.db.query<{ client_id: string }>(`SELECT client_id FROM audit_log WHERE action = 'household.member_add' AND outcome = 'success'`);
  assert.deepEqual(rows.map((r) => r.client_id).sort(), [c.parent, c.child].sort());
  const left = await c.app.inject({ method: 'DELETE', url: `/api/v1/households/${id}/members/${c.child}`, headers: c.wim });
  assert.deepEqual(left.json().members.map((m: { clientId: string }) => m.clientId), [c.parent]);
  const last = await c.app.inject({ method: 'DELETE', url: `/api/v1/households/${id}/members/${c.parent}`, headers: c.wim });
  assert.deepEqual([last.statusCode, last.json().code], [409, 'household_last_member']);
  // Having left, the child can join another household.
  const again = await c.app.inject({ method: 'POST', url: '/api/v1/households', headers: c.wim, payload: { name: 'Gezin Smit', members: [{ clientId: c.child, role: 'child' }] } });
  assert.equal(again.statusCode, 201, again.body);
});

test('the same Idempotency-Key creates a household and a goal once, also when sent twice at the same time', async (t) => {
  const c = await twoClients(t);
  const create = () => c.app.inject({ method: 'POST', url: '/api/v1/households', headers: { ...c.wim, 'idempotency-key': 'household-key-1' },
    payload: { name: 'Gezin De Groot', members: [{ clientId: c.parent, role: 'parent' }] } });
  const [a, b] = await Promise.all([create(), create()]);
  assert.deepEqual([a.statusCode, b.statusCode], [201, 201]);
  assert.equal(a.json().id, b.json().id);
  const goal = () => c.app.inject({ method: 'POST', url: `/api/v1/households/${a.json().id}/goals`, headers: { ...c.wim, 'idempotency-key': 'goal-key-1' },
    payload: { lifeDomain: 'housing', what: 'Huurachterstand is afbetaald', who: 'Moeder', dueOn: '2027-06-01' } });
  const [g1, g2] = await Promise.all([goal(), goal()]);
  assert.deepEqual([g1.statusCode, g2.statusCode], [201, 201]);
  assert.equal((await goal()).json().plan.goals.length, 1);
});
