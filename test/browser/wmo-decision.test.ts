import assert from 'node:assert/strict';
import { pdfText } from '../pdf-text.ts';
import { loginAndWait, seriousViolations, uiTest } from './harness.ts';

uiTest('a Wmo adviser takes a melding, records the onderzoek, the aanvraag and a decision, signs the letter, and the client sees it in Mijn Wegwijs', async ({ page, ui }) => {
  await loginAndWait(page, 'wmo');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Meldingen' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Willems' });
  await row.getByRole('button', { name: /Willems oppakken/ }).click();
  await page.getByRole('row').filter({ hasText: 'Willems' }).filter({ hasText: 'Wendy Wmo-adviseur' }).waitFor();
  await row.getByRole('link', { name: /Melding van .*Willems openen/ }).click();
  await page.getByRole('heading', { level: 1, name: /Wmo-melding van .*Willems/ }).waitFor();

  // The evidence the law requires is a checklist; she records the identity check, and the onderzoek per legal item.
  await page.getByRole('cell', { name: 'Ontbreekt nog' }).first().waitFor();
  await page.getByLabel('Wat', { exact: true }).selectOption({ label: 'Identiteit vastgesteld' });
  await page.getByLabel(/^Toelichting/).fill('paspoort');
  await page.getByRole('button', { name: 'Vastleggen', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Vastgelegd: Identiteit vastgesteld.' }).waitFor();
  await page.getByRole('row', { name: /Identiteit vastgesteld .*Wendy Wmo-adviseur: “paspoort”/ }).waitFor();
  await page.getByLabel(/^Hulpvraag/).fill('Mevrouw wil haar huis schoon houden ondanks haar heupklachten.');
  await page.getByLabel('Eigen kracht en gebruikelijke hulp').fill('Haar dochter doet de boodschappen.');
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('button', { name: 'Onderzoek opslaan (nieuwe versie)' }).click();
  await page.getByRole('status').filter({ hasText: 'Het onderzoek is opgeslagen als versie 1.' }).waitFor();
  const report = await page.request.get((await page.getByRole('link', { name: 'Verslag openen (PDF)' }).getAttribute('href'))!);
  assert.match(pdfText(await report.body()), /Haar dochter doet de boodschappen\./);

  // The onderzoek, its verslag and the aanvraag: one button each, as the process allows them.
  for (const step of ['Onderzoek starten', 'Verslag verstuurd', 'Aanvraag ontvangen']) {
    await page.getByRole('button', { name: step }).click();
    await page.getByRole('status').filter({ hasText: `Vastgelegd: ${step}.` }).waitFor();
  }

  // The decision: household help granted in kind.
  await page.getByRole('heading', { level: 2, name: 'Beschikking vastleggen' }).waitFor();
  await page.getByLabel('Voorziening', { exact: true }).selectOption({ label: 'Hulp bij het huishouden' });
  await page.getByLabel('Toekennen').check();
  await page.getByLabel('Waarom (in gewone woorden)').fill('U kunt door uw heupklachten uw huis niet zelf schoonhouden.');
  await page.getByLabel('Wat het moet opleveren').fill('Een schoon en leefbaar huis');
  await page.getByLabel(/^Hoeveel/).fill('3');
  await page.getByLabel('Vanaf').fill('2026-12-01');
  await page.getByLabel('Tot en met').fill('2026-12-31');
  await page.getByLabel('Zorg in natura').check();
  await page.getByLabel('Aanbieder').selectOption({ label: 'Thuiszorg Maasoever' });
  await page.getByLabel(/^Eigen bijdrage/).fill('U betaalt een eigen bijdrage; het CAK stuurt u daarover een brief.');
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('button', { name: 'Beschikking vastleggen' }).click();
  await page.getByRole('status').filter({ hasText: 'De beschikking is vastgelegd' }).waitFor();
  await page.getByText(/Hulp bij het huishouden: toegekend, 3 eenheden, 1 december 2026 tot en met 31 december 2026, Zorg in natura \(Thuiszorg Maasoever\)/).waitFor();

  // Staff open the draft letter as PDF (to check or print it); then she signs it within her mandate.
  const draftLink = page.getByRole('link', { name: 'Brief versie 1 openen (PDF)' });
  const draft = await page.request.get((await draftLink.getAttribute('href'))!);
  assert.equal(draft.headers()['content-type'], 'application/pdf');
  assert.match(pdfText(await draft.body()), /Hulp bij het huishouden \(01A01\): dit krijgt u\..*CONCEPT|CONCEPT.*Hulp bij het huishouden \(01A01\): dit krijgt u\./);
  await page.getByRole('button', { name: 'Versie 1 ondertekenen' }).click();
  await page.getByRole('status').filter({ hasText: 'De brief is ondertekend' }).waitFor();
  await page.getByText(/ondertekend door Wendy Wmo-adviseur/).waitFor();

  // The client logs in to Mijn Wegwijs (test identity with her BSN) and finds the letter.
  const citizen = await (await ui.browser.newContext({ baseURL: ui.baseUrl, locale: 'nl-NL' })).newPage();
  await citizen.goto('/mijn-wegwijs');
  await citizen.getByRole('link', { name: 'Inloggen met DigiD' }).click();
  await citizen.getByLabel('Andere testpersoon').check();
  await citizen.getByLabel('BSN', { exact: true }).fill('999990068');
  await citizen.getByLabel('Voornaam').fill('Sandra');
  await citizen.getByLabel('Achternaam').fill('Willems');
  await citizen.getByRole('button', { name: 'Inloggen als testpersoon' }).click();
  const letter = citizen.getByRole('link', { name: /Besluit over uw aanvraag Wmo-ondersteuning/ });
  await letter.waitFor();
  assert.deepEqual(await seriousViolations(citizen), []);
  const pdf = await citizen.request.get((await letter.getAttribute('href'))!);
  assert.equal(pdf.status(), 200);
  const text = pdfText(await pdf.body());
  assert.ok(text.includes('Wendy Wmo-adviseur') && !text.includes('CONCEPT'), text);
  await citizen.context().close();
});

uiTest('an admin saves the decision letter text as a new version and gives a mandate for one provision', async ({ page }) => {
  await loginAndWait(page, 'beheer');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Wmo-brieven en mandaten' }).click();
  await page.getByText(/^Versie 1, opgeslagen/).waitFor();
  const text = page.getByLabel('Brieftekst');
  assert.match(await text.inputValue(), /\{\{provisions\}\}/);
  await text.fill(`${await text.inputValue()}\n\nDeze brief is ook in het Engels te krijgen.`);
  await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
  await page.getByRole('status').filter({ hasText: 'Opgeslagen als versie 2.' }).waitFor();

  await page.getByLabel('Medewerker').selectOption({ label: 'Wendy Wmo-adviseur' });
  await page.getByLabel('Voorziening', { exact: true }).selectOption({ label: 'Dagbesteding' });
  await page.getByLabel(/^Maximaal bedrag/).fill('12.500');
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('button', { name: 'Mandaat toevoegen' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Dagbesteding' });
  await row.filter({ hasText: 'Wendy Wmo-adviseur' }).filter({ hasText: '€ 12.500,00' }).waitFor();
  await row.getByRole('button', { name: 'Mandaat van Wendy Wmo-adviseur voor Dagbesteding intrekken' }).click();
  await row.waitFor({ state: 'detached' });
});
