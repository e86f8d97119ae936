import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build, createClient, loginAs, TEST_BSNS } from '../../../test/helpers.ts';

/** Makes a demo user a member of a desk (the demo has nobody at the CJG or Centraal Onthaal) and logs them in. */
async function memberOf(app: FastifyInstance, username: string, deskName: string) {
  await app.db.query(`INSERT INTO team_members (user_id, team_id) SELECT u.id, t.id FROM users u, teams t WHERE u.username = $1 AND t.name = $2`, [username, deskName]);
  const [desk] = await app.db.query<{ id: string }>('SELECT id FROM teams WHERE name = $1', [deskName]);
  return { headers: await loginAs(app, username), deskId: desk!.id };
}

test('the youth route puts an open referral in the CJG desk\'s inbox', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const clientId = await createClient(app, balie, { surname: 'Yilmaz', firstNames: 'Deniz', birthDate: '2012-04-01', address: { postcode: '3032 AB', houseNumber: 8 } });
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie,
    payload: { clientId, channel: 'phone', question: 'Moeder maakt zich zorgen: zoon gaat niet meer naar school', lifeDomains: ['growing_up_parenting'], outcome: 4 } });
  assert.equal(res.statusCode, 201, res.body);
  const c = res.json();
  assert.equal(c.referral.teamName, 'CJG Rotterdam-Rijnmond');
  assert.equal(c.referral.status, 'open');

  const cjg = await memberOf(app, 'wijkteam', 'CJG Rotterdam-Rijnmond');
  const inbox = await app.inject({ method: 'GET', url: `/api/v1/teams/${cjg.deskId}/referrals?status=open`, headers: cjg.headers });
  assert.equal(inbox.statusCode, 200, inbox.body);
  const [r] = inbox.json();
  assert.equal(r.id, c.referral.id);
  assert.equal(r.clientName, 'D. Yilmaz');
  assert.equal(r.referrer.teamName, 'VraagWijzer Centrum');
  assert.equal(r.contactId, c.id);
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}`, headers: cjg.headers })).statusCode, 200, 'the CJG desk is now involved');
});

test('the city-desk route works for someone without a fixed address and without a BSN, also with urgency crisis (spoed)', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
    newClient: { surname: 'Onbekend', firstNames: 'Piet', noFixedAddress: true, contactPoint: 'Pauluskerk, Mauritsweg 20' },
    channel: 'desk', question: 'Slaapt sinds twee nachten buiten, heeft vannacht een plek nodig', lifeDomains: ['housing'], urgency: 'crisis', outcome: 5 } });
  assert.equal(res.statusCode, 201, res.body);
  const c = res.json();
  assert.equal(c.referral.teamName, 'Centraal Onthaal Volwassenen');

  const cov = await memberOf(app, 'wijkteam', 'Centraal Onthaal Volwassenen');
  const inbox = (await app.inject({ method: 'GET', url: `/api/v1/teams/${cov.deskId}/referrals`, headers: cov.headers })).json();
  // Crisis first; the demo data has an urgent city-desk contact of its own.
  assert.deepEqual([inbox[0].id, inbox[0].urgency, inbox[0].status], [c.referral.id, 'crisis', 'open']);
  const timeline = (await app.inject({ method: 'GET', url: `/api/v1/clients/${c.clientId}/timeline?type=referral`, headers: balie })).json();
  assert.equal(timeline.length, 1, 'the referral shows in the client timeline');
});

test('the city-desk route also works for a known client with a BSN, and the same contact sent twice makes one referral', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const clientId = await createClient(app, balie, { surname: 'de Vries', bsn: TEST_BSNS[1] });
  const send = () => app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { ...balie, 'idempotency-key': 'cov-route-0001' },
    payload: { clientId, channel: 'phone', question: 'Huisuitzetting volgende week', lifeDomains: ['housing', 'finances_debts'], urgency: 'urgent', outcome: 5 } });
  const [a, b] = [await send(), await send()];
  assert.equal(a.statusCode, 201, a.body);
  assert.equal(b.json().referral.id, a.json().referral.id);
  assert.equal((await app.db.query(`SELECT 1 FROM referrals WHERE client_id = $1`, [clientId])).length, 1);
});

test('without an active desk for the route nothing is stored and the outcome field says why', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  await app.db.query(`UPDATE teams SET active = false WHERE desk_type = 'cjg'`);
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
    newClient: { surname: 'Zonderloket', birthDate: '2015-01-01' }, channel: 'phone', question: 'Vraag over opvoeding', outcome: 4 } });
  assert.equal(res.statusCode, 400, res.body);
  assert.equal(res.json().field, 'outcome');
  assert.equal((await app.db.query(`SELECT 1 FROM clients WHERE surname = 'Zonderloket'`)).length, 0, 'nothing partial is stored');
});

test('outcomes 4 and 5 cannot be anonymous', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  for (const outcome of [4, 5]) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: { channel: 'phone', question: 'Anonieme vraag', outcome } });
    assert.equal(res.statusCode, 400, `outcome ${outcome}`);
    assert.equal(res.json().field, 'clientId');
  }
});

test('a Centraal Onthaal desk worker accepts a city-desk referral from their desk inbox and becomes involved', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
    newClient: { surname: 'Zonder', firstNames: 'Karel', noFixedAddress: true, contactPoint: 'Nachtopvang Havenzicht' },
    channel: 'phone', question: 'Dreigt morgen dakloos te raken', lifeDomains: ['housing'], urgency: 'urgent', outcome: 5 } });
  assert.equal(res.statusCode, 201, res.body);
  const { referral, clientId } = res.json();
  const onthaal = await loginAs(app, 'onthaal');
  const me = (await app.inject({ method: 'GET', url: '/api/v1/session', headers: onthaal })).json().user;
  const pros = (await app.inject({ method: 'GET', url: `/api/v1/teams/${me.teams[0].id}/professionals`, headers: onthaal })).json();
  assert.ok(pros.some((p: { id: string }) => p.id === me.id), 'desk workers of the desk can be assigned');
  const accepted = await app.inject({ method: 'POST', url: `/api/v1/referrals/${referral.id}/accept`, headers: onthaal, payload: { assignedUserId: me.id } });
  assert.equal(accepted.statusCode, 200, accepted.body);
  assert.equal(accepted.json().status, 'accepted');
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}`, headers: onthaal })).statusCode, 200);
  // A VraagWijzer desk worker is not a member of that desk and cannot decide on its referrals.
  const other = await app.inject({ method: 'POST', url: `/api/v1/referrals/${referral.id}/return`, headers: balie, payload: { reason: 'Hoort niet bij ons loket' } });
  assert.equal(other.statusCode, 403, other.body);
  assert.equal(other.json().code, 'not_team_member');
});

test('the city-desk route goes to the Jongerenloket for a client aged 16–27 on the day of the contact, to Centraal Onthaal otherwise', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const contactedAt = '2026-06-15T09:30:00+02:00';
  const routeOf = async (birthDate: string) => {
    const clientId = await createClient(app, balie, { surname: 'Bakker', firstNames: 'Sem', birthDate });
    const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie,
      payload: { clientId, channel: 'desk', question: 'Moet over twee weken uit huis', lifeDomains: ['housing'], outcome: 5, contactedAt } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().referral as { id: string; teamName: string };
  };
  const young = await routeOf('2005-03-01'); // 21
  assert.equal(young.teamName, 'Jongerenloket');
  assert.equal((await routeOf('1999-06-15')).teamName, 'Jongerenloket', '27 on the day itself');
  assert.equal((await routeOf('1998-06-15')).teamName, 'Centraal Onthaal Volwassenen', '28');
  assert.equal((await routeOf('2010-06-16')).teamName, 'Centraal Onthaal Volwassenen', '15 until the next day');

  // The Jongerenloket's desk worker (demo user `jongeren`) works the referral from the desk's inbox.
  const jongeren = await loginAs(app, 'jongeren');
  const [desk] = await app.db.query<{ id: string }>(`SELECT id FROM teams WHERE name = 'Jongerenloket'`);
  const inbox = (await app.inject({ method: 'GET', url: `/api/v1/teams/${desk!.id}/referrals?status=open`, headers: jongeren })).json();
  assert.equal(inbox.length, 2, 'the 21- and the 27-year-old');
  assert.ok(inbox.some((r: { id: string }) => r.id === young.id));
});

test('an admin sets a desk\'s age band; one age without the other, or a band on a team, is refused with the field named', async (t) => {
  const app = await build(t);
  const beheer = await loginAs(app, 'beheer');
  const teams = (await app.inject({ method: 'GET', url: '/api/v1/teams', headers: beheer })).json();
  const desk = teams.find((x: { name: string }) => x.name === 'Jongerenloket');
  assert.deepEqual([desk.routeMinAge, desk.routeMaxAge], [16, 27]);
  const put = (body: Record<string, unknown>, version = desk.version) => app.inject({ method: 'PUT', url: `/api/v1/teams/${desk.id}`,
    headers: { ...beheer, 'if-match': `"${version}"` }, payload: { name: desk.name, kind: 'desk', deskType: 'jongerenloket', ...body } });
  const half = await put({ routeMinAge: 18 });
  assert.equal(half.statusCode, 400, half.body);
  assert.equal(half.json().field, 'routeMaxAge');
  const upside = await put({ routeMinAge: 30, routeMaxAge: 18 });
  assert.equal(upside.json().field, 'routeMaxAge');
  const team = teams.find((x: { kind: string }) => x.kind === 'neighbourhood_team');
  const onTeam = await app.inject({ method: 'PUT', url: `/api/v1/teams/${team.id}`, headers: { ...beheer, 'if-match': `"${team.version}"` },
    payload: { name: team.name, kind: 'neighbourhood_team', regionId: team.regionId, routeMinAge: 16, routeMaxAge: 27 } });
  assert.equal(onTeam.json().field, 'routeMinAge');

  const ok = await put({ routeMinAge: 18, routeMaxAge: 23 });
  assert.equal(ok.statusCode, 200, ok.body);
  const after = (await app.inject({ method: 'GET', url: '/api/v1/teams', headers: beheer })).json().find((x: { id: string }) => x.id === desk.id);
  assert.deepEqual([after.routeMinAge, after.routeMaxAge], [18, 23]);
  // A 25-year-old now goes to Centraal Onthaal.
  const balie = await loginAs(app, 'balie');
  const clientId = await createClient(app, balie, { birthDate: '2001-01-01' });
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie,
    payload: { clientId, channel: 'phone', question: 'Dakloos', lifeDomains: ['housing'], outcome: 5, contactedAt: '2026-06-15T09:30:00+02:00' } });
  assert.equal(res.json().referral.teamName, 'Centraal Onthaal Volwassenen');
});
