import assert from 'node:assert/strict';
import test from 'node:test';
import { build, loginAs } from '../../../test/helpers.ts';

test('a GP practice is renamed only from the version the admin saw; a stale rename gets the current practice', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const created = await app.inject({ method: 'POST', url: '/api/v1/practices', headers: admin, payload: { name: 'Huisartsen De Esch', agbCode: '01777777' } });
  const p = created.json();
  assert.equal(p.version, 1);
  const patch = (payload: Record<string, unknown>, ifMatch?: string) => app.inject({ method: 'PATCH', url: `/api/v1/practices/${p.id}`,
    headers: { ...admin, ...(ifMatch ? { 'if-match': ifMatch } : {}) }, payload });

  assert.deepEqual([(await patch({ active: false })).statusCode, (await patch({ active: false })).json().code], [428, 'precondition_required']);
  const renamed = await patch({ name: 'Huisartsenpraktijk De Esch' }, '"1"');
  assert.deepEqual([renamed.statusCode, renamed.json().version, renamed.headers.etag], [200, 2, '"2"']);
  const stale = await patch({ active: false }, '"1"');
  assert.deepEqual([stale.statusCode, stale.json().code, stale.json().currentVersion, stale.json().current.name], [412, 'version_conflict', 2, 'Huisartsenpraktijk De Esch']);
  const list = (await app.inject({ method: 'GET', url: '/api/v1/practices', headers: admin })).json() as { id: string; active: boolean }[];
  assert.equal(list.find((x) => x.id === p.id)!.active, true);
});
