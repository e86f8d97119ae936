import assert from 'node:assert/strict';
import test from 'node:test';
import { systemContext } from '../../platform/access/context.ts';
import { build, createClient, loginAs } from '../../../test/helpers.ts';
import { createReferral } from './referral-store.ts';

test('a GP referral sent twice with the same external id is one referral in the team inbox', async (t) => {
  const app = await build(t);
  const wijkteam = await loginAs(app, 'wijkteam');
  const clientId = await createClient(app, wijkteam, { surname: 'Huisartsverwijzing' });
  const [team] = await app.db.query<{ id: string }>(`SELECT id FROM teams WHERE name = 'Wijkteam Oude Noorden'`);
  const input = { clientId, teamId: team!.id, source: 'gp' as const, referrer: { name: 'Dr. A. Arts', organisation: 'Huisartsenpraktijk Noord', agbCode: '01012345' },
    reason: 'Somberheid en schulden', lifeDomains: ['mental_health', 'finances_debts'], urgency: 'normal' as const, externalId: 'SR-2026-0042',
    safetySignals: ['suicide-risk'], contactRoute: 'via-gp' };
  const first = await app.db.transaction((tx) => createReferral(tx, systemContext('gp'), input));
  const again = await app.db.transaction((tx) => createReferral(tx, systemContext('gp'), input));
  assert.equal(first.created, true);
  assert.equal(again.created, false);
  assert.equal(again.referral.id, first.referral.id);
  assert.deepEqual([first.referral.status, first.referral.referrer.agbCode], ['open', '01012345']);
  assert.deepEqual([first.referral.safetySignals, first.referral.contactRoute], [['suicide-risk'], 'via-gp'], 'what the team needs before the first contact');
  const jobs = await app.db.query(`SELECT 1 FROM jobs WHERE kind = 'referral.status_changed' AND payload->>'referralId' = $1`, [first.referral.id]);
  assert.equal(jobs.length, 1);
});

test('a referral to a desk instead of a neighbourhood team is refused, naming the team', async (t) => {
  const app = await build(t);
  const wijkteam = await loginAs(app, 'wijkteam');
  const clientId = await createClient(app, wijkteam, { surname: 'Loketverwijzing' });
  const [desk] = await app.db.query<{ id: string }>(`SELECT id FROM teams WHERE name = 'VraagWijzer Centrum'`);
  await assert.rejects(app.db.transaction((tx) => createReferral(tx, systemContext('gp'), { clientId, teamId: desk!.id, source: 'gp', reason: 'x', lifeDomains: [], urgency: 'normal' })),
    (e: { field?: string; status?: number }) => e.field === 'teamId' && e.status === 400);
});
