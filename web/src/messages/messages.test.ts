/** Every UI string exists in Dutch and in English: the same files and the same keys. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
type Tree = { [k: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}
const load = (lang: string, file: string) => JSON.parse(readFileSync(join(dir, lang, file), 'utf8')) as Tree;
const files = (lang: string) => readdirSync(join(dir, lang)).filter((f) => f.endsWith('.json')).sort();

test('Dutch and English have the same message files', () => {
  assert.deepEqual(files('en'), files('nl'));
});

for (const file of files('nl')) {
  test(`${file}: Dutch and English have the same keys`, () => {
    const nl = keys(load('nl', file)).sort();
    const en = keys(load('en', file)).sort();
    assert.deepEqual(en.filter((k) => !nl.includes(k)), [], `only in en/${file}`);
    assert.deepEqual(nl.filter((k) => !en.includes(k)), [], `only in nl/${file}`);
  });

  test(`${file}: every message is filled in and uses the same {placeholders} in both languages`, () => {
    const nl = new Map(keys(load('nl', file)).map((k) => [k, get(load('nl', file), k)]));
    const en = new Map(keys(load('en', file)).map((k) => [k, get(load('en', file), k)]));
    for (const [k, v] of nl) {
      assert.ok(v.trim(), `nl/${file} ${k} is empty`);
      const other = en.get(k);
      if (other === undefined) continue;
      assert.ok(other.trim(), `en/${file} ${k} is empty`);
      assert.deepEqual(placeholders(other), placeholders(v), `${file} ${k}: placeholders differ`);
    }
  });
}

function get(tree: Tree, key: string): string {
  return key.split('.').reduce<string | Tree>((t, k) => (t as Tree)[k]!, tree) as string;
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
