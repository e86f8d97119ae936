import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb } from '../../test/helpers.ts';
import { enqueue, JobRunner } from './jobs.ts';

test('with two app instances, each queued job runs exactly once', async (t) => {
  const db = await freshDb(t);
  const ran: number[] = [];
  const a = new JobRunner(db);
  const b = new JobRunner(db);
  for (const r of [a, b]) {
    r.register('letter.send', async (p) => {
      await new Promise((res) => setTimeout(res, 2));
      ran.push(p.n as number);
    });
  }
  for (let n = 0; n < 30; n++) await enqueue(db, 'letter.send', { n });
  const [ca, cb] = await Promise.all([a.runDue(), b.runDue()]);
  assert.equal(ca + cb, 30);
  assert.deepEqual([...ran].sort((x, y) => x - y), Array.from({ length: 30 }, (_, i) => i));
  const [left] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE status <> 'done'`);
  assert.equal(left!.n, 0);
});

test('a scheduled job is enqueued once per interval, however many instances tick', async (t) => {
  const db = await freshDb(t);
  let runs = 0;
  const runners = [new JobRunner(db), new JobRunner(db), new JobRunner(db)];
  for (const r of runners) r.schedule('deadline.reminders', 3600, async () => { runs++; });
  await Promise.all(runners.map((r) => r.tick()));
  await Promise.all(runners.map((r) => r.tick()));
  assert.equal(runs, 1);
});

test('a failing job is retried later with back-off and marked failed after its last attempt', async (t) => {
  const db = await freshDb(t);
  const r = new JobRunner(db);
  let tries = 0;
  r.register('webhook.deliver', async () => { tries++; throw new Error('receiver down'); });
  await enqueue(db, 'webhook.deliver', {}, { maxAttempts: 2 });
  await r.runDue();
  const [after1] = await db.query<{ status: string; wait: number; last_error: string }>(
    `SELECT status, extract(epoch FROM run_at - now())::int AS wait, last_error FROM jobs`);
  assert.equal(after1!.status, 'queued');
  assert.ok(after1!.wait >= 25, 'waits before the next attempt');
  assert.equal(after1!.last_error, 'receiver down');
  await db.query('UPDATE jobs SET run_at = now()');
  await r.runDue();
  const [after2] = await db.query<{ status: string }>('SELECT status FROM jobs');
  assert.equal(after2!.status, 'failed');
  assert.equal(tries, 2);
});

test('the same unique key enqueues one job', async (t) => {
  const db = await freshDb(t);
  await enqueue(db, 'referral.status_changed', { id: 1 }, { uniqueKey: 'r1:accepted' });
  await enqueue(db, 'referral.status_changed', { id: 1 }, { uniqueKey: 'r1:accepted' });
  const [c] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM jobs');
  assert.equal(c!.n, 1);
});
