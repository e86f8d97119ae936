import assert from 'node:assert/strict';
import test from 'node:test';
import { build, createClient, loginAs } from '../../../test/helpers.ts';

const melding = (clientId: string, contactedAt: string) =>
  ({ clientId, channel: 'phone', question: 'Ik kan niet meer zelf douchen', lifeDomains: ['disability'], outcome: 3, contactedAt });

test('a melding phoned in at 00:30 Dutch time is dated that Dutch day, not the UTC day before', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const clientId = await createClient(app, balie);
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: melding(clientId, '2026-11-14T00:30:00+01:00') });
  assert.equal(res.statusCode, 201, res.body);
  // Saturday 14 November 2026 + 42 days = Saturday 26 December (2nd Christmas day) → Monday 28 December.
  assert.deepEqual([res.json().notification.notifiedOn, res.json().notification.assessmentDeadline], ['2026-11-14', '2026-12-28']);
});

test('the holidays of a year list the Atw days, and a day a decree adds moves every later deadline', async (t) => {
  const app = await build(t);
  const beheer = await loginAs(app, 'beheer');
  const year = await app.inject({ method: 'GET', url: '/api/v1/legal-holidays?year=2027', headers: beheer });
  assert.equal(year.statusCode, 200, year.body);
  assert.deepEqual(year.json().slice(0, 3).map((h: { date: string; name: string }) => `${h.date} ${h.name}`),
    ['2027-01-01 Nieuwjaarsdag', '2027-03-26 Goede Vrijdag', '2027-03-29 Tweede Paasdag']);

  const added = await app.inject({ method: 'POST', url: '/api/v1/legal-holidays', headers: beheer,
    payload: { date: '2027-01-04', name: 'Gelijkgestelde dag', decree: 'Besluit van 1 december 2026, Stb. 2026, 999' } });
  assert.equal(added.statusCode, 201, added.body);
  assert.equal(added.json().source, 'decree');
  const twice = await app.inject({ method: 'POST', url: '/api/v1/legal-holidays', headers: beheer,
    payload: { date: '2027-01-04', name: 'Nog eens', decree: 'x' } });
  assert.deepEqual([twice.statusCode, twice.json().code], [409, 'legal_holiday_exists']);
  const christmas = await app.inject({ method: 'POST', url: '/api/v1/legal-holidays', headers: beheer,
    payload: { date: '2027-12-25', name: 'Kerst', decree: 'x' } });
  assert.deepEqual([christmas.statusCode, christmas.json().code], [409, 'legal_holiday_exists']);

  // The demo melding's case: contact 20 November 2026, due Friday 1 January 2027 (New Year's Day) → Monday 4 January,
  // now a rest day too → Tuesday 5 January. The holiday list shows the decree's day.
  const balie = await loginAs(app, 'balie');
  const clientId = await createClient(app, balie);
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: melding(clientId, '2026-11-20T10:00:00+01:00') });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().notification.assessmentDeadline, '2027-01-05');
  const after = await app.inject({ method: 'GET', url: '/api/v1/legal-holidays?year=2027', headers: beheer });
  assert.deepEqual(after.json()[1], { date: '2027-01-04', name: 'Gelijkgestelde dag', source: 'decree', decree: 'Besluit van 1 december 2026, Stb. 2026, 999' });
});

test('only functioneel beheer adds a holiday; the norms are listed with their validity dates', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const refused = await app.inject({ method: 'POST', url: '/api/v1/legal-holidays', headers: wmo, payload: { date: '2027-01-04', name: 'x', decree: 'x' } });
  assert.deepEqual([refused.statusCode, refused.json().code], [403, 'role_forbidden']);
  const norms = await app.inject({ method: 'GET', url: '/api/v1/legal-norms', headers: wmo });
  assert.equal(norms.statusCode, 200, norms.body);
  const byCode = Object.fromEntries(norms.json().map((n: { code: string; amount: number; unit: string }) => [n.code, `${n.amount} ${n.unit}`]));
  const expected = {
    basic_support: '12 months', neighbourhood_plan: '6 weeks', objection_decision: '6 weeks', objection_decision_committee: '12 weeks',
    objection_extension: '6 weeks', objection_term: '6 weeks', wmo_assessment: '42 days', wmo_decision: '14 days', youth_decision: '8 weeks',
  };
  // Modules add their own norms beside these (the wijkteam trajectory's); these are the ones of migration 081.
  assert.deepEqual(Object.fromEntries(Object.keys(expected).map((c) => [c, byCode[c]])), expected);
});
