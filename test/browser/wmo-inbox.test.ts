import assert from 'node:assert/strict';
import { apiAs, loginAndWait, seriousViolations, uiTest } from './harness.ts';

uiTest('a Wmo adviser sees the demo melding in the Wmo inbox with its deadline in words, and takes it', async ({ page, ui }) => {
  const inbox = await apiAs<{ clientName: string; clock: { dueOn: string } }[]>(ui, 'wmo', 'GET', '/api/v1/wmo-notifications');
  const melding = inbox.find((n) => n.clientName.includes('Willems'))!;
  const due = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'full', timeZone: 'Europe/Amsterdam' }).format(new Date(`${melding.clock.dueOn}T12:00:00Z`));

  await loginAndWait(page, 'wmo');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Meldingen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Meldingen' }).waitFor();
  const row = page.getByRole('row').filter({ hasText: 'Willems' });
  await row.waitFor();
  assert.match(await row.textContent() ?? '', new RegExp(`gemeld.*onderzoek: uiterlijk ${due} \\(nog \\d+ dagen\\).*Niet toegewezen`));
  assert.deepEqual(await seriousViolations(page), []);

  await row.getByRole('button', { name: /Willems oppakken/ }).click();
  await page.getByRole('status').filter({ hasText: /U heeft de melding van .*Willems opgepakt/ }).waitFor();
  // The list reloads after the message: wait for the row to name her.
  await page.getByRole('row').filter({ hasText: 'Willems' }).filter({ hasText: 'Wendy Wmo-adviseur' }).waitFor();
  assert.equal(await row.getByRole('button').count(), 0, 'taken: no button any more');
  // Taking it made her involved: the client's page opens.
  await row.getByRole('link', { name: /Willems$/ }).click();
  await page.getByRole('heading', { level: 1, name: /Willems/ }).waitFor();
});
