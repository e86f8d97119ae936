/**
 * The one test command (`npm test`): unit and integration tests on PGlite, the same
 * integration tests again on PostgreSQL when TEST_DATABASE_URL is set, and the browser tests
 * when Chromium is present — all in one `node --test` run with one summary. What it cannot
 * run it says loudly, before and after. With CI set (as .ci/run sets it) nothing may be
 * skipped: a missing part (no PostgreSQL, no Chromium) or a skipped or todo test fails the run.
 */
import { spawnSync } from 'node:child_process';
import { globSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { findChromium } from '../test/browser/chromium.ts';
import { dropTemplate, makeTemplates, TEMPLATE_ENV } from '../test/helpers.ts';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('-'));
const files = (only.length ? only : globSync(['src/**/*.test.ts', 'web/src/**/*.test.ts', 'test/**/*.test.ts'], { cwd: root }))
  .filter((f) => !f.includes('node_modules')).sort();
const skipped: string[] = [];

const pgUrl = process.env.TEST_DATABASE_URL;
// Per run (several runs may share this checkout), removed at the end.
const pgDir = resolve(root, `.tmp/pg-pass-${process.pid}`);
const pgFiles: string[] = [];
const integration = files.filter((f) => !f.startsWith('test/browser/') && /from '.*test\/helpers\.ts'/.test(readFileSync(resolve(root, f), 'utf8')));
if (pgUrl) {
  // The PostgreSQL pass: a wrapper per integration test file points the helpers at PostgreSQL.
  mkdirSync(pgDir, { recursive: true });
  for (const f of integration) {
    const wrapper = resolve(pgDir, `${f.replaceAll('/', '__').replace(/\.test\.ts$/, '')}.pg.test.ts`);
    writeFileSync(wrapper, `process.env.TEST_DATABASE_URL = ${JSON.stringify(pgUrl)};\nawait import(${JSON.stringify(resolve(root, f))});\n`);
    pgFiles.push(relative(root, wrapper));
  }
} else if (integration.length) {
  skipped.push(`PostgreSQL pass of ${integration.length} integration test files (set TEST_DATABASE_URL=postgres://… to run it)`);
}
const browserFiles = files.filter((f) => f.startsWith('test/browser/'));
const chromium = findChromium();
if (browserFiles.length && !chromium) {
  skipped.push(`${browserFiles.length} browser test files in test/browser/ (no Chromium ${process.env.CHROMIUM_PATH ? `at CHROMIUM_PATH=${process.env.CHROMIUM_PATH}` : 'on the PATH'}: apt-get install -y chromium)`);
}
const ci = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const flags = args.filter((a) => a.startsWith('-'));
const ownReporter = flags.some((a) => a.startsWith('--test-reporter'));
if (ownReporter) skipped.push('the check for skipped tests (a --test-reporter was given)');

const loud = (lines: string[]) => {
  if (!lines.length) return;
  const bar = '!'.repeat(78);
  console.log(`\n${bar}\n!! SKIPPED:\n${lines.map((l) => `!!  - ${l}`).join('\n')}\n${bar}\n`);
};
loud(skipped);
if (ci && skipped.length) {
  console.error('CI is set: a skipped part of the suite fails the run. Install what is missing above.');
  process.exit(1);
}

// Integration tests on PGlite run with TEST_DATABASE_URL unset; the wrappers set it themselves.
// The browser harness gets the Chromium found here.
const env: NodeJS.ProcessEnv = { ...process.env, ...(chromium ? { CHROMIUM_PATH: chromium } : {}) };
delete env.TEST_DATABASE_URL;
// Every test file is its own process that loads the whole app: V8's on-disk code cache (shared by
// the processes, kept in .tmp between runs) saves about a third of that load's CPU.
env.NODE_COMPILE_CACHE ??= resolve(root, '.tmp/compile-cache');
// Migrate and seed once; every test database of this run is a copy (test/helpers.ts freshDb).
const pgliteTemplate = resolve(root, `.tmp/pglite-template-${process.pid}.tar`);
const pgTemplate = `wegwijs_tpl_${process.pid}`;
mkdirSync(resolve(root, '.tmp'), { recursive: true });
if (integration.length || browserFiles.length) {
  await makeTemplates(pgUrl, pgliteTemplate, pgTemplate);
  env[TEMPLATE_ENV.pglite] = pgliteTemplate;
  if (pgUrl) env[TEMPLATE_ENV.postgres] = pgTemplate;
}
// Next to the normal output, scripts/skip-reporter.ts writes each skipped or todo test to a file.
// One file per run: several runs may share this checkout.
const skipsFile = resolve(root, `.tmp/skipped-tests-${process.pid}.txt`);
const reporters = ownReporter ? [] : ['--test-reporter=spec', '--test-reporter-destination=stdout',
  `--test-reporter=${resolve(root, 'scripts/skip-reporter.ts')}`, `--test-reporter-destination=${skipsFile}`];
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=300000', ...reporters, ...flags, ...files, ...pgFiles],
  { cwd: root, stdio: 'inherit', env });
let skippedTests: string[] = [];
try {
  skippedTests = readFileSync(skipsFile, 'utf8').split('\n').filter(Boolean);
} catch {} // no file: no test was skipped, or the run died first (its status says so)
rmSync(skipsFile, { force: true });
rmSync(pgDir, { recursive: true, force: true });
rmSync(pgliteTemplate, { force: true });
if (pgUrl && env[TEMPLATE_ENV.postgres]) await dropTemplate(pgUrl, pgTemplate);
loud([...skipped, ...skippedTests.map((t) => `test ${t}`)]);
if (ci && skippedTests.length) {
  console.error(`CI is set: ${skippedTests.length} skipped or todo test(s) fail the run.`);
  process.exit(1);
}
process.exit(r.status ?? 1);
