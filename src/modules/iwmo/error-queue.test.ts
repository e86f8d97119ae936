import assert from 'node:assert/strict';
import test from 'node:test';
import { build, loginAs } from '../../../test/helpers.ts';
import { receiveMessage } from './exchange.ts';
import { exampleMessage } from './examples.ts';

test('the admin reads a message from the error queue again once its provider is registered; it then waits in the work queue', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const wmo = await loginAs(app, 'wmo');
  const request = exampleMessage('315', 'iwmo').replaceAll('<Afzender>98010001</Afzender>', '<Afzender>98010009</Afzender>');
  const first = await receiveMessage(app.db, request, 'verzoek.xml');
  assert.equal(first.status, 'rejected');
  assert.match(first.problems[0]!.message, /98010009 is geen bekende aanbieder/);

  const early = await app.inject({ method: 'POST', url: `/api/v1/iwmo/rejected-messages/${first.id}/reprocess`, headers: admin });
  assert.equal(early.statusCode, 200, early.body);
  assert.deepEqual([early.json().status, early.json().duplicate], ['rejected', false], 'still unknown: back on the queue with today\'s reason');
  const queue = (await app.inject({ method: 'GET', url: '/api/v1/iwmo/rejected-messages', headers: admin })).json();
  assert.deepEqual(queue.map((m: { id: string }) => m.id), [early.json().id], 'the old reading left the queue');

  const provider = await app.inject({ method: 'POST', url: '/api/v1/providers', headers: admin, payload: { name: 'Zorg Nieuw', agbCode: '98010009' } });
  assert.equal(provider.statusCode, 201, provider.body);
  const again = await app.inject({ method: 'POST', url: `/api/v1/iwmo/rejected-messages/${early.json().id}/reprocess`, headers: admin });
  assert.deepEqual([again.statusCode, again.json().status], [200, 'received']);
  assert.deepEqual((await app.inject({ method: 'GET', url: '/api/v1/iwmo/rejected-messages', headers: admin })).json(), []);
  const work = (await app.inject({ method: 'GET', url: '/api/v1/iwmo/requests', headers: wmo })).json();
  assert.deepEqual(work.map((m: { id: string }) => m.id), [again.json().id]);
  const lines = await app.inject({ method: 'GET', url: `/api/v1/iwmo/requests/${again.json().id}/lines`, headers: wmo });
  assert.deepEqual(lines.json().map((l: { reference: string; answer: null }) => [l.reference, l.answer]), [['REF-HA-0001', null]]);

  const twice = await app.inject({ method: 'POST', url: `/api/v1/iwmo/rejected-messages/${early.json().id}/reprocess`, headers: admin });
  assert.deepEqual([twice.statusCode, twice.json().code], [409, 'not_on_error_queue']);
});

test('the admin marks a message on the error queue as handled with a note; advisers may not', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const broken = await receiveMessage(app.db, '<?xml version="1.0"?>\n<Bericht>\n</Header>\n', 'kapot.xml');
  const url = `/api/v1/iwmo/rejected-messages/${broken.id}/handled`;
  const adviser = await app.inject({ method: 'POST', url, headers: await loginAs(app, 'wmo'), payload: { note: 'Aanbieder gebeld' } });
  assert.deepEqual([adviser.statusCode, adviser.json().code], [403, 'role_forbidden']);
  const noNote = await app.inject({ method: 'POST', url, headers: admin, payload: {} });
  assert.equal(noNote.statusCode, 400);
  const handled = await app.inject({ method: 'POST', url, headers: admin, payload: { note: 'Aanbieder gebeld; stuurt het opnieuw' } });
  assert.equal(handled.statusCode, 200, handled.body);
  assert.deepEqual([handled.json().handling, handled.json().handlingNote], ['handled', 'Aanbieder gebeld; stuurt het opnieuw']);
  assert.deepEqual((await app.inject({ method: 'GET', url: '/api/v1/iwmo/rejected-messages', headers: admin })).json(), []);
  const twice = await app.inject({ method: 'POST', url, headers: admin, payload: { note: 'Nog eens' } });
  assert.deepEqual([twice.statusCode, twice.json().code], [409, 'not_on_error_queue']);
});
