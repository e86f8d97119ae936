import assert from 'node:assert/strict';
import test from 'node:test';
import { type ClockFact, serviceNormRows } from './service-norms.ts';

const fact = (i: number, f: Partial<ClockFact>): ClockFact =>
  ({ caseId: `k${i}`, teamId: 'A', clientId: `c${i}`, startedOn: '2021-02-01', doneOn: null, withinNorm: false, open: null, ...f });
const many = (n: number, f: Partial<ClockFact>, offset = 0) => Array.from({ length: n }, (_, i) => fact(i + offset, f));

test('only what finished inside the period counts as done; a paused clock is open but neither at risk nor overdue', () => {
  const rows = serviceNormRows('wmo_assessment', [
    ...many(5, { doneOn: '2021-03-10', withinNorm: true }),
    ...many(7, { doneOn: '2021-02-27', withinNorm: true }, 10), // before the period
    ...many(5, { open: 'paused' }, 20),
  ], '2021-03-01', '2021-03-31');
  assert.deepEqual(rows, [{ indicator: 'wmo_assessment', teamId: 'A', done: 5, medianDays: 37, p90Days: 37, withinNormPct: 100, open: 5, atRisk: 0, overdue: 0 }]);
});

test('five items of two clients are still a small cell, and hide their statistics', () => {
  const rows = serviceNormRows('wmo_decision', many(5, { doneOn: '2021-03-10', withinNorm: true }).map((f, i) => ({ ...f, clientId: `c${i % 2}` })), '2021-03-01', '2021-03-31');
  assert.deepEqual([rows[0]!.done, rows[0]!.medianDays, rows[0]!.withinNormPct], [null, null, null]);
});

test('a team with nothing finished and nothing open has no row', () => {
  assert.deepEqual(serviceNormRows('neighbourhood_plan', many(6, { doneOn: '2021-01-10' }), '2021-03-01', '2021-03-31'), []);
});
