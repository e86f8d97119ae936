import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type AuthHeaders, build, loginAs } from '../../../test/helpers.ts';
import { addDays, amsterdamDate } from '../legal-terms/legal-terms.ts';

/** Noon in Amsterdam `n` Dutch days ago: waiting days are counted in Dutch days, whatever the hour the test runs. */
const daysAgo = (n: number) => `${addDays(amsterdamDate(new Date()), -n)}T12:00:00+01:00`;
type Item = { id: string; clientName: string; professionalName: string; version: number; referralId: string | null; status: string; waitingDays: number | null; mostUrgent: { state: string } | null };

/** A contact `days` ago referred to Wijkteam Oude Noorden (open in its inbox). */
async function referred(app: FastifyInstance, balie: AuthHeaders, surname: string, days: number) {
  const contact = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
    channel: 'desk', question: 'Hulp nodig bij het huishouden en de post', lifeDomains: ['finances_debts'], outcome: 2, contactedAt: daysAgo(days),
    newClient: { surname, birthDate: '1970-01-01', address: { postcode: '3031 BB', houseNumber: 3 } } } });
  assert.equal(contact.statusCode, 201, contact.body);
  return contact.json().referral as { id: string; teamId: string };
}

/** … and accepted for `professional`, which starts the trajectory. */
async function acceptedFor(app: FastifyInstance, balie: AuthHeaders, lead: AuthHeaders, surname: string, days: number, professional: string) {
  const { id, teamId } = await referred(app, balie, surname, days);
  const res = await app.inject({ method: 'POST', url: `/api/v1/referrals/${id}/accept`, headers: lead, payload: { assignedUserId: await userId(app, lead, teamId, professional) } });
  assert.equal(res.statusCode, 200, res.body);
  return teamId;
}

async function userId(app: FastifyInstance, lead: AuthHeaders, teamId: string, name: string) {
  const pros = (await app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/professionals`, headers: lead })).json() as { id: string; displayName: string }[];
  return pros.find((p) => p.displayName === name)!.id;
}

const names = (items: Item[]) => items.map((i) => i.clientName);

test("the team's caseload sorts the most urgent clock first, filters by clock state in the list and counts every state", async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const lead = await loginAs(app, 'teamleider');
  const teamId = await acceptedFor(app, balie, lead, 'Recent', 2, 'Wim Wijkteam');
  await acceptedFor(app, balie, lead, 'Oud', 60, 'Wim Wijkteam');
  await acceptedFor(app, balie, lead, 'Bijna', 35, 'Wendy Wmo-adviseur');
  const wim = await loginAs(app, 'wijkteam');
  const get = async (url: string, headers = wim) => {
    const res = await app.inject({ method: 'GET', url, headers });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { items: Item[]; nextCursor: string | null; counts: Record<string, number> };
  };

  const team = await get(`/api/v1/teams/${teamId}/caseload`);
  assert.deepEqual(team.items.map((i) => [i.clientName, i.mostUrgent?.state]), [['Oud', 'overdue'], ['Bijna', 'at_risk'], ['Recent', 'on_time']]);
  assert.deepEqual(team.counts, { open: 3, onTime: 1, atRisk: 1, overdue: 1 });
  assert.equal(team.nextCursor, null);
  assert.deepEqual(team.items.map((i) => i.waitingDays), [60, 35, 2], 'accepted, not started: waiting since the referral came in');

  for (const [state, expected] of [['overdue', ['Oud']], ['at_risk', ['Bijna']], ['on_time', ['Recent']]] as const) {
    const filtered = await get(`/api/v1/teams/${teamId}/caseload?state=${state}`);
    assert.deepEqual(names(filtered.items), expected, state);
    assert.deepEqual(filtered.counts, team.counts, 'the counts label the filter: they leave it out');
  }
  assert.deepEqual(names((await get(`/api/v1/teams/${teamId}/caseload?sort=newest`)).items), ['Recent', 'Bijna', 'Oud']);
  assert.deepEqual(names((await get(`/api/v1/teams/${teamId}/caseload?focus=plan_overdue`)).items), ['Oud']);
  assert.deepEqual(names((await get(`/api/v1/teams/${teamId}/caseload?professionalUserId=${await userId(app, lead, teamId, 'Wendy Wmo-adviseur')}`)).items), ['Bijna']);
  assert.deepEqual(names((await get('/api/v1/caseload')).items), ['Oud', 'Recent'], 'my caseload: only my trajectories');
  assert.deepEqual(names((await get('/api/v1/caseload?state=on_time')).items), ['Recent']);

  const bad = await app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/caseload?state=late`, headers: wim });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().detail ?? JSON.stringify(bad.json()), /state/);
});

test('paging through a caseload returns every trajectory once, in order, and a damaged cursor is refused', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const lead = await loginAs(app, 'teamleider');
  let teamId = '';
  // Same referral day for several: the order falls back on the arrival and the id, and paging must not skip or repeat them.
  for (const [k, days] of [10, 50, 10, 30, 50, 10, 44].entries()) teamId = await acceptedFor(app, balie, lead, `Pagina${k}`, days, 'Wim Wijkteam');
  for (const sort of ['urgency', 'oldest', 'newest']) {
    const whole = (await app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/caseload?sort=${sort}&limit=200`, headers: lead })).json().items as Item[];
    assert.equal(whole.length, 7);
    const paged: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: LightMyRequestResponse = await app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/caseload?sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`, headers: lead });
      assert.equal(res.statusCode, 200, res.body);
      paged.push(...res.json().items);
      cursor = res.json().nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3, sort);
    assert.deepEqual(paged.map((i) => i.id), whole.map((i) => i.id), `${sort}: every row once, in the same order`);
  }
  const res = await app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/caseload?cursor=bm90LWEtY3Vyc29y`, headers: lead });
  assert.deepEqual([res.statusCode, res.json().code], [400, 'invalid_cursor']);
  const other = Buffer.from(JSON.stringify(['oldest', '2026-01-01', '00000000-0000-0000-0000-000000000000'])).toString('base64url');
  const mixed = await app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/caseload?sort=urgency&cursor=${other}`, headers: lead });
  assert.deepEqual([mixed.statusCode, mixed.json().code], [400, 'invalid_cursor'], "a cursor of another order");
});

test('the team lead sees the caseload per professional by clock state, plans overdue and the waiting list with waiting days', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const lead = await loginAs(app, 'teamleider');
  const teamId = await acceptedFor(app, balie, lead, 'Recent', 2, 'Wim Wijkteam');
  await acceptedFor(app, balie, lead, 'Oud', 60, 'Wim Wijkteam');
  await acceptedFor(app, balie, lead, 'Bijna', 35, 'Wendy Wmo-adviseur');
  const before = (await app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/caseload-overview`, headers: lead })).json();
  await referred(app, balie, 'Wachtend', 9);

  const res = await app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/caseload-overview`, headers: lead });
  assert.equal(res.statusCode, 200, res.body);
  const { byProfessional, total, waiting } = res.json();
  assert.deepEqual(byProfessional.map((p: Record<string, unknown>) => [p.professionalName, p.open, p.onTime, p.atRisk, p.overdue, p.planOverdue, p.overMaxDuration]),
    [['Wendy Wmo-adviseur', 1, 0, 1, 0, 0, 0], ['Wim Wijkteam', 2, 1, 0, 1, 1, 0]]);
  assert.deepEqual([total.open, total.planOverdue, total.waiting], [3, 1, 3]);
  assert.deepEqual([waiting.referred, waiting.accepted], [before.waiting.referred + 1, 3], 'referred: not accepted yet (the demo has some too)');
  const mine = ['Oud', 'Bijna', 'Wachtend', 'Recent'];
  assert.deepEqual(waiting.items.filter((w: { clientName: string }) => mine.includes(w.clientName))
    .map((w: { clientName: string; kind: string; waitingDays: number }) => [w.clientName, w.kind, w.waitingDays]),
    [['Oud', 'trajectory', 60], ['Bijna', 'trajectory', 35], ['Wachtend', 'referral', 9], ['Recent', 'trajectory', 2]]);
});

test("a team worker sees the team's cases but not the team lead's overview; nobody sees another team's", async (t) => {
  const app = await build(t);
  const lead = await loginAs(app, 'teamleider');
  const wim = await loginAs(app, 'wijkteam');
  const teams = (await app.inject({ method: 'GET', url: '/api/v1/teams', headers: lead })).json() as { id: string; name: string }[];
  const own = teams.find((x) => x.name === 'Wijkteam Oude Noorden')!.id;
  const other = teams.find((x) => x.name === 'Wijkteam Charlois')!.id;
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/teams/${own}/caseload`, headers: wim })).statusCode, 200);
  const overview = await app.inject({ method: 'GET', url: `/api/v1/teams/${own}/caseload-overview`, headers: wim });
  assert.deepEqual([overview.statusCode, overview.json().code], [403, 'role_forbidden']);
  for (const url of [`/api/v1/teams/${other}/caseload`, `/api/v1/teams/${other}/caseload-overview`]) {
    const res = await app.inject({ method: 'GET', url, headers: lead });
    assert.deepEqual([res.statusCode, res.json().code], [403, 'not_team_member'], url);
  }
});

test('the team lead hands a case to another professional of the team; not to someone outside it, and not without being team lead', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const lead = await loginAs(app, 'teamleider');
  const teamId = await acceptedFor(app, balie, lead, 'Overdracht', 20, 'Wim Wijkteam');
  const wim = await loginAs(app, 'wijkteam');
  const wendy = await loginAs(app, 'wmo');
  const [item] = (await app.inject({ method: 'GET', url: '/api/v1/caseload', headers: wim })).json().items as Item[];
  const [zara] = await app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'wijkteam2'`);
  const reassign = (headers: AuthHeaders, professionalUserId: string, version = item!.version) => app.inject({
    method: 'POST', url: `/api/v1/trajectories/${item!.id}/reassign`, headers: { ...headers, 'if-match': `"${version}"` }, payload: { professionalUserId } });

  const outside = await reassign(lead, zara!.id);
  assert.deepEqual([outside.statusCode, outside.json().code, outside.json().field], [422, 'professional_not_in_team', 'professionalUserId'], outside.body);
  const byWorker = await reassign(wim, zara!.id);
  assert.deepEqual([byWorker.statusCode, byWorker.json().code], [403, 'role_forbidden']);
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/caseload', headers: wim })).json().items.length, 1, 'nothing changed');

  const wendyId = await userId(app, lead, teamId, 'Wendy Wmo-adviseur');
  const done = await reassign(lead, wendyId);
  assert.equal(done.statusCode, 200, done.body);
  assert.deepEqual([done.json().professionalName, done.headers.etag], ['Wendy Wmo-adviseur', `"${item!.version + 1}"`]);
  assert.deepEqual(names((await app.inject({ method: 'GET', url: '/api/v1/caseload', headers: wendy })).json().items), ['Overdracht']);
  assert.deepEqual((await app.inject({ method: 'GET', url: '/api/v1/caseload', headers: wim })).json().items, []);
  const stale = await reassign(lead, wendyId);
  assert.deepEqual([stale.statusCode, stale.json().code], [412, 'version_conflict']);

  // The hand-over is in the trajectory's history (who, when, from whom to whom), and the status stays.
  const tr = (await app.inject({ method: 'GET', url: `/api/v1/trajectories/${item!.id}`, headers: wendy })).json();
  assert.equal(tr.status, item!.status);
  assert.deepEqual(tr.actions.map((a: { type: string }) => a.type), ['opened', 'reassigned']);
  const handover = tr.actions.at(-1);
  assert.deepEqual([handover.on, handover.actorName, handover.fromName, handover.toName],
    [amsterdamDate(new Date()), 'Tom Teamleider', 'Wim Wijkteam', 'Wendy Wmo-adviseur']);
  // The referral it came from names the new professional too.
  const referral = await app.inject({ method: 'GET', url: `/api/v1/referrals/${item!.referralId}`, headers: lead });
  assert.equal(referral.statusCode, 200, referral.body);
  assert.deepEqual([referral.json().assignedUserId, referral.json().assignedUserName], [wendyId, 'Wendy Wmo-adviseur']);
  // Wendy can record the plan agreed before the hand-over: it is no step of the work.
  const agreed = await app.inject({ method: 'POST', url: `/api/v1/trajectories/${item!.id}/agreePlan`, headers: { ...wendy, 'if-match': `"${tr.version}"` },
    payload: { on: addDays(amsterdamDate(new Date()), -1) } });
  assert.equal(agreed.statusCode, 200, agreed.body);

  const [audit] = await app.db.query<{ outcome: string; details: { professionalUserId: string } }>(
    `SELECT outcome, details FROM audit_log WHERE action = 'trajectory.reassign' ORDER BY id DESC LIMIT 1`);
  assert.deepEqual([audit!.outcome, audit!.details.professionalUserId], ['success', wendyId]);
});

test('the list of unassigned referrals tells how many there are in all, not only the page it shows', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const wim = await loginAs(app, 'wijkteam');
  let teamId = '';
  for (const k of [1, 2, 3]) teamId = (await referred(app, balie, `Wachtend${k}`, k)).teamId;
  const whole = await app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/referrals?status=open&limit=200`, headers: wim });
  assert.equal(whole.statusCode, 200, whole.body);
  const all = whole.json().length as number;
  assert.ok(all >= 3);
  assert.equal(whole.headers['x-total-count'], String(all));
  const first = await app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/referrals?status=open&limit=2`, headers: wim });
  assert.deepEqual([first.json().length, first.headers['x-total-count']], [2, String(all)], 'the first page of two counts every open referral');
  const next = /^<([^>]+)>; rel="next"$/.exec(String(first.headers.link))![1]!;
  assert.equal((await app.inject({ method: 'GET', url: next, headers: wim })).headers['x-total-count'], String(all), 'the next page too');
});
