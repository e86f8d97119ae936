import assert from 'node:assert/strict';
import { apiAs, loginAndWait, seriousViolations, uiTest } from './harness.ts';

uiTest('a team worker sees accepted referrals in "Mijn cases" with their plan deadline in words, the overdue one first, and records the plan', async ({ page, ui }) => {
  for (const [surname, daysAgo] of [['Bakker', 3], ['Smit', 50]] as const) {
    const contact = await apiAs<{ referral: { id: string } }>(ui, 'balie', 'POST', '/api/v1/contacts', {
      channel: 'phone', question: 'Hulp nodig met de administratie', lifeDomains: ['finances_debts'], outcome: 2,
      contactedAt: new Date(Date.now() - daysAgo * 864e5).toISOString(),
      newClient: { surname, birthDate: '1975-06-06', address: { postcode: '3031 BB', houseNumber: 12 } } });
    const me = await apiAs<{ user: { id: string } }>(ui, 'wijkteam', 'GET', '/api/v1/session');
    await apiAs(ui, 'wijkteam', 'POST', `/api/v1/referrals/${contact.referral.id}/accept`, { assignedUserId: me.user.id });
  }
  await loginAndWait(page, 'wijkteam');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn cases' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mijn cases' }).waitFor();
  const rows = page.getByRole('region', { name: /Lopende trajecten/ }).getByRole('row');
  await rows.nth(2).waitFor();
  assert.match(await rows.nth(1).textContent() ?? '', /Smit.*intake.*over de termijn \(8 dagen te laat\)/);
  assert.match(await rows.nth(2).textContent() ?? '', /Bakker.*intake.*op tijd \(nog 39 dagen\)/);
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByLabel('Termijn').selectOption({ label: 'over de termijn' });
  await page.getByRole('heading', { name: 'Lopende trajecten (1)' }).waitFor();

  // The case itself: only the steps the server allows are offered; the late plan is recorded as late.
  await page.getByRole('link', { name: 'Smit' }).click();
  await page.getByRole('heading', { level: 1, name: /Traject van .*Smit/ }).waitFor();
  const steps = await page.getByLabel('Stap', { exact: true }).locator('option').allInnerTexts();
  assert.deepEqual(steps.slice(1), ['Ondersteuningsplan afgesproken', 'Traject afsluiten']);
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByLabel('Stap', { exact: true }).selectOption({ label: 'Ondersteuningsplan afgesproken' });
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await page.getByText('Vastgelegd: Ondersteuningsplan afgesproken.').waitFor();
  await page.getByText(/gedaan op .* — te laat gedaan/).waitFor();
  assert.deepEqual((await page.getByLabel('Stap', { exact: true }).locator('option').allInnerTexts()).slice(1), ['Ondersteuning gestart', 'Traject afsluiten']);
});
