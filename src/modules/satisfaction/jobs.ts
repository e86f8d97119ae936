import type { Db } from '../../platform/db.ts';
import type { JobRunner } from '../../platform/jobs.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';
import { deleteClosedInvitations, markReminders } from './store.ts';

export const SATISFACTION_JOB = 'satisfaction.invitations';
/** An invitation not answered after this many days gets one reminder. */
export const REMINDER_AFTER_DAYS = 14;

/** Once an hour: due reminders are marked for the next mailing, and the invitations of closed rounds are deleted. */
export async function runSatisfactionJob(db: Db, today: string): Promise<{ reminded: number; deleted: number }> {
  return { reminded: await markReminders(db, REMINDER_AFTER_DAYS, today), deleted: await deleteClosedInvitations(db, today) };
}

export function registerSatisfactionJobs(jobs: JobRunner, db: Db) {
  jobs.schedule(SATISFACTION_JOB, 3600, async () => { await runSatisfactionJob(db, amsterdamDate(new Date())); });
}
