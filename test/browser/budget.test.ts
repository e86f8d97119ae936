/** The finance officer's budget page (issue 19): the tables as the council prints them, the trend, the download, the import. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loginAndWait, seriousViolations, uiTest } from './harness.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/finance/${name}`, import.meta.url), 'utf8');
const rowText = async (row: { textContent: () => Promise<string | null> }) => ((await row.textContent()) ?? '').replace(/\s+/g, ' ').trim();

uiTest('the finance officer reads the 2021 budget as the council document prints it, with its trend and adjustments', async ({ page }) => {
  await loginAndWait(page, 'financien');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Financiën' }).click();
  await page.getByRole('heading', { level: 1, name: 'Financiën' }).waitFor();
  assert.equal(await page.getByLabel('Taakveld en document').inputValue(), JSON.stringify(['Wijkteams en Wmo-loketten', 'Begroting 2021']));

  const overview = page.getByRole('region', { name: 'Overzicht van baten en lasten Wijkteams en Wmo-loketten' }).first();
  const lasten = overview.getByRole('row').filter({ hasText: 'Lasten exclusief reserves' });
  await lasten.waitFor();
  // Table cells carry no spaces between them in textContent; the figures follow each other as printed.
  assert.equal(await rowText(lasten), 'Lasten exclusief reserves101.820113.271115.080110.710109.481109.488');
  assert.equal(await overview.getByRole('row').filter({ hasText: /^\s*Intern resultaat/ }).count(), 2, 'the group and its line, as printed');
  await page.getByRole('img', { name: 'Baten, lasten en saldo per kolom, × €1.000' }).waitFor();
  await page.getByText('Begroting na wijzigingen sluit in elk jaar aan op het saldo van het overzicht.').waitFor();
  const total = page.getByRole('region', { name: 'Bijstellingen Begroting 2021' }).getByRole('row').filter({ hasText: 'Begroting na wijzigingen' });
  assert.match(await rowText(total), /-112\.870-108\.499-107\.271-107\.278$/);

  const href = await page.getByRole('link', { name: 'Download als CSV' }).getAttribute('href');
  const csv = await page.evaluate<string, string>(async (url) => (await fetch(url)).text(), href!);
  assert.match(csv, /\nSaldo;-98289;-108314;-112869;-108499;-107270;-107277\n/);
  assert.match(await page.getByRole('link', { name: 'Download als Excel (XLSX)' }).getAttribute('href') ?? '', /^\/api\/v1\/budget-overview\.xlsx\?/);
  assert.deepEqual(await seriousViolations(page), []);
});

uiTest('a budget file with errors lists every bad line and imports nothing; a good one is shown at once', async ({ page }) => {
  await loginAndWait(page, 'financien');
  await page.goto('/financien');
  const lines = page.getByRole('region', { name: 'Overzicht van baten en lasten', exact: true });
  await lines.getByLabel('Document (bijv. Begroting 2021)').fill('Voorjaarsnota 2021');
  await lines.getByLabel('Inhoud (CSV)').fill('taakveld;kolom;regel;bedrag\nWijkteams;Begroting 2021;Saldo;5\nWijkteams;Begroting 2021;Inhuur;veel\n');
  await lines.getByRole('button', { name: 'Inlezen' }).click();
  await lines.getByText(/Regel 2, kolom ‘regel’: 'Saldo' wordt berekend/).waitFor();
  await lines.getByText(/Regel 3, kolom ‘bedrag’: 'veel' is geen bedrag/).waitFor();
  assert.equal(await page.getByLabel('Taakveld en document').locator('option').count(), 1, 'nothing imported');
  assert.deepEqual(await seriousViolations(page), []);

  await lines.getByLabel('Inhoud (CSV)').fill(fixture('wijkteams-2021-lines.csv').replaceAll(';Personeel;53.697', ';Personeel;54.697'));
  await lines.getByRole('button', { name: 'Inlezen' }).click();
  await lines.getByText('72 bedragen ingelezen, 0 vervangen.').waitFor();
  // The page reads the document list again after the import, then chooses the imported one.
  const choice = page.getByLabel('Taakveld en document');
  for (let i = 0; i < 100 && !(await choice.inputValue()).includes('Voorjaarsnota 2021'); i++) await page.waitForTimeout(100);
  assert.equal(await page.getByLabel('Taakveld en document').inputValue(), JSON.stringify(['Wijkteams en Wmo-loketten', 'Voorjaarsnota 2021']));
  const saldo = page.getByRole('region', { name: 'Overzicht van baten en lasten Wijkteams en Wmo-loketten' }).first().getByRole('row').filter({ hasText: /^\s*Saldo-/ });
  assert.equal(await rowText(saldo), 'Saldo-98.289-108.314-113.869-108.499-107.270-107.277');
});
