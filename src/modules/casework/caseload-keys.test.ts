import assert from 'node:assert/strict';
import test from 'node:test';
import { addDays } from '../legal-terms/legal-terms.ts';
import { caseloadKeysOf, clocksOf, mostUrgent, runningState, type TrajectoryAction, type TrajectoryNorms } from './trajectory-process.ts';

const norms: TrajectoryNorms = {
  planWithin: { amount: 6, unit: 'weeks' }, minDuration: { amount: 3, unit: 'months' }, maxDuration: { amount: 12, unit: 'months' },
  evaluationEvery: { amount: 3, unit: 'months' }, reopenWithin: { amount: 3, unit: 'months' }, atRiskWithin: { amount: 14, unit: 'days' },
};
const opened: TrajectoryAction = { type: 'opened', on: '2026-01-05' };
const cases: Record<string, TrajectoryAction[]> = {
  intake: [opened],
  'plan agreed, not started': [opened, { type: 'plan_agreed', on: '2026-02-01' }],
  'in progress': [opened, { type: 'plan_agreed', on: '2026-02-01' }, { type: 'support_started', on: '2026-02-02' }],
  'evaluated once': [opened, { type: 'plan_agreed', on: '2026-02-01' }, { type: 'support_started', on: '2026-02-02' },
    { type: 'evaluation_started', on: '2026-05-01' }, { type: 'evaluation_finished', on: '2026-05-03' }],
  'started without a plan': [opened, { type: 'support_started', on: '2026-01-10' }],
  extended: [opened, { type: 'plan_agreed', on: '2026-02-01' }, { type: 'support_started', on: '2026-02-02' },
    { type: 'extension_requested', on: '2026-12-01', untilOn: '2027-06-01', reason: 'nog nodig' }, { type: 'extension_approved', on: '2026-12-02' }],
  closed: [opened, { type: 'closed', on: '2026-01-20', outcome: 'client_stopped' }],
};

test('the stored caseload keys give, on every day, the state of the most urgent clock that the clocks themselves give', () => {
  for (const [name, actions] of Object.entries(cases)) {
    const keys = caseloadKeysOf(actions, norms);
    for (let day = '2026-01-05'; day <= '2027-08-01'; day = addDays(day, 3)) {
      const urgent = mostUrgent(clocksOf(actions, norms, day));
      const stored = keys.dueOn && keys.atRiskOn ? { dueOn: keys.dueOn, state: runningState(keys.dueOn, keys.atRiskOn, day) } : null;
      assert.deepEqual(stored, urgent && { dueOn: urgent.dueOn, state: urgent.state }, `${name} on ${day}`);
    }
  }
});

test('the keys name the plan while none is agreed and the day a trajectory passes twelve months, extended or not', () => {
  assert.deepEqual(caseloadKeysOf(cases.intake!, norms), { dueOn: '2026-02-16', atRiskOn: '2026-02-02', planDueOn: '2026-02-16', maxDurationOn: null });
  assert.equal(caseloadKeysOf(cases['in progress']!, norms).planDueOn, null);
  assert.equal(caseloadKeysOf(cases['in progress']!, norms).maxDurationOn, '2027-02-02');
  assert.equal(caseloadKeysOf(cases.extended!, norms).maxDurationOn, '2027-02-02', 'an approved extension is still over twelve months');
  assert.deepEqual(caseloadKeysOf(cases.closed!, norms), { dueOn: null, atRiskOn: null, planDueOn: null, maxDurationOn: null });
});
