import assert from 'node:assert/strict';
import test from 'node:test';
import {
  allowedHandovers, escalatedTo, type Handover, handoverRefusal, isOnwardAllowed, ONWARD_REFERRAL_COMMANDS, ONWARD_REFERRAL_STATUSES, onwardAllowedNext,
  onwardNotAllowedMessage, onwardStatusOf,
} from './coordination-process.ts';

test('an onward referral goes requested → active → ended, or ends without starting', () => {
  assert.equal(onwardStatusOf([{ type: 'requested' }]), 'requested');
  assert.equal(onwardStatusOf([{ type: 'requested' }, { type: 'started' }]), 'active');
  assert.equal(onwardStatusOf([{ type: 'requested' }, { type: 'started' }, { type: 'ended' }]), 'ended');
  assert.equal(onwardStatusOf([{ type: 'requested' }, { type: 'ended' }]), 'ended');
});

test('every status allows exactly the steps of its table, and a refusal names what is allowed', () => {
  for (const status of ONWARD_REFERRAL_STATUSES) {
    for (const command of ONWARD_REFERRAL_COMMANDS) {
      assert.equal(isOnwardAllowed(status, command), (onwardAllowedNext[status] as readonly string[]).includes(command), `${status} ${command}`);
    }
  }
  assert.match(onwardNotAllowedMessage('active', 'start'), /status 'active'; allowed: end$/);
  assert.match(onwardNotAllowedMessage('ended', 'end'), /allowed: none$/);
});

test('a case is escalated to a party until it is stepped down; escalating twice or stepping down first is refused', () => {
  const up: Handover = { direction: 'escalate', party: 'veilig_thuis', confirmedOn: '2026-03-01' };
  const down: Handover = { direction: 'step_down', party: 'veilig_thuis', confirmedOn: '2026-04-01' };
  assert.deepEqual(escalatedTo([up]), ['veilig_thuis']);
  assert.deepEqual(escalatedTo([up, down]), []);
  assert.equal(handoverRefusal([], down)?.code, 'handover_not_escalated');
  assert.equal(handoverRefusal([up], up)?.code, 'handover_already_escalated');
  assert.equal(handoverRefusal([up], { ...down, confirmedOn: '2026-02-01' })?.code, 'date_before_previous_handover');
  assert.equal(handoverRefusal([up], down), null);
  assert.deepEqual(allowedHandovers([up]), [{ direction: 'step_down', party: 'veilig_thuis' }, { direction: 'escalate', party: 'specialised_team' }]);
});
