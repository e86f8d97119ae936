import assert from 'node:assert/strict';
import { apiAs, loginAndWait, seriousViolations, uiTest } from './harness.ts';

uiTest('a team lead adds a school as network partner in a district with an agreement, records a referral from that school, '
  + 'and finds it in the team inbox with the school as its source', async ({ page, ui }) => {
  // A pupil in Oude Noorden whom the team already knows (Wim registered the record).
  const client = await apiAs<{ id: string }>(ui, 'wijkteam', 'POST', '/api/v1/clients', {
    surname: 'Leerling', firstNames: 'Sam', birthDate: '2015-05-05', duplicateAcknowledged: true, address: { postcode: '3031 AB', houseNumber: 7 } });
  // A school in Charlois, kept by Wijkteam Charlois: the team lead of Oude Noorden sees it but does not change it.
  const districts = await apiAs<{ id: string; name: string }[]>(ui, 'beheer', 'GET', '/api/v1/districts');
  await apiAs(ui, 'beheer', 'POST', '/api/v1/network-partners',
    { kind: 'school', name: 'OBS De Globetrotter', districtIds: [districts.find((d) => d.name === 'Oud-Charlois en Tarwewijk')!.id] });

  await loginAndWait(page, 'teamleider');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Netwerkpartners' }).click();
  await page.getByRole('heading', { level: 1, name: 'Netwerkpartners' }).waitFor();
  const other = page.getByRole('row', { name: /OBS De Globetrotter/ });
  await other.getByText('Wijk van een ander team').waitFor();
  assert.equal(await other.getByRole('button').count(), 0, 'no edit button for a partner in another team\'s district');
  assert.equal(await page.getByRole('checkbox', { name: 'Oud-Charlois en Tarwewijk' }).count(), 0, 'a new partner only in the own team\'s districts');

  // The form says what is missing before anything is sent.
  await page.getByRole('button', { name: 'Partner toevoegen' }).click();
  await page.locator('.ww-error-summary').getByText('Kies de soort partner.').waitFor();
  await page.getByLabel('Soort partner').selectOption({ label: 'School' });
  await page.getByLabel('Naam', { exact: true }).fill('OBS De Klimop');
  await page.getByLabel('Oude Noorden en Agniesebuurt').check();
  await page.getByLabel('Contactpersoon', { exact: true }).fill('Mw. Intern Begeleider');
  await page.getByLabel('Telefoon', { exact: true }).fill('010 123 4567');
  await page.getByRole('button', { name: 'Partner toevoegen' }).click();
  await page.getByRole('status').getByText('OBS De Klimop is toegevoegd als netwerkpartner.').waitFor();
  await page.getByRole('heading', { level: 2, name: 'OBS De Klimop wijzigen' }).waitFor();

  // An agreement that ends before it starts is refused at the field; then recorded.
  await page.getByLabel('Wat is afgesproken').fill('De school meldt zorgen over een leerling bij het wijkteam; het wijkteam belt binnen twee werkdagen terug.');
  await page.getByLabel('Geldig vanaf').fill('2026-08-01');
  await page.getByLabel('Geldig tot en met').fill('2026-07-31');
  await page.getByRole('button', { name: 'Afspraak vastleggen' }).click();
  await page.locator('.ww-error-summary').getByText(/ligt vóór "geldig vanaf"/).waitFor();
  await page.getByLabel('Geldig tot en met').fill('2030-07-31');
  await page.getByRole('button', { name: 'Afspraak vastleggen' }).click();
  await page.getByRole('status').getByText('De afspraak is vastgelegd.').waitFor();

  // The district filter shows the school with its contact and the running agreement.
  await page.getByLabel('Wijk', { exact: true }).selectOption({ label: 'Oude Noorden en Agniesebuurt' });
  const row = page.getByRole('row', { name: /OBS De Klimop/ });
  await row.getByText('School', { exact: true }).waitFor();
  await row.getByText(/belt binnen twee werkdagen terug/).waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  // The school phones about Sam: the team lead records it from the client page.
  await page.goto(`${ui.baseUrl}/clienten/${client.id}`);
  await page.getByRole('link', { name: 'Verwijzing van een netwerkpartner registreren' }).click();
  await page.getByRole('heading', { level: 1, name: 'Verwijzing van een netwerkpartner' }).waitFor();
  await page.getByText('Wijkteam van het adres: Wijkteam Oude Noorden (Oude Noorden en Agniesebuurt)').waitFor();
  await page.getByLabel('Netwerkpartner', { exact: true }).selectOption({ label: 'OBS De Klimop (School)' });
  await page.getByLabel('Wie verwees (bij de partner)').fill('Mw. Intern Begeleider');
  await page.getByLabel('Reden van de verwijzing').fill('Sam komt vaak zonder ontbijt en te laat; de ouders lijken overbelast.');
  await page.getByRole('button', { name: 'Verwijzing vastleggen' }).click();
  await page.getByRole('status').getByText('De verwijzing van OBS De Klimop staat in de inbox van Wijkteam Oude Noorden.').waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Teaminbox' }).click();
  const card = page.locator('.ww-card', { hasText: 'Sam komt vaak zonder ontbijt' });
  await card.getByText('Bron: netwerkpartner OBS De Klimop (School)').waitFor();
  await card.getByText(/Mw\. Intern Begeleider, OBS De Klimop/).waitFor();
});
