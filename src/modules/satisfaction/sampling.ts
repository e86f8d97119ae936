import { randomInt } from 'node:crypto';
import type { Queryable } from '../../platform/db.ts';
import { closedTrajectoriesIn, clientsRecordedDeceased } from '../casework/figures.ts';
import { surveyAddressesOf } from '../clients/store.ts';
import { clientContactsIn } from '../intake/figures.ts';
import { clientsWithSafetyRecord } from '../safety/safety-access.ts';
import { wmoClockFacts } from '../wmo/figures.ts';
import { optedOut } from './store.ts';

/** Why a client who was helped in the period is not asked. */
export const Exclusion = { OptedOut: 'opted_out', Deceased: 'deceased', SafetyRecord: 'safety_record', NoCurrentRecord: 'no_current_record' } as const;
export type Exclusion = (typeof Exclusion)[keyof typeof Exclusion];

export type Helped = { clientId: string; teamId: string };
export type Picked = Helped & { channel: 'digital' | 'letter' };

/**
 * Pure: who is asked. Each client once per round, for the first desk or team of the round that
 * helped them (a completed Wmo assessment first, then a closed trajectory, then a contact);
 * per desk/team a simple random sample of at most its sample size from those not excluded.
 */
export function drawSample(helped: readonly Helped[], sizes: ReadonlyMap<string, number>, excluded: ReadonlySet<string>,
  pick: (n: number) => number = randomInt): Map<string, string[]> {
  const teamOf = new Map<string, string>();
  for (const h of helped) if (sizes.has(h.teamId) && !excluded.has(h.clientId) && !teamOf.has(h.clientId)) teamOf.set(h.clientId, h.teamId);
  const out = new Map<string, string[]>();
  for (const [teamId, size] of sizes) {
    const pool = [...teamOf].filter(([, t]) => t === teamId).map(([c]) => c);
    // Partial Fisher–Yates: the first `size` places hold a uniform random sample.
    for (let i = 0; i < Math.min(size, pool.length); i++) {
      const j = i + pick(pool.length - i);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    out.set(teamId, pool.slice(0, size));
  }
  return out;
}

/** Clients helped in [from, to] with their desk/team, from the owners of those registrations (in the caller's transaction). */
export async function helpedIn(tx: Queryable, from: string, to: string): Promise<Helped[]> {
  const wmo = await wmoClockFacts(tx, from, to, to);
  const assessed = wmo.assessment.filter((f) => f.doneOn !== null && f.doneOn >= from && f.doneOn <= to).map((f) => ({ clientId: f.clientId, teamId: f.teamId }));
  return [...assessed, ...await closedTrajectoriesIn(tx, from, to), ...await clientContactsIn(tx, from, to)];
}

/** The sample of a round, with the channel each client can be reached on, and how many were left out per reason. */
export async function sampleRound(tx: Queryable, from: string, to: string, sizes: ReadonlyMap<string, number>): Promise<{ picked: Picked[]; excluded: Record<Exclusion, number> }> {
  const helped = (await helpedIn(tx, from, to)).filter((h) => sizes.has(h.teamId));
  const ids = [...new Set(helped.map((h) => h.clientId))];
  const addresses = await surveyAddressesOf(tx, ids);
  const reasons = new Map<string, Exclusion>();
  const mark = (set: Iterable<string>, why: Exclusion) => { for (const id of set) if (!reasons.has(id)) reasons.set(id, why); };
  mark(ids.filter((id) => !addresses.has(id)), Exclusion.NoCurrentRecord);
  mark(await optedOut(tx, ids), Exclusion.OptedOut);
  mark(await clientsRecordedDeceased(tx, ids), Exclusion.Deceased);
  mark(await clientsWithSafetyRecord(tx, ids), Exclusion.SafetyRecord);
  const sample = drawSample(helped, sizes, new Set(reasons.keys()));
  const picked = [...sample].flatMap(([teamId, clients]) => clients.map((clientId) => ({ clientId, teamId, channel: addresses.get(clientId) ? 'digital' as const : 'letter' as const })));
  const excluded = Object.fromEntries(Object.values(Exclusion).map((e) => [e, [...reasons.values()].filter((r) => r === e).length])) as Record<Exclusion, number>;
  return { picked, excluded };
}
