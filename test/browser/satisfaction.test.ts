import assert from 'node:assert/strict';
import { apiAs, loginAndWait, seriousViolations, type Ui, uiTest } from './harness.ts';

type MailingItem = { clientId: string; channel: string; link: string | null; letterCode: string | null };

/** Two clients helped at Bea's desk in March 2021 (one with e-mail), a round of the standard survey, and its mailing. */
async function invitations(ui: Ui, names: [string, string]): Promise<{ link: string; letterCode: string }> {
  let teamId = '';
  for (const [surname, email] of [[names[0], 'client@example.org'], [names[1], null]] as const) {
    const c = await apiAs<{ teamId: string }>(ui, 'balie', 'POST', '/api/v1/contacts', {
      channel: 'desk', question: 'Hulp bij het huishouden', outcome: 1, contactedAt: '2021-03-10T10:00:00+01:00', newClient: { surname, birthDate: '1950-01-01', email } });
    teamId = c.teamId;
  }
  const survey = await apiAs<{ id: string }>(ui, 'beleid', 'POST', '/api/v1/surveys', {});
  const round = await apiAs<{ id: string }>(ui, 'beleid', 'POST', '/api/v1/survey-rounds', {
    surveyId: survey.id, from: '2021-03-01', to: '2021-03-31', closesOn: '2099-12-31', teams: [{ teamId, sampleSize: 10 }] });
  const items = await apiAs<MailingItem[]>(ui, 'beheer', 'POST', `/api/v1/survey-rounds/${round.id}/mailing`);
  return { link: items.find((i) => i.link)!.link!, letterCode: items.find((i) => i.letterCode)!.letterCode! };
}

uiTest('a client opens the link from the e-mail, answers every statement and the grade, and the same link cannot be used again', async ({ page, ui }) => {
  const { link } = await invitations(ui, ['Aalders', 'Bakker']);
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Cliëntervaringsonderzoek Wmo' }).waitFor();
  assert.ok(!page.url().includes('#'), 'the key is taken out of the address bar');
  await page.getByText(/U kreeg hulp van VraagWijzer Centrum/).waitFor();
  for (const name of ['Toegang', 'Kwaliteit', 'Effect']) await page.getByRole('heading', { level: 2, name }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  // Sending with nothing chosen names the statements still open.
  await page.getByRole('button', { name: 'Verstuur mijn antwoorden' }).click();
  await page.getByRole('link', { name: /Ik werd snel geholpen/ }).waitFor();

  const groups = page.getByRole('radiogroup');
  const statements = (await groups.count()) - 1; // the last group is the grade
  assert.equal(statements, 9);
  for (let i = 0; i < statements; i++) await groups.nth(i).getByLabel(i === 1 ? 'Weet niet / niet van toepassing' : 'Helemaal eens', { exact: true }).check();
  await page.getByRole('radiogroup', { name: /Welk cijfer geeft u/ }).getByLabel('8', { exact: true }).check();
  await page.getByLabel('Wilt u nog iets kwijt over de hulp die u kreeg?').fill('Vriendelijk geholpen.');
  await page.getByRole('button', { name: 'Verstuur mijn antwoorden' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dank u wel' }).waitFor();

  await page.goto(link);
  await page.getByText('Deze vragenlijst is al ingevuld. Dank u wel!').waitFor();
});

uiTest('a client with a letter types the code (in lower case) and gets the questions', async ({ page, ui }) => {
  const { letterCode } = await invitations(ui, ['Claassen', 'Dekker']);
  await page.goto(`${ui.baseUrl}/vragenlijst`);
  await page.getByRole('heading', { level: 1, name: 'Vragenlijst: uw ervaring met de hulp' }).waitFor();
  await page.getByLabel('Code uit de brief').fill('ABCD-EFGH-JKMN');
  await page.getByRole('button', { name: 'Naar de vragenlijst' }).click();
  await page.getByText(/Deze link of code is onbekend/).waitFor();
  await page.getByLabel('Code uit de brief').fill(letterCode.toLowerCase());
  await page.getByRole('button', { name: 'Naar de vragenlijst' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cliëntervaringsonderzoek Wmo' }).waitFor();
});

uiTest('the policy analyst finds the survey results per desk with too few answers hidden as "< 5"', async ({ page, ui }) => {
  await invitations(ui, ['Evers', 'Franssen']);
  await loginAndWait(page, 'beleid');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Tevredenheid' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cliëntervaringsonderzoek' }).waitFor();
  await page.getByLabel('Van').fill('2021-01-01');
  await page.getByLabel('Tot en met').fill('2021-12-31');
  await page.getByRole('button', { name: 'Toon' }).click();
  const response = page.getByRole('region', { name: 'Respons en rapportcijfer per loket of team' });
  const row = response.getByRole('row').filter({ hasText: 'VraagWijzer Centrum' });
  await row.waitFor();
  // Whatever the earlier tests of this file answered, fewer than 5 answers: the count is "< 5" and no grade is shown.
  assert.deepEqual((await row.locator('td').allTextContents()).slice(1), ['< 5', '—', '—']);
  await page.getByRole('region', { name: 'Percentage (helemaal) eens per stelling' }).getByRole('row').filter({ hasText: 'Ik werd snel geholpen' }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
});
