import assert from 'node:assert/strict';
import test from 'node:test';
import type { LegalCalendar } from '../legal-terms/legal-terms.ts';
import {
  allowedCommands, allowedNext, assessmentDeadline, clocksOf, refusalOf, runningClock, stateOf, WMO_COMMANDS, WMO_STATUSES,
  type WmoAction, type WmoCommand, type WmoStatus,
} from './wmo-process.ts';

const norm = (code: string, amount: number, unit: 'days' | 'weeks' | 'months') => ({ code, amount, unit, validFrom: '1994-01-01', validTo: null, basis: code });
/** The norms migration 081 seeds. */
const calendar: LegalCalendar = {
  extraHolidays: [],
  norms: [norm('wmo_assessment', 42, 'days'), norm('wmo_decision', 14, 'days'), norm('objection_term', 6, 'weeks'),
    norm('objection_decision', 6, 'weeks'), norm('objection_decision_committee', 12, 'weeks'), norm('objection_extension', 6, 'weeks')],
};
const NOTIFIED = '2026-01-05';
const TODAY = '2026-01-20';
const act = (type: WmoCommand, on = '2026-01-12', extra: Partial<WmoAction> = {}): WmoAction => ({ type, on, ...extra });

/** Actions that bring a melding of 5 January 2026 to each status. */
const pathTo: Record<WmoStatus, WmoAction[]> = {
  notified: [],
  assessing: [act('startAssessment')],
  reported: [act('startAssessment'), act('recordReport', '2026-01-14')],
  applied: [act('startAssessment'), act('recordReport', '2026-01-14'), act('receiveApplication', '2026-01-15')],
  decided: [act('startAssessment'), act('recordReport', '2026-01-14'), act('receiveApplication', '2026-01-15'), act('decide', '2026-01-19', { outcome: 'granted' })],
  objected: [act('startAssessment'), act('recordReport', '2026-01-14'), act('receiveApplication', '2026-01-15'), act('decide', '2026-01-19', { outcome: 'refused' }),
    act('receiveObjection', '2026-01-20')],
  objection_decided: [act('startAssessment'), act('recordReport', '2026-01-14'), act('receiveApplication', '2026-01-15'), act('decide', '2026-01-19', { outcome: 'refused' }),
    act('receiveObjection', '2026-01-20'), act('decideObjection', '2026-01-20', { outcome: 'unfounded' })],
  withdrawn: [act('withdraw', '2026-01-12', { reason: 'Cliënt heeft zelf hulp geregeld' })],
};

test('the fold reaches each status through the steps the law names', () => {
  for (const status of WMO_STATUSES) assert.equal(stateOf(NOTIFIED, pathTo[status]).status, status, status);
});

test('every step: allowed where the table says so, refused everywhere else', () => {
  const expected: Record<WmoStatus, WmoCommand[]> = {
    notified: ['assign', 'grantUrgentProvision', 'startAssessment', 'pauseClock', 'withdraw'],
    assessing: ['assign', 'grantUrgentProvision', 'pauseClock', 'recordReport', 'withdraw'],
    reported: ['assign', 'receiveApplication', 'withdraw'],
    applied: ['assign', 'pauseClock', 'extendDecisionTerm', 'decide', 'withdraw'],
    decided: ['receiveObjection'],
    objected: ['assign', 'extendObjectionTerm', 'decideObjection'],
    objection_decided: [],
    withdrawn: [],
  };
  for (const status of WMO_STATUSES) {
    const allowed = allowedCommands(stateOf(NOTIFIED, pathTo[status]), calendar, TODAY);
    assert.deepEqual(allowed, expected[status], status);
    for (const c of WMO_COMMANDS) assert.equal(allowed.includes(c), expected[status].includes(c), `${status}: ${c}`);
    for (const c of allowed) assert.ok((allowedNext[status] as readonly string[]).includes(c), 'guards only narrow the table');
  }
});

test('while a clock is paused only resuming it, assigning and withdrawing are allowed', () => {
  for (const status of ['notified', 'assessing', 'applied'] as const) {
    const s = stateOf(NOTIFIED, [...pathTo[status], act('pauseClock', '2026-01-16', { reason: 'information_missing' })]);
    assert.deepEqual(allowedCommands(s, calendar, TODAY), ['assign', 'resumeClock', 'withdraw'], status);
  }
});

test('spoed and each extension can be given once', () => {
  const urgent = stateOf(NOTIFIED, [act('grantUrgentProvision', NOTIFIED)]);
  assert.equal(urgent.urgentProvisionOn, NOTIFIED);
  assert.ok(!allowedCommands(urgent, calendar, TODAY).includes('grantUrgentProvision'));
  const extended = stateOf(NOTIFIED, [...pathTo.applied, act('extendDecisionTerm', '2026-01-20', { until: '2026-02-13', reason: 'Advies ergotherapeut nodig' })]);
  assert.ok(!allowedCommands(extended, calendar, TODAY).includes('extendDecisionTerm'));
  const postponed = stateOf(NOTIFIED, [...pathTo.objected, act('extendObjectionTerm', '2026-01-20', { reason: 'Hoorzitting' })]);
  assert.ok(!allowedCommands(postponed, calendar, TODAY).includes('extendObjectionTerm'));
});

test('an aanvraag before the verslag is possible only once the six weeks of the onderzoek have passed', () => {
  const s = stateOf(NOTIFIED, pathTo.assessing);
  assert.ok(!allowedCommands(s, calendar, '2026-02-16').includes('receiveApplication'), 'on the last day of the onderzoek');
  assert.ok(allowedCommands(s, calendar, '2026-02-17').includes('receiveApplication'), 'the day after');
  const applied = stateOf(NOTIFIED, [...pathTo.assessing, act('receiveApplication', '2026-02-17')]);
  assert.equal(applied.status, 'applied');
  assert.equal(clocksOf(applied, calendar, '2026-02-17')[0]!.stoppedOn, '2026-02-17', "the aanvraag stops the onderzoek's clock");
});

test('the onderzoek is due six weeks after the melding, moved by the Atw; the verslag stops the clock', () => {
  assert.equal(assessmentDeadline(calendar, '2026-11-20'), '2027-01-04', "the demo melding: New Year's Day → Monday 4 January");
  assert.equal(assessmentDeadline(calendar, '2026-11-14'), '2026-12-28', 'Saturday 26 December (2nd Christmas day) → Monday 28 December');
  const running = clocksOf(stateOf(NOTIFIED, pathTo.assessing), calendar, TODAY);
  assert.deepEqual(running[0], { kind: 'assessment', startedOn: NOTIFIED, dueOn: '2026-02-16', movedFrom: null, pausedSince: null, suspendedDays: 0,
    extended: false, stoppedOn: null, late: false, daysLeft: 27 });
  const reported = clocksOf(stateOf(NOTIFIED, pathTo.reported), calendar, TODAY);
  assert.deepEqual([reported[0]!.stoppedOn, reported[0]!.late, reported[0]!.daysLeft], ['2026-01-14', false, null]);
  const late = clocksOf(stateOf(NOTIFIED, pathTo.assessing), calendar, '2026-02-20')[0]!;
  assert.deepEqual([late.late, late.daysLeft], [true, -4]);
});

test('a pause stops the clock and shows since when; resumed, the days strictly between are added', () => {
  const paused = stateOf(NOTIFIED, [...pathTo.assessing, act('pauseClock', '2026-01-12', { reason: 'client_request' })]);
  const c = runningClock(clocksOf(paused, calendar, TODAY))!;
  assert.deepEqual([c.dueOn, c.pausedSince, c.daysLeft], [null, '2026-01-12', null]);
  const resumed = stateOf(NOTIFIED, [...pathTo.assessing, act('pauseClock', '2026-01-12', { reason: 'client_request' }), act('resumeClock', '2026-01-20')]);
  const r = runningClock(clocksOf(resumed, calendar, TODAY))!;
  assert.deepEqual([r.dueOn, r.suspendedDays, r.pausedSince], ['2026-02-23', 7, null]);
});

test('the decision is due two weeks after the aanvraag; extended once to the date in the notice', () => {
  const applied = clocksOf(stateOf(NOTIFIED, pathTo.applied), calendar, TODAY);
  assert.deepEqual(applied.map((c) => [c.kind, c.dueOn]), [['assessment', '2026-02-16'], ['decision', '2026-01-29']]);
  assert.equal(runningClock(applied)!.kind, 'decision');
  const extended = clocksOf(stateOf(NOTIFIED, [...pathTo.applied, act('extendDecisionTerm', '2026-01-20', { until: '2026-02-14', reason: 'Advies nodig' })]), calendar, TODAY);
  // Saturday 14 February → Monday 16 February (Atw art. 1).
  assert.deepEqual([extended[1]!.dueOn, extended[1]!.extended, extended[1]!.movedFrom], ['2026-02-16', true, '2026-02-14']);
});

test('bezwaar: six weeks to object, a decision six weeks after that term (twelve with a committee) plus six when postponed', () => {
  const decided = clocksOf(stateOf(NOTIFIED, pathTo.decided), calendar, TODAY);
  // Decision Monday 19 January 2026 + 6 weeks = Monday 2 March.
  assert.deepEqual(decided.at(-1), { kind: 'objectionTerm', startedOn: '2026-01-19', dueOn: '2026-03-02', movedFrom: null, pausedSince: null, suspendedDays: 0,
    extended: false, stoppedOn: null, late: false, daysLeft: 41 });
  const objected = clocksOf(stateOf(NOTIFIED, pathTo.objected), calendar, TODAY);
  assert.deepEqual(objected.at(-1)!.dueOn, '2026-04-13', '2 March + 6 weeks');
  const committee = stateOf(NOTIFIED, [...pathTo.decided, act('receiveObjection', '2026-01-20', { committee: true })]);
  assert.equal(clocksOf(committee, calendar, TODAY).at(-1)!.dueOn, '2026-05-26', '2 March + 12 weeks = Monday 25 May, Tweede Pinksterdag → Tuesday 26 May');
  const postponed = stateOf(NOTIFIED, [...pathTo.objected, act('extendObjectionTerm', '2026-01-20', { reason: 'Hoorzitting' })]);
  assert.equal(clocksOf(postponed, calendar, TODAY).at(-1)!.dueOn, '2026-05-26', '13 April + 6 weeks = 25 May (Pinksteren) → 26 May');
  const late = clocksOf(stateOf(NOTIFIED, [...pathTo.decided, act('receiveObjection', '2026-03-03')]), calendar, '2026-03-03');
  assert.equal(late.find((c) => c.kind === 'objectionTerm')!.late, true, 'an objection after six weeks is late (Awb 6:11 decides whether it is excused)');
});

test('refusals of a command with wrong dates name the field', () => {
  const applied = stateOf(NOTIFIED, pathTo.applied);
  assert.equal(refusalOf(applied, act('decide', '2026-01-21', { outcome: 'granted' }), calendar, TODAY)?.code, 'date_in_future');
  assert.equal(refusalOf(applied, act('decide', '2026-01-02', { outcome: 'granted' }), calendar, TODAY)?.code, 'date_before_notification');
  assert.equal(refusalOf(applied, act('decide', '2026-01-14', { outcome: 'granted' }), calendar, TODAY)?.code, 'date_before_application');
  assert.equal(refusalOf(applied, act('extendDecisionTerm', '2026-01-20', { until: '2026-01-29', reason: 'x' }), calendar, TODAY)?.field, 'until');
  assert.equal(refusalOf(applied, act('extendDecisionTerm', '2026-01-30', { until: '2026-02-20', reason: 'x' }), calendar, '2026-02-02')?.code, 'term_expired');
  assert.equal(refusalOf(applied, act('decide', '2026-01-19', { outcome: 'granted' }), calendar, TODAY), null);
});

test('Jeugdwet: no onderzoek clock unless the municipality configured youth_assessment; an aanvraag at once; eight weeks to decide', () => {
  const youth: LegalCalendar = { ...calendar, norms: [...calendar.norms, norm('youth_decision', 8, 'weeks')] };
  const notified = stateOf(NOTIFIED, [], 'jeugdwet');
  assert.deepEqual(clocksOf(notified, youth, TODAY), []);
  assert.equal(assessmentDeadline(youth, NOTIFIED, 'jeugdwet'), null);
  assert.ok(allowedCommands(notified, youth, TODAY).includes('receiveApplication'), 'no six weeks to wait for');
  assert.ok(!allowedCommands(stateOf(NOTIFIED, []), youth, TODAY).includes('receiveApplication'), 'the Wmo still waits');
  const applied = stateOf(NOTIFIED, [act('receiveApplication', '2026-01-06')], 'jeugdwet');
  assert.deepEqual(clocksOf(applied, youth, TODAY).map((c) => [c.kind, c.dueOn]), [['decision', '2026-03-03']]);
  // A municipal norm of its own (verordening), e.g. ten weeks: from then on an onderzoek clock.
  const ownNorm: LegalCalendar = { ...youth, norms: [...youth.norms, norm('youth_assessment', 10, 'weeks')] };
  assert.equal(assessmentDeadline(ownNorm, NOTIFIED, 'jeugdwet'), '2026-03-16');
  assert.deepEqual(clocksOf(notified, ownNorm, TODAY).map((c) => [c.kind, c.dueOn]), [['assessment', '2026-03-16']]);
});
