/**
 * A GP referral from the practice system (HIS) to the team's decision and back (issue 5): the
 * practice sends a FHIR R4 ServiceRequest over real HTTP, the team worker sees it in the team
 * inbox with what is needed before the first contact, accepts or returns it by clicking, and the
 * practice reads the result as a FHIR Task.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { gpToken, sendReferral, taskOf } from './gp-practice.ts';
import { loginAndWait, seriousViolations, uiTest } from './harness.ts';

/** The facts on a referral card (term → description), as a professional reads them. */
async function factsOf(card: Locator): Promise<Record<string, string>> {
  const terms = await card.locator('dt').allTextContents();
  const descriptions = await card.locator('dd').allTextContents();
  return Object.fromEntries(terms.map((term, i) => [term, descriptions[i]!]));
}

async function openInbox(page: Page) {
  await loginAndWait(page, 'wijkteam');
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Teaminbox' }).click();
  await page.getByRole('heading', { level: 1, name: 'Teaminbox' }).waitFor();
}

uiTest('a GP referral from the practice system is accepted in the team inbox, and the GP sees "accepted"', async ({ page, ui }) => {
  const token = await gpToken(ui);
  const id = await sendReferral(ui, token, { identifier: 'HIS-BROWSER-ACCEPT', note: 'Mevrouw raakt haar administratie kwijt sinds haar man overleed.' });
  assert.equal((await taskOf(ui, token, id)).status, 'received');

  await openInbox(page);
  const card = page.locator('.ww-card', { hasText: 'raakt haar administratie kwijt' });
  await card.waitFor();
  // What the professional needs before the first contact: urgency, the GP and the practice, safety signals, contact route.
  assert.match(await card.getByRole('heading', { level: 2 }).textContent() ?? '', /· urgent$/);
  const { Ontvangen: received, ...facts } = await factsOf(card);
  assert.match(received ?? '', /\d{4}/, 'the moment it was received');
  assert.deepEqual(facts, {
    Verwijzer: 'Dr. H. Bakker', Praktijk: 'Huisartsenpraktijk Het Oude Noorden', 'AGB-code': '01012345',
    Veiligheidssignalen: 'Geen gemeld', 'Voorkeur eerste contact': 'Telefonisch',
  });
  assert.deepEqual(await seriousViolations(page), [], 'the inbox with a GP referral in it');

  await card.getByLabel('Professional').selectOption({ label: 'Wim Wijkteam' });
  await card.getByRole('button', { name: 'Accepteren' }).click();
  await page.getByRole('status').getByText(/geaccepteerd; Wim Wijkteam pakt het op\./).waitFor();
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Geaccepteerd' });
  const accepted = page.locator('.ww-card', { hasText: 'raakt haar administratie kwijt' });
  await accepted.getByText('Status: Geaccepteerd · Wim Wijkteam').waitFor();
  // Support starts and ends on the trajectory the acceptance opened, not in the inbox.
  assert.equal(await accepted.getByRole('button', { name: /start|afsluiten/i }).count(), 0);
  await accepted.getByRole('link', { name: 'Naar het traject' }).click();
  await page.getByRole('heading', { level: 1, name: /^Traject van / }).waitFor();

  const task = await taskOf(ui, token, id);
  assert.equal(task.status, 'accepted');
  assert.equal(task.owner.display, 'Wijkteam Oude Noorden');
});

uiTest('a GP referral with a safety signal is returned with a reason, and the GP sees the reason', async ({ page, ui }) => {
  const token = await gpToken(ui);
  const id = await sendReferral(ui, token, {
    identifier: 'HIS-BROWSER-RETURN', note: 'Meneer wil hulp bij het vinden van een schuldhulpverlener.',
    extension: [
      { url: 'https://wegwijs.nl/fhir/StructureDefinition/safety-signal', valueCoding: { system: 'https://wegwijs.nl/fhir/CodeSystem/wegwijs-safety-signal', code: 'aggression' } },
      { url: 'https://wegwijs.nl/fhir/StructureDefinition/preferred-contact-route', valueCoding: { system: 'https://wegwijs.nl/fhir/CodeSystem/wegwijs-contact-route', code: 'via-gp' } },
    ],
  });

  await openInbox(page);
  const card = page.locator('.ww-card', { hasText: 'vinden van een schuldhulpverlener' });
  await card.waitFor();
  const facts = await factsOf(card);
  assert.deepEqual([facts.Veiligheidssignalen, facts['Voorkeur eerste contact']], ['Agressie', 'Via de huisarts']);
  assert.deepEqual(await seriousViolations(page), [], 'the inbox with a safety signal shown');

  // Returning needs a reason.
  await card.getByRole('button', { name: 'Terugsturen' }).click();
  await card.locator('.ww-error-summary').getByText('Geef een reden.').waitFor();
  assert.deepEqual(await seriousViolations(page), [], 'the inbox with the missing reason shown');
  const reason = 'Schuldhulp loopt via de Kredietbank; de huisarts kan direct aanmelden.';
  await card.getByLabel('Reden om terug te sturen').fill(reason);
  await card.getByRole('button', { name: 'Terugsturen' }).click();
  await page.getByRole('status').getByText(/teruggestuurd\./).waitFor();

  const task = await taskOf(ui, token, id);
  assert.equal(task.status, 'rejected');
  assert.equal(task.statusReason?.text, reason);
});
