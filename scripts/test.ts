/**
 * The one test command (`npm test`): unit and integration tests on PGlite, the same
 * integration tests again on PostgreSQL when TEST_DATABASE_URL is set, and the browser tests
 * when Chromium is present — all in one `node --test` run with one summary. What it cannot
 * run it says loudly, before and after.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, globSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('-'));
const files = (only.length ? only : globSync(['src/**/*.test.ts', 'web/src/**/*.test.ts', 'test/**/*.test.ts'], { cwd: root }))
  .filter((f) => !f.includes('node_modules')).sort();
const skipped: string[] = [];

const pgUrl = process.env.TEST_DATABASE_URL;
const pgDir = resolve(root, '.tmp/pg-pass');
rmSync(pgDir, { recursive: true, force: true });
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
} else {
  skipped.push(`PostgreSQL pass of ${integration.length} integration test files (set TEST_DATABASE_URL=postgres://… to run it)`);
}
const hasChromium = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
if (!hasChromium) skipped.push('browser tests in test/browser/ (no Chromium at /usr/bin/chromium: apt-get install -y chromium)');

const loud = (lines: string[]) => {
  if (!lines.length) return;
  const bar = '!'.repeat(78);
  console.log(`\n${bar}\n!! SKIPPED:\n${lines.map((l) => `!!  - ${l}`).join('\n')}\n${bar}\n`);
};
loud(skipped);

// Integration tests on PGlite run with TEST_DATABASE_URL unset; the wrappers set it themselves.
const env = { ...process.env };
delete env.TEST_DATABASE_URL;
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=300000', ...args.filter((a) => a.startsWith('-')), ...files, ...pgFiles],
  { cwd: root, stdio: 'inherit', env });
loud(skipped);
process.exit(r.status ?? 1);
