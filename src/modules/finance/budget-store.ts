import type { Queryable } from '../../platform/db.ts';
import type { BudgetLine, LeafLine } from './budget.ts';
import type { Adjustment, AdjustmentCategory } from './adjustments.ts';

/**
 * The SQL of budget lines and adjustments (migration 200). An import replaces what a file covers
 * — every line of its task fields in the given document, every adjustment of its task field and
 * document pairs — so importing a corrected file twice leaves one copy.
 */

/** Imports queue behind each other (transaction-scoped advisory lock): two at once would both delete, then collide on insert. */
const lockBudget = (q: Queryable) => q.query(`SELECT pg_advisory_xact_lock(7513200)`);

export type BudgetDocument = { taskField: string; document: string; lines: number; adjustments: number };

/** Replaces the overview lines of each task field in the file, for this document. Returns the lines removed. */
export async function replaceBudgetLines(tx: Queryable, document: string, lines: readonly BudgetLine[]): Promise<number> {
  await lockBudget(tx);
  let removed = 0;
  for (const taskField of new Set(lines.map((l) => l.taskField))) {
    removed += (await tx.query(`DELETE FROM budget_lines WHERE task_field = $1 AND document = $2 RETURNING line`, [taskField, document])).length;
  }
  for (const l of lines) {
    await tx.query(`INSERT INTO budget_lines (task_field, document, column_label, line, label, amount_cents) VALUES ($1, $2, $3, $4, $5, $6)`,
      [l.taskField, document, l.column, l.line, l.label, l.amountCents]);
  }
  return removed;
}

/** Replaces the adjustments of each task field and document in the file. Returns the amounts removed. */
export async function replaceAdjustments(tx: Queryable, adjustments: readonly Adjustment[]): Promise<number> {
  await lockBudget(tx);
  let removed = 0;
  const pairs = new Map(adjustments.map((a) => [`${a.taskField}\u0000${a.document}`, a]));
  for (const a of pairs.values()) {
    removed += (await tx.query(`DELETE FROM budget_adjustments WHERE task_field = $1 AND document = $2 RETURNING year`, [a.taskField, a.document])).length;
  }
  let position = 0;
  for (const a of adjustments) {
    await tx.query(`INSERT INTO budget_adjustments (task_field, document, description, category, year, amount_cents, position)
      VALUES ($1, $2, $3, $4, $5, $6, $7)`, [a.taskField, a.document, a.description, a.category, a.year, a.amountCents, position++]);
  }
  return removed;
}

/** The task fields and documents that have budget data, with how many amounts of each kind. */
export const listBudgetDocuments = (q: Queryable) => q.query<BudgetDocument>(`
  SELECT task_field AS "taskField", document, sum(lines)::int AS lines, sum(adjustments)::int AS adjustments FROM (
    SELECT task_field, document, count(*) AS lines, 0 AS adjustments FROM budget_lines GROUP BY 1, 2
    UNION ALL
    SELECT task_field, document, 0, count(*) FROM budget_adjustments GROUP BY 1, 2
  ) x GROUP BY 1, 2 ORDER BY 1, 2`);

export async function budgetLinesOf(q: Queryable, taskField: string, document: string): Promise<BudgetLine[]> {
  const rows = await q.query<{ column: string; line: string; label: string; amountCents: number }>(
    `SELECT column_label AS "column", line, label, amount_cents AS "amountCents" FROM budget_lines WHERE task_field = $1 AND document = $2`,
    [taskField, document]);
  return rows.map((r) => ({ taskField, column: r.column, line: r.line as LeafLine, label: r.label, amountCents: Number(r.amountCents) }));
}

export async function adjustmentsOf(q: Queryable, taskField: string, document: string): Promise<Adjustment[]> {
  const rows = await q.query<{ description: string; category: string; year: number; amountCents: number }>(
    `SELECT description, category, year, amount_cents AS "amountCents" FROM budget_adjustments
     WHERE task_field = $1 AND document = $2 ORDER BY position`, [taskField, document]);
  return rows.map((r) => ({ taskField, document, description: r.description, category: r.category as AdjustmentCategory, year: r.year,
    amountCents: Number(r.amountCents) }));
}
