import assert from 'node:assert/strict';
import test from 'node:test';
import { build, createClient, loginAs } from '../../../test/helpers.ts';

const newClient = { surname: 'Bakker', firstNames: 'Kees', birthDate: '1960-02-02', address: { postcode: '3032 AB', houseNumber: 5 } };
const phoneContact = { channel: 'phone', question: 'Ik red het niet meer met de post en de rekeningen', lifeDomains: ['finances_debts'] };

test('a desk worker registers a new client by phone and refers them to the team the postcode proposes', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: { ...phoneContact, newClient, outcome: 2 } });
  assert.equal(res.statusCode, 201, res.body);
  const c = res.json();
  assert.equal(c.teamName, 'VraagWijzer Centrum');
  assert.equal(c.referral.teamName, 'Wijkteam Oude Noorden');
  assert.equal(c.referral.status, 'open');
  const jobs = await app.db.query(`SELECT 1 FROM jobs WHERE kind = 'referral.status_changed' AND payload->>'referralId' = $1`, [c.referral.id]);
  assert.equal(jobs.length, 1);
  const wijkteam = await loginAs(app, 'wijkteam');
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/clients/${c.clientId}`, headers: wijkteam })).statusCode, 200, 'the team is now involved');
});

test('choosing another team than proposed needs a reason', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const teams = (await app.inject({ method: 'GET', url: '/api/v1/teams', headers: balie })).json() as { id: string; name: string }[];
  const charlois = teams.find((x) => x.name === 'Wijkteam Charlois')!.id;
  const without = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: { ...phoneContact, newClient, outcome: 2, referral: { teamId: charlois } } });
  assert.equal(without.statusCode, 400);
  assert.equal(without.json().field, 'referral.teamOverrideReason');
  assert.equal((await app.db.query(`SELECT 1 FROM clients WHERE surname = 'Bakker'`)).length, 0, 'nothing partial is stored');
  const withReason = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie,
    payload: { ...phoneContact, newClient, outcome: 2, referral: { teamId: charlois, teamOverrideReason: 'Cliënt verhuist volgende week naar Charlois' } } });
  assert.equal(withReason.statusCode, 201, withReason.body);
  assert.equal(withReason.json().referral.teamName, 'Wijkteam Charlois');
});

test('a Wmo notification starts its six-week clock on the day of the contact', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const clientId = await createClient(app, balie);
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie,
    payload: { clientId, channel: 'desk', question: 'Ik kan de trap niet meer op', lifeDomains: ['ageing', 'disability'], outcome: 3, contactedAt: '2026-01-05T10:00:00+01:00' } });
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual([res.json().notification.notifiedOn, res.json().notification.assessmentDeadline], ['2026-01-05', '2026-02-16']);
});

test('a safety signal flags the client and notifies the team lead and the aandachtsfunctionaris', async (t) => {
  const app = await build(t);
  const wijkteam = await loginAs(app, 'wijkteam');
  const clientId = await createClient(app, wijkteam, { address: { postcode: '3081 AA', houseNumber: 3 } });
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: wijkteam,
    payload: { clientId, channel: 'home_visit', question: 'Blauwe plekken gezien bij de kinderen', lifeDomains: ['domestic_violence'], outcome: 6, urgency: 'crisis' } });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}`, headers: wijkteam })).json().safetySignal, true);
  const leads = await app.db.query<{ username: string }>(`SELECT u.username FROM staff_messages n JOIN users u ON u.id = n.user_id WHERE n.kind = 'safety_signal' ORDER BY u.username`);
  assert.deepEqual(leads.map((l) => l.username), ['aandacht', 'teamleider']);
  // The signal opens its sealed safety record at once; no job is left to pile up.
  assert.equal((await app.db.query(`SELECT 1 FROM jobs WHERE kind = 'safety.signal_registered'`)).length, 0);
  assert.equal((await app.db.query(`SELECT 1 FROM safety_records WHERE contact_id = $1`, [res.json().id])).length, 1);
  const teamleider = await loginAs(app, 'teamleider');
  const mine = await app.inject({ method: 'GET', url: '/api/v1/me/messages', headers: teamleider });
  assert.deepEqual(mine.json().map((n: { kind: string; clientId: string }) => [n.kind, n.clientId]), [['safety_signal', clientId]]);
});

test('an anonymous question can be registered for advice only', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const advice = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie,
    payload: { channel: 'phone', question: 'Waar vind ik een schuldhulp-inloop?', outcome: 1, generalProvision: 'Schuldhulp-inloop Huis van de Wijk' } });
  assert.equal(advice.statusCode, 201, advice.body);
  assert.equal(advice.json().clientId, null);
  const refer = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: { channel: 'phone', question: 'Anoniem doorverwijzen', outcome: 2 } });
  assert.equal(refer.statusCode, 400);
  assert.equal(refer.json().field, 'clientId');
});

test('a desk worker finds an existing client and becomes involved by registering a contact; a team worker cannot', async (t) => {
  const app = await build(t);
  const wijkteam = await loginAs(app, 'wijkteam');
  const balie = await loginAs(app, 'balie');
  const zuid = await loginAs(app, 'wijkteam2');
  const clientId = await createClient(app, wijkteam);
  const look = await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}`, headers: balie });
  assert.deepEqual([look.statusCode, look.json().code], [403, 'client_access_denied']);
  const body = { clientId, channel: 'desk', question: 'Vraag over huishoudelijke hulp', outcome: 1 };
  const denied = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: zuid, payload: body });
  assert.equal(denied.statusCode, 403);
  assert.equal(denied.json().code, 'client_access_denied');
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: body });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}`, headers: balie })).statusCode, 200);
  const audit = await app.db.query<{ details: { relationCreated?: boolean } }>(`SELECT details FROM audit_log WHERE action = 'contact.create' AND client_id = $1 AND outcome = 'success'`, [clientId]);
  assert.equal(audit[0]?.details.relationCreated, true);
});

const bad: [string, Record<string, unknown>, string][] = [
  ['an unknown team', { teamId: '00000000-0000-4000-8000-000000000001' }, 'teamId'],
  ['an invalid BSN for the new client', { newClient: { ...newClient, bsn: '123456789' } }, 'newClient.bsn'],
  ['a future birth date for the new client', { newClient: { ...newClient, birthDate: '2999-01-01' } }, 'newClient.birthDate'],
  ['an invalid postcode for the new client', { newClient: { ...newClient, address: { postcode: 'ABCD 12', houseNumber: 1 } } }, 'newClient.address.postcode'],
  // The configured life domains (table life_domains) are checked in the transaction: the list is named.
  ['an unknown life domain', { lifeDomains: ['weather'] }, 'lifeDomains'],
];
for (const [what, body, field] of bad) {
  test(`a contact with ${what} is refused naming the field, and nothing is stored`, async (t) => {
    const app = await build(t);
    const balie = await loginAs(app, 'balie');
    const count = async () => (await app.db.query<{ n: number }>('SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM referrals) + (SELECT count(*) FROM clients) AS n'))[0]!.n;
    const before = await count();
    const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: { ...phoneContact, newClient, outcome: 2, ...body } });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().field, field);
    assert.equal(await count(), before);
  });
}

test('the same contact sent twice, or twice at once, with one idempotency key is registered once', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const [before] = await app.db.query<{ r: number; c: number }>('SELECT (SELECT count(*) FROM referrals)::int AS r, (SELECT count(*) FROM clients)::int AS c');
  const send = (key: string) => app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { ...balie, 'idempotency-key': key },
    payload: { ...phoneContact, newClient: { ...newClient, surname: key }, outcome: 2 } });
  const [a, b] = [await send('contact-key-1'), await send('contact-key-1')];
  assert.equal(a.json().id, b.json().id);
  const [c, d] = await Promise.all([send('contact-key-2'), send('contact-key-2')]);
  assert.deepEqual([c.statusCode, d.statusCode], [201, 201], `${c.body} ${d.body}`);
  assert.equal(c.json().referral.id, d.json().referral.id);
  const [after] = await app.db.query<{ r: number; c: number }>('SELECT (SELECT count(*) FROM referrals)::int AS r, (SELECT count(*) FROM clients)::int AS c');
  assert.deepEqual([after!.r - before!.r, after!.c - before!.c], [2, 2]);
});
