import assert from 'node:assert/strict';
import test from 'node:test';
import { build, loginAs } from '../../../test/helpers.ts';

test('the client timeline shows contacts, referrals and Wmo notifications with who and which desk, each event once, filterable by type', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const first = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
    channel: 'phone', question: 'Hulp bij het huishouden nodig', outcome: 2, lifeDomains: ['ageing'],
    newClient: { surname: 'Hendriks', birthDate: '1944-01-01', address: { postcode: '3033 CC', houseNumber: 9 } } } });
  const clientId = first.json().clientId;
  await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: { clientId, channel: 'desk', question: 'Traplift', outcome: 3 } });
  const all = await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}/timeline`, headers: balie });
  assert.equal(all.statusCode, 200);
  // The referral and the notification the two contacts created are told in those contacts, not listed a second time.
  assert.deepEqual(all.json().map((e: { type: string }) => e.type).sort(), ['contact', 'contact']);
  const contact = all.json().find((e: { type: string; details: { outcome: number } }) => e.type === 'contact' && e.details.outcome === 2);
  assert.deepEqual([contact.teamName, contact.userName, contact.title], ['VraagWijzer Centrum', 'Bea Balie', 'Doorverwijzing naar het wijkteam']);
  assert.deepEqual([contact.details.referral.toTeam, contact.details.referral.status], ['Wijkteam Oude Noorden', 'open']);
  const melding = all.json().find((e: { type: string; details: { outcome: number } }) => e.details.outcome === 3);
  assert.match(melding.details.notification.assessmentDeadline, /^\d{4}-\d{2}-\d{2}$/);
  const only = await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}/timeline?type=referral,notification`, headers: balie });
  assert.deepEqual(only.json().map((e: { type: string }) => e.type).sort(), ['notification', 'referral']);
  const gossip = await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}/timeline?type=gossip`, headers: balie });
  assert.equal(gossip.statusCode, 400);
  assert.equal(gossip.json().field, 'type');
});

test('contact figures count per channel, desk and outcome, anonymous contacts included; only for management roles', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  for (const channel of ['phone', 'phone', 'desk']) {
    await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: { channel, question: 'Waar is het Huis van de Wijk?', outcome: 1, contactedAt: '2021-03-10T10:00:00+01:00' } });
  }
  const period = 'from=2021-03-01&to=2021-03-31';
  const beleid = await loginAs(app, 'beleid');
  const res = await app.inject({ method: 'GET', url: `/api/v1/figures/contacts?${period}`, headers: beleid });
  assert.equal(res.statusCode, 200, res.body);
  const f = res.json();
  // Three contacts: every cell is about fewer than 5 clients, so none is shown (src/modules/monitor/contact-figures.test.ts).
  assert.equal(f.total, null);
  assert.equal(f.anonymous, null);
  assert.deepEqual(f.byChannel, [{ channel: 'phone', count: null }, { channel: 'desk', count: null }]);
  assert.deepEqual(f.byOutcome, [{ outcome: 1, count: null }]);
  assert.equal(f.byDesk[0].teamName, 'VraagWijzer Centrum');
  const figures = await app.inject({ method: 'GET', url: `/api/v1/figures/contacts?${period}`, headers: balie });
  assert.deepEqual([figures.statusCode, figures.json().code], [403, 'role_forbidden']);
});
