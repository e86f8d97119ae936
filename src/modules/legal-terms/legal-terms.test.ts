import assert from 'node:assert/strict';
import test from 'node:test';
import { addMonths, amsterdamDate, easterSunday, generalHolidays, isRestDay, termEnd } from './legal-terms.ts';

test('Easter is computed, and matches the known Easter Sundays', () => {
  const known: Record<number, string> = {
    1943: '1943-04-25', 2000: '2000-04-23', 2008: '2008-03-23', 2019: '2019-04-21', 2024: '2024-03-31',
    2025: '2025-04-20', 2026: '2026-04-05', 2027: '2027-03-28', 2038: '2038-04-25', 2285: '2285-03-22',
  };
  for (const [year, date] of Object.entries(known)) assert.equal(easterSunday(Number(year)), date, `Easter ${year}`);
});

test('the holidays of the Algemene termijnenwet art. 3 in 2026, with Easter-based days moving with Easter', () => {
  assert.deepEqual(generalHolidays(2026).map((h) => `${h.date} ${h.name}`), [
    '2026-01-01 Nieuwjaarsdag', '2026-04-03 Goede Vrijdag', '2026-04-06 Tweede Paasdag', '2026-04-27 Koningsdag',
    '2026-05-05 Bevrijdingsdag (5 mei)', '2026-05-14 Hemelvaartsdag', '2026-05-25 Tweede Pinksterdag',
    '2026-12-25 Eerste Kerstdag', '2026-12-26 Tweede Kerstdag',
  ]);
});

test('Koningsdag is celebrated on 26 April when 27 April is a Sunday', () => {
  assert.ok(generalHolidays(2025).some((h) => h.date === '2025-04-26' && h.name === 'Koningsdag'));
  assert.ok(!generalHolidays(2025).some((h) => h.date === '2025-04-27'));
  assert.ok(generalHolidays(2031).some((h) => h.date === '2031-04-26'));
  assert.ok(isRestDay('2026-04-27'), 'Monday 27 April 2026 is Koningsdag');
});

const sixWeeks = { amount: 42, unit: 'days' } as const;

test('a term that ends on a Saturday, Sunday or holiday runs to the next day that is none (Atw art. 1)', () => {
  const table: [string, string, { amount: number; unit: 'days' | 'weeks' | 'months' }, string][] = [
    ['an ordinary Monday stays', '2026-01-05', sixWeeks, '2026-02-16'],
    ['the demo melding: due on New Year\'s Day 2027 → Monday 4 January', '2026-11-20', sixWeeks, '2027-01-04'],
    ['melding Saturday 14 November 2026: due Saturday 26 December → Monday 28 December (both Christmas days, then Sunday)', '2026-11-14', sixWeeks, '2026-12-28'],
    ['a Saturday → Monday', '2026-01-03', sixWeeks, '2026-02-16'],
    ['a Sunday → Monday', '2026-01-04', sixWeeks, '2026-02-16'],
    ['Goede Vrijdag → past Easter and Easter Monday to Tuesday', '2026-02-20', sixWeeks, '2026-04-07'],
    ['Tweede Paasdag → Tuesday', '2026-02-23', sixWeeks, '2026-04-07'],
    ['Koningsdag on a Monday → Tuesday', '2026-03-16', sixWeeks, '2026-04-28'],
    ['Koningsdag on Saturday 26 April 2025 (27th a Sunday) → Monday 28 April', '2025-03-15', sixWeeks, '2025-04-28'],
    ['5 mei on a Tuesday → Wednesday', '2026-03-24', sixWeeks, '2026-05-06'],
    ['Hemelvaartsdag → Friday', '2026-04-02', sixWeeks, '2026-05-15'],
    ['Tweede Pinksterdag → Tuesday', '2026-04-13', sixWeeks, '2026-05-26'],
    ['Eerste Kerstdag on a Friday → Monday 28 December', '2026-11-13', sixWeeks, '2026-12-28'],
    ['bezwaar: six weeks after a decision of Friday 13 November 2026 → Monday 28 December', '2026-11-13', { amount: 6, unit: 'weeks' }, '2026-12-28'],
    ['twelve months ending on a Sunday → Monday', '2026-01-31', { amount: 12, unit: 'months' }, '2027-02-01'],
    ['a two-day term is not lengthened by art. 2, only moved by art. 1', '2026-12-24', { amount: 2, unit: 'days' }, '2026-12-28'],
  ];
  for (const [name, start, term, due] of table) assert.equal(termEnd(start, term).dueOn, due, name);
});

test('a term of three days or more holds at least two days that are no Saturday, Sunday or holiday (Atw art. 2)', () => {
  // From Thursday 24 December 2026: 25 (Christmas), 26 (Saturday, 2nd Christmas day), 27 (Sunday): none counts.
  assert.equal(termEnd('2026-12-24', { amount: 3, unit: 'days' }).dueOn, '2026-12-29');
  // From Friday 1 May 2026: Saturday, Sunday, Monday 4 May; Tuesday 5 May is a holiday: Monday + Wednesday.
  assert.equal(termEnd('2026-05-01', { amount: 3, unit: 'days' }).dueOn, '2026-05-06');
});

test('a day a royal decree equates with the holidays moves the term too', () => {
  assert.equal(termEnd('2026-01-05', sixWeeks, { extraHolidays: ['2026-02-16'] }).dueOn, '2026-02-17');
});

test('a pause the law allows suspends the clock: the days strictly between stop and restart are added (Awb 4:15)', () => {
  // Information asked on Monday 12 January, received on Tuesday 20 January: 13..19 January = 7 days.
  const paused = termEnd('2026-01-05', sixWeeks, { pauses: [{ from: '2026-01-12', until: '2026-01-20' }] });
  assert.deepEqual(paused, { dueOn: '2026-02-23', movedFrom: null, suspendedDays: 7, pausedSince: null });
  const open = termEnd('2026-01-05', sixWeeks, { pauses: [{ from: '2026-01-12', until: null }] });
  assert.deepEqual(open, { dueOn: null, movedFrom: null, suspendedDays: 0, pausedSince: '2026-01-12' });
  // A pause that ends the next day adds nothing.
  assert.equal(termEnd('2026-01-05', sixWeeks, { pauses: [{ from: '2026-01-12', until: '2026-01-13' }] }).dueOn, '2026-02-16');
});

test('the Atw result says which day the term was moved from', () => {
  assert.deepEqual(termEnd('2026-11-14', sixWeeks), { dueOn: '2026-12-28', movedFrom: '2026-12-26', suspendedDays: 0, pausedSince: null });
});

test('months end on the last day of a shorter month', () => {
  assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
  assert.equal(addMonths('2028-01-31', 1), '2028-02-29');
});

test('a legal date is the Dutch date: a contact at 00:30 Dutch time gets that Dutch date, winter and summer', () => {
  assert.equal(amsterdamDate('2026-11-29T23:30:00Z'), '2026-11-30');
  assert.equal(amsterdamDate('2026-07-01T22:30:00Z'), '2026-07-02');
  assert.equal(amsterdamDate('2026-07-01T21:59:00Z'), '2026-07-01');
  assert.equal(amsterdamDate(new Date('2026-03-29T00:30:00Z')), '2026-03-29');
});
