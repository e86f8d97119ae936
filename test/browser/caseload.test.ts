import assert from 'node:assert/strict';
import { addDays, amsterdamDate } from '../../src/modules/legal-terms/legal-terms.ts';
import { loginAs } from '../helpers.ts';
import { apiAs, loginAndWait, seriousViolations, uiTest } from './harness.ts';

uiTest('a team worker sees accepted referrals in "Mijn cases" with their plan deadline in words, the overdue one first, and records the plan', async ({ page, ui }) => {
  for (const [surname, daysAgo] of [['Bakker', 3], ['Smit', 50]] as const) {
    const contact = await apiAs<{ referral: { id: string } }>(ui, 'balie', 'POST', '/api/v1/contacts', {
      channel: 'phone', question: 'Hulp nodig met de administratie', lifeDomains: ['finances_debts'], outcome: 2,
      contactedAt: `${addDays(amsterdamDate(new Date()), -daysAgo)}T12:00:00+01:00`,
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
  await page.getByRole('button', { name: 'Vastleggen', exact: true }).click();
  await page.getByText('Vastgelegd: Ondersteuningsplan afgesproken.').waitFor();
  await page.getByText(/gedaan op .* — te laat gedaan/).waitFor();
  assert.deepEqual((await page.getByLabel('Stap', { exact: true }).locator('option').allInnerTexts()).slice(1), ['Ondersteuning gestart', 'Traject afsluiten']);
});

uiTest('the team lead sees the caseload per professional and the waiting list, and hands a case over to a colleague', async ({ page, ui }) => {
  const lead = await apiAs<{ user: { id: string; teams: { id: string; name: string }[] } }>(ui, 'teamleider', 'GET', '/api/v1/session');
  const teamId = lead.user.teams.find((x) => x.name === 'Wijkteam Oude Noorden')!.id;
  const pros = await apiAs<{ id: string; displayName: string }[]>(ui, 'teamleider', 'GET', `/api/v1/teams/${teamId}/professionals`);
  const wim = pros.find((p) => p.displayName === 'Wim Wijkteam')!.id;
  for (const [surname, daysAgo] of [['Overdracht', 50], ['Jansma', 4]] as const) {
    const contact = await apiAs<{ referral: { id: string } }>(ui, 'balie', 'POST', '/api/v1/contacts', {
      channel: 'phone', question: 'Hulp nodig met de administratie', lifeDomains: ['finances_debts'], outcome: 2,
      // Noon in Amsterdam, so the waiting days are the same whatever the hour the test runs.
      contactedAt: `${addDays(amsterdamDate(new Date()), -daysAgo)}T12:00:00+01:00`,
      newClient: { surname, birthDate: '1975-06-06', address: { postcode: '3031 BB', houseNumber: 14 } } });
    await apiAs(ui, 'teamleider', 'POST', `/api/v1/referrals/${contact.referral.id}/accept`, { assignedUserId: wim });
  }
  await loginAndWait(page, 'teamleider');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Teamoverzicht' }).click();
  const perPro = page.getByRole('region', { name: 'Caseload per professional' });
  const wimRow = perPro.getByRole('row', { name: /Wim Wijkteam/ });
  await wimRow.waitFor();
  // Lopend, op tijd, dreigt te verlopen, over de termijn, plan te laat, langer dan 12 maanden, wacht op start: as the API counts them.
  const overview = await apiAs<{ byProfessional: Record<string, number | string>[] }>(ui, 'teamleider', 'GET', `/api/v1/teams/${teamId}/caseload-overview`);
  const counts = overview.byProfessional.find((p) => p.professionalName === 'Wim Wijkteam')!;
  assert.ok(Number(counts.overdue) >= 1 && Number(counts.waiting) >= 2);
  assert.deepEqual(await wimRow.getByRole('cell').allTextContents(),
    ['open', 'onTime', 'atRisk', 'overdue', 'planOverdue', 'overMaxDuration', 'waiting'].map((k) => String(counts[k])));
  const waiting = page.getByRole('region', { name: /Wachtlijst/ });
  assert.match(await waiting.getByRole('row', { name: /Overdracht/ }).textContent() ?? '', /Overdracht.*Intake.*50/i);
  assert.deepEqual(await seriousViolations(page), []);

  const row = page.getByRole('region', { name: /Lopende trajecten/ }).getByRole('row', { name: /Overdracht/ });
  await row.getByLabel('Overdragen aan').selectOption({ label: 'Wendy Wmo-adviseur' });
  await row.getByRole('button', { name: 'Overdragen' }).click();
  await page.getByText('Overdracht is overgedragen aan Wendy Wmo-adviseur.').waitFor();
  await page.getByRole('region', { name: /Lopende trajecten/ }).getByRole('row', { name: /Overdracht.*Wendy Wmo-adviseur/ }).waitFor();
  // The hand-over is in the case's history: who, from whom to whom.
  await page.getByRole('region', { name: /Lopende trajecten/ }).getByRole('link', { name: 'Overdracht' }).click();
  await page.getByRole('region', { name: 'Verloop' }).getByText(/Overgedragen \(Tom Teamleider\) van Wim Wijkteam aan Wendy Wmo-adviseur/).waitFor();
});

uiTest('the list of unassigned referrals counts every one in its heading, not only the first page of cards', async ({ page, ui }) => {
  let teamId = '';
  // One login for the 51 referrals (logins are rate limited).
  const balie = await loginAs(ui.app, 'balie');
  for (let k = 0; k < 51; k++) {
    const contact = await ui.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
      channel: 'phone', question: 'Hulp nodig met de administratie', lifeDomains: ['finances_debts'], outcome: 2,
      newClient: { surname: `Wachtlijst${k}`, birthDate: '1975-06-06', address: { postcode: '3031 BB', houseNumber: 30 + k } } } });
    assert.equal(contact.statusCode, 201, contact.body);
    teamId = contact.json().referral.teamId;
  }
  const all = (await ui.app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/referrals?status=open&limit=200`, headers: await loginAs(ui.app, 'wijkteam') })).json().length as number;
  assert.ok(all > 50);
  await loginAndWait(page, 'wijkteam');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn cases' }).click();
  await page.getByLabel('Lijst').selectOption({ label: 'Niet toegewezen verwijzingen' });
  await page.getByRole('heading', { level: 2, name: `Verwijzingen zonder professional (${all})` }).waitFor();
  assert.equal(await page.getByRole('list', { name: /Verwijzingen zonder professional/ }).getByRole('listitem').count(), 50, 'one page of cards');
});
