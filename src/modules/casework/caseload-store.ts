import { addRelation } from '../../platform/access/relations.ts';
import { permissions } from '../../platform/access/permissions.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { teamMembersWithRoles, userNames } from '../../platform/auth/users.ts';
import { AppError, badRequest, conflict, forbidden } from '../../platform/errors.ts';
import type { Store } from '../../platform/store.ts';
import { versionConflict } from '../../platform/versioning.ts';
import { clientSummaries } from '../clients/store.ts';
import { daysBetween } from '../legal-terms/legal-terms.ts';
import { listNorms } from '../legal-terms/store.ts';
import { followTrajectoryReassignment } from '../referrals/referral-store.ts';
import { waitingReferrals } from '../referrals/waiting-referrals.ts';
import { refreshClockKeys } from './clock-keys.ts';
import type { Caseload, CaseloadOverview, CaseloadQuery, WaitingItem } from './schemas.ts';
import { allowedNext, isAllowed } from './trajectory-process.ts';
import { append, loadView, notFoundError, type Row, SELECT, today, toItems } from './trajectory-store.ts';

/**
 * Caseloads (issue 16): my cases, my team's cases and the team lead's overview, filtered, counted
 * and paged in SQL over the keys stored beside each trajectory (migration 280, `caseloadKeysOf`):
 * only the page's rows are folded in JS for their clocks.
 */

/** Raw-SQL writes and the migration leave keys stale; a list computes at most this many first (the start-up backfill does the rest). */
const REFRESH_PER_REQUEST = 2000;
const WAITING_LIST_SIZE = 50;

/**
 * A running clock's state over the stored keys, for the day `$d`: the same comparisons as
 * `runningState` in trajectory-process.ts (overdue after the due day, at risk from at_risk_on), written
 * against the urgency index's expression so a filter is a range scan. No clock running: no state.
 */
const DUE = `coalesce(t.due_on, 'infinity'::date)`;
const stateSql = {
  overdue: (d: string) => `${DUE} < ${d}`,
  at_risk: (d: string) => `${DUE} >= ${d} AND t.at_risk_on <= ${d}`,
  on_time: (d: string) => `${DUE} >= ${d} AND t.at_risk_on > ${d}`,
} as const;
const focusSql = {
  plan_overdue: (d: () => string) => `t.plan_due_on < ${d()}`,
  over_max_duration: (d: () => string) => `t.max_duration_on < ${d()}`,
  waiting: (_d: () => string) => `t.status IN ('intake', 'plan_agreed')`,
} as const;

/** Keyset paging: the page continues after the last row's sort key (opaque to the client). */
const orders = {
  urgency: { key: [DUE, 't.received_on', 't.id'], types: ['date', 'date', 'uuid'], desc: false },
  oldest: { key: ['t.received_on', 't.id'], types: ['date', 'uuid'], desc: false },
  newest: { key: ['t.received_on', 't.id'], types: ['date', 'uuid'], desc: true },
} as const;
type SortRow = Row & { due_key: string };

const badCursor = () => badRequest('Ongeldige cursor; begin opnieuw bij de eerste pagina / Invalid cursor; start again at the first page', 'cursor', 'invalid_cursor');
function decodeCursor(cursor: string, sort: CaseloadQuery['sort']): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const o = orders[sort];
  const ok = Array.isArray(parsed) && parsed[0] === sort && parsed.length === o.key.length + 1 && parsed.slice(1).every((v, i) =>
    typeof v === 'string' && (o.types[i] === 'uuid' ? /^[0-9a-f-]{36}$/i.test(v) : /^(\d{4}-\d{2}-\d{2}|infinity)$/.test(v)));
  if (!ok) throw badCursor();
  return (parsed as string[]).slice(1);
}
function encodeCursor(sort: CaseloadQuery['sort'], r: SortRow): string {
  const values = sort === 'urgency' ? [r.due_key, r.received_on, r.id] : [r.received_on, r.id];
  return Buffer.from(JSON.stringify([sort, ...values])).toString('base64url');
}

type Scope = { userId: string } | { teamId: string; professionalUserId?: string };

/** Caseload reads and the reassign command through the request's Store (need-to-know, audit). */
export function caseloadStore(store: Store) {
  const actor = store.ctx.actor;
  const activity = ProcessingActivity.BasicSupport;
  const requireTeam = (teamId: string) => {
    if (!actor.teamIds.includes(teamId)) throw forbidden('Alleen het eigen team / Only the own team', 'not_team_member');
  };

  return {
    /** One page of open trajectories (mine, or a team's), with the counts per clock state of the whole list. */
    list: (scope: Scope, q: CaseloadQuery) => {
      if ('teamId' in scope) requireTeam(scope.teamId);
      const cursor = q.cursor ? decodeCursor(q.cursor, q.sort) : null;
      return store.readClients({ action: 'trajectory.caseload', activity, details: { ...scope, state: q.state, focus: q.focus, sort: q.sort, page: cursor ? 'next' : 'first' } },
        async (db, visible) => {
          const day = today();
          // One round trip for the counts (the whole list, without the state filter and the cursor: they
          // label the filter) and the page; the counts also tell whether any row's keys are stale.
          const params: unknown[] = [];
          const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
          const d = `${p(day)}::date`;
          const counted = [`t.status <> 'closed'`, ...scopeSql(scope, p), visible('t.client_id', p)];
          if (q.focus) counted.push(focusSql[q.focus](() => d));
          const listed = [...counted];
          if (q.state) listed.push(stateSql[q.state](d));
          const o = orders[q.sort];
          if (cursor) listed.push(`(${o.key.join(', ')}) ${o.desc ? '<' : '>'} (${cursor.map((v, i) => `${p(v)}::${o.types[i]}`).join(', ')})`);
          const sql = `WITH counts AS (
              SELECT count(*)::int AS open, count(*) FILTER (WHERE ${stateSql.on_time(d)})::int AS "onTime",
                count(*) FILTER (WHERE ${stateSql.at_risk(d)})::int AS "atRisk", count(*) FILTER (WHERE ${stateSql.overdue(d)})::int AS overdue,
                count(*) FILTER (WHERE t.clock_keys_stale)::int AS stale
              FROM trajectories t WHERE ${counted.join(' AND ')})
            SELECT counts.*, page.* FROM counts LEFT JOIN LATERAL (
              ${SELECT.replace('SELECT id,', 'SELECT t.id,').replace('FROM trajectories', `, ${DUE}::text AS due_key FROM trajectories t`)}
              WHERE ${listed.join(' AND ')} ORDER BY ${o.key.map((k) => `${k}${o.desc ? ' DESC' : ''}`).join(', ')} LIMIT ${p(q.limit + 1)}) page ON true`;
          type Out = SortRow & Caseload['counts'] & { stale: number };
          // The norms come beside the page (another pooled connection): one round trip less to wait for.
          const [first, norms] = await Promise.all([db.query<Out>(sql, params), listNorms(db)]);
          let out = first;
          // Rows written straight into the table (or left by migration 280) get their keys first.
          if (out[0]!.stale > 0 && await refreshClockKeys(db, REFRESH_PER_REQUEST) > 0) out = await db.query<Out>(sql, params);
          const { open, onTime, atRisk, overdue } = out[0]!;
          const rows = out.filter((r) => r.id !== null);
          const page = rows.slice(0, q.limit);
          const items = (await toItems(db, page, norms, day, true)).map((x) => x.item);
          const last = page.at(-1);
          const result: Caseload = { items, nextCursor: rows.length > q.limit && last ? encodeCursor(q.sort, last) : null, counts: { open, onTime, atRisk, overdue } };
          return { result, clientIds: [...new Set(page.map((r) => r.client_id))] };
        });
    },

    /** The team lead's view: per professional the open cases by clock state, plans overdue, over the maximum duration; the waiting list. */
    overview: (teamId: string) => {
      requireTeam(teamId);
      return store.readClients({ action: 'trajectory.caseload_overview', activity, details: { teamId } }, async (db, visible) => {
        const day = today();
        const params: unknown[] = [];
        const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
        const d = `${p(day)}::date`;
        const sql = `SELECT t.professional_user_id AS "professionalUserId", count(*)::int AS open,
             count(*) FILTER (WHERE ${stateSql.on_time(d)})::int AS "onTime", count(*) FILTER (WHERE ${stateSql.at_risk(d)})::int AS "atRisk",
             count(*) FILTER (WHERE ${stateSql.overdue(d)})::int AS overdue,
             count(*) FILTER (WHERE ${focusSql.plan_overdue(() => d)})::int AS "planOverdue",
             count(*) FILTER (WHERE ${focusSql.over_max_duration(() => d)})::int AS "overMaxDuration",
             count(*) FILTER (WHERE ${focusSql.waiting(() => d)})::int AS waiting, count(*) FILTER (WHERE t.clock_keys_stale)::int AS stale
           FROM trajectories t WHERE t.status <> 'closed' AND t.team_id = ${p(teamId)} AND ${visible('t.client_id', p)}
           GROUP BY t.professional_user_id`;
        type Out = CaseloadOverview['total'] & { professionalUserId: string | null; stale: number };
        // The waiting list: accepted and not started (trajectories), and referred and not accepted (the inbox).
        const wp: unknown[] = [];
        const w = (v: unknown) => { wp.push(v); return `$${wp.length}`; };
        // Independent reads side by side on the pool: the overview waits for the slowest, not the sum.
        const [counted, accepted, referred] = await Promise.all([db.query<Out>(sql, params),
          db.query<Row>(`${SELECT} t WHERE t.team_id = ${w(teamId)} AND t.status IN ('intake', 'plan_agreed')
            AND ${visible('t.client_id', w)} ORDER BY t.received_on, t.id LIMIT ${WAITING_LIST_SIZE}`, wp),
          waitingReferrals(db, teamId, visible, WAITING_LIST_SIZE)]);
        let out = counted;
        if (out.some((r) => r.stale > 0) && await refreshClockKeys(db, REFRESH_PER_REQUEST) > 0) out = await db.query<Out>(sql, params);
        const rows = out.map(({ stale: _, ...r }) => r);
        const [names, clients] = await Promise.all([userNames(db, [...rows.map((r) => r.professionalUserId), ...accepted.map((r) => r.professional_user_id)]),
          clientSummaries(db, [...accepted.map((r) => r.client_id), ...referred.rows.map((r) => r.clientId)])]);
        const byProfessional = rows.map((r) => ({ ...r, professionalName: r.professionalUserId ? names.get(r.professionalUserId) ?? null : null }))
          .sort((a, b) => (a.professionalName ?? '').localeCompare(b.professionalName ?? '', 'nl'));
        const sum = (k: keyof CaseloadOverview['total']) => rows.reduce((n, r) => n + r[k], 0);
        const total = { open: sum('open'), onTime: sum('onTime'), atRisk: sum('atRisk'), overdue: sum('overdue'),
          planOverdue: sum('planOverdue'), overMaxDuration: sum('overMaxDuration'), waiting: sum('waiting') };
        const items: WaitingItem[] = [
          ...accepted.map((r) => ({ kind: 'trajectory' as const, id: r.id, clientId: r.client_id, receivedOn: r.received_on, status: r.status,
            professionalName: r.professional_user_id ? names.get(r.professional_user_id) ?? null : null })),
          ...referred.rows.map((r) => ({ kind: 'referral' as const, id: r.id, clientId: r.clientId, receivedOn: r.receivedOn, status: 'open', professionalName: null })),
        ].map((x) => ({ ...x, clientName: clients.get(x.clientId)?.name ?? '', waitingDays: daysBetween(x.receivedOn, day) }))
          .sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.id.localeCompare(b.id)).slice(0, WAITING_LIST_SIZE);
        const result: CaseloadOverview = { byProfessional, total, waiting: { referred: referred.total, accepted: total.waiting, items } };
        return { result, clientIds: [...new Set(items.map((i) => i.clientId))] };
      });
    },

    /**
     * The team lead hands a case to another professional of the trajectory's team (If-Match). The hand-over
     * is an action in the trajectory's history (who, when, from whom to whom; no status change), and the
     * referral it came from names the new professional too. The new professional becomes involved with the
     * client; the previous one keeps their relation (they may need to read back what they did). The same
     * professional again changes nothing.
     */
    reassign: async (id: string, professionalUserId: string, version: number) => {
      const [ref] = await store.db.query<{ client_id: string }>('SELECT client_id FROM trajectories WHERE id = $1', [id]);
      if (!ref) throw notFoundError();
      return store.changeClient(ref.client_id, { action: 'trajectory.reassign', activity, details: { trajectoryId: id, professionalUserId } }, async (tx) => {
        const [row] = await tx.query<Row>(`${SELECT} WHERE id = $1 FOR UPDATE`, [id]);
        requireTeam(row!.team_id);
        if (row!.version !== version) throw versionConflict(row!.version, await loadView(tx, id));
        if (!isAllowed(row!.status, 'reassign')) {
          throw conflict('Een afgesloten traject wordt niet meer overgedragen / A closed trajectory is not reassigned', 'trajectory_closed',
            { trajectoryStatus: row!.status, allowed: [...allowedNext[row!.status]] });
        }
        const members = await teamMembersWithRoles(tx, row!.team_id, permissions['casework.act']);
        if (!members.some((m) => m.id === professionalUserId)) {
          throw new AppError('professional_not_in_team', 422,
            'Kies een actieve professional van het team van dit traject / Choose an active professional of this trajectory\'s team', 'professionalUserId');
        }
        if (row!.professional_user_id === professionalUserId) return loadView(tx, id);
        const norms = await listNorms(tx);
        // append raises the version once, for the action and the new professional together.
        await tx.query('UPDATE trajectories SET professional_user_id = $2 WHERE id = $1', [id, professionalUserId]);
        await append(tx, id, { type: 'reassigned', on: today(), fromUserId: row!.professional_user_id, toUserId: professionalUserId },
          actor.kind === 'user' ? actor.id : null, norms);
        if (row!.referral_id) await followTrajectoryReassignment(tx, row!.referral_id, professionalUserId);
        await addRelation(tx, { clientId: row!.client_id, userId: professionalUserId, reason: 'trajectory_assigned' });
        return loadView(tx, id, norms);
      });
    },
  };
}

function scopeSql(scope: Scope, p: (v: unknown) => string): string[] {
  if ('userId' in scope) return [`t.professional_user_id = ${p(scope.userId)}`];
  return [`t.team_id = ${p(scope.teamId)}`, ...(scope.professionalUserId ? [`t.professional_user_id = ${p(scope.professionalUserId)}`] : [])];
}
