/**
 * On a 390 × 844 phone: the header is one compact row with a "Menu" button, the page starts near
 * the top, nothing scrolls sideways, and lists keep their actions in view (cards, not cut-off tables).
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiAs, login, uiTest } from './harness.ts';

const PHONE = { width: 390, height: 844 };

async function noSidewaysScroll(page: Page, what: string) {
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  assert.ok(overflow <= 0, `${what} scrolls sideways by ${overflow}px`);
}
/** The element is on screen horizontally (not cut off at the right edge). */
async function inView(locator: ReturnType<Page['locator']>, what: string) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${what} is cut off: ${JSON.stringify(box)}`);
}

uiTest('on a phone the team inbox starts near the top, the menu folds away, and a referral card shows its actions', async ({ page, ui }) => {
  await apiAs(ui, 'balie', 'POST', '/api/v1/contacts', {
    channel: 'phone', question: 'Mijn moeder vereenzaamt en eet slecht', lifeDomains: ['ageing'], outcome: 2, urgency: 'urgent',
    newClient: { surname: 'Telefoon', birthDate: '1940-04-04', address: { postcode: '3031 BB', houseNumber: 7 } },
  });
  await page.setViewportSize(PHONE);
  await login(page, 'wijkteam');
  const menu = page.getByRole('button', { name: 'Menu' });
  await menu.waitFor();
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  // Folded: no menu links and no log-out button take room above the page.
  assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).isVisible(), false);
  const h1 = page.getByRole('heading', { level: 1 });
  const top = (await h1.boundingBox())!.y;
  assert.ok(top < 160, `the page title starts at ${top}px`);

  await menu.click();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Teaminbox' }).click();
  await page.getByRole('heading', { level: 1, name: 'Teaminbox' }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).isVisible(), false, 'the menu closes after choosing');
  const card = page.getByRole('list', { name: 'Verwijzingen' }).getByRole('listitem').filter({ hasText: 'Telefoon' });
  await card.waitFor();
  await noSidewaysScroll(page, 'the team inbox');
  await inView(card.getByRole('button', { name: 'Accepteren' }), 'Accepteren');
  await inView(card.getByRole('button', { name: 'Terugsturen' }), 'Terugsturen');
});

uiTest('on a phone a table becomes cards: every value under its column name and the row action in view', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await login(page, 'beheer');
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Wijken en postcodes' }).click();
  const save = page.getByRole('button', { name: 'Wijkteam voor Stadsdriehoek opslaan' });
  await save.waitFor();
  await noSidewaysScroll(page, 'the districts page');
  await inView(save, 'the save button of a district');
  const cell = page.getByRole('region', { name: 'Wijken en hun wijkteam' }).getByRole('cell', { name: 'Stadsdriehoek', exact: true });
  assert.equal(await cell.getAttribute('data-label'), 'Wijk');
  const label = await page.evaluate<string>("getComputedStyle(document.querySelector('.ww-table-scroll td[data-label]'), '::before').content");
  assert.match(String(label), /^"Wijk"/);
});
