/**
 * The beschikking's content rules and its letter text (Wmo 2015 art. 2.3.5, 2.3.6; Awb 3:45-3:46).
 * Pure (no I/O): the server checks a decision with it and renders the letter from it; the UI may
 * use the same rules.
 */
import type { DecisionInput, DecisionLine, DecisionLineView } from './schemas.ts';
import type { Refusal } from './wmo-process.ts';

export type DecisionOutcome = 'granted' | 'partly_granted' | 'refused';

/** The decision's outcome follows from its lines: all granted, none, or some. */
export function outcomeOf(lines: readonly Pick<DecisionLine, 'granted'>[]): DecisionOutcome {
  const granted = lines.filter((l) => l.granted).length;
  return granted === lines.length ? 'granted' : granted === 0 ? 'refused' : 'partly_granted';
}

/** Awb 3:45: the decision says that, how, where and within which term objection can be made. */
export const DEFAULT_OBJECTION_CLAUSE = 'Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken. Dat doet u binnen zes weken na de datum van deze brief. '
  + 'Stuur een brief aan het college van burgemeester en wethouders, Postbus 70012, 3000 KP Rotterdam, of maak bezwaar via rotterdam.nl. '
  + 'Schrijf in uw brief uw naam en adres, de datum, het kenmerk van dit besluit, waarom u het er niet mee eens bent, en zet uw handtekening. '
  + 'Is het dringend? Dan kunt u de voorzieningenrechter van de rechtbank vragen om een voorlopige voorziening.';

/** What a line must carry beyond its shape, or null when it is complete; `i` is its index (for the field name). */
export function lineRefusal(line: DecisionLine, i: number): Refusal | null {
  const field = (f: string) => `decision.lines.${i}.${f}`;
  if (!line.granted) return null;
  for (const f of ['result', 'volume', 'validFrom', 'validTo', 'form'] as const) {
    if (line[f] === undefined) return { code: 'decision_incomplete', field: field(f), message: `Een toekenning noemt ${f} / A grant names ${f}` };
  }
  if (line.validTo! < line.validFrom!) return { code: 'period_reversed', field: field('validTo'), message: 'De einddatum ligt voor de begindatum / The end date is before the start date' };
  if (line.form === 'ZIN' && !line.providerId) return { code: 'decision_incomplete', field: field('providerId'), message: 'Zorg in natura noemt de aanbieder / In kind names the provider' };
  if (line.form === 'PGB') {
    if (!line.pgb) return { code: 'decision_incomplete', field: field('pgb'), message: 'Een pgb noemt de drie voorwaarden en het budget / A pgb names the three conditions and the budget' };
    if (!(line.pgb.managesBudget && line.pgb.motivated && line.pgb.qualityAssured)) {
      return { code: 'pgb_conditions_not_met', field: field('pgb'),
        message: 'Een pgb kan alleen als aan alle drie de voorwaarden is voldaan (Wmo 2015 art. 2.3.6 lid 2) / A pgb needs all three conditions (Wmo 2015 art. 2.3.6(2))' };
    }
  }
  return null;
}

/** The first problem of a decision's lines, or null. */
export const decisionRefusal = (d: DecisionInput): Refusal | null => d.lines.map(lineRefusal).find((r) => r !== null) ?? null;

// Plain Dutch for the letter.

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
/** 2026-12-01 → "1 december 2026". */
export const dutchDate = (iso: string) => { const [y, m, d] = iso.split('-').map(Number); return `${d} ${MONTHS[m! - 1]} ${y}`; };
/** 123456 → "€ 1.234,56". */
export const euros = (cents: number) => `€ ${Math.floor(cents / 100).toLocaleString('nl-NL')},${String(cents % 100).padStart(2, '0')}`;

const UNIT_WORDS: Record<string, string> = { minute: 'minuten', hour: 'uur', etmaal: 'etmalen', dagdeel: 'dagdelen', piece_output: 'stuks', euro: 'euro', piece_effort: 'keer' };
const FREQUENCY_WORDS: Record<string, string> = { day: 'per dag', week: 'per week', four_weeks: 'per vier weken', month: 'per maand', total: 'in totaal' };

/** One provision in plain words: granted or refused, why, and for a grant what, how much, how long, how. */
export function provisionText(l: DecisionLineView): string {
  const name = `${l.productName} (${l.productCode})`;
  if (!l.granted) return [`${name}: dit krijgt u niet.`, `Waarom niet: ${l.reasoning}`].join('\n');
  const how = l.form === 'PGB'
    ? `U krijgt dit als persoonsgebonden budget (pgb) van ${euros(l.pgb!.budgetEurocents)}. Wij geven u een pgb omdat u het budget (eventueel met hulp) kunt beheren, `
      + 'omdat u ons heeft uitgelegd waarom u een pgb wilt, en omdat de zorg die u ermee inkoopt veilig, doeltreffend en op u gericht is.'
    : `U krijgt dit als zorg in natura: ${l.providerName ?? 'de aanbieder'} levert de ondersteuning.`;
  return [
    `${name}: dit krijgt u.`,
    `Waarom: ${l.reasoning}`,
    `Wat het moet opleveren: ${l.result}`,
    `Hoeveel: ${l.volume} ${UNIT_WORDS[l.unit] ?? l.unit} ${FREQUENCY_WORDS[l.frequency] ?? ''}`.trim(),
    `Van ${dutchDate(l.validFrom!)} tot en met ${dutchDate(l.validTo!)}.`,
    how,
  ].join('\n');
}

/** The placeholders a letter template may use; `{{provisions}}` expands to one block per requested provision. */
export const TEMPLATE_PLACEHOLDERS = ['clientName', 'address', 'reference', 'applicationDate', 'decisionDate', 'provisions', 'contributionNotice',
  'objectionClause', 'signature'] as const;
export type LetterData = Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string>;

/** Placeholders in a template that Wegwijs does not know (a typo would otherwise print as is). */
export function unknownPlaceholders(body: string): string[] {
  const used = [...body.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]!);
  return [...new Set(used.filter((p) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(p)))];
}

export type LetterBlock = { kind: 'heading' | 'paragraph'; text: string };

/**
 * The template with its placeholders filled, as blocks: a line starting with '# ' is a heading,
 * paragraphs are separated by an empty line.
 */
export function letterBlocks(template: string, data: LetterData): LetterBlock[] {
  const filled = template.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, name: string) => (data as Record<string, string>)[name] ?? '');
  return filled.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 0)
    .map((p) => (p.startsWith('# ') ? { kind: 'heading', text: p.slice(2).trim() } : { kind: 'paragraph', text: p }));
}
