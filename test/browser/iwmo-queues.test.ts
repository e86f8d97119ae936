/** The iWmo error queue in functioneel beheer: the readable reason, read again, mark handled. */
import assert from 'node:assert/strict';
import { receiveMessage } from '../../src/modules/iwmo/exchange.ts';
import { exampleMessage } from '../../src/modules/iwmo/examples.ts';
import { apiAs, loginAndWait, seriousViolations, uiTest } from './harness.ts';

uiTest('the administrator sees why a provider\'s messages were rejected, processes one again once its provider exists, and marks the other handled', async ({ page, ui }) => {
  await receiveMessage(ui.app.db, '<?xml version="1.0"?>\n<Bericht>\n</Header>\n', 'kapot.xml');
  await receiveMessage(ui.app.db, exampleMessage('315', 'iwmo').replaceAll('<Afzender>98010001</Afzender>', '<Afzender>98010077</Afzender>'), 'verzoek.xml');
  await loginAndWait(page, 'beheer');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Foutenlijst iWmo' }).click();
  await page.getByRole('heading', { level: 1, name: 'Foutenlijst iWmo-berichten' }).waitFor();
  const request = page.getByRole('region', { name: /^WMO315, ontvangen/ });
  await request.getByText('element Afzender: AGB-code 98010077 is geen bekende aanbieder').waitFor();
  const broken = page.getByRole('region', { name: /^Onbekend bericht, ontvangen/ });
  await broken.getByText(/^regel 3/).first().waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  await apiAs(ui, 'beheer', 'POST', '/api/v1/providers', { name: 'Zorg Zevenkamp', agbCode: '98010077' });
  await request.getByRole('button', { name: 'WMO315 opnieuw verwerken' }).click();
  await page.getByRole('status').getByText('WMO315 is opnieuw verwerkt: ontvangen, in de werkvoorraad.').waitFor();
  await request.waitFor({ state: 'detached' });

  await broken.getByRole('button', { name: 'Onbekend bericht afhandelen' }).click();
  await broken.getByText('Schrijf kort op waarom dit bericht geen verder werk vraagt (minstens 3 tekens).').first().waitFor();
  await broken.getByLabel('Notitie bij het afhandelen van Onbekend bericht').fill('Aanbieder gebeld; stuurt het opnieuw');
  await broken.getByRole('button', { name: 'Onbekend bericht afhandelen' }).click();
  await page.getByRole('status').getByText('Onbekend bericht is afgehandeld en van de foutenlijst gehaald.').waitFor();
  await page.getByText('Er staan geen berichten op de foutenlijst.').waitFor();

  // The request now waits in the advisers' work queue.
  const queue = await apiAs<{ sender: string }[]>(ui, 'wmo', 'GET', '/api/v1/iwmo/requests');
  assert.deepEqual(queue.map((r) => r.sender), ['98010077']);
});

uiTest('the Wmo adviser takes a provider\'s request into investigation and then refuses it with a reason; the provider gets a 319 each time', async ({ page, ui }) => {
  await receiveMessage(ui.app.db, exampleMessage('315', 'iwmo'), 'verzoek-maasoever.xml');
  await loginAndWait(page, 'wmo');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verzoeken van aanbieders' }).click();
  await page.getByRole('heading', { level: 1, name: 'Verzoeken van aanbieders' }).waitFor();
  const request = page.getByRole('region', { name: /^Verzoek om toewijzing van Thuiszorg Maasoever/ });
  const row = request.getByRole('row', { name: /REF-HA-0001/ });
  await row.getByRole('cell', { name: 'nog niet beantwoord' }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  await row.getByRole('button', { name: 'Verzoek REF-HA-0001 in onderzoek nemen' }).click();
  await page.getByRole('status').getByText('De aanbieder Thuiszorg Maasoever hoort dat verzoek REF-HA-0001 in onderzoek is (319).').waitFor();
  await row.getByRole('cell', { name: 'in onderzoek' }).waitFor();

  await row.getByRole('button', { name: 'Verzoek REF-HA-0001 afwijzen' }).click();
  await page.getByRole('status').getByText('Kies eerst een reden van afwijzing.').waitFor();
  await row.getByLabel('Reden van afwijzing voor REF-HA-0001').selectOption({ label: 'Past niet binnen contract' });
  await row.getByRole('button', { name: 'Verzoek REF-HA-0001 afwijzen' }).click();
  await page.getByRole('status').getByText('De aanbieder Thuiszorg Maasoever hoort dat verzoek REF-HA-0001 is afgewezen (319).').waitFor();
  await request.waitFor({ state: 'detached' }); // answered as a whole: off the work queue
  const answers = await ui.app.db.query<{ message: string }>(`SELECT message FROM iwmo_messages WHERE direction = 'out' AND message = '319' AND receiver = '98010001'`);
  assert.equal(answers.length, 2);
});
