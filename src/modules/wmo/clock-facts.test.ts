import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build, ENGINE } from '../../../test/helpers.ts';
import type { ClockFact } from '../monitor/service-norms.ts';
import { keepWmoClockFacts, wmoClockFacts } from './figures.ts';

/** Arranged directly in the tables (tests may): one client and melding with these steps. */
async function melding(app: FastifyInstance, notifiedOn: string, steps: [type: string, on: string, until?: string][] = []): Promise<string> {
  const [t] = await app.db.query<{ id: string }>(`SELECT id FROM teams WHERE name = 'Wijkteam Oude Noorden'`);
  const [c] = await app.db.query<{ id: string }>(`INSERT INTO clients (surname) VALUES ('Klok') RETURNING id`);
  const [m] = await app.db.query<{ id: string }>(
    `INSERT INTO wmo_notifications (client_id, notified_on, channel, team_id, inbox_team_id) VALUES ($1, $2, 'phone', $3, $3) RETURNING id`, [c!.id, notifiedOn, t!.id]);
  for (const [type, on, until] of [['startAssessment', notifiedOn] as [string, string], ...steps]) {
    await app.db.query(`INSERT INTO wmo_actions (notification_id, type, on_date, outcome, until, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
      [m!.id, type, on, type === 'decide' ? 'granted' : null, until ?? null, type === 'pauseClock' || type === 'extendDecisionTerm' ? 'test' : null]);
  }
  return m!.id;
}

const sorted = (f: { assessment: ClockFact[]; decision: ClockFact[] }) => {
  const key = (x: ClockFact) => JSON.stringify(x);
  return { assessment: f.assessment.map(key).sort(), decision: f.decision.map(key).sort() };
};

test('kept Wmo clocks give the same service-norm facts as folding every step, for a past and a current as-of day; a new step or a paused clock is folded again', async (t) => {
  const app = await build(t);
  await melding(app, '2021-01-20', [['recordReport', '2021-03-02']]);
  await melding(app, '2021-01-20', [['recordReport', '2021-03-12'], ['receiveApplication', '2021-03-12'], ['decide', '2021-03-20']]);
  // Decided only after the March as-of day: for March it must be folded from the steps up to 31 March.
  await melding(app, '2021-02-01', [['recordReport', '2021-03-10'], ['receiveApplication', '2021-03-10'], ['extendDecisionTerm', '2021-03-20', '2021-04-09'], ['decide', '2021-04-08']]);
  const open = await melding(app, '2021-02-20');
  await melding(app, '2021-02-10', [['withdraw', '2021-03-01']]);
  const paused = await melding(app, '2021-02-15', [['pauseClock', '2021-03-01']]);

  const periods = [['2021-03-01', '2021-03-31', '2021-03-31'], ['2021-04-01', '2021-06-30', '2021-06-30']] as const;
  const folded = await Promise.all(periods.map(([from, to, asOf]) => wmoClockFacts(app.db, from, to, asOf)));
  assert.ok(folded[0]!.assessment.length >= 5 && folded[0]!.decision.length >= 2);

  // Every Wmo melding (the demo data holds one too), in batches of two.
  const [{ n }] = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM wmo_notifications WHERE law = 'wmo'`) as [{ n: number }];
  assert.ok(n >= 6);
  assert.equal(await keepWmoClockFacts(app.db, '2021-07-01', 2), n);
  assert.equal(await keepWmoClockFacts(app.db, '2021-07-01'), 0, 'nothing changed since');
  const [p] = await app.db.query<{ paused: boolean }>('SELECT paused FROM wmo_clock_facts WHERE notification_id = $1', [paused]);
  assert.equal(p!.paused, true);
  for (const [i, [from, to, asOf]] of periods.entries()) {
    assert.deepEqual(sorted(await wmoClockFacts(app.db, from, to, asOf)), sorted(folded[i]!), `${from}–${to}`);
  }

  // The figures read what was kept: a kept due date moved back makes the open (at risk) melding overdue on 31 March...
  const march = () => wmoClockFacts(app.db, '2021-03-01', '2021-03-31', '2021-03-31');
  const overdue = (f: { assessment: ClockFact[] }) => f.assessment.filter((x) => x.open === 'overdue').length;
  await app.db.query(`UPDATE wmo_clock_facts SET assessment_due_on = '2021-03-15' WHERE notification_id = $1`, [open]);
  assert.equal(overdue(await march()), overdue(folded[0]!) + 1);
  // ...until the melding gets a step (the store bumps its version with every step): then it is folded again.
  await app.db.query(`INSERT INTO wmo_actions (notification_id, type, on_date) VALUES ($1, 'recordReport', '2021-03-25')`, [open]);
  await app.db.query('UPDATE wmo_notifications SET version = version + 1 WHERE id = $1', [open]);
  const after = await march();
  assert.equal(overdue(after), overdue(folded[0]!));
  assert.equal(after.assessment.filter((x) => x.doneOn === '2021-03-25' && x.withinNorm).length, 1, 'reported within the norm');
  assert.equal(await keepWmoClockFacts(app.db, '2021-07-01'), 1);
  assert.deepEqual(sorted(await march()), sorted(after));

  // A changed norm changes the calendar key: every melding is folded again.
  await app.db.query(`UPDATE legal_norms SET amount = 7 WHERE code = 'wmo_decision'`);
  assert.equal(await keepWmoClockFacts(app.db, '2021-07-01'), n);
});

test('a melding changed while the job folds is folded again on its next run, and a melding held by another transaction does not make the job wait', async (t) => {
  const app = await build(t);
  const busy = await melding(app, '2021-02-01', [['recordReport', '2021-03-01']]);
  const other = await melding(app, '2021-02-02');
  const stale = async (id: string) =>
    (await app.db.query<{ stale: boolean }>('SELECT stale FROM wmo_clock_facts WHERE notification_id = $1', [id]))[0]!.stale;
  assert.equal(await stale(other), true, 'a new melding waits for the job');
  if (ENGINE === 'postgres') {
    // A step being recorded for `busy` (its transaction still open): the job folds the rest and leaves `busy` to the next run.
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => { locked = r; });
    const step = app.db.transaction(async (tx) => {
      await tx.query('UPDATE wmo_notifications SET version = version + 1 WHERE id = $1', [busy]);
      locked();
      await held;
    });
    await isLocked;
    await keepWmoClockFacts(app.db, '2021-07-01');
    assert.equal(await stale(other), false);
    release();
    await step;
    assert.equal(await stale(busy), true, 'changed meanwhile: still to be folded');
  } else {
    // One connection (PGlite): the same order of events without the overlap.
    await keepWmoClockFacts(app.db, '2021-07-01');
    await app.db.query('UPDATE wmo_notifications SET version = version + 1 WHERE id = $1', [busy]);
    assert.equal(await stale(busy), true, 'changed since: to be folded again');
  }
  assert.ok(await keepWmoClockFacts(app.db, '2021-07-01') >= 1);
  assert.equal(await stale(busy), false);
  assert.equal(await keepWmoClockFacts(app.db, '2021-07-01'), 0, 'nothing left');
});
