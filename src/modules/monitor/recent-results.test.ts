import assert from 'node:assert/strict';
import test from 'node:test';
import { RecentResults } from './recent-results.ts';

test('callers within the window share one computation, also while it runs; after the window it is made again; a failure is not kept', async () => {
  let clock = 0;
  let runs = 0;
  const cache = new RecentResults<number>(60_000, () => clock);
  const compute = async () => ++runs;
  assert.deepEqual(await Promise.all([cache.get('a', compute), cache.get('a', compute)]), [1, 1]);
  clock = 59_000;
  assert.equal(await cache.get('a', compute), 1);
  assert.equal(await cache.get('b', compute), 2, 'another period is its own computation');
  clock = 61_000;
  assert.equal(await cache.get('a', compute), 3);
  await assert.rejects(cache.get('c', () => Promise.reject(new Error('db down'))));
  assert.equal(await cache.get('c', compute), 4);
});
