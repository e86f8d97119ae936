import assert from 'node:assert/strict';
import test from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { build, loginAs } from '../../../test/helpers.ts';

test("a team's inbox comes in pages (Link rel=next) that together hold every referral once, crisis first", async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const wim = await loginAs(app, 'wijkteam');
  let teamId = '';
  for (let k = 0; k < 5; k++) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
      channel: 'phone', question: 'Hulp nodig met de administratie', lifeDomains: ['finances_debts'], outcome: 2,
      newClient: { surname: `Inbox${k}`, birthDate: '1980-02-02', address: { postcode: '3031 BB', houseNumber: 20 + k } } } });
    assert.equal(res.statusCode, 201, res.body);
    teamId = res.json().referral.teamId;
  }
  const whole = (await app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/referrals?status=open`, headers: wim })).json() as { id: string }[];
  assert.ok(whole.length >= 5);
  const paged: { id: string; clientName: string }[] = [];
  let url: string | null = `/api/v1/teams/${teamId}/referrals?status=open&limit=2`;
  while (url) {
    const res: LightMyRequestResponse = await app.inject({ method: 'GET', url, headers: wim });
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json() as { id: string; clientName: string }[];
    assert.ok(page.length <= 2);
    paged.push(...page);
    url = /^<([^>]+)>; rel="next"$/.exec(String(res.headers.link ?? ''))?.[1] ?? null;
  }
  assert.deepEqual(paged.map((r) => r.id), whole.map((r) => r.id), 'every referral once, in the inbox order');
  const bad = await app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/referrals?limit=0`, headers: wim });
  assert.equal(bad.statusCode, 400);
});
