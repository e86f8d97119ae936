import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, loginAs } from '../../../test/helpers.ts';

test('the start page counts each role\'s waiting work: open referrals for the team, nothing for roles without that work', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const work = async (h: Awaited<ReturnType<typeof loginAs>>) => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/me/waiting-work', headers: h });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const wijkteam = await loginAs(app, 'wijkteam');
  const before = (await work(wijkteam)).referralsOpen; // the demo data may already hold some
  const zuid = await loginAs(app, 'wijkteam2');
  const zuidBefore = (await work(zuid)).referralsOpen;
  for (const surname of ['Visser', 'Bakker']) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
      channel: 'phone', question: 'Mijn moeder vereenzaamt en eet slecht', lifeDomains: ['ageing'], outcome: 2, urgency: 'urgent',
      newClient: { surname, birthDate: '1940-04-04', address: { postcode: '3031 BB', houseNumber: 7 } } } });
    assert.equal(res.statusCode, 201, res.body);
  }
  const team = await work(wijkteam);
  assert.equal(team.referralsOpen, before + 2);
  assert.equal(team.digitalQuestions, null, 'a team worker has no desk questions');
  assert.equal(typeof team.unreadMessages, 'number');
  assert.equal((await work(zuid)).referralsOpen, zuidBefore, 'another team sees none of them');
  const desk = await work(balie);
  assert.equal(typeof desk.digitalQuestions, 'number');
  assert.equal(typeof desk.referralsOpen, 'number');
  assert.deepEqual(await work(await loginAs(app, 'beheer')), { referralsOpen: null, digitalQuestions: null, unreadMessages: null });
  const [row] = await app.db.query<{ details: { count: number } }>(`SELECT details FROM audit_log WHERE action = 'work.counts' ORDER BY id DESC LIMIT 1`);
  assert.equal(row!.details.count, 0, 'counts name no client');
});
