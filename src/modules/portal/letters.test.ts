import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build, loginAs } from '../../../test/helpers.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { decisionBody } from '../../../test/wmo-decision.ts';

type CitizenHeaders = { cookie: string; 'x-csrf-token': string };

/** Logs in through the demo test identity provider as the test person with this BSN. */
async function citizenLogin(app: FastifyInstance, bsn: string, givenName: string, familyName: string): Promise<CitizenHeaders> {
  const start = await app.inject({ method: 'GET', url: '/api/v1/portal/login' });
  const state = new URL(start.headers.location!, 'http://x').searchParams.get('state')!;
  const chosen = await app.inject({ method: 'POST', url: '/test-idp/authorize', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ state, identity: 'custom', bsn, givenName, familyName }).toString() });
  assert.equal(chosen.statusCode, 302, chosen.body);
  const back = await app.inject({ method: 'GET', url: chosen.headers.location! });
  const cookie = `wegwijs_citizen=${back.cookies.find((c) => c.name === 'wegwijs_citizen')!.value}`;
  const s = await app.inject({ method: 'GET', url: '/api/v1/portal/session', headers: { cookie } });
  return { cookie, 'x-csrf-token': s.json().csrfToken };
}

test('the client sees her signed decision letter in Mijn Wegwijs and downloads it; another citizen does not see or get it', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  // The demo melding of Sandra Willems (BSN 999990068), worked to a decision by the demo Wmo adviser.
  const inbox = (await app.inject({ method: 'GET', url: '/api/v1/wmo-notifications', headers: wmo })).json() as { id: string; clientName: string }[];
  const id = inbox.find((n) => n.clientName.includes('Willems'))!.id;
  for (const type of ['assign', 'startAssessment', 'recordReport', 'receiveApplication']) {
    await app.inject({ method: 'POST', url: `/api/v1/wmo-notifications/${id}/actions`, headers: wmo, payload: { type } });
  }
  const decided = await app.inject({ method: 'POST', url: `/api/v1/wmo-notifications/${id}/actions`, headers: wmo, payload: await decisionBody(app, wmo) });
  assert.equal(decided.statusCode, 200, decided.body);

  const sandra = await citizenLogin(app, '999990068', 'Sandra', 'Willems');
  const draft = await app.inject({ method: 'GET', url: '/api/v1/portal/letters', headers: sandra });
  assert.deepEqual([draft.statusCode, draft.json()], [200, []], 'an unsigned draft is not sent');

  const signed = await app.inject({ method: 'POST', url: `/api/v1/wmo-notifications/${id}/letters/${decided.json().decision.letters[0].id}/sign`, headers: wmo });
  assert.equal(signed.statusCode, 200, signed.body);
  const letters = (await app.inject({ method: 'GET', url: '/api/v1/portal/letters', headers: sandra })).json() as { id: string; title: string; date: string }[];
  assert.equal(letters.length, 1);
  assert.match(letters[0]!.title, /beschikking/);
  assert.equal(letters[0]!.id, signed.json().decision.letters[0].id, 'the signed version');

  const pdf = await app.inject({ method: 'GET', url: `/api/v1/portal/letters/${letters[0]!.id}/pdf`, headers: sandra });
  assert.deepEqual([pdf.statusCode, pdf.headers['content-type']], [200, 'application/pdf']);
  const text = pdfText(pdf.rawPayload);
  assert.ok(text.includes('Hulp bij het huishouden (01A01): dit krijgt u.') && text.includes('Wendy Wmo-adviseur'), text);
  const [client] = await app.db.query<{ id: string }>(`SELECT id FROM clients WHERE bsn = '999990068'`);
  const audited = await app.db.query<{ client_id: string; outcome: string }>(`SELECT client_id, outcome FROM audit_log WHERE action = 'portal.letter.download'`);
  assert.deepEqual(audited.map((a) => [a.client_id, a.outcome]), [[client!.id, 'success']], 'the download is audited with the client');

  const fatima = await citizenLogin(app, '999993653', 'Fatima', 'El Amrani');
  assert.deepEqual((await app.inject({ method: 'GET', url: '/api/v1/portal/letters', headers: fatima })).json(), []);
  const notHers = await app.inject({ method: 'GET', url: `/api/v1/portal/letters/${letters[0]!.id}/pdf`, headers: fatima });
  assert.deepEqual([notHers.statusCode, notHers.json().code], [404, 'not_found']);
  const anonymous = await app.inject({ method: 'GET', url: `/api/v1/portal/letters/${letters[0]!.id}/pdf` });
  assert.equal(anonymous.statusCode, 401);
});
