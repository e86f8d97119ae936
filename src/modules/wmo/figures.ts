import type { Queryable } from '../../platform/db.ts';
import { daysBetween, type IsoDate, normOn } from '../legal-terms/legal-terms.ts';
import { loadCalendar } from '../legal-terms/store.ts';
import type { ClockFact } from '../monitor/service-norms.ts';
import { clocksOf, stateOf, type WmoAction, type WmoClock } from './wmo-process.ts';

/** Norm code (legal_norms, migration 096): a running Wmo clock is 'at risk' this close to its due date. */
export const WMO_AT_RISK = 'wmo_at_risk';

/**
 * The onderzoek and beschikking clocks of every melding that may count in [from, to], folded from
 * the actions recorded up to `asOf` with the configured norms: counts only leave this module
 * (src/modules/monitor). A melding decided or withdrawn before `from` is skipped in SQL. Only Wmo
 * meldingen: these are the Wmo service norms; Jeugdwet meldingen have other terms.
 */
export async function wmoClockFacts(q: Queryable, from: IsoDate, to: IsoDate, asOf: IsoDate): Promise<{ assessment: ClockFact[]; decision: ClockFact[] }> {
  const rows = await q.query<{ id: string; clientId: string; teamId: string | null; notifiedOn: IsoDate }>(
    `SELECT n.id, n.client_id AS "clientId", coalesce(n.inbox_team_id, n.team_id) AS "teamId", n.notified_on::text AS "notifiedOn"
     FROM wmo_notifications n
     WHERE n.law = 'wmo' AND n.notified_on <= $2::date AND NOT EXISTS (
       SELECT 1 FROM wmo_actions a WHERE a.notification_id = n.id AND a.type IN ('decide', 'withdraw') AND a.on_date < $1::date)`, [from, to]);
  if (rows.length === 0) return { assessment: [], decision: [] };
  const actions = await q.query<WmoAction & { notificationId: string }>(
    `SELECT notification_id AS "notificationId", type, on_date::text AS "on", reason, until::text AS until, outcome, committee
     FROM wmo_actions WHERE notification_id = ANY($1::uuid[]) AND on_date <= $2::date ORDER BY id`, [rows.map((r) => r.id), asOf]);
  const byId = Map.groupBy(actions, (a) => a.notificationId);
  const calendar = await loadCalendar(q);
  const assessment: ClockFact[] = [];
  const decision: ClockFact[] = [];
  for (const r of rows) {
    if (!r.teamId) continue;
    const s = stateOf(r.notifiedOn, byId.get(r.id) ?? []);
    const clocks = clocksOf(s, calendar, asOf);
    const fact = (c: WmoClock, doneOn: IsoDate | null): ClockFact => {
      const atRisk = normOn(calendar.norms, WMO_AT_RISK, c.startedOn);
      const window = atRisk.unit === 'weeks' ? atRisk.amount * 7 : atRisk.amount;
      const open = c.stoppedOn !== null ? null
        : c.pausedSince ? 'paused'
        : c.dueOn !== null && daysBetween(asOf, c.dueOn) < 0 ? 'overdue'
        : c.dueOn !== null && daysBetween(asOf, c.dueOn) <= window ? 'at_risk' : 'on_time';
      return { caseId: r.id, teamId: r.teamId!, clientId: r.clientId, startedOn: c.startedOn, doneOn, withinNorm: doneOn !== null && !c.late, open };
    };
    for (const c of clocks) {
      // Stopped by a withdrawal: neither done nor open.
      if (c.kind === 'assessment') assessment.push(fact(c, s.reportOn ?? s.applicationOn));
      if (c.kind === 'decision') decision.push(fact(c, s.decision?.on ?? null));
    }
  }
  return { assessment, decision };
}
