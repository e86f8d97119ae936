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
  await page.getByRole('link', { name: surname, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`Traject van .*${surname}`) }).waitFor();
}

async function scoreZrm(page: Page, moment: string, scores: Record<string, string>) {
  await page.getByRole('button', { name: 'ZRM scoren' }).click();
  await page.getByLabel('Moment', { exact: true }).selectOption({ label: moment });
  for (const d of ZRM_DOMAINS) await page.getByLabel(zrmDomainLabelNl[d], { exact: true }).selectOption(scores[d] ?? '3');
  await page.getByRole('button', { name: 'ZRM opslaan' }).click();
}

uiTest('a team worker opens a trajectory, writes the household plan with two goals, logs a home visit and scores the ZRM twice to see the change', async ({ page, ui }) => {
  await acceptedReferral(ui, 'Visser');
  await acceptedReferral(ui, 'Visser-Bos');
  await openTrajectory(page, 'Visser');

  // The household: the client and, from my own cases, her daughter; then the plan.
  const plan = page.getByRole('region', { name: 'Huishouden en plan' });
  await plan.getByText('Deze cliënt hoort nog niet bij een huishouden.').waitFor();
  await plan.getByLabel('Huishouden', { exact: true }).fill('Gezin Visser');
  await plan.getByRole('button', { name: 'Huishouden aanmaken' }).click();
  await plan.getByText('Wim Wijkteam', { exact: true }).waitFor();
  await plan.getByLabel('Lid toevoegen uit mijn cases').selectOption({ label: 'Visser-Bos' });
  await plan.getByLabel('Rol van het nieuwe lid').selectOption({ label: 'kind' });
  await plan.getByRole('button', { name: 'Lid toevoegen', exact: true }).click();
  await plan.getByText(/Visser \(ouder\), Visser-Bos \(kind\)/).waitFor();
  for (const [domain, what, who, due] of [
    ['Wonen', 'Huurachterstand is afbetaald', 'Moeder met de budgetcoach', '2027-06-01'],
    ['Opgroeien en opvoeden', 'Dochter gaat elke dag naar school', 'Moeder en school', '2027-02-01'],
  ]) {
    await plan.getByLabel('Leefgebied').selectOption({ label: domain! });
    await plan.getByLabel('Wat wil de cliënt bereiken').fill(what!);
    await plan.getByLabel('Wie doet het').fill(who!);
    await plan.getByLabel('Klaar op').fill(due!);
    await plan.getByRole('button', { name: 'Doel opslaan' }).click();
    await plan.getByRole('article', { name: what }).waitFor();
  }
  // In the order of the life domains: growing up (10) before housing (40).
  assert.deepEqual(await plan.getByRole('heading', { level: 4 }).allInnerTexts(), ['Opgroeien en opvoeden', 'Wonen']);
  const school = plan.getByRole('article', { name: 'Dochter gaat elke dag naar school' });
  await school.getByLabel(/Stand van/).selectOption({ label: 'bezig' });
  await school.getByText(/Wie: Moeder en school · klaar op 1 februari 2027 · bezig/).waitFor();
  await school.getByLabel(/Voortgang bij/).fill('Deze week vier dagen op school');
  await school.getByRole('button', { name: 'Notitie toevoegen' }).click();
  await school.getByText(/Deze week vier dagen op school \(Wim Wijkteam\)/).waitFor();
  await plan.getByLabel('Datum afspraak').fill('2026-11-02');
  await plan.getByLabel('Hoe afgesproken').selectOption({ label: 'bij een huisbezoek' });
  await plan.getByRole('button', { name: 'Afspraak opslaan' }).click();
  await plan.getByText('op 2 november 2026, bij een huisbezoek').waitFor();
  const pdfHref = await plan.getByRole('link', { name: 'Plan als pdf voor de cliënt' }).getAttribute('href');
  const pdf = await page.request.get(pdfHref!);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.deepEqual(await seriousViolations(page), []);

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
