/**
 * The UI conventions every page inherits (issue 15, docs/architecture.md "UI conventions"): Dutch
 * dates and words, the contact form's one-round checks, what the client search hands over.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiAs, loginAndWait, uiTest } from './harness.ts';

const menu = (page: Page) => page.getByRole('navigation', { name: 'Hoofdmenu' });

uiTest('"Nieuwe cliënt: contact registreren" after a search that found nobody carries surname, birth date, BSN and postcode over', async ({ page }) => {
  await loginAndWait(page, 'balie');
  await menu(page).getByRole('link', { name: 'Cliënten' }).click();
  await page.getByLabel('Achternaam').fill('van der Steen');
  await page.getByLabel('Geboortedatum').fill('1948-04-12');
  await page.getByLabel('BSN').fill('999999990');
  await page.getByLabel('Postcode').fill('3033 AB');
  await page.getByLabel('Huisnummer').fill('7');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await page.getByText('Niemand gevonden.').waitFor();
  await page.getByRole('link', { name: 'Nieuwe cliënt: contact registreren' }).click();
  await page.getByRole('heading', { level: 1, name: 'Contact registreren' }).waitFor();
  assert.equal(await page.getByLabel('Voorvoegsel').inputValue(), 'van der');
  assert.equal(await page.getByLabel('Achternaam').inputValue(), 'Steen');
  assert.equal(await page.getByLabel('Geboortedatum').inputValue(), '1948-04-12');
  assert.equal(await page.getByLabel('BSN').inputValue(), '999999990');
  assert.equal(await page.getByLabel('Postcode').inputValue(), '3033 AB');
  assert.equal(await page.getByLabel('Huisnummer', { exact: true }).inputValue(), '7');
  assert.ok(!page.url().includes('999999990'), 'the BSN never lands in the URL');
});

uiTest('every field error of the contact form comes back in one round, in Dutch sentences, before anything is sent', async ({ page }) => {
  await loginAndWait(page, 'balie');
  await page.goto('/contacten/nieuw');
  let posted = 0;
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/contacts')) posted++; });
  await page.getByLabel('Achternaam').fill('Bakker');
  await page.getByLabel('Geboortedatum').fill('2199-01-01');
  await page.getByLabel('BSN').fill('123456789');
  await page.getByLabel('Postcode').fill('30AB');
  await page.getByLabel('Huisnummer', { exact: true }).fill('4');
  await page.getByLabel('Telefoon').fill('abc');
  await page.getByRole('button', { name: 'Contact opslaan' }).click();
  const summary = page.locator('.ww-error-summary');
  await summary.getByText('Controleer de volgende velden').waitFor();
  const text = (await summary.textContent()) ?? '';
  for (const expected of [
    'Geboortedatum: De geboortedatum ligt in de toekomst: controleer de datum.',
    'BSN: Het BSN klopt niet: controleer de cijfers.',
    'Postcode: De postcode klopt niet',
    'Telefoon: Het telefoonnummer klopt niet',
    'Vraag: Beschrijf de vraag.',
    'Uitkomst: Kies de uitkomst.',
  ]) assert.ok(text.includes(expected), `summary has "${expected}":\n${text}`);
  assert.equal(posted, 0, 'nothing is sent while the browser already knows what is wrong');
  // "12" is not a phone number either; a real one passes.
  await page.getByLabel('Telefoon').fill('12');
  await page.getByRole('button', { name: 'Contact opslaan' }).click();
  await summary.getByText('Telefoon: Het telefoonnummer klopt niet').waitFor();
  await page.getByLabel('Telefoon').fill('06 12345678');
  await page.getByRole('button', { name: 'Contact opslaan' }).click();
  await page.locator('.ww-error-summary', { hasText: 'Telefoon:' }).waitFor({ state: 'detached' });
});

uiTest('an anonymous question can only end in information and advice, and "Nog een contact registreren" starts an empty form', async ({ page }) => {
  await loginAndWait(page, 'balie');
  await page.goto('/contacten/nieuw');
  await page.getByLabel('Huisbezoek').check();
  await page.getByLabel('3. Wmo-melding').check();
  await page.getByLabel('Anonieme vraag (alleen informatie en advies)').check();
  assert.ok(await page.getByLabel('1. Informatie en advies').isChecked(), 'the outcome moves to 1');
  for (const n of ['2. Doorverwijzing naar het wijkteam', '3. Wmo-melding', '4. Jeugdhulp', '6. Veiligheidssignaal (meldcode)']) {
    assert.ok(await page.getByLabel(n).isDisabled(), `${n} cannot be chosen`);
  }
  await page.getByLabel('Vraag', { exact: true }).fill('Waar is het dichtstbijzijnde Huis van de Wijk?');
  await page.getByLabel('Urgentie').selectOption('urgent');
  await page.getByRole('button', { name: 'Contact opslaan' }).click();
  await page.getByRole('heading', { level: 1, name: 'Contact vastgelegd' }).waitFor();
  await page.getByRole('button', { name: 'Nog een contact registreren' }).click();
  await page.getByRole('heading', { level: 1, name: 'Contact registreren' }).waitFor();
  assert.equal(await page.getByLabel('Anonieme vraag (alleen informatie en advies)').isChecked(), false);
  assert.equal(await page.getByLabel('Vraag', { exact: true }).inputValue(), '');
  assert.ok(await page.getByLabel('Telefonisch').isChecked(), 'the channel is back to its default');
  assert.equal(await page.getByLabel('Urgentie').inputValue(), 'normal');
  assert.equal(await page.getByLabel('1. Informatie en advies').isChecked(), false);
  assert.equal(await page.getByLabel('2. Doorverwijzing naar het wijkteam').isDisabled(), false);
});

uiTest('the timeline tells each event once, with Dutch dates and statuses', async ({ page, ui }) => {
  const first = await apiAs<{ clientId: string }>(ui, 'balie', 'POST', '/api/v1/contacts', {
    channel: 'phone', question: 'Mijn vader komt de trap niet meer op', outcome: 2, lifeDomains: ['ageing'],
    newClient: { surname: 'Verhoef', birthDate: '1941-08-08', phone: '010-4445566', address: { postcode: '3033 AB', houseNumber: 12, street: 'Zaagmolenkade', city: 'Rotterdam' } } });
  await apiAs(ui, 'balie', 'POST', '/api/v1/contacts', { clientId: first.clientId, channel: 'desk', question: 'Aanvraag traplift', outcome: 3 });
  await loginAndWait(page, 'balie');
  await page.goto(`/clienten/${first.clientId}`);
  await page.getByRole('heading', { name: 'Tijdlijn' }).waitFor();
  const items = page.locator('#timeline-title ~ ol > li');
  await items.first().waitFor();
  assert.equal(await items.count(), 2, 'two contacts, two entries: the referral and the melding are told inside them');
  await page.getByText(/^Verwezen naar Wijkteam Oude Noorden \(open\)\.$/).waitFor();
  const melding = (await page.getByText(/^Wmo-melding: het onderzoek is uiterlijk /).textContent()) ?? '';
  assert.match(melding, /uiterlijk (maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d{1,2} [a-z]+ \d{4} klaar/);
  // Address as the Dutch write it, phone as tap-to-call.
  await page.getByText('Zaagmolenkade 12, 3033 AB Rotterdam').waitFor();
  assert.equal(await page.getByRole('link', { name: '010-4445566' }).getAttribute('href'), 'tel:0104445566');
  const body = (await page.locator('main').textContent()) ?? '';
  assert.doesNotMatch(body, /\d{4}-\d{2}-\d{2}/);
  assert.doesNotMatch(body, /\((accepted|in_progress|returned|closed)\)/);
});

uiTest('picking up a digital question with outcome 2 asks for the address and shows how the citizen wants to be reached', async ({ page }) => {
  await page.goto('/digitaal-loket');
  await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
  await page.getByLabel(/Henk de Jong/).check();
  await page.getByRole('button', { name: 'Inloggen als testpersoon' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hulp vragen' }).waitFor();
  await page.getByLabel('Uw vraag', { exact: true }).fill('Ik kan niet meer zelf boodschappen doen sinds mijn heupoperatie');
  await page.getByLabel('Telefoonnummer of e-mailadres').fill('06-12341234');
  await page.getByRole('button', { name: 'Vraag versturen' }).click();
  const reference = (await page.getByTestId('reference').textContent())!;
  await page.context().clearCookies();

  await loginAndWait(page, 'balie');
  await menu(page).getByRole('link', { name: 'Digitale vragen' }).click();
  const card = page.locator('li', { hasText: reference });
  assert.equal(await card.getByRole('link', { name: '06-12341234' }).getAttribute('href'), 'tel:0612341234');
  await card.getByRole('button', { name: `Oppakken: contact vastleggen voor ${reference}` }).click();
  assert.equal(await page.getByRole('link', { name: '06-12341234' }).getAttribute('href'), 'tel:0612341234');
  await page.getByLabel('2. Doorverwijzing naar het wijkteam').check();
  await page.getByText('In het dossier van deze inwoner staat nog geen adres.').waitFor();
  await page.getByLabel('Postcode van de cliënt').fill('3033 AB');
  await page.getByLabel('Huisnummer van de cliënt').fill('21');
  await page.getByText('Voorgesteld wijkteam: Wijkteam Oude Noorden').waitFor();
  await page.getByRole('button', { name: 'Contact opslaan' }).click();
  await page.getByText('Verwezen naar Wijkteam Oude Noorden').waitFor();
});

/** What the Dutch UI must never show: an ISO date, an English status, a raw code, the English name for noodtoegang. */
const FORBIDDEN: [string, RegExp][] = [
  ['an ISO date', /\b\d{4}-\d{2}-\d{2}\b/],
  ['an English status', /\b(accepted|returned|in_progress|closed|received|handled|success|denied|pending)\b/],
  ['a raw code', /\b[a-z]+\.[a-z]+(_[a-z]+)+\b|\b[a-z]+(_[a-z]+)+\b/],
  ['"break-the-glass"', /break.the.glass/i],
];

async function problemsOn(page: Page, where: string): Promise<string[]> {
  await page.getByText('Even geduld').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
  // biome-ignore lint/performance/useDomNodeTextContent: innerText is what the user sees, with breaks between blocks; textContent glues words together
  const text = await page.locator('body').evaluate((b) => (b as unknown as { innerText: string }).innerText);
  return FORBIDDEN.flatMap(([what, re]) => {
    const m = re.exec(text);
    return m ? [`${where}: ${what} "${m[0]}" in …${text.slice(Math.max(0, m.index - 40), m.index + 40).replace(/\s+/g, ' ')}…`] : [];
  });
}

uiTest('walking every page as each role shows no ISO date, English status or raw code in the Dutch UI', async ({ page, ui }) => {
  // Something to show: a client with a referral and a melding, an accepted referral, a digital question, audit rows.
  const c = await apiAs<{ clientId: string; referral: { id: string } }>(ui, 'balie', 'POST', '/api/v1/contacts', {
    channel: 'phone', question: 'Hulp bij het huishouden', outcome: 2, newClient: { surname: 'Walraven', birthDate: '1950-05-05', address: { postcode: '3033 AB', houseNumber: 3 } } });
  await apiAs(ui, 'balie', 'POST', '/api/v1/contacts', { clientId: c.clientId, channel: 'desk', question: 'Scootmobiel', outcome: 3 });
  const users = await apiAs<{ id: string; username: string }[]>(ui, 'beheer', 'GET', '/api/v1/users');
  await apiAs(ui, 'wijkteam', 'POST', `/api/v1/referrals/${c.referral.id}/accept`, { assignedUserId: users.find((u) => u.username === 'wijkteam')!.id }).catch(() => {});
  const problems: string[] = [];
  let visited = 0;
  for (const role of ['balie', 'wijkteam', 'wmo', 'teamleider', 'beleid', 'financien', 'beheer', 'privacy']) {
    await page.context().clearCookies();
    await loginAndWait(page, role);
    problems.push(...await problemsOn(page, `${role} /`));
    const links = await menu(page).getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    for (const href of links) {
      await page.goto(href);
      visited++;
      problems.push(...await problemsOn(page, `${role} ${href}`));
    }
    if (['balie', 'wijkteam', 'wmo', 'teamleider'].includes(role)) {
      await page.goto(`/clienten/${c.clientId}`);
      problems.push(...await problemsOn(page, `${role} client page`));
    }
    await page.getByRole('button', { name: 'Uitloggen' }).click();
  }
  assert.deepEqual(problems, []);
  assert.ok(visited >= 20, `walked ${visited} pages`);
  // Eight roles and every page of their menus: well over the default two minutes on a busy machine.
}, { timeout: 360_000 });
