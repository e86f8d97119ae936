import assert from 'node:assert/strict';
import { login, loginAndWait, uiTest } from './harness.ts';

uiTest('a desk worker logs in and sees her name, her desk and a Dutch page', async ({ page }) => {
  await page.goto('/');
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  await loginAndWait(page, 'balie');
  const header = page.getByRole('banner');
  await header.getByText('Bea Balie').waitFor();
  await header.getByText('VraagWijzer Centrum').waitFor();
  await page.getByRole('heading', { level: 1, name: 'Welkom, Bea Balie' }).waitFor();
});

uiTest('a wrong password shows a clear message and no session', async ({ page }) => {
  await login(page, 'balie', 'dit-is-niet-het-wachtwoord');
  const summary = page.locator('.ww-error-summary');
  await summary.getByText('De gebruikersnaam of het wachtwoord is niet juist.').waitFor();
  // Focus moved to the error summary, so a screen reader announces it.
  assert.equal(await page.evaluate<boolean>("document.activeElement?.classList.contains('ww-error-summary') ?? false"), true);
  assert.equal(await page.getByRole('button', { name: 'Uitloggen' }).count(), 0);
});

uiTest('an empty login form names the missing fields, linked to them', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByText('Vul uw gebruikersnaam in.').first().waitFor();
  const input = page.getByLabel('Gebruikersnaam');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
  assert.match((await page.locator(`#${describedBy.split(' ').at(-1)}`).textContent()) ?? '', /Vul uw gebruikersnaam in/);
});

uiTest('after five wrong passwords the page asks to wait, even with the right password', async ({ page }) => {
  await page.goto('/');
  for (let i = 1; i <= 5; i++) {
    await login(page, 'wmo', `fout-wachtwoord-${i}`);
    await page.getByText('De gebruikersnaam of het wachtwoord is niet juist.').waitFor();
  }
  await login(page, 'wmo'); // even the right password waits now (back-off, not a lock)
  await page.getByText('Er is te vaak een verkeerd wachtwoord of een verkeerde code ingevuld.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Uitloggen' }).count(), 0);
});

uiTest('a desk worker and an administrator see different menus', async ({ page, ui }) => {
  await loginAndWait(page, 'balie');
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  const deskItems = await nav.getByRole('link').allInnerTexts();
  for (const item of ['Start', 'Cliënten', 'Contact registreren']) assert.ok(deskItems.includes(item), `desk worker sees ${item}`);
  for (const item of ['Gebruikers', 'Teams en loketten', 'Wijken en postcodes', 'Auditlog', 'Teaminbox']) assert.ok(!deskItems.includes(item), `desk worker does not see ${item}`);
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();

  await loginAndWait(page, 'beheer');
  const adminItems = await nav.getByRole('link').allInnerTexts();
  for (const item of ['Start', 'Gebruikers', 'Teams en loketten', 'Wijken en postcodes', 'Auditlog']) assert.ok(adminItems.includes(item), `admin sees ${item}`);
  for (const item of ['Cliënten', 'Contact registreren', 'Noodtoegang']) assert.ok(!adminItems.includes(item), `admin does not see ${item}`);
  await nav.getByText('Beheer', { exact: true }).waitFor();
  // A page of another role is refused with a clear page, not an empty screen.
  await page.goto(`${ui.baseUrl}/contacten/nieuw`);
  await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
});

uiTest('the language switches to English and back, and the choice is remembered', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
  await page.getByLabel('Username').fill('teamleider');
  await page.getByLabel('Password', { exact: true }).fill('Wegwijs-demo-2026');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Team overview' }).waitFor();
  await page.getByRole('button', { name: /Nederlands/ }).click();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Teamoverzicht' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
});

uiTest('logging out returns to the login page and ends the session', async ({ page }) => {
  await loginAndWait(page, 'financien');
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
});
