/**
 * Sealed safety records (meldcode): a colleague who may see the client sees only that a sealed record
 * exists, asks for break-the-glass, and reads it only after the team lead approves.
 */
import assert from 'node:assert/strict';
import { apiAs, loginAndWait, seriousViolations, uiTest } from './harness.ts';

type Created = { id: string };
const TEXT = 'Dochter vertelt over geweld thuis';

uiTest('a worker outside the case cannot see the safety record until a second person approves break-the-glass', async ({ page, ui }) => {
  const c = await apiAs<Created>(ui, 'wijkteam', 'POST', '/api/v1/clients', { surname: 'Zegers', firstNames: 'Mila', birthDate: '1988-08-08',
    address: { postcode: '3032 AB', houseNumber: 12 }, duplicateAcknowledged: true });
  await apiAs(ui, 'wijkteam', 'POST', '/api/v1/contacts', { clientId: c.id, channel: 'home_visit', question: TEXT, lifeDomains: ['domestic_violence'], outcome: 6 });

  // Wendy works in the same team and sees the client, not the text.
  await loginAndWait(page, 'wmo');
  await page.goto(`/clienten/${c.id}`);
  await page.getByRole('heading', { level: 1, name: 'M. Zegers' }).waitFor();
  await page.getByText('Afgeschermd veiligheidsdossier').waitFor();
  assert.equal(await page.getByText(TEXT).count(), 0, 'the contact text is not on the client page');
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('link', { name: 'Noodtoegang vragen' }).click();
  await page.getByText(/Dit veiligheidsdossier is afgeschermd/).waitFor();
  assert.equal(await page.getByText(TEXT).count(), 0);
  await page.getByLabel('Reden').fill('Beschikking huishoudelijke hulp: veiligheid thuis meewegen');
  await page.getByRole('button', { name: 'Verzoek versturen' }).click();
  await page.getByText(/wacht op goedkeuring door een tweede persoon/).waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  // The team lead sees the record in the list, reads it and approves.
  await page.context().clearCookies();
  await loginAndWait(page, 'teamleider');
  await page.goto('/veiligheid');
  await page.getByRole('heading', { level: 1, name: 'Veiligheidsdossiers' }).waitFor();
  await page.getByRole('link', { name: 'M. Zegers' }).click();
  await page.getByText(`“${TEXT}”`).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('button', { name: 'Goedkeuren (8 uur): Wendy Wmo-adviseur' }).click();
  await page.getByText(/goedgekeurd door Tom Teamleider/).waitFor();

  // Now Wendy reads it, for a limited time and without the steps.
  await page.context().clearCookies();
  await loginAndWait(page, 'wmo');
  await page.goto(`/clienten/${c.id}`);
  await page.getByRole('link', { name: 'Open het veiligheidsdossier' }).click();
  await page.getByText(`“${TEXT}”`).waitFor();
  await page.getByText(/U hebt noodtoegang tot/).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Volgende stap' }).count(), 0);
});

uiTest('the registering worker takes the first meldcode step on the safety record page', async ({ page, ui }) => {
  const c = await apiAs<Created>(ui, 'wijkteam', 'POST', '/api/v1/clients', { surname: 'Kaya', firstNames: 'Elif', birthDate: '1979-09-09',
    address: { postcode: '3032 AB', houseNumber: 14 }, duplicateAcknowledged: true });
  await apiAs(ui, 'wijkteam', 'POST', '/api/v1/contacts', { clientId: c.id, channel: 'phone', question: 'Buren horen geschreeuw', lifeDomains: ['domestic_violence'], outcome: 6 });
  await loginAndWait(page, 'wijkteam');
  await page.goto(`/clienten/${c.id}`);
  await page.getByRole('link', { name: 'Open het veiligheidsdossier' }).click();
  await page.getByRole('heading', { level: 1, name: 'Veiligheidsdossier: E. Kaya' }).waitFor();
  await page.getByText('stap 1 van 5: signalen in kaart brengen').waitFor();
  await page.getByLabel('Stap', { exact: true }).selectOption({ label: 'Stap 1: signalen vastleggen' });
  await page.getByLabel('Toelichting').fill('Buren melden geschreeuw; kinderen stil op school');
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await page.getByText('Vastgelegd: Stap 1: signalen vastleggen.').waitFor();
  await page.getByText('stap 2 van 5: collegiale consultatie en raadplegen Veilig Thuis').waitFor();
  assert.deepEqual(await seriousViolations(page), []);
});

uiTest('the aandachtsfunctionaris puts a professional of the postcode team on the case', async ({ page, ui }) => {
  const c = await apiAs<Created>(ui, 'wijkteam', 'POST', '/api/v1/clients', { surname: 'Bos', firstNames: 'Noor', birthDate: '1991-01-01',
    address: { postcode: '3081 AA', houseNumber: 3 }, duplicateAcknowledged: true });
  await apiAs(ui, 'wijkteam', 'POST', '/api/v1/contacts', { clientId: c.id, channel: 'desk', question: 'Zoon durft niet naar huis', lifeDomains: ['domestic_violence'], outcome: 6 });
  await loginAndWait(page, 'aandacht');
  await page.goto('/veiligheid');
  await page.getByRole('link', { name: 'N. Bos' }).click();
  await page.getByText('U bent aandachtsfunctionaris.').waitFor();
  await page.getByLabel('Professional', { exact: true }).selectOption({ label: 'Zara Zuid' });
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  await page.getByRole('definition').filter({ hasText: 'Zara Zuid' }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
});
