import assert from 'node:assert/strict';
import test from 'node:test';
import { build, loginAs } from '../../../test/helpers.ts';

type Headers = Awaited<ReturnType<typeof loginAs>>;
async function contacts(app: Awaited<ReturnType<typeof build>>, headers: Headers, channel: string, n: number) {
  for (let i = 0; i < n; i++) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers, payload: { channel, question: 'Waar is het Huis van de Wijk?', outcome: 1, contactedAt: '2021-03-10T10:00:00+01:00' } });
    assert.equal(res.statusCode, 201, res.body);
  }
}

test('contact figures never show a cell about fewer than 5 clients: 3 phone contacts are "< 5" (null), not 3; the rest rounded to 5', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  await contacts(app, balie, 'phone', 3);
  await contacts(app, balie, 'desk', 6);
  await contacts(app, balie, 'home_visit', 2);
  const beleid = await loginAs(app, 'beleid');
  const res = await app.inject({ method: 'GET', url: '/api/v1/figures/contacts?from=2021-03-01&to=2021-03-31', headers: beleid });
  assert.equal(res.statusCode, 200, res.body);
  const f = res.json();
  assert.deepEqual(f.byChannel, [{ channel: 'desk', count: 5 }, { channel: 'phone', count: null }, { channel: 'home_visit', count: null }]);
  assert.ok(!res.body.includes('"count":3'), 'the 3-client cell is not shown as 3');
  // Total 11 is shown as 10: total − desk does not give the phone cell back.
  assert.deepEqual([f.total, f.anonymous, f.disclosure], [10, 10, { minCell: 5, roundTo: 5 }]);
  assert.deepEqual(f.byOutcome, [{ outcome: 1, count: 10 }]);
  assert.deepEqual(f.byDesk.map((d: { teamName: string; count: number | null }) => [d.teamName, d.count]), [['VraagWijzer Centrum', 10]]);
});

test('in the council\'s three channels, desk and home visit together are "in person"', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  await contacts(app, balie, 'desk', 3);
  await contacts(app, balie, 'home_visit', 3);
  await contacts(app, balie, 'phone', 1);
  const leider = await loginAs(app, 'teamleider');
  const res = await app.inject({ method: 'GET', url: '/api/v1/figures/contacts?from=2021-03-01&to=2021-03-31&channels=council', headers: leider });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().channels, 'council');
  assert.deepEqual(res.json().byChannel, [{ channel: 'in_person', count: 5 }, { channel: 'phone', count: null }]);
  const bad = await app.inject({ method: 'GET', url: '/api/v1/figures/contacts?from=2021-03-01&to=2021-03-31&channels=five', headers: leider });
  assert.equal(bad.statusCode, 400);
});
