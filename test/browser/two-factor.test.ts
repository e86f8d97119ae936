import assert from 'node:assert/strict';
import { currentTotp } from '../../src/platform/auth/totp.ts';
import { configureUi, login, seriousViolations, uiTest } from './harness.ts';

// As outside the demo: admin and privacy_officer must use two-factor login.
configureUi({ WEGWIJS_REQUIRE_MFA: 'true' });

uiTest('a privacy officer sets up two-factor login first, then logs in with a code', async ({ page }) => {
  await login(page, 'privacy');
  await page.getByRole('heading', { level: 1, name: 'Tweestapsverificatie instellen' }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count(), 0, 'no menu before two-factor login is set up');
  assert.deepEqual(await seriousViolations(page), []);

  await page.getByRole('button', { name: 'Instellen' }).click();
  const secret = ((await page.locator('.ww-secret dd').first().textContent()) ?? '').trim();
  assert.match(secret, /^[A-Z2-7]{16,}$/);
  await page.getByText(/^otpauth:\/\/totp\//).waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  await page.getByLabel('Code uit de app').fill('000000');
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await page.locator('.ww-error-summary').waitFor();
  await page.getByLabel('Code uit de app').fill(currentTotp(secret));
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Welkom, Petra Privacy' }).waitFor();
  await page.getByRole('button', { name: 'Uitloggen' }).click();

  await login(page, 'privacy');
  await page.getByText('Uw account gebruikt tweestapsverificatie.').waitFor();
  await page.getByLabel('Code uit uw authenticator-app').fill(currentTotp(secret, 1)); // the enrolment code is used up
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Welkom, Petra Privacy' }).waitFor();
});
