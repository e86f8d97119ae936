/** The finance officer's budget page (issue 19): import, the tables as the council prints them, the trend, the download. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loginAndWait, seriousViolations, uiTest } from './harness.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/finance/${name}`, import.meta.url), 'utf8');

uiTest('the finance officer imports the 2021 budget and reads the overview, the adjustments and the trend', async ({ page }) => {
  await loginAndWait(page, 'financien');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Financiën' }).click();
  await page.getByRole('heading', { level: 1, name: 'Financiën' }).waitFor();

  // A bad file: every bad line listed, nothing imported.
  const lines = page.getByRole('region', { name: 'Overzicht van baten en lasten' });
  await lines.getByLabel('Document (bijv. Begroting 2021)').fill('Begroting 2021');
  await lines.getByLabel('Inhoud (CSV)').fill('taakveld;kolom;regel;bedrag\nWijkteams;Begroting 2021;Saldo;5\nWijkteams;Begroting 2021;Inhuur;veel\n');
  await lines.getByRole('button', { name: 'Inlezen' }).click();
  await lines.getByText(/Regel 2, kolom ‘regel’: 'Saldo' wordt berekend/).waitFor();
  await lines.getByText(/Regel 3, kolom ‘bedrag’: 'veel' is geen bedrag/).waitFor();
  await page.getByText('Er is nog geen begroting ingelezen. Lees hieronder een bestand in.').waitFor();

  await lines.getByLabel('Inhoud (CSV)').fill(fixture('wijkteams-2021-lines.csv'));
  await lines.getByRole('button', { name: 'Inlezen' }).click();
  await lines.getByText('72 bedragen ingelezen, 0 vervangen.').waitFor();
  const adjustments = page.getByRole('region', { name: 'Bijstellingen', exact: true });
  await adjustments.getByLabel('Inhoud (CSV)').fill(fixture('wijkteams-2021-adjustments.csv'));
  await adjustments.getByRole('button', { name: 'Inlezen' }).click();
  await adjustments.getByText('24 bedragen ingelezen, 0 vervangen.').waitFor();

  const overview = page.getByRole('region', { name: 'Overzicht van baten en lasten Wijkteams en Wmo-loketten' }).first();
  const lasten = overview.getByRole('row').filter({ hasText: 'Lasten exclusief reserves' });
  await lasten.waitFor();
  assert.equal((await lasten.innerText()).replace(/\s+/g, ' ').trim(), 'Lasten exclusief reserves 101.820 113.271 115.080 110.710 109.481 109.488');
  assert.equal(await overview.getByRole('row').filter({ hasText: /^\s*Intern resultaat/ }).count(), 2, 'the group and its line, as printed');
  await page.getByRole('img', { name: 'Baten, lasten en saldo per kolom, × €1.000' }).waitFor();
  await page.getByText('Begroting na wijzigingen sluit in elk jaar aan op het saldo van het overzicht.').waitFor();
  const total = page.getByRole('region', { name: 'Bijstellingen Begroting 2021' }).getByRole('row').filter({ hasText: 'Begroting na wijzigingen' });
  assert.match((await total.innerText()).replace(/\s+/g, ' '), /-112\.870 -108\.499 -107\.271 -107\.278/);

  const href = await page.getByRole('link', { name: 'Download als CSV' }).getAttribute('href');
  const csv = await page.evaluate<string, string>(async (url) => (await fetch(url)).text(), href!);
  assert.match(csv, /\nSaldo;-98289;-108314;-112869;-108499;-107270;-107277\n/);
  assert.deepEqual(await seriousViolations(page), []);
});
