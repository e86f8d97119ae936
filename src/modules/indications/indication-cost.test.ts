import assert from 'node:assert/strict';
import test from 'node:test';
import { type CostInput, dayNumber, indicationCost } from './indication-cost.ts';

/** 3 hours per week at € 30,00 per hour, open-ended tariff. */
const base: CostInput = {
  volume: 3, unit: 'hour', frequency: 'week',
  period: { from: '2026-01-05', to: '2026-01-18' },
  tariffs: [{ validFrom: '2026-01-01', validTo: null, eurocents: 3000 }],
};
const cost = (over: Partial<CostInput>) => indicationCost({ ...base, ...over });

test('whole weeks: two weeks of 3 hours at € 30 cost € 180', () => {
  const r = cost({});
  assert.equal(r.eurocents, 18000);
  assert.equal(r.units, 6);
  assert.deepEqual(r.uncovered, []);
});

test('partial first week counts only its days (Wednesday–Sunday is 5/7 of a week)', () => {
  // 2026-01-07 is a Wednesday; then one whole week to Sunday 18 January.
  const r = cost({ period: { from: '2026-01-07', to: '2026-01-18' } });
  // 3 × 12/7 hours × 3000 = 15428.57… → 15429
  assert.equal(r.eurocents, 15429);
});

test('partial last week counts only its days', () => {
  // Monday 5 to Tuesday 13 January: one week and two days.
  const r = cost({ period: { from: '2026-01-05', to: '2026-01-13' } });
  assert.equal(r.eurocents, Math.round((3 * 9 * 3000) / 7));
});

test('a single day of a weekly volume is 1/7 of it', () => {
  assert.equal(cost({ period: { from: '2026-01-05', to: '2026-01-05' } }).eurocents, Math.round(9000 / 7));
});

test('tariff change mid-period: each day is priced at the tariff valid that day', () => {
  const r = cost({
    tariffs: [
      { validFrom: '2026-01-01', validTo: '2026-01-11', eurocents: 3000 },
      { validFrom: '2026-01-12', validTo: null, eurocents: 3500 },
    ],
  });
  assert.equal(r.eurocents, 9000 + 10500);
});

test('tariff change mid-week splits the week pro rata', () => {
  const r = cost({
    period: { from: '2026-01-05', to: '2026-01-11' },
    tariffs: [
      { validFrom: '2026-01-01', validTo: '2026-01-07', eurocents: 2800 },
      { validFrom: '2026-01-08', validTo: null, eurocents: 3500 },
    ],
  });
  // 3 days at 3/7 × 2800 + 4 days at 3/7 × 3500 = 3600 + 6000
  assert.equal(r.eurocents, 9600);
});

test('per month: a whole calendar month is the volume, whatever its length', () => {
  const monthly = { frequency: 'month' as const, volume: 4 };
  for (const [from, to] of [['2026-02-01', '2026-02-28'], ['2026-04-01', '2026-04-30'], ['2026-01-01', '2026-01-31'], ['2028-02-01', '2028-02-29']]) {
    assert.equal(cost({ ...monthly, period: { from, to }, tariffs: [{ validFrom: '2026-01-01', validTo: null, eurocents: 3000 }] }).eurocents, 12000, `${from}–${to}`);
  }
});

test('per month: a partial month counts its share of that month’s days', () => {
  // 15 of 30 days in April, then 14 of 28 days in February: half a month each.
  assert.equal(cost({ frequency: 'month', volume: 4, period: { from: '2026-04-16', to: '2026-04-30' } }).eurocents, 6000);
  assert.equal(cost({ frequency: 'month', volume: 4, period: { from: '2026-02-15', to: '2026-02-28' } }).eurocents, 6000);
});

test('leap year: 29 February exists and is one of 29 days of its month', () => {
  const r = cost({ frequency: 'month', volume: 29, period: { from: '2028-02-29', to: '2028-02-29' }, tariffs: [{ validFrom: '2028-01-01', validTo: null, eurocents: 100 }] });
  assert.equal(r.eurocents, 100);
  // A weekly volume over February 2028 is 29/7 weeks, one day more than in 2026.
  const feb = (year: number, lastDay: number) => cost({
    period: { from: `${year}-02-01`, to: `${year}-02-${lastDay}` },
    tariffs: [{ validFrom: '2026-01-01', validTo: null, eurocents: 700 }], volume: 1,
  }).eurocents;
  assert.equal(feb(2026, 28), 2800);
  assert.equal(feb(2028, 29), 2900);
  assert.throws(() => dayNumber('2026-02-29'), RangeError);
});

test('per day, per 4 weeks and total', () => {
  assert.equal(cost({ frequency: 'day', volume: 1 }).eurocents, 14 * 3000);
  assert.equal(cost({ frequency: 'four_weeks', volume: 8 }).eurocents, 4 * 3000);
  // A total of 10 hours spread over 14 days, with a tariff rise after day 7: half at each tariff.
  assert.equal(cost({
    frequency: 'total', volume: 10,
    tariffs: [{ validFrom: '2026-01-01', validTo: '2026-01-11', eurocents: 3000 }, { validFrom: '2026-01-12', validTo: null, eurocents: 4000 }],
  }).eurocents, 15000 + 20000);
});

test('unit euro: the volume is the amount, no tariff needed', () => {
  assert.equal(cost({ unit: 'euro', frequency: 'month', volume: 250, period: { from: '2026-03-01', to: '2026-04-30' }, tariffs: [] }).eurocents, 50000);
});

test('days without a tariff are not priced and are reported', () => {
  const r = cost({ tariffs: [{ validFrom: '2026-01-08', validTo: '2026-01-14', eurocents: 3000 }] });
  assert.equal(r.eurocents, 9000);
  assert.deepEqual(r.uncovered, [{ from: '2026-01-05', to: '2026-01-07' }, { from: '2026-01-15', to: '2026-01-18' }]);
});

test('rounding happens once: a period split by a tariff change costs the same as unsplit', () => {
  // 1 unit per week at 1 cent over 6 days is 6/7 cent → 1; rounding each 3-day half would give 0 + 0.
  const six = { volume: 1, period: { from: '2026-01-05', to: '2026-01-10' } };
  assert.equal(cost({ ...six, tariffs: [{ validFrom: '2026-01-01', validTo: null, eurocents: 1 }] }).eurocents, 1);
  assert.equal(cost({ ...six, tariffs: [{ validFrom: '2026-01-01', validTo: '2026-01-07', eurocents: 1 }, { validFrom: '2026-01-08', validTo: null, eurocents: 1 }] }).eurocents, 1);
});

test('refuses overlapping tariffs, a reversed period and a fractional volume', () => {
  assert.throws(() => cost({ tariffs: [{ validFrom: '2026-01-01', validTo: null, eurocents: 1 }, { validFrom: '2026-01-10', validTo: null, eurocents: 2 }] }), /Overlapping/);
  assert.throws(() => cost({ period: { from: '2026-01-10', to: '2026-01-09' } }), /ends before/);
  assert.throws(() => cost({ volume: 1.5 }), /whole number/);
});
