/**
 * The architecture rules as tests, so they do not erode (docs/architecture.md "Each table has
 * one owner"). Plain file reading, no database:
 * - a module's SQL names only tables it owns (src/platform/table-owners.ts);
 * - src/platform/ never imports src/modules/;
 * - web/ imports no server code, except the pure shared domain files listed below.
 * dependency-cruiser was tried for the import rules; why a small scan instead: docs/dependencies.md.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { tableOwners } from '../src/platform/table-owners.ts';

const root = resolve(import.meta.dirname, '..');
const read = (f: string) => readFileSync(resolve(root, f), 'utf8');
const files = (pattern: string) => globSync(pattern, { cwd: root }).filter((f) => !f.includes('node_modules')).sort();

/** The owner of a source file: its module folder, or 'platform'. */
function ownerOf(file: string): string {
  const m = /^src\/modules\/([^/]+)\//.exec(file);
  return m ? m[1] : 'platform';
}

/** Comments out (they may mention tables in prose); string contents stay, SQL lives there. */
const stripComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

const NAME = String.raw`"?(?:public\.)?([a-z_][a-z0-9_]*)"?(?![.\w])`;
const ALIAS = String.raw`(?:\s+(?:AS\s+)?[a-z_][a-z0-9_]*)?`;
/** SQL keywords (upper case, as all our SQL is written) followed by a table, or a comma list of them. */
const SQL_TABLE = new RegExp(String.raw`\b(?:FROM|JOIN|INTO|UPDATE|USING|REFERENCES|TRUNCATE(?:\s+TABLE)?|LOCK\s+TABLE)\s+(?:ONLY\s+)?(${NAME}${ALIAS}(?:\s*,\s*${NAME}${ALIAS})*)`, 'g');

/** The known tables a piece of source names in SQL. */
export function tablesNamed(src: string): string[] {
  const found: string[] = [];
  for (const m of stripComments(src).matchAll(SQL_TABLE)) {
    for (const part of m[1].split(',')) {
      const name = /^\s*"?(?:public\.)?([a-z_][a-z0-9_]*)/.exec(part)?.[1];
      if (name && name in tableOwners) found.push(name);
    }
  }
  return found;
}

test('the table scanner finds tables after every SQL keyword, and only known tables', () => {
  assert.deepEqual(tablesNamed('SELECT 1 FROM clients c JOIN teams t ON t.id = c.x'), ['clients', 'teams']);
  assert.deepEqual(tablesNamed('DELETE FROM sessions; INSERT INTO audit_log (a) VALUES (1); UPDATE users SET x = 1'), ['sessions', 'audit_log', 'users']);
  assert.deepEqual(tablesNamed('TRUNCATE TABLE jobs; team_id uuid REFERENCES teams(id); FROM referrals r, contacts k'), ['jobs', 'teams', 'referrals', 'contacts']);
  assert.deepEqual(tablesNamed('extract(epoch FROM now()) FROM my_cte WHERE a IS DISTINCT FROM b'), []);
  assert.deepEqual(tablesNamed('// reads FROM clients\n/* JOIN teams */ x'), []);
});

test('every table in the migrations has exactly one owner in the ownership map', () => {
  const created = new Set<string>();
  // In migration order: a table renamed later (ALTER TABLE a RENAME TO b) is owned under its new name.
  for (const f of files('migrations/*.sql').sort()) {
    for (const m of read(f).matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)|ALTER TABLE ([a-z_]+) RENAME TO ([a-z_]+)/g)) {
      if (m[1]) created.add(m[1]);
      else if (created.delete(m[2]!)) created.add(m[3]!);
    }
  }
  const modules = new Set(files('src/modules/*/').map((d) => d.split('/')[2]));
  for (const table of created) assert.ok(table in tableOwners, `table '${table}' has no owner in src/platform/table-owners.ts`);
  for (const [table, owner] of Object.entries(tableOwners)) {
    assert.ok(created.has(table), `src/platform/table-owners.ts lists '${table}', which no migration creates`);
    assert.ok(owner === 'platform' || modules.has(owner), `owner '${owner}' of '${table}' is not a module folder`);
  }
});

/**
 * Violations someone is fixing right now, each as the start of its message with a comment saying
 * who and why (empty: there are none). An entry that no longer occurs fails the test too, so the
 * list only shrinks.
 */
const KNOWN_VIOLATIONS: string[] = [];
const unknown = (found: string[]) => found.filter((v) => !KNOWN_VIOLATIONS.some((k) => v.startsWith(k)));

test('every known violation still occurs (fixed ones are taken off the list)', () => {
  const all = [...tableViolations(), ...webViolations()];
  assert.deepEqual(KNOWN_VIOLATIONS.filter((k) => !all.some((v) => v.startsWith(k))), []);
});

function tableViolations(): string[] {
  const violations: string[] = [];
  for (const f of [...files('src/modules/**/*.ts'), ...files('src/platform/**/*.ts')]) {
    if (f.endsWith('.test.ts')) continue; // tests arrange their data directly; the rule is about the product
    const owner = ownerOf(f);
    for (const table of new Set(tablesNamed(read(f)))) {
      const tableOwner = tableOwners[table as keyof typeof tableOwners];
      if (tableOwner !== owner) violations.push(`${f} names table '${table}', owned by '${tableOwner}': call the owner's exported functions`);
    }
  }
  return violations;
}

test("a module's SQL names only the tables it owns; the platform's only the platform's", () => {
  assert.deepEqual(unknown(tableViolations()), []);
});

/** Relative import specifiers of a file, with whether each is type-only. */
function importsOf(src: string): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = [];
  const text = stripComments(src);
  for (const m of text.matchAll(/\b(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g)) {
    // `import { type A, type B } from` is type-only too
    const named = /^\{([^}]*)\}$/.exec(m[3].trim());
    const allTypes = named ? named[1].split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type ')) : false;
    out.push({ spec: m[4], typeOnly: Boolean(m[2]) || allTypes });
  }
  for (const m of text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\bimport\s+['"]([^'"]+)['"]/g)) out.push({ spec: m[1] ?? m[2], typeOnly: false });
  return out;
}

const resolveFrom = (file: string, spec: string) => relative(root, resolve(root, dirname(file), spec));

test('the platform never imports a module', () => {
  const violations: string[] = [];
  for (const f of files('src/platform/**/*.ts')) {
    if (f.endsWith('.test.ts')) continue;
    for (const { spec } of importsOf(read(f))) {
      if (spec.startsWith('.') && resolveFrom(f, spec).startsWith('src/modules/')) violations.push(`${f} imports ${resolveFrom(f, spec)}`);
    }
  }
  assert.deepEqual(violations, []);
});

/**
 * Server files the UI may import: pure shared domain (constants, rules; no I/O), so the buttons a
 * user sees match what the server accepts. Any `*-process.ts` is pure domain by convention.
 * Type-only imports of a `schemas.ts` (a module's, or the platform's) are allowed too: response types via z.infer.
 */
const SHARED_WITH_WEB = [
  // The Algemene termijnenwet and the norms' lookup: every clock, on the server and in the UI (issue 17).
  'src/modules/legal-terms/legal-terms.ts',
  'src/platform/access/permissions.ts',
  'src/platform/access/roles.ts',
  'src/modules/clients/consent-purpose.ts',
  'src/modules/intake/contact-outcome.ts',
  // The council's three channels (issue 19): the contact figures page labels them.
  'src/modules/monitor/council-channels.ts',
  'src/modules/intake/life-domains.ts',
  // The field rules a form checks before sending (BSN elfproef, postcode, phone, dates), the same as the API's (issue 15).
  'src/modules/clients/field-rules.ts',
  'src/modules/clients/bsn.ts',
  'src/modules/org/postcode.ts',
  // The search's surname terms carried over to the contact form ('van der Berg' → prefix + surname).
  'src/modules/clients/names.ts',
  // Addresses written the Dutch way, by the server's search hits and every page alike.
  'src/modules/clients/address-format.ts',
  // The trajectory's activity kinds and the ZRM's 13 domains, moments and change (issue 16): the trajectory page's forms and chart.
  'src/modules/casework/activity.ts',
  'src/modules/casework/zrm.ts',
  // The household plan's goal statuses, ways of agreeing and member roles (issue 16): the plan's forms.
  'src/modules/household/plan.ts',
  // The onderzoek's items of Wmo 2015 art. 2.3.2 lid 4 (issue 17): the melding page's form.
  'src/modules/wmo/assessment.ts',
  // Who keeps which network partner (a team lead their teams' districts): the network page's edit buttons and district choices.
  'src/modules/network/district-rights.ts',
];
const isShared = (f: string) => SHARED_WITH_WEB.includes(f) || /^src\/modules\/[^/]+\/[^/]+-process\.ts$/.test(f);

function webViolations(): string[] {
  const violations: string[] = [];
  for (const f of files('web/**/*.{ts,tsx}')) {
    for (const { spec, typeOnly } of importsOf(read(f))) {
      if (!spec.startsWith('.')) continue;
      const target = resolveFrom(f, spec);
      if (!target.startsWith('src/')) continue;
      if (isShared(target)) continue;
      if (typeOnly && /^src\/(modules|platform)\/[^/]+\/schemas\.ts$/.test(target)) continue;
      violations.push(`${f} imports server file ${target}${typeOnly ? ' (type-only; only schemas.ts may be)' : ''}`);
    }
  }
  return violations;
}

test('the web UI imports no server code, only the pure shared domain files', () => {
  assert.deepEqual(unknown(webViolations()), []);
});

test('the shared domain files stay pure: they import only each other (and zod)', () => {
  const violations: string[] = [];
  for (const f of files('src/**/*.ts').filter(isShared)) {
    for (const { spec } of importsOf(read(f))) {
      const ok = spec.startsWith('.') ? isShared(resolveFrom(f, spec)) : spec === 'zod';
      if (!ok) violations.push(`${f} imports ${spec}`);
    }
  }
  assert.deepEqual(violations, []);
});
