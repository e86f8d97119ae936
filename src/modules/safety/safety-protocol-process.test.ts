import assert from 'node:assert/strict';
import test from 'node:test';
import {
  isAllowed, SAFETY_PROTOCOL_COMMANDS, type SafetyProtocolAction, type SafetyProtocolStatus, notAllowedMessage, refusalOf, statusOf, assessmentAdvice,
} from './safety-protocol-process.ts';

const opened: SafetyProtocolAction = { type: 'opened', on: '2027-01-04' };
const upToWeighing: SafetyProtocolAction[] = [opened, { type: 'signals_mapped', on: '2027-01-04', note: 'signalen' },
  { type: 'consulted', on: '2027-01-05', party: 'colleague', note: 'collega' }, { type: 'conversation_held', on: '2027-01-06', held: true, note: 'gesprek' }];
const weighed = (w: SafetyProtocolAction['assessment']): SafetyProtocolAction[] => [...upToWeighing, { type: 'weighed', on: '2027-01-07', assessment: w }];

test('the status follows the five steps; consulting again keeps the step the record is in', () => {
  assert.equal(statusOf([opened]), 'mapping_signals');
  assert.equal(statusOf(upToWeighing.slice(0, 2)), 'consulting');
  assert.equal(statusOf(upToWeighing.slice(0, 3)), 'talking');
  assert.equal(statusOf([...upToWeighing.slice(0, 3), { type: 'consulted', on: '2027-01-05', party: 'veilig_thuis', anonymous: true }]), 'talking');
  assert.equal(statusOf(upToWeighing), 'weighing');
  assert.equal(statusOf(weighed({ suspicion: false })), 'deciding');
  assert.equal(statusOf([...weighed({ suspicion: false }), { type: 'decided', on: '2027-01-08', decision: 'close' }]), 'closed');
  assert.equal(statusOf([...weighed({ suspicion: true, acuteOrStructuralUnsafety: true }), { type: 'decided', on: '2027-01-08', decision: 'report' }]), 'reporting');
});

test('after the decision only the report, follow-ups and closing remain; a refusal names what is allowed', () => {
  const refused = (status: SafetyProtocolStatus) => SAFETY_PROTOCOL_COMMANDS.filter((c) => !isAllowed(status, c));
  assert.deepEqual(refused('helping'), ['mapSignals', 'consult', 'talk', 'weigh', 'decide', 'agreeFollowUp']);
  assert.deepEqual(refused('reporting'), ['mapSignals', 'consult', 'talk', 'weigh', 'decide', 'agreeFollowUp', 'close']);
  assert.deepEqual(refused('closed'), SAFETY_PROTOCOL_COMMANDS);
  assert.ok(!isAllowed('mapping_signals', 'weigh') && !isAllowed('consulting', 'talk'), 'no step skipped');
  assert.match(notAllowedMessage('reported', 'weigh'), /status 'reported'; allowed: agreeFollowUp, close/);
  assert.match(notAllowedMessage('closed', 'consult'), /allowed: none/);
});

test('the afwegingskader: no suspicion closes, unsafety or help that fails means report, otherwise help', () => {
  assert.deepEqual(assessmentAdvice({ suspicion: false }), { advice: 'close' });
  assert.deepEqual(assessmentAdvice({ suspicion: true }), { missing: 'acuteOrStructuralUnsafety' });
  assert.deepEqual(assessmentAdvice({ suspicion: true, acuteOrStructuralUnsafety: true }), { advice: 'report' });
  assert.deepEqual(assessmentAdvice({ suspicion: true, acuteOrStructuralUnsafety: false }), { missing: 'canOrganiseHelp' });
  assert.deepEqual(assessmentAdvice({ suspicion: true, acuteOrStructuralUnsafety: false, canOrganiseHelp: false }), { advice: 'report' });
  assert.deepEqual(assessmentAdvice({ suspicion: true, acuteOrStructuralUnsafety: false, canOrganiseHelp: true, helpAccepted: false }), { advice: 'report' });
  assert.deepEqual(assessmentAdvice({ suspicion: true, acuteOrStructuralUnsafety: false, canOrganiseHelp: true, helpAccepted: true }), { advice: 'organise_help' });
  assert.deepEqual(assessmentAdvice({ suspicion: true, acuteOrStructuralUnsafety: false, canOrganiseHelp: true, helpAccepted: true, helpReachesSafety: false }), { advice: 'report' });
});

test('a decision must fit the weighing, except reporting, which is always allowed', () => {
  const help = weighed({ suspicion: true, acuteOrStructuralUnsafety: false, canOrganiseHelp: true, helpAccepted: true });
  assert.equal(refusalOf(help, 'decide', '2027-01-08', { decision: 'close' })?.code, 'decision_contradicts_assessment');
  assert.equal(refusalOf(help, 'decide', '2027-01-08', { decision: 'organise_help' }), null);
  assert.equal(refusalOf(help, 'decide', '2027-01-08', { decision: 'report' }), null);
  const unsafe = weighed({ suspicion: true, acuteOrStructuralUnsafety: true });
  assert.equal(refusalOf(unsafe, 'decide', '2027-01-08', { decision: 'organise_help' })?.code, 'decision_contradicts_assessment');
});

test('before the weighing only an immediate report for acute danger, with its reason', () => {
  assert.equal(refusalOf([opened], 'decide', '2027-01-04', { decision: 'close' })?.code, 'decision_before_assessment');
  assert.equal(refusalOf([opened], 'decide', '2027-01-04', { decision: 'report' })?.code, 'decision_before_assessment');
  assert.equal(refusalOf([opened], 'decide', '2027-01-04', { decision: 'report', note: 'Kind in acuut gevaar' }), null);
});

test('steps are dated: not in the future, not before the previous step; the weighing must be complete', () => {
  assert.equal(refusalOf([opened], 'mapSignals', '2027-01-04', { on: '2027-01-05' })?.code, 'date_in_future');
  assert.equal(refusalOf([opened], 'mapSignals', '2027-01-04', { on: '2027-01-03' })?.code, 'date_before_previous_step');
  assert.equal(refusalOf(upToWeighing, 'weigh', '2027-01-07', { assessment: { suspicion: true } })?.code, 'assessment_incomplete');
  assert.equal(refusalOf(upToWeighing, 'agreeFollowUp', '2027-01-07', { followUpOn: '2027-01-06' })?.code, 'follow_up_in_past');
});
