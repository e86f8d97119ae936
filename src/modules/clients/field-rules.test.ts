import assert from 'node:assert/strict';
import test from 'node:test';
import { formatAddress } from './address-format.ts';
import { checkBirthDate, checkBsn, checkPhone, checkPostcode, isRealDate, ruleMessages } from './field-rules.ts';

test('phone numbers as the Dutch write them pass; letters, short numbers and stray signs do not', () => {
  for (const ok of ['06-12345678', '06 12345678', '010 123 45 67', '(010) 1234567', '+31 6 12345678', '0800-2000', '0900 1234', '+44 20 7946 0958']) {
    assert.equal(checkPhone(ok), null, ok);
  }
  for (const bad of ['abc', '12', '06-1234', '0612345678901', '+31', '06-1234567a']) assert.equal(checkPhone(bad), ruleMessages.phone, bad);
});

test('the BSN passes the elfproef or gets a full Dutch sentence', () => {
  assert.equal(checkBsn('999999990'), null);
  assert.equal(checkBsn('123456789')?.nl, 'Het BSN klopt niet: controleer de cijfers.');
});

test('a birth date must exist, not lie in the future and not before 1900', () => {
  assert.equal(isRealDate('2024-02-29'), true);
  assert.equal(isRealDate('2023-02-29'), false);
  assert.equal(checkBirthDate('1948-04-12', '2026-11-30'), null);
  assert.equal(checkBirthDate('2026-12-01', '2026-11-30'), ruleMessages.birthDateFuture);
  assert.equal(checkBirthDate('1899-12-31', '2026-11-30'), ruleMessages.birthDateTooEarly);
  assert.equal(checkBirthDate('1950-04-31', '2026-11-30'), ruleMessages.dateInvalid);
});

test('postcodes and addresses as the Dutch write them', () => {
  assert.equal(checkPostcode('3032cd'), null);
  assert.equal(checkPostcode('30AB'), ruleMessages.postcode);
  assert.equal(formatAddress({ street: 'Zaagmolenkade', houseNumber: 12, postcode: '3032CD', city: 'Rotterdam' }), 'Zaagmolenkade 12, 3032 CD Rotterdam');
  assert.equal(formatAddress({ street: 'Zaagmolenkade', houseNumber: 12, houseNumberAddition: 'a', postcode: '3032 CD' }), 'Zaagmolenkade 12a, 3032 CD');
  assert.equal(formatAddress({ houseNumber: 7, houseNumberAddition: '2', postcode: '3033AB' }), 'huisnummer 7-2, 3033 AB');
});
