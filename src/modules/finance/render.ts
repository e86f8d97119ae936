/**
 * The overview and adjustments tables as the council documents lay them out (row labels and
 * order, × €1.000), in three formats: JSON (for programs), CSV (for spreadsheets) and
 * Markdown (for reading). Pure: the CLI and the API both use it.
 */
import { formatThousands, type Overview, toThousands } from './budget.ts';
import type { AdjustmentTable, ReconciliationStatus } from './adjustments.ts';

export const RenderFormat = { Json: 'json', Csv: 'csv', Markdown: 'md' } as const;
export type RenderFormat = (typeof RenderFormat)[keyof typeof RenderFormat];

export interface OverviewJson {
  columns: string[];
  rows: { label: string; values: number[] }[];
}

export interface AdjustmentsJson {
  columns: string[];
  rows: { label: string; category: string | null; values: number[] }[];
  reconciliation: { year: string; column: string | null; adjusted: number; saldo: number | null; difference: number | null; status: ReconciliationStatus }[];
}

export function overviewJson(o: Overview): OverviewJson {
  return {
    columns: o.columns.map((c) => c.label),
    rows: o.rows.map((r) => ({ label: r.label, values: r.values.map(toThousands) })),
  };
}

export function adjustmentsJson(t: AdjustmentTable): AdjustmentsJson {
  return {
    columns: t.years.map(String),
    rows: t.rows.map((r) => ({ label: r.label, category: r.category, values: r.values.map(toThousands) })),
    reconciliation: t.reconciliation.map((r) => {
      const adjusted = toThousands(r.adjustedCents);
      const saldo = r.balanceCents === null ? null : toThousands(r.balanceCents);
      return { year: String(r.year), column: r.column, adjusted, saldo, difference: saldo === null ? null : adjusted - saldo, status: r.status };
    }),
  };
}

export const overviewTitle = (o: Overview) => `Overzicht van baten en lasten ${o.taskField}`;
export const adjustmentsTitle = (t: AdjustmentTable) => `Bijstellingen ${t.document} ${t.taskField}`;

/** One sentence per year whose adjusted budget does not match the overview, for humans. */
export function reconciliationProblems(t: AdjustmentTable): string[] {
  return adjustmentsJson(t).reconciliation.filter((r) => r.status !== 'ok').map((r) => r.status === 'no-column'
    ? `${r.year}: the overview has no budget or forecast column for this year; Begroting na wijzigingen (${formatThousands(r.adjusted)}) is not reconciled`
    : `${r.year}: Begroting na wijzigingen ${formatThousands(r.adjusted)} differs from the Saldo in '${r.column}' (${formatThousands(r.saldo!)}) by ${formatThousands(r.difference!)}`);
}

const csvField = (s: string) => (/[;"\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const csvRow = (cells: (string | number)[]) => cells.map((c) => csvField(String(c))).join(';');

/** CSV: plain integers in thousands (no grouping dots, so every spreadsheet locale reads them). */
export function renderCsv(o: Overview, t?: AdjustmentTable): string {
  const j = overviewJson(o);
  const out = [csvRow([`${overviewTitle(o)} (x 1.000 euro)`, ...j.columns]), ...j.rows.map((r) => csvRow([r.label, ...r.values]))];
  if (t) {
    const a = adjustmentsJson(t);
    out.push('', csvRow([`${adjustmentsTitle(t)} (x 1.000 euro)`, 'categorie', ...a.columns]),
      ...a.rows.map((r) => csvRow([r.label, r.category ?? '', ...r.values])));
  }
  return `${out.join('\n')}\n`;
}

const mdCell = (s: string) => s.replaceAll('|', '\\|');
const mdRow = (cells: string[]) => `| ${cells.map(mdCell).join(' | ')} |`;

/** Markdown: the tables as the reference page prints them, numbers in the documents' format. */
export function renderMarkdown(o: Overview, t?: AdjustmentTable): string {
  const j = overviewJson(o);
  const out = [
    mdRow([overviewTitle(o), ...j.columns]),
    mdRow(['---', ...j.columns.map(() => '---:')]),
    ...j.rows.map((r) => mdRow([r.label, ...r.values.map(formatThousands)])),
    '', 'Bedragen × €1.000.',
  ];
  if (t) {
    const a = adjustmentsJson(t);
    out.push('', mdRow([adjustmentsTitle(t), 'Categorie', ...a.columns]), mdRow(['---', '---', ...a.columns.map(() => '---:')]),
      ...a.rows.map((r) => mdRow([r.label, r.category ?? '', ...r.values.map(formatThousands)])), '', 'Bedragen × €1.000; + verbetert het saldo, − verslechtert het.');
    const problems = reconciliationProblems(t);
    out.push('', problems.length ? `**Aansluiting met het saldo: ${problems.length} verschil(len).**` : 'Begroting na wijzigingen sluit aan op het saldo van het overzicht.',
      ...problems.map((p) => `- ${p}`));
  }
  return `${out.join('\n')}\n`;
}

export function render(format: RenderFormat, o: Overview, t?: AdjustmentTable): string {
  if (format === RenderFormat.Csv) return renderCsv(o, t);
  if (format === RenderFormat.Markdown) return renderMarkdown(o, t);
  return `${JSON.stringify({ overview: overviewJson(o), adjustments: t ? adjustmentsJson(t) : null }, null, 2)}\n`;
}
