import assert from 'node:assert/strict';
import test from 'node:test';
import type { LegalCalendar } from '../legal-terms/legal-terms.ts';
import { assessmentDaysLeft, assessmentDeadline } from './wmo-process.ts';

/** The seeded norms of migration 081 that these tests use. */
export const calendar: LegalCalendar = {
  extraHolidays: [],
  norms: [
    { code: 'wmo_assessment', amount: 42, unit: 'days', validFrom: '2015-01-01', validTo: null, basis: 'Wmo 2015 art. 2.3.2' },
    { code: 'wmo_decision', amount: 14, unit: 'days', validFrom: '2015-01-01', validTo: null, basis: 'Wmo 2015 art. 2.3.5' },
  ],
};

test('the assessment of a Wmo notification is due six weeks (42 days) after the notification', () => {
  assert.equal(assessmentDeadline(calendar, '2026-01-05'), '2026-02-16');
  assert.equal(assessmentDeadline(calendar, '2028-02-10'), '2028-03-23', 'leap year');
});

test('a deadline on a rest day moves to the next working day (Algemene termijnenwet)', () => {
  assert.equal(assessmentDeadline(calendar, '2026-11-20'), '2027-01-04', "the demo melding: New Year's Day → Monday 4 January");
  assert.equal(assessmentDeadline(calendar, '2026-11-14'), '2026-12-28', 'Saturday 26 December (2nd Christmas day) → Monday 28 December');
  assert.equal(assessmentDeadline(calendar, '2026-12-01'), '2027-01-12');
});

test('the days left count down to zero on the deadline and go negative after it', () => {
  assert.equal(assessmentDaysLeft(calendar, '2026-01-05', '2026-01-05'), 42);
  assert.equal(assessmentDaysLeft(calendar, '2026-01-05', '2026-02-16'), 0);
  assert.equal(assessmentDaysLeft(calendar, '2026-01-05', '2026-02-20'), -4);
});
