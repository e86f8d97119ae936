/**
 * A GP referral from the practice system (HIS) to the team's decision and back (issue 5): the
 * practice sends a FHIR R4 ServiceRequest over real HTTP, the team worker sees it in the team
 * inbox with what is needed before the first contact, accepts or returns it by clicking, and the
 * practice reads the result as a FHIR Task.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { DEMO_API_CLIENT } from '../../src/modules/practices/demo.ts';
import { loginAndWait, seriousViolations, type Ui, uiTest } from './harness.ts';

/** The practice system: a token from POST /oauth/token with the demo practice's credentials. */
async function gpToken(u: Ui): Promise<string> {
  const res = await fetch(`${u.baseUrl}/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_API_CLIENT.clientId, client_secret: DEMO_API_CLIENT.secret }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { access_token: string }).access_token;
}

const fhirHeaders = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json', accept: 'application/fhir+json' });

/**
 * Sends test/fixtures/fhir/service-request.json (patient at postcode 3035 AB: Wijkteam Oude Noorden)
 * with its own identifier and question, and optionally other extensions; returns the ServiceRequest id.
 */
async function sendReferral(u: Ui, token: string, change: { identifier: string; note: string; extension?: unknown[] }): Promise<string> {
  // biome-ignore lint/suspicious/noExplicitAny: a FHIR JSON fixture, edited for this test
  const sr: any = JSON.parse(readFileSync(new URL('../fixtures/fhir/service-request.json', import.meta.url), 'utf8'));
  assert.equal(sr.contained[0].address[0].postalCode, '3035 AB', 'the fixture routes to Wijkteam Oude Noorden');
  sr.identifier[0].value = change.identifier;
  sr.note[0].text = change.note;
  if (change.extension) sr.extension = change.extension;
  const res = await fetch(`${u.baseUrl}/fhir/r4/ServiceRequest`, { method: 'POST', headers: fhirHeaders(token), body: JSON.stringify(sr) });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { id: string }).id;
}

/** What the GP sees: the Task of the referral, found by based-on. */
async function taskOf(u: Ui, token: string, serviceRequestId: string) {
  const res = await fetch(`${u.baseUrl}/fhir/r4/Task?based-on=ServiceRequest/${serviceRequestId}`, { headers: fhirHeaders(token) });
  assert.equal(res.status, 200, await res.clone().text());
  const bundle = (await res.json()) as { total: number; entry: { resource: { status: string; statusReason?: { text: string }; owner: { display: string } } }[] };
  assert.equal(bundle.total, 1);
  return bundle.entry[0]!.resource;
}

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
