import assert from 'node:assert/strict';
import test from 'node:test';
import { build, createClient, loginAs } from '../../../test/helpers.ts';

const record = { surname: 'Jansen', birthDate: '1950-01-01' };

test('of two saves based on the same version, the second is refused with the current record instead of undoing the first', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const id = await createClient(app, balie);
  const got = await app.inject({ method: 'GET', url: `/api/v1/clients/${id}`, headers: balie });
  assert.equal(got.headers.etag, '"1"');
  assert.equal(got.json().version, 1);

  const first = await app.inject({ method: 'PUT', url: `/api/v1/clients/${id}`, headers: { ...balie, 'if-match': '"1"' }, payload: { ...record, phone: '010-1111111' } });
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(first.json().version, 2);
  assert.equal(first.headers.etag, '"2"');

  const second = await app.inject({ method: 'PUT', url: `/api/v1/clients/${id}`, headers: { ...balie, 'if-match': '"1"' }, payload: { ...record, email: 'jan@example.nl' } });
  assert.equal(second.statusCode, 412);
  assert.match(second.headers['content-type'] ?? '', /problem\+json/);
  assert.equal(second.json().code, 'version_conflict');
  assert.equal(second.json().currentVersion, 2);
  assert.equal(second.json().current.phone, '010-1111111');
  assert.equal(second.json().current.email, null);

  const now = (await app.inject({ method: 'GET', url: `/api/v1/clients/${id}`, headers: balie })).json();
  assert.deepEqual([now.phone, now.email, now.version], ['010-1111111', null, 2]);
});

test('a change without If-Match is refused with 428 and changes nothing', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const id = await createClient(app, balie);
  const res = await app.inject({ method: 'PUT', url: `/api/v1/clients/${id}`, headers: balie, payload: { ...record, phone: '010-2222222' } });
  assert.equal(res.statusCode, 428);
  assert.equal(res.json().code, 'precondition_required');
  assert.equal(res.json().field, 'If-Match');
  const bad = await app.inject({ method: 'PUT', url: `/api/v1/clients/${id}`, headers: { ...balie, 'if-match': '*' }, payload: record });
  assert.equal(bad.json().code, 'invalid_if_match');
  const now = (await app.inject({ method: 'GET', url: `/api/v1/clients/${id}`, headers: balie })).json();
  assert.deepEqual([now.phone, now.version], [null, 1]);
});

test('the version the client page loads (weak or strong ETag) lets the save through, and the version goes up', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const id = await createClient(app, balie);
  const file = (await app.inject({ method: 'GET', url: `/api/v1/clients/${id}/file`, headers: balie })).json();
  assert.equal(file.client.version, 1);
  const res = await app.inject({ method: 'PUT', url: `/api/v1/clients/${id}`, headers: { ...balie, 'if-match': `W/"${file.client.version}"` }, payload: { ...record, phone: '010-3333333' } });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual([res.json().phone, res.json().version], ['010-3333333', 2]);
  const again = await app.inject({ method: 'PUT', url: `/api/v1/clients/${id}`, headers: { ...balie, 'if-match': res.headers.etag as string }, payload: { ...record, phone: '010-4444444' } });
  assert.deepEqual([again.statusCode, again.json().version], [200, 3]);
});

test('two saves at the same moment: exactly one wins, the other gets 412', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const id = await createClient(app, balie);
  const save = (phone: string) => app.inject({ method: 'PUT', url: `/api/v1/clients/${id}`, headers: { ...balie, 'if-match': '"1"' }, payload: { ...record, phone } });
  const results = await Promise.all([save('010-5555555'), save('010-6666666')]);
  assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 412]);
  const now = (await app.inject({ method: 'GET', url: `/api/v1/clients/${id}`, headers: balie })).json();
  assert.equal(now.version, 2);
  assert.equal(now.phone, results.find((r) => r.statusCode === 200)!.json().phone);
});

test('the API description shows If-Match on the change, and ETag, 412 and 428 in its answers', async (t) => {
  const app = await build(t);
  const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  const put = doc.paths['/api/v1/clients/{id}'].put;
  assert.ok(put.parameters.some((p: { in: string; name: string }) => p.in === 'header' && p.name === 'if-match'));
  assert.ok(put.responses['412'] && put.responses['428']);
  assert.ok(put.responses['200'].headers.ETag);
  assert.ok(doc.paths['/api/v1/clients/{id}'].get.responses['200'].headers.ETag);
});
