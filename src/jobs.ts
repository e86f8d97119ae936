import type { FastifyInstance } from 'fastify';
import type { JobRunner } from './platform/jobs.ts';
import { registerFhirJobs } from './modules/fhir/subscriptions.ts';
import { policyFor } from './modules/fhir/webhook.ts';
import { REINDICATION_JOB, sendReindicationReminders } from './modules/indications/reindication.ts';
import { amsterdamDate } from './modules/legal-terms/legal-terms.ts';
import { registerMonitorJobs } from './modules/monitor/council-report-store.ts';
import { purgeCitizenSessions } from './modules/portal/citizen-auth.ts';
import { registerSafetyJobs } from './modules/safety/jobs.ts';
import { registerSatisfactionJobs } from './modules/satisfaction/jobs.ts';
import { IWMO_INBOX_JOB, readConfiguredInbox } from './modules/iwmo/inbox-job.ts';
import { keepWmoClockFacts } from './modules/wmo/figures.ts';
import { refreshClockKeys } from './modules/casework/clock-keys.ts';

/** Every background job of Wegwijs, in one list. */
export function registerJobs(jobs: JobRunner, app: FastifyInstance) {
  app.decorate('jobs', jobs);
  /** Housekeeping: expired sessions and abandoned OIDC logins are removed. */
  jobs.schedule('sessions.purge', 600, async () => {
    await app.db.query(`DELETE FROM sessions WHERE expires_at < now() OR last_seen_at < now() - make_interval(mins => $1)`, [app.config.sessionIdleMinutes]);
    await app.db.query(`DELETE FROM oidc_logins WHERE created_at < now() - interval '15 minutes'`);
  });
  /** Citizen sessions (BSN, name) are deleted once expired. */
  jobs.schedule('citizen_sessions.purge', 300, () => purgeCitizenSessions(app.db));
  /** Terugkoppeling to GP practice systems: referral.status_changed → FHIR Subscription notifications. */
  registerFhirJobs(jobs, app.db, policyFor(app.config));
  /** Herindicatie: reminders to the Wmo adviser before an indication ends (once per indication). */
  jobs.schedule(REINDICATION_JOB, 3600, async () => { await sendReindicationReminders(app.db, amsterdamDate(new Date())); });
  /** Figures: the folded clocks of Wmo meldingen changed since the last run are kept, so reports fold only what changed (docs/monitor.md). */
  jobs.schedule('wmo.clock_facts', 300, async () => { await keepWmoClockFacts(app.db, amsterdamDate(new Date())); });
  /** Caseloads: trajectories' clock keys left stale (by migration 280, a norm change or rows written by hand), 5,000 a minute, in the background: not before the app serves, which at Rotterdam scale outlasts the start-up timeout. */
  jobs.schedule('casework.clock_keys', 60, async () => { await refreshClockKeys(app.db, 5000); });
  /** The half-year council report, asked for on the Raadsmonitor page. */
  registerMonitorJobs(jobs, app.db);
  /** Safety signals queued by earlier versions open their sealed record (src/modules/safety). */
  registerSafetyJobs(jobs, app.db);
  /** Client-experience survey: reminders marked for the mailing, invitations of closed rounds deleted. */
  registerSatisfactionJobs(jobs, app.db);
  /** iWmo / iJw: messages from providers in the inbox (directory or hub, as configured) are read, applied or queued as errors, and answered. */
  jobs.schedule(IWMO_INBOX_JOB, 60, async () => { await readConfiguredInbox(app.db, app.config, amsterdamDate(new Date())); });
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobRunner;
  }
}
