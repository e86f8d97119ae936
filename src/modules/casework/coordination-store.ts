import type { Actor } from '../../platform/access/context.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { userNames } from '../../platform/auth/users.ts';
import type { Queryable } from '../../platform/db.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { once } from '../../platform/idempotency.ts';
import type { Store } from '../../platform/store.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';
import { teamNames } from '../org/store.ts';
import { mayOpenSafetyRecords, openSafetyRecordOfClient } from '../safety/safety-access.ts';
import { createNotification } from '../wmo/notification-store.ts';
import { notificationStatuses } from '../wmo/notification-status.ts';
import {
  allowedHandovers, escalatedTo, type Handover, handoverRefusal, isOnwardAllowed, onwardActionOfCommand, onwardAllowedNext, onwardNotAllowedMessage,
  type OnwardReferralActionType, type OnwardReferralKind, type OnwardReferralStatus, onwardStatusOf,
} from './coordination-process.ts';
import type { CoordinationView, HandoverInput, HandoverView, OnwardReferralActionInput, OnwardReferralInput, OnwardReferralView } from './coordination-schemas.ts';
import { getTrajectoryRef, requireOwnTeam, type TrajectoryRef } from './trajectory-ref.ts';

const activity = ProcessingActivity.BasicSupport;
const today = () => amsterdamDate(new Date());
const userIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.id ?? null : null);

type ReferralRow = { id: string; kind: OnwardReferralKind; organisation: string | null; purpose: string; referredOn: string; contact: string | null;
  notificationId: string | null; status: OnwardReferralStatus; version: number };
type ReferralActionRow = { referralId: string; type: OnwardReferralActionType; on: string; actorUserId: string | null; note: string | null };
type HandoverRow = Handover & { id: string; partyName: string; reason: string; handedOver: string; confirmedBy: string;
  safetyRecordId: string | null; recordedBy: string | null; recordedAt: Date };

const REFERRALS = `SELECT id, kind, organisation, purpose, referred_on::text AS "referredOn", contact, wmo_notification_id AS "notificationId", status, version
  FROM onward_referrals`;
const HANDOVERS = `SELECT id, direction, party, party_name AS "partyName", reason, handed_over AS "handedOver", confirmed_by AS "confirmedBy",
  confirmed_on::text AS "confirmedOn", safety_record_id AS "safetyRecordId", recorded_by AS "recordedBy", recorded_at AS "recordedAt"
  FROM trajectory_handovers WHERE trajectory_id = $1 ORDER BY confirmed_on, recorded_at, id`;

const handoversOf = (q: Queryable, trajectoryId: string) => q.query<HandoverRow>(HANDOVERS, [trajectoryId]);

/** "Who is active" on the case: the team that keeps coordination, the onward referrals with their melding, the hand-overs in order. */
async function viewOf(q: Queryable, ref: TrajectoryRef, actor: Actor): Promise<CoordinationView> {
  const [t] = await q.query<{ professionalUserId: string | null }>('SELECT professional_user_id AS "professionalUserId" FROM trajectories WHERE id = $1', [ref.id]);
  const referrals = await q.query<ReferralRow>(`${REFERRALS} WHERE trajectory_id = $1 ORDER BY created_at, id`, [ref.id]);
  const actions = referrals.length ? await q.query<ReferralActionRow>(
    `SELECT onward_referral_id AS "referralId", type, occurred_on::text AS "on", actor_user_id AS "actorUserId", note
     FROM onward_referral_actions WHERE onward_referral_id = ANY($1::uuid[]) ORDER BY id`, [referrals.map((r) => r.id)]) : [];
  const handovers = await handoversOf(q, ref.id);
  const meldingen = await notificationStatuses(q, referrals.flatMap((r) => (r.notificationId ? [r.notificationId] : [])));
  const mayOpen = await mayOpenSafetyRecords(q, actor, handovers.flatMap((h) => (h.safetyRecordId ? [h.safetyRecordId] : [])));
  const users = await userNames(q, [t?.professionalUserId, ...actions.map((a) => a.actorUserId), ...handovers.map((h) => h.recordedBy)]);
  const teams = await teamNames(q, [ref.teamId]);
  const name = (id: string | null | undefined) => (id ? users.get(id) ?? null : null);
  return {
    trajectoryId: ref.id, teamId: ref.teamId, teamName: teams.get(ref.teamId) ?? '', professionalName: name(t?.professionalUserId),
    escalatedTo: escalatedTo(handovers), allowedHandovers: ref.status === 'closed' ? [] : allowedHandovers(handovers),
    onwardReferrals: referrals.map((r): OnwardReferralView => {
      const melding = r.notificationId ? meldingen.get(r.notificationId) : undefined;
      return {
        id: r.id, kind: r.kind, organisation: r.organisation, purpose: r.purpose, referredOn: r.referredOn, contact: r.contact,
        status: r.status, allowedNext: [...onwardAllowedNext[r.status]], version: r.version,
        notification: r.notificationId && melding ? { id: r.notificationId, law: melding.law, status: melding.status } : null,
        actions: actions.filter((a) => a.referralId === r.id).map((a) => ({ type: a.type, on: a.on, actorName: name(a.actorUserId), note: a.note })),
      };
    }),
    handovers: handovers.map((h): HandoverView => {
      // The text of a hand-over linked to a sealed safety record is sealed with it (DOMAIN §3.4).
      const sealed = h.safetyRecordId !== null && !mayOpen.get(h.safetyRecordId) && h.recordedBy !== actor.id;
      return {
        id: h.id, direction: h.direction, party: h.party, partyName: h.partyName, reason: sealed ? null : h.reason, handedOver: sealed ? null : h.handedOver,
        confirmedBy: h.confirmedBy, confirmedOn: h.confirmedOn, recordedByName: name(h.recordedBy), recordedAt: new Date(h.recordedAt).toISOString(),
        safetyRecord: h.safetyRecordId ? { id: h.safetyRecordId, mayOpen: mayOpen.get(h.safetyRecordId) ?? false } : null, sealed,
      };
    }),
    mayAct: ref.status !== 'closed' && actor.teamIds.includes(ref.teamId),
  };
}

const notInFuture = (on: string | undefined, field: string) => {
  if (on && on > today()) throw badRequest('De datum ligt in de toekomst / The date is in the future', field, 'date_in_future');
};
/** Casusregie is recorded on an open trajectory; a closed one is re-opened first. */
const requireOpen = (ref: TrajectoryRef) => {
  if (ref.status === 'closed') {
    throw conflict('Het traject is afgesloten; heropen het eerst / The trajectory is closed; re-open it first', 'trajectory_closed', { trajectoryStatus: ref.status });
  }
};
/** The trajectory, locked: hand-overs and referrals of one case are recorded one at a time (the allowed-next check needs that). */
async function lockTrajectory(tx: Queryable, id: string): Promise<TrajectoryRef> {
  const [r] = await tx.query<TrajectoryRef>('SELECT id, client_id AS "clientId", team_id AS "teamId", status FROM trajectories WHERE id = $1 FOR UPDATE', [id]);
  return r!;
}

/**
 * Casusregie on a trajectory through the request's Store: need-to-know to read, the own team to write,
 * one audit row per read or change (processing activity basic_support).
 */
export function coordinationStore(store: Store) {
  const actor = store.ctx.actor;

  return {
    get: async (trajectoryId: string) => {
      const ref = await getTrajectoryRef(store.db, trajectoryId);
      return store.readClient(ref.clientId, { action: 'trajectory.coordination.read', activity, details: { trajectoryId } }, (tx) => viewOf(tx, ref, actor));
    },

    /**
     * Refers the client on. An indication makes a melding through the wmo module (its Wmo inbox, or
     * the CJG's for the Jeugdwet, with its own clocks) and links it. Idempotency-Key: once.
     */
    refer: async (trajectoryId: string, input: OnwardReferralInput, idempotencyKey?: string) => {
      const ref = await getTrajectoryRef(store.db, trajectoryId);
      return store.changeClient(ref.clientId, { action: 'trajectory.onward_referral.create', activity, details: { trajectoryId, kind: input.kind, law: input.law } },
        async (tx) => {
          requireOwnTeam(store, ref);
          const locked = await lockTrajectory(tx, trajectoryId);
          requireOpen(locked);
          if (input.kind === 'second_line' && !input.organisation) throw badRequest('Noem de zorgaanbieder of organisatie / Name the provider or organisation', 'organisation');
          if (input.kind === 'indication' && !input.law) throw badRequest('Kies Wmo of Jeugdwet / Choose wmo or jeugdwet', 'law');
          notInFuture(input.referredOn, 'referredOn');
          await once(tx, `trajectory.onward_referral:${trajectoryId}`, idempotencyKey, input, async () => {
            const on = input.referredOn ?? today();
            const melding = input.kind === 'indication'
              ? await createNotification(tx, { clientId: ref.clientId, contactId: null, notifiedOn: on, channel: 'neighbourhood_team', reportedBy: 'client',
                teamId: ref.teamId, createdBy: userIdOf(actor), law: input.law })
              : null;
            const [row] = await tx.query<{ id: string }>(
              `INSERT INTO onward_referrals (trajectory_id, kind, organisation, purpose, referred_on, contact, law, wmo_notification_id, created_by)
               VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
              [trajectoryId, input.kind, input.kind === 'second_line' ? input.organisation : null, input.purpose, on, input.contact ?? null,
                melding ? melding.law : null, melding?.id ?? null, userIdOf(actor)]);
            await tx.query('INSERT INTO onward_referral_actions (onward_referral_id, type, occurred_on, actor_user_id) VALUES ($1, $2, $3, $4)',
              [row!.id, 'requested', on, userIdOf(actor)]);
            return row!.id;
          });
          return viewOf(tx, locked, actor);
        });
    },

    /** A step on an onward referral (started, ended); a step its status does not allow is 409 `onward_referral_status`. */
    act: async (onwardReferralId: string, input: OnwardReferralActionInput) => {
      const [found] = await store.db.query<{ trajectoryId: string }>('SELECT trajectory_id AS "trajectoryId" FROM onward_referrals WHERE id = $1', [onwardReferralId]);
      if (!found) throw notFound('Doorverwijzing niet gevonden / Onward referral not found', 'onward_referral_not_found');
      const ref = await getTrajectoryRef(store.db, found.trajectoryId);
      return store.changeClient(ref.clientId, { action: `trajectory.onward_referral.${input.type}`, activity, details: { trajectoryId: ref.id, onwardReferralId } },
        async (tx) => {
          requireOwnTeam(store, ref);
          const locked = await lockTrajectory(tx, ref.id);
          const [row] = await tx.query<ReferralRow>(`${REFERRALS} WHERE id = $1 FOR UPDATE`, [onwardReferralId]);
          if (!isOnwardAllowed(row!.status, input.type)) {
            throw conflict(onwardNotAllowedMessage(row!.status, input.type), 'onward_referral_status', { onwardReferralStatus: row!.status, allowed: [...onwardAllowedNext[row!.status]] });
          }
          notInFuture(input.on, 'on');
          const on = input.on ?? today();
          const [prev] = await tx.query<{ on: string }>(
            'SELECT occurred_on::text AS "on" FROM onward_referral_actions WHERE onward_referral_id = $1 ORDER BY id DESC LIMIT 1', [onwardReferralId]);
          if (prev && on < prev.on) throw badRequest(`De datum ligt vóór de vorige stap (${prev.on}) / The date is before the previous step (${prev.on})`, 'on', 'date_before_previous_step');
          await tx.query('INSERT INTO onward_referral_actions (onward_referral_id, type, occurred_on, actor_user_id, note) VALUES ($1,$2,$3,$4,$5)',
            [onwardReferralId, onwardActionOfCommand[input.type], on, userIdOf(actor), input.note ?? null]);
          const all = await tx.query<{ type: OnwardReferralActionType }>('SELECT type FROM onward_referral_actions WHERE onward_referral_id = $1 ORDER BY id', [onwardReferralId]);
          await tx.query('UPDATE onward_referrals SET status = $2, version = version + 1 WHERE id = $1', [onwardReferralId, onwardStatusOf(all)]);
          return viewOf(tx, locked, actor);
        });
    },

    /**
     * Op- of afschalen: one hand-over record. An escalation to Veilig Thuis links the client's open
     * sealed safety record (the meldcode stays there; nothing is copied), and the step-down back links
     * the same record. Refused steps: 409 `handover_already_escalated`, `handover_not_escalated`.
     */
    handover: async (trajectoryId: string, input: HandoverInput, idempotencyKey?: string) => {
      const ref = await getTrajectoryRef(store.db, trajectoryId);
      return store.changeClient(ref.clientId, { action: `trajectory.handover.${input.direction}`, activity, details: { trajectoryId, party: input.party } },
        async (tx) => {
          requireOwnTeam(store, ref);
          const locked = await lockTrajectory(tx, trajectoryId);
          requireOpen(locked);
          notInFuture(input.confirmedOn, 'confirmedOn');
          await once(tx, `trajectory.handover:${trajectoryId}`, idempotencyKey, input, async () => {
            const handovers = await handoversOf(tx, trajectoryId);
            const next: Handover = { direction: input.direction, party: input.party, confirmedOn: input.confirmedOn ?? today() };
            const refusal = handoverRefusal(handovers, next);
            if (refusal) throw conflict(refusal.message, refusal.code, { escalatedTo: escalatedTo(handovers) });
            let safetyRecordId: string | null = null;
            if (input.party === 'veilig_thuis') {
              safetyRecordId = input.direction === 'escalate'
                ? await openSafetyRecordOfClient(tx, ref.clientId)
                : handovers.findLast((h) => h.party === 'veilig_thuis' && h.direction === 'escalate')?.safetyRecordId ?? null;
            }
            await tx.query(
              `INSERT INTO trajectory_handovers (trajectory_id, direction, party, party_name, reason, handed_over, confirmed_by, confirmed_on, safety_record_id, recorded_by)
               VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
              [trajectoryId, input.direction, input.party, input.partyName, input.reason, input.handedOver, input.confirmedBy, next.confirmedOn, safetyRecordId, userIdOf(actor)]);
            return true;
          });
          return viewOf(tx, locked, actor);
        });
    },
  };
}
