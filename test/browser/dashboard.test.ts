import assert from 'node:assert/strict';
import { apiAs, loginAndWait, seriousViolations, uiTest } from './harness.ts';

uiTest('the team lead sees the dashboard: a monthly chart with the same figures in a table under it, small cells as "< 5", and the cases behind a figure', async ({ page, ui }) => {
  for (let i = 0; i < 6; i++) {
    await apiAs(ui, 'balie', 'POST', '/api/v1/contacts', { channel: i < 3 ? 'phone' : 'desk', question: 'Waar is het Huis van de Wijk?', outcome: 1 });
  }
  await loginAndWait(page, 'teamleider');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await page.getByRole('button', { name: 'Tonen' }).click();
  const trend = page.getByRole('region', { name: 'Per maand' });
  await trend.getByRole('table').waitFor();
  // The chart is drawn (recharts, an SVG) and hidden from screen readers; the table says the same.
  assert.ok(await trend.locator('.recharts-wrapper svg').count() > 0, 'a chart');
  assert.equal(await trend.locator('[aria-hidden="true"] .recharts-wrapper').count(), 1);
  const counts = await trend.locator('td').allTextContents();
  assert.ok(counts.length > 0 && counts.every((c) => /^(< 5|\d*[05])$/.test(c.replace(/\./g, ''))), counts.join(' | '));
  // Three phone and three desk contacts: each channel's cell is hidden and says so, it does not read as none.
  const headers = await trend.getByRole('columnheader').allTextContents();
  const column = async (name: string) => {
    const i = headers.indexOf(name);
    assert.ok(i >= 0, `a column ${name}: ${headers.join(' | ')}`);
    return Promise.all((await trend.locator('tbody tr').all()).map(async (row) => (await row.locator('th, td').allTextContents())[i]));
  };
  assert.ok((await column('telefonisch')).includes('< 5'), 'phone: "< 5"');
  assert.ok((await column('persoonlijk')).includes('< 5'), 'desk counted as in person: "< 5"');
  await page.getByRole('region', { name: 'Verdeling van doorlooptijden' }).getByRole('table').waitFor();
  await page.getByRole('region', { name: 'Per loket, team of rayon' }).getByText(/Niet in één keer goed: het aandeel/).waitFor();
  // Behind the figures: the list shows only clients the team lead may see (or says there are none).
  const drill = page.getByRole('region', { name: 'Achter de cijfers' });
  await drill.getByRole('button', { name: 'Lijst openen' }).click();
  await drill.locator('table, [role="status"]').first().waitFor();
  assert.deepEqual(await seriousViolations(page), []);
});

uiTest('the policy analyst sees the same dashboard without the cases behind the figures', async ({ page }) => {
  await loginAndWait(page, 'beleid');
  await page.goto(`${new URL(page.url()).origin}/dashboard`);
  await page.getByRole('button', { name: 'Tonen' }).click();
  await page.getByRole('region', { name: 'Per maand' }).getByRole('table').waitFor();
  assert.equal(await page.getByRole('region', { name: 'Achter de cijfers' }).count(), 0);
});

uiTest('a lead-time band about fewer than 5 clients reads "< 5" in the table under the chart, not 0', async ({ page, ui }) => {
  // Arranged in the tables (tests may): one melding of 20 January 2021 whose verslag came on 2 March, 41 days later.
  const [team] = await ui.app.db.query<{ id: string }>(`SELECT id FROM teams WHERE name = 'Wijkteam Oude Noorden'`);
  const [client] = await ui.app.db.query<{ id: string }>(`INSERT INTO clients (surname) VALUES ('Doorlooptijd') RETURNING id`);
  const [melding] = await ui.app.db.query<{ id: string }>(
    `INSERT INTO wmo_notifications (client_id, notified_on, channel, team_id, inbox_team_id) VALUES ($1, '2021-01-20', 'phone', $2, $2) RETURNING id`, [client!.id, team!.id]);
  for (const [type, on] of [['startAssessment', '2021-01-20'], ['recordReport', '2021-03-02']]) {
    await ui.app.db.query('INSERT INTO wmo_actions (notification_id, type, on_date) VALUES ($1, $2, $3)', [melding!.id, type, on]);
  }
  await loginAndWait(page, 'teamleider');
  await page.goto(`${new URL(page.url()).origin}/dashboard`);
  await page.getByLabel('Van', { exact: true }).fill('2021-03-01');
  await page.getByLabel('Tot en met', { exact: true }).fill('2021-03-31');
  await page.getByRole('button', { name: 'Tonen' }).click();
  const table = page.getByRole('region', { name: 'Verdeling van doorlooptijden' }).getByRole('table');
  await table.waitFor();
  const headers = await table.getByRole('columnheader').allTextContents();
  const i = headers.findIndex((h) => h.startsWith('Wmo: melding'));
  assert.ok(i > 0, headers.join(' | '));
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'tot en met 42 dagen' }) });
  assert.equal((await row.locator('th, td').allTextContents())[i], '< 5');
});
