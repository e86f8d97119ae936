import assert from 'node:assert/strict';
import { apiAs, loginAndWait, uiTest } from './harness.ts';

uiTest('a worker without a relation sees "Geen toegang"; break-the-glass with a reason opens the client under a banner, and the privacy officer reviews it', async ({ page, ui }) => {
  const client = await apiAs<{ id: string }>(ui, 'balie', 'POST', '/api/v1/clients', { surname: 'Vermeulen', firstNames: 'Karin', birthDate: '1961-04-12' });

  await loginAndWait(page, 'wijkteam2');
  await page.goto(`/clienten/${client.id}`);
  await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
  assert.equal(await page.getByText('Vermeulen').count(), 0, 'no client data on the refusal page');

  // A reason that is too short is refused before anything is sent.
  await page.getByLabel('Reden').fill('nodig');
  await page.getByRole('button', { name: 'Dossier openen' }).click();
  await page.locator('.ww-error-summary').getByText('Schrijf een reden van minstens 10 tekens.').waitFor();

  await page.getByLabel('Reden').fill('Acute zorgen over veiligheid, melding politie 14:10');
  await page.getByRole('button', { name: 'Dossier openen' }).click();
  await page.getByRole('heading', { level: 1, name: /Vermeulen/ }).waitFor();
  await page.getByRole('heading', { name: 'Geopend met noodtoegang' }).waitFor();
  await page.getByText('12 april 1961').waitFor();
  await page.getByRole('button', { name: 'Uitloggen' }).click();

  await loginAndWait(page, 'privacy');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Noodtoegang' }).click();
  await page.getByRole('heading', { name: 'Nog te beoordelen (1)' }).waitFor();
  const card = page.locator('.ww-card', { hasText: 'Acute zorgen over veiligheid' });
  await card.getByText('Zara Zuid').waitFor();
  await card.getByRole('button', { name: 'Beoordeling opslaan' }).click();
  await card.getByText('Kies of de toegang terecht was.').first().waitFor();
  await card.getByRole('radio', { name: 'Ja, terecht' }).check();
  await card.getByLabel('Toelichting').fill('Politie belde, acuut gevaar bevestigd.');
  await card.getByRole('button', { name: 'Beoordeling opslaan' }).click();
  await page.getByText('De toegang van Zara Zuid is beoordeeld als terecht.').waitFor();
  await page.getByRole('heading', { name: 'Nog te beoordelen (0)' }).waitFor();
  await page.getByText(/Terecht: Politie belde/).waitFor();
});

uiTest('the desk worker who registered the client opens it without any banner', async ({ page, ui }) => {
  const client = await apiAs<{ id: string }>(ui, 'balie', 'POST', '/api/v1/clients', { surname: 'Bakker', firstNames: 'Joost', birthDate: '1990-09-30' });
  await loginAndWait(page, 'balie');
  await page.goto(`/clienten/${client.id}`);
  await page.getByRole('heading', { level: 1, name: /Bakker/ }).waitFor();
  assert.equal(await page.getByText('Geopend met noodtoegang').count(), 0);
});
