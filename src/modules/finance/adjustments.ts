/**
 * Bijstellingen: how a document such as a Voorjaarsnota changes the adopted budget of a task
 * field, per year (DOMAIN.md §6). Starting budget, the Omissie round, one line per adjustment,
 * ending in "Begroting na wijzigingen", which must equal the overview's Saldo. Pure: no I/O.
 * Sign: + improves the saldo, − worsens it. Amounts in euro cents.
 */
import { type Overview, toThousands } from './budget.ts';

export const AdjustmentCategory = {
  Budget: 'Begroting',
  Omission: 'Omissie',
  Intensification: 'Intensiveringen',
  UnavoidableEstimate: 'Ramingsbijstellingen onvermijdelijk',
  AvoidableEstimate: 'Ramingsbijstellingen vermijdbaar',
  Reserves: 'Reserves',
  TaskChange: 'Taakmutaties',
  TechnicalChange: 'Technische wijzigingen',
} as const;
export type AdjustmentCategory = (typeof AdjustmentCategory)[keyof typeof AdjustmentCategory];

/** A category as written in a file, any case; undefined if unknown. */
export function findCategory(text: string): AdjustmentCategory | undefined {
  const wanted = text.trim().replace(/\s+/g, ' ').toLowerCase();
  return Object.values(AdjustmentCategory).find((c) => c.toLowerCase() === wanted);
}

export const ADJUSTED_BUDGET_LABEL = 'Begroting na wijzigingen';

/** One amount of one adjustment line in one year. */
export interface Adjustment {
  taskField: string;
  document: string;
  description: string;
  category: AdjustmentCategory;
  year: number;
  amountCents: number;
}

export interface AdjustmentRow {
  label: string;
  /** null on the computed "Begroting na wijzigingen". */
  category: AdjustmentCategory | null;
  /** Per year, in euro cents; a year the line has no amount for counts as 0. */
  values: number[];
}

export const ReconciliationStatus = { Ok: 'ok', Mismatch: 'mismatch', NoColumn: 'no-column' } as const;
export type ReconciliationStatus = (typeof ReconciliationStatus)[keyof typeof ReconciliationStatus];

/** "Begroting na wijzigingen" of one year against the overview's Saldo of that year. */
export interface Reconciliation {
  year: number;
  /** The overview column compared with, or null when the overview has none for the year. */
  column: string | null;
  adjustedCents: number;
  balanceCents: number | null;
  status: ReconciliationStatus;
}

export interface AdjustmentTable {
  taskField: string;
  document: string;
  years: number[];
  rows: AdjustmentRow[];
  reconciliation: Reconciliation[];
}

/** Published figures are rounded per line: totals may differ by 1 (× €1.000) and still agree. */
export const ROUNDING_TOLERANCE_THOUSANDS = 1;

/** The documents (e.g. "Voorjaarsnota 2021") named for a task field, in file order. */
export function documentsOf(adjustments: readonly Adjustment[], taskField: string): string[] {
  return [...new Set(adjustments.filter((a) => a.taskField === taskField).map((a) => a.document))];
}

const startOrder: Partial<Record<AdjustmentCategory, number>> = { Begroting: 0, Omissie: 1 };

/**
 * The adjustments table of one document: starting budget rows first, then Omissie, then the
 * adjustment lines in file order (one row per description and category), then the computed
 * "Begroting na wijzigingen"; reconciled with `overview` when given.
 */
export function buildAdjustmentTable(adjustments: readonly Adjustment[], taskField: string, document: string,
  overview?: Overview): AdjustmentTable {
  const own = adjustments.filter((a) => a.taskField === taskField && a.document === document);
  const years = [...new Set(own.map((a) => a.year))].sort((a, b) => a - b);
  const rows = new Map<string, AdjustmentRow>();
  for (const a of own) {
    const id = `${a.category}\u0000${a.description}`;
    const row = rows.get(id) ?? { label: a.description, category: a.category, values: years.map(() => 0) };
    rows.set(id, row);
    row.values[years.indexOf(a.year)]! += a.amountCents;
  }
  const ordered = [...rows.values()].map((r, i) => ({ r, i }))
    .sort((a, b) => (startOrder[a.r.category!] ?? 2) - (startOrder[b.r.category!] ?? 2) || a.i - b.i).map((x) => x.r);
  const adjusted = years.map((_, j) => ordered.reduce((s, r) => s + r.values[j]!, 0));
  ordered.push({ label: ADJUSTED_BUDGET_LABEL, category: null, values: adjusted });
  const reconciliation = overview ? reconcile(years, adjusted, overview) : [];
  return { taskField, document, years, rows: ordered, reconciliation };
}

/**
 * Compares each year's adjusted budget with the overview's Saldo in the budget (or forecast)
 * column of that year — the last one when there are several, never a Realisatie column.
 */
export function reconcile(years: readonly number[], adjustedCents: readonly number[], overview: Overview): Reconciliation[] {
  const balance = overview.rows.find((r) => r.key === 'balance');
  return years.map((year, j) => {
    const adjusted = adjustedCents[j]!;
    let col = -1;
    overview.columns.forEach((c, i) => { if (c.year === year && c.kind !== 'Realisatie') col = i; });
    if (col < 0 || !balance) return { year, column: null, adjustedCents: adjusted, balanceCents: null, status: ReconciliationStatus.NoColumn };
    const saldo = balance.values[col]!;
    const off = Math.abs(toThousands(adjusted) - toThousands(saldo)) > ROUNDING_TOLERANCE_THOUSANDS;
    return { year, column: overview.columns[col]!.label, adjustedCents: adjusted, balanceCents: saldo,
      status: off ? ReconciliationStatus.Mismatch : ReconciliationStatus.Ok };
  });
}
