import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ZRM_DOMAINS, zrmDomainLabelNl } from '../../src/modules/casework/zrm.ts';
import { amsterdamDate } from '../../src/modules/legal-terms/legal-terms.ts';
import { gpToken, sendReferral, taskOf } from './gp-practice.ts';
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

/** Wim accepts the GP's referral in the team inbox and opens the trajectory the acceptance started. */
async function acceptInInbox(page: Page, question: string) {
  await loginAndWait(page, 'wijkteam');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Teaminbox' }).click();
  const card = page.locator('.ww-card', { hasText: question });
  await card.getByLabel('Professional').selectOption({ label: 'Wim Wijkteam' });
  await card.getByRole('button', { name: 'Accepteren' }).click();
  await page.getByRole('status').getByText(/geaccepteerd; Wim Wijkteam pakt het op\./).waitFor();
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Geaccepteerd' });
  await page.locator('.ww-card', { hasText: question }).getByRole('link', { name: 'Naar het traject' }).click();
  await page.getByRole('heading', { level: 1, name: /Traject van .*de Vries/ }).waitFor();
}

async function scoreZrm(page: Page, moment: string, scores: Record<string, string>) {
  await page.getByRole('button', { name: 'ZRM scoren' }).click();
  await page.getByLabel('Moment', { exact: true }).selectOption({ label: moment });
  for (const d of ZRM_DOMAINS) await page.getByLabel(zrmDomainLabelNl[d], { exact: true }).selectOption(scores[d] ?? '3');
  await page.getByRole('button', { name: 'ZRM opslaan' }).click();
}

const QUESTION = 'Mevrouw heeft een huurachterstand; haar dochter mist school';

uiTest('a team worker accepts a GP referral, writes the household plan with two goals, logs a home visit, refers on to 2nd-line care, scores the ZRM at intake and closure, escalates to Veilig Thuis '
  + 'and steps down, and closes: the GP sees the Task completed, and a colleague outside the case cannot see the safety record', async ({ page, ui }) => {
  const token = await gpToken(ui);
  const serviceRequestId = await sendReferral(ui, token, { identifier: 'HIS-BROWSER-CHAIN', note: QUESTION });
  await acceptedReferral(ui, 'Visser-Bos');
  await acceptInInbox(page, QUESTION);
  const trajectoryUrl = page.url();

  // The household: the client and, from my own cases, her daughter; then the plan.
  const plan = page.getByRole('region', { name: 'Huishouden en plan' });
  await plan.getByText('Deze cliënt hoort nog niet bij een huishouden.').waitFor();
  await plan.getByLabel('Huishouden', { exact: true }).fill('Gezin De Vries');
  await plan.getByRole('button', { name: 'Huishouden aanmaken' }).click();
  await plan.getByText('Wim Wijkteam', { exact: true }).waitFor();
  await plan.getByLabel('Lid toevoegen uit mijn cases').selectOption({ label: 'Visser-Bos' });
  await plan.getByLabel('Rol van het nieuwe lid').selectOption({ label: 'kind' });
  await plan.getByRole('button', { name: 'Lid toevoegen', exact: true }).click();
  await plan.getByText(/de Vries \(ouder\), Visser-Bos \(kind\)/).waitFor();
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
  // Agreed today (the referral came in today); the trajectory's step 'plan agreed' follows without a second entry.
  const today = amsterdamDate(new Date());
  await plan.getByLabel('Datum afspraak').fill(today);
  await plan.getByLabel('Hoe afgesproken').selectOption({ label: 'bij een huisbezoek' });
  await plan.getByRole('button', { name: 'Afspraak opslaan' }).click();
  const todayNl = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${today}T12:00:00Z`));
  await plan.getByText(`op ${todayNl}, bij een huisbezoek`).waitFor();
  await page.getByText(/Fase: plan afgesproken ·/).waitFor();
  const pdfHref = await plan.getByRole('link', { name: 'Plan als pdf voor de cliënt' }).getAttribute('href');
  const pdf = await page.request.get(pdfHref!);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');

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

  // The daughter tells Wim about violence at home: a safety signal opens the sealed safety record (Wim registered it: on the case).
  const clientId = await page.getByRole('link', { name: 'Naar het dossier' }).getAttribute('href').then((h) => h!.split('/').pop()!);
  await apiAs(ui, 'wijkteam', 'POST', '/api/v1/contacts', { clientId, channel: 'home_visit', question: SIGNAL, lifeDomains: ['domestic_violence'], outcome: 6 });
  const coordination = page.getByRole('region', { name: 'Casusregie' });
  await coordination.getByText('Regie: Wijkteam Oude Noorden (Wim Wijkteam)').waitFor();
  // Casusregie stays with the team when 2nd-line care starts.
  await coordination.getByLabel('Waarheen').selectOption({ label: 'Tweedelijnszorg (aanbieder of organisatie)' });
  await coordination.getByLabel('Aanbieder of organisatie').fill('GGZ Delfland');
  await coordination.getByLabel('Waarvoor').fill('Behandeling van angstklachten van moeder');
  await coordination.getByRole('button', { name: 'Doorverwijzing vastleggen' }).click();
  await coordination.getByRole('article', { name: 'GGZ Delfland' }).getByRole('button', { name: 'Zorg is gestart' }).click();
  await coordination.getByText('Vastgelegd: Zorg is gestart.').waitFor();
  await coordination.getByRole('list', { name: 'Wie is actief' }).getByText('GGZ Delfland: actief').waitFor();
  await handover(page, 'Opgeschaald naar Veilig Thuis', { name: 'Veilig Thuis Rotterdam Rijnmond', reason: 'Acute zorg om de veiligheid van de dochter',
    handedOver: 'Signalen, het gezinsplan en de afspraken met moeder', confirmedBy: 'J. de Vries, Veilig Thuis' });
  await coordination.getByRole('list', { name: 'Wie is actief' }).getByText('Opgeschaald naar Veilig Thuis').waitFor();
  await coordination.getByRole('link', { name: 'Open het gekoppelde veiligheidsdossier' }).waitFor();
  await handover(page, 'Afgeschaald van Veilig Thuis', { name: 'Veilig Thuis Rotterdam Rijnmond', reason: 'Veiligheid hersteld; vrijwillige hulp kan verder',
    handedOver: 'Veiligheidsplan en vervolgafspraken', confirmedBy: 'Wim Wijkteam' });
  const handovers = coordination.getByRole('list', { name: 'Op- en afschalen' }).getByRole('listitem');
  assert.deepEqual((await handovers.allInnerTexts()).map((t) => t.split(' (')[0]!.replace(/^.*: /, '')), ['Opgeschaald naar Veilig Thuis', 'Afgeschaald van Veilig Thuis']);
  assert.equal(await coordination.getByRole('list', { name: 'Wie is actief' }).getByText('Opgeschaald naar Veilig Thuis').count(), 0);
  // One accessibility check of the whole page: the plan, the activity log, the ZRM and casusregie.
  assert.deepEqual(await seriousViolations(page), []);

  // Close with an outcome; the GP's practice system reads the Task as completed, with the outcome in words.
  // No ZRM at closure yet: the page asks for it first, and opens the form at that moment.
  await page.getByLabel('Stap', { exact: true }).selectOption({ label: 'Traject afsluiten' });
  await page.getByText('Er is nog geen ZRM-score bij afsluiting.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'ZRM scoren bij afsluiting' }).click();
  assert.equal(await page.getByLabel('Moment', { exact: true }).inputValue(), 'closure');
  const atClosure: Record<string, string> = { housing: '4', finances: '2' };
  for (const d of ZRM_DOMAINS) await page.getByLabel(zrmDomainLabelNl[d], { exact: true }).selectOption(atClosure[d] ?? '3');
  await page.getByRole('button', { name: 'ZRM opslaan' }).click();
  await page.getByText(/Gescoord: .*Afsluiting/).waitFor();
  // Scored twice: the change per domain, as text and as a chart.
  const change = page.getByRole('list', { name: 'Verandering per domein' });
  assert.ok((await change.getByRole('listitem').allInnerTexts()).includes('Huisvesting: 2 → 4 (+2)'));
  assert.ok((await change.getByRole('listitem').allInnerTexts()).includes('Financiën: 1 → 2 (+1)'));
  assert.equal(await page.locator('.ww-zrm-chart .recharts-bar-rectangle').count() > 0, true, 'the chart draws bars');
  assert.equal(await page.getByText('Er is nog geen ZRM-score bij afsluiting.', { exact: false }).count(), 0);
  await page.getByLabel('Uitkomst').selectOption({ label: 'Doel deels bereikt' });
  await page.getByRole('button', { name: 'Vastleggen', exact: true }).click();
  await page.getByText('Vastgelegd: Traject afsluiten.').waitFor();
  const task = await taskOf(ui, token, serviceRequestId);
  assert.equal(task.status, 'completed');
  assert.match(task.output?.[0]?.valueString ?? '', /^Doel deels bereikt/);

  // Wendy works in the same team and sees the case, but neither the hand-over's text nor the safety record.
  await page.context().clearCookies();
  await loginAndWait(page, 'wmo');
  await page.goto(trajectoryUrl);
  await coordination.getByText('De toelichting is afgeschermd: ze hoort bij het veiligheidsdossier.').first().waitFor();
  assert.equal(await page.getByText('Acute zorg om de veiligheid van de dochter').count(), 0);
  assert.equal(await coordination.getByRole('link', { name: 'Open het gekoppelde veiligheidsdossier' }).count(), 0);
  const records = await apiAs<{ id: string; clientId: string }[]>(ui, 'wijkteam', 'GET', '/api/v1/safety-records');
  await page.goto(`/veiligheid/${records.find((r) => r.clientId === clientId)!.id}`);
  await page.getByText(/Dit veiligheidsdossier is afgeschermd/).waitFor();
  assert.equal(await page.getByText(SIGNAL).count(), 0);
}, { timeout: 180_000 }); // the whole chain of a case, on a shared machine

const SIGNAL = 'Dochter vertelt over geweld thuis';

/** Records a hand-over in the trajectory page's "Op- en afschalen" form. */
async function handover(page: Page, choice: string, h: { name: string; reason: string; handedOver: string; confirmedBy: string }) {
  const coordination = page.getByRole('region', { name: 'Casusregie' });
  await coordination.getByLabel('Overdracht', { exact: true }).selectOption({ label: choice });
  await coordination.getByLabel('Naam (welk team of welke vestiging)').fill(h.name);
  await coordination.getByLabel('Reden', { exact: true }).fill(h.reason);
  await coordination.getByLabel('Wat is overgedragen').fill(h.handedOver);
  await coordination.getByLabel('Bevestigd door').fill(h.confirmedBy);
  await coordination.getByRole('button', { name: 'Overdracht vastleggen' }).click();
  await coordination.getByText(`Vastgelegd: ${choice}.`).waitFor();
}
