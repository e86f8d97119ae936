import { z } from 'zod';

/** A table as the council documents print it, × €1.000 (render.ts: overviewJson). */
export const OverviewTable = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.object({ label: z.string(), values: z.array(z.number().int()) })),
});
export type OverviewTable = z.infer<typeof OverviewTable>;

export const AdjustmentsTable = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.object({ label: z.string(), category: z.string().nullable(), values: z.array(z.number().int()) })),
  reconciliation: z.array(z.object({
    year: z.string(), column: z.string().nullable(), adjusted: z.number().int(), saldo: z.number().int().nullable(),
    difference: z.number().int().nullable(), status: z.enum(['ok', 'mismatch', 'no-column']),
  })),
});

export const BudgetView = z.object({
  taskField: z.string(),
  document: z.string(),
  overview: OverviewTable.nullable(),
  adjustments: AdjustmentsTable.nullable(),
});
export type BudgetView = z.infer<typeof BudgetView>;

export const BudgetDocument = z.object({ taskField: z.string(), document: z.string(), lines: z.number().int(), adjustments: z.number().int() });

export const BudgetQuery = z.object({ taskField: z.string().min(1).max(200), document: z.string().min(1).max(200) });

export const BudgetImport = z.object({
  imported: z.number().int(),
  removed: z.number().int(),
  budgets: z.array(z.object({ taskField: z.string(), document: z.string() })),
});

export const CsvBody = z.string().min(1).max(2_000_000);
