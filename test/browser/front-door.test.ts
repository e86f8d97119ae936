import assert from 'node:assert/strict';
import { apiAs, loginAndWait, seriousViolations, uiTest } from './harness.ts';

uiTest('a desk worker registers a new client by phone and refers to the proposed team; the team worker accepts it', async ({ page }) => {
  await loginAndWait(page, 'balie');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Contact registreren' }).click();
  await page.getByRole('heading', { level: 1, name: 'Contact registreren' }).waitFor();
  await page.getByLabel('Voornamen').fill('Gerda');
  await page.getByLabel('Achternaam').fill('Molenaar');
  await page.getByLabel('Geboortedatum').fill('1939-05-17');
  await page.getByLabel('Postcode').fill('3033 AB');
  await page.getByLabel('Huisnummer').fill('21');
  await page.getByLabel('Vraag', { exact: true }).fill('Mijn buurvrouw valt steeds en eet niet goed');
  await page.getByLabel('Ouder worden').check();
  await page.getByLabel('2. Doorverwijzing naar het wijkteam').check();
  await page.getByText('Voorgesteld wijkteam: Wijkteam Oude Noorden').waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('button', { name: 'Contact opslaan' }).click();
  await page.getByText('Verwezen naar Wijkteam Oude Noorden').waitFor();
  await page.getByRole('button', { name: 'Uitloggen' }).click();

  await loginAndWait(page, 'wijkteam');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Teaminbox' }).click();
  const card = page.locator('.ww-card', { hasText: 'Mijn buurvrouw valt steeds' });
  await card.getByLabel('Professional').selectOption({ label: 'Wim Wijkteam' });
  await card.getByRole('button', { name: 'Accepteren' }).click();
  await page.getByText('Verwijzing van G. Molenaar geaccepteerd; Wim Wijkteam pakt het op.').waitFor();
});

uiTest('registering someone who is already known shows a duplicate warning', async ({ page, ui }) => {
  await apiAs(ui, 'wijkteam', 'POST', '/api/v1/clients', { surname: 'Verbeek', firstNames: 'Hans', birthDate: '1952-02-29' });
  await loginAndWait(page, 'balie');
  await page.goto('/contacten/nieuw');
  await page.getByLabel('Achternaam').fill('Verbeek');
  await page.getByLabel('Geboortedatum').fill('1952-02-29');
  await page.getByLabel('Vraag', { exact: true }).fill('Vraag over vervoer naar de dagbesteding');
  await page.getByLabel('1. Informatie en advies').check();
  await page.getByRole('button', { name: 'Contact opslaan' }).click();
  await page.getByRole('heading', { name: 'Mogelijk staat deze persoon al geregistreerd' }).waitFor();
  await page.getByText('bekend bij Wijkteam Oude Noorden').waitFor();
  await page.getByRole('button', { name: 'Dit is deze persoon: contact bij deze cliënt vastleggen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Contact vastgelegd' }).waitFor();
});

uiTest('a citizen logs in with a test identity, asks a question, gets a reference number and sees its status', async ({ page }) => {
  await page.goto('/digitaal-loket');
  await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
  await page.getByText('Dit is géén DigiD').waitFor();
  await page.getByLabel(/Henk de Jong/).check();
  await page.getByRole('button', { name: 'Inloggen als testpersoon' }).click();
  // Back from DigiD on the page the citizen was going to: the question form.
  await page.getByRole('heading', { level: 1, name: 'Hulp vragen' }).waitFor();
  await page.getByLabel('Uw vraag', { exact: true }).fill('Ik heb schulden en weet niet meer waar ik moet beginnen');
  await page.getByLabel('Financiën en schulden').check();
  await page.getByLabel('Telefoonnummer of e-mailadres').fill('06-12341234');
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('button', { name: 'Vraag versturen' }).click();
  const reference = await page.getByTestId('reference').textContent();
  assert.match(reference ?? '', /^WW-\d{4}-\d{6}$/);
  await page.getByRole('link', { name: 'Naar Mijn Wegwijs' }).click();
  await page.getByText(reference!).waitFor();
  await page.getByText('Ontvangen door VraagWijzer Centrum; nog niet behandeld.').waitFor();
});

uiTest('a desk worker finds a client known elsewhere, registers a contact from the result, and then sees the timeline', async ({ page, ui }) => {
  await apiAs(ui, 'wijkteam', 'POST', '/api/v1/clients', { surname: 'Kramer', firstNames: 'Lotte', birthDate: '1985-10-10' });
  await loginAndWait(page, 'balie');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Cliënten' }).click();
  await page.getByLabel('Achternaam').fill('kramer');
  await page.getByLabel('Geboortedatum').fill('1985-10-10');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  const row = page.getByRole('row', { name: /L\. Kramer/ });
  await row.getByText('Wijkteam Oude Noorden').waitFor();
  assert.equal(await row.getByRole('link', { name: 'L. Kramer' }).count(), 0, 'not opened without a relation');
  assert.deepEqual(await seriousViolations(page), []);
  await row.getByRole('link', { name: 'Contact registreren' }).click();
  await page.getByText('Cliënt: L. Kramer.').waitFor();
  await page.getByLabel('Balie').check();
  await page.getByLabel('Vraag', { exact: true }).fill('Vraag over een parkeervergunning voor mantelzorgers');
  await page.getByLabel('1. Informatie en advies').check();
  await page.getByRole('button', { name: 'Contact opslaan' }).click();
  await page.getByRole('link', { name: 'Naar het dossier' }).click();
  await page.getByRole('heading', { level: 1, name: /Kramer/ }).waitFor();
  await page.getByRole('heading', { name: 'Tijdlijn' }).waitFor();
  await page.getByText('Vraag over een parkeervergunning voor mantelzorgers').waitFor();
  await page.getByText('Bea Balie, VraagWijzer Centrum').waitFor();
});
