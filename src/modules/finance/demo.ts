import type { Queryable } from '../../platform/db.ts';
import { type BudgetLine, findLine, type LeafLine } from './budget.ts';
import type { Adjustment, AdjustmentCategory } from './adjustments.ts';
import { replaceAdjustments, replaceBudgetLines } from './budget-store.ts';

/**
 * Demo budget: the leaf lines of the Rotterdam Begroting 2021 for Wijkteams en Wmo-loketten
 * (× €1.000, the same figures as test/fixtures/finance/wijkteams-2021-lines.csv; a test keeps the
 * two equal) and made-up adjustments that reconcile with it. Demo only.
 */
export const DEMO_TASK_FIELD = 'Wijkteams en Wmo-loketten';
export const DEMO_DOCUMENT = 'Begroting 2021';
const COLUMNS = ['Realisatie 2019', 'Begroting 2020', 'Begroting 2021', 'Raming 2022', 'Raming 2023', 'Raming 2024'];
const LINES: [string, number[]][] = [
  ['Bijdragen rijk en medeoverheden', [541, 1471, 0, 0, 0, 0]],
  ['Overige opbrengsten derden', [2210, 2256, 2211, 2211, 2211, 2211]],
  ['Inhuur', [3761, 4732, 3120, 3120, 3120, 3120]],
  ['Overige apparaatslasten', [1348, 1117, 1789, 1440, 1534, 1534]],
  ['Personeel', [48573, 53303, 53697, 51888, 51728, 51728]],
  ['Intern resultaat', [608, -977, -640, -640, -640, -640]],
  ['Inkopen en uitbestede werkzaamheden', [47651, 53197, 56337, 54138, 52988, 53746]],
  ['Kapitaallasten', [0, 797, 777, 764, 751, 0]],
  ['Overige programmalasten', [22, 0, 0, 0, 0, 0]],
  ['Sociale uitkeringen', [0, 0, 0, 0, 0, 0]],
  ['Subsidies en inkomensoverdrachten', [-143, 1102, 0, 0, 0, 0]],
  ['Onttrekking reserves', [780, 1230, 0, 0, 0, 0]],
];
const ADJUSTMENTS: [string, AdjustmentCategory, number[]][] = [
  ['Begroting 2020 (meerjarenraming)', 'Begroting', [-110500, -107000, -106800, -106800]],
  ['Omissie 2020', 'Omissie', [-300, -300, -300, -300]],
  ['Versterking wijkteams: bankslapers en basishulp', 'Intensiveringen', [-1500, -1000, 0, 0]],
  ['Loon- en prijsindexatie', 'Ramingsbijstellingen onvermijdelijk', [-770, -799, -771, -778]],
  ['Overheveling cliëntondersteuning van taakveld Maatwerkvoorzieningen', 'Taakmutaties', [200, 600, 600, 600]],
  ['Herschikking inhuur naar personeel', 'Technische wijzigingen', [0, 0, 0, 0]],
];

export const demoBudgetLines = (): BudgetLine[] => LINES.flatMap(([label, values]) => values.map((v, i) => ({
  taskField: DEMO_TASK_FIELD, column: COLUMNS[i]!, line: findLine(label)!.key as LeafLine, label, amountCents: v * 100_000,
})));

export const demoAdjustments = (): Adjustment[] => ADJUSTMENTS.flatMap(([description, category, values]) => values.map((v, i) => ({
  taskField: DEMO_TASK_FIELD, document: DEMO_DOCUMENT, description, category, year: 2021 + i, amountCents: v * 100_000,
})));

export async function seedDemoBudget(tx: Queryable) {
  await replaceBudgetLines(tx, DEMO_DOCUMENT, demoBudgetLines());
  await replaceAdjustments(tx, demoAdjustments());
}
