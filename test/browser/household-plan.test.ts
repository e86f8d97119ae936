import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ZRM_DOMAINS, zrmDomainLabelNl } from '../../src/modules/casework/zrm.ts';
import { apiAs, loginAndWait, seriousViolations, type Ui, uiTest } from './harness.ts';

/** The desk refers a new client to Wijkteam Oude Noorden; Wim accepts it, which starts a trajectory. Returns the client id. */
async function acceptedReferral(ui: Ui, surname: string): Promise<string> {
  const contact = await apiAs<{ referral: { id: string }; clientId: string }>(ui, 'balie', 'POST', '/api/v1/contacts', {
    channel: 'phone', question: 'Huur achterstand, kinderen missen school', lifeDomains: ['finances_debts', 'housing'], outcome: 2,
    newClient: { surname, birthDate: '1984-04-04', address: { postcode: '3031 BB', houseNumber: 20 } } });
  const me = await apiAs<{ user: { id: string } }>(ui, 'wijkteam', 'GET', '/api/v1/session');
  await apiAs(ui, 'wijkteam', 'POST', `/api/v1/referrals/${contact.referral.id}/accept`, { assignedUserId: me.user.id });
  return contact.clientId;
}

async function openTrajectory(page: Page, surname: string) {
  await loginAndWait(page, 'wijkteam');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn cases' }).click();
  await page.getByRole('link', { name: surname }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`Traject van .*${surname}`) }).waitFor();
}

async function scoreZrm(page: Page, moment: string, scores: Record<string, string>) {
  await page.getByRole('button', { name: 'ZRM scoren' }).click();
  await page.getByLabel('Moment', { exact: true }).selectOption({ label: moment });
  for (const d of ZRM_DOMAINS) await page.getByLabel(zrmDomainLabelNl[d], { exact: true }).selectOption(scores[d] ?? '3');
  await page.getByRole('button', { name: 'ZRM opslaan' }).click();
}

uiTest('a team worker logs a home visit in a few fields and scores the ZRM twice, and sees the change per domain', async ({ page, ui }) => {
  await acceptedReferral(ui, 'Visser');
  await openTrajectory(page, 'Visser');

  await page.getByLabel('Soort activiteit').selectOption({ label: 'Huisbezoek' });
  await page.getByLabel('Tijd (minuten)').fill('45');
  await page.getByLabel('Korte notitie').fill('Post samen doorgenomen');
  await page.getByRole('button', { name: 'Activiteit toevoegen' }).click();
  await page.getByText('Activiteit toegevoegd.').waitFor();
  const activities = page.getByRole('region', { name: 'Activiteiten' });
  await activities.getByText('Samen 45 minuten, aantal activiteiten: 1.').waitFor();
  assert.match(await activities.getByRole('row').nth(1).textContent() ?? '', /Huisbezoek.*45 min.*Post samen doorgenomen.*Wim Wijkteam/);

  await scoreZrm(page, 'Intake', { housing: '2', finances: '1' });
  await page.getByText(/Gescoord: Intake/).waitFor();
  await scoreZrm(page, 'Evaluatie', { housing: '4', finances: '2' });
  const change = page.getByRole('list', { name: 'Verandering per domein' });
  await change.waitFor();
  assert.ok((await change.getByRole('listitem').allInnerTexts()).includes('Huisvesting: 2 → 4 (+2)'));
  assert.ok((await change.getByRole('listitem').allInnerTexts()).includes('Financiën: 1 → 2 (+1)'));
  assert.equal(await page.locator('.ww-zrm-chart .recharts-bar-rectangle').count() > 0, true, 'the chart draws bars');
  assert.deepEqual(await seriousViolations(page), []);
});
