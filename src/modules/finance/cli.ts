/**
 * `wegwijs finance render --lines <overview.csv> [--adjustments <adjustments.csv>] --format json|csv|md`:
 * prints the task field's budget tables from CSV files, without a database.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildOverview, taskFieldsOf } from './budget.ts';
import { type Adjustment, type AdjustmentTable, buildAdjustmentTable, documentsOf } from './adjustments.ts';
import { type CsvProblem, type Parsed, parseAdjustments, parseBudgetLines } from './budget-csv.ts';
import { reconciliationProblems, render, RenderFormat } from './render.ts';

export const FINANCE_HELP = `wegwijs finance render --lines <overview.csv> [--adjustments <adjustments.csv>] [--format json|csv|md]
                       [--task-field "Wijkteams en Wmo-loketten"] [--document "Voorjaarsnota 2021"]
  Prints "Overzicht van baten en lasten" (and the Bijstellingen table) as the council documents lay them
  out, × €1.000, subtotals and saldi computed. overview.csv: taakveld;kolom;regel;bedrag,
  adjustments.csv: taakveld;document;omschrijving;categorie;jaar;bedrag ('bedrag_eur' for euros).
  Exit code 1 when a file has errors (each printed with its line), 2 on wrong usage.`;

interface Io { out: (s: string) => void; err: (s: string) => void }
const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

const parseFinanceArgs = (argv: string[]) => parseArgs({ args: argv, allowPositionals: true, options: {
  lines: { type: 'string' }, adjustments: { type: 'string' }, format: { type: 'string', default: RenderFormat.Markdown },
  'task-field': { type: 'string' }, document: { type: 'string' }, help: { type: 'boolean', short: 'h' },
} });

/** Runs the finance command; returns the exit code. */
export function financeCommand(argv: string[], io: Io = stdio): number {
  let parsed: ReturnType<typeof parseFinanceArgs>;
  try {
    parsed = parseFinanceArgs(argv);
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${FINANCE_HELP}\n`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (values.help) { io.out(`${FINANCE_HELP}\n`); return 0; }
  const usage = (message: string) => { io.err(`${message}\n\n${FINANCE_HELP}\n`); return 2; };
  if (positionals[0] !== 'render') return usage(`Unknown finance command '${positionals[0] ?? ''}'.`);
  if (!values.lines) return usage('finance render needs --lines <overview.csv>.');
  const format = values.format as RenderFormat;
  if (!Object.values(RenderFormat).includes(format)) return usage(`--format must be json, csv or md, not '${values.format}'.`);

  const read = (path: string) => {
    try { return readFileSync(path, 'utf8'); } catch (e) { io.err(`Cannot read ${path}: ${(e as Error).message}\n`); return undefined; }
  };
  const report = (path: string, problems: CsvProblem[]) =>
    io.err(`${path}: ${problems.length} error(s), nothing read:\n${problems.map((p) => `  ${path}:${p.line}: ${p.field}: ${p.message}`).join('\n')}\n`);

  const linesText = read(values.lines);
  if (linesText === undefined) return 1;
  const lines = parseBudgetLines(linesText);
  if (!lines.ok) { report(values.lines, lines.problems); return 1; }
  let adjustments: Parsed<Adjustment> | undefined;
  if (values.adjustments) {
    const text = read(values.adjustments);
    if (text === undefined) return 1;
    adjustments = parseAdjustments(text);
    if (!adjustments.ok) { report(values.adjustments, adjustments.problems); return 1; }
  }

  const fields = taskFieldsOf(lines.rows);
  const taskField = values['task-field'] ?? (fields.length === 1 ? fields[0] : undefined);
  if (!taskField || !fields.includes(taskField)) {
    return usage(`Choose a task field with --task-field; the file has: ${fields.map((f) => `'${f}'`).join(', ')}.`);
  }
  const overview = buildOverview(lines.rows, taskField);
  let table: AdjustmentTable | undefined;
  if (adjustments?.ok) {
    const docs = documentsOf(adjustments.rows, taskField);
    const document = values.document ?? (docs.length === 1 ? docs[0] : undefined);
    if (!document || !docs.includes(document)) {
      return usage(`Choose a document with --document; the adjustments file has for '${taskField}': ${docs.map((d) => `'${d}'`).join(', ') || 'none'}.`);
    }
    table = buildAdjustmentTable(adjustments.rows, taskField, document, overview);
    // A mismatch is printed in the output too; stderr makes it visible when the output is piped away.
    for (const p of reconciliationProblems(table)) io.err(`warning: ${p}\n`);
  }
  io.out(render(format, overview, table));
  return 0;
}
