import assert from 'node:assert/strict';
import test from 'node:test';
import { allowedNext, assigneeOf, isAllowed, type ReferralAction, type ReferralCommand, statusOf } from './referral-process.ts';

const at = '2026-01-01T10:00:00Z';

test('a new referral is open; accepting, starting and closing it moves it along', () => {
  const actions: ReferralAction[] = [{ type: 'created', at }];
  assert.equal(statusOf(actions), 'open');
  actions.push({ type: 'accepted', at, assignedUserId: 'u1' });
  assert.equal(statusOf(actions), 'accepted');
  assert.equal(assigneeOf(actions), 'u1');
  actions.push({ type: 'started', at });
  assert.equal(statusOf(actions), 'in_progress');
  actions.push({ type: 'closed', at, outcome: 'goals reached' });
  assert.equal(statusOf(actions), 'closed');
});

test('a returned or closed referral allows nothing more', () => {
  const commands: ReferralCommand[] = ['accept', 'return', 'start', 'close', 'setLifeDomains'];
  for (const status of ['returned', 'closed'] as const) {
    for (const c of commands) assert.equal(isAllowed(status, c), false, `${status} ${c}`);
  }
  assert.deepEqual(allowedNext.open, ['accept', 'return', 'setLifeDomains']);
});

test('setting the life domains at triage changes no status', () => {
  const actions: ReferralAction[] = [{ type: 'created', at }, { type: 'life_domains_set', at, lifeDomains: ['finances_debts'] }];
  assert.equal(statusOf(actions), 'open');
  actions.push({ type: 'accepted', at, assignedUserId: 'u1' }, { type: 'life_domains_set', at, lifeDomains: ['housing'] });
  assert.equal(statusOf(actions), 'accepted');
  assert.equal(isAllowed('in_progress', 'setLifeDomains'), false, 'after triage the plan names the life domains');
});
