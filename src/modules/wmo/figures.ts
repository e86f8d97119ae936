import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db.ts';
import { daysBetween, type IsoDate, type LegalCalendar, type Norm, normOn } from '../legal-terms/legal-terms.ts';
import { loadCalendar } from '../legal-terms/store.ts';
import { type ClockFact, countFactsSql, Indicator, type ServiceNormCounts } from '../monitor/service-norms.ts';
import { clocksOf, stateOf, type WmoAction, type WmoClock } from './wmo-process.ts';

/** Norm code (legal_norms, migration 096): a running Wmo clock is 'at risk' this close to its due date. */
export const WMO_AT_RISK = 'wmo_at_risk';

/** One clock as the figures need it: what the fold gave, independent of the as-of day (unless paused). */
type FoldedClock = { startedOn: IsoDate; dueOn: IsoDate | null; stoppedOn: IsoDate | null; doneOn: IsoDate | null; late: boolean; paused: boolean };
type Folded = { assessment: FoldedClock | null; decision: FoldedClock | null; lastOn: IsoDate; finishedOn: IsoDate | null };

/** Folds one melding's steps (those on or before `asOf`) into its onderzoek and beschikking clocks. */
function fold(notifiedOn: IsoDate, actions: readonly WmoAction[], calendar: LegalCalendar, asOf: IsoDate): Folded {
  const s = stateOf(notifiedOn, actions);
  const of = (c: WmoClock | undefined, doneOn: IsoDate | null): FoldedClock | null => c
    ? { startedOn: c.startedOn, dueOn: c.dueOn, stoppedOn: c.stoppedOn, doneOn, late: c.late, paused: c.stoppedOn === null && c.pausedSince !== null }
    : null;
  const clocks = clocksOf(s, calendar, asOf);
  return {
    assessment: of(clocks.find((c) => c.kind === 'assessment'), s.reportOn ?? s.applicationOn),
    decision: of(clocks.find((c) => c.kind === 'decision'), s.decision?.on ?? null),
    // ISO dates sort as text: the latest step's day; the first decision or withdrawal (a melding that may count in a period is one not finished before it).
    lastOn: [notifiedOn, ...actions.map((a) => a.on)].sort().at(-1)!,
    finishedOn: actions.filter((a) => a.type === 'decide' || a.type === 'withdraw').map((a) => a.on).sort()[0] ?? null,
  };
}

/** How many days before its due date a running clock is at risk (the norm wmo_at_risk valid on the clock's start). */
const atRiskWindow = (n: Norm) => (n.unit === 'weeks' ? n.amount * 7 : n.amount);

/** A clock's fact on `asOf`: done (within the norm or not), or open and how. Stopped by a withdrawal: neither. */
function factOf(c: FoldedClock, caseId: string, teamId: string, clientId: string, calendar: LegalCalendar, asOf: IsoDate): ClockFact {
  const window = atRiskWindow(normOn(calendar.norms, WMO_AT_RISK, c.startedOn));
  const open = c.stoppedOn !== null ? null
    : c.paused ? 'paused'
    : c.dueOn !== null && daysBetween(asOf, c.dueOn) < 0 ? 'overdue'
    : c.dueOn !== null && daysBetween(asOf, c.dueOn) <= window ? 'at_risk' : 'on_time';
  return { caseId, teamId, clientId, startedOn: c.startedOn, doneOn: c.doneOn, withinNorm: c.doneOn !== null && !c.late, open };
}

/** Changes whenever a norm or a holiday does: folded clocks kept under another key are folded again. */
const calendarKey = (calendar: LegalCalendar) => createHash('sha256').update(JSON.stringify(calendar)).digest('base64url');

/** The steps of these meldingen in the order recorded, those on or before `upTo` (null: all), per melding. */
async function stepsOf(q: Queryable, ids: readonly string[], upTo: IsoDate | null): Promise<Map<string, WmoAction[]>> {
  if (ids.length === 0) return new Map();
  const rows = await q.query<WmoAction & { notificationId: string }>(
    `SELECT notification_id AS "notificationId", type, on_date::text AS "on", reason, until::text AS until, outcome, committee
     FROM wmo_actions WHERE notification_id = ANY($1::uuid[]) AND ($2::date IS NULL OR on_date <= $2::date) ORDER BY id`, [[...ids], upTo]);
  return Map.groupBy(rows, (a) => a.notificationId);
}

/**
 * A kept row `f` may be read as on `asOf`: folded since the melding last changed (the database marks it stale on every change,
 * migration 340), with the same calendar (`key`), no step after `asOf`, not paused.
 */
const keptAs = (key: string, asOf: string) => `NOT f.stale AND f.calendar_key = ${key} AND f.last_on <= ${asOf}::date AND NOT f.paused`;
/**
 * The Wmo meldingen that may count in [$1, $2], from their rows `f` in wmo_clock_facts alone (every Wmo melding has one): made by
 * $2, with a team, and not decided or withdrawn before $1 as far as the row knows. A stale row does not know: whether such a
 * melding finished before $1 is read from its fold (`finishedBefore`).
 */
const CANDIDATE = `f.notified_on <= $2::date AND f.team_id IS NOT NULL AND (f.stale OR f.finished_on IS NULL OR f.finished_on >= $1::date)`;
/** Decided or withdrawn before `from`: counts in no period from `from` on. */
const finishedBefore = (f: Folded, from: IsoDate) => f.finishedOn !== null && f.finishedOn < from;

type Candidate = {
  id: string; clientId: string; teamId: string; notifiedOn: IsoDate; kept: boolean;
  aDue: IsoDate | null; aStopped: IsoDate | null; aDone: IsoDate | null; aLate: boolean | null;
  dStarted: IsoDate | null; dDue: IsoDate | null; dStopped: IsoDate | null; dDone: IsoDate | null; dLate: boolean | null;
};

/**
 * The onderzoek and beschikking clocks of every melding that may count in [from, to], as on
 * `asOf`: counts only leave this module (src/modules/monitor). The candidates come from the kept
 * rows (`CANDIDATES`); a row readable as kept for this calendar and as-of day is read as it is, the
 * rest are folded from their steps recorded up to `asOf`. Only Wmo meldingen: these are the Wmo
 * service norms; Jeugdwet meldingen have other terms.
 */
export async function wmoClockFacts(q: Queryable, from: IsoDate, to: IsoDate, asOf: IsoDate): Promise<{ assessment: ClockFact[]; decision: ClockFact[] }> {
  const calendar = await loadCalendar(q);
  const rows = await q.query<Candidate>(
    `SELECT f.notification_id AS id, f.client_id AS "clientId", f.team_id AS "teamId", f.notified_on::text AS "notifiedOn",
       coalesce(${keptAs('$3', '$4')}, false) AS kept,
       f.assessment_due_on::text AS "aDue", f.assessment_stopped_on::text AS "aStopped", f.assessment_done_on::text AS "aDone", f.assessment_late AS "aLate",
       f.decision_started_on::text AS "dStarted", f.decision_due_on::text AS "dDue", f.decision_stopped_on::text AS "dStopped",
       f.decision_done_on::text AS "dDone", f.decision_late AS "dLate"
     FROM wmo_clock_facts f WHERE ${CANDIDATE}`,
    [from, to, calendarKey(calendar), asOf]);
  const byId = await stepsOf(q, rows.filter((r) => !r.kept).map((r) => r.id), asOf);
  const assessment: ClockFact[] = [];
  const decision: ClockFact[] = [];
  for (const r of rows) {
    const f: Folded = r.kept
      ? { assessment: { startedOn: r.notifiedOn, dueOn: r.aDue, stoppedOn: r.aStopped, doneOn: r.aDone, late: r.aLate ?? false, paused: false },
          decision: r.dStarted ? { startedOn: r.dStarted, dueOn: r.dDue, stoppedOn: r.dStopped, doneOn: r.dDone, late: r.dLate ?? false, paused: false } : null,
          lastOn: asOf, finishedOn: null }
      : fold(r.notifiedOn, byId.get(r.id) ?? [], calendar, asOf);
    if (finishedBefore(f, from)) continue;
    if (f.assessment) assessment.push(factOf(f.assessment, r.id, r.teamId, r.clientId, calendar, asOf));
    if (f.decision) decision.push(factOf(f.decision, r.id, r.teamId, r.clientId, calendar, asOf));
  }
  return { assessment, decision };
}

/**
 * The service-norm counts of the two Wmo clocks per team for [from, to] as on `asOf`, counted in SQL
 * (the council report). A kept melding is a candidate by its kept first decision or withdrawal, and
 * its clocks become facts in SQL by the same comparisons as `factOf`; the few without a current kept
 * row are folded here and sent along. Only the counts come back. Gives what `serviceNormRows` gives
 * over `wmoClockFacts` (src/modules/monitor/service-norm-counts.test.ts holds the two together).
 */
export async function wmoServiceNormCounts(q: Queryable, from: IsoDate, to: IsoDate, asOf: IsoDate): Promise<ServiceNormCounts[]> {
  const calendar = await loadCalendar(q);
  const key = calendarKey(calendar);
  // Those without a current kept row: folded here from their steps up to `asOf`. Whether one was finished before
  // `from` is read from its fold (no second look at every melding's steps in SQL).
  const rest = await q.query<{ id: string; clientId: string; teamId: string; notifiedOn: IsoDate }>(
    `SELECT f.notification_id AS id, f.client_id AS "clientId", f.team_id AS "teamId", f.notified_on::text AS "notifiedOn"
     FROM wmo_clock_facts f WHERE ${CANDIDATE} AND NOT coalesce(${keptAs('$3', '$4')}, false)`, [from, to, key, asOf]);
  const byId = await stepsOf(q, rest.map((r) => r.id), asOf);
  const folded = rest.flatMap((r) => {
    const f = fold(r.notifiedOn, byId.get(r.id) ?? [], calendar, asOf);
    if (finishedBefore(f, from)) return [];
    return ([[Indicator.WmoAssessment, f.assessment], [Indicator.WmoDecision, f.decision]] as const)
      .flatMap(([indicator, c]) => (c ? [{ indicator, ...factOf(c, r.id, r.teamId, r.clientId, calendar, asOf) }] : []));
  });
  const col = <T>(pick: (x: (typeof folded)[number]) => T) => folded.map(pick);
  const params: unknown[] = [from, to, key, asOf, col((x) => x.indicator), col((x) => x.teamId), col((x) => x.clientId), col((x) => x.startedOn),
    col((x) => x.doneOn), col((x) => x.withinNorm), col((x) => x.open)];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  // The at-risk window of the norm valid on each clock's start (normOn), as one CASE over the few configured norms.
  const windows = calendar.norms.filter((n) => n.code === WMO_AT_RISK).map((n) =>
    `WHEN c.started_on >= ${p(n.validFrom)}::date${n.validTo ? ` AND c.started_on <= ${p(n.validTo)}::date` : ''} THEN ${p(atRiskWindow(n))}::int`);
  const window = windows.length ? `CASE ${windows.join(' ')} END` : 'NULL::int';
  // factOf in SQL: stopped → not open; overdue after the due day; at risk from the window before it.
  // One table, no join: the row carries the melding's team, client and day (migration 340).
  const keptFacts = `SELECT c.indicator, f.team_id, f.client_id, c.started_on, c.done_on,
      c.done_on IS NOT NULL AND NOT coalesce(c.late, false) AS within_norm,
      CASE WHEN c.stopped_on IS NOT NULL THEN NULL WHEN c.due_on < $4::date THEN 'overdue'
        WHEN c.due_on - ${window} <= $4::date THEN 'at_risk' ELSE 'on_time' END AS open
    FROM wmo_clock_facts f
    CROSS JOIN LATERAL (VALUES
      ('${Indicator.WmoAssessment}', f.notified_on, f.assessment_due_on, f.assessment_stopped_on, f.assessment_done_on, f.assessment_late),
      ('${Indicator.WmoDecision}', f.decision_started_on, f.decision_due_on, f.decision_stopped_on, f.decision_done_on, f.decision_late))
      AS c(indicator, started_on, due_on, stopped_on, done_on, late)
    WHERE ${CANDIDATE} AND ${keptAs('$3', '$4')} AND c.started_on IS NOT NULL`;
  const foldedFacts = `SELECT * FROM unnest($5::text[], $6::uuid[], $7::uuid[], $8::date[], $9::date[], $10::bool[], $11::text[])
    AS x(indicator, team_id, client_id, started_on, done_on, within_norm, open)`;
  return q.query<ServiceNormCounts>(countFactsSql(`${keptFacts} UNION ALL ${foldedFacts}`, '$1::date', '$2::date'), params);
}

/**
 * Folds and keeps the clocks of Wmo meldingen whose kept row is stale (the database marks it so when
 * the melding is made or changed, migration 340) or was folded under another calendar (a changed norm
 * or holiday), `batch` at a time, as on `today`. Safe beside other instances and new steps: the
 * version is read before the steps, and a row is written only if it still has that version; rows
 * another transaction holds are skipped (never waited for) and stay stale for the next run.
 * Returns how many meldingen it folded and kept.
 */
export async function keepWmoClockFacts(db: Db, today: IsoDate, batch = 5000): Promise<number> {
  const calendar = await loadCalendar(db);
  const key = calendarKey(calendar);
  let total = 0;
  for (;;) {
    const rows = await db.query<{ id: string; version: number; notifiedOn: IsoDate }>(
      `SELECT notification_id AS id, version, notified_on::text AS "notifiedOn" FROM wmo_clock_facts
       WHERE stale OR calendar_key IS DISTINCT FROM $1 LIMIT $2`, [key, batch]);
    if (rows.length === 0) return total;
    const byId = await stepsOf(db, rows.map((r) => r.id), null);
    const folded = rows.map((r) => ({ r, f: fold(r.notifiedOn, byId.get(r.id) ?? [], calendar, today) }));
    const col = <T>(pick: (x: (typeof folded)[number]) => T) => folded.map(pick);
    const kept = await db.query<{ id: string }>(
      `WITH x AS (SELECT * FROM unnest($1::uuid[], $2::int[], $4::date[], $5::bool[], $6::date[], $7::date[], $8::date[], $9::bool[], $10::date[],
               $11::date[], $12::date[], $13::date[], $14::bool[], $15::date[])
             AS x(id, version, last_on, paused, a_due, a_stopped, a_done, a_late, d_started, d_due, d_stopped, d_done, d_late, finished_on)),
         mine AS (SELECT f.notification_id FROM wmo_clock_facts f JOIN x ON x.id = f.notification_id AND x.version = f.version FOR UPDATE OF f SKIP LOCKED)
       UPDATE wmo_clock_facts f SET stale = false, calendar_key = $3, last_on = x.last_on, paused = x.paused, assessment_due_on = x.a_due,
         assessment_stopped_on = x.a_stopped, assessment_done_on = x.a_done, assessment_late = x.a_late, decision_started_on = x.d_started,
         decision_due_on = x.d_due, decision_stopped_on = x.d_stopped, decision_done_on = x.d_done, decision_late = x.d_late, finished_on = x.finished_on
       FROM x JOIN mine ON mine.notification_id = x.id WHERE f.notification_id = x.id RETURNING f.notification_id AS id`,
      [col((x) => x.r.id), col((x) => x.r.version), key, col((x) => x.f.lastOn),
        col((x) => (x.f.assessment?.paused ?? false) || (x.f.decision?.paused ?? false)),
        col((x) => x.f.assessment?.dueOn ?? null), col((x) => x.f.assessment?.stoppedOn ?? null), col((x) => x.f.assessment?.doneOn ?? null),
        col((x) => x.f.assessment?.late ?? null), col((x) => x.f.decision?.startedOn ?? null), col((x) => x.f.decision?.dueOn ?? null),
        col((x) => x.f.decision?.stoppedOn ?? null), col((x) => x.f.decision?.doneOn ?? null), col((x) => x.f.decision?.late ?? null),
        col((x) => x.f.finishedOn)]);
    total += kept.length;
    // Nothing of this batch could be written (all changed or held meanwhile): the next run takes them up.
    if (kept.length === 0) return total;
  }
}
