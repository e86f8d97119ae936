import assert from 'node:assert/strict';
import test from 'node:test';
import type { Norm } from '../legal-terms/legal-terms.ts';
import { trajectoryNormCodes, trajectoryNormsOn } from './norms.ts';

const row = (code: string, amount: number, unit: Norm['unit'], validFrom = '2015-01-01', validTo: string | null = null): Norm =>
  ({ code, amount, unit, validFrom, validTo, basis: 'test' });
const base = Object.values(trajectoryNormCodes).map((code) => row(code, 3, 'months'));

test('a trajectory takes the norms valid on the day its referral came in', () => {
  const norms = [...base.filter((n) => n.code !== 'neighbourhood_plan'),
    row('neighbourhood_plan', 6, 'weeks', '2015-01-01', '2026-12-31'), row('neighbourhood_plan', 4, 'weeks', '2027-01-01')];
  assert.deepEqual(trajectoryNormsOn(norms, '2026-12-31').planWithin, { amount: 6, unit: 'weeks' });
  assert.deepEqual(trajectoryNormsOn(norms, '2027-01-01').planWithin, { amount: 4, unit: 'weeks' });
});

test('a missing norm is a configuration error, not a silent default', () => {
  assert.throws(() => trajectoryNormsOn(base.filter((n) => n.code !== 'basic_support_reopen'), '2026-01-01'), /basic_support_reopen/);
});
