/**
 * Statistical disclosure control for every figure Wegwijs shows (issue 19, docs/monitor.md).
 * Figures are aggregates, never persons; a small cell could still point at one person
 * ("the one home visit in Charlois last week"), so:
 *
 * 1. Primary suppression: a cell about 1–4 clients is not shown; the API sends `null`, the
 *    UI prints "< 5". Zero is shown: it is about nobody.
 * 2. Against computing a hidden cell back from its total (total − the other cells), every
 *    shown count is rounded to a multiple of 5 (totals too, each rounded on its own). With
 *    every neighbour and the total off by up to 2, the difference always leaves at least two
 *    possible values for a hidden cell. This is simpler than secondary suppression (no search
 *    for complementary cells across tables sharing a total) and stays correct when several
 *    breakdowns of one total are shown side by side.
 * 3. Derived figures follow the cells they come from: a share (% within norm) is shown only
 *    when neither its part nor the rest is a hidden cell; a median or p90 only over at least
 *    5 clients.
 *
 * Pure: no I/O, so the server and the UI use the same rule.
 */

/** Cells about fewer clients than this are suppressed. */
export const MIN_CELL = 5;
/** Shown counts are rounded to a multiple of this. */
export const ROUND_TO = 5;

/** A count as shown: rounded, or null when it is about 1–4 clients ("< 5"). */
export type ShownCount = number | null;

const isSmall = (n: number) => n > 0 && n < MIN_CELL;

/**
 * The count to show for a cell of `count` items about `persons` clients (the same number when
 * each item is one client). A cell of 12 contacts by 2 clients is still about 2 clients.
 */
export function shownCount(count: number, persons: number = count): ShownCount {
  if (count === 0) return 0;
  if (isSmall(persons) || isSmall(count)) return null;
  return Math.round(count / ROUND_TO) * ROUND_TO;
}

/** Percentage (whole number) of `part` in `whole`, or null when the part or the rest is a hidden cell, or nothing to divide. */
export function shownShare(part: number, whole: number): number | null {
  if (whole === 0 || isSmall(part) || isSmall(whole - part) || isSmall(whole)) return null;
  return Math.round((100 * part) / whole);
}

/** A statistic over the items of a cell (median, p90): only over at least MIN_CELL clients. */
export function shownStatistic(value: number | null, persons: number): number | null {
  return persons >= MIN_CELL ? value : null;
}

/** Percentile (0–100) by the nearest-rank method: a value that occurs, no interpolation. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** The rule in words, for the API response and the text under each table. */
export const disclosureRule = { minCell: MIN_CELL, roundTo: ROUND_TO } as const;
