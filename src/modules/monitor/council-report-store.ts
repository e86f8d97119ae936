import { userNames } from '../../platform/auth/users.ts';
import type { Db, Queryable } from '../../platform/db.ts';
import { enqueue, type JobRunner } from '../../platform/jobs.ts';
import { sofaSurfersIn } from '../clients/housing-situation.ts';
import { contactFigures } from '../intake/figures.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';
import { satisfactionFigures } from '../satisfaction/figures.ts';
import { councilReport, type CouncilReport, halfYearPeriod } from './council-report.ts';
import { shownCount } from './disclosure.ts';
import { serviceNormFigures } from './service-norm-figures.ts';

export const COUNCIL_REPORT_JOB = 'monitor.council_report';

export type ReportStatus = { id: string; period: string; status: 'queued' | 'running' | 'done' | 'failed'; progress: number;
  requestedBy: string; requestedAt: string; finishedAt: string | null; error: string | null };
const COLS = `r.id, r.period, r.status, r.progress, r.requested_by AS "requestedBy", r.requested_at AS "requestedAt", r.finished_at AS "finishedAt", r.error`;
/** Dates as ISO text and the requester's id as their name. */
async function shown<T extends ReportStatus>(q: Queryable, rows: T[]): Promise<T[]> {
  const names = await userNames(q, rows.map((r) => r.requestedBy));
  return rows.map((r) => ({ ...r, requestedBy: names.get(r.requestedBy) ?? '', requestedAt: new Date(r.requestedAt).toISOString(),
    finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null }));
}

/** Queues the report for a half year; the job makes it (the request returns at once). */
export async function requestReport(tx: Queryable, period: string, userId: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>('INSERT INTO council_reports (period, requested_by) VALUES ($1, $2) RETURNING id', [period, userId]);
  // One attempt: a failure is shown with its reason, and asking again is one click.
  await enqueue(tx, COUNCIL_REPORT_JOB, { reportId: row!.id }, { maxAttempts: 1 });
  return row!.id;
}

export async function listReports(q: Queryable): Promise<ReportStatus[]> {
  return shown(q, await q.query<ReportStatus>(`SELECT ${COLS} FROM council_reports r ORDER BY r.requested_at DESC LIMIT 20`));
}

export async function getReport(q: Queryable, id: string): Promise<(ReportStatus & { content: CouncilReport | null }) | null> {
  const [row] = await shown(q, await q.query<ReportStatus & { content: CouncilReport | null }>(
    `SELECT ${COLS}, r.content FROM council_reports r WHERE r.id = $1`, [id]));
  return row ?? null;
}

/** Makes a requested report step by step, writing its progress so the page can show it. */
export async function makeReport(db: Db, reportId: string, now = new Date()): Promise<void> {
  const [r] = await db.query<{ period: string; status: string }>('SELECT period, status FROM council_reports WHERE id = $1', [reportId]);
  if (!r || r.status === 'done') return;
  const step = (progress: number, status = 'running') => db.query('UPDATE council_reports SET status = $2, progress = $3 WHERE id = $1', [reportId, status, progress]);
  try {
    const { from, to } = halfYearPeriod(r.period)!;
    const today = amsterdamDate(now);
    const asOf = [to, today].sort()[0]!; // ISO dates: the earlier one
    await step(10);
    // Independent, each on its own pooled connection: the contacts beside the counted clocks.
    const [contacts, serviceNorms] = await Promise.all([contactFigures(db, from, to, 'council'), serviceNormFigures(db, from, to, asOf)]);
    await step(70);
    const satisfaction = await satisfactionFigures(db, from, to);
    const sofaSurfers = new Set((await sofaSurfersIn(db, from, to)).map((x) => x.clientId)).size;
    await step(90);
    const content = councilReport({ period: r.period, from, to, asOf, generatedAt: now.toISOString(), contacts, serviceNorms, satisfaction,
      targetGroups: { sofaSurfers: shownCount(sofaSurfers) } });
    await db.query(`UPDATE council_reports SET status = 'done', progress = 100, content = $2, finished_at = now() WHERE id = $1`, [reportId, JSON.stringify(content)]);
  } catch (e) {
    await db.query(`UPDATE council_reports SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [reportId, String((e as Error).message ?? e).slice(0, 500)]);
  }
}

export function registerMonitorJobs(jobs: JobRunner, db: Db) {
  jobs.register(COUNCIL_REPORT_JOB, (payload) => makeReport(db, String(payload.reportId)));
}
