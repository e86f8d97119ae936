/** The Raadsmonitor page: a policy analyst asks for the half-year report, sees it being made, and opens it. */
import assert from 'node:assert/strict';
import { loginAndWait, seriousViolations, uiTest } from './harness.ts';

uiTest('a policy analyst makes the half-year council report, sees its progress, and opens the accessible report with its definitions', async ({ page, ui }) => {
  await loginAndWait(page, 'beleid');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Raadsmonitor' }).click();
  await page.getByRole('heading', { level: 1, name: 'Raadsmonitor' }).waitFor();
  await page.getByText('Er is nog geen rapport gemaakt.').waitFor();
  const year = new Date().getFullYear();
  const half = new Date().getMonth() < 6 ? 'H1' : 'H2';
  await page.getByLabel('Halfjaar').selectOption(`${year}-${half}`);
  await page.getByRole('button', { name: 'Maak het rapport' }).click();
  const words = `${half === 'H1' ? 'eerste' : 'tweede'} halfjaar ${year}`;
  await page.getByRole('status').getByText(`Het rapport over ${words} wordt gemaakt.`).waitFor();
  await page.getByRole('progressbar', { name: `Voortgang rapport ${words}` }).waitFor();

  await ui.app.jobs.runDue(); // the server's job loop, run now rather than in 5 seconds
  await page.getByRole('status').getByText(`Het rapport over ${words} is klaar.`).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('link', { name: 'CSV: Servicenormen' }).first().waitFor();

  const href = await page.getByRole('link', { name: 'Bekijk het rapport (webpagina)' }).getAttribute('href');
  await page.goto(href!);
  await page.getByRole('heading', { level: 1, name: `Raadsmonitor welzijn, zorg en jeugdhulp — ${year}-${half}` }).waitFor();
  await page.getByText('Tussentijds: de periode loopt nog').first().waitFor();
  const channels = page.getByRole('table').first();
  await channels.getByRole('columnheader', { name: 'Kanaal' }).waitFor();
  await page.getByText('balie en huisbezoek staan hier samen als "persoonlijk"').first().waitFor();
  assert.deepEqual(await seriousViolations(page), []);
});
