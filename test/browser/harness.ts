/**
 * Browser tests: the real app (fresh in-memory PGlite with the demo organisation) and the
 * built UI, driven by Debian's Chromium through playwright-core. One app and one browser per
 * test file; every test gets a fresh browser context (own cookies and localStorage).
 *
 *   uiTest('a desk worker logs in', async ({ page, ui }) => { … });
 *
 * Chromium: CHROMIUM_PATH, else `command -v chromium`. Without it every test is skipped, loudly
 * (and scripts/test.ts fails the run in CI).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync, statSync, globSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, test, type TestContext } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/org-data.ts';
import { freshDb } from '../helpers.ts';
import { findChromium } from './chromium.ts';

export { DEMO_PASSWORD };
export const CHROMIUM = findChromium();
const root = resolve(import.meta.dirname, '../..');

/** Why the browser tests cannot run here, or false. */
export const skipReason: string | false = CHROMIUM ? false
  : `SKIPPED: no Chromium (CHROMIUM_PATH, or chromium on the PATH); install it with \`apt-get install -y chromium\` to run the browser tests`;
if (skipReason) console.warn(`\n${'!'.repeat(78)}\n!! ${skipReason}\n${'!'.repeat(78)}\n`);

/** Builds dist/web when it is missing or older than any file under web/ or vite.config.ts (once, even with parallel test files). */
export function ensureWebBuilt() {
  const index = resolve(root, 'dist/web/index.html');
  const newestSource = () => Math.max(...globSync(['web/**/*', 'vite.config.ts'], { cwd: root })
    .map((f) => statSync(resolve(root, f)).mtimeMs));
  const fresh = () => existsSync(index) && statSync(index).mtimeMs >= newestSource();
  if (fresh()) return;
  const lock = resolve(root, '.tmp/web-build.lock');
  mkdirSync(resolve(root, '.tmp'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`web build lock ${lock} held too long; remove it`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    if (fresh()) return; // another test file built it meanwhile
    const r = spawnSync(resolve(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('vite build failed');
  } finally {
    rmdirSync(lock);
  }
}

export type Ui = { baseUrl: string; app: FastifyInstance; browser: Browser };

let started: Promise<Ui> | null = null;
let extraEnv: Record<string, string> = {};
/** Extra environment for this file's app (call at the top of a test file, before its tests), e.g. { WEGWIJS_REQUIRE_MFA: 'true' }. */
export function configureUi(env: Record<string, string>) {
  extraEnv = env;
}
const cleanups: (() => Promise<void>)[] = [];
// Registered at the file's top level (this module is imported there), so it runs after all of the file's tests.
after(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

/** The app and the browser for this test file, started on first use and closed after the file's tests. */
export function ui(): Promise<Ui> {
  started ??= (async () => {
    ensureWebBuilt();
    const db = await freshDb({ after: (fn: () => Promise<void>) => { cleanups.push(fn); } });
    const config = loadConfig({ WEGWIJS_REQUIRE_MFA: 'false', WEGWIJS_JOBS: 'false', WEGWIJS_LOG_LEVEL: 'silent', WEGWIJS_FHIR_WARM_UP: 'false', ...extraEnv }, { demo: true });
    const app = await buildApp({ config, db, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({
      executablePath: CHROMIUM ?? undefined,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    cleanups.push(() => app.close(), () => browser.close());
    return { baseUrl, app, browser };
  })();
  return started;
}

export type UiTestContext = { page: Page; ui: Ui; t: TestContext };

/**
 * A browser test: a fresh context and page on the running app (tablet-sized unless the test resizes).
 * The first test of a file also starts the app and the browser within its `timeout`.
 */
export function uiTest(name: string, fn: (c: UiTestContext) => Promise<void>, { timeout = 120_000 }: { timeout?: number } = {}) {
  test(name, { skip: skipReason || undefined, timeout }, async (t) => {
    const u = await ui();
    const context = await u.browser.newContext({ baseURL: u.baseUrl, viewport: { width: 1024, height: 800 }, locale: 'nl-NL' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await fn({ page, ui: u, t });
      if (errors.length) throw new Error(`script errors on the page: ${errors.join('; ')}`);
    } catch (e) {
      // Keep what the user saw for the failure report (test-results/ is git-ignored).
      const file = resolve(root, 'test-results', `${name.replace(/[^\w]+/g, '-').slice(0, 80)}.png`);
      mkdirSync(resolve(root, 'test-results'), { recursive: true });
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      console.error(`screenshot of the failure: ${file}`);
      throw e;
    } finally {
      await context.close();
    }
  });
}

/** Logs in through the login page and waits for the shell (the log-out button). */
export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/');
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

export async function loginAndWait(page: Page, username: string, password = DEMO_PASSWORD) {
  await login(page, username, password);
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
}

/** Calls the API as a demo user (for set-up the UI does not offer yet); returns the parsed body. */
export async function apiAs<T>(u: Ui, username: string, method: string, url: string, body?: unknown, password = DEMO_PASSWORD): Promise<T> {
  const res = await fetch(`${u.baseUrl}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const r = await fetch(`${u.baseUrl}${url}`, {
    method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
  return (r.status === 204 ? undefined : await r.json()) as T;
}

/** axe-core scan against WCAG 2.1 A and AA; returns the serious and critical violations, readable. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
