import { ProcessingActivity } from '../../platform/audit.ts';
import type { Queryable } from '../../platform/db.ts';
import { badRequest } from '../../platform/errors.ts';
import type { Store, Visible } from '../../platform/store.ts';
import { clientSummaries } from './store.ts';
import type { HousingSituationInput, HousingSituationView } from './schemas.ts';

/**
 * A client's housing situation, dated and append-only (client_housing_situations, migration 310):
 * the situation on a day is the latest record whose `since` is on or before it. Recorded by a
 * professional who may see the client (the door's need-to-know check), each change and read audited.
 */
const op = (action: string) => ({ action, activity: ProcessingActivity.ClientRegistration });

const COLS = `id, situation, since_on::text AS since, team_id AS "teamId", recorded_by AS "recordedBy", recorded_at::text AS "recordedAt"`;

export function housingSituationStore(store: Store) {
  return {
    list(clientId: string): Promise<HousingSituationView[]> {
      return store.readClient(clientId, op('client.housing_situation.read'), (tx) =>
        tx.query<HousingSituationView>(`SELECT ${COLS} FROM client_housing_situations WHERE client_id = $1 ORDER BY since_on DESC, recorded_at DESC`, [clientId]));
    },

    record(clientId: string, input: HousingSituationInput): Promise<HousingSituationView> {
      const { actor } = store.ctx;
      if (input.teamId && !actor.teamIds.includes(input.teamId)) throw badRequest('U bent geen lid van dit team / You are not a member of this team', 'teamId');
      const teamId = input.teamId ?? actor.teamIds[0] ?? null;
      return store.changeClient(clientId, { ...op('client.housing_situation.record'), details: { situation: input.situation, since: input.since } }, async (tx) => {
        const [row] = await tx.query<HousingSituationView>(
          `INSERT INTO client_housing_situations (client_id, situation, since_on, team_id, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLS}`,
          [clientId, input.situation, input.since, teamId, actor.id]);
        return row!;
      });
    },
  };
}

/**
 * Clients who were bankslaper (situation `sofa_surfing`) on some day of [from, to], with the desk or
 * team that recorded it: a record counts from its `since` until the client's next record (a record
 * replaced on its own day does not count). For the figures (src/modules/monitor): ids leave only as counts.
 */
export async function sofaSurfersIn(q: Queryable, from: string, to: string): Promise<{ clientId: string; teamId: string | null; since: string }[]> {
  return q.query<{ clientId: string; teamId: string | null; since: string }>(
    `SELECT s.client_id AS "clientId", s.team_id AS "teamId", min(s.since_on)::text AS since FROM (
       SELECT client_id, team_id, situation, since_on, lead(since_on) OVER (PARTITION BY client_id ORDER BY since_on, recorded_at) AS next_on
       FROM client_housing_situations WHERE since_on <= $2::date) s
     WHERE s.situation = 'sofa_surfing' AND (s.next_on IS NULL OR (s.next_on > $1::date AND s.next_on > s.since_on))
     GROUP BY s.client_id, s.team_id`, [from, to]);
}

/**
 * Of these clients, the ones the actor may see (the platform's one need-to-know condition), with
 * their display name: for a list reached from a figure (drill-down). Call inside `store.readClients`.
 */
export async function visibleClientNames(tx: Queryable, ids: readonly string[], visible: Visible): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const params: unknown[] = [[...new Set(ids)]];
  const rows = await tx.query<{ id: string }>(
    `SELECT c.id FROM clients c WHERE c.id = ANY($1::uuid[]) AND ${visible('c.id', (v) => { params.push(v); return `$${params.length}`; })}`, params);
  const summaries = await clientSummaries(tx, rows.map((r) => r.id));
  return new Map([...summaries].map(([id, s]) => [id, s.name]));
}
