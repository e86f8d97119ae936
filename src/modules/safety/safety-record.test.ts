import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AuthHeaders, build, createClient, loginAs } from '../../../test/helpers.ts';

const TEXT = 'Dochter vertelt over geweld thuis';

/** Wim (Wijkteam Oude Noorden) registers a client of his team and a safety signal about them; returns the ids. */
async function signal(app: FastifyInstance, wijkteam: AuthHeaders, postcode = '3032 AB') {
  const clientId = await createClient(app, wijkteam, { surname: 'Veen', firstNames: 'Sanne', birthDate: '1985-05-05', address: { postcode, houseNumber: 7 } });
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: wijkteam,
    payload: { clientId, channel: 'home_visit', question: TEXT, lifeDomains: ['domestic_violence'], outcome: 6, urgency: 'urgent' } });
  assert.equal(res.statusCode, 201, res.body);
  const [rec] = await app.db.query<{ id: string }>('SELECT id FROM safety_records WHERE contact_id = $1', [res.json().id]);
  assert.ok(rec, 'the signal opened its safety record');
  return { clientId, recordId: rec.id, contactId: res.json().id as string };
}

const step = (app: FastifyInstance, headers: AuthHeaders, id: string, command: string, payload: Record<string, unknown>, key?: string) =>
  app.inject({ method: 'POST', url: `/api/v1/safety-records/${id}/${command}`, headers: key ? { ...headers, 'idempotency-key': key } : headers, payload });

test('the registering worker, the team lead and the safety officer see the safety record and its text; a colleague of the team sees only that it exists', async (t) => {
  const app = await build(t);
  const wijkteam = await loginAs(app, 'wijkteam');
  const { clientId, recordId, contactId } = await signal(app, wijkteam);

  for (const user of ['wijkteam', 'teamleider', 'aandacht']) {
    const res = await app.inject({ method: 'GET', url: `/api/v1/safety-records/${recordId}`, headers: await loginAs(app, user) });
    assert.equal(res.statusCode, 200, `${user}: ${res.body}`);
    assert.equal(res.json().contact.text, TEXT, user);
    assert.equal(res.json().clientName, 'S. Veen', user);
  }
  const list = await app.inject({ method: 'GET', url: '/api/v1/safety-records', headers: await loginAs(app, 'aandacht') });
  assert.deepEqual(list.json().map((r: { id: string; step: number }) => [r.id, r.step]), [[recordId, 1]]);

  // Wendy works in the same team and may see the client, but she is not on the case.
  const wmo = await loginAs(app, 'wmo');
  const file = await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}/file`, headers: wmo });
  assert.equal(file.statusCode, 200, file.body);
  assert.ok(!file.body.includes(TEXT), 'the contact text is not in the client page');
  const entry = file.json().timeline.find((e: { id: string }) => e.id === contactId);
  assert.deepEqual([entry.title, entry.summary, entry.details.sealed], ['Veiligheidssignaal (meldcode)', null, { safetyRecordId: recordId, mayOpen: false }]);
  const timeline = await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}/timeline`, headers: wmo });
  assert.ok(!timeline.body.includes(TEXT));
  const refused = await app.inject({ method: 'GET', url: `/api/v1/safety-records/${recordId}`, headers: wmo });
  assert.deepEqual([refused.statusCode, refused.json().code], [403, 'sealed_record']);
  assert.ok(!refused.body.includes(TEXT));
  assert.deepEqual((await app.inject({ method: 'GET', url: '/api/v1/safety-records', headers: wmo })).json(), []);

  // Those on the case see in the timeline that they may open it (the text itself is only in the audited record).
  const own = (await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}/file`, headers: wijkteam })).json();
  assert.equal(own.timeline.find((e: { id: string }) => e.id === contactId).details.sealed.mayOpen, true);

  // Every view is audited, the refusal too.
  const rows = await app.db.query<{ actor_name: string; outcome: string; client_id: string; via: string | null }>(
    `SELECT actor_name, outcome, client_id, details->>'via' AS via FROM audit_log WHERE action = 'safety_record.read' ORDER BY id`);
  assert.deepEqual(rows.map((r) => [r.actor_name, r.outcome, r.client_id, r.via]), [
    ['Wim Wijkteam', 'success', clientId, 'registered'], ['Tom Teamleider', 'success', clientId, 'team_lead'],
    ['Anouk Aandacht', 'success', clientId, 'safety_officer'], ['Wendy Wmo-adviseur', 'denied', clientId, null]]);
});

test('a safety signal no longer opens the client to the whole team of the postcode; the record names that team', async (t) => {
  const app = await build(t);
  const wijkteam = await loginAs(app, 'wijkteam');
  const { clientId, recordId } = await signal(app, wijkteam, '3081 AA');
  const zara = await loginAs(app, 'wijkteam2');
  const client = await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}`, headers: zara });
  assert.deepEqual([client.statusCode, client.json().code], [403, 'client_access_denied']);
  const rec = await app.inject({ method: 'GET', url: `/api/v1/safety-records/${recordId}`, headers: zara });
  assert.deepEqual([rec.statusCode, rec.json().code], [403, 'sealed_record']);
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/safety-records/${recordId}`, headers: wijkteam })).json().teamName, 'Wijkteam Charlois');
  // The notification links the team lead to the sealed record.
  const [n] = (await app.inject({ method: 'GET', url: '/api/v1/me/messages', headers: await loginAs(app, 'teamleider') })).json();
  assert.equal(n.safetyRecordId, recordId);
});

test('break-the-glass on a sealed record needs a second person: not before approval, never self-approved, then for a limited time', async (t) => {
  const app = await build(t);
  const wijkteam = await loginAs(app, 'wijkteam');
  const { recordId } = await signal(app, wijkteam);
  const wmo = await loginAs(app, 'wmo');
  const url = `/api/v1/safety-records/${recordId}`;

  const asked = await app.inject({ method: 'POST', url: `${url}/access-requests`, headers: wmo, payload: { reason: 'Beschikking huishoudelijke hulp: veiligheid thuis wegen' } });
  assert.equal(asked.statusCode, 201, asked.body);
  const requestId = asked.json().id;
  const again = await app.inject({ method: 'POST', url: `${url}/access-requests`, headers: wmo, payload: { reason: 'Beschikking huishoudelijke hulp: veiligheid thuis wegen' } });
  assert.equal(again.json().id, requestId, 'asking twice gives the open request');
  // Those who may approve are told: the team lead and the aandachtsfunctionaris.
  const told = await app.db.query<{ username: string }>(
    `SELECT u.username FROM staff_messages n JOIN users u ON u.id = n.user_id WHERE n.kind = 'safety_access_request' ORDER BY u.username`);
  assert.deepEqual(told.map((r) => r.username), ['aandacht', 'teamleider']);
  const [note] = (await app.inject({ method: 'GET', url: '/api/v1/me/messages', headers: await loginAs(app, 'aandacht') })).json();
  assert.deepEqual([note.kind, note.safetyRecordId, note.clientName], ['safety_access_request', recordId, null]);

  const pending = await app.inject({ method: 'GET', url, headers: wmo });
  assert.deepEqual([pending.statusCode, pending.json().code], [403, 'sealed_access_pending']);
  assert.ok(!pending.body.includes(TEXT));

  const decision = `${url}/access-requests/${requestId}/decision`;
  const self = await app.inject({ method: 'POST', url: decision, headers: wmo, payload: { approved: true } });
  assert.deepEqual([self.statusCode, self.json().code], [403, 'own_access_request']);
  const notLead = await app.inject({ method: 'POST', url: decision, headers: wijkteam, payload: { approved: true } });
  assert.deepEqual([notLead.statusCode, notLead.json().code], [403, 'not_case_lead']);
  assert.equal((await app.inject({ method: 'GET', url, headers: wmo })).json().code, 'sealed_access_pending', 'still closed');

  const lead = await loginAs(app, 'teamleider');
  const approved = await app.inject({ method: 'POST', url: decision, headers: lead, payload: { approved: true, hours: 4 } });
  assert.equal(approved.statusCode, 200, approved.body);
  assert.equal(approved.json().decidedByName, 'Tom Teamleider');
  const hours = (Date.parse(approved.json().expiresAt) - Date.parse(approved.json().decidedAt)) / 3_600_000;
  assert.equal(Math.round(hours), 4);
  const twice = await app.inject({ method: 'POST', url: decision, headers: lead, payload: { approved: false } });
  assert.deepEqual([twice.statusCode, twice.json().code], [409, 'access_request_decided']);

  const open = await app.inject({ method: 'GET', url, headers: wmo });
  assert.equal(open.statusCode, 200, open.body);
  assert.equal(open.json().contact.text, TEXT);
  assert.equal(open.json().access.via, 'approved_request');
  const act = await step(app, wmo, recordId, 'mapSignals', { note: 'Blauwe plekken' });
  assert.deepEqual([act.statusCode, act.json().code], [403, 'sealed_read_only']);

  const [row] = await app.db.query<{ request: string }>(
    `SELECT details->>'accessRequestId' AS request FROM audit_log WHERE action = 'safety_record.read' AND outcome = 'success' AND actor_name = 'Wendy Wmo-adviseur'`);
  assert.equal(row!.request, requestId, 'the view under break-the-glass names the approved request');

  // When the time is up the record is sealed again.
  await app.db.query(`UPDATE safety_access_requests SET expires_at = now() - interval '1 minute' WHERE id = $1`, [requestId]);
  assert.equal((await app.inject({ method: 'GET', url, headers: wmo })).json().code, 'sealed_record');
});

test('the meldcode steps follow the five steps; a refused step names what is allowed', async (t) => {
  const app = await build(t);
  const wijkteam = await loginAs(app, 'wijkteam');
  const { recordId } = await signal(app, wijkteam);

  const early = await step(app, wijkteam, recordId, 'weigh', { assessment: { suspicion: true, acuteOrStructuralUnsafety: false, canOrganiseHelp: true, helpAccepted: true } });
  assert.deepEqual([early.statusCode, early.json().code], [409, 'safety_protocol_status']);
  assert.match(early.json().detail, /allowed: mapSignals, decide/);

  const mapped = await step(app, wijkteam, recordId, 'mapSignals', { note: 'Blauwe plekken bij de dochter; moeder schrikt van harde geluiden' }, 'step-1-key');
  assert.equal(mapped.json().status, 'consulting');
  const replay = await step(app, wijkteam, recordId, 'mapSignals', { note: 'Blauwe plekken bij de dochter; moeder schrikt van harde geluiden' }, 'step-1-key');
  assert.equal(replay.statusCode, 200, 'the same Idempotency-Key again changes nothing');
  assert.equal(replay.json().actions.filter((a: { type: string }) => a.type === 'signals_mapped').length, 1);

  const aandacht = await loginAs(app, 'aandacht');
  assert.equal((await step(app, wijkteam, recordId, 'consult', { party: 'safety_officer', note: 'Besproken met de aandachtsfunctionaris' })).json().status, 'talking');
  assert.equal((await step(app, aandacht, recordId, 'consult', { party: 'veilig_thuis', anonymous: true, note: 'Anoniem advies Veilig Thuis' })).json().status, 'talking');
  assert.equal((await step(app, wijkteam, recordId, 'talk', { held: true, note: 'Gesprek met moeder en dochter' })).json().status, 'weighing');
  const incomplete = await step(app, wijkteam, recordId, 'weigh', { assessment: { suspicion: true } });
  assert.deepEqual([incomplete.statusCode, incomplete.json().code], [409, 'assessment_incomplete']);
  const weighed = await step(app, wijkteam, recordId, 'weigh', { assessment: { suspicion: true, acuteOrStructuralUnsafety: false, canOrganiseHelp: true, helpAccepted: true } });
  assert.deepEqual([weighed.json().status, weighed.json().advice, weighed.json().step], ['deciding', 'organise_help', 5]);
  const close = await step(app, wijkteam, recordId, 'decide', { decision: 'close' });
  assert.deepEqual([close.statusCode, close.json().code], [409, 'decision_contradicts_assessment']);
  assert.equal((await step(app, wijkteam, recordId, 'decide', { decision: 'organise_help', note: 'Hulp via het wijkteam' })).json().status, 'helping');
  const followUp = await step(app, wijkteam, recordId, 'agreeFollowUp', { followUpOn: '2099-01-01' });
  assert.deepEqual([followUp.statusCode, followUp.json().code], [409, 'safety_protocol_status']);
  assert.match(followUp.json().detail, /allowed: report, close/);

  // The help does not bring safety: report to Veilig Thuis after all, and agree on a follow-up.
  const reported = await step(app, wijkteam, recordId, 'report', { note: 'Melding: signalen, gesprek en afspraken; Veilig Thuis neemt over' });
  assert.equal(reported.json().status, 'reported');
  assert.deepEqual([reported.json().report.actorName, reported.json().report.note], ['Wim Wijkteam', 'Melding: signalen, gesprek en afspraken; Veilig Thuis neemt over']);
  const agreed = await step(app, wijkteam, recordId, 'agreeFollowUp', { followUpOn: '2099-02-01', note: 'Terugkoppeling Veilig Thuis' });
  assert.deepEqual(agreed.json().followUps, ['2099-02-01']);
  const closed = await step(app, wijkteam, recordId, 'close', {});
  assert.deepEqual([closed.json().status, closed.json().allowedNext], ['closed', []]);
  const after = await step(app, wijkteam, recordId, 'consult', { party: 'colleague', note: 'Te laat' });
  assert.deepEqual([after.statusCode, after.json().code], [409, 'safety_protocol_status']);

  // A colleague outside the case cannot take a step.
  const wmo = await step(app, await loginAs(app, 'wmo'), recordId, 'close', {});
  assert.deepEqual([wmo.statusCode, wmo.json().code], [403, 'sealed_record']);
});

test('a team lead puts a colleague on the case, who then sees the record and the client', async (t) => {
  const app = await build(t);
  const wijkteam = await loginAs(app, 'wijkteam');
  const { clientId, recordId } = await signal(app, wijkteam, '3081 AA');
  const zara = await loginAs(app, 'wijkteam2');
  const [zaraId] = await app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'wijkteam2'`);
  const byWorker = await app.inject({ method: 'POST', url: `/api/v1/safety-records/${recordId}/members`, headers: wijkteam, payload: { userId: zaraId!.id } });
  assert.deepEqual([byWorker.statusCode, byWorker.json().code], [403, 'role_forbidden']);
  const aandacht = await loginAs(app, 'aandacht');
  const candidates = await app.inject({ method: 'GET', url: `/api/v1/safety-records/${recordId}/candidates`, headers: aandacht });
  assert.deepEqual(candidates.json().map((c: { name: string }) => c.name), ['Tom Teamleider', 'Wendy Wmo-adviseur', 'Zara Zuid'], 'the teams involved, without who registered it');
  const added = await app.inject({ method: 'POST', url: `/api/v1/safety-records/${recordId}/members`, headers: aandacht, payload: { userId: zaraId!.id } });
  assert.equal(added.statusCode, 200, added.body);
  assert.deepEqual(added.json().members.map((m: { name: string }) => m.name), ['Zara Zuid']);
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/safety-records/${recordId}`, headers: zara })).json().contact.text, TEXT);
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}`, headers: zara })).statusCode, 200);
});

test('a safety signal job queued by an earlier version opens the record once and does not stay queued', async (t) => {
  const app = await build(t);
  const wijkteam = await loginAs(app, 'wijkteam');
  const { contactId, clientId } = await signal(app, wijkteam);
  await app.db.query(`INSERT INTO jobs (kind, payload) VALUES ('safety.signal_registered', $1)`, [JSON.stringify({ clientId, contactId })]);
  await app.jobs.runDue();
  const jobs = await app.db.query<{ status: string }>(`SELECT status FROM jobs WHERE kind = 'safety.signal_registered'`);
  assert.deepEqual(jobs.map((j) => j.status), ['done']);
  assert.equal((await app.db.query('SELECT 1 FROM safety_records WHERE contact_id = $1', [contactId])).length, 1);
});

test('asking for break-the-glass twice at the same moment gives one request; a step sent twice at once is taken once', async (t) => {
  const app = await build(t);
  const wijkteam = await loginAs(app, 'wijkteam');
  const { recordId } = await signal(app, wijkteam);
  const wmo = await loginAs(app, 'wmo');
  const ask = () => app.inject({ method: 'POST', url: `/api/v1/safety-records/${recordId}/access-requests`, headers: wmo, payload: { reason: 'Beschikking: veiligheid thuis meewegen' } });
  const [a, b] = await Promise.all([ask(), ask()]);
  assert.deepEqual([a.statusCode, b.statusCode], [201, 201], `${a.body} ${b.body}`);
  assert.equal(a.json().id, b.json().id);
  assert.equal((await app.db.query('SELECT 1 FROM safety_access_requests WHERE safety_record_id = $1', [recordId])).length, 1);

  const body = { note: 'Signalen: blauwe plekken' };
  const [x, y] = await Promise.all([step(app, wijkteam, recordId, 'mapSignals', body, 'same-moment-key'), step(app, wijkteam, recordId, 'mapSignals', body, 'same-moment-key')]);
  assert.deepEqual([x.statusCode, y.statusCode], [200, 200], `${x.body} ${y.body}`);
  assert.equal(y.json().actions.filter((a: { type: string }) => a.type === 'signals_mapped').length, 1);
});

test('outside the demo the aandachtsfunctionaris must set up two-factor login before opening a safety record', async (t) => {
  const app = await build(t, { WEGWIJS_REQUIRE_MFA: 'true' });
  const wijkteam = await loginAs(app, 'wijkteam');
  const { recordId } = await signal(app, wijkteam);
  const aandacht = await loginAs(app, 'aandacht');
  const res = await app.inject({ method: 'GET', url: `/api/v1/safety-records/${recordId}`, headers: aandacht });
  assert.deepEqual([res.statusCode, res.json().code], [403, 'mfa_required']);
  assert.ok(!res.body.includes(TEXT));
});

test("a safety signal registered from a citizen's digital question is not named in Mijn Wegwijs", async (t) => {
  const app = await build(t);
  const start = await app.inject({ method: 'GET', url: '/api/v1/portal/login' });
  const state = new URL(start.headers.location!, 'http://x').searchParams.get('state')!;
  const chosen = await app.inject({ method: 'POST', url: '/test-idp/authorize', payload: `state=${state}&identity=0`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const back = await app.inject({ method: 'GET', url: chosen.headers.location! });
  const cookie = `wegwijs_citizen=${back.cookies.find((c) => c.name === 'wegwijs_citizen')!.value}`;
  const csrf = (await app.inject({ method: 'GET', url: '/api/v1/portal/session', headers: { cookie } })).json().csrfToken;
  const asked = await app.inject({ method: 'POST', url: '/api/v1/portal/requests', headers: { cookie, 'x-csrf-token': csrf },
    payload: { question: 'Ik wil graag praten over hoe het thuis gaat', lifeDomains: ['domestic_violence'], contactPreference: 'phone', contactValue: '06-11112222' } });
  assert.equal(asked.statusCode, 201, asked.body);
  const balie = await loginAs(app, 'balie');
  const waiting = (await app.inject({ method: 'GET', url: '/api/v1/portal-requests', headers: balie })).json().find((w: { reference: string }) => w.reference === asked.json().reference);
  const contact = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie,
    payload: { clientId: waiting.clientId, portalRequestId: waiting.id, channel: 'digital', question: TEXT, lifeDomains: ['domestic_violence'], outcome: 6 } });
  assert.equal(contact.statusCode, 201, contact.body);
  const mine = (await app.inject({ method: 'GET', url: '/api/v1/portal/requests', headers: { cookie } })).json();
  const it = mine.find((r: { reference: string }) => r.reference === asked.json().reference);
  assert.deepEqual([it.status, it.outcome], ['handled', null]);
  assert.ok(!JSON.stringify(mine).includes('Veiligheidssignaal') && !JSON.stringify(mine).includes(TEXT));
});
