/**
 * The service promise on a citizen's receipt: the desk contacts them within this many working
 * days (Monday–Friday, in Dutch time). Public holidays are not counted out yet; a promise that
 * falls a day early is the safe side. Pure: the UI may show the same rule.
 */
export const CONTACT_WITHIN_WORKING_DAYS = 3;

/** The last day (YYYY-MM-DD, Europe/Amsterdam) by which the citizen hears from the desk. */
export function contactBy(receivedAt: Date, workingDays = CONTACT_WITHIN_WORKING_DAYS): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(receivedAt);
  const d = new Date(`${today}T12:00:00Z`);
  for (let left = workingDays; left > 0;) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}
