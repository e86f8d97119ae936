/** Sturing op indicaties: the finance role reads indications per product and the spend against the budget. */
import assert from 'node:assert/strict';
import { loginAndWait, seriousViolations, uiTest } from './harness.ts';

uiTest('finance opens Sturing, asks for the figures per provider, and sees the budget line and the table with its total', async ({ page }) => {
  await loginAndWait(page, 'financien');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Sturing' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sturing op indicaties' }).waitFor();
  await page.getByLabel('Per').selectOption('provider');
  await page.getByRole('button', { name: 'Toon' }).click();
  const year = new Date().getFullYear();
  await page.getByRole('heading', { level: 2, name: `Uitgaven ${year} tegenover de begroting (Inkopen en uitbestede werkzaamheden)` }).waitFor();
  await page.getByRole('columnheader', { name: 'Aanbieder' }).waitFor();
  await page.getByRole('rowheader', { name: 'Totaal' }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  // An end date before the start date is caught on the page, with the field named.
  await page.getByLabel('Tot en met').fill(`${year - 1}-01-01`);
  await page.getByRole('button', { name: 'Toon' }).click();
  await page.locator('.ww-error-summary').getByText('De einddatum ligt vóór de begindatum.').waitFor();
});
