import { ProcessingActivity } from '../../platform/audit.ts';
import type { Queryable } from '../../platform/db.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { Store } from '../../platform/store.ts';
import { versionConflict } from '../../platform/versioning.ts';
import { userNames } from '../../platform/auth/users.ts';
import { clientSummaries } from '../clients/store.ts';
import { amsterdamDate, daysBetween, type Norm } from '../legal-terms/legal-terms.ts';
import { listNorms } from '../legal-terms/store.ts';
import { teamNames } from '../org/store.ts';
import { followTrajectory } from '../referrals/referral-store.ts';
import { storeClockKeys } from './clock-keys.ts';
import { trajectoryNormsOn } from './norms.ts';
import type { CaseloadItem, CommandBody, StepCommand, TrajectoryView } from './schemas.ts';
import {
  actionOfCommand, allowedNext, clocksOf, isAllowed, mostUrgent, notAllowedMessage, outcomeLabelNl, refusalOf, statusOf,
  type TrajectoryAction, type TrajectoryOutcome, type TrajectoryStatus,
} from './trajectory-process.ts';

export type Row = { id: string; client_id: string; team_id: string; referral_id: string | null; reopened_from: string | null;
  professional_user_id: string | null; received_on: string; status: TrajectoryStatus; version: number };
type ActionRow = TrajectoryAction & { trajectoryId: string; at: Date; id: string };

export const SELECT = `SELECT id, client_id, team_id, referral_id, reopened_from, professional_user_id, received_on::text AS received_on, status, version FROM trajectories`;
const ACTIONS = `SELECT id, trajectory_id AS "trajectoryId", type, occurred_on::text AS "on", at, actor_user_id AS "actorUserId", reason, outcome,
  until_on::text AS "untilOn", linked_trajectory_id AS "linkedTrajectoryId", from_user_id AS "fromUserId", to_user_id AS "toUserId" FROM trajectory_actions`;
/** What a list needs to fold the clocks: no time stamps and actors (a caseload page has some 600 steps to parse). */
const LIST_ACTIONS = `SELECT trajectory_id AS "trajectoryId", type, occurred_on::text AS "on", reason, outcome,
  until_on::text AS "untilOn", linked_trajectory_id AS "linkedTrajectoryId" FROM trajectory_actions`;

export const today = () => amsterdamDate(new Date());
export const notFoundError = () => notFound('Traject niet gevonden / Trajectory not found');

async function actionsOf(q: Queryable, ids: readonly string[], select = ACTIONS): Promise<Map<string, ActionRow[]>> {
  const rows = ids.length ? await q.query<ActionRow>(`${select} WHERE trajectory_id = ANY($1::uuid[]) ORDER BY id`, [[...ids]]) : [];
  return Map.groupBy(rows, (a) => a.trajectoryId);
}

/**
 * Trajectory rows as list items with their clocks. `list`: a caseload page, which shows no step's
 * time or actor; then the steps are read lean and the look-ups run side by side on the pool.
 */
export async function toItems(q: Queryable, rows: Row[], norms: readonly Norm[], day: string, list = false) {
  const ids = rows.map((r) => r.id);
  const professionals = rows.map((r) => r.professional_user_id);
  const [actions, clients, teams, listUsers] = await Promise.all([actionsOf(q, ids, list ? LIST_ACTIONS : ACTIONS),
    clientSummaries(q, rows.map((r) => r.client_id)), teamNames(q, rows.map((r) => r.team_id)), list ? userNames(q, professionals) : null]);
  const users = listUsers ?? await userNames(q, [...professionals, ...[...actions.values()].flat().flatMap((a) => [a.actorUserId, a.fromUserId, a.toUserId])]);
  return rows.map((r) => {
    const acts = actions.get(r.id) ?? [];
    const clocks = clocksOf(acts, trajectoryNormsOn(norms, r.received_on), day);
    const item: CaseloadItem = {
      id: r.id, clientId: r.client_id, clientName: clients.get(r.client_id)?.name ?? '', teamId: r.team_id, teamName: teams.get(r.team_id) ?? '',
      referralId: r.referral_id, reopenedFrom: r.reopened_from,
      professionalUserId: r.professional_user_id, professionalName: r.professional_user_id ? users.get(r.professional_user_id) ?? null : null,
      receivedOn: r.received_on, status: r.status, outcome: acts.findLast((a) => a.type === 'closed')?.outcome ?? null,
      clocks, mostUrgent: mostUrgent(clocks), version: r.version,
      waitingDays: r.status === 'intake' || r.status === 'plan_agreed' ? daysBetween(r.received_on, day) : null,
    };
    return { item, acts, users };
  });
}

export async function loadView(q: Queryable, id: string, norms?: readonly Norm[]): Promise<TrajectoryView> {
  const [row] = await q.query<Row>(`${SELECT} WHERE id = $1`, [id]);
  if (!row) throw notFoundError();
  const [{ item, acts, users }] = await toItems(q, [row], norms ?? await listNorms(q), today()) as [Awaited<ReturnType<typeof toItems>>[number]];
  return {
    ...item, allowedNext: [...allowedNext[row.status]],
    reopenedAs: acts.findLast((a) => a.type === 'reopened')?.linkedTrajectoryId ?? null,
    actions: acts.map((a) => ({ type: a.type, on: a.on, at: new Date(a.at).toISOString(), actorName: a.actorUserId ? users.get(a.actorUserId) ?? null : null,
      reason: a.reason ?? null, outcome: a.outcome ?? null, untilOn: a.untilOn ?? null, linkedTrajectoryId: a.linkedTrajectoryId ?? null,
      ...(a.type === 'reassigned' ? { fromName: a.fromUserId ? users.get(a.fromUserId) ?? null : null, toName: a.toUserId ? users.get(a.toUserId) ?? null : null } : {}) })),
  };
}

export async function append(tx: Queryable, trajectoryId: string, a: Omit<TrajectoryAction, 'on'> & { on: string }, actorUserId: string | null,
  norms: readonly Norm[], idempotencyKey?: string) {
  await tx.query(
    `INSERT INTO trajectory_actions (trajectory_id, type, occurred_on, actor_user_id, reason, outcome, until_on, linked_trajectory_id, idempotency_key, from_user_id, to_user_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
    [trajectoryId, a.type, a.on, actorUserId, a.reason ?? null, a.outcome ?? null, a.untilOn ?? null, a.linkedTrajectoryId ?? null, idempotencyKey ?? null,
      a.fromUserId ?? null, a.toUserId ?? null]);
  const actions = await tx.query<TrajectoryAction>(`${ACTIONS} WHERE trajectory_id = $1 ORDER BY id`, [trajectoryId]);
  await tx.query('UPDATE trajectories SET status = $2, version = version + 1, updated_at = now() WHERE id = $1', [trajectoryId, statusOf(actions)]);
  await storeClockKeys(tx, [trajectoryId], norms);
}

/** The 409 of a refused step: names the status and the allowed actions. */
const refused = (status: TrajectoryStatus, code: string, message: string) =>
  conflict(message, code, { trajectoryStatus: status, allowed: [...allowedNext[status]] });

/** Trajectory reads and commands through the request's Store: need-to-know, team membership, allowed-next table, If-Match, idempotency key. */
export function trajectoryStore(store: Store) {
  const actor = store.ctx.actor;
  const activity = ProcessingActivity.BasicSupport;
  const clientOf = async (id: string) => {
    const [r] = await store.db.query<{ client_id: string }>('SELECT client_id FROM trajectories WHERE id = $1', [id]);
    if (!r) throw notFoundError();
    return r.client_id;
  };
  const requireTeam = (teamId: string) => {
    if (!actor.teamIds.includes(teamId)) throw forbidden('Alleen het eigen team werkt aan dit traject / Only the own team works on this trajectory', 'not_team_member');
  };

  return {
    get: async (id: string) => store.readClient(await clientOf(id), { action: 'trajectory.read', activity, details: { trajectoryId: id } }, (tx) => loadView(tx, id)),

    act: async (id: string, command: StepCommand, body: CommandBody, version: number, idempotencyKey?: string): Promise<TrajectoryView> =>
      store.changeClient(await clientOf(id), { action: `trajectory.${command}`, activity, details: { trajectoryId: id } }, async (tx) => {
        const [row] = await tx.query<Row>(`${SELECT} WHERE id = $1 FOR UPDATE`, [id]);
        requireTeam(row!.team_id);
        const norms = await listNorms(tx);
        if (idempotencyKey) {
          const [done] = await tx.query<{ type: string; linked: string | null }>(
            'SELECT type, linked_trajectory_id AS linked FROM trajectory_actions WHERE trajectory_id = $1 AND idempotency_key = $2', [id, idempotencyKey]);
          if (done && done.type !== actionOfCommand[command]) {
            throw conflict('Deze Idempotency-Key is al gebruikt voor een andere stap / This Idempotency-Key was used for another step', 'idempotency_key_reused');
          }
          if (done) return loadView(tx, command === 'reopen' && done.linked ? done.linked : id, norms);
        }
        if (row!.version !== version) throw versionConflict(row!.version, await loadView(tx, id, norms));
        if (!isAllowed(row!.status, command)) throw refused(row!.status, 'trajectory_status', notAllowedMessage(row!.status, command));
        const actions = (await actionsOf(tx, [id])).get(id) ?? [];
        const day = today();
        const refusal = refusalOf(actions, command, trajectoryNormsOn(norms, row!.received_on), day, { on: body.on, untilOn: body.untilOn });
        if (refusal) throw refused(row!.status, refusal.code, refusal.message);
        const userId = actor.kind === 'user' ? actor.id : null;
        const on = body.on ?? day;
        if (command === 'reopen') return reopen(tx, row!, userId, day, body.reason, idempotencyKey, norms);
        await append(tx, id, { type: actionOfCommand[command], on, reason: body.reason, outcome: body.outcome as TrajectoryOutcome | undefined, untilOn: body.untilOn }, userId, norms, idempotencyKey);
        if (row!.referral_id && command === 'startSupport') await followTrajectory(tx, store.ctx, row!.referral_id, 'start');
        // The referrer (a GP's Task) reads the outcome in words, with the professional's explanation.
        if (row!.referral_id && command === 'close') {
          await followTrajectory(tx, store.ctx, row!.referral_id, 'close', `${outcomeLabelNl[body.outcome!]}${body.reason ? `. ${body.reason}` : ''}`);
        }
        return loadView(tx, id, norms);
      }),
  };

  /** A new trajectory that continues a closed one (DOMAIN §3.3); the old one records where it went. */
  async function reopen(tx: Queryable, old: Row, userId: string | null, day: string, reason: string | undefined, idempotencyKey: string | undefined, norms: readonly Norm[]) {
    const [created] = await tx.query<{ id: string }>(
      `INSERT INTO trajectories (client_id, team_id, referral_id, reopened_from, professional_user_id, received_on) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [old.client_id, old.team_id, old.referral_id, old.id, old.professional_user_id, day]);
    await append(tx, created!.id, { type: 'opened', on: day, reason, linkedTrajectoryId: old.id }, userId, norms);
    await append(tx, old.id, { type: 'reopened', on: day, reason, linkedTrajectoryId: created!.id }, userId, norms, idempotencyKey);
    return loadView(tx, created!.id, norms);
  }
}
