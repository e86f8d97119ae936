import assert from 'node:assert/strict';
import test from 'node:test';
import { build, loginAs } from '../../../test/helpers.ts';

type User = { id: string; username: string; displayName: string; roles: string[]; version: number };

test('two admins change the same user: the second save is refused with the current user and changes nothing', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const wim = ((await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin })).json() as User[]).find((u) => u.username === 'wijkteam')!;
  const patch = (payload: Record<string, unknown>, ifMatch?: string) => app.inject({ method: 'PATCH', url: `/api/v1/users/${wim.id}`,
    headers: { ...admin, ...(ifMatch ? { 'if-match': ifMatch } : {}) }, payload });

  const missing = await patch({ displayName: 'Wim Zonder Versie' });
  assert.deepEqual([missing.statusCode, missing.json().code, missing.json().field], [428, 'precondition_required', 'If-Match']);

  const first = await patch({ displayName: 'Wim de Eerste' }, `"${wim.version}"`);
  assert.deepEqual([first.statusCode, first.json().version, first.headers.etag], [200, wim.version + 1, `"${wim.version + 1}"`]);
  const second = await patch({ roles: ['team_lead'] }, `"${wim.version}"`);
  assert.equal(second.statusCode, 412);
  assert.equal(second.json().code, 'version_conflict');
  assert.equal(second.json().currentVersion, wim.version + 1);
  assert.equal(second.json().current.displayName, 'Wim de Eerste');

  const now = ((await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin })).json() as User[]).find((u) => u.id === wim.id)!;
  assert.deepEqual([now.displayName, now.roles, now.version], ['Wim de Eerste', ['team_worker'], wim.version + 1]);
});
