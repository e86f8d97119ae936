import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AuthHeaders, build, loginAs } from '../../../test/helpers.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { decisionBody, demoCatalogue } from '../../../test/wmo-decision.ts';

const URL = '/api/v1/wmo-notifications';
const act = (app: FastifyInstance, headers: AuthHeaders, id: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `${URL}/${id}/actions`, headers, payload });

/** The demo melding (Sandra Willems), taken by the demo Wmo adviser and brought to the aanvraag. */
async function appliedMelding(app: FastifyInstance, wmo: AuthHeaders): Promise<string> {
  const inbox = (await app.inject({ method: 'GET', url: URL, headers: wmo })).json() as { id: string; clientName: string }[];
  const id = inbox.find((n) => n.clientName.includes('Willems'))!.id;
  for (const type of ['assign', 'startAssessment', 'recordReport', 'receiveApplication']) {
    assert.equal((await act(app, wmo, id, { type })).statusCode, 200, type);
  }
  return id;
}

const pdfOf = async (app: FastifyInstance, headers: AuthHeaders, id: string, letterId: string) => {
  const res = await app.inject({ method: 'GET', url: `${URL}/${id}/letters/${letterId}/pdf`, headers });
  assert.equal(res.statusCode, 200, res.body.slice(0, 200));
  assert.equal(res.headers['content-type'], 'application/pdf');
  return pdfText(res.rawPayload);
};

test('a decision records grant or refusal per requested provision, and its draft letter says so in plain Dutch', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const id = await appliedMelding(app, wmo);
  const res = await act(app, wmo, id, await decisionBody(app, wmo));
  assert.equal(res.statusCode, 200, res.body);
  const d = res.json().decision;
  assert.equal(d.outcome, 'partly_granted');
  assert.deepEqual(d.lines.map((l: { productName: string; granted: boolean; amountEurocents: number }) => [l.productName, l.granted, l.amountEurocents]),
    [['Hulp bij het huishouden', true, 43179], ['Begeleiding individueel', false, 0]]);
  assert.deepEqual(d.letters.map((l: { version: number; signedAt: string | null }) => [l.version, l.signedAt]), [[1, null]]);

  const text = await pdfOf(app, wmo, id, d.letters[0].id);
  for (const said of ['S. Willems', '3035 CD Rotterdam', 'Hulp bij het huishouden (01A01): dit krijgt u.', 'Waarom: U kunt door uw heupklachten', 'Een schoon en leefbaar huis',
    '3 uur per week', 'Van 1 december 2026 tot en met 31 december 2026', 'zorg in natura: Thuiszorg Maasoever levert', 'Begeleiding individueel (02A01): dit krijgt u niet.',
    'Uw dochter helpt u al', 'Het CAK stuurt u daarover een brief', 'bezwaar maken', 'binnen zes weken', 'CONCEPT', '(nog niet ondertekend)']) {
    assert.ok(text.includes(said), `the letter says "${said}":\n${text}`);
  }
  const audit = await app.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action = 'wmo.letter.download'`);
  assert.equal(audit.length, 1, 'the download is audited');
});

test('a decision needs its content; a pgb needs all three conditions of the Wmo and shows the budget', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const id = await appliedMelding(app, wmo);
  const bare = await act(app, wmo, id, { type: 'decide', outcome: 'granted' });
  assert.deepEqual([bare.statusCode, bare.json().field], [400, 'decision']);

  const { product } = await demoCatalogue(app, wmo);
  const pgb = (conditions: Record<string, boolean>) => ({ type: 'decide', decision: {
    lines: [{ productId: product('Dagbesteding'), granted: true, reasoning: 'U wilt zelf een dagbesteding kiezen bij u in de buurt.', result: 'Structuur in de week',
      volume: 2, validFrom: '2026-12-01', validTo: '2027-05-31', form: 'PGB',
      pgb: { managesBudget: true, motivated: true, qualityAssured: true, budgetEurocents: 150_000, ...conditions } }],
    contributionNotice: 'U betaalt geen eigen bijdrage voor dagbesteding.' } });
  const notMotivated = await act(app, wmo, id, pgb({ motivated: false }));
  assert.deepEqual([notMotivated.statusCode, notMotivated.json().code, notMotivated.json().field], [422, 'pgb_conditions_not_met', 'decision.lines.0.pgb']);
  const noProvider = await act(app, wmo, id, { type: 'decide', decision: { ...(await decisionBody(app, wmo)).decision,
    lines: [{ ...(await decisionBody(app, wmo)).decision.lines[0], providerId: undefined }] } });
  assert.deepEqual([noProvider.statusCode, noProvider.json().code], [422, 'decision_incomplete']);

  const ok = await act(app, wmo, id, pgb({}));
  assert.equal(ok.statusCode, 200, ok.body);
  const d = ok.json().decision;
  assert.deepEqual([d.outcome, d.lines[0].amountEurocents, d.lines[0].pgb.motivated], ['granted', 150_000, true]);
  const text = await pdfOf(app, wmo, id, d.letters[0].id);
  assert.ok(text.includes('persoonsgebonden budget (pgb) van € 1.500,00'), text);
  assert.ok(text.includes('waarom u een pgb wilt'), text);
});

test('signing is refused with mandate_exceeded above the signer\'s mandate and no_mandate without one; a mandate for the product lets her sign', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const id = await appliedMelding(app, wmo);
  const { product } = await demoCatalogue(app, wmo);
  // A pgb of € 6.000, above the demo adviser's mandate of € 5.000 per provision.
  const res = await act(app, wmo, id, { type: 'decide', decision: {
    lines: [{ productId: product('Begeleiding individueel'), granted: true, reasoning: 'U heeft hulp nodig bij het regelen van uw dag.', result: 'Zelf de dag kunnen regelen',
      volume: 4, validFrom: '2026-12-01', validTo: '2027-11-30', form: 'PGB', pgb: { managesBudget: true, motivated: true, qualityAssured: true, budgetEurocents: 600_000 } }],
    contributionNotice: 'U betaalt een eigen bijdrage; het CAK stuurt u daarover een brief.' } });
  assert.equal(res.statusCode, 200, res.body);
  const letterId = res.json().decision.letters[0].id;
  const sign = (h: AuthHeaders, letter = letterId) => app.inject({ method: 'POST', url: `${URL}/${id}/letters/${letter}/sign`, headers: h });

  const above = await sign(wmo);
  assert.deepEqual([above.statusCode, above.json().code], [403, 'mandate_exceeded']);
  assert.match(above.json().detail, /€ 6\.000,00 is meer dan uw mandaat van € 5\.000,00/);

  // Mandates are data: the admin revokes the adviser's general mandate, so she has none for this product.
  const admin = await loginAs(app, 'beheer');
  const mandates = (await app.inject({ method: 'GET', url: '/api/v1/wmo-mandates', headers: admin })).json() as { id: string; userName: string }[];
  const hers = mandates.find((m) => m.userName === 'Wendy Wmo-adviseur')!;
  assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/wmo-mandates/${hers.id}`, headers: admin })).statusCode, 204);
  const none = await sign(wmo);
  assert.deepEqual([none.statusCode, none.json().code], [403, 'no_mandate']);
  // A mandate for this product up to € 7.500 lets her sign.
  const userId = (await app.inject({ method: 'GET', url: '/api/v1/session', headers: wmo })).json().user.id;
  const granted = await app.inject({ method: 'POST', url: '/api/v1/wmo-mandates', headers: admin,
    payload: { userId, productId: product('Begeleiding individueel'), maxEurocents: 750_000 } });
  assert.equal(granted.statusCode, 201, granted.body);
  const signed = await sign(wmo);
  assert.equal(signed.statusCode, 200, signed.body);
  const letters = signed.json().decision.letters;
  assert.deepEqual(letters.map((l: { version: number; signedByName: string | null }) => [l.version, l.signedByName]), [[2, 'Wendy Wmo-adviseur'], [1, null]]);
  const text = await pdfOf(app, wmo, id, letters[0].id);
  assert.ok(text.includes('Wendy Wmo-adviseur') && !text.includes('CONCEPT'), text);
  const again = await sign(wmo, letters[0].id);
  assert.deepEqual([again.statusCode, again.json().code], [409, 'letter_signed']);
});

test('a decision above the adviser\'s mandate is signed by the team lead, whose mandate covers it', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const id = await appliedMelding(app, wmo);
  const { product } = await demoCatalogue(app, wmo);
  const res = await act(app, wmo, id, { type: 'decide', decision: {
    lines: [{ productId: product('Dagbesteding'), granted: true, reasoning: 'U wilt zelf een dagbesteding kiezen bij u in de buurt.', result: 'Structuur in de week',
      volume: 3, validFrom: '2026-12-01', validTo: '2027-11-30', form: 'PGB', pgb: { managesBudget: true, motivated: true, qualityAssured: true, budgetEurocents: 900_000 } }],
    contributionNotice: 'U betaalt geen eigen bijdrage voor dagbesteding.' } });
  const letterId = res.json().decision.letters[0].id;
  const byAdviser = await app.inject({ method: 'POST', url: `${URL}/${id}/letters/${letterId}/sign`, headers: wmo });
  assert.deepEqual([byAdviser.statusCode, byAdviser.json().code], [403, 'mandate_exceeded']);
  const lead = await loginAs(app, 'teamleider');
  const byLead = await app.inject({ method: 'POST', url: `${URL}/${id}/letters/${letterId}/sign`, headers: lead });
  assert.equal(byLead.statusCode, 200, byLead.body);
  assert.equal(byLead.json().decision.letters[0].signedByName, 'Tom Teamleider');
});

test('an admin edits the letter template as a new version; regenerating keeps the old letter version', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const admin = await loginAs(app, 'beheer');
  const id = await appliedMelding(app, wmo);
  const first = (await act(app, wmo, id, await decisionBody(app, wmo))).json().decision.letters[0];

  const typo = await app.inject({ method: 'POST', url: '/api/v1/wmo-letter-template', headers: admin, payload: { body: 'Beste {{clientNaam}},\n\n{{provisions}}' } });
  assert.deepEqual([typo.statusCode, typo.json().code], [422, 'unknown_placeholder']);
  const saved = await app.inject({ method: 'POST', url: '/api/v1/wmo-letter-template', headers: admin,
    payload: { body: '# Uw besluit\n\nGeachte {{clientName}}, dit is de nieuwe brieftekst.\n\n{{provisions}}\n\n{{objectionClause}}\n\n{{signature}}' } });
  assert.deepEqual([saved.statusCode, saved.json().version], [201, 2]);
  const template = (await app.inject({ method: 'GET', url: '/api/v1/wmo-letter-template', headers: wmo })).json();
  assert.deepEqual(template.versions.map((v: { version: number }) => v.version), [2, 1]);
  assert.ok(template.placeholders.includes('provisions'));

  // Reading an old version before signing is refused: the signer signs what they read, and that must be the newest.
  const regenerated = await app.inject({ method: 'POST', url: `${URL}/${id}/letters`, headers: wmo });
  assert.equal(regenerated.statusCode, 200, regenerated.body);
  const letters = regenerated.json().decision.letters;
  assert.deepEqual(letters.map((l: { version: number; templateVersion: number }) => [l.version, l.templateVersion]), [[2, 2], [1, 1]]);
  assert.ok((await pdfOf(app, wmo, id, letters[0].id)).includes('dit is de nieuwe brieftekst'));
  const old = await pdfOf(app, wmo, id, first.id);
  assert.ok(old.includes('Besluit over uw aanvraag') && !old.includes('nieuwe brieftekst'), 'version 1 is kept as it was');
  const outdated = await app.inject({ method: 'POST', url: `${URL}/${id}/letters/${first.id}/sign`, headers: wmo });
  assert.deepEqual([outdated.statusCode, outdated.json().code], [409, 'letter_outdated']);
});

test('signing the same version twice, or twice at once, signs it once; a regeneration with the same Idempotency-Key makes one version', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const id = await appliedMelding(app, wmo);
  assert.equal((await act(app, wmo, id, await decisionBody(app, wmo))).statusCode, 200);
  const regenerate = () => app.inject({ method: 'POST', url: `${URL}/${id}/letters`, headers: { ...wmo, 'idempotency-key': 'regenerate-after-template-1' } });
  const [a, b] = [await regenerate(), await regenerate()];
  assert.deepEqual([a.statusCode, b.statusCode], [200, 200]);
  const letters = b.json().decision.letters as { id: string; version: number }[];
  assert.deepEqual(letters.map((l) => l.version), [2, 1], 'one new version');

  const sign = () => app.inject({ method: 'POST', url: `${URL}/${id}/letters/${letters[0]!.id}/sign`, headers: wmo });
  const together = await Promise.all([sign(), sign()]);
  assert.deepEqual(together.map((r) => r.statusCode), [200, 200], together.map((r) => r.body).join('\n'));
  const again = await sign();
  assert.equal(again.statusCode, 200, again.body);
  assert.deepEqual(again.json().decision.letters.map((l: { version: number; signedByName: string | null }) => [l.version, l.signedByName]),
    [[3, 'Wendy Wmo-adviseur'], [2, null], [1, null]]);
});
