import assert from 'node:assert/strict';
import { apiAs, loginAndWait, seriousViolations, uiTest } from './harness.ts';

uiTest('the policy analyst starts a survey round with a sample for one desk and sees how many were invited; without a sample the form names the field', async ({ page, ui }) => {
  for (const surname of ['Aalders', 'Bakker']) {
    await apiAs(ui, 'balie', 'POST', '/api/v1/contacts', {
      channel: 'desk', question: 'Hulp bij het huishouden', outcome: 1, contactedAt: '2021-03-10T10:00:00+01:00', newClient: { surname, birthDate: '1950-01-01' } });
  }
  await apiAs(ui, 'beleid', 'POST', '/api/v1/surveys', {});
  await loginAndWait(page, 'beleid');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Enquêteronde starten' }).click();
  await page.getByRole('heading', { level: 1, name: 'Enquêteronde starten' }).waitFor();
  await page.getByLabel('Geholpen vanaf').fill('2021-03-01');
  await page.getByLabel('Geholpen tot en met').fill('2021-03-31');
  await page.getByRole('button', { name: 'Ronde starten' }).click();
  await page.getByRole('link', { name: /Vul bij minstens één loket of team een steekproef in/ }).waitFor();
  await page.getByLabel('Steekproef VraagWijzer Centrum').fill('10');
  await page.getByRole('button', { name: 'Ronde starten' }).click();
  await page.getByRole('heading', { level: 2, name: 'De ronde is gestart: 2 cliënten uitgenodigd.' }).waitFor();
  const row = page.getByRole('row').filter({ hasText: 'VraagWijzer Centrum' });
  assert.deepEqual(await row.getByRole('cell').allTextContents(), ['10', '2']);
  assert.deepEqual(await seriousViolations(page), []);
});
