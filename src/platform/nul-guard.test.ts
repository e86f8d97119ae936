import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, loginAs } from '../../test/helpers.ts';

test('a NUL character in any text of a staff request is refused with 400, not a server error', async (t) => {
  const app = await build(t);
  const desk = await loginAs(app, 'balie');
  const res = await app.inject({ method: 'POST', url: '/api/v1/clients', headers: desk,
    payload: { surname: 'Jan\u0000sen', firstNames: 'Jan', birthDate: '1950-01-01', duplicateAcknowledged: true } });
  assert.equal(res.statusCode, 400, res.body);
  assert.equal(res.json().code, 'nul_character');
  assert.equal(res.json().field, 'surname');
  const search = await app.inject({ method: 'POST', url: '/api/v1/client-searches', headers: desk, payload: { name: 'Jan\u0000sen' } });
  assert.equal(search.statusCode, 400, search.body);
  assert.equal(search.json().code, 'nul_character');
  const inPath = await app.inject({ method: 'GET', url: '/api/v1/clients/abc%00def', headers: desk });
  assert.equal(inPath.statusCode, 400, inPath.body);
  assert.equal(inPath.json().code, 'nul_character');
});
