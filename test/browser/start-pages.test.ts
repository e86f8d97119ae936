/**
 * Start pages: a professional sees the waiting work with counts; a citizen sees what Wegwijs is,
 * how to get help without DigiD, the safety numbers, returns after DigiD to where they were
 * going, and the receipt says when they will hear.
 */
import assert from 'node:assert/strict';
import { apiAs, loginAndWait, seriousViolations, uiTest } from './harness.ts';

uiTest('the start page shows a team worker how many referrals wait, and leads to them', async ({ page, ui }) => {
  const before = (await apiAs<{ referralsOpen: number }>(ui, 'wijkteam', 'GET', '/api/v1/me/waiting-work')).referralsOpen;
  for (const surname of ['Start', 'Pagina']) {
    await apiAs(ui, 'balie', 'POST', '/api/v1/contacts', {
      channel: 'phone', question: 'Mijn moeder vereenzaamt en eet slecht', lifeDomains: ['ageing'], outcome: 2, urgency: 'urgent',
      newClient: { surname, birthDate: '1940-04-04', address: { postcode: '3031 BB', houseNumber: 7 } },
    });
  }
  await loginAndWait(page, 'wijkteam');
  const waiting = page.getByRole('region', { name: 'Wat er op u wacht' });
  const link = waiting.getByRole('link', { name: `${before + 2} verwijzingen wachten op een besluit` });
  await link.waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await link.click();
  await page.getByRole('heading', { level: 1, name: 'Teaminbox' }).waitFor();
  await page.getByRole('heading', { name: /^Start \(/ }).waitFor();

  await page.context().clearCookies();
  await loginAndWait(page, 'balie');
  await page.getByRole('region', { name: 'Wat er op u wacht' }).getByRole('link', { name: /digitale vra(ag|gen)/ }).waitFor();
});

uiTest('a citizen reads how to get help without DigiD, sees the safety numbers, and after DigiD lands on the question form', async ({ page }) => {
  await page.goto('/inwoners');
  await page.getByRole('heading', { level: 1, name: 'Wegwijs voor inwoners' }).waitFor();
  await page.getByRole('heading', { name: 'Geen DigiD, of liever persoonlijk?' }).waitFor();
  assert.equal(await page.getByRole('link', { name: '14 010' }).getAttribute('href'), 'tel:14010');
  assert.equal(await page.getByRole('link', { name: '0800-2000' }).getAttribute('href'), 'tel:08002000');
  assert.equal(await page.getByRole('link', { name: '112' }).getAttribute('href'), 'tel:112');
  await page.getByText(/alleen de mensen die u helpen kunnen het zien/).waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  await page.getByRole('link', { name: 'Hulp vragen' }).click();
  await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
  await page.getByLabel(/Henk de Jong/).check();
  await page.getByRole('button', { name: 'Inloggen als testpersoon' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hulp vragen' }).waitFor();

  await page.getByLabel('Uw vraag', { exact: true }).fill('Mijn partner slaat mij en ik durf niet naar huis');
  await page.getByLabel('Huiselijk geweld').check();
  await page.getByRole('heading', { name: 'Huiselijk geweld of kindermishandeling?' }).waitFor();
  await page.getByRole('link', { name: '0800-2000' }).waitFor();
  await page.getByLabel('Telefoonnummer of e-mailadres').fill('06-12341234');
  await page.getByRole('button', { name: 'Vraag versturen' }).click();
  await page.getByTestId('reference').waitFor();
  await page.getByText(/U hoort uiterlijk (maandag|dinsdag|woensdag|donderdag|vrijdag) \d+ \w+ \d{4} van ons/).waitFor();
});
