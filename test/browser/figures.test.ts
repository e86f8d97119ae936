import assert from 'node:assert/strict';
import { apiAs, loginAndWait, seriousViolations, uiTest } from './harness.ts';

uiTest('the policy analyst sees contact figures in the council\'s three channels with small cells as "< 5", and the service norms table', async ({ page, ui }) => {
  for (let i = 0; i < 3; i++) {
    await apiAs(ui, 'balie', 'POST', '/api/v1/contacts', { channel: 'home_visit', question: 'Waar is het Huis van de Wijk?', outcome: 1 });
  }
  await loginAndWait(page, 'beleid');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Cijfers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cijfers' }).waitFor();
  await page.getByRole('button', { name: 'Tonen' }).click();
  const channels = page.getByRole('region', { name: 'Per kanaal' });
  await channels.getByRole('row').filter({ hasText: 'Persoonlijk' }).waitFor();
  // Desk and home visit together; whatever the demo data adds, every count is "< 5", 0 or a multiple of 5.
  assert.equal(await channels.getByRole('row').filter({ hasText: 'Huisbezoek' }).count(), 0);
  const counts: string[] = [];
  for (const name of ['Per kanaal', 'Per loket of team', 'Per uitkomst']) counts.push(...await page.getByRole('region', { name }).locator('td:nth-child(2)').allTextContents());
  assert.ok(counts.length > 0 && counts.every((c) => /^(< 5|\d*[05])$/.test(c)), counts.join(' | '));
  await channels.getByText(/balie en huisbezoek zijn hier samen geteld als persoonlijk/).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Servicenormen (doorlooptijden)' }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
});
