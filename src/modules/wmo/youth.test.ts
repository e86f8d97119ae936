import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AuthHeaders, build, createClient, loginAs } from '../../../test/helpers.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { decisionBody, demoCatalogue } from '../../../test/wmo-decision.ts';
import { bearer, fixture, tokenFor } from '../fhir/fhir-test-helpers.ts';
import { lookupPostcode } from '../org/store.ts';

const URL = '/api/v1/wmo-notifications';
const act = (app: FastifyInstance, headers: AuthHeaders, id: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `${URL}/${id}/actions`, headers, payload });

const child = { surname: 'Jansen', firstNames: 'Milan', birthDate: '2014-03-03', address: { postcode: '3035 CD', houseNumber: 12 } };

/** Outcome 4 (youth care) at the VraagWijzer with a Jeugdwet melding, on the day of `contactedAt`. */
async function youthMelding(app: FastifyInstance, balie: AuthHeaders, clientId: string, contactedAt: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie,
    payload: { clientId, channel: 'desk', question: 'Milan is angstig en gaat niet meer naar school', lifeDomains: ['growing_up_parenting'], outcome: 4,
      notification: { law: 'jeugdwet', reportedBy: 'representative' }, contactedAt } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { referral: { teamName: string }; notification: { id: string; law: string; notifiedOn: string; assessmentDeadline: string | null } };
}

test('outcome 4 with a Jeugdwet melding: the CJG gets the referral and the melding; no onderzoek clock; an aanvraag at once', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const clientId = await createClient(app, balie, child);
  const c = await youthMelding(app, balie, clientId, '2025-10-01T10:00:00+02:00');
  assert.equal(c.referral.teamName, 'CJG Rotterdam-Rijnmond');
  assert.deepEqual([c.notification.law, c.notification.notifiedOn, c.notification.assessmentDeadline], ['jeugdwet', '2025-10-01', null],
    'the Jeugdwet has no statutory onderzoek term');

  const wmo = await loginAs(app, 'wmo');
  const wmoInbox = (await app.inject({ method: 'GET', url: URL, headers: wmo })).json() as { id: string }[];
  assert.ok(!wmoInbox.some((n) => n.id === c.notification.id), "not in the postcode's wijkteam (Oude Noorden) inbox");
  const jeugd = await loginAs(app, 'jeugd');
  const inbox = await app.inject({ method: 'GET', url: URL, headers: jeugd });
  assert.equal(inbox.statusCode, 200, inbox.body);
  const item = inbox.json().find((n: { id: string }) => n.id === c.notification.id);
  assert.deepEqual([item.law, item.inboxTeamName, item.clock], ['jeugdwet', 'CJG Rotterdam-Rijnmond', null]);

  assert.equal((await act(app, jeugd, item.id, { type: 'assign' })).statusCode, 200);
  // Unlike the Wmo (only after the six weeks or with the verslag), the aanvraag may come straight away.
  const applied = await act(app, jeugd, item.id, { type: 'receiveApplication', on: '2025-10-02' });
  assert.equal(applied.statusCode, 200, applied.body);
  assert.deepEqual(applied.json().clocks.map((k: { kind: string; dueOn: string }) => [k.kind, k.dueOn]), [['decision', '2025-11-27']], 'eight weeks');
});

test('the Jeugdwet decision term is eight weeks from the aanvraag, moved by the Algemene termijnenwet', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const jeugd = await loginAs(app, 'jeugd');
  const clientId = await createClient(app, balie, child);
  // [aanvraag, due, moved from]
  const table: [string, string, string | null][] = [
    ['2025-11-03', '2025-12-29', null], // Monday to Monday
    ['2025-10-30', '2025-12-29', '2025-12-25'], // eerste Kerstdag, tweede Kerstdag, weekend
    ['2025-10-31', '2025-12-29', '2025-12-26'], // tweede Kerstdag, weekend
    ['2025-11-01', '2025-12-29', '2025-12-27'], // Saturday
    ['2025-11-06', '2026-01-02', '2026-01-01'], // Nieuwjaarsdag
    ['2025-11-07', '2026-01-02', null], // Friday after Nieuwjaarsdag
    ['2026-02-09', '2026-04-07', '2026-04-06'], // tweede Paasdag 2026
  ];
  for (const [on, due, movedFrom] of table) {
    const c = await youthMelding(app, balie, clientId, '2025-10-01T10:00:00+02:00');
    const res = await act(app, jeugd, c.notification.id, { type: 'receiveApplication', on });
    assert.equal(res.statusCode, 200, res.body);
    const clock = res.json().clocks.find((k: { kind: string }) => k.kind === 'decision');
    assert.deepEqual([on, clock.dueOn, clock.movedFrom], [on, due, movedFrom]);
  }
});

test('a decision under a law takes only that law\'s products: a Wmo product on a Jeugdwet melding and a youth product on a Wmo melding are refused', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const jeugd = await loginAs(app, 'jeugd');
  const clientId = await createClient(app, balie, child);
  const c = await youthMelding(app, balie, clientId, '2025-10-01T10:00:00+02:00');
  const id = c.notification.id;
  await act(app, jeugd, id, { type: 'receiveApplication' });
  const { product, provider } = await demoCatalogue(app, jeugd);

  const wmoProduct = await act(app, jeugd, id, await decisionBody(app, jeugd));
  assert.deepEqual([wmoProduct.statusCode, wmoProduct.json().code, wmoProduct.json().field], [422, 'product_law_mismatch', 'decision.lines.0.productId']);

  const youthLine = { productId: product('Jeugdhulp ambulant individueel'), granted: true, reasoning: 'Milan heeft hulp nodig om weer naar school te kunnen gaan.',
    result: 'Milan gaat weer naar school', volume: 2, validFrom: '2026-12-01', validTo: '2026-12-31', form: 'ZIN', providerId: provider('Begeleiding Rijnmond') };
  const decided = await act(app, jeugd, id, { type: 'decide', decision: { lines: [youthLine],
    contributionNotice: 'Voor jeugdhulp betaalt u geen eigen bijdrage.' } });
  assert.equal(decided.statusCode, 200, decided.body);
  assert.deepEqual([decided.json().status, decided.json().decision.lines[0].productCode], ['decided', '45A01']);

  // The demo Wmo melding (Wmo adviser, Oude Noorden) refuses a youth care product.
  const wmo = await loginAs(app, 'wmo');
  const melding = (await app.inject({ method: 'GET', url: URL, headers: wmo })).json().find((n: { clientName: string }) => n.clientName.includes('Willems'));
  for (const type of ['assign', 'startAssessment', 'recordReport', 'receiveApplication']) assert.equal((await act(app, wmo, melding.id, { type })).statusCode, 200, type);
  const youthOnWmo = await act(app, wmo, melding.id, { type: 'decide', decision: { lines: [{ ...youthLine, reasoning: 'Jeugdhulp op een Wmo-melding hoort niet.' }],
    contributionNotice: 'Geen eigen bijdrage van toepassing op dit besluit.' } });
  assert.deepEqual([youthOnWmo.statusCode, youthOnWmo.json().code], [422, 'product_law_mismatch']);
});

/** The demo practice sends the minor's referral (test/fixtures/fhir/bundle-minor.json), marked as a referral to youth care unless `youth` is false. */
async function sendGpReferral(app: FastifyInstance, youth = true, code = 'jeugdhulp') {
  const bundle = fixture('bundle-minor');
  if (youth) bundle.entry[0].resource.category = [{ coding: [{ system: 'https://wegwijs.nl/fhir/CodeSystem/wegwijs-referral-category', code }] }];
  return app.inject({ method: 'POST', url: '/fhir/r4', headers: bearer(await tokenFor(app)), payload: JSON.stringify(bundle) });
}

const teamIdOf = async (app: FastifyInstance, name: string) => (await app.db.query<{ id: string }>('SELECT id FROM teams WHERE name = $1', [name]))[0]!.id;

test("a GP's referral to youth care lands in the CJG's inbox, not the wijkteam's, and is a Jeugdwet aanvraag the youth consultant decides at once", async (t) => {
  const app = await build(t);
  const res = await sendGpReferral(app);
  assert.equal(res.statusCode, 200, res.body);
  const postcodeTeam = (await lookupPostcode(app.db, '3032BN'))!;
  assert.ok(postcodeTeam.teamName, 'the postcode is served by a wijkteam');

  const [referral] = await app.db.query<{ id: string; clientId: string }>(
    `SELECT id, client_id AS "clientId" FROM referrals WHERE source = 'gp' AND external_id LIKE 'ServiceRequest/%' ORDER BY created_at DESC LIMIT 1`);
  const cjg = await loginAs(app, 'cjg');
  const cjgInbox = await app.inject({ method: 'GET', url: `/api/v1/teams/${await teamIdOf(app, 'CJG Rotterdam-Rijnmond')}/referrals`, headers: cjg });
  assert.equal(cjgInbox.statusCode, 200, cjgInbox.body);
  assert.ok(cjgInbox.json().some((r: { id: string }) => r.id === referral!.id), "in the CJG desk's inbox");
  const [row] = await app.db.query<{ teamId: string; team: string }>(
    'SELECT t.id AS "teamId", t.name AS team FROM referrals r JOIN teams t ON t.id = r.team_id WHERE r.id = $1', [referral!.id]);
  assert.equal(row!.team, 'CJG Rotterdam-Rijnmond');
  assert.notEqual(row!.teamId, postcodeTeam.teamId, `not in the inbox of ${postcodeTeam.teamName}, the postcode's wijkteam`);

  // No assessment: the aanvraag is in on the day of receipt, and the youth consultant decides straight away.
  const jeugd = await loginAs(app, 'jeugd');
  const item = (await app.inject({ method: 'GET', url: URL, headers: jeugd })).json().find((n: { clientId: string }) => n.clientId === referral!.clientId);
  assert.ok(item, "the Jeugdwet melding is in the CJG's Wmo inbox");
  assert.deepEqual([item.law, item.status, item.clock.kind, item.urgent], ['jeugdwet', 'applied', 'decision', true], 'the GP sent priority stat: spoed');
  const { product, provider } = await demoCatalogue(app, jeugd);
  await act(app, jeugd, item.id, { type: 'assign' });
  const decided = await act(app, jeugd, item.id, { type: 'decide', decision: { contributionNotice: 'Voor jeugdhulp betaalt u geen eigen bijdrage.', lines: [{
    productId: product('Jeugdhulp ambulant gezin'), granted: true, reasoning: 'De huisarts verwijst naar gezinsbehandeling; de gemeente volgt de verwijzing.',
    result: 'Rust in het gezin', volume: 2, validFrom: '2026-12-01', validTo: '2026-12-31', form: 'ZIN', providerId: provider('Begeleiding Rijnmond') }] } });
  assert.equal(decided.statusCode, 200, decided.body);
  assert.deepEqual(decided.json().actions.map((a: { type: string }) => a.type), ['receiveApplication', 'assign', 'decide']);
  assert.equal(decided.json().channel, 'gp_referral');
});

test('a GP referral without the youth category still goes to the wijkteam of the postcode; an unknown category code is refused', async (t) => {
  const app = await build(t);
  const plain = await sendGpReferral(app, false);
  assert.equal(plain.statusCode, 200, plain.body);
  const [row] = await app.db.query<{ kind: string }>(`SELECT t.kind FROM referrals r JOIN teams t ON t.id = r.team_id WHERE r.source = 'gp' ORDER BY r.created_at DESC LIMIT 1`);
  assert.equal(row!.kind, 'neighbourhood_team');
  assert.equal((await app.db.query(`SELECT 1 FROM wmo_notifications WHERE channel = 'gp_referral'`)).length, 0, 'no Jeugdwet melding');
  const unknown = await sendGpReferral(app, true, 'ggz');
  assert.equal(unknown.statusCode, 422, unknown.body);
  assert.match(JSON.stringify(unknown.json().issue), /category\[0\]\.coding\[0\]\.code/);
});

test("the youth file is kept apart from the parent's: the child is its own client, and access to one record does not open the other", async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const wmo = await loginAs(app, 'wmo');
  const jeugd = await loginAs(app, 'jeugd');
  // The parent: Sandra Willems (demo, BSN 999990068), whose Wmo melding the Wmo adviser takes.
  const parentMelding = (await app.inject({ method: 'GET', url: URL, headers: wmo })).json().find((n: { clientName: string }) => n.clientName.includes('Willems'));
  assert.equal((await act(app, wmo, parentMelding.id, { type: 'assign' })).statusCode, 200);
  const parentId = parentMelding.clientId as string;
  // Her son, at the same address, with his own record and a Jeugdwet melding at the CJG.
  const childId = await createClient(app, balie, { ...child, surname: 'Willems', bsn: '123456782',
    persons: [{ kind: 'representative', role: 'parent_with_authority', name: 'Sandra Willems' }] });
  assert.notEqual(childId, parentId);
  const c = await youthMelding(app, balie, childId, '2026-11-02T10:00:00+01:00');
  const melding = await app.inject({ method: 'GET', url: `${URL}/${c.notification.id}`, headers: jeugd });
  assert.deepEqual([melding.statusCode, melding.json().clientId], [200, childId], "the Jeugdwet melding is on the child's own record");

  // Staff: involvement with the parent does not open the child's file, nor the other way round.
  const childByWmo = await app.inject({ method: 'GET', url: `/api/v1/clients/${childId}`, headers: wmo });
  assert.deepEqual([childByWmo.statusCode, childByWmo.json().code], [403, 'client_access_denied']);
  const childMeldingByWmo = await app.inject({ method: 'GET', url: `${URL}/${c.notification.id}`, headers: wmo });
  assert.deepEqual([childMeldingByWmo.statusCode, childMeldingByWmo.json().code], [403, 'client_access_denied']);
  const parentByJeugd = await app.inject({ method: 'GET', url: `/api/v1/clients/${parentId}`, headers: jeugd });
  assert.deepEqual([parentByJeugd.statusCode, parentByJeugd.json().code], [403, 'client_access_denied']);
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/clients/${parentId}`, headers: wmo })).statusCode, 200, 'her own adviser sees her file');

  // Mijn Wegwijs: the parent's login shows her own letters, not the child's decision letter.
  await act(app, jeugd, c.notification.id, { type: 'assign' });
  await act(app, jeugd, c.notification.id, { type: 'receiveApplication' });
  const { product, provider } = await demoCatalogue(app, jeugd);
  const decided = await act(app, jeugd, c.notification.id, { type: 'decide', decision: { contributionNotice: 'Voor jeugdhulp betaalt u geen eigen bijdrage.', lines: [{
    productId: product('Jeugdhulp ambulant individueel'), granted: true, reasoning: 'Milan heeft hulp nodig om weer naar school te kunnen gaan.',
    result: 'Milan gaat weer naar school', volume: 2, validFrom: '2026-12-01', validTo: '2026-12-31', form: 'ZIN', providerId: provider('Begeleiding Rijnmond') }] } });
  assert.equal(decided.statusCode, 200, decided.body);
  const signed = await app.inject({ method: 'POST', url: `${URL}/${c.notification.id}/letters/${decided.json().decision.letters[0].id}/sign`, headers: jeugd });
  assert.equal(signed.statusCode, 200, signed.body);
  const childLetter = signed.json().decision.letters[0].id as string;
  const sandra = await citizenLogin(app, '999990068', 'Sandra', 'Willems');
  assert.deepEqual((await app.inject({ method: 'GET', url: '/api/v1/portal/letters', headers: sandra })).json(), []);
  const pdf = await app.inject({ method: 'GET', url: `/api/v1/portal/letters/${childLetter}/pdf`, headers: sandra });
  assert.deepEqual([pdf.statusCode, pdf.json().code], [404, 'not_found']);
  const milan = await citizenLogin(app, '123456782', 'Milan', 'Willems');
  assert.deepEqual((await app.inject({ method: 'GET', url: '/api/v1/portal/letters', headers: milan })).json().map((l: { id: string; title: string }) => [l.id, l.title]),
    [[childLetter, 'Besluit over uw aanvraag jeugdhulp (beschikking)']], "the letter is on the child's own record");
  // The Jeugdwet letter comes from its own template: it does not speak of Wmo support.
  const text = pdfText((await app.inject({ method: 'GET', url: `/api/v1/portal/letters/${childLetter}/pdf`, headers: milan })).rawPayload);
  assert.ok(text.includes('Besluit over uw aanvraag voor jeugdhulp') && text.includes('Jeugdwet') && !text.includes('Wmo'), text);
  // A minor's letter is written to the representative named in the child's own file, at the child's address.
  assert.ok(text.includes('Sandra Willems (ouder of wettelijk vertegenwoordiger van') && text.includes('Beste Sandra Willems,'), text);
});

/** Logs in to Mijn Wegwijs through the demo test identity provider as the person with this BSN. */
async function citizenLogin(app: FastifyInstance, bsn: string, givenName: string, familyName: string): Promise<AuthHeaders> {
  const start = await app.inject({ method: 'GET', url: '/api/v1/portal/login' });
  const state = new globalThis.URL(start.headers.location!, 'http://x').searchParams.get('state')!;
  const chosen = await app.inject({ method: 'POST', url: '/test-idp/authorize', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ state, identity: 'custom', bsn, givenName, familyName }).toString() });
  const back = await app.inject({ method: 'GET', url: chosen.headers.location! });
  const cookie = `wegwijs_citizen=${back.cookies.find((x) => x.name === 'wegwijs_citizen')!.value}`;
  const s = await app.inject({ method: 'GET', url: '/api/v1/portal/session', headers: { cookie } });
  return { cookie, 'x-csrf-token': s.json().csrfToken };
}

test("a minor's verslag goes to the parents or legal representatives when the child's file names none; the page says the client is a minor", async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const jeugd = await loginAs(app, 'jeugd');
  const clientId = await createClient(app, balie, child);
  const c = await youthMelding(app, balie, clientId, '2026-11-02T10:00:00+01:00');
  const taken = await act(app, jeugd, c.notification.id, { type: 'assign' });
  assert.deepEqual([taken.statusCode, taken.json().minor, taken.json().evidence.missing], [200, true, ['clientSupportClient', 'identityChecked']],
    'under the Jeugdwet: cliëntondersteuning and identity');
  const none = await app.inject({ method: 'GET', url: `${URL}/${c.notification.id}/report/pdf`, headers: jeugd });
  assert.deepEqual([none.statusCode, none.json().code], [409, 'no_assessment']);
  const saved = await app.inject({ method: 'PUT', url: `${URL}/${c.notification.id}/assessment`, headers: jeugd,
    payload: { needs: 'Milan wil weer naar school durven gaan.' } });
  assert.equal(saved.statusCode, 200, saved.body);
  const text = pdfText((await app.inject({ method: 'GET', url: `${URL}/${c.notification.id}/report/pdf`, headers: jeugd })).rawPayload);
  assert.ok(text.includes('Aan de ouder(s) of wettelijk vertegenwoordiger(s) van M. Jansen') && text.includes('Beste ouder(s) of wettelijk vertegenwoordiger(s) van M. Jansen,')
    && text.includes('Milan wil weer naar school durven gaan.'), text);
});
