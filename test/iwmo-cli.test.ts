import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = new URL('../src/cli.ts', import.meta.url).pathname;
// No database: the iwmo commands must work without any configuration.
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'iwmo', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });

test('wegwijs iwmo example prints a message that wegwijs iwmo validate accepts (Wmo and jeugd)', { timeout: 120_000 }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'wegwijs-iwmo-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cases: [string, string[], RegExp][] = [
    ['301', [], /valid WMO301 \(iWmo 3\.2\)/], ['305', [], /valid WMO305/], ['323', [], /valid WMO323/], ['325', [], /valid WMO325/],
    ['301', ['--jeugd'], /valid JW301 \(iJw 3\.2\)/], ['315', ['--jeugd'], /valid JW315/],
    ['316', [], /valid WMO316/], ['318', [], /valid WMO318/], ['316', ['--jeugd'], /valid JW316/], ['318', ['--jeugd'], /valid JW318/],
  ];
  for (const [n, flags, expected] of cases) {
    const example = run('example', n, ...flags);
    assert.equal(example.status, 0, example.stderr);
    assert.match(example.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>/);
    const file = join(dir, `${n}${flags.join('')}.xml`);
    writeFileSync(file, example.stdout);
    const checked = run('validate', file);
    assert.equal(checked.status, 0, checked.stderr);
    assert.match(checked.stdout, expected);
  }
});

test('wegwijs iwmo validate exits 1 and names the line and element of each error', { timeout: 60_000 }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'wegwijs-iwmo-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const xml = run('example', '307').stdout;

  const missing = join(dir, 'no-end-date.xml');
  writeFileSync(missing, xml.replace(/<Einddatum>2026-06-30<\/Einddatum>\s*/, ''));
  const r1 = run('validate', missing);
  assert.equal(r1.status, 1);
  assert.match(r1.stderr, /invalid WMO307/);
  assert.match(r1.stderr, /line \d+, element StatusAanlevering:/);

  const badBsn = join(dir, 'elfproef.xml');
  writeFileSync(badBsn, xml.replace('<Bsn>999990019</Bsn>', '<Bsn>999990018</Bsn>'));
  const r2 = run('validate', badBsn);
  assert.equal(r2.status, 1);
  assert.match(r2.stderr, /element Client\/Bsn: BSN 999990018 voldoet niet aan de elfproef/);

  const broken = join(dir, 'broken.xml');
  writeFileSync(broken, '<?xml version="1.0"?>\n<Bericht>\n<Header>\n</Bericht>\n');
  const r3 = run('validate', broken);
  assert.equal(r3.status, 1);
  assert.match(r3.stderr, /line 4/);

  assert.equal(run('validate', join(dir, 'does-not-exist.xml')).status, 1);
});

test('wegwijs iwmo example refuses an unknown message number', () => {
  const r = run('example', '303');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /Usage: wegwijs iwmo example/);
});
