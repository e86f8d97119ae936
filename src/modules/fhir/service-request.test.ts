import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, loginAs, TEST_BSNS } from '../../../test/helpers.ts';
import { bearer, fixture, tokenFor } from './fhir-test-helpers.ts';

type App = Awaited<ReturnType<typeof build>>;
/** Rows added since the demo data: the demo seed has its own clients and referrals. */
const baseline = new WeakMap<App, Map<string, number>>();
const rows = async (app: App, table: string) => Number((await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);
async function start(app: App) {
  const m = new Map<string, number>();
  for (const table of ['referrals', 'clients', 'fhir_service_requests', 'consents']) m.set(table, await rows(app, table));
  baseline.set(app, m);
}
const count = async (app: App, table: string) => (await rows(app, table)) - (baseline.get(app)?.get(table) ?? 0);

const post = (app: Awaited<ReturnType<typeof build>>, token: string, body: unknown, url = '/fhir/r4/ServiceRequest', extra: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, headers: { ...bearer(token), ...extra }, payload: JSON.stringify(body) });

test('a GP referral from the practice system lands in the inbox of the team of the patient\'s postcode', async (t) => {
  const app = await build(t);
  await start(app);
  const token = await tokenFor(app);
  const res = await post(app, token, fixture('service-request'));
  assert.equal(res.statusCode, 201, res.body);
  assert.match(String(res.headers['content-type']), /application\/fhir\+json/);
  const sr = res.json();
  assert.equal(sr.resourceType, 'ServiceRequest');
  assert.match(String(res.headers.location), new RegExp(`/fhir/r4/ServiceRequest/${sr.id}/_history/1$`));
  assert.equal(sr.priority, 'urgent');

  // The team worker of Wijkteam Oude Noorden (postcode 3035 AB) sees it in the inbox, with referrer and urgency.
  const worker = await loginAs(app, 'wijkteam');
  const [team] = await app.db.query<{ id: string }>(`SELECT id FROM teams WHERE name = 'Wijkteam Oude Noorden'`);
  const inbox = (await app.inject({ method: 'GET', url: `/api/v1/teams/${team!.id}/referrals`, headers: worker })).json();
  const referral = inbox.find((r: { externalId: string }) => r.externalId === `ServiceRequest/${sr.id}`);
  assert.ok(referral, 'referral in the inbox of Wijkteam Oude Noorden');
  assert.equal(referral.source, 'gp');
  assert.equal(referral.urgency, 'urgent');
  assert.deepEqual(referral.referrer, { name: 'Dr. H. Bakker', organisation: 'Huisartsenpraktijk Het Oude Noorden', agbCode: '01012345', teamName: null, partner: null },
    'a practice that is not (yet) a network partner links to none');
  assert.deepEqual([referral.safetySignals, referral.contactRoute], [[], 'phone'], 'what the team needs before the first contact');
  assert.deepEqual(referral.lifeDomains, ['finances_debts', 'mental_health']);
  assert.match(referral.reason, /oplopende schulden/);

  // A new client was registered from the Patient, with the consent to report back to the practice.
  const [client] = await app.db.query<{ surname: string; surname_prefix: string; postcode: string; house_number: number; phone: string }>(
    'SELECT surname, surname_prefix, postcode, house_number, phone FROM clients WHERE bsn = $1', ['999993653']);
  assert.deepEqual(client, { surname: 'Vries', surname_prefix: 'de', postcode: '3035AB', house_number: 12, phone: '010-1234567' });
  const [consent] = await app.db.query<{ purpose: string; given_on: string }>(
    `SELECT purpose, given_on::text AS given_on FROM consents WHERE client_id = (SELECT id FROM clients WHERE bsn = '999993653')`);
  assert.deepEqual(consent, { purpose: 'share_with_gp', given_on: '2026-03-02' });
  const [audit] = await app.db.query<{ action: string; actor_name: string }>(`SELECT action, actor_name FROM audit_log WHERE action = 'referral.receive_gp'`);
  assert.match(audit!.actor_name, /Het Oude Noorden \(API-client demo-his-oude-noorden\)/);
});

test('a transaction Bundle for a child carries the representative, safety signal and contact route', async (t) => {
  const app = await build(t);
  await start(app);
  const token = await tokenFor(app);
  const res = await post(app, token, fixture('bundle-minor'), '/fhir/r4');
  assert.equal(res.statusCode, 200, res.body);
  const bundle = res.json();
  assert.equal(bundle.type, 'transaction-response');
  assert.equal(bundle.entry.length, 7);
  assert.equal(bundle.entry[0].response.status, '201 Created');
  assert.equal(bundle.entry[0].resource.priority, 'stat');
  const worker = await loginAs(app, 'wijkteam');
  const [referral] = await app.db.query<{ id: string }>('SELECT referral_id AS id FROM fhir_service_requests WHERE id = $1', [bundle.entry[0].resource.id]);
  const seen = (await app.inject({ method: 'GET', url: `/api/v1/referrals/${referral!.id}`, headers: worker })).json();
  assert.deepEqual([seen.contactRoute, seen.safetySignals, seen.urgency], ['via-representative', ['domestic-violence'], 'crisis']);
  const [flagged] = await app.db.query<{ flagged: boolean }>(`SELECT safety_signal_at IS NOT NULL AS flagged FROM clients WHERE bsn = '111222333'`);
  assert.equal(flagged!.flagged, true, 'the safety signal marks the client record');
  const persons = await app.db.query<{ kind: string; role: string; name: string }>(
    `SELECT kind, role, name FROM client_persons WHERE client_id = (SELECT id FROM clients WHERE bsn = '111222333')`);
  assert.deepEqual(persons, [{ kind: 'representative', role: 'parent_with_authority', name: 'Derya Yilmaz' }]);
});

test('an existing client is matched by BSN instead of registered twice', async (t) => {
  const app = await build(t);
  await start(app);
  const desk = await loginAs(app, 'balie');
  const created = await app.inject({ method: 'POST', url: '/api/v1/clients', headers: desk, payload: { surname: 'Vries', surnamePrefix: 'de', firstNames: 'Anna', bsn: '999993653', birthDate: '1958-04-17' } });
  assert.equal(created.statusCode, 201, created.body);
  const res = await post(app, await tokenFor(app), fixture('service-request'));
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(await count(app, 'clients'), 1);
  const [ref] = await app.db.query<{ client_id: string }>('SELECT client_id FROM referrals WHERE external_id = $1', [`ServiceRequest/${res.json().id}`]);
  assert.equal(ref!.client_id, created.json().id);
});

const invalid = [
  { file: 'invalid-missing-bsn', status: 422, code: 'required', expression: 'ServiceRequest.contained[0].identifier', detail: /BSN/ },
  { file: 'invalid-wrong-identifier-system', status: 422, code: 'required', expression: 'ServiceRequest.contained[1].identifier', detail: /agb-z.*found: http:\/\/fhir.nl\/fhir\/NamingSystem\/agb\)/ },
  { file: 'invalid-bad-date', status: 400, code: 'value', expression: 'ServiceRequest.contained[0].birthDate', detail: /format/ },
  { file: 'invalid-unknown-code', status: 422, code: 'code-invalid', expression: 'ServiceRequest.reasonCode[1].coding[0].code', detail: /loneliness/ },
];

test('an invalid referral is refused with an OperationOutcome naming the element, and nothing is stored', async (t) => {
  const app = await build(t);
  await start(app);
  const token = await tokenFor(app);
  for (const c of invalid) {
    const res = await post(app, token, fixture(c.file));
    assert.equal(res.statusCode, c.status, `${c.file}: ${res.body}`);
    const oo = res.json();
    assert.equal(oo.resourceType, 'OperationOutcome');
    const issue = oo.issue.find((i: { expression?: string[] }) => i.expression?.[0] === c.expression);
    assert.ok(issue, `${c.file}: expected an issue at ${c.expression}, got ${JSON.stringify(oo.issue.map((i: { expression?: string[] }) => i.expression))}`);
    assert.equal(issue.code, c.code);
    assert.equal(issue.severity, 'error');
    assert.match(issue.diagnostics, c.detail);
  }
  for (const table of ['referrals', 'clients', 'fhir_service_requests', 'consents']) assert.equal(await count(app, table), 0, table);
});

test('Wegwijs rules: BSN elfproef, consent, a representative for a child, a served postcode, the own practice', async (t) => {
  const app = await build(t);
  await start(app);
  const token = await tokenFor(app);
  const cases: [string, (b: ReturnType<typeof fixture>) => void, string, RegExp][] = [
    ['BSN fails the eleven test', (b) => { b.contained[0].identifier[0].value = '123456789'; }, 'ServiceRequest.contained[0].identifier[0].value', /elfproef/],
    ['consent missing', (b) => { b.contained.splice(4, 1); b.supportingInfo = undefined; }, 'ServiceRequest', /Consent/],
    ['consent denied', (b) => { b.contained[4].provision.type = 'deny'; }, 'ServiceRequest.contained[4].provision.type', /weigert/],
    ['child without representative', (b) => { b.contained[0].birthDate = '2015-06-01'; }, 'ServiceRequest', /RelatedPerson/],
    ['postcode outside the municipality', (b) => { b.contained[0].address[0].postalCode = '1012 AB'; }, 'Patient.address.postalCode', /wijkteam/],
    ['another practice\'s AGB code', (b) => { b.contained[2].identifier[0].value = '07654321'; }, 'Organization.identifier', /API-client/],
    ['no identifier', (b) => { b.identifier = undefined; }, 'ServiceRequest.identifier', /identifier/],
  ];
  for (const [name, change, expression, detail] of cases) {
    const body = fixture('service-request');
    change(body);
    const res = await post(app, token, JSON.parse(JSON.stringify(body)));
    assert.equal(res.statusCode, 422, `${name}: ${res.body}`);
    const issue = res.json().issue.find((i: { expression?: string[] }) => i.expression?.[0] === expression);
    assert.ok(issue, `${name}: ${res.body}`);
    assert.match(issue.diagnostics, detail, name);
  }
  assert.equal(await count(app, 'referrals'), 0);
});

test('a retry with the same identifier returns the first referral, also via If-None-Exist', async (t) => {
  const app = await build(t);
  await start(app);
  const token = await tokenFor(app);
  const first = await post(app, token, fixture('service-request'));
  const again = await post(app, token, fixture('service-request'));
  assert.equal(first.statusCode, 201);
  assert.equal(again.statusCode, 200);
  assert.equal(again.json().id, first.json().id);
  assert.equal(again.headers.location, first.headers.location);
  // If-None-Exist matches the GP's identifier even when the body's identifier changed.
  const changed = fixture('service-request');
  changed.identifier[0].value = 'HIS-OTHER';
  const cond = await post(app, token, changed, '/fhir/r4/ServiceRequest', { 'if-none-exist': 'identifier=urn:oid:2.16.840.1.113883.2.4.3.11.999.77.1|HIS-2026-000123' });
  assert.equal(cond.statusCode, 200);
  assert.equal(cond.json().id, first.json().id);
  assert.equal(await count(app, 'referrals'), 1);
  const unsupported = await post(app, token, changed, '/fhir/r4/ServiceRequest', { 'if-none-exist': 'patient=123' });
  assert.equal(unsupported.statusCode, 400);
  assert.deepEqual(unsupported.json().issue[0].expression, ['If-None-Exist']);
});

test('20 parallel retries of one referral create exactly one', async (t) => {
  const app = await build(t);
  await start(app);
  const token = await tokenFor(app);
  const results = await Promise.all(Array.from({ length: 20 }, () => post(app, token, fixture('bundle-minor'), '/fhir/r4')));
  const statuses = results.map((r) => r.statusCode);
  assert.ok(statuses.every((s) => s === 200), JSON.stringify(statuses) + results.find((r) => r.statusCode !== 200)?.body);
  const ids = new Set(results.map((r) => r.json().entry[0].resource.id));
  assert.equal(ids.size, 1);
  assert.equal(results.filter((r) => r.json().entry[0].response.status === '201 Created').length, 1);
  assert.equal(await count(app, 'referrals'), 1);
  assert.equal(await count(app, 'clients'), 1);
  assert.equal(await count(app, 'consents'), 1);
});

test('two different referrals for the same new patient at once share one client record', async (t) => {
  const app = await build(t);
  await start(app);
  const token = await tokenFor(app);
  const a = fixture('service-request');
  const b = fixture('service-request');
  b.identifier[0].value = 'HIS-2026-000999';
  const [ra, rb] = await Promise.all([post(app, token, a), post(app, token, b)]);
  assert.deepEqual([ra.statusCode, rb.statusCode], [201, 201], ra.body + rb.body);
  assert.equal(await count(app, 'referrals'), 2);
  assert.equal(await count(app, 'clients'), 1);
});

test('a body that is not FHIR JSON, or the wrong resource, is refused as an OperationOutcome', async (t) => {
  const app = await build(t);
  await start(app);
  const token = await tokenFor(app);
  const broken = await app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: bearer(token), payload: '{"resourceType": ' });
  assert.equal(broken.statusCode, 400);
  assert.equal(broken.json().resourceType, 'OperationOutcome');
  const patient = await post(app, token, { resourceType: 'Patient' });
  assert.equal(patient.statusCode, 400);
  assert.deepEqual(patient.json().issue[0].expression, ['resourceType']);
  const unknownElement = fixture('service-request');
  unknownElement.reasonText = 'not a FHIR element';
  const res = await post(app, token, unknownElement);
  assert.equal(res.statusCode, 400);
  assert.deepEqual(res.json().issue[0].expression, ['ServiceRequest.reasonText']);
});

test('the FHIR examples carry test BSNs only, never a real person\'s', () => {
  // Every nine-digit identifier value in test/fixtures/fhir/ (BSNs and look-alikes).
  const dir = new URL('../../../test/fixtures/fhir/', import.meta.url);
  const found = readdirSync(dir).flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/"value":\s*"(\d{9})"/g)].map((m) => m[1]!));
  assert.ok(found.length >= 5, `found ${found.length}`);
  assert.deepEqual(found.filter((bsn) => !TEST_BSNS.includes(bsn)), []);
});
