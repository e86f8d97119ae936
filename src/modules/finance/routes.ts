import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { buildOverview } from './budget.ts';
import { buildAdjustmentTable } from './adjustments.ts';
import { type CsvProblem, parseAdjustments, parseBudgetLines } from './budget-csv.ts';
import { adjustmentsJson, adjustmentsTitle, overviewJson, overviewTitle, renderCsv } from './render.ts';
import { xlsx } from './xlsx.ts';
import { adjustmentsOf, budgetLinesOf, listBudgetDocuments, replaceAdjustments, replaceBudgetLines } from './budget-store.ts';
import { BudgetDocument, BudgetImport, BudgetQuery, BudgetView, CsvBody } from './schemas.ts';

/** All or nothing: the first bad row in the detail, every bad row (line and field) in `errors`. */
function refuseFile(problems: CsvProblem[]): never {
  const first = problems[0]!;
  const [nl, en = nl] = first.message.split(' / ');
  throw new AppError('csv_invalid', 400,
    `Regel ${first.line}, kolom '${first.field}': ${nl}. Niets ingelezen. / Line ${first.line}, field '${first.field}': ${en}. Nothing imported.`,
    first.field, { line: first.line, errors: problems });
}

/** The overview and adjustments of one task field in one document, computed from the stored lines. */
async function budgetOf(q: Queryable, taskField: string, document: string) {
  const [lines, adjustments] = [await budgetLinesOf(q, taskField, document), await adjustmentsOf(q, taskField, document)];
  if (!lines.length && !adjustments.length) throw notFound('Geen begroting voor dit taakveld en document / No budget for this task field and document');
  const overview = lines.length ? buildOverview(lines, taskField) : undefined;
  const table = adjustments.length ? buildAdjustmentTable(adjustments, taskField, document, overview) : undefined;
  return { overview, table };
}

/**
 * The task field's budget (issue 19, docs/finance.md): import the overview's leaf lines and a
 * document's adjustments from CSV, read them back as the council documents lay them out.
 * Not client data; imports are audited as administration.
 */
export const financeRoutes = fp(async (app: FastifyInstance) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['finance'];
  const admin = (action: string, details: Record<string, unknown>) => ({ action, activity: ProcessingActivity.Administration, details });

  r.post('/api/v1/budget-lines/imports', {
    config: { permission: 'budget.import' },
    schema: {
      tags, summary: 'Import the leaf lines of "Overzicht van baten en lasten" of a document from CSV (taakveld;kolom;regel;bedrag or bedrag_eur); '
        + 'replaces the document\'s lines of every task field in the file; all or nothing',
      querystring: z.object({ document: z.string().min(1).max(200) }), body: CsvBody, response: { 200: BudgetImport },
    },
  }, async (req) => {
    const parsed = parseBudgetLines(req.body);
    if (!parsed.ok) refuseFile(parsed.problems);
    const { document } = req.query;
    const taskFields = [...new Set(parsed.rows.map((l) => l.taskField))];
    const removed = await req.store.change(admin('budget_lines.import', { document, taskFields, count: parsed.rows.length }),
      (tx) => replaceBudgetLines(tx, document, parsed.rows),
      (n) => admin('budget_lines.import', { document, taskFields, count: parsed.rows.length, removed: n }));
    return { imported: parsed.rows.length, removed, budgets: taskFields.map((taskField) => ({ taskField, document })) };
  });

  r.post('/api/v1/budget-adjustments/imports', {
    config: { permission: 'budget.import' },
    schema: {
      tags, summary: 'Import adjustments (bijstellingen) from CSV (taakveld;document;omschrijving;categorie;jaar;bedrag or bedrag_eur); '
        + 'replaces the adjustments of every task field and document in the file; all or nothing',
      body: CsvBody, response: { 200: BudgetImport },
    },
  }, async (req) => {
    const parsed = parseAdjustments(req.body);
    if (!parsed.ok) refuseFile(parsed.problems);
    const budgets = [...new Map(parsed.rows.map((a) => [`${a.taskField}\u0000${a.document}`, { taskField: a.taskField, document: a.document }])).values()];
    const removed = await req.store.change(admin('budget_adjustments.import', { budgets, count: parsed.rows.length }),
      (tx) => replaceAdjustments(tx, parsed.rows),
      (n) => admin('budget_adjustments.import', { budgets, count: parsed.rows.length, removed: n }));
    return { imported: parsed.rows.length, removed, budgets };
  });

  r.get('/api/v1/budget-documents', {
    config: { permission: 'budget.read' },
    schema: { tags, summary: 'The task fields and documents that have budget lines or adjustments', response: { 200: z.array(BudgetDocument) } },
  }, async () => listBudgetDocuments(app.db));

  r.get('/api/v1/budget-overview', {
    config: { permission: 'budget.read' },
    schema: { tags, summary: 'The overview (baten en lasten) and adjustments of a task field in a document, × €1.000, subtotals and saldi computed',
      querystring: BudgetQuery, response: { 200: BudgetView } },
  }, async (req) => {
    const { taskField, document } = req.query;
    const { overview, table } = await budgetOf(app.db, taskField, document);
    return { taskField, document, overview: overview ? overviewJson(overview) : null, adjustments: table ? adjustmentsJson(table) : null };
  });

  r.get('/api/v1/budget-overview.csv', {
    config: { permission: 'budget.read' },
    schema: { tags, summary: 'The same tables as CSV (semicolons, UTF-8, × €1.000)', querystring: BudgetQuery, response: { 200: z.string() } },
  }, async (req, reply) => {
    const { taskField, document } = req.query;
    const { overview, table } = await budgetOf(app.db, taskField, document);
    const name = `begroting-${taskField}-${document}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`)
      .send(renderCsv(overview ?? buildOverview([], taskField), table));
  });

  r.get('/api/v1/budget-overview.xlsx', {
    config: { permission: 'budget.read' },
    schema: { tags, summary: 'The same tables as an Excel workbook (XLSX): one sheet per table, × €1.000', querystring: BudgetQuery },
  }, async (req, reply) => {
    const { taskField, document } = req.query;
    const { overview, table } = await budgetOf(app.db, taskField, document);
    const sheets = [];
    if (overview) {
      const o = overviewJson(overview);
      sheets.push({ name: 'Overzicht', rows: [[`${overviewTitle(overview)} (× €1.000)`, ...o.columns], ...o.rows.map((r) => [r.label, ...r.values])] });
    }
    if (table) {
      const a = adjustmentsJson(table);
      sheets.push({ name: 'Bijstellingen', rows: [[`${adjustmentsTitle(table)} (× €1.000)`, 'Categorie', ...a.columns],
        ...a.rows.map((r) => [r.label, r.category ?? '', ...r.values])] });
    }
    const name = `begroting-${taskField}-${document}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}.xlsx"`).send(xlsx(sheets));
  });
});
