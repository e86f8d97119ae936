/** `wegwijs finance render` run as a separate process, as a policy adviser would run it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = new URL('../../cli.ts', import.meta.url).pathname;
const FIXTURES = new URL('../../../test/fixtures/finance/', import.meta.url).pathname;
const LINES = join(FIXTURES, 'wijkteams-2021-lines.csv');
const ADJUSTMENTS = join(FIXTURES, 'wijkteams-2021-adjustments.csv');

// No database: a DATABASE_URL that cannot be reached and a data directory that cannot be created.
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'finance', ...args], {
  encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', WEGWIJS_DATA_DIR: '/proc/wegwijs-none' },
});

test('finance render prints the overview and adjustments as JSON in the published layout, without a database', () => {
  const r = run('render', '--lines', LINES, '--adjustments', ADJUSTMENTS, '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '', 'the illustrative adjustments reconcile with the overview');
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ['overview', 'adjustments']);
  assert.deepEqual(out.overview.columns, ['Realisatie 2019', 'Begroting 2020', 'Begroting 2021', 'Raming 2022', 'Raming 2023', 'Raming 2024']);
  assert.deepEqual(out.overview.rows[0], { label: 'Baten exclusief reserves', values: [2751, 3727, 2211, 2211, 2211, 2211] });
  assert.equal(out.overview.rows.length, 21);
  assert.deepEqual(out.overview.rows.at(-1), { label: 'Saldo', values: [-98289, -108314, -112869, -108499, -107270, -107277] });
  assert.deepEqual(out.adjustments.columns, ['2021', '2022', '2023', '2024']);
  assert.deepEqual(out.adjustments.rows.map((x: { category: string | null }) => x.category),
    ['Begroting', 'Omissie', 'Intensiveringen', 'Ramingsbijstellingen onvermijdelijk', 'Taakmutaties', 'Technische wijzigingen', null]);
  assert.deepEqual(out.adjustments.rows.at(-1), { label: 'Begroting na wijzigingen', category: null, values: [-112870, -108499, -107271, -107278] });
  assert.deepEqual(out.adjustments.reconciliation[0], { year: '2021', column: 'Begroting 2021', adjusted: -112870, saldo: -112869, difference: -1, status: 'ok' });
});

test('finance render prints Markdown and CSV tables with the documents\' labels', () => {
  const md = run('render', '--lines', LINES, '--format', 'md');
  assert.equal(md.status, 0, md.stderr);
  assert.match(md.stdout, /^\| Overzicht van baten en lasten Wijkteams en Wmo-loketten \| Realisatie 2019 \|/);
  assert.match(md.stdout, /\n\| Lasten exclusief reserves \| 101\.820 \| 113\.271 \| 115\.080 \| 110\.710 \| 109\.481 \| 109\.488 \|\n/);
  const csv = run('render', '--lines', LINES, '--adjustments', ADJUSTMENTS, '--format', 'csv');
  assert.equal(csv.status, 0, csv.stderr);
  assert.match(csv.stdout, /\nIntern resultaat;608;-977;-640;-640;-640;-640\nIntern resultaat;608;/);
  assert.match(csv.stdout, /\nBegroting na wijzigingen;;-112870;-108499;-107271;-107278\n/);
});

test('finance render refuses a bad file, names every bad line, and prints no table', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'wegwijs-finance-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, `${readFileSync(LINES, 'utf8')}Wijkteams en Wmo-loketten;Begroting 2021;Apparaatslasten;58.607\nWijkteams en Wmo-loketten;Begroting 2021;Inhuur;veel\n`);
  const r = run('render', '--lines', bad, '--format', 'json');
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /bad\.csv:74: regel: 'Apparaatslasten' wordt berekend .* is computed/);
  assert.match(r.stderr, /bad\.csv:75: bedrag: 'veel' is geen bedrag/);
});

test('finance render reports a year where the adjusted budget does not match the overview saldo', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'wegwijs-finance-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const off = join(dir, 'off.csv');
  writeFileSync(off, `${readFileSync(ADJUSTMENTS, 'utf8')}Wijkteams en Wmo-loketten;Begroting 2021;Vergeten post;Intensiveringen;2023;-250\n`);
  const r = run('render', '--lines', LINES, '--adjustments', off, '--format', 'json');
  assert.equal(r.status, 0, 'the tables are still printed');
  assert.match(r.stderr, /warning: 2023: Begroting na wijzigingen -107\.521 differs from the Saldo in 'Raming 2023' \(-107\.270\) by -251/);
  const rec = JSON.parse(r.stdout).adjustments.reconciliation;
  assert.deepEqual(rec.map((x: { status: string }) => x.status), ['ok', 'ok', 'mismatch', 'ok']);
});

test('finance render says how to use it when an option is missing or wrong', () => {
  const noLines = run('render', '--format', 'json');
  assert.equal(noLines.status, 2);
  assert.match(noLines.stderr, /needs --lines/);
  const badFormat = run('render', '--lines', LINES, '--format', 'xlsx');
  assert.equal(badFormat.status, 2);
  assert.match(badFormat.stderr, /--format must be json, csv or md/);
});
