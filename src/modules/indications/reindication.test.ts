import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AuthHeaders, build, loginAs } from '../../../test/helpers.ts';
import { decisionBody } from '../../../test/wmo-decision.ts';
import { sendReindicationReminders } from './reindication.ts';

/** The demo melding (Sandra Willems) decided by the demo Wmo adviser, and a way to add indications of 01A01 to it. */
async function decided(app: FastifyInstance) {
  const wmo: AuthHeaders = await loginAs(app, 'wmo');
  const inbox = (await app.inject({ method: 'GET', url: '/api/v1/wmo-notifications', headers: wmo })).json() as { id: string; clientName: string }[];
  const notificationId = inbox.find((n) => n.clientName.includes('Willems'))!.id;
  for (const type of ['assign', 'startAssessment', 'recordReport', 'receiveApplication', 'decide']) {
    const payload = type === 'decide' ? await decisionBody(app, wmo) : { type };
    assert.equal((await app.inject({ method: 'POST', url: `/api/v1/wmo-notifications/${notificationId}/actions`, headers: wmo, payload })).statusCode, 200);
  }
  const providers = (await app.inject({ method: 'GET', url: '/api/v1/providers', headers: wmo })).json() as { id: string; agbCode: string }[];
  const products = (await app.inject({ method: 'GET', url: '/api/v1/products', headers: wmo })).json() as { id: string; code: string }[];
  const indicate = async (validFrom: string, validTo: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/indications', headers: wmo, payload: { notificationId,
      productId: products.find((p) => p.code === '01A01')!.id, providerId: providers.find((p) => p.agbCode === '98010001')!.id, volume: 3, validFrom, validTo, form: 'ZIN' } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  const reminders = async () => ((await app.inject({ method: 'GET', url: '/api/v1/me/messages', headers: wmo })).json() as { kind: string; clientName: string }[])
    .filter((n) => n.kind === 'reindication_due');
  return { indicate, reminders };
}

test('herindicatie: the Wmo adviser gets one reminder when an indication is within 8 weeks of its end, not earlier, and not twice', async (t) => {
  const app = await build(t);
  const { indicate, reminders } = await decided(app);
  await indicate('2026-03-01', '2026-12-31');
  assert.equal(await sendReindicationReminders(app.db, '2026-10-01'), 0, '13 weeks before the end: too early');
  assert.deepEqual(await reminders(), []);
  assert.equal(await sendReindicationReminders(app.db, '2026-11-10'), 1, '7 weeks before the end');
  const sent = await reminders();
  assert.equal(sent.length, 1);
  assert.match(sent[0]!.clientName, /Willems/);
  // The job runs every hour and on every instance: nothing new.
  assert.deepEqual(await Promise.all([sendReindicationReminders(app.db, '2026-11-11'), sendReindicationReminders(app.db, '2026-11-11')]), [0, 0]);
  assert.equal((await reminders()).length, 1);
});

test('herindicatie: an indication that already has its follow-up gets no reminder; the follow-up gets one near its own end; the notice is configuration', async (t) => {
  const app = await build(t);
  const { indicate, reminders } = await decided(app);
  await indicate('2026-03-01', '2026-12-31');
  await indicate('2027-01-01', '2027-06-30');
  assert.equal(await sendReindicationReminders(app.db, '2026-11-10'), 0);
  // A longer notice from 2027 on (legal_norms, valid_from): 12 weeks.
  await app.db.query(`UPDATE legal_norms SET valid_to = '2026-12-31' WHERE code = 'reindication_notice'`);
  await app.db.query(`INSERT INTO legal_norms (code, amount, unit, valid_from, basis) VALUES ('reindication_notice', 12, 'weeks', '2027-01-01', 'test')`);
  assert.equal(await sendReindicationReminders(app.db, '2027-04-01'), 0, '1 April + 12 weeks = 24 June: not yet');
  assert.equal(await sendReindicationReminders(app.db, '2027-04-10'), 1, '10 April + 12 weeks = 3 July (8 weeks would not reach 30 June)');
  assert.equal((await reminders()).length, 1);
});
