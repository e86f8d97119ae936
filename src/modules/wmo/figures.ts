import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db.ts';
import { daysBetween, type IsoDate, type LegalCalendar, normOn } from '../legal-terms/legal-terms.ts';
import { loadCalendar } from '../legal-terms/store.ts';
import type { ClockFact } from '../monitor/service-norms.ts';
import { clocksOf, stateOf, type WmoAction, type WmoClock } from './wmo-process.ts';

/** Norm code (legal_norms, migration 096): a running Wmo clock is 'at risk' this close to its due date. */
export const WMO_AT_RISK = 'wmo_at_risk';

/** One clock as the figures need it: what the fold gave, independent of the as-of day (unless paused). */
type FoldedClock = { startedOn: IsoDate; dueOn: IsoDate | null; stoppedOn: IsoDate | null; doneOn: IsoDate | null; late: boolean; paused: boolean };
type Folded = { assessment: FoldedClock | null; decision: FoldedClock | null; lastOn: IsoDate };

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
    // ISO dates sort as text: the latest step's day.
    lastOn: [notifiedOn, ...actions.map((a) => a.on)].sort().at(-1)!,
  };
}

/** A clock's fact on `asOf`: done (within the norm or not), or open and how. Stopped by a withdrawal: neither. */
function factOf(c: FoldedClock, caseId: string, teamId: string, clientId: string, calendar: LegalCalendar, asOf: IsoDate): ClockFact {
  const atRisk = normOn(calendar.norms, WMO_AT_RISK, c.startedOn);
  const window = atRisk.unit === 'weeks' ? atRisk.amount * 7 : atRisk.amount;
  const open = c.stoppedOn !== null ? null
    : c.paused ? 'paused'
    : c.dueOn !== null && daysBetween(asOf, c.dueOn) < 0 ? 'overdue'
    : c.dueOn !== null && daysBetween(asOf, c.dueOn) <= window ? 'at_risk' : 'on_time';
  return { caseId, teamId, clientId, startedOn: c.startedOn, doneOn: c.doneOn, withinNorm: c.doneOn !== null && !c.late, open };
}

/** Changes whenever a norm or a holiday does: folded clocks kept under another key are folded again. */
const calendarKey = (calendar: LegalCalendar) => createHash('sha256').update(JSON.stringify(calendar)).digest('base64url');

const ACTIONS = `SELECT notification_id AS "notificationId", type, on_date::text AS "on", reason, until::text AS until, outcome, committee
  FROM wmo_actions WHERE notification_id = ANY($1::uuid[])`;

type Candidate = {
  id: string; clientId: string; teamId: string | null; notifiedOn: IsoDate; kept: boolean;
  aDue: IsoDate | null; aStopped: IsoDate | null; aDone: IsoDate | null; aLate: boolean | null;
  dStarted: IsoDate | null; dDue: IsoDate | null; dStopped: IsoDate | null; dDone: IsoDate | null; dLate: boolean | null;
};

/**
 * The onderzoek and beschikking clocks of every melding that may count in [from, to], as on
 * `asOf`: counts only leave this module (src/modules/monitor). A melding decided or withdrawn
 * before `from` is skipped in SQL. Meldingen whose folded clocks are kept (wmo_clock_facts, current
 * for this version, calendar and as-of day) are read as kept; the rest are folded from their steps
 * recorded up to `asOf`. Only Wmo meldingen: these are the Wmo service norms; Jeugdwet meldingen
 * have other terms.
 */
export async function wmoClockFacts(q: Queryable, from: IsoDate, to: IsoDate, asOf: IsoDate): Promise<{ assessment: ClockFact[]; decision: ClockFact[] }> {
  const calendar = await loadCalendar(q);
  const rows = await q.query<Candidate>(
    `SELECT n.id, n.client_id AS "clientId", coalesce(n.inbox_team_id, n.team_id) AS "teamId", n.notified_on::text AS "notifiedOn",
       f.notification_id IS NOT NULL AS kept,
       f.assessment_due_on::text AS "aDue", f.assessment_stopped_on::text AS "aStopped", f.assessment_done_on::text AS "aDone", f.assessment_late AS "aLate",
       f.decision_started_on::text AS "dStarted", f.decision_due_on::text AS "dDue", f.decision_stopped_on::text AS "dStopped",
       f.decision_done_on::text AS "dDone", f.decision_late AS "dLate"
     FROM wmo_notifications n
     LEFT JOIN wmo_clock_facts f ON f.notification_id = n.id AND f.version = n.version AND f.calendar_key = $3 AND f.last_on <= $4::date AND NOT f.paused
     WHERE n.law = 'wmo' AND n.notified_on <= $2::date AND NOT EXISTS (
       SELECT 1 FROM wmo_actions a WHERE a.notification_id = n.id AND a.type IN ('decide', 'withdraw') AND a.on_date < $1::date)`,
    [from, to, calendarKey(calendar), asOf]);
  const toFold = rows.filter((r) => !r.kept && r.teamId);
  const actions = toFold.length === 0 ? []
    : await q.query<WmoAction & { notificationId: string }>(`${ACTIONS} AND on_date <= $2::date ORDER BY id`, [toFold.map((r) => r.id), asOf]);
  const byId = Map.groupBy(actions, (a) => a.notificationId);
  const assessment: ClockFact[] = [];
  const decision: ClockFact[] = [];
  for (const r of rows) {
    if (!r.teamId) continue;
    const f: Folded = r.kept
      ? { assessment: { startedOn: r.notifiedOn, dueOn: r.aDue, stoppedOn: r.aStopped, doneOn: r.aDone, late: r.aLate ?? false, paused: false },
          decision: r.dStarted ? { startedOn: r.dStarted, dueOn: r.dDue, stoppedOn: r.dStopped, doneOn: r.dDone, late: r.dLate ?? false, paused: false } : null,
          lastOn: asOf }
      : fold(r.notifiedOn, byId.get(r.id) ?? [], calendar, asOf);
    if (f.assessment) assessment.push(factOf(f.assessment, r.id, r.teamId, r.clientId, calendar, asOf));
    if (f.decision) decision.push(factOf(f.decision, r.id, r.teamId, r.clientId, calendar, asOf));
  }
  return { assessment, decision };
}

/**
 * Folds and keeps the clocks of Wmo meldingen that have no current kept row (new steps bump the
 * melding's version; a changed norm or holiday changes the calendar key), `batch` at a time, as
 * on `today`. Safe beside other instances and new steps: the version is read before the steps, so a
 * step that lands in between leaves a row under the old version, which no reader uses.
 * Returns how many meldingen it folded.
 */
export async function keepWmoClockFacts(db: Db, today: IsoDate, batch = 5000): Promise<number> {
  const calendar = await loadCalendar(db);
  const key = calendarKey(calendar);
  let total = 0;
  for (;;) {
    const rows = await db.query<{ id: string; version: number; notifiedOn: IsoDate }>(
      `SELECT n.id, n.version, n.notified_on::text AS "notifiedOn" FROM wmo_notifications n
       WHERE n.law = 'wmo' AND NOT EXISTS (SELECT 1 FROM wmo_clock_facts f WHERE f.notification_id = n.id AND f.version = n.version AND f.calendar_key = $1)
       LIMIT $2`, [key, batch]);
    if (rows.length === 0) return total;
    const actions = await db.query<WmoAction & { notificationId: string }>(`${ACTIONS} ORDER BY id`, [rows.map((r) => r.id)]);
    const byId = Map.groupBy(actions, (a) => a.notificationId);
    const folded = rows.map((r) => ({ r, f: fold(r.notifiedOn, byId.get(r.id) ?? [], calendar, today) }));
    const col = <T>(pick: (x: (typeof folded)[number]) => T) => folded.map(pick);
    await db.query(
      `INSERT INTO wmo_clock_facts (notification_id, version, calendar_key, last_on, paused, assessment_due_on, assessment_stopped_on, assessment_done_on,
         assessment_late, decision_started_on, decision_due_on, decision_stopped_on, decision_done_on, decision_late)
       SELECT x.id, x.version, $3, x.last_on, x.paused, x.a_due, x.a_stopped, x.a_done, x.a_late, x.d_started, x.d_due, x.d_stopped, x.d_done, x.d_late
       FROM unnest($1::uuid[], $2::int[], $4::date[], $5::bool[], $6::date[], $7::date[], $8::date[], $9::bool[], $10::date[], $11::date[], $12::date[], $13::date[], $14::bool[])
         AS x(id, version, last_on, paused, a_due, a_stopped, a_done, a_late, d_started, d_due, d_stopped, d_done, d_late)
       ON CONFLICT (notification_id) DO UPDATE SET version = excluded.version, calendar_key = excluded.calendar_key, last_on = excluded.last_on,
         paused = excluded.paused, assessment_due_on = excluded.assessment_due_on, assessment_stopped_on = excluded.assessment_stopped_on,
         assessment_done_on = excluded.assessment_done_on, assessment_late = excluded.assessment_late, decision_started_on = excluded.decision_started_on,
         decision_due_on = excluded.decision_due_on, decision_stopped_on = excluded.decision_stopped_on, decision_done_on = excluded.decision_done_on,
         decision_late = excluded.decision_late`,
      [col((x) => x.r.id), col((x) => x.r.version), key, col((x) => x.f.lastOn),
        col((x) => (x.f.assessment?.paused ?? false) || (x.f.decision?.paused ?? false)),
        col((x) => x.f.assessment?.dueOn ?? null), col((x) => x.f.assessment?.stoppedOn ?? null), col((x) => x.f.assessment?.doneOn ?? null),
        col((x) => x.f.assessment?.late ?? null), col((x) => x.f.decision?.startedOn ?? null), col((x) => x.f.decision?.dueOn ?? null),
        col((x) => x.f.decision?.stoppedOn ?? null), col((x) => x.f.decision?.doneOn ?? null), col((x) => x.f.decision?.late ?? null)]);
    total += rows.length;
  }
}
