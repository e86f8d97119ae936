import type { Queryable } from '../../platform/db.ts';

/** A stored range, postcodes normalised ('3031AA'). */
export type StoredRange = { id: string; from: string; to: string; districtId: string; districtName: string; version: number };

export const listPostcodeRanges = (q: Queryable) => q.query<StoredRange>(
  `SELECT p.id, p.from_postcode AS "from", p.to_postcode AS "to", p.district_id AS "districtId", d.name AS "districtName", p.version
   FROM postcode_ranges p JOIN districts d ON d.id = p.district_id ORDER BY p.from_postcode`);

/**
 * Changes to the ranges queue behind each other (transaction-scoped advisory lock), so two imports
 * or edits cannot each pass the overlap check and together overlap.
 */
export const lockPostcodeRanges = (q: Queryable) => q.query(`SELECT pg_advisory_xact_lock(7513015)`);

export const deleteAllPostcodeRanges = (q: Queryable) => q.query('DELETE FROM postcode_ranges');

export const insertPostcodeRange = (q: Queryable, r: { from: string; to: string; districtId: string }) =>
  q.query('INSERT INTO postcode_ranges (from_postcode, to_postcode, district_id) VALUES ($1,$2,$3)', [r.from, r.to, r.districtId]);

/** Changes a range if it is still at `version` (If-Match); the new version, or undefined (gone or changed meanwhile). */
export async function updatePostcodeRange(q: Queryable, id: string, r: { from: string; to: string; districtId: string }, version: number): Promise<number | undefined> {
  const [row] = await q.query<{ version: number }>('UPDATE postcode_ranges SET from_postcode=$2, to_postcode=$3, district_id=$4, version = version + 1 WHERE id=$1 AND version=$5 RETURNING version',
    [id, r.from, r.to, r.districtId, version]);
  return row?.version;
}

export async function deletePostcodeRange(q: Queryable, id: string): Promise<boolean> {
  return (await q.query('DELETE FROM postcode_ranges WHERE id=$1 RETURNING id', [id])).length > 0;
}
