import assert from 'node:assert/strict';
import test from 'node:test';
import { assessmentDaysLeft, assessmentDeadline } from './wmo-process.ts';

test('the assessment of a Wmo notification is due six weeks (42 days) after the notification', () => {
  assert.equal(assessmentDeadline('2026-01-05'), '2026-02-16');
  assert.equal(assessmentDeadline('2026-12-01'), '2027-01-12');
  assert.equal(assessmentDeadline('2028-02-10'), '2028-03-23', 'leap year');
});

test('the days left count down to zero on the deadline and go negative after it', () => {
  assert.equal(assessmentDaysLeft('2026-01-05', '2026-01-05'), 42);
  assert.equal(assessmentDaysLeft('2026-01-05', '2026-02-16'), 0);
  assert.equal(assessmentDaysLeft('2026-01-05', '2026-02-20'), -4);
});
