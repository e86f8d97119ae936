/**
 * Every action the server can write to the audit log has a label in words, in Dutch and in
 * English (web/src/messages/<lang>/labels.json, `auditAction`, one level per dotted segment; an
 * action that is also the start of others keeps its label under `_`):
 * the privacy officer's audit log shows `fmt.auditAction(action)` (web/src/i18n.tsx), and an
 * action without a label shows up there as "onbekend (code)". Plain file reading, no database.
 *
 * Where actions come from:
 * - `action: <expr>` in an audit event or a Store op (`{ action: 'client.read', activity }`);
 * - helpers that take the action as a parameter (`const op = (action: string, …) =>`,
 *   `function change(householdId: string, action: string, …)`, `type Op = (action: string) => …`)
 *   and are called with a literal in the same file: `op('iwmo.message.reject')`;
 * - every permission name: the auth plugin audits a refusal at the route under the route's
 *   permission (src/platform/auth/plugin.ts).
 * A literal is taken when it is the whole argument or a branch of a conditional
 * (`res.created ? 'a' : 'b'`). A variable passed on is not followed: its literal is collected
 * where it is written. A template literal must be listed in DYNAMIC with the values it takes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { permissions } from '../src/platform/access/permissions.ts';
import { ReferralCommand } from '../src/modules/referrals/referral-process.ts';
import { TRAJECTORY_COMMANDS } from '../src/modules/casework/trajectory-process.ts';
import { HANDOVER_DIRECTIONS, ONWARD_REFERRAL_COMMANDS } from '../src/modules/casework/coordination-process.ts';
import { SAFETY_PROTOCOL_COMMANDS } from '../src/modules/safety/safety-protocol-process.ts';
import { WMO_COMMANDS } from '../src/modules/wmo/wmo-process.ts';

const root = resolve(import.meta.dirname, '..');
const read = (f: string) => readFileSync(resolve(root, f), 'utf8');

/**
 * Actions built from a template: the template as written in the source, and the values it takes
 * (from the command lists the routes validate against, so a new command needs a label too).
 */
const DYNAMIC: Record<string, readonly string[]> = {
  // src/modules/referrals/referral-store.ts: one action per referral command.
  'referral.${command}': Object.values(ReferralCommand).map((c) => `referral.${c}`),
  // src/modules/casework/trajectory-store.ts: one action per trajectory command.
  'trajectory.${command}': TRAJECTORY_COMMANDS.map((c) => `trajectory.${c}`),
  // src/modules/casework/coordination-store.ts: the steps of an onward referral and the two hand-over directions.
  'trajectory.onward_referral.${input.type}': ONWARD_REFERRAL_COMMANDS.map((c) => `trajectory.onward_referral.${c}`),
  'trajectory.handover.${input.direction}': HANDOVER_DIRECTIONS.map((d) => `trajectory.handover.${d}`),
  // src/modules/safety/safety-store.ts: one action per meldcode command.
  'safety_record.${command}': SAFETY_PROTOCOL_COMMANDS.map((c) => `safety_record.${c}`),
  // src/modules/wmo/notification-store.ts: one action per step of a Wmo melding.
  'wmo.${raw.type}': WMO_COMMANDS.map((c) => `wmo.${c}`),
};

/** Comments out (they mention actions in prose); string contents stay. */
const stripComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/** The end of the string literal starting at `i` (its quote), just after the closing quote. */
function endOfString(src: string, i: number): number {
  const q = src[i];
  let j = i + 1;
  while (j < src.length && src[j] !== q) {
    if (src[j] === '\\') j++;
    else if (q === '`' && src[j] === '$' && src[j + 1] === '{') j = skipExpression(src, j + 2, '}');
    j++;
  }
  return j + 1;
}

/** From `i`, the index of the first `stop` character at depth 0 (brackets and strings skipped). */
function skipExpression(src: string, i: number, stops: string): number {
  let depth = 0;
  for (let j = i; j < src.length; j++) {
    const c = src[j]!;
    if (c === "'" || c === '"' || c === '`') j = endOfString(src, j) - 1;
    else if (depth === 0 && stops.includes(c)) return j;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
  }
  return src.length;
}

/** The action literals of one expression: the whole of it, or the branches of a conditional. */
function literalsOf(expr: string): { value: string; template: boolean }[] {
  const found: { value: string; template: boolean }[] = [];
  let prev = '';
  for (let j = 0; j < expr.length; j++) {
    const c = expr[j]!;
    if (c === "'" || c === '"' || c === '`') {
      const end = endOfString(expr, j);
      if (prev === '' || prev === '?' || prev === ':') found.push({ value: expr.slice(j + 1, end - 1), template: c === '`' && expr.includes('${', j) && expr.indexOf('${', j) < end });
      j = end - 1;
      prev = 'lit';
    } else if ('([{'.includes(c)) {
      j = skipExpression(expr, j + 1, ')]}');
      prev = 'x';
    } else if (!/\s/.test(c)) prev = c === '?' || c === ':' ? c : 'x';
  }
  return found;
}

/** The arguments of the call whose `(` is at `open`. */
function argumentsAt(src: string, open: number): string[] {
  const args: string[] = [];
  let i = open + 1;
  for (;;) {
    const end = skipExpression(src, i, ',)');
    args.push(src.slice(i, end).trim());
    if (end >= src.length || src[end] === ')') return args;
    i = end + 1;
  }
}

/** The index of the parameter named `action` in a parameter list, or -1. */
const actionParameter = (params: readonly string[]) => params.findIndex((p) => /^action\s*(?:[:?=]|$)/.test(p));

/** Every action one source file can write: literals, and templates (to be found in DYNAMIC). */
export function actionsIn(source: string): { value: string; template: boolean }[] {
  const src = stripComments(source);
  const found: { value: string; template: boolean }[] = [];
  for (const m of src.matchAll(/\baction\s*:\s*/g)) {
    const start = m.index + m[0].length;
    found.push(...literalsOf(src.slice(start, skipExpression(src, start, ',;)}'))));
  }
  // Helpers with an `action` parameter, and parameters typed with such a function type.
  const helpers = new Map<string, number>();
  for (const m of src.matchAll(/(?:const|function)\s+(\w+)\s*=?\s*(?:async\s*)?\(/g)) {
    const at = actionParameter(argumentsAt(src, m.index + m[0].length - 1));
    if (at >= 0) helpers.set(m[1]!, at);
  }
  for (const m of src.matchAll(/\btype\s+(\w+)\s*=\s*\(/g)) {
    const at = actionParameter(argumentsAt(src, m.index + m[0].length - 1));
    if (at < 0) continue;
    for (const p of src.matchAll(new RegExp(String.raw`(\w+)\s*:\s*${m[1]}\b`, 'g'))) helpers.set(p[1]!, at);
  }
  for (const [name, at] of helpers) {
    for (const m of src.matchAll(new RegExp(String.raw`(?<![\w.])${name}\s*\(`, 'g'))) {
      const arg = argumentsAt(src, m.index + m[0].length - 1)[at];
      if (arg) found.push(...literalsOf(arg));
    }
  }
  return found;
}

test('the action scanner finds literals, conditionals, helper calls and templates, not prose or variables', () => {
  const values = (src: string) => actionsIn(src).map((a) => (a.template ? `T:${a.value}` : a.value));
  assert.deepEqual(values("store.read({ action: 'client.read', activity }, f)"), ['client.read']);
  assert.deepEqual(values("({ action: res.created ? 'a.b' : 'a.c', clientId })"), ['a.b', 'a.c']);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal, on purpose
  assert.deepEqual(values('store.change({ action: `trajectory.${command}`, activity })'), ['T:trajectory.${command}']);
  assert.deepEqual(values("const op = (action: string, d = {}) => ({ action, d });\nstore.change(op('x.create', { n: f('no') }), w)"), ['x.create']);
  assert.deepEqual(values("async function change(id: string, action: string, w: (tx: Tx) => P) {}\nchange(h, 'household.update', { a: 'no' })"), ['household.update']);
  assert.deepEqual(values("type Op = (action: string) => X;\nfunction f(db: Db, op: Op) { g(op('iwmo.x')); }"), ['iwmo.x']);
  assert.deepEqual(values("// action: 'not.this'\n/* op('nor.this') */ x({ action: cfg.permission })"), []);
});

/** The server's audit actions: in source files (not tests), templates expanded, and every permission. */
function serverActions(): { actions: Map<string, string>; unknownTemplates: string[] } {
  const actions = new Map<string, string>();
  const unknownTemplates: string[] = [];
  for (const f of globSync('src/**/*.ts', { cwd: root }).filter((f) => !f.endsWith('.test.ts')).sort()) {
    for (const a of actionsIn(read(f))) {
      if (!a.template) actions.set(a.value, f);
      else if (DYNAMIC[a.value]) for (const v of DYNAMIC[a.value]!) actions.set(v, f);
      else unknownTemplates.push(`${f}: \`${a.value}\``);
    }
  }
  for (const p of Object.keys(permissions)) if (!actions.has(p)) actions.set(p, 'src/platform/access/permissions.ts (a refused request)');
  return { actions, unknownTemplates };
}

/** The labels as the UI looks them up: `labels.auditAction.<action>` (or `<action>._`), a string leaf in the nested tree. */
function labelsOf(lang: 'nl' | 'en'): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (tree: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(tree)) {
      // '_' is the label of an action that is also the start of others (see useFormat in web/src/i18n.tsx).
      if (typeof v === 'string') out.set(k === '_' ? prefix.slice(0, -1) : `${prefix}${k}`, v);
      else walk(v as Record<string, unknown>, `${prefix}${k}.`);
    }
  };
  walk(JSON.parse(read(`web/src/messages/${lang}/labels.json`)).auditAction, '');
  return out;
}

test('the scanner finds the audit actions of the main modules (a check that it still reads the code)', () => {
  const { actions } = serverActions();
  for (const a of ['client.read', 'referral.accept', 'trajectory.read', 'household.update', 'iwmo.message.reject', 'session.login', 'network.write']) {
    assert.ok(actions.has(a), `${a} not found`);
  }
});

test('every action a template builds is listed with its values', () => {
  assert.deepEqual(serverActions().unknownTemplates, [], 'add these templates to DYNAMIC in test/audit-labels.test.ts, with the values they take');
});

for (const lang of ['nl', 'en'] as const) {
  test(`every action the audit log can hold has a label in the audit log (${lang})`, () => {
    const labels = labelsOf(lang);
    const missing = [...serverActions().actions].filter(([a]) => !labels.get(a)?.trim()).map(([a, f]) => `${a}  (${f})`).sort();
    assert.deepEqual(missing, [], `add to web/src/messages/${lang}/labels.json under auditAction (nested per dotted segment)`);
  });
}
