import assert from 'node:assert/strict';
import { loginAndWait, seriousViolations, uiTest } from './harness.ts';

uiTest('an administrator registers a GP practice and gives it an API client whose secret is shown once', async ({ page, ui }) => {
  page.on('dialog', (d) => d.accept());
  await loginAndWait(page, 'beheer');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Huisartsenpraktijken' }).click();
  await page.getByRole('heading', { level: 1, name: 'Huisartsenpraktijken' }).waitFor();
  await page.getByRole('row', { name: /Huisartsenpraktijk Het Oude Noorden/ }).getByText('01234567').waitFor();

  await page.getByRole('button', { name: 'Praktijk registreren' }).click();
  await page.locator('.ww-error-summary').getByText('De AGB-code van de praktijk: 8 cijfers.').waitFor();
  await page.getByLabel('Naam', { exact: true }).fill('Huisartsen Kralingen');
  await page.getByLabel('AGB-code').fill('01999999');
  await page.getByRole('button', { name: 'Praktijk registreren' }).click();
  await page.getByText('Praktijk Huisartsen Kralingen is geregistreerd.').waitFor();
  await page.getByRole('heading', { level: 2, name: 'API-clients van Huisartsen Kralingen' }).waitFor();

  await page.getByLabel('Naam van de koppeling').fill('Medicom');
  await page.getByRole('button', { name: 'API-client aanmaken' }).click();
  const shown = page.getByRole('status').filter({ hasText: 'maar één keer getoond' });
  await shown.waitFor();
  const [clientId, secret] = await shown.locator('code').allTextContents();
  assert.match(secret!, /^wws_/);
  assert.deepEqual(await seriousViolations(page), []);

  // The practice system can now get a token with these credentials.
  const token = await ui.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId!, client_secret: secret! }).toString() });
  assert.equal(token.statusCode, 200);

  await page.getByRole('button', { name: 'Medicom intrekken' }).click();
  await page.getByRole('row', { name: /Medicom/ }).getByText(/Ingetrokken op/).waitFor();
  const refused = await ui.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId!, client_secret: secret! }).toString() });
  assert.equal(refused.statusCode, 401);
  assert.equal(refused.json().error, 'invalid_client');
});
