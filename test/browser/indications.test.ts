/** A client's indications and the iWmo messages about them, on the client's page. */
import assert from 'node:assert/strict';
import { indicated } from '../iwmo-indication.ts';
import { loginAs } from '../helpers.ts';
import { loginAndWait, seriousViolations, uiTest } from './harness.ts';

uiTest('the Wmo adviser sees the indication on the client page, sends the provider the assignment (301), and sees it in the message history', async ({ page, ui }) => {
  const { clientId } = await indicated(ui.app); // demo melding of Sandra Willems decided; 3 hours a week of 01A01 at Thuiszorg Maasoever, March–December 2026
  await loginAndWait(page, 'wmo');
  await page.goto(`/clienten/${clientId}`);
  const section = page.getByRole('region', { name: 'Indicaties en berichten met aanbieders' });
  await section.getByRole('cell', { name: '01A01 Hulp bij het huishouden (ZIN)' }).waitFor();
  await section.getByRole('cell', { name: '3 uur per week' }).waitFor();
  await section.getByRole('cell', { name: 'nog niet gestart' }).waitFor();
  await section.getByText('Nog geen berichten uitgewisseld.').waitFor();

  await section.getByRole('button', { name: /^Stuur toewijzing naar / }).click();
  await section.getByRole('status').getByText(/De toewijzing is verstuurd naar .+ \(bericht \d+\)\./).waitFor();
  const history = section.getByRole('table').nth(1);
  await history.getByRole('cell', { name: 'iWmo 301' }).waitFor();
  await history.getByRole('cell', { name: 'verstuurd' }).first().waitFor();
  assert.deepEqual(await seriousViolations(page), []);
});

uiTest('after a changed decision the client page shows the new indication and, on asking, the versions of the old one with who changed it and why', async ({ page, ui }) => {
  // The indication the first test made (one app per file): 3 hours a week of 01A01 for Sandra Willems.
  const [{ id: indicationId, client_id: clientId }] = await ui.app.db.query<{ id: string; client_id: string }>('SELECT id, client_id FROM indications ORDER BY created_at LIMIT 1');
  const res = await ui.app.inject({ method: 'PATCH', url: `/api/v1/indications/${indicationId}`, headers: { ...(await loginAs(ui.app, 'wmo')), 'if-match': '"1"' },
    payload: { volume: 5, changeFrom: '2026-06-01', reason: 'Meer uren nodig na herbeoordeling' } });
  assert.equal(res.statusCode, 200, res.body);
  await loginAndWait(page, 'wmo');
  await page.goto(`/clienten/${clientId}`);
  const section = page.getByRole('region', { name: 'Indicaties en berichten met aanbieders' });
  await section.getByRole('cell', { name: '5 uur per week' }).waitFor();
  await section.getByRole('button', { name: /^Geschiedenis van 01A01/ }).first().click();
  const versions = section.getByRole('region', { name: /^Versies van 01A01/ });
  await versions.getByRole('cell', { name: 'Meer uren nodig na herbeoordeling' }).first().waitFor();
  await versions.getByRole('cell', { name: /^Wendy Wmo-adviseur, / }).first().waitFor();
  assert.deepEqual(await seriousViolations(page), []);
});
