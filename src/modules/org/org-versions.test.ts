import assert from 'node:assert/strict';
import test from 'node:test';
import { build, loginAs } from '../../../test/helpers.ts';

type Team = { id: string; name: string; kind: string; regionId: string | null; version: number };
type District = { id: string; name: string; areaId: string; teamId: string | null; version: number };

test('two admins change the same team: the second save is refused with the current team, not applied over the first', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const team = ((await app.inject({ method: 'GET', url: '/api/v1/teams', headers: admin })).json() as Team[]).find((x) => x.kind === 'neighbourhood_team')!;
  assert.equal(team.version, 1);
  const put = (name: string, ifMatch?: string) => app.inject({ method: 'PUT', url: `/api/v1/teams/${team.id}`,
    headers: { ...admin, ...(ifMatch ? { 'if-match': ifMatch } : {}) }, payload: { name, kind: team.kind, regionId: team.regionId } });

  const missing = await put('Wijkteam Zonder Versie');
  assert.deepEqual([missing.statusCode, missing.json().code], [428, 'precondition_required']);

  const first = await put('Wijkteam Eerste', '"1"');
  assert.deepEqual([first.statusCode, first.json().version, first.headers.etag], [200, 2, '"2"']);
  const second = await put('Wijkteam Tweede', '"1"');
  assert.equal(second.statusCode, 412);
  assert.equal(second.json().code, 'version_conflict');
  assert.equal(second.json().currentVersion, 2);
  assert.equal(second.json().current.name, 'Wijkteam Eerste');

  const now = ((await app.inject({ method: 'GET', url: '/api/v1/teams', headers: admin })).json() as Team[]).find((x) => x.id === team.id)!;
  assert.deepEqual([now.name, now.version], ['Wijkteam Eerste', 2]);
});

test('a district moves to another team only from the version the admin saw', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const d = ((await app.inject({ method: 'GET', url: '/api/v1/districts', headers: admin })).json() as District[])[0]!;
  const teams = (await app.inject({ method: 'GET', url: '/api/v1/teams', headers: admin })).json() as Team[];
  const other = teams.find((x) => x.kind === 'neighbourhood_team' && x.id !== d.teamId)!;
  const put = (teamId: string | null, ifMatch?: string) => app.inject({ method: 'PUT', url: `/api/v1/districts/${d.id}`,
    headers: { ...admin, ...(ifMatch ? { 'if-match': ifMatch } : {}) }, payload: { name: d.name, areaId: d.areaId, teamId } });

  assert.deepEqual([(await put(other.id)).statusCode, (await put(other.id)).json().code], [428, 'precondition_required']);
  const moved = await put(other.id, `W/"${d.version}"`);
  assert.deepEqual([moved.statusCode, moved.json().version], [200, d.version + 1]);
  const back = await put(d.teamId, `"${d.version}"`);
  assert.deepEqual([back.statusCode, back.json().code, back.json().currentVersion, back.json().current.teamId], [412, 'version_conflict', d.version + 1, other.id]);
  const gone = await app.inject({ method: 'PUT', url: '/api/v1/districts/00000000-0000-4000-8000-000000000000', headers: { ...admin, 'if-match': '"1"' },
    payload: { name: d.name, areaId: d.areaId, teamId: null } });
  assert.equal(gone.statusCode, 404);
});

test('a postcode range changed by someone else meanwhile is not overwritten: 412 with the range as it is now', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const r = ((await app.inject({ method: 'GET', url: '/api/v1/postcode-ranges', headers: admin })).json() as { id: string; from: string; to: string; districtId: string; version: number }[])[0]!;
  const put = (to: string, ifMatch?: string) => app.inject({ method: 'PUT', url: `/api/v1/postcode-ranges/${r.id}`,
    headers: { ...admin, ...(ifMatch ? { 'if-match': ifMatch } : {}) }, payload: { from: r.from, to, districtId: r.districtId } });
  assert.equal((await put(r.from)).json().code, 'precondition_required');
  const first = await put(r.from, `"${r.version}"`);
  assert.deepEqual([first.statusCode, first.json().version, first.headers.etag], [200, r.version + 1, `"${r.version + 1}"`]);
  const second = await put(r.to, `"${r.version}"`);
  assert.deepEqual([second.statusCode, second.json().code, second.json().current.to], [412, 'version_conflict', r.from]);
});
