import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build, createClient, loginAs } from '../../../test/helpers.ts';

const URL = '/api/v1/figures/dashboard';
const MARCH = 'from=2021-03-01&to=2021-03-31';

const teamId = async (app: FastifyInstance, name: string) => (await app.db.query<{ id: string }>('SELECT id FROM teams WHERE name = $1', [name]))[0]!.id;

/**
 * Arranged directly in the tables (tests may): `n` new clients, one referral each to `team` from `source`,
 * received on `on`, and its decision (accepted or returned) on `decided`. `known`: the team is involved
 * with the client (as after a real referral), so the team lead may see them.
 */
async function referrals(app: FastifyInstance, team: string, source: string, n: number, on: string, decided?: ['accepted' | 'returned', string], known = true) {
  const t = await teamId(app, team);
  for (let i = 0; i < n; i++) {
    const [c] = await app.db.query<{ id: string }>(`INSERT INTO clients (surname, first_names) VALUES ('Cijfers', $1) RETURNING id`, [`${source}${i}`]);
    const [r] = await app.db.query<{ id: string }>(
      `INSERT INTO referrals (client_id, team_id, source, reason, status, received_at, created_at) VALUES ($1, $2, $3, 'Hulp gevraagd', $4, $5, $5) RETURNING id`,
      [c!.id, t, source, decided?.[0] ?? 'open', `${on}T10:00:00+01:00`]);
    await app.db.query(`INSERT INTO referral_actions (referral_id, type, at) VALUES ($1, 'created', $2)`, [r!.id, `${on}T10:00:00+01:00`]);
    if (decided) await app.db.query(`INSERT INTO referral_actions (referral_id, type, at) VALUES ($1, $2, $3)`, [r!.id, decided[0], `${decided[1]}T10:00:00+01:00`]);
    if (known) await app.db.query(`INSERT INTO client_relations (client_id, team_id, reason) VALUES ($1, $2, 'referral')`, [c!.id, t]);
  }
}

async function contacts(app: FastifyInstance, channel: string, n: number) {
  const balie = await loginAs(app, 'balie');
  for (let i = 0; i < n; i++) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie,
      payload: { channel, question: 'Waar is het Huis van de Wijk?', outcome: 1, contactedAt: '2021-03-10T10:00:00+01:00' } });
    assert.equal(res.statusCode, 201, res.body);
  }
}

async function arrange(app: FastifyInstance) {
  await contacts(app, 'desk', 6);
  await contacts(app, 'phone', 3);
  await referrals(app, 'Wijkteam Oude Noorden', 'gp', 6, '2021-03-05', ['accepted', '2021-03-08']);
  await referrals(app, 'Wijkteam Oude Noorden', 'desk', 5, '2021-03-10', ['returned', '2021-03-11']);
  await referrals(app, 'Wijkteam Oude Noorden', 'partner', 5, '2021-03-20');
  await referrals(app, 'Wijkteam Oude Noorden', 'citizen', 2, '2021-03-20', undefined, false);
  // Five bankslapers recorded by the wijkteam, one of whom found a home before March (not counted).
  const wijkteam = await loginAs(app, 'wijkteam');
  for (let i = 0; i < 6; i++) {
    const client = await createClient(app, wijkteam, { surname: `Bank${i}` });
    const res = await app.inject({ method: 'POST', url: `/api/v1/clients/${client}/housing-situations`, headers: wijkteam, payload: { situation: 'sofa_surfing', since: '2021-01-15' } });
    assert.equal(res.statusCode, 201, res.body);
    if (i === 5) await app.inject({ method: 'POST', url: `/api/v1/clients/${client}/housing-situations`, headers: wijkteam, payload: { situation: 'own_home', since: '2021-02-15' } });
  }
  // Six support plans, each agreed 35 days after the referral came in (within the six weeks).
  const t = await teamId(app, 'Wijkteam Oude Noorden');
  for (let i = 0; i < 6; i++) {
    const [c] = await app.db.query<{ id: string }>(`INSERT INTO clients (surname) VALUES ('Plan') RETURNING id`);
    const [tr] = await app.db.query<{ id: string }>(`INSERT INTO trajectories (client_id, team_id, received_on) VALUES ($1, $2, '2021-02-01') RETURNING id`, [c!.id, t]);
    await app.db.query(`INSERT INTO trajectory_actions (trajectory_id, type, occurred_on) VALUES ($1, 'opened', '2021-02-01'), ($1, 'plan_agreed', '2021-03-08')`, [tr!.id]);
  }
}

type Row = { name: string; [k: string]: unknown };

test('the dashboard per team: referrals by source, the waiting list and its days, returned or passed on, bankslapers, contacts per council channel; every cell about 1–4 clients "< 5" and the rest rounded to 5', async (t) => {
  const app = await build(t);
  await arrange(app);
  const res = await app.inject({ method: 'GET', url: `${URL}?${MARCH}`, headers: await loginAs(app, 'beleid') });
  assert.equal(res.statusCode, 200, res.body);
  const f = res.json();
  assert.equal(f.asOf, '2021-03-31');
  const row = (name: string) => f.rows.find((r: Row) => r.name === name);
  const { key: _k, ...noorden } = row('Wijkteam Oude Noorden');
  assert.deepEqual(noorden, {
    name: 'Wijkteam Oude Noorden', contacts: 0, byChannel: [], byOutcome: [],
    // 18 received: 6 by GPs (shown 5), 5 from a desk, 5 from a partner, 2 citizens ("< 5").
    referrals: 20, bySource: [{ key: 'citizen', count: null }, { key: 'desk', count: 5 }, { key: 'gp', count: 5 }, { key: 'partner', count: 5 }],
    // 7 not yet accepted or returned on 31 March, each waiting 11 days.
    waiting: 5, waitingMedianDays: 11, waitingP90Days: 11,
    // 5 of 18 returned: 28 %.
    returnedOrPassedOn: 5, returnedOrPassedOnPct: 28,
    sofaSurfers: 5,
  });
  const desk = row('VraagWijzer Centrum');
  assert.deepEqual([desk.contacts, desk.byChannel, desk.byOutcome], [10, [{ key: 'in_person', count: 5 }, { key: 'phone', count: null }], [{ key: '1', count: 10 }]]);
  assert.deepEqual([f.total.contacts, f.total.referrals, f.total.sofaSurfers], [10, 20, 5]);
  assert.deepEqual(f.trend, [{ month: '2021-03', contacts: 10, byChannel: [{ key: 'in_person', count: 5 }, { key: 'phone', count: null }], referrals: 20 }]);
  const plan = f.distribution.find((d: { indicator: string }) => d.indicator === 'neighbourhood_plan');
  assert.deepEqual(plan.bands.map((b: { count: number | null }) => b.count), [0, 0, 5, 0, 0, 0], 'six plans after 35 days: the band up to 42 days, shown as 5');
  const norm = f.serviceNorms.find((s: { indicator: string; name: string }) => s.indicator === 'neighbourhood_plan' && s.name === 'Wijkteam Oude Noorden');
  assert.deepEqual([norm.done, norm.medianDays, norm.withinNormPct], [5, 35, 100]);
  for (const n of [2, 3, 6, 7, 9, 18]) assert.ok(!new RegExp(`"(count|contacts|referrals|waiting|sofaSurfers|returnedOrPassedOn|done)":${n}[,}]`).test(res.body), `no cell shows ${n}`);
  // One audit row naming the selection, no client.
  const audit = await app.db.query<{ client_id: string | null }>(`SELECT client_id FROM audit_log WHERE action = 'figures.dashboard' AND outcome = 'success'`);
  assert.deepEqual(audit, [{ client_id: null }]);
});

test('one team only, or per region: the figures of that selection', async (t) => {
  const app = await build(t);
  await arrange(app);
  const beleid = await loginAs(app, 'beleid');
  const noorden = await teamId(app, 'Wijkteam Oude Noorden');
  const one = (await app.inject({ method: 'GET', url: `${URL}?${MARCH}&group=${noorden}`, headers: beleid })).json();
  assert.deepEqual(one.rows.map((r: Row) => r.name), ['Wijkteam Oude Noorden']);
  assert.deepEqual([one.total.contacts, one.total.referrals], [0, 20]);
  const regions = await app.inject({ method: 'GET', url: `${URL}?${MARCH}&by=region`, headers: beleid });
  assert.equal(regions.statusCode, 200, regions.body);
  assert.equal(regions.json().total.referrals, 20);
  assert.deepEqual(regions.json().satisfaction, []);
  const bad = await app.inject({ method: 'GET', url: `${URL}?from=2021-03-31&to=2021-03-01`, headers: beleid });
  assert.deepEqual([bad.statusCode, bad.json().field], [400, 'to']);
});

test('from a figure to its cases: the team lead sees only the clients they may see, the read audited with their ids; the policy analyst and the manager see aggregates only', async (t) => {
  const app = await build(t);
  await arrange(app);
  const noorden = await teamId(app, 'Wijkteam Oude Noorden');
  const url = `${URL}/cases?${MARCH}&group=${noorden}&figure=waiting`;
  const lead = await app.inject({ method: 'GET', url, headers: await loginAs(app, 'teamleider') });
  assert.equal(lead.statusCode, 200, lead.body);
  // 7 waiting, but the team is involved with only the 5 partner referrals' clients.
  const items = lead.json().items;
  assert.equal(items.length, 5);
  assert.ok(items.every((i: { kind: string; days: number; since: string }) => i.kind === 'referral' && i.days === 11 && i.since === '2021-03-20'));
  const [audit] = await app.db.query<{ details: { clientIds: string[] } }>(`SELECT details FROM audit_log WHERE action = 'figures.drill_down' AND outcome = 'success'`);
  assert.deepEqual([...audit!.details.clientIds].sort(), items.map((i: { clientId: string }) => i.clientId).sort());
  const sofa = await app.inject({ method: 'GET', url: `${URL}/cases?${MARCH}&group=${noorden}&figure=sofa_surfing`, headers: await loginAs(app, 'teamleider') });
  assert.equal(sofa.json().items.length, 5, sofa.body);
  for (const who of ['beleid', 'manager']) {
    const res = await app.inject({ method: 'GET', url, headers: await loginAs(app, who) });
    assert.deepEqual([res.statusCode, res.json().code], [403, 'role_forbidden'], who);
  }
  const manager = await app.inject({ method: 'GET', url: `${URL}?${MARCH}`, headers: await loginAs(app, 'manager') });
  assert.equal(manager.statusCode, 200);
  const desk = await app.inject({ method: 'GET', url: `${URL}?${MARCH}`, headers: await loginAs(app, 'balie') });
  assert.deepEqual([desk.statusCode, desk.json().code], [403, 'role_forbidden']);
});

test('a housing situation is recorded only by who may see the client, dated, and read back the latest first', async (t) => {
  const app = await build(t);
  const wijkteam = await loginAs(app, 'wijkteam');
  const client = await createClient(app, wijkteam);
  const url = `/api/v1/clients/${client}/housing-situations`;
  const other = await app.inject({ method: 'POST', url, headers: await loginAs(app, 'wijkteam2'), payload: { situation: 'sofa_surfing', since: '2021-01-15' } });
  assert.deepEqual([other.statusCode, other.json().code], [403, 'client_access_denied']);
  const bad = await app.inject({ method: 'POST', url, headers: wijkteam, payload: { situation: 'sofa', since: '2021-01-15' } });
  assert.deepEqual([bad.statusCode, bad.json().field], [400, 'situation']);
  await app.inject({ method: 'POST', url, headers: wijkteam, payload: { situation: 'sofa_surfing', since: '2021-01-15' } });
  await app.inject({ method: 'POST', url, headers: wijkteam, payload: { situation: 'own_home', since: '2021-06-01' } });
  const list = await app.inject({ method: 'GET', url, headers: wijkteam });
  assert.deepEqual(list.json().map((s: { situation: string; since: string }) => [s.situation, s.since]), [['own_home', '2021-06-01'], ['sofa_surfing', '2021-01-15']]);
  const rows = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'client.housing_situation.record' AND client_id = $1 AND outcome = 'success'`, [client]);
  assert.equal(rows[0]!.n, 2);
});

test('"first time right": a referral after which the same client was referred to another team within 30 days counts as passed on; one 31 days later does not', async (t) => {
  const app = await build(t);
  const noorden = await teamId(app, 'Wijkteam Oude Noorden');
  const charlois = await teamId(app, 'Wijkteam Charlois');
  const refer = (client: string, team: string, on: string) => app.db.query(
    `INSERT INTO referrals (client_id, team_id, source, reason, received_at, created_at) VALUES ($1, $2, 'gp', 'Hulp gevraagd', $3, $3)`, [client, team, `${on}T10:00:00+01:00`]);
  for (let i = 0; i < 10; i++) {
    const [c] = await app.db.query<{ id: string }>(`INSERT INTO clients (surname) VALUES ('Door') RETURNING id`);
    await refer(c!.id, noorden, '2021-03-01');
    // Five are sent on to Charlois 20 days later (passed on), five after 31 days (a new question, not a wrong address).
    await refer(c!.id, charlois, i < 5 ? '2021-03-21' : '2021-04-01');
  }
  // Through April, so that the referral of 1 April is known on the day the figures are counted.
  const res = await app.inject({ method: 'GET', url: `${URL}?from=2021-03-01&to=2021-04-30&group=${noorden}`, headers: await loginAs(app, 'beleid') });
  assert.equal(res.statusCode, 200, res.body);
  const row = res.json().rows[0];
  assert.deepEqual([row.referrals, row.returnedOrPassedOn, row.returnedOrPassedOnPct], [10, 5, 50]);
});
