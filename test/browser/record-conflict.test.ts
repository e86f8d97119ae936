import assert from 'node:assert/strict';
import { apiAs, loginAndWait, seriousViolations, uiTest } from './harness.ts';

uiTest('two tabs change the same client: the second sees what the first saved, keeps its own entry and saves both', async ({ page, ui }) => {
  const c = await apiAs<{ id: string }>(ui, 'balie', 'POST', '/api/v1/clients', { surname: 'Visser', firstNames: 'Joke', birthDate: '1951-02-03', duplicateAcknowledged: true });
  await loginAndWait(page, 'balie');
  const other = await page.context().newPage();
  for (const tab of [page, other]) {
    await tab.goto(`/clienten/${c.id}`);
    await tab.getByRole('button', { name: 'Gegevens wijzigen' }).click();
  }
  await page.getByLabel('Telefoon').fill('010-1111111');
  await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
  await page.getByText('De gegevens van de cliënt zijn opgeslagen.').waitFor();

  // The second tab still has the record as it was; its save is refused and it is told why.
  await other.getByLabel('E-mailadres').fill('joke@example.nl');
  await other.getByRole('button', { name: 'Gegevens opslaan' }).click();
  await other.getByRole('heading', { name: 'Iemand anders heeft dit intussen gewijzigd' }).waitFor();
  const row = other.getByRole('row', { name: /Telefoon/ });
  assert.deepEqual(await row.getByRole('cell').allInnerTexts(), ['(leeg)', '010-1111111', '(leeg)']);
  assert.equal(await other.getByLabel('E-mailadres').inputValue(), 'joke@example.nl');
  assert.deepEqual(await seriousViolations(other), []);

  await other.getByRole('button', { name: 'Mijn wijzigingen toepassen op de nieuwe versie' }).click();
  assert.equal(await other.getByLabel('Telefoon').inputValue(), '010-1111111');
  assert.equal(await other.getByLabel('E-mailadres').inputValue(), 'joke@example.nl');
  await other.getByRole('button', { name: 'Gegevens opslaan' }).click();
  await other.getByText('De gegevens van de cliënt zijn opgeslagen.').waitFor();
  await other.getByText('010-1111111').waitFor();
  await other.getByText('joke@example.nl').waitFor();
});
