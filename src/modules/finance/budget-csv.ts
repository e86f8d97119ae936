/**
 * Reading budget files: UTF-8, `;` separated, a header row, Dutch number format allowed
 * ("2.751", "-977", "1.234,5"). The `bedrag` column is in thousands of euros as the council
 * documents print them; a `bedrag_eur` column holds euros. Every bad row is reported with its
 * line number and field, and a file with any error yields nothing (all or nothing). Messages
 * are 'Dutch / English', as the API's problems are.
 */
import { type BudgetLine, findLine, isTotalLine, type LeafLine, parseColumn } from './budget.ts';
import { type Adjustment, AdjustmentCategory, findCategory } from './adjustments.ts';

export interface CsvProblem {
  /** 1-based line in the file (the header is line 1); 0 for a problem of the whole file. */
  line: number;
  field: string;
  message: string;
}

export type Parsed<T> = { ok: true; rows: T[] } | { ok: false; problems: CsvProblem[] };

interface CsvRecord { line: number; fields: string[] }

/** Splits `;`-separated text into records; a field in double quotes may hold `;`, quotes ("") and newlines. */
export function splitCsv(text: string): CsvRecord[] {
  const src = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; field += ch; }
      continue;
    }
    if (ch === '"' && field === '') { quoted = true; any = true; }
    else if (ch === ';') { fields.push(field); field = ''; any = true; }
    else if (ch === '\r') { /* CRLF: the \n ends the record */ }
    else if (ch === '\n') {
      if (any || field !== '') records.push({ line: start, fields: [...fields, field] });
      fields = []; field = ''; any = false; line++; start = line;
    } else { field += ch; any = true; }
  }
  if (any || field !== '') records.push({ line: start, fields: [...fields, field] });
  return records;
}

export const AmountUnit = { Thousands: 'bedrag', Euros: 'bedrag_eur' } as const;
export type AmountUnit = (typeof AmountUnit)[keyof typeof AmountUnit];

/**
 * A Dutch (or plain) number to euro cents. A comma is the decimal sign; dots only group
 * thousands ("1.234"), so "1.5" is refused as ambiguous rather than guessed.
 */
export function parseAmount(text: string, unit: AmountUnit): number | string {
  const t = text.trim().replace(/\u2212/g, '-').replace(/^\+/, '');
  const m = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/.exec(t);
  if (!m) {
    if (/^-?\d+\.\d+$/.test(t)) return `'${text}' is dubbelzinnig: schrijf decimalen met een komma (1.234,5) en punten alleen tussen duizendtallen / '${text}' is ambiguous: write decimals with a comma (1.234,5) and dots only between thousands`;
    return `'${text}' is geen bedrag (bijv. 2.751, -977 of 1.234,5) / '${text}' is not an amount (e.g. 2.751, -977 or 1.234,5)`;
  }
  const scale = unit === AmountUnit.Thousands ? 100_000 : 100;
  const whole = Number(m[2]!.replaceAll('.', ''));
  const frac = m[3] ? Number(`0.${m[3]}`) : 0;
  const cents = Math.round(whole * scale + frac * scale);
  if (!Number.isSafeInteger(cents)) return `'${text}' is te groot / '${text}' is too large`;
  return m[1] ? -cents || 0 : cents;
}

/** Checks the header names (any case, any order) and says which column holds the amount. */
function readHeader(record: CsvRecord | undefined, wanted: readonly string[]):
  { index: Record<string, number>; unit: AmountUnit } | CsvProblem[] {
  if (!record) return [{ line: 0, field: 'header', message: 'het bestand is leeg; verwacht een kopregel / the file is empty; expected a header row' }];
  const names = record.fields.map((f) => f.trim().toLowerCase());
  const index: Record<string, number> = {};
  const problems: CsvProblem[] = [];
  for (const w of wanted) {
    const i = names.indexOf(w);
    if (i < 0) problems.push({ line: record.line, field: w, message: `de kopregel mist de kolom '${w}' / the header has no column '${w}'` });
    else index[w] = i;
  }
  const thousands = names.indexOf(AmountUnit.Thousands);
  const euros = names.indexOf(AmountUnit.Euros);
  if ((thousands < 0) === (euros < 0)) {
    problems.push({ line: record.line, field: 'bedrag', message: "de kopregel heeft precies één van 'bedrag' (× €1.000) en 'bedrag_eur' (euro) nodig / the header needs exactly one of 'bedrag' (× €1.000) and 'bedrag_eur' (euros)" });
  }
  if (problems.length) return problems;
  const unit = thousands >= 0 ? AmountUnit.Thousands : AmountUnit.Euros;
  index.amount = thousands >= 0 ? thousands : euros;
  return { index, unit };
}

function readRows<T>(text: string, wanted: readonly string[],
  row: (get: (name: string) => string, line: number, problem: (field: string, message: string) => void, unit: AmountUnit) => T | undefined): Parsed<T> {
  const [header, ...records] = splitCsv(text);
  const h = readHeader(header, wanted);
  if (Array.isArray(h)) return { ok: false, problems: h };
  const problems: CsvProblem[] = [];
  const rows: T[] = [];
  if (!records.length) problems.push({ line: 0, field: 'file', message: 'het bestand heeft een kopregel maar geen regels / the file has a header but no rows' });
  for (const r of records) {
    const get = (name: string) => (r.fields[h.index[name]!] ?? '').trim();
    const before = problems.length;
    const problem = (field: string, message: string) => problems.push({ line: r.line, field, message });
    if (r.fields.length !== header!.fields.length) {
      problem('row', `${header!.fields.length} velden gescheiden door ';' verwacht, ${r.fields.length} gevonden / expected ${header!.fields.length} fields separated by ';', found ${r.fields.length}`);
      continue;
    }
    const value = row(get, r.line, problem, h.unit);
    if (problems.length === before && value !== undefined) rows.push(value);
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

function amountField(get: (n: string) => string, unit: AmountUnit, problem: (f: string, m: string) => void): number | undefined {
  const raw = get('amount');
  if (!raw) { problem(unit, 'geen bedrag / no amount'); return undefined; }
  const a = parseAmount(raw, unit);
  if (typeof a === 'string') { problem(unit, a); return undefined; }
  return a;
}

/** Overview lines: `taakveld;kolom;regel;bedrag` (or `bedrag_eur`). */
export function parseBudgetLines(text: string): Parsed<BudgetLine> {
  const seen = new Map<string, number>();
  return readRows(text, ['taakveld', 'kolom', 'regel'], (get, line, problem, unit) => {
    const taskField = get('taakveld');
    if (!taskField) problem('taakveld', 'geen taakveld / no task field');
    const column = parseColumn(get('kolom'));
    if (!column) problem('kolom', `'${get('kolom')}' is geen kolom zoals 'Realisatie 2019', 'Begroting 2021' of 'Raming 2022' / '${get('kolom')}' is not a column such as 'Realisatie 2019', 'Begroting 2021' or 'Raming 2022'`);
    const found = findLine(get('regel'));
    if (!found) problem('regel', `'${get('regel')}' is geen bekende regel van het overzicht / '${get('regel')}' is not a known line of the overview`);
    else if (isTotalLine(found.key)) problem('regel', `'${get('regel')}' wordt berekend uit de andere regels; laat hem weg uit het bestand / '${get('regel')}' is computed from the other lines; leave it out of the file`);
    const amountCents = amountField(get, unit, problem);
    if (!taskField || !column || !found || isTotalLine(found.key) || amountCents === undefined) return undefined;
    const id = `${taskField}\u0000${column.label}\u0000${found.key}`;
    const earlier = seen.get(id);
    if (earlier) { problem('regel', `'${get('regel')}' in '${column.label}' staat al op regel ${earlier} / '${get('regel')}' in '${column.label}' is already on line ${earlier}`); return undefined; }
    seen.set(id, line);
    return { taskField, column: column.label, line: found.key as LeafLine, label: found.label, amountCents };
  });
}

/** Adjustment lines: `taakveld;document;omschrijving;categorie;jaar;bedrag` (or `bedrag_eur`). */
export function parseAdjustments(text: string): Parsed<Adjustment> {
  const seen = new Map<string, number>();
  return readRows(text, ['taakveld', 'document', 'omschrijving', 'categorie', 'jaar'], (get, line, problem, unit) => {
    const taskField = get('taakveld');
    if (!taskField) problem('taakveld', 'geen taakveld / no task field');
    const document = get('document');
    if (!document) problem('document', "geen document (bijv. 'Voorjaarsnota 2021') / no document (e.g. 'Voorjaarsnota 2021')");
    const description = get('omschrijving');
    if (!description) problem('omschrijving', 'geen omschrijving / no description');
    const category = findCategory(get('categorie'));
    if (!category) problem('categorie', `'${get('categorie')}' is niet een van: ${Object.values(AdjustmentCategory).join(', ')} / '${get('categorie')}' is not one of these categories`);
    const year = /^\d{4}$/.test(get('jaar')) ? Number(get('jaar')) : undefined;
    if (!year) problem('jaar', `'${get('jaar')}' is geen jaartal / '${get('jaar')}' is not a year`);
    const amountCents = amountField(get, unit, problem);
    if (!taskField || !document || !description || !category || !year || amountCents === undefined) return undefined;
    const id = [taskField, document, category, description, year].join('\u0000');
    const earlier = seen.get(id);
    if (earlier) { problem('omschrijving', `'${description}' (${category}) voor ${year} staat al op regel ${earlier} / '${description}' (${category}) for ${year} is already on line ${earlier}`); return undefined; }
    seen.set(id, line);
    return { taskField, document, description, category, year, amountCents };
  });
}
