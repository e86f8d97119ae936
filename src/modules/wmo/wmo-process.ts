/**
 * The Wmo 2015 process, as far as the front door needs it: the melding and its clock.
 * Pure functions (no I/O); the full process (onderzoek, aanvraag, beschikking) is a later module.
 */

/** Wmo 2015 art. 2.3.2 lid 1: the onderzoek is finished "uiterlijk binnen zes weken" after the melding. */
export const ASSESSMENT_PERIOD_DAYS = 42;

const addDays = (isoDate: string, days: number) => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Wmo 2015 art. 2.3.2 lid 1: deadline of the onderzoek = date of the melding + 42 days (calendar days). */
export function assessmentDeadline(notifiedOn: string): string {
  return addDays(notifiedOn, ASSESSMENT_PERIOD_DAYS);
}

/** Days left until the deadline on `today` (negative: overdue). */
export function assessmentDaysLeft(notifiedOn: string, today: string): number {
  return Math.round((Date.parse(assessmentDeadline(notifiedOn)) - Date.parse(today)) / 864e5);
}
