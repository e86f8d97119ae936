import assert from 'node:assert/strict';
import test from 'node:test';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, loginAs } from '../../../test/helpers.ts';
import { indicated } from '../../../test/iwmo-indication.ts';
import { claim323, start305 } from '../../../scripts/iwmo-provider-simulator.ts';
import { readMessage } from './messages.ts';
import { readInbox } from './inbox-job.ts';
import { receiveMessage } from './exchange.ts';
import { exampleMessage } from './examples.ts';
import { parseRequestAnswer } from './request.ts';
import { parseClaimAnswer } from './claim.ts';

async function app(t: test.TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'wegwijs-iwmo-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return { app: await build(t, { WEGWIJS_DATA_DIR: dir }), iwmo: join(dir, 'iwmo') };
}

test('the Wmo adviser sends a client\'s assignments to the provider; the 301 lands in the outbox and in the client\'s message history', async (t) => {
  const { app: a, iwmo } = await app(t);
  const ids = await indicated(a);
  const wmo = await loginAs(a, 'wmo');
  const res = await a.inject({ method: 'POST', url: `/api/v1/clients/${ids.clientId}/iwmo-assignments`, headers: wmo, payload: { providerId: ids.providerId } });
  assert.equal(res.statusCode, 201, res.body);
  const sent = res.json();
  assert.deepEqual([sent.direction, sent.message, sent.sender, sent.receiver, sent.status], ['out', '301', '0599', '98010001', 'sent']);
  assert.equal(sent.content, undefined, 'the API does not return the XML with its personal data');
  const file = join(iwmo, 'outbox', sent.source);
  assert.ok(readMessage(readFileSync(file, 'utf8')).ok);

  const history = await a.inject({ method: 'GET', url: `/api/v1/clients/${ids.clientId}/iwmo-messages`, headers: wmo });
  assert.deepEqual(history.json().map((m: { id: string }) => m.id), [sent.id]);

  // Nothing to send to a provider without current indications for this client.
  const providers = (await a.inject({ method: 'GET', url: '/api/v1/providers', headers: wmo })).json() as { id: string; agbCode: string }[];
  const other = await a.inject({ method: 'POST', url: `/api/v1/clients/${ids.clientId}/iwmo-assignments`, headers: wmo,
    payload: { providerId: providers.find((p) => p.agbCode === '98010002')!.id } });
  assert.deepEqual([other.statusCode, other.json().code], [422, 'no_current_indications']);
  // A desk worker may not send.
  const desk = await a.inject({ method: 'POST', url: `/api/v1/clients/${ids.clientId}/iwmo-assignments`, headers: await loginAs(a, 'balie'), payload: { providerId: ids.providerId } });
  assert.deepEqual([desk.statusCode, desk.json().code], [403, 'role_forbidden']);
});

test('the admin reads the inbox: a valid start is applied, a broken file lands on the error queue with its reason', async (t) => {
  const { app: a, iwmo } = await app(t);
  const ids = await indicated(a);
  const wmo = await loginAs(a, 'wmo');
  const sent = (await a.inject({ method: 'POST', url: `/api/v1/clients/${ids.clientId}/iwmo-assignments`, headers: wmo, payload: { providerId: ids.providerId } })).json();
  const xml = readFileSync(join(iwmo, 'outbox', sent.source), 'utf8');
  writeFileSync(join(iwmo, 'inbox', 'start.xml'), start305(xml, 'S1', '2026-03-04'));
  writeFileSync(join(iwmo, 'inbox', 'broken.xml'), '<?xml version="1.0"?>\n<Bericht>\n</Header>\n');

  const admin = await loginAs(a, 'beheer');
  const run = await a.inject({ method: 'POST', url: '/api/v1/iwmo/inbox-runs', headers: admin });
  assert.equal(run.statusCode, 200, run.body);
  const byName = Object.fromEntries(run.json().map((r: { name: string; status: string }) => [r.name, r.status]));
  assert.deepEqual(byName, { 'broken.xml': 'rejected', 'start.xml': 'applied' });
  assert.deepEqual(readdirSync(join(iwmo, 'inbox')).filter((f) => f.endsWith('.xml')), [], 'the inbox is empty afterwards');

  const queue = await a.inject({ method: 'GET', url: '/api/v1/iwmo/rejected-messages', headers: admin });
  assert.equal(queue.statusCode, 200);
  const [rejected] = queue.json();
  assert.equal(rejected.source, 'broken.xml');
  assert.ok(rejected.problems.some((p: { line: number | null }) => p.line === 3), JSON.stringify(rejected.problems));
  const again = await a.inject({ method: 'POST', url: '/api/v1/iwmo/inbox-runs', headers: admin });
  assert.deepEqual(again.json(), [], 'handled files are not read twice');

  const history = (await a.inject({ method: 'GET', url: `/api/v1/clients/${ids.clientId}/iwmo-messages`, headers: wmo })).json();
  assert.deepEqual(history.map((m: { message: string; status: string }) => [m.message, m.status]), [['301', 'sent'], ['305', 'applied'], ['306', 'sent']]);
  const forbidden = await a.inject({ method: 'GET', url: '/api/v1/iwmo/rejected-messages', headers: wmo });
  assert.deepEqual([forbidden.statusCode, forbidden.json().code], [403, 'role_forbidden']);
});

test('the scheduled inbox job reads waiting messages, and creates nothing where no inbox exists yet', async (t) => {
  const { app: a, iwmo } = await app(t);
  assert.deepEqual(await readInbox(a.db, iwmo, '2026-03-05'), []);
  assert.equal(existsSync(iwmo), false);
  const ids = await indicated(a);
  const wmo = await loginAs(a, 'wmo');
  const sent = (await a.inject({ method: 'POST', url: `/api/v1/clients/${ids.clientId}/iwmo-assignments`, headers: wmo, payload: { providerId: ids.providerId } })).json();
  writeFileSync(join(iwmo, 'inbox', 'start.xml'), start305(readFileSync(join(iwmo, 'outbox', sent.source), 'utf8'), 'S1', '2026-03-04'));
  const ran = await readInbox(a.db, iwmo, '2026-03-05');
  assert.deepEqual(ran.map((r) => [r.name, r.status]), [['start.xml', 'applied']]);
});

test('a provider\'s request lands in the work queue; the adviser answers it with a 319, and a rejection without reason is refused', async (t) => {
  const { app: a, iwmo } = await app(t);
  const wmo = await loginAs(a, 'wmo');
  const request = await receiveMessage(a.db, exampleMessage('315', 'iwmo'));
  assert.equal(request.status, 'received');
  const queue = await a.inject({ method: 'GET', url: '/api/v1/iwmo/requests', headers: wmo });
  assert.deepEqual(queue.json().map((m: { id: string }) => m.id), [request.id]);

  const url = `/api/v1/iwmo/requests/${request.id}/answers`;
  const noReason = await a.inject({ method: 'POST', url, headers: wmo, payload: { reference: 'REF-HA-0001', answer: 'rejected' } });
  assert.deepEqual([noReason.statusCode, noReason.json().code], [422, 'iwmo_message_invalid']);
  const unknown = await a.inject({ method: 'POST', url, headers: wmo, payload: { reference: 'NOPE', answer: 'investigating' } });
  assert.deepEqual([unknown.statusCode, unknown.json().code], [422, 'unknown_reference']);

  const looking = await a.inject({ method: 'POST', url, headers: wmo, payload: { reference: 'REF-HA-0001', answer: 'investigating' } });
  assert.equal(looking.statusCode, 201, looking.body);
  const answer = parseRequestAnswer(readFileSync(join(iwmo, 'outbox', looking.json().source), 'utf8'), 'iwmo');
  assert.deepEqual([answer.header.receiver, answer.reference, answer.answer], ['98010001', 'REF-HA-0001', '2']);
  assert.equal((await a.inject({ method: 'GET', url: '/api/v1/iwmo/requests', headers: wmo })).json().length, 1, 'still open while under investigation');

  const rejected = await a.inject({ method: 'POST', url, headers: wmo, payload: { reference: 'REF-HA-0001', answer: 'rejected', rejectionReason: '01' } });
  assert.equal(rejected.statusCode, 201, rejected.body);
  assert.deepEqual((await a.inject({ method: 'GET', url: '/api/v1/iwmo/requests', headers: wmo })).json(), [], 'answered as a whole');
  const twice = await a.inject({ method: 'POST', url, headers: wmo, payload: { reference: 'REF-HA-0001', answer: 'rejected', rejectionReason: '01' } });
  assert.deepEqual([twice.statusCode, twice.json().code], [409, 'request_already_answered']);
});

test('finance answers a received claim with a 325 once; the claim leaves the list; others may not', async (t) => {
  const { app: a, iwmo } = await app(t);
  const ids = await indicated(a);
  const wmo = await loginAs(a, 'wmo');
  const sent = (await a.inject({ method: 'POST', url: `/api/v1/clients/${ids.clientId}/iwmo-assignments`, headers: wmo, payload: { providerId: ids.providerId } })).json();
  const xml = readFileSync(join(iwmo, 'outbox', sent.source), 'utf8');
  const claim = await receiveMessage(a.db, claim323(xml, 'D1', '2026-04-02', { from: '2026-03-01', to: '2026-03-31' }, 12, { '01A01': 3150 }));
  const finance = await loginAs(a, 'financien');
  assert.deepEqual((await a.inject({ method: 'GET', url: '/api/v1/iwmo/claims', headers: finance })).json().map((c: { id: string }) => c.id), [claim.id]);
  const answered = await a.inject({ method: 'POST', url: `/api/v1/iwmo/claims/${claim.id}/answer`, headers: finance });
  assert.equal(answered.statusCode, 201, answered.body);
  assert.equal(parseClaimAnswer(readFileSync(join(iwmo, 'outbox', answered.json().source), 'utf8'), 'iwmo').granted, 12 * 3150);
  assert.deepEqual((await a.inject({ method: 'GET', url: '/api/v1/iwmo/claims', headers: finance })).json(), []);
  const again = await a.inject({ method: 'POST', url: `/api/v1/iwmo/claims/${claim.id}/answer`, headers: finance });
  assert.equal(again.json().id, answered.json().id, 'one answer per claim');
  const adviser = await a.inject({ method: 'POST', url: `/api/v1/iwmo/claims/${claim.id}/answer`, headers: wmo });
  assert.deepEqual([adviser.statusCode, adviser.json().code], [403, 'role_forbidden']);
});
