import assert from 'node:assert/strict';
import test from 'node:test';
import {
  addTerm, allowedNext, clocksOf, isAllowed, mostUrgent, notAllowedMessage, refusalOf, statusOf, TRAJECTORY_COMMANDS,
  type TrajectoryAction, type TrajectoryCommand, type TrajectoryNorms, type TrajectoryStatus,
} from './trajectory-process.ts';

const norms: TrajectoryNorms = {
  planWithin: { amount: 6, unit: 'weeks' }, minDuration: { amount: 3, unit: 'months' }, maxDuration: { amount: 12, unit: 'months' },
  evaluationEvery: { amount: 3, unit: 'months' }, reopenWithin: { amount: 3, unit: 'months' }, atRiskWithin: { amount: 14, unit: 'days' },
};

const opened: TrajectoryAction = { type: 'opened', on: '2026-01-05' };
/** A trajectory in each status, as the actions that lead there. */
const inStatus: Record<TrajectoryStatus, TrajectoryAction[]> = {
  intake: [opened],
  plan_agreed: [opened, { type: 'plan_agreed', on: '2026-02-01' }],
  in_progress: [opened, { type: 'plan_agreed', on: '2026-02-01' }, { type: 'support_started', on: '2026-02-02' }],
  evaluation: [opened, { type: 'plan_agreed', on: '2026-02-01' }, { type: 'support_started', on: '2026-02-02' }, { type: 'evaluation_started', on: '2026-05-01' }],
  closed: [opened, { type: 'closed', on: '2026-01-20', outcome: 'client_stopped' }],
};

// Written out on purpose (not derived from allowedNext): a change to the table must change this test too.
const expected: Record<TrajectoryStatus, TrajectoryCommand[]> = {
  intake: ['agreePlan', 'close', 'reassign'],
  plan_agreed: ['startSupport', 'close', 'reassign'],
  in_progress: ['startEvaluation', 'requestExtension', 'approveExtension', 'close', 'reassign'],
  evaluation: ['finishEvaluation', 'requestExtension', 'approveExtension', 'close', 'reassign'],
  closed: ['reopen'],
};

for (const [status, actions] of Object.entries(inStatus) as [TrajectoryStatus, TrajectoryAction[]][]) {
  test(`a trajectory in status '${status}' allows exactly ${expected[status].join(', ')}`, () => {
    assert.equal(statusOf(actions), status);
    for (const command of TRAJECTORY_COMMANDS) {
      assert.equal(isAllowed(status, command), expected[status].includes(command), `${status} → ${command}`);
    }
    assert.deepEqual([...allowedNext[status]], expected[status]);
  });
}

test('the refusal names the status and what is allowed', () => {
  assert.match(notAllowedMessage('intake', 'startSupport'), /status 'intake'.*allowed: agreePlan, close, reassign/);
});

for (const [status, actions] of Object.entries(inStatus) as [TrajectoryStatus, TrajectoryAction[]][]) {
  if (status === 'closed') continue;
  test(`handing a trajectory in status '${status}' to another professional keeps its status and its clocks`, () => {
    const after = [...actions, { type: 'reassigned', on: '2026-06-01', fromUserId: 'wim', toUserId: 'wendy' } as TrajectoryAction];
    assert.equal(statusOf(after), status);
    assert.deepEqual(clocksOf(after, norms, '2026-06-02'), clocksOf(actions, norms, '2026-06-02'));
  });
}

test('a step dated before a hand-over can still be recorded (the hand-over is no step of the work)', () => {
  const handedOver = [opened, { type: 'reassigned', on: '2026-02-10', toUserId: 'wendy' } as TrajectoryAction];
  assert.equal(refusalOf(handedOver, 'agreePlan', norms, '2026-02-10', { on: '2026-02-01' }), null);
  assert.equal(refusalOf(handedOver, 'agreePlan', norms, '2026-02-10', { on: '2026-01-01' })?.code, 'date_before_previous_step', 'not before the step before it');
});

test('intake → plan agreed → in progress → evaluation → in progress → closed', () => {
  const a: TrajectoryAction[] = [opened];
  const steps: [TrajectoryAction, TrajectoryStatus][] = [
    [{ type: 'plan_agreed', on: '2026-02-01' }, 'plan_agreed'],
    [{ type: 'support_started', on: '2026-02-02' }, 'in_progress'],
    [{ type: 'evaluation_started', on: '2026-05-01' }, 'evaluation'],
    [{ type: 'evaluation_finished', on: '2026-05-03' }, 'in_progress'],
    [{ type: 'extension_requested', on: '2026-05-04', untilOn: '2027-06-01', reason: 'schulden nog niet geregeld' }, 'in_progress'],
    [{ type: 'closed', on: '2026-09-01', outcome: 'goal_reached' }, 'closed'],
    [{ type: 'reopened', on: '2026-10-01', linkedTrajectoryId: 'x' }, 'closed'],
  ];
  for (const [action, status] of steps) {
    a.push(action);
    assert.equal(statusOf(a), status, action.type);
  }
});

test('the plan is due six weeks after the day the referral came in, whenever it was stored', () => {
  const c = clocksOf(inStatus.intake, norms, '2026-01-06');
  assert.equal(c.plan.dueOn, '2026-02-16');
  assert.equal(c.plan.state, 'on_time');
  assert.equal(c.plan.daysLeft, 41);
  assert.equal(clocksOf(inStatus.intake, norms, '2026-02-02').plan.state, 'at_risk', 'within 14 days of the due date');
  assert.equal(clocksOf(inStatus.intake, norms, '2026-02-16').plan.state, 'at_risk', 'on the due day');
  const late = clocksOf(inStatus.intake, norms, '2026-02-17').plan;
  assert.deepEqual([late.state, late.daysLeft], ['overdue', -1]);
});

test('an agreed plan stops the plan clock: met in time, or met late', () => {
  assert.deepEqual(clocksOf(inStatus.plan_agreed, norms, '2026-09-01').plan, { dueOn: '2026-02-16', doneOn: '2026-02-01', state: 'met', daysLeft: null });
  const late = [opened, { type: 'plan_agreed', on: '2026-03-01' } as TrajectoryAction];
  assert.equal(clocksOf(late, norms, '2026-09-01').plan.state, 'met_late');
});

test('the trajectory runs 3 to 12 months from the start of support; evaluations every 3 months', () => {
  const c = clocksOf(inStatus.in_progress, norms, '2026-03-01');
  assert.equal(c.end!.dueOn, '2027-02-02');
  assert.equal(c.end!.earliestOn, '2026-05-02');
  assert.equal(c.end!.extended, false);
  assert.equal(c.nextEvaluation!.dueOn, '2026-05-02');
  const evaluated = [...inStatus.evaluation, { type: 'evaluation_finished', on: '2026-05-10' } as TrajectoryAction];
  assert.equal(clocksOf(evaluated, norms, '2026-06-01').nextEvaluation!.dueOn, '2026-08-10', 'counted from the last evaluation');
  assert.equal(clocksOf(inStatus.intake, norms, '2026-01-06').end, null, 'no end date before support starts');
  assert.equal(clocksOf(inStatus.intake, norms, '2026-01-06').nextEvaluation, null);
});

test('longer than 12 months only once the team lead approved the extension asked for with a reason', () => {
  const asked = [...inStatus.in_progress, { type: 'extension_requested', on: '2026-12-01', untilOn: '2027-06-30', reason: 'woning nog niet rond' } as TrajectoryAction];
  assert.equal(clocksOf(asked, norms, '2027-02-03').end!.state, 'overdue', 'a request alone changes nothing');
  const approved = [...asked, { type: 'extension_approved', on: '2026-12-05' } as TrajectoryAction];
  const end = clocksOf(approved, norms, '2027-02-03').end!;
  assert.deepEqual([end.dueOn, end.state, end.extended], ['2027-06-30', 'on_time', true]);
});

test('an extension must be asked before it can be approved, and must end after the current end date', () => {
  assert.equal(refusalOf(inStatus.in_progress, 'approveExtension', norms, '2026-03-01')?.code, 'no_extension_requested');
  assert.equal(refusalOf(inStatus.in_progress, 'requestExtension', norms, '2026-03-01', { untilOn: '2027-01-01' })?.code, 'extension_not_later');
  assert.equal(refusalOf(inStatus.in_progress, 'requestExtension', norms, '2026-03-01', { untilOn: '2027-04-01' }), null);
});

test('a step cannot be dated in the future or before the previous step', () => {
  assert.equal(refusalOf(inStatus.intake, 'agreePlan', norms, '2026-01-10', { on: '2026-01-11' })?.code, 'date_in_future');
  assert.equal(refusalOf(inStatus.intake, 'agreePlan', norms, '2026-01-10', { on: '2026-01-04' })?.code, 'date_before_previous_step');
  assert.equal(refusalOf(inStatus.intake, 'agreePlan', norms, '2026-01-10', { on: '2026-01-05' }), null);
});

test('a closed trajectory can be re-opened within three months, once', () => {
  assert.equal(clocksOf(inStatus.closed, norms, '2026-02-01').reopenUntil, '2026-04-20');
  assert.equal(refusalOf(inStatus.closed, 'reopen', norms, '2026-04-20'), null);
  assert.equal(refusalOf(inStatus.closed, 'reopen', norms, '2026-04-21')?.code, 'reopen_period_passed');
  const reopened = [...inStatus.closed, { type: 'reopened', on: '2026-02-01', linkedTrajectoryId: 'b' } as TrajectoryAction];
  assert.equal(refusalOf(reopened, 'reopen', norms, '2026-02-02')?.code, 'already_reopened');
  assert.equal(clocksOf(inStatus.in_progress, norms, '2026-03-01').reopenUntil, null);
});

test('a trajectory closed at intake has no running clocks', () => {
  const c = clocksOf(inStatus.closed, norms, '2026-06-01');
  assert.equal(c.plan.doneOn, '2026-01-20');
  assert.equal(mostUrgent(c), null);
});

test('the most urgent clock is the running one due first', () => {
  assert.deepEqual(mostUrgent(clocksOf(inStatus.intake, norms, '2026-02-20')), { clock: 'plan', dueOn: '2026-02-16', state: 'overdue' });
  assert.deepEqual(mostUrgent(clocksOf(inStatus.in_progress, norms, '2026-03-01')), { clock: 'nextEvaluation', dueOn: '2026-05-02', state: 'on_time' });
});

test('months are calendar months: 31 January plus one month is the last day of February', () => {
  assert.equal(addTerm('2026-01-31', { amount: 1, unit: 'months' }), '2026-02-28');
  assert.equal(addTerm('2028-01-31', { amount: 1, unit: 'months' }), '2028-02-29');
  assert.equal(addTerm('2026-03-31', { amount: -1, unit: 'months' }), '2026-02-28');
  assert.equal(addTerm('2026-01-05', { amount: 6, unit: 'weeks' }), '2026-02-16');
});
