import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, loginAs } from '../../../test/helpers.ts';
import { findOverlaps } from './postcode.ts';
import { AREAS } from '../../demo/org-data.ts';

const csv = (admin: object) => ({ ...admin, 'content-type': 'text/csv' });

test('the demo organisation has no postcode that belongs to two districts', () => {
  const ranges = AREAS.flatMap((a) => a.districts.flatMap((d) => d.pc4.map(([from, to]) => ({ from: `${from}AA`, to: `${to}ZZ`, d: d.name }))));
  assert.deepEqual(findOverlaps(ranges).map(([a, b]) => `${a.d} / ${b.d}`), []);
});

test('an import adds to the ranges by default; one bad line imports nothing', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const count = async () => (await app.inject({ method: 'GET', url: '/api/v1/postcode-ranges', headers: admin })).json().length;
  const before = await count();
  const bad = await app.inject({ method: 'POST', url: '/api/v1/postcode-ranges/imports', headers: csv(admin), payload: 'van;tot;wijk\n9990AA;9990ZZ;Crooswijk\n9991AA;9991ZZ;Atlantis\n' });
  assert.deepEqual([bad.statusCode, bad.json().code, bad.json().field], [400, 'csv_invalid', 'line 3']);
  assert.match(bad.json().detail, /Atlantis/);
  assert.equal(await count(), before);
  // One line, no mode: added, nothing removed (this once wiped the city).
  const ok = await app.inject({ method: 'POST', url: '/api/v1/postcode-ranges/imports', headers: csv(admin), payload: 'van;tot;wijk\n9990AA;9990ZZ;Crooswijk\n' });
  assert.equal(ok.statusCode, 200);
  assert.deepEqual([ok.json().imported, ok.json().mode, ok.json().dryRun, ok.json().removed.length], [1, 'append', false, 0]);
  assert.equal(await count(), before + 1);
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/postcode-lookups/9990AB', headers: admin })).json().teamName, 'Wijkteam Crooswijk');
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/postcode-lookups/3031AB', headers: admin })).json().teamName, 'Wijkteam Oude Noorden');
  // The English header of earlier files is still read.
  const english = await app.inject({ method: 'POST', url: '/api/v1/postcode-ranges/imports', headers: csv(admin), payload: 'from,to,district\n9991AA,9991ZZ,Crooswijk\n' });
  assert.equal(english.json().imported, 1);
});

test('replacing every range shows what will go and changes nothing until it is confirmed', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const before = (await app.inject({ method: 'GET', url: '/api/v1/postcode-ranges', headers: admin })).json();
  const file = 'van;tot;wijk\n3034AA;3034ZZ;Crooswijk\n';
  const preview = await app.inject({ method: 'POST', url: '/api/v1/postcode-ranges/imports?mode=replace&dryRun=true', headers: csv(admin), payload: file });
  assert.equal(preview.statusCode, 200);
  assert.equal(preview.json().dryRun, true);
  assert.equal(preview.json().removed.length, before.length);
  assert.ok(preview.json().removed.some((r: { from: string; districtName: string }) => r.from === '3031 AA' && r.districtName === 'Oude Noorden en Agniesebuurt'));
  const unconfirmed = await app.inject({ method: 'POST', url: '/api/v1/postcode-ranges/imports?mode=replace', headers: csv(admin), payload: file });
  assert.deepEqual([unconfirmed.statusCode, unconfirmed.json().code], [409, 'replace_unconfirmed']);
  assert.match(unconfirmed.json().detail, new RegExp(`alle ${before.length} bestaande`));
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/postcode-ranges', headers: admin })).json().length, before.length);
  const confirmed = await app.inject({ method: 'POST', url: '/api/v1/postcode-ranges/imports?mode=replace&confirm=true', headers: csv(admin), payload: file });
  assert.equal(confirmed.json().imported, 1);
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/postcode-ranges', headers: admin })).json().length, 1);
  const [row] = await app.db.query<{ details: { removed: number; mode: string } }>(`SELECT details FROM audit_log WHERE action = 'postcode_ranges.import' ORDER BY id DESC LIMIT 1`);
  assert.deepEqual([row!.details.mode, row!.details.removed], ['replace', before.length]);
});

test('an overlapping range is refused with both ranges named, from a file and in a file', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const before = (await app.inject({ method: 'GET', url: '/api/v1/postcode-ranges', headers: admin })).json().length;
  const existing = await app.inject({ method: 'POST', url: '/api/v1/postcode-ranges/imports', headers: csv(admin), payload: 'van;tot;wijk\n9990AA;9990ZZ;Crooswijk\n3035AA;3035ZZ;Crooswijk\n' });
  assert.deepEqual([existing.statusCode, existing.json().code, existing.json().field], [409, 'postcode_range_overlap', 'line 3']);
  assert.match(existing.json().detail, /3035 AA–3035 ZZ \(Crooswijk\) overlapt met 3035 AA–3036 ZZ \(Oude Noorden en Agniesebuurt\)/);
  const inFile = await app.inject({ method: 'POST', url: '/api/v1/postcode-ranges/imports', headers: csv(admin), payload: 'van;tot;wijk\n9990AA;9992ZZ;Crooswijk\n9991AA;9991ZZ;Kralingen\n' });
  assert.equal(inFile.json().code, 'postcode_range_overlap');
  assert.match(inFile.json().errors[0].message, /9991 AA–9991 ZZ \(Kralingen\) overlapt met regel 2: 9990 AA–9992 ZZ \(Crooswijk\)/);
  // Replacing with a file that overlaps itself is refused too, even when confirmed.
  const replace = await app.inject({ method: 'POST', url: '/api/v1/postcode-ranges/imports?mode=replace&confirm=true', headers: csv(admin), payload: 'van;tot;wijk\n9990AA;9992ZZ;Crooswijk\n9991AA;9991ZZ;Kralingen\n' });
  assert.equal(replace.json().code, 'postcode_range_overlap');
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/postcode-ranges', headers: admin })).json().length, before);
});

test('an admin changes or removes one range; a change that would overlap is refused', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const ranges = (await app.inject({ method: 'GET', url: '/api/v1/postcode-ranges', headers: admin })).json();
  const crooswijk = ranges.find((r: { districtName: string }) => r.districtName === 'Crooswijk');
  const overlap = await app.inject({ method: 'PUT', url: `/api/v1/postcode-ranges/${crooswijk.id}`, headers: { ...admin, 'if-match': `"${crooswijk.version}"` }, payload: { from: '3033 AA', to: '3034 ZZ', districtId: crooswijk.districtId } });
  assert.deepEqual([overlap.statusCode, overlap.json().code], [409, 'postcode_range_overlap']);
  assert.match(overlap.json().detail, /3033 AA–3034 ZZ \(Crooswijk\) overlapt met 3031 AA–3033 ZZ \(Oude Noorden en Agniesebuurt\)/);
  const reversed = await app.inject({ method: 'PUT', url: `/api/v1/postcode-ranges/${crooswijk.id}`, headers: { ...admin, 'if-match': `"${crooswijk.version}"` }, payload: { from: '3034 ZZ', to: '3034 AA', districtId: crooswijk.districtId } });
  assert.deepEqual([reversed.statusCode, reversed.json().field], [400, 'to']);
  const narrowed = await app.inject({ method: 'PUT', url: `/api/v1/postcode-ranges/${crooswijk.id}`, headers: { ...admin, 'if-match': `"${crooswijk.version}"` }, payload: { from: '3034 AA', to: '3034 MZ', districtId: crooswijk.districtId } });
  assert.equal(narrowed.statusCode, 200);
  assert.equal(narrowed.json().to, '3034 MZ');
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/postcode-lookups/3034NA', headers: admin })).json().code, 'postcode_unknown');
  const removed = await app.inject({ method: 'DELETE', url: `/api/v1/postcode-ranges/${crooswijk.id}`, headers: admin });
  assert.equal(removed.statusCode, 204);
  assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/postcode-ranges/${crooswijk.id}`, headers: admin })).json().code, 'not_found');
  const desk = await loginAs(app, 'balie');
  assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/postcode-ranges/${ranges[0].id}`, headers: desk })).statusCode, 403);
});
