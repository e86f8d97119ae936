import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, loginAs } from '../../../test/helpers.ts';
import { normalisePostcode, parsePostcodeCsv } from './postcode.ts';

test('postcodes are accepted with or without a space and in lower case, and invalid ones refused', () => {
  assert.equal(normalisePostcode('3011 ab'), '3011AB');
  assert.equal(normalisePostcode('3011AB'), '3011AB');
  for (const bad of ['0123 AB', '301 AB', '3011 A', '3011 SS', 'abcd ef', '']) assert.equal(normalisePostcode(bad), null, bad);
});

test('the CSV parser reports every bad line with its number', () => {
  const { rows, errors } = parsePostcodeCsv('from;to;district\n3011AA;3011ZZ;Stadsdriehoek\n3012XX;3011AA;Cool\nfoo;3011AA;X\n');
  assert.equal(rows.length, 1);
  assert.deepEqual(errors.map((e) => e.line), [3, 4]);
});

test('the demo municipality has its areas, four regions, teams and the four kinds of desk', async (t) => {
  const app = await build(t);
  const h = await loginAs(app, 'balie');
  const areas = (await app.inject({ method: 'GET', url: '/api/v1/areas', headers: h })).json();
  assert.equal(areas.length, 14);
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/regions', headers: h })).json().length, 4);
  const teams = (await app.inject({ method: 'GET', url: '/api/v1/teams', headers: h })).json();
  assert.deepEqual([...new Set(teams.filter((x: { kind: string }) => x.kind === 'desk').map((x: { deskType: string }) => x.deskType))].sort(),
    ['cjg', 'cov', 'jongerenloket', 'vraagwijzer']);
  assert.ok(teams.filter((x: { kind: string }) => x.kind === 'neighbourhood_team').length >= 20);
});

test('a postcode leads to its district and neighbourhood team', async (t) => {
  const app = await build(t);
  const h = await loginAs(app, 'balie');
  const hit = await app.inject({ method: 'GET', url: '/api/v1/postcode-lookups/3035%20ab', headers: h });
  assert.equal(hit.statusCode, 200);
  assert.equal(hit.json().teamName, 'Wijkteam Oude Noorden');
  assert.equal(hit.json().postcode, '3035 AB');
  const bad = await app.inject({ method: 'GET', url: '/api/v1/postcode-lookups/12AB', headers: h });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().field, 'postcode');
  const unknown = await app.inject({ method: 'GET', url: '/api/v1/postcode-lookups/9999ZZ', headers: h });
  assert.deepEqual([unknown.statusCode, unknown.json().code], [404, 'postcode_unknown']);
});

// Postcode imports and range changes: postcode-import.test.ts.

test('an admin moves a district to another team; routing follows', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const districts = (await app.inject({ method: 'GET', url: '/api/v1/districts', headers: admin })).json();
  const teams = (await app.inject({ method: 'GET', url: '/api/v1/teams', headers: admin })).json();
  const d = districts.find((x: { name: string }) => x.name === 'Pendrecht');
  const target = teams.find((x: { name: string }) => x.name === 'Wijkteam Carnisse');
  const res = await app.inject({ method: 'PUT', url: `/api/v1/districts/${d.id}`, headers: { ...admin, 'if-match': `"${d.version}"` }, payload: { name: d.name, areaId: d.areaId, teamId: target.id } });
  assert.equal(res.statusCode, 200);
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/postcode-lookups/3086AB', headers: admin })).json().teamName, 'Wijkteam Carnisse');
});

test('a team needs a region and a desk needs its type', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const noRegion = await app.inject({ method: 'POST', url: '/api/v1/teams', headers: admin, payload: { name: 'Wijkteam X', kind: 'neighbourhood_team' } });
  assert.equal(noRegion.statusCode, 400);
  assert.equal(noRegion.json().field, 'regionId');
  const desk = await app.inject({ method: 'POST', url: '/api/v1/teams', headers: admin, payload: { name: 'VraagWijzer Noord', kind: 'desk', deskType: 'vraagwijzer' } });
  assert.equal(desk.statusCode, 201);
  const dup = await app.inject({ method: 'POST', url: '/api/v1/teams', headers: admin, payload: { name: 'VraagWijzer Noord', kind: 'desk', deskType: 'vraagwijzer' } });
  assert.equal(dup.statusCode, 409);
  assert.equal(dup.json().code, 'duplicate_name');
});
