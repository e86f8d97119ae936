import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AuthHeaders, build, createClient, loginAs } from '../../../test/helpers.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { termOf } from '../legal-terms/legal-terms.ts';
import { loadCalendar } from '../legal-terms/store.ts';

const URL = '/api/v1/wmo-notifications';
const act = (app: FastifyInstance, headers: AuthHeaders, id: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `${URL}/${id}/actions`, headers, payload });
const evidence = (app: FastifyInstance, headers: AuthHeaders, id: string, payload: Record<string, unknown>, key?: string) =>
  app.inject({ method: 'POST', url: `${URL}/${id}/evidence`, headers: key ? { ...headers, 'idempotency-key': key } : headers, payload });
const assessment = (app: FastifyInstance, headers: AuthHeaders, id: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'PUT', url: `${URL}/${id}/assessment`, headers, payload });

/** The demo melding (Sandra Willems), taken by the demo Wmo adviser. */
async function takenMelding(app: FastifyInstance, wmo: AuthHeaders): Promise<{ id: string; notifiedOn: string }> {
  const inbox = (await app.inject({ method: 'GET', url: URL, headers: wmo })).json() as { id: string; clientName: string; notifiedOn: string }[];
  const m = inbox.find((n) => n.clientName.includes('Willems'))!;
  assert.equal((await act(app, wmo, m.id, { type: 'assign' })).statusCode, 200);
  return m;
}

type Item = { item: string; required: boolean; done: { on: string; byName: string | null; note: string | null } | null; dueOn?: string | null; outcome?: string | null };
const itemOf = (body: { evidence: { items: Item[] } }, item: string) => body.evidence.items.find((i) => i.item === item)!;

test('the evidence the law requires is a dated checklist with who recorded it; missing items show until they are recorded', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const m = await takenMelding(app, wmo);
  const fresh = (await app.inject({ method: 'GET', url: `${URL}/${m.id}`, headers: wmo })).json();
  assert.deepEqual(fresh.evidence.missing, ['receiptConfirmed', 'clientSupportClient', 'personalPlan', 'identityChecked', 'reportSent']);
  // Wmo 2015 art. 2.3.2 lid 2: seven days after the melding, moved by the Atw like every term.
  const calendar = await loadCalendar(app.db);
  assert.equal(itemOf(fresh, 'personalPlan').dueOn, termOf(calendar, 'wmo_personal_plan', m.notifiedOn).dueOn);

  for (const kind of ['receipt_confirmed', 'client_support_client', 'personal_plan_offered']) {
    const res = await evidence(app, wmo, m.id, { kind, on: m.notifiedOn });
    assert.equal(res.statusCode, 200, res.body);
  }
  const noDocument = await evidence(app, wmo, m.id, { kind: 'identity_checked' });
  assert.deepEqual([noDocument.statusCode, noDocument.json().field], [400, 'note'], 'the kind of document seen is required');
  const identity = await evidence(app, wmo, m.id, { kind: 'identity_checked', note: 'paspoort' });
  assert.equal(identity.statusCode, 200, identity.body);
  const body = identity.json();
  assert.deepEqual(itemOf(body, 'identityChecked').done?.byName, 'Wendy Wmo-adviseur');
  assert.deepEqual(itemOf(body, 'receiptConfirmed').done?.on, m.notifiedOn);
  assert.deepEqual(body.evidence.missing, ['reportSent'], 'only the verslag is missing now');

  const received = await evidence(app, wmo, m.id, { kind: 'personal_plan_received' });
  assert.equal(received.statusCode, 200, received.body);
  assert.equal(itemOf(received.json(), 'personalPlan').outcome, 'received');

  // The client's reaction comes after the verslag.
  const early = await evidence(app, wmo, m.id, { kind: 'client_reaction', note: 'Ik mis de trap in het verslag.' });
  assert.deepEqual([early.statusCode, early.json().code, early.json().field], [409, 'report_not_sent', 'kind']);
  assert.equal((await act(app, wmo, m.id, { type: 'startAssessment' })).statusCode, 200);
  const reported = await act(app, wmo, m.id, { type: 'recordReport' });
  assert.deepEqual(reported.json().evidence.missing, []);
  assert.equal(itemOf(reported.json(), 'reportSent').done?.byName, 'Wendy Wmo-adviseur');
  const reaction = await evidence(app, wmo, m.id, { kind: 'client_reaction', note: 'Ik mis de trap in het verslag.' }, 'reaction-1');
  assert.equal(reaction.statusCode, 200, reaction.body);
  const again = await evidence(app, wmo, m.id, { kind: 'client_reaction', note: 'Ik mis de trap in het verslag.' }, 'reaction-1');
  assert.equal(again.json().evidence.records.filter((r: { kind: string }) => r.kind === 'client_reaction').length, 1, 'a retry records nothing new');
  assert.deepEqual([again.json().version, again.headers.etag], [reaction.json().version, `"${reaction.json().version}"`], 'a new record is a new version; a retry is not');
  assert.equal(reaction.json().version, reported.json().version + 1);
  assert.equal(itemOf(again.json(), 'clientReaction').done?.note, 'Ik mis de trap in het verslag.');
  const audit = await app.db.query(`SELECT 1 FROM audit_log WHERE action = 'wmo.evidence'`);
  assert.ok(audit.length >= 6, 'every record is audited');
});

test('evidence is refused with the field named: unknown kind, a future date, a date before the melding, the plan\'s outcome before the offer; nothing is stored', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const m = await takenMelding(app, wmo);
  const badKind = await evidence(app, wmo, m.id, { kind: 'gossip' });
  assert.deepEqual([badKind.statusCode, badKind.json().field], [400, 'kind']);
  const future = await evidence(app, wmo, m.id, { kind: 'receipt_confirmed', on: '2099-01-01' });
  assert.deepEqual([future.statusCode, future.json().code, future.json().field], [422, 'date_in_future', 'on']);
  const before = await evidence(app, wmo, m.id, { kind: 'receipt_confirmed', on: '2000-01-01' });
  assert.deepEqual([before.statusCode, before.json().code, before.json().field], [422, 'date_before_notification', 'on']);
  const notOffered = await evidence(app, wmo, m.id, { kind: 'personal_plan_not_received' });
  assert.deepEqual([notOffered.statusCode, notOffered.json().code], [409, 'plan_not_offered']);
  assert.equal((await app.db.query('SELECT 1 FROM wmo_evidence')).length, 0);
  // Someone outside the inbox's team cannot record it.
  const wijkteam = await loginAs(app, 'wijkteam');
  const other = await evidence(app, wijkteam, m.id, { kind: 'receipt_confirmed' });
  assert.deepEqual([other.statusCode, other.json().code], [403, 'role_forbidden']);
  await assert.rejects(app.db.query(`INSERT INTO wmo_evidence (notification_id, kind, on_date) VALUES ($1, 'receipt_confirmed', '2026-11-01')`, [m.id])
    .then(() => app.db.query('DELETE FROM wmo_evidence')), /append-only/);
});

test('an informal carer in the client\'s file makes telling the carer about cliëntondersteuning a required item', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const clientId = await createClient(app, balie, { address: { postcode: '3035 CD', houseNumber: 5 },
    persons: [{ kind: 'informal_carer', name: 'Ria de Boer' }] });
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie,
    payload: { clientId, channel: 'desk', question: 'Mijn moeder kan niet meer alleen douchen', lifeDomains: ['disability'], outcome: 3 } });
  assert.equal(res.statusCode, 201, res.body);
  const wmo = await loginAs(app, 'wmo');
  const id = res.json().notification.id as string;
  const taken = await act(app, wmo, id, { type: 'assign' });
  assert.equal(taken.statusCode, 200, taken.body);
  assert.ok(taken.json().evidence.missing.includes('clientSupportCarer'));
  const told = await evidence(app, wmo, id, { kind: 'client_support_carer', note: 'Ria gebeld' });
  assert.ok(!told.json().evidence.missing.includes('clientSupportCarer'));
});

test('the onderzoek is saved per legal item as versions; a stale version, an empty one, a strange ZRM and a save after the aanvraag are refused; the verslag prints it', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const m = await takenMelding(app, wmo);
  const first = await assessment(app, wmo, m.id, { basedOnVersion: 0, needs: 'Mevrouw wil zelf boodschappen blijven doen.', ownStrength: 'Ze kookt zelf.',
    informalCare: 'Haar dochter komt twee keer per week.', carerNeeds: 'De dochter is moe; respijtzorg besproken.' });
  assert.equal(first.statusCode, 200, first.body);
  assert.deepEqual([first.json().assessment.version, first.json().assessment.needs, first.json().assessment.generalProvisions, first.json().assessment.createdByName],
    [1, 'Mevrouw wil zelf boodschappen blijven doen.', null, 'Wendy Wmo-adviseur']);
  const stale = await assessment(app, wmo, m.id, { basedOnVersion: 0, needs: 'Iets anders' });
  assert.deepEqual([stale.statusCode, stale.json().code], [409, 'assessment_outdated']);
  const empty = await assessment(app, wmo, m.id, { basedOnVersion: 1, needs: '  ' });
  assert.deepEqual([empty.statusCode, empty.json().code, empty.json().field], [422, 'assessment_empty', 'needs']);
  const zrm = await assessment(app, wmo, m.id, { needs: 'x', zrmAssessmentId: '00000000-0000-4000-8000-000000000000' });
  assert.deepEqual([zrm.statusCode, zrm.json().code, zrm.json().field], [422, 'unknown_zrm_assessment', 'zrmAssessmentId']);
  const tooLong = await assessment(app, wmo, m.id, { needs: 'x'.repeat(10_001) });
  assert.deepEqual([tooLong.statusCode, tooLong.json().field], [400, 'needs']);
  const { needs, ownStrength, informalCare, carerNeeds } = first.json().assessment;
  const second = await assessment(app, wmo, m.id, { needs, ownStrength, informalCare, carerNeeds, basedOnVersion: 1, generalProvisions: 'De boodschappendienst van de wijk.', fittingProvision: 'Hulp bij het huishouden, drie uur per week.',
    relatedSupport: 'Wijkverpleging komt al voor de steunkousen.', personalContribution: 'Abonnementstarief via het CAK.' });
  assert.equal(second.statusCode, 200, second.body);
  assert.deepEqual(second.json().assessment.versions.map((v: { version: number }) => v.version), [2, 1], 'the first version is kept');

  const pdf = await app.inject({ method: 'GET', url: `${URL}/${m.id}/report/pdf`, headers: wmo });
  assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 200));
  const text = pdfText(pdf.rawPayload);
  for (const said of ['Verslag van het gesprek', 'Mevrouw wil zelf boodschappen blijven doen.', 'Wat uw mantelzorger nodig heeft', 'respijtzorg',
    'De boodschappendienst van de wijk.', 'Hulp bij het huishouden, drie uur per week.', 'Abonnementstarief via het CAK.', 'S. Willems']) {
    assert.ok(text.includes(said), `the verslag says "${said}":\n${text}`);
  }

  for (const type of ['startAssessment', 'recordReport', 'receiveApplication']) assert.equal((await act(app, wmo, m.id, { type })).statusCode, 200, type);
  const late = await assessment(app, wmo, m.id, { basedOnVersion: 2, needs: 'Nog iets' });
  assert.deepEqual([late.statusCode, late.json().code], [409, 'wmo_status']);
  await assert.rejects(app.db.query(`UPDATE wmo_assessments SET needs = 'x' WHERE notification_id = $1`, [m.id]), /append-only/);
});

test('a PDF prints every European name: the verslag of Łukasz Çelik-Nguyễn for Ğül, with € amounts', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const clientId = await createClient(app, balie, { firstNames: 'Łukasz', surname: 'Çelik-Nguyễn', address: { postcode: '3035 CD', houseNumber: 7 } });
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie,
    payload: { clientId, channel: 'desk', question: 'Ik kan niet meer traplopen', lifeDomains: ['disability'], outcome: 3 } });
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json().notification.id as string;
  const wmo = await loginAs(app, 'wmo');
  assert.equal((await act(app, wmo, id, { type: 'assign' })).statusCode, 200);
  const saved = await assessment(app, wmo, id, { informalCare: 'Zijn buurvrouw Ğül Öztürk en Zoë helpen.', personalContribution: 'Maximaal € 21,80 per maand.' });
  assert.equal(saved.statusCode, 200, saved.body);
  const text = pdfText((await app.inject({ method: 'GET', url: `${URL}/${id}/report/pdf`, headers: wmo })).rawPayload);
  for (const said of ['Beste Ł. Çelik-Nguyễn,', 'Ğül Öztürk en Zoë', '€ 21,80']) assert.ok(text.includes(said), `the PDF prints "${said}":\n${text}`);
});
