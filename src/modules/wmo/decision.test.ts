import assert from 'node:assert/strict';
import test from 'node:test';
import { dutchDate, euros, letterBlocks, lineRefusal, outcomeOf, provisionText, unknownPlaceholders } from './decision.ts';
import type { DecisionLine, DecisionLineView } from './schemas.ts';

const product = '00000000-0000-4000-8000-000000000001';
const grant: DecisionLine = { productId: product, granted: true, reasoning: 'U kunt uw huis niet zelf schoonhouden.', result: 'Een schoon huis', volume: 3,
  validFrom: '2026-12-01', validTo: '2027-11-30', form: 'ZIN', providerId: '00000000-0000-4000-8000-000000000002' };

test('the outcome follows from the lines: all granted, some, or none', () => {
  assert.equal(outcomeOf([{ granted: true }, { granted: true }]), 'granted');
  assert.equal(outcomeOf([{ granted: true }, { granted: false }]), 'partly_granted');
  assert.equal(outcomeOf([{ granted: false }]), 'refused');
});

test('a grant names result, volume, period and form; in kind its provider; a pgb all three conditions', () => {
  assert.equal(lineRefusal(grant, 0), null);
  assert.equal(lineRefusal({ productId: product, granted: false, reasoning: 'Uw netwerk helpt u al voldoende.' }, 0), null, 'a refusal needs only its reasoning');
  for (const f of ['result', 'volume', 'validFrom', 'validTo', 'form'] as const) {
    assert.deepEqual(lineRefusal({ ...grant, [f]: undefined }, 2)?.field, `decision.lines.2.${f}`);
  }
  assert.equal(lineRefusal({ ...grant, providerId: undefined }, 0)?.code, 'decision_incomplete');
  assert.equal(lineRefusal({ ...grant, validTo: '2026-11-30' }, 0)?.code, 'period_reversed');
  const pgb = { managesBudget: true, motivated: true, qualityAssured: true, budgetEurocents: 100 };
  assert.equal(lineRefusal({ ...grant, form: 'PGB', providerId: undefined, pgb }, 0), null);
  assert.equal(lineRefusal({ ...grant, form: 'PGB', pgb: undefined }, 0)?.field, 'decision.lines.0.pgb');
  for (const c of ['managesBudget', 'motivated', 'qualityAssured'] as const) {
    assert.equal(lineRefusal({ ...grant, form: 'PGB', pgb: { ...pgb, [c]: false } }, 0)?.code, 'pgb_conditions_not_met', c);
  }
});

test('dates and amounts are written the Dutch way', () => {
  assert.equal(dutchDate('2027-01-05'), '5 januari 2027');
  assert.equal(euros(123456), '€ 1.234,56');
  assert.equal(euros(5), '€ 0,05');
});

test('a provision reads as plain Dutch: what, why, how much, how long, and how it is delivered', () => {
  const view: DecisionLineView = { ...grant, productName: 'Hulp bij het huishouden', productCode: '01A01', unit: 'hour', frequency: 'week',
    providerName: 'Thuiszorg Maasoever', amountEurocents: 1000 };
  assert.equal(provisionText(view), ['Hulp bij het huishouden (01A01): dit krijgt u.', 'Waarom: U kunt uw huis niet zelf schoonhouden.',
    'Wat het moet opleveren: Een schoon huis', 'Hoeveel: 3 uur per week', 'Van 1 december 2026 tot en met 30 november 2027.',
    'U krijgt dit als zorg in natura: Thuiszorg Maasoever levert de ondersteuning.'].join('\n'));
  assert.equal(provisionText({ ...view, granted: false, reasoning: 'Uw netwerk helpt al.' }), 'Hulp bij het huishouden (01A01): dit krijgt u niet.\nWaarom niet: Uw netwerk helpt al.');
});

test('the template: headings, paragraphs, filled placeholders, and unknown placeholders found', () => {
  const data = { clientName: 'S. Willems', address: '', reference: 'WMO-1', applicationDate: '', decisionDate: '', provisions: 'A\n\nB', contributionNotice: '',
    objectionClause: '', signature: '' };
  assert.deepEqual(letterBlocks('# Besluit\n\nBeste {{ clientName }},\n\n{{provisions}}', data),
    [{ kind: 'heading', text: 'Besluit' }, { kind: 'paragraph', text: 'Beste S. Willems,' }, { kind: 'paragraph', text: 'A' }, { kind: 'paragraph', text: 'B' }]);
  assert.deepEqual(unknownPlaceholders('{{clientName}} {{clientNaam}} {{ datum }} {{clientNaam}}'), ['clientNaam', 'datum']);
});
