import assert from 'node:assert/strict';
import { login, loginAndWait, uiTest } from './harness.ts';

uiTest('an administrator creates a user, who logs in and must first choose a new password', async ({ page }) => {
  await loginAndWait(page, 'beheer');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gebruikers' }).click();
  await page.getByRole('link', { name: 'Nieuwe gebruiker' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nieuwe gebruiker' }).waitFor();

  // Submitting an empty form lists what is missing and moves focus there.
  await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  const summary = page.locator('.ww-error-summary');
  await summary.getByText('Kies minstens één rol.').waitFor();
  assert.equal(await page.evaluate<boolean>("document.activeElement?.classList.contains('ww-error-summary') ?? false"), true);

  await page.getByLabel('Gebruikersnaam').fill('nina.nieuw');
  await page.getByLabel('Naam', { exact: true }).fill('Nina Nieuw');
  await page.getByLabel('Tijdelijk wachtwoord').fill('Tijdelijk-wachtwoord-1');
  await page.getByRole('checkbox', { name: 'Wijkteammedewerker' }).check();
  // A team worker without a neighbourhood team is refused before anything is sent.
  await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  await summary.getByText('Kies minstens één wijkteam: een wijkteammedewerker of teamleider hoort bij een wijkteam.').waitFor();
  await page.getByRole('checkbox', { name: 'Wijkteam Charlois' }).check();
  await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  await page.getByText('Gebruiker Nina Nieuw (nina.nieuw) is aangemaakt.').waitFor();
  const row = page.getByRole('row', { name: /Nina Nieuw/ });
  await row.getByText('Wijkteammedewerker').waitFor();
  await row.getByText('Wijkteam Charlois').waitFor();
  await page.getByRole('button', { name: 'Uitloggen' }).click();

  await login(page, 'nina.nieuw', 'Tijdelijk-wachtwoord-1');
  await page.getByRole('heading', { level: 1, name: 'Kies een nieuw wachtwoord' }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count(), 0, 'no menu before the password is changed');
  await page.getByLabel('Tijdelijk wachtwoord').fill('Tijdelijk-wachtwoord-1');
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('Mijn eigen lange wachtzin');
  await page.getByLabel('Herhaal het nieuwe wachtwoord').fill('Mijn eigen lange wachtzin');
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await page.getByRole('heading', { level: 1, name: 'Welkom, Nina Nieuw' }).waitFor();
  await page.getByRole('banner').getByText('Wijkteam Charlois').waitFor();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Teaminbox' }).waitFor();
});

uiTest('an administrator unlocks a locked account and resets a password', async ({ page }) => {
  await page.goto('/');
  for (let i = 1; i <= 5; i++) {
    await login(page, 'wijkteam', `fout-${i}-wachtwoord`);
    await page.getByText('De gebruikersnaam of het wachtwoord is niet juist.').waitFor();
  }
  await loginAndWait(page, 'beheer');
  await page.goto('/beheer/gebruikers');
  await page.getByRole('row', { name: /Wim Wijkteam/ }).getByText('Geblokkeerd').waitFor();
  await page.getByRole('link', { name: 'Wim Wijkteam' }).click();
  await page.getByRole('button', { name: 'Deblokkeren' }).click();
  await page.getByText('Het account is gedeblokkeerd.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Deblokkeren' }).count(), 0);

  await page.getByLabel('Tijdelijk wachtwoord').fill('kort');
  await page.getByRole('button', { name: 'Tijdelijk wachtwoord instellen' }).click();
  await page.locator('.ww-error-summary').getByText('minstens 12 tekens').waitFor();
  await page.getByLabel('Tijdelijk wachtwoord').fill('Nieuw-tijdelijk-2026');
  await page.getByRole('button', { name: 'Tijdelijk wachtwoord instellen' }).click();
  await page.getByText('Het tijdelijke wachtwoord is ingesteld.').waitFor();
});

uiTest('an administrator creates a team and moves a district to it', async ({ page }) => {
  await loginAndWait(page, 'beheer');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Teams en loketten' }).click();
  await page.getByLabel('Naam', { exact: true }).fill('Wijkteam Tarwewijk');
  await page.getByRole('button', { name: 'Aanmaken' }).click();
  await page.locator('.ww-error-summary').getByText('Kies het rayon van het wijkteam.').waitFor();
  await page.getByLabel('Rayon').selectOption({ label: 'Rayon Zuid' });
  await page.getByRole('button', { name: 'Aanmaken' }).click();
  await page.getByText('Wijkteam Tarwewijk is aangemaakt.').waitFor();
  await page.getByRole('row', { name: /Wijkteam Tarwewijk/ }).waitFor();

  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Wijken en postcodes' }).click();
  await page.getByLabel('Wijkteam voor Oud-Charlois en Tarwewijk', { exact: true }).selectOption({ label: 'Wijkteam Tarwewijk' });
  await page.getByRole('button', { name: 'Wijkteam voor Oud-Charlois en Tarwewijk opslaan' }).click();
  await page.getByText('Oud-Charlois en Tarwewijk valt nu onder Wijkteam Tarwewijk.').waitFor();

  await page.getByLabel('Postcode', { exact: true }).fill('3082 AB');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await page.getByText('3082 AB ligt in Oud-Charlois en Tarwewijk (gebied Charlois). Wijkteam: Wijkteam Tarwewijk.').waitFor();
});

uiTest('a postcode CSV adds by default, refuses overlaps naming both ranges, and replaces only after confirming what goes', async ({ page }) => {
  await loginAndWait(page, 'beheer');
  await page.goto('/beheer/wijken');
  const table = page.getByRole('region', { name: 'Postcodereeksen' });
  const rows = table.getByRole('row');
  await table.getByRole('cell', { name: '3011 AA' }).first().waitFor();
  const before = await rows.count();
  assert.ok(before > 10, 'the demo ranges are listed');
  const rowsBecome = async (n: number) => {
    for (let i = 0; i < 50 && (await rows.count()) !== n; i++) await page.waitForTimeout(100);
    assert.equal(await rows.count(), n);
  };
  const csv = page.getByLabel('Inhoud van het CSV-bestand');
  await csv.fill('van;tot;wijk\n3011AA;3011ZZ;Stadsdriehoek\n9999XX;3011AA;Stadsdriehoek\n3012AA;3012ZZ;Atlantis\n');
  await page.getByRole('button', { name: 'Importeren' }).click();
  await page.getByText(/Regel 3: '9999XX' ligt na '3011AA'/).waitFor();
  await page.getByText(/Regel 4: onbekende wijk 'Atlantis'/).waitFor();
  await page.getByText('Het bestand bevat 2 fout(en). Er is niets ingelezen.').first().waitFor();

  // An overlap names both ranges; nothing is imported.
  await csv.fill('van;tot;wijk\n3034AA;3034ZZ;Kralingen\n');
  await page.getByRole('button', { name: 'Importeren' }).click();
  await page.getByText('Regel 2: 3034 AA–3034 ZZ (Kralingen) overlapt met 3034 AA–3034 ZZ (Crooswijk)').waitFor();
  assert.equal(await rows.count(), before);

  // Adding is the default: one line adds one range and removes nothing.
  await csv.fill('van;tot;wijk\n9990AA;9990ZZ;Crooswijk\n');
  await page.getByRole('button', { name: 'Importeren' }).click();
  await page.getByText('1 postcodereeks is ingelezen.').waitFor();
  await rowsBecome(before + 1);

  // Replacing first shows what goes; nothing changes until confirmed.
  await csv.fill('van;tot;wijk\n3011AA;3011ZZ;Stadsdriehoek\n3014AA;3015ZZ;Oude Westen\n');
  await page.getByRole('radio', { name: /Alle bestaande reeksen verwijderen/ }).check();
  await page.getByRole('button', { name: 'Controleren wat er verdwijnt' }).click();
  await page.getByRole('heading', { name: `Vervangen verwijdert deze ${before} postcodereeksen. Postcodes die niet in het bestand staan, horen daarna bij geen enkele wijk.` }).waitFor();
  await page.getByText('3034 AA – 3034 ZZ: Crooswijk').waitFor();
  assert.equal(await rows.count(), before + 1);
  await page.getByRole('button', { name: `Ja, verwijder ${before} reeksen en lees het bestand in` }).click();
  await page.getByText('2 postcodereeksen zijn ingelezen.').waitFor();
  await rowsBecome(3);

  // One range is changed on its own; a change onto another range is refused with both named.
  await page.getByRole('button', { name: 'Reeks 3011 AA – 3011 ZZ (Stadsdriehoek) wijzigen' }).click();
  await page.getByLabel('Tot en met (reeks 3011 AA – 3011 ZZ)').fill('3014 AB');
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await page.getByText('3011 AA–3014 AB (Stadsdriehoek) overlapt met 3014 AA–3015 ZZ (Oude Westen). Een postcode hoort bij één wijk; niets gewijzigd').waitFor();
  await page.getByLabel('Tot en met (reeks 3011 AA – 3011 ZZ)').fill('3012 ZZ');
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await page.getByText('De reeks 3011 AA – 3012 ZZ hoort nu bij Stadsdriehoek.').waitFor();
  await table.getByRole('cell', { name: '3012 ZZ', exact: true }).waitFor();
});

uiTest('the audit log shows the logins and the chain check says it is intact', async ({ page }) => {
  await loginAndWait(page, 'beheer');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Auditlog' }).click();
  await page.getByRole('cell', { name: 'Ingelogd', exact: true }).first().waitFor();
  await page.getByLabel('Uitkomst').selectOption({ label: 'Gelukt' });
  await page.getByRole('button', { name: 'Filter toepassen' }).click();
  await page.getByRole('cell', { name: 'Gelukt' }).first().waitFor();
  assert.equal(await page.getByRole('cell', { name: 'Geweigerd' }).count(), 0);
  await page.getByRole('button', { name: 'Controleer keten' }).click();
  await page.getByText(/De keten is in orde: \d+ regels gecontroleerd/).waitFor();
});
