import assert from 'node:assert/strict';
import test from 'node:test';
import { drawSample } from './sampling.ts';

const helped = [
  { clientId: 'a', teamId: 'desk' }, { clientId: 'b', teamId: 'desk' }, { clientId: 'c', teamId: 'desk' },
  { clientId: 'a', teamId: 'team' }, { clientId: 'd', teamId: 'team' }, { clientId: 'e', teamId: 'elsewhere' },
];

test('each client is asked once per round, for the first desk or team of the round that helped them', () => {
  const s = drawSample(helped, new Map([['desk', 10], ['team', 10]]), new Set());
  assert.deepEqual([...s.get('desk')!].sort(), ['a', 'b', 'c']);
  assert.deepEqual(s.get('team'), ['d']);
});

test('excluded clients are never drawn and a desk gets at most its sample size', () => {
  for (let i = 0; i < 50; i++) {
    const s = drawSample(helped, new Map([['desk', 1], ['team', 5]]), new Set(['b']));
    assert.equal(s.get('desk')!.length, 1);
    assert.ok(['a', 'c'].includes(s.get('desk')![0]!));
    assert.ok(!s.has('elsewhere'), 'a team not in the round gets nobody');
  }
});

test('every client of a desk can be drawn (the random pick is used)', () => {
  const seen = new Set<string>();
  for (const first of [0, 1, 2]) seen.add(drawSample(helped, new Map([['desk', 1]]), new Set(), (n) => Math.min(first, n - 1)).get('desk')![0]!);
  assert.deepEqual([...seen].sort(), ['a', 'b', 'c']);
});
