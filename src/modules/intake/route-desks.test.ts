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
