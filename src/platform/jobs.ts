import { hostname } from 'node:os';
import type { Db, Queryable } from './db.ts';

export type JobHandler = (payload: Record<string, unknown>, job: { id: number; attempts: number }) => Promise<void>;

/** Queue a job; with uniqueKey a second enqueue of the same work is a no-op. */
export async function enqueue(q: Queryable, kind: string, payload: Record<string, unknown> = {}, opts: { runAt?: Date; uniqueKey?: string; maxAttempts?: number } = {}) {
  await q.query(
    `INSERT INTO jobs (kind, payload, run_at, unique_key, max_attempts) VALUES ($1, $2, coalesce($3, now()), $4, $5)
     ON CONFLICT (unique_key) DO NOTHING`,
    [kind, JSON.stringify(payload), opts.runAt ?? null, opts.uniqueKey ?? null, opts.maxAttempts ?? 5]);
}

/**
 * Postgres-backed job runner. Several app instances may run it at once: a job is claimed with
 * FOR UPDATE SKIP LOCKED and a lease (locked_until), so each job runs once; a crashed
 * instance's lease expires and another picks the job up. Schedules advance with one atomic
 * UPDATE, so a scheduled job is enqueued once per interval whatever the number of instances.
 */
export class JobRunner {
  readonly workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private handlers = new Map<string, JobHandler>();
  private schedules = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private db: Db;
  private leaseSeconds: number;
  constructor(db: Db, opts: { leaseSeconds?: number } = {}) {
    this.db = db;
    this.leaseSeconds = opts.leaseSeconds ?? 300;
  }

  register(kind: string, handler: JobHandler) {
    this.handlers.set(kind, handler);
  }

  /** Run job `kind` every intervalSeconds (the job kind doubles as the schedule name). */
  schedule(kind: string, intervalSeconds: number, handler: JobHandler) {
    this.register(kind, handler);
    this.schedules.set(kind, intervalSeconds);
  }

  async enqueueDueSchedules() {
    for (const [name, interval] of this.schedules) {
      await this.db.query(`INSERT INTO job_schedules (name, interval_seconds) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET interval_seconds = $2`, [name, interval]);
      await this.db.transaction(async (tx) => {
        const due = await tx.query<{ name: string }>(
          `UPDATE job_schedules SET next_run_at = now() + make_interval(secs => interval_seconds)
           WHERE name = $1 AND next_run_at <= now() RETURNING name`, [name]);
        if (due[0]) await enqueue(tx, name, {});
      });
    }
  }

  /** Claims and runs due jobs until none is left; returns how many ran. */
  async runDue(): Promise<number> {
    let ran = 0;
    for (;;) {
      const kinds = [...this.handlers.keys()];
      if (kinds.length === 0) return ran;
      const [job] = await this.db.query<{ id: number; kind: string; payload: Record<string, unknown>; attempts: number; max_attempts: number }>(
        `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $1, locked_until = now() + make_interval(secs => $2)
         WHERE id = (
           SELECT id FROM jobs WHERE kind = ANY($3::text[]) AND run_at <= now()
             AND (status = 'queued' OR (status = 'running' AND locked_until < now()))
           ORDER BY run_at, id FOR UPDATE SKIP LOCKED LIMIT 1)
         RETURNING id, kind, payload, attempts, max_attempts`, [this.workerId, this.leaseSeconds, kinds]);
      if (!job) return ran;
      ran++;
      try {
        await this.handlers.get(job.kind)!(job.payload, { id: job.id, attempts: job.attempts });
        await this.db.query(`UPDATE jobs SET status = 'done', finished_at = now(), locked_by = NULL, locked_until = NULL WHERE id = $1`, [job.id]);
      } catch (e) {
        const failed = job.attempts >= job.max_attempts;
        // Exponential back-off: 30 s, 1 min, 2 min, … between attempts.
        await this.db.query(
          `UPDATE jobs SET status = $2, last_error = $3, locked_by = NULL, locked_until = NULL,
             run_at = now() + make_interval(secs => $4), finished_at = CASE WHEN $2 = 'failed' THEN now() END WHERE id = $1`,
          [job.id, failed ? 'failed' : 'queued', String((e as Error).message ?? e).slice(0, 1000), 30 * 2 ** (job.attempts - 1)]);
      }
    }
  }

  async tick() {
    await this.enqueueDueSchedules();
    await this.runDue();
  }

  start(intervalMs = 5000) {
    const loop = () => {
      this.running = this.tick().catch(() => {}).finally(() => {
        this.running = null;
        if (this.timer) this.timer = setTimeout(loop, intervalMs);
      });
    };
    this.timer = setTimeout(loop, 100);
  }

  async stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}

/** Drops every job of a kind, e.g. status messages about seeded demo history. */
export async function discardQueuedJobs(tx: Queryable, kind: string): Promise<void> {
  await tx.query('DELETE FROM jobs WHERE kind = $1', [kind]);
}
