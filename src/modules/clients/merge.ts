import type { Queryable } from '../../platform/db.ts';
import { copyRelations, endRelations } from '../../platform/access/relations.ts';
import { ProcessingActivity, writeAudit } from '../../platform/audit.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { Store } from '../../platform/store.ts';
import { displayName } from './names.ts';
import type { MergeListItem, MergeView } from './schemas.ts';
import type { MemberRole } from '../household/plan.ts';
import { getClientRow } from './store.ts';
import { mergeMembership, unmergeMembership } from '../household/store.ts';

/** A merge can be undone for this many days; after that it is final. */
export const MERGE_UNDO_DAYS = 30;

/** Pure: may a merge done at `mergedAt` still be undone at `now`? */
export function canUndoMerge(mergedAt: Date, now: Date): boolean {
  return now.getTime() - mergedAt.getTime() <= MERGE_UNDO_DAYS * 24 * 3600 * 1000;
}

type MergeRow = { id: string; surviving_client_id: string; merged_client_id: string; merged_at: Date; undone_at: Date | null };
const view = (m: MergeRow): MergeView => ({ id: m.id, survivingClientId: m.surviving_client_id, mergedClientId: m.merged_client_id,
  mergedAt: new Date(m.merged_at).toISOString(), undoableUntil: new Date(new Date(m.merged_at).getTime() + MERGE_UNDO_DAYS * 864e5).toISOString(),
  undoneAt: m.undone_at ? new Date(m.undone_at).toISOString() : null });

/** The client and every record merged into it (their contacts and referrals belong to its timeline). */
export async function mergedIdsOf(tx: Queryable, clientId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>('SELECT id FROM clients WHERE merged_into = $1', [clientId]);
  return [clientId, ...rows.map((r) => r.id)];
}

/** The merges into this record, newest first, with the merged record's name (for undo within 30 days). */
export async function listMerges(tx: Queryable, survivorId: string): Promise<MergeListItem[]> {
  const rows = await tx.query<MergeRow & { first_names: string | null; surname_prefix: string | null; surname: string; birth_date: string | null }>(
    `SELECT m.id, m.surviving_client_id, m.merged_client_id, m.merged_at, m.undone_at, c.first_names, c.surname_prefix, c.surname, c.birth_date::text AS birth_date
     FROM client_merges m JOIN clients c ON c.id = m.merged_client_id WHERE m.surviving_client_id = $1 ORDER BY m.merged_at DESC`, [survivorId]);
  const now = new Date();
  return rows.map((m) => ({ ...view(m), mergedClientName: displayName({ firstNames: m.first_names, surnamePrefix: m.surname_prefix, surname: m.surname }),
    mergedClientBirthDate: m.birth_date, undoable: !m.undone_at && canUndoMerge(new Date(m.merged_at), now) }));
}

/**
 * Merging keeps both records: the merged one points at the survivor (merged_into) and disappears
 * from searches; its relations are copied to the survivor (reason 'merge:<id>') so everyone
 * involved keeps access, and its household membership passes to the survivor (the household
 * module's `mergeMembership`). Undo reverses exactly that. Both records are audited.
 */
export function mergeStore(store: Store) {
  const actor = store.ctx.actor;
  const op = (action: string, details: Record<string, unknown>) => ({ action, activity: ProcessingActivity.ClientRegistration, details });
  return {
    merge: (survivorId: string, mergedId: string, reason: string) =>
      // Access to both records is needed; each gets its audit row.
      store.changeClient([survivorId, mergedId], op('client.merge', { survivorId, mergedClientId: mergedId }), async (tx) => {
        const [survivor, merged] = [await getClientRow(tx, survivorId), await getClientRow(tx, mergedId)];
        if (survivorId === mergedId) throw conflict('Een dossier kan niet met zichzelf samengaan / Cannot merge a record with itself', 'merge_self');
        if (survivor.merged_into || merged.merged_into) throw conflict('Een van beide dossiers is al samengevoegd / One of the records was already merged', 'client_merged');
        if (merged.bsn && (!survivor.bsn || survivor.bsn !== merged.bsn)) {
          throw conflict('Het dossier met BSN blijft bestaan: voeg andersom samen / Keep the record with the BSN: merge the other way round', 'merge_direction');
        }
        const household = await mergeMembership(tx, mergedId, survivorId);
        const [m] = await tx.query<MergeRow>(
          `INSERT INTO client_merges (surviving_client_id, merged_client_id, reason, merged_by, household_id, household_role, household_moved)
           VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id, surviving_client_id, merged_client_id, merged_at, undone_at`,
          [survivorId, mergedId, reason, actor.id, household?.householdId ?? null, household?.role ?? null, household?.moved ?? false]);
        await tx.query('UPDATE clients SET merged_into = $2, updated_at = now() WHERE id = $1', [mergedId, survivorId]);
        await copyRelations(tx, mergedId, survivorId, `merge:${m!.id}`);
        return view(m!);
      }),

    list: (survivorId: string) => store.readClient(survivorId, op('client.merge_list', {}), (tx) => listMerges(tx, survivorId)),

    undo: async (mergeId: string) => {
      const [m] = await store.db.query<MergeRow & { household_id: string | null; household_role: MemberRole | null; household_moved: boolean }>(
        `SELECT id, surviving_client_id, merged_client_id, merged_at, undone_at, household_id, household_role, household_moved
         FROM client_merges WHERE id = $1`, [mergeId]);
      if (!m) throw notFound('Samenvoeging niet gevonden / Merge not found');
      return store.changeClient(m.surviving_client_id, op('client.merge_undo', { mergeId, mergedClientId: m.merged_client_id }), async (tx) => {
        if (m.undone_at) throw conflict('Deze samenvoeging is al ongedaan gemaakt / This merge was already undone', 'merge_undone');
        if (!canUndoMerge(new Date(m.merged_at), new Date())) {
          throw conflict(`Een samenvoeging kan tot ${MERGE_UNDO_DAYS} dagen worden teruggedraaid / A merge can be undone for ${MERGE_UNDO_DAYS} days`, 'merge_final');
        }
        const [u] = await tx.query<MergeRow>(`UPDATE client_merges SET undone_at = now(), undone_by = $2 WHERE id = $1
          RETURNING id, surviving_client_id, merged_client_id, merged_at, undone_at`, [mergeId, actor.id]);
        await tx.query('UPDATE clients SET merged_into = NULL, updated_at = now() WHERE id = $1', [m.merged_client_id]);
        await endRelations(tx, m.surviving_client_id, `merge:${mergeId}`);
        if (m.household_id && m.household_role) {
          await unmergeMembership(tx, m.merged_client_id, m.surviving_client_id, { householdId: m.household_id, role: m.household_role, moved: m.household_moved });
        }
        await writeAudit(tx, store.ctx, { action: 'client.merge_undone', activity: ProcessingActivity.ClientRegistration, outcome: 'success', clientId: m.merged_client_id, details: { mergeId } });
        return view(u!);
      });
    },
  };
}
