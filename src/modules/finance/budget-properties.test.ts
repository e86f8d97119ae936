/** Arithmetic properties of the budget tables, checked for arbitrary leaf lines (fast-check). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildOverview, type BudgetLine, formatThousands, LeafLine, type OverviewRow, toThousands } from './budget.ts';
import { type Adjustment, AdjustmentCategory, buildAdjustmentTable } from './adjustments.ts';
import { AmountUnit, parseAmount, parseBudgetLines } from './budget-csv.ts';

const leaves = Object.values(LeafLine);
const columns = ['Realisatie 2019', 'Begroting 2020', 'Raming 2021'];
/** Up to ten billion euros either way, in cents. */
const cents = fc.integer({ min: -1e12, max: 1e12 });
const thousandsAsCents = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((t) => t * 100_000);

const budgetLines = (amount: fc.Arbitrary<number>) => fc.uniqueArray(
  fc.record({ column: fc.constantFrom(...columns), line: fc.constantFrom(...leaves), amountCents: amount }),
  { selector: (l) => `${l.column}|${l.line}`, minLength: 1, maxLength: 40 },
).map((ls) => ls.map((l): BudgetLine => ({ ...l, taskField: 'T', label: l.line })));

const row = (rows: OverviewRow[], key: string) => rows.find((r) => r.key === key);
const value = (rows: OverviewRow[], key: string, i: number) => row(rows, key)?.values[i] ?? 0;

test('every subtotal and saldo is exactly the sum of its parts, whatever the leaf lines', () => {
  fc.assert(fc.property(budgetLines(cents), (lines) => {
    const o = buildOverview(lines, 'T');
    o.columns.forEach((c, i) => {
      const leaf = (k: string) => lines.find((l) => l.column === c.label && l.line === k)?.amountCents ?? 0;
      const v = (k: string) => value(o.rows, k, i);
      const s = (ks: string[]) => ks.reduce((a, k) => a + leaf(k), 0);
      assert.equal(v('income'), s(['contributions', 'otherIncome']));
      assert.equal(v('expenses'), s(['hiring', 'otherApparatus', 'staff', 'internalResult', 'purchases', 'capitalCharges', 'otherProgramme',
        'shelteredEmployment', 'socialBenefits', 'subsidies']));
      assert.equal(v('balanceBeforeTaxAndReserves'), v('income') - v('expenses'));
      assert.equal(v('balanceBeforeReserves'), v('balanceBeforeTaxAndReserves') - leaf('corporateTax'));
      assert.equal(v('balance'), v('balanceBeforeReserves') + leaf('reservesWithdrawal') + leaf('reservesRelease') - leaf('reservesAddition'));
    });
  }));
});

test('with amounts in whole thousands, the printed totals add up exactly to the printed leaves', () => {
  fc.assert(fc.property(budgetLines(thousandsAsCents), (lines) => {
    const o = buildOverview(lines, 'T');
    o.columns.forEach((_, i) => {
      const t = (k: string) => toThousands(value(o.rows, k, i));
      assert.equal(t('expenses'), t('apparatus') + t('internalResultTotal') + t('programme'));
      assert.equal(t('balance'), t('income') - t('expenses') - toThousands(value(o.rows, 'corporateTax', i)) + t('reserves'));
    });
  }));
});

test('the order of the lines in a file does not change the overview', () => {
  fc.assert(fc.property(budgetLines(cents).chain((ls) => fc.tuple(fc.constant(ls), fc.shuffledSubarray(ls, { minLength: ls.length, maxLength: ls.length }))),
    ([lines, shuffled]) => {
      const strip = (o: ReturnType<typeof buildOverview>) => ({ columns: o.columns, rows: o.rows.map((r) => [r.key, r.values]) });
      assert.deepEqual(strip(buildOverview(shuffled, 'T')), strip(buildOverview(lines, 'T')));
    }));
});

test('an amount written in the Dutch format reads back as the same amount, in thousands and in euros', () => {
  fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), (n) => {
    assert.equal(parseAmount(formatThousands(n), AmountUnit.Thousands), n * 100_000 || 0);
    assert.equal(parseAmount(formatThousands(n), AmountUnit.Euros), n * 100 || 0);
  }));
  fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (n, c) => {
    assert.equal(parseAmount(`${formatThousands(n)},${String(c).padStart(2, '0')}`, AmountUnit.Euros), n * 100 + c);
  }));
});

test('a file written from any leaf lines imports back to the same lines', () => {
  fc.assert(fc.property(budgetLines(thousandsAsCents), (lines) => {
    const text = ['taakveld;kolom;regel;bedrag', ...lines.map((l) => `T;${l.column};${labelOf(l.line)};${formatThousands(l.amountCents / 100_000)}`)].join('\n');
    const parsed = parseBudgetLines(text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.rows.map((r) => [r.column, r.line, r.amountCents]), lines.map((l) => [l.column, l.line, l.amountCents]));
  }));
});

const labelOf = (k: LeafLine) => buildOverview([{ taskField: 'T', column: 'Begroting 2020', line: k, label: '', amountCents: 0 }], 'T')
  .rows.find((r) => r.key === k)!.label;

const categories = Object.values(AdjustmentCategory);
const adjustmentLines = fc.uniqueArray(fc.record({
  description: fc.constantFrom('Start', 'Omissie', 'Loonindexatie', 'Inkoop jeugd', 'Huisvesting'),
  category: fc.constantFrom(...categories), year: fc.integer({ min: 2021, max: 2024 }), amountCents: cents,
}), { selector: (a) => `${a.description}|${a.category}|${a.year}`, minLength: 1, maxLength: 30 })
  .map((as) => as.map((a): Adjustment => ({ ...a, taskField: 'T', document: 'Voorjaarsnota 2021' })));

test('"Begroting na wijzigingen" is the sum of the starting budget, the Omissie and every adjustment, per year', () => {
  fc.assert(fc.property(adjustmentLines, (as) => {
    const t = buildAdjustmentTable(as, 'T', 'Voorjaarsnota 2021');
    const total = t.rows.at(-1)!;
    assert.equal(total.label, 'Begroting na wijzigingen');
    t.years.forEach((y, j) => { assert.equal(total.values[j], as.filter((a) => a.year === y).reduce((s, a) => s + a.amountCents, 0)); });
    const firstAdjustment = t.rows.findIndex((r) => r.category !== 'Begroting' && r.category !== 'Omissie');
    const starts = t.rows.slice(firstAdjustment < 0 ? t.rows.length : firstAdjustment).filter((r) => r.category === 'Begroting' || r.category === 'Omissie');
    assert.deepEqual(starts, [], 'the starting budget and the Omissie come before every adjustment');
  }));
});

test('reconciliation reports a year as matching when, and only when, it is within 1 thousand of the overview saldo', () => {
  fc.assert(fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -5, max: 5 }), (saldo, off) => {
    const overview = buildOverview([{ taskField: 'T', column: 'Begroting 2021', line: 'otherIncome', label: '', amountCents: saldo * 100_000 }], 'T');
    const t = buildAdjustmentTable([{ taskField: 'T', document: 'D', description: 'Begroting 2021', category: 'Begroting', year: 2021,
      amountCents: (saldo + off) * 100_000 }], 'T', 'D', overview);
    assert.equal(t.reconciliation[0]!.status, Math.abs(off) <= 1 ? 'ok' : 'mismatch');
  }));
});
