import type { Queryable } from '../../platform/db.ts';
import type { Visible } from '../../platform/store.ts';

/** Days after a referral within which another referral of the same client to another team means it was passed on. */
export const PASSED_ON_WITHIN_DAYS = 30;

/** One referral as the figures need it (src/modules/monitor): counts only leave that module. */
export type ReferralFact = {
  id: string;
  clientId: string;
  teamId: string;
  /** As stored on the referral (desk, gp, partner, citizen, and any source added later). */
  source: string;
  /** The day it came in (Europe/Amsterdam): the contact's day, the GP's authoredOn. */
  receivedOn: string;
  /** Accepted or returned on or before `asOf`, the first such day; null while it waits. */
  decidedOn: string | null;
  /** The team sent it back (action returned) on or before `asOf`. */
  returned: boolean;
  /** Within PASSED_ON_WITHIN_DAYS of it the same client was referred to another team or desk (recorded on or before `asOf`). */
  passedOn: boolean;
};

const DAY = (col: string) => `(${col} AT TIME ZONE 'Europe/Amsterdam')::date`;

/**
 * The referrals received in [from, to] and those still waiting (neither accepted nor returned) on
 * `asOf`, whenever they came in; actions after `asOf` are not looked at.
 */
export async function referralFacts(q: Queryable, from: string, to: string, asOf: string): Promise<ReferralFact[]> {
  const start = (p: string) => `(${p}::date::timestamp AT TIME ZONE 'Europe/Amsterdam')`;
  const end = (p: string) => `((${p}::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam')`;
  // Candidates: received in the period, or received by asOf and possibly undecided then: open now, or changed after asOf (every
  // action sets updated_at). Each from its own index (migration 311), and each candidate's decision by its own index lookup: at
  // Rotterdam scale a period's referrals are a few thousand of 250,000.
  return q.query<ReferralFact>(
    `WITH candidates AS (
       SELECT r.id, r.client_id, r.team_id, r.source, r.received_at FROM referrals r WHERE r.received_at >= ${start('$1')} AND r.received_at < ${end('$2')}
       UNION SELECT r.id, r.client_id, r.team_id, r.source, r.received_at FROM referrals r WHERE r.status = 'open' AND r.received_at < ${end('$3')}
       UNION SELECT r.id, r.client_id, r.team_id, r.source, r.received_at FROM referrals r WHERE r.updated_at >= ${end('$3')} AND r.received_at < ${end('$3')})
     SELECT r.id, r.client_id AS "clientId", r.team_id AS "teamId", r.source, ${DAY('r.received_at')}::text AS "receivedOn",
       d.decided_on AS "decidedOn", coalesce(d.returned, false) AS returned,
       EXISTS (SELECT 1 FROM referrals n WHERE n.client_id = r.client_id AND n.id <> r.id AND n.team_id <> r.team_id
         AND n.received_at > r.received_at AND n.received_at <= r.received_at + make_interval(days => ${PASSED_ON_WITHIN_DAYS})
         AND n.received_at < ${end('$3')}) AS "passedOn"
     FROM candidates r
     LEFT JOIN LATERAL (
       SELECT min(${DAY('a.at')})::text AS decided_on, bool_or(a.type = 'returned') AS returned
       FROM referral_actions a WHERE a.referral_id = r.id AND a.type IN ('accepted', 'returned') AND a.at < ${end('$3')}) d ON true
     WHERE (r.received_at >= ${start('$1')} AND r.received_at < ${end('$2')}) OR d.decided_on IS NULL`,
    [from, to, asOf]);
}

/** Referrals by id, only those the actor may see (the one need-to-know condition): for a list reached from a figure. Call inside `store.readClients`. */
export async function visibleReferrals(tx: Queryable, ids: readonly string[], visible: Visible): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const params: unknown[] = [[...ids]];
  const rows = await tx.query<{ id: string }>(
    `SELECT r.id FROM referrals r WHERE r.id = ANY($1::uuid[]) AND ${visible('r.client_id', (v) => { params.push(v); return `$${params.length}`; })}`, params);
  return new Set(rows.map((r) => r.id));
}
