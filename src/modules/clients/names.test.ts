import assert from 'node:assert/strict';
import test from 'node:test';
import { displayName, normaliseName, splitSurname, surnameKey } from './names.ts';

test('diacritics and case do not matter when searching a name', () => {
  assert.equal(normaliseName('  Çelik '), 'celik');
  assert.equal(normaliseName('Müller'), 'muller');
  // The ligature 'Ĳ' (U+0132) and the two letters 'IJ' are the same name.
  assert.equal(normaliseName('\u0132sseldijk'), 'ijsseldijk');
  assert.equal(normaliseName('\u0132sseldijk'), normaliseName('IJsseldijk'));
});

test('a typed prefix like "van der" is split off the surname', () => {
  assert.deepEqual(splitSurname('Van der Berg'), { prefix: 'van der', key: 'berg' });
  assert.deepEqual(splitSurname('de Vries'), { prefix: 'de', key: 'vries' });
  assert.deepEqual(splitSurname('Jansen'), { prefix: null, key: 'jansen' });
  assert.deepEqual(splitSurname('van'), { prefix: null, key: 'van' });
});

test('the stored surname key ignores the prefix, wherever it was typed', () => {
  assert.equal(surnameKey('van der', 'Berg'), 'berg');
  assert.equal(surnameKey(null, 'van der Berg'), 'berg');
});

test('the display name follows the BRP name usage', () => {
  const n = { firstNames: 'Anna Maria', surnamePrefix: 'de', surname: 'Vries', partnerSurnamePrefix: 'van der', partnerSurname: 'Berg' };
  assert.equal(displayName({ ...n, nameUsage: 'E' }), 'A.M. de Vries');
  assert.equal(displayName({ ...n, nameUsage: 'P' }), 'A.M. van der Berg');
  assert.equal(displayName({ ...n, nameUsage: 'V' }), 'A.M. van der Berg-de Vries');
  assert.equal(displayName({ ...n, nameUsage: 'N' }), 'A.M. de Vries-van der Berg');
});
