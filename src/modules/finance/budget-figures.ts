import type { Queryable } from '../../platform/db.ts';

/**
 * What the budget holds for one leaf line in one column (e.g. `purchases`, "Begroting 2026"),
 * summed over every task field, from the latest imported document that has that column; null
 * when no document has it. For steering pages that set spend against the budget.
 */
export async function budgetedCents(q: Queryable, line: string, column: string): Promise<{ cents: number; document: string } | null> {
  const [row] = await q.query<{ document: string; cents: string }>(
    `SELECT document, sum(amount_cents)::text AS cents FROM budget_lines WHERE line = $1 AND column_label = $2
     GROUP BY document ORDER BY max(imported_at) DESC, document LIMIT 1`, [line, column]);
  return row ? { cents: Number(row.cents), document: row.document } : null;
}
