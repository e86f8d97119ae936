/**
 * The privacy officer's audit log: client names instead of ids, filters by person, user (by
 * name), kind of action and date, CSV export; and the break-the-glass review card.
 */
import assert from 'node:assert/strict';
import { apiAs, loginAndWait, uiTest } from './harness.ts';

uiTest('the privacy officer filters the audit log by user, kind of action, person and date, and exports it', async ({ page, ui }) => {
  const client = await apiAs<{ id: string }>(ui, 'balie', 'POST', '/api/v1/clients', { surname: 'Verhoeven', firstNames: 'Vera', birthDate: '1950-01-01', duplicateAcknowledged: true });
  await apiAs(ui, 'balie', 'GET', `/api/v1/clients/${client.id}/file`);
  await loginAndWait(page, 'privacy');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Auditlog' }).click();
  const table = page.getByRole('region', { name: /Gebeurtenissen/ });
  await table.getByText('V. Verhoeven').first().waitFor();

  await page.getByLabel('Medewerker').selectOption({ label: 'Bea Balie (balie)' });
  await page.getByLabel('Soort handeling').selectOption({ label: 'Cliëntdossier' });
  await page.getByRole('button', { name: 'Filter toepassen' }).click();
  await table.getByText('Dossier bekeken').first().waitFor();
  const rows = table.getByRole('row');
  const texts = (await rows.allTextContents()).slice(1);
  assert.ok(texts.length >= 1 && texts.every((r) => r.includes('Bea Balie')), texts.join('\n'));
  assert.ok(texts.every((r) => !r.includes('Inloggen')), 'only client actions');

  await table.getByRole('button', { name: 'Alleen handelingen voor V. Verhoeven tonen' }).first().click();
  await page.getByText('V. Verhoeven', { exact: true }).first().waitFor();
  assert.equal(await page.getByLabel('Persoon (cliënt-id)').inputValue(), client.id);
  const href = await page.getByRole('link', { name: 'Exporteren als CSV' }).getAttribute('href');
  assert.match(href ?? '', new RegExp(`clientId=${client.id}`));
  assert.match(href ?? '', /action=client\./);
  const csv = await page.evaluate<string, string>(async (url) => (await fetch(url)).text(), href!);
  assert.match(csv, /V\. Verhoeven/);

  await page.getByLabel('Vanaf datum').fill('2020-01-01');
  await page.getByLabel('Tot en met datum').fill('2020-01-31');
  await page.getByRole('button', { name: 'Filter toepassen' }).click();
  await page.getByText('Geen gebeurtenissen gevonden.').waitFor();
  await page.getByLabel('Vanaf datum').fill('2020-02-01');
  await page.getByRole('button', { name: 'Filter toepassen' }).click();
  await page.locator('.ww-error-summary').getByText('De einddatum ligt vóór de begindatum.').waitFor();
});

uiTest('a break-the-glass review card shows the user\'s team, the client and what was opened', async ({ page, ui }) => {
  const client = await apiAs<{ id: string }>(ui, 'balie', 'POST', '/api/v1/clients', { surname: 'Noodgeval', firstNames: 'Nora', birthDate: '1960-02-02', duplicateAcknowledged: true });
  await apiAs(ui, 'wijkteam2', 'POST', `/api/v1/clients/${client.id}/break-glass`, { reason: 'Acute crisis, cliënt belt in paniek' });
  await apiAs(ui, 'wijkteam2', 'GET', `/api/v1/clients/${client.id}/file`);
  await loginAndWait(page, 'privacy');
  await page.goto('/noodtoegang');
  const card = page.getByRole('listitem').filter({ hasText: 'N. Noodgeval' });
  await card.getByText('Wijkteam Charlois').waitFor();
  await card.getByText('Acute crisis, cliënt belt in paniek').waitFor();
  await card.getByText(/Dossier bekeken/).first().waitFor();
});
