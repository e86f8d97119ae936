/**
 * The task field's budget overview: "Overzicht van baten en lasten" as the council documents
 * (begroting, jaarstukken, Voorjaarsnota) print it per taakveld (DOMAIN.md §6). Pure: no I/O.
 *
 * Amounts are integer euro cents everywhere inside Wegwijs, so sums are exact whether a file
 * gave thousands or euros; they are rounded to thousands (× €1.000) only for display.
 * Subtotals and saldi are computed from the leaf lines, never typed in.
 */

/** The leaf lines a file may hold. Labels: the known spellings, the usual one first. */
export const LeafLine = {
  Contributions: 'contributions',
  OtherIncome: 'otherIncome',
  Hiring: 'hiring',
  OtherApparatus: 'otherApparatus',
  Staff: 'staff',
  InternalResult: 'internalResult',
  Purchases: 'purchases',
  CapitalCharges: 'capitalCharges',
  OtherProgramme: 'otherProgramme',
  ShelteredEmployment: 'shelteredEmployment',
  SocialBenefits: 'socialBenefits',
  Subsidies: 'subsidies',
  CorporateTax: 'corporateTax',
  ReservesWithdrawal: 'reservesWithdrawal',
  ReservesAddition: 'reservesAddition',
  ReservesRelease: 'reservesRelease',
} as const;
export type LeafLine = (typeof LeafLine)[keyof typeof LeafLine];

/** The computed lines (subtotals and saldi). */
export const TotalLine = {
  Income: 'income',
  Expenses: 'expenses',
  Apparatus: 'apparatus',
  InternalResultTotal: 'internalResultTotal',
  Programme: 'programme',
  BalanceBeforeTaxAndReserves: 'balanceBeforeTaxAndReserves',
  BalanceBeforeReserves: 'balanceBeforeReserves',
  Reserves: 'reserves',
  Balance: 'balance',
} as const;
export type TotalLine = (typeof TotalLine)[keyof typeof TotalLine];
export type LineKey = LeafLine | TotalLine;

/**
 * Documents of different years spell some labels differently. Lines in one spelling group
 * follow the spelling the file used for the group's leaf (index into `labels`).
 */
const SpellingGroup = { Apparatus: 'apparatus', Internal: 'internal' } as const;
type SpellingGroup = (typeof SpellingGroup)[keyof typeof SpellingGroup];

interface LineDef {
  key: LineKey;
  labels: readonly string[];
  level: 0 | 1 | 2;
  spelling?: SpellingGroup;
}

const leafLabels: Record<LeafLine, readonly string[]> = {
  contributions: ['Bijdragen rijk en medeoverheden'],
  otherIncome: ['Overige opbrengsten derden'],
  hiring: ['Inhuur'],
  otherApparatus: ['Overige apparaatslasten', 'Overige apparaatlasten'],
  staff: ['Personeel'],
  internalResult: ['Intern resultaat', 'Interne resultaat'],
  purchases: ['Inkopen en uitbestede werkzaamheden'],
  capitalCharges: ['Kapitaallasten'],
  otherProgramme: ['Overige programmalasten'],
  shelteredEmployment: ['Salariskosten WSW en WIW'],
  socialBenefits: ['Sociale uitkeringen'],
  subsidies: ['Subsidies en inkomensoverdrachten'],
  corporateTax: ['Vennootschapsbelasting'],
  reservesWithdrawal: ['Onttrekking reserves'],
  reservesAddition: ['Toevoeging reserves'],
  reservesRelease: ['Vrijval reserves'],
};

const totalLabels: Record<TotalLine, readonly string[]> = {
  income: ['Baten exclusief reserves'],
  expenses: ['Lasten exclusief reserves'],
  apparatus: ['Apparaatslasten', 'Apparaatlasten'],
  internalResultTotal: ['Intern resultaat', 'Interne resultaat'],
  programme: ['Programmalasten'],
  balanceBeforeTaxAndReserves: ['Saldo voor vpb en reserveringen'],
  balanceBeforeReserves: ['Saldo voor reserveringen'],
  reserves: ['Reserves'],
  balance: ['Saldo'],
};

const def = (key: LineKey, level: 0 | 1 | 2, spelling?: SpellingGroup): LineDef =>
  ({ key, level, spelling, labels: key in leafLabels ? leafLabels[key as LeafLine] : totalLabels[key as TotalLine] });

/** The published layout, top to bottom. */
export const overviewLayout: readonly LineDef[] = [
  def('income', 0),
  def('contributions', 1),
  def('otherIncome', 1),
  def('expenses', 0),
  def('apparatus', 1, 'apparatus'),
  def('hiring', 2),
  def('otherApparatus', 2, 'apparatus'),
  def('staff', 2),
  def('internalResultTotal', 1, 'internal'),
  def('internalResult', 2, 'internal'),
  def('programme', 1),
  def('purchases', 2),
  def('capitalCharges', 2),
  def('otherProgramme', 2),
  def('shelteredEmployment', 2),
  def('socialBenefits', 2),
  def('subsidies', 2),
  def('balanceBeforeTaxAndReserves', 0),
  def('corporateTax', 1),
  def('balanceBeforeReserves', 0),
  def('reserves', 0),
  def('reservesWithdrawal', 1),
  def('reservesAddition', 1),
  def('reservesRelease', 1),
  def('balance', 0),
];

const incomeLeaves: readonly LeafLine[] = ['contributions', 'otherIncome'];
const apparatusLeaves: readonly LeafLine[] = ['hiring', 'otherApparatus', 'staff'];
const programmeLeaves: readonly LeafLine[] = ['purchases', 'capitalCharges', 'otherProgramme', 'shelteredEmployment', 'socialBenefits', 'subsidies'];
const reserveLeaves: readonly LeafLine[] = ['reservesWithdrawal', 'reservesAddition', 'reservesRelease'];

/** A group total is printed when the file has at least one of its leaves; main lines always. */
const shownWhenAnyOf: Partial<Record<TotalLine, readonly LeafLine[]>> = {
  apparatus: apparatusLeaves,
  internalResultTotal: ['internalResult'],
  programme: programmeLeaves,
  reserves: reserveLeaves,
};

export function isTotalLine(key: LineKey): key is TotalLine {
  return key in totalLabels;
}

/** Reading a label from a file: the line and the known spelling it matched (any case, any spacing), or undefined. */
export function findLine(label: string): { key: LineKey; label: string } | undefined {
  const wanted = label.trim().replace(/\s+/g, ' ').toLowerCase();
  for (const d of overviewLayout) {
    const i = d.labels.findIndex((l) => l.toLowerCase() === wanted);
    if (i >= 0) {
      // "Intern resultaat" is both a leaf and its group total: in a file it means the leaf.
      if (d.key === 'internalResultTotal') return { key: 'internalResult', label: leafLabels.internalResult[i]! };
      return { key: d.key, label: d.labels[i]! };
    }
  }
  return undefined;
}

export const ColumnKind = { Actual: 'Realisatie', Budget: 'Begroting', Forecast: 'Raming' } as const;
export type ColumnKind = (typeof ColumnKind)[keyof typeof ColumnKind];

export interface OverviewColumn {
  label: string;
  kind: ColumnKind;
  year: number;
}

/** "Realisatie 2019", "Begroting 2021", "Raming 2022" (a suffix such as "na wijziging" is kept). */
export function parseColumn(label: string): OverviewColumn | undefined {
  const m = /^(realisatie|begroting|raming)\s+(\d{4})(\s+\S.*)?$/i.exec(label.trim().replace(/\s+/g, ' '));
  if (!m) return undefined;
  const kind = Object.values(ColumnKind).find((k) => k.toLowerCase() === m[1]!.toLowerCase())!;
  return { kind, year: Number(m[2]), label: `${kind} ${m[2]}${m[3] ?? ''}` };
}

/** One leaf amount: task field × column × leaf line. `label`: the known spelling the file used ("Overige apparaatlasten"). */
export interface BudgetLine {
  taskField: string;
  column: string;
  line: LeafLine;
  label: string;
  amountCents: number;
}

export interface OverviewRow {
  key: LineKey;
  label: string;
  kind: 'leaf' | 'total';
  level: 0 | 1 | 2;
  /** Per column, in euro cents. */
  values: number[];
}

export interface Overview {
  taskField: string;
  columns: OverviewColumn[];
  rows: OverviewRow[];
}

/** Columns in year order; within a year, in the order the file first names them. */
function columnsOf(lines: readonly BudgetLine[]): OverviewColumn[] {
  const seen = new Map<string, OverviewColumn>();
  for (const l of lines) {
    const c = parseColumn(l.column);
    if (c && !seen.has(c.label)) seen.set(c.label, c);
  }
  return [...seen.values()].map((c, i) => ({ c, i })).sort((a, b) => a.c.year - b.c.year || a.i - b.i).map((x) => x.c);
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The computed lines from the leaves of one column (cents). Signs as the documents print them. */
export function computeTotals(leaf: (k: LeafLine) => number): Record<TotalLine, number> {
  const income = sum(incomeLeaves.map(leaf));
  const apparatus = sum(apparatusLeaves.map(leaf));
  const internalResultTotal = leaf('internalResult');
  const programme = sum(programmeLeaves.map(leaf));
  const expenses = apparatus + internalResultTotal + programme;
  const balanceBeforeTaxAndReserves = income - expenses;
  const balanceBeforeReserves = balanceBeforeTaxAndReserves - leaf('corporateTax');
  // Withdrawals and releases add to the saldo, additions take from it.
  const reserves = leaf('reservesWithdrawal') + leaf('reservesRelease') - leaf('reservesAddition');
  return {
    income, expenses, apparatus, internalResultTotal, programme,
    balanceBeforeTaxAndReserves, balanceBeforeReserves, reserves, balance: balanceBeforeReserves + reserves,
  };
}

/** The task fields named in a set of lines, in file order. */
export function taskFieldsOf(lines: readonly { taskField: string }[]): string[] {
  return [...new Set(lines.map((l) => l.taskField))];
}

/**
 * The overview of one task field as the documents lay it out: leaf lines the file has (also
 * all-zero ones, as the documents print them), their group totals, and the saldi.
 */
export function buildOverview(lines: readonly BudgetLine[], taskField: string): Overview {
  const own = lines.filter((l) => l.taskField === taskField);
  const columns = columnsOf(own);
  const present = new Set(own.map((l) => l.line));
  const spelling: Record<SpellingGroup, number> = { apparatus: 0, internal: 0 };
  for (const d of overviewLayout) {
    const first = d.spelling && own.find((l) => l.line === d.key);
    if (d.spelling && first) spelling[d.spelling] = Math.max(0, d.labels.indexOf(first.label));
  }
  const amounts = new Map<string, number>();
  for (const l of own) amounts.set(`${parseColumn(l.column)!.label}\u0000${l.line}`, l.amountCents);
  const totals = columns.map((c) => computeTotals((k) => amounts.get(`${c.label}\u0000${k}`) ?? 0));

  const rows: OverviewRow[] = [];
  for (const d of overviewLayout) {
    const label = d.labels[d.spelling ? spelling[d.spelling] : 0] ?? d.labels[0]!;
    if (isTotalLine(d.key)) {
      const when = shownWhenAnyOf[d.key];
      if (when && !when.some((k) => present.has(k))) continue;
      rows.push({ key: d.key, label, kind: 'total', level: d.level, values: totals.map((t) => t[d.key as TotalLine]) });
    } else if (present.has(d.key)) {
      rows.push({ key: d.key, label, kind: 'leaf', level: d.level, values: columns.map((c) => amounts.get(`${c.label}\u0000${d.key}`) ?? 0) });
    }
  }
  return { taskField, columns, rows };
}

/** Cents to whole thousands of euros, half away from zero (as the documents round), never -0. */
export function toThousands(cents: number): number {
  const t = Math.sign(cents) * Math.round(Math.abs(cents) / 100_000);
  return t === 0 ? 0 : t;
}

/** 2751 → "2.751", -977 → "-977": the documents' number format (× €1.000). */
export function formatThousands(n: number): string {
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return n < 0 ? `-${digits}` : digits;
}
