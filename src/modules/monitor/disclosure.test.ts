import assert from 'node:assert/strict';
import test from 'node:test';
import { percentile, shownCount, shownShare, shownStatistic } from './disclosure.ts';

test('a cell about 1 to 4 clients is hidden, zero is shown, the rest rounded to a multiple of 5', () => {
  assert.deepEqual([0, 1, 3, 4].map((n) => shownCount(n)), [0, null, null, null]);
  assert.deepEqual([5, 7, 8, 12, 13, 1234].map((n) => shownCount(n)), [5, 5, 10, 10, 15, 1235]);
});

test('a cell of many contacts by fewer than 5 clients is hidden', () => {
  assert.equal(shownCount(12, 2), null);
  assert.equal(shownCount(12, 6), 10);
});

test('a hidden cell cannot be computed back from the rounded total and its rounded neighbours', () => {
  // Every split of a small table: whatever the hidden cell is, at least two values fit what is shown.
  for (let hidden = 1; hidden < 5; hidden++) {
    for (let other = 5; other < 40; other++) {
      const total = shownCount(hidden + other)!;
      const shownOther = shownCount(other)!;
      const fits = [1, 2, 3, 4].filter((h) => [...Array(60).keys()].some((o) => o >= 5 && shownCount(o) === shownOther && shownCount(h + o) === total));
      assert.ok(fits.length >= 2, `hidden ${hidden} next to ${other}: only ${fits} fits`);
    }
  }
});

test('a share is hidden when its part or the rest is a small cell', () => {
  assert.equal(shownShare(97, 100), null); // 3 over the norm
  assert.equal(shownShare(3, 100), null);
  assert.equal(shownShare(100, 100), 100);
  assert.equal(shownShare(0, 40), 0);
  assert.equal(shownShare(30, 40), 75);
  assert.equal(shownShare(0, 0), null);
});

test('median and p90 need at least 5 clients; percentiles are values that occur', () => {
  assert.equal(shownStatistic(10, 4), null);
  assert.equal(shownStatistic(10, 5), 10);
  assert.equal(percentile([], 50), null);
  assert.equal(percentile([5, 1, 3, 2, 4], 50), 3);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), 9);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50), 5);
});
