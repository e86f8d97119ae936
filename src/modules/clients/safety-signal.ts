import type { Queryable } from '../../platform/db.ts';

/**
 * Marks the client record with a safety signal (veiligheidssignaal), in the caller's transaction.
 * The first signal's moment is kept: a later one does not move it.
 */
export async function markSafetySignal(tx: Queryable, clientId: string): Promise<void> {
  await tx.query('UPDATE clients SET safety_signal_at = coalesce(safety_signal_at, now()) WHERE id = $1', [clientId]);
}
