import assert from 'node:assert/strict';
import test from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { MESSAGE_NUMBERS, RedenWijziging, RetourCode } from './codes.ts';
import { buildAssignment, changeReason, parseAssignment } from './assignment.ts';
import { assessClaim, parseClaim } from './claim.ts';
import { demoAssignment, demoAssignmentsForClaim, demoRuleContext, exampleMessage } from './examples.ts';
import { composeMessage, readMessage, sealOutgoing } from './messages.ts';
import { validateXsd } from './xsd-validator.ts';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.code, 'iwmo_message_invalid');
    return e.message;
  }
  assert.fail('the message was not refused');
};

for (const standard of ['iwmo', 'ijw'] as const) {
  for (const n of MESSAGE_NUMBERS) {
    test(`the example ${standard} ${n} is valid against its schema and passes the rules when read back`, () => {
      const xml = exampleMessage(n, standard);
      const read = readMessage(xml, demoRuleContext(standard));
      assert.ok(read.ok, JSON.stringify(!read.ok && read.problems));
      assert.equal(read.n, n);
      assert.equal(read.standard, standard);
    });
  }
}

test('a 301 read back gives the same client and assignments that were built', () => {
  const m = demoAssignment('iwmo');
  const plain = (x: unknown) => JSON.parse(JSON.stringify(x)); // absent optional elements read back as undefined
  assert.deepEqual(plain(parseAssignment(buildAssignment(m), 'iwmo')), plain(m));
});

test('an iJw 301 is in the jw301 namespace with message code 436, an iWmo 301 in wmo301 with 414', () => {
  const jw = exampleMessage('301', 'ijw');
  assert.match(jw, /xmlns="http:\/\/www\.istandaarden\.nl\/ijw\/3_2\/jw301\/schema"/);
  assert.match(jw, /<BerichtCode>436<\/BerichtCode>/);
  assert.match(exampleMessage('301', 'iwmo'), /<BerichtCode>414<\/BerichtCode>/);
});

test('a 301 that breaks its schema is refused before it can leave', () => {
  const m = demoAssignment('iwmo');
  const msg = refusal(() => composeMessage('301', { ...m, client: { ...m.client, bsn: '12345' } }));
  assert.match(msg, /element Bsn/);
  // A hand-edited text is checked too: a wrong message code.
  const xml = buildAssignment(m).replace('<BerichtCode>414<', '<BerichtCode>415<');
  assert.match(refusal(() => sealOutgoing('301', 'iwmo', xml)), /line \d+, element BerichtCode/);
});

test('a 301 whose BSN fails the elfproef is refused even though the schema accepts nine digits', () => {
  const m = demoAssignment('iwmo');
  const msg = refusal(() => composeMessage('301', { ...m, client: { ...m.client, bsn: '999990018' } }));
  assert.match(msg, /elfproef/);
});

test('a 301 with an unknown product code, reversed dates or a duplicate number is refused', () => {
  const m = demoAssignment('iwmo');
  const ctx = demoRuleContext('iwmo');
  const [p1, p2] = m.products as [typeof m.products[0], typeof m.products[0]];
  assert.match(refusal(() => composeMessage('301', { ...m, products: [{ ...p1, productCode: '01Z99' }, p2] }, ctx)), /Onbekende productcode 01Z99/);
  assert.match(refusal(() => composeMessage('301', { ...m, products: [{ ...p1, to: '2026-02-01' }, p2] }, ctx)), /ends before it starts/);
  assert.match(refusal(() => composeMessage('301', { ...m, products: [p1, { ...p2, number: p1.number }] }, ctx)), /appears twice/);
});

test('a 301 without every current assignment of the client at the provider is refused: it is a full set, never a delta', () => {
  const m = demoAssignment('iwmo');
  const ctx = { ...demoRuleContext('iwmo'), expectedAssignments: ['1', '2', '7'] };
  assert.match(refusal(() => composeMessage('301', m, ctx)), /missing 7/);
  assert.match(refusal(() => composeMessage('301', m, { expectedAssignments: ['1'] })), /not current: 2/);
});

test('the change reason follows the change: later end 04, earlier end 05, withdrawn 13, other changes refused', () => {
  const [p] = demoAssignment('iwmo').products as [ReturnType<typeof demoAssignment>['products'][0]];
  assert.deepEqual(changeReason(undefined, p), { reason: undefined });
  assert.deepEqual(changeReason(p, { ...p, to: '2027-03-31' }), { reason: RedenWijziging.Verlenging });
  assert.deepEqual(changeReason(p, { ...p, to: '2026-06-30' }), { reason: RedenWijziging.Verkorting });
  assert.deepEqual(changeReason(p, { ...p, to: '2026-03-01' }, { withdrawn: true }), { reason: RedenWijziging.Verwijderd });
  assert.deepEqual(changeReason({ ...p, changeReason: '04' }, { ...p }), { reason: '04' }, 'unchanged keeps the reason it was sent with');
  assert.ok('problem' in changeReason(p, { ...p, scope: { ...p.scope!, volume: 9 } }));
  assert.deepEqual(changeReason(p, { ...p, scope: { ...p.scope!, volume: 9 } }, { correction: true }), { reason: RedenWijziging.AdministratieveCorrectie });
});

test('reading a malformed file reports the line of each error', () => {
  const r = readMessage('<?xml version="1.0"?>\n<Bericht xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo305/schema">\n<Header>\n</Bericht>');
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.problems.some((p) => p.line === 4), JSON.stringify(!r.ok && r.problems));
});

test('reading a 305 that misses its start date names the element', () => {
  const xml = exampleMessage('305', 'iwmo').replace(/<Begindatum>[^<]*<\/Begindatum>\s*/, '');
  const r = readMessage(xml);
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.problems.some((p) => p.element === 'StatusAanlevering' && p.line), JSON.stringify(!r.ok && r.problems));
});

test('a file that is no iWmo or iJw message is not valid', () => {
  const r = validateXsd('<?xml version="1.0"?><Bericht xmlns="urn:other"/>');
  assert.equal(r.ok, false);
});

test('a claim at the contract tariff is granted in full; another tariff or another client is granted nothing, with the reason', () => {
  const claim = parseClaim(exampleMessage('323', 'iwmo'), 'iwmo');
  const full = assessClaim(claim, demoAssignmentsForClaim('iwmo'));
  assert.equal(full.granted, claim.total);
  assert.ok(full.clients[0]!.performances.every((p) => p.codes.length === 0));

  const [p1, p2] = claim.clients[0]!.performances as [typeof claim.clients[0]['performances'][0], typeof claim.clients[0]['performances'][0]];
  const wrong = { ...claim, clients: [{ ...claim.clients[0]!, performances: [{ ...p1, tariff: p1.tariff! + 100, amount: p1.volume * (p1.tariff! + 100) }, p2] }] };
  const part = assessClaim(wrong, demoAssignmentsForClaim('iwmo'));
  assert.equal(part.granted, p2.amount);
  assert.deepEqual(part.clients[0]!.performances[0]!.codes, [RetourCode.TariefWijktAf]);

  const other = assessClaim({ ...claim, clients: [{ ...claim.clients[0]!, bsn: '999990007' }] }, demoAssignmentsForClaim('iwmo'));
  assert.equal(other.granted, 0);
  assert.deepEqual(other.clients[0]!.performances[0]!.codes, [RetourCode.NietGekoppeld]);
});

test('a stop (307) "volgens plan" carries each list\'s own code: 19 in iWmo, 31 in iJw (where 31 would mean a move in iWmo)', () => {
  const reason = (xml: string) => /<RedenBeeindiging>(\d+)<\/RedenBeeindiging>/.exec(xml)?.[1];
  assert.equal(reason(exampleMessage('307', 'iwmo')), '19');
  assert.equal(reason(exampleMessage('307', 'ijw')), '31');
  assert.ok(readMessage(exampleMessage('307', 'ijw')).ok, 'the iJw stop still validates');
});
