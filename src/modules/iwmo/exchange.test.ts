import assert from 'node:assert/strict';
import test from 'node:test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { build } from '../../../test/helpers.ts';
import { indicated } from '../../../test/iwmo-indication.ts';
import { answer301, claim323, start305, stop307 } from '../../../scripts/iwmo-provider-simulator.ts';
import { deliveryOf } from '../indications/delivery-store.ts';
import { RedenBeeindiging } from './codes.ts';
import { parseAssignment } from './assignment.ts';
import { parseDeliveryRetour } from './delivery.ts';
import { exampleMessage } from './examples.ts';
import { parseRequestRetour } from './request.ts';
import { readMessage } from './messages.ts';
import { iwmoStore, receiveAll, receiveMessage } from './exchange.ts';
import { sendAssignments } from './outgoing-assignment.ts';
import { answerClaim } from './claim-answer.ts';
import { parseClaimAnswer } from './claim.ts';
import { listForClient, listRejected } from './store.ts';
import { directoryTransport, type Transport } from './transport.ts';

function transportDir(t: test.TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'wegwijs-iwmo-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, transport: directoryTransport(dir), inbox: (name: string, xml: string) => writeFileSync(join(dir, 'inbox', name), xml) };
}

const send = (app: FastifyInstance, transport: Transport, ids: { clientId: string; providerId: string }) =>
  sendAssignments(iwmoStore(app.db), transport, { ...ids, municipality: '0599', today: '2026-03-02', time: '09:30:00' });

test('round trip: a decision becomes a 301; the provider\'s 302, 305 and 307 are applied on the indication, and its 323 is answered with a 325', async (t) => {
  const app = await build(t);
  const ids = await indicated(app);
  const { dir, transport, inbox } = transportDir(t);

  const sent = await send(app, transport, ids);
  const [file] = readdirSync(join(dir, 'outbox'));
  assert.equal(file, `WMO301-0599-${sent.identification}.xml`);
  const xml = readFileSync(join(dir, 'outbox', file!), 'utf8');
  assert.ok(readMessage(xml).ok, 'what left is a valid 301');
  const m = parseAssignment(xml, 'iwmo');
  assert.deepEqual([m.header.receiver, m.client.bsn, m.products.length, m.products[0]!.productCode, m.products[0]!.scope],
    ['98010001', '999990068', 1, '01A01', { volume: 3, unit: '04', frequency: '2' }]);

  inbox('a-302.xml', answer301(xml, 'R1', '2026-03-03'));
  inbox('b-305.xml', start305(xml, 'S1', '2026-03-04', '2026-03-04'));
  const results = await receiveAll(app.db, transport, '2026-03-05');
  assert.deepEqual(results.map((r) => [r.name, r.status, r.problems]), [['a-302.xml', 'applied', []], ['b-305.xml', 'applied', []]]);
  assert.deepEqual(readdirSync(join(dir, 'inbox', 'done')).sort(), ['a-302.xml', 'b-305.xml'], 'handled files leave the inbox');
  assert.equal((await deliveryOf(app.db, ids.indicationId)).startedOn, '2026-03-04');
  // The 305 is answered with a 306 that accepts it.
  const [retourFile] = readdirSync(join(dir, 'outbox')).filter((f) => f.startsWith('WMO306-'));
  const retour = parseDeliveryRetour(readFileSync(join(dir, 'outbox', retourFile!), 'utf8'), 'iwmo');
  assert.deepEqual([retour.header.id, retour.codes.header, retour.codes.products[m.products[0]!.number]], ['S1', ['0200'], ['0200']]);

  // The stop, then a claim that waits for the claim check.
  const stop = await receiveMessage(app.db, stop307(xml, m.products[0]!.number, 'E1', '2026-06-30', { start: '2026-03-04', end: '2026-06-30', reason: RedenBeeindiging.VolgensPlan }));
  assert.equal(stop.status, 'applied');
  assert.deepEqual(await deliveryOf(app.db, ids.indicationId).then((d) => [d.startedOn, d.stoppedOn, d.stopReason]), ['2026-03-04', '2026-06-30', '19']);
  const claim = await receiveMessage(app.db, claim323(xml, 'D1', '2026-04-02', { from: '2026-03-01', to: '2026-03-31' }, 12, { '01A01': 3150 }));
  assert.equal(claim.status, 'received');
  const answer = await answerClaim(iwmoStore(app.db), transport, claim.id, { municipality: '0599', today: '2026-04-06' });
  const answerXml = readFileSync(join(dir, 'outbox', answer.source!), 'utf8');
  assert.ok(readMessage(answerXml).ok, 'the 325 that left is valid');
  assert.equal(parseClaimAnswer(answerXml, 'iwmo').granted, 12 * 3150);

  // The client's message history: the 301, the 302 that answers it, 305, 307.
  const history = await listForClient(app.db, ids.clientId);
  assert.deepEqual(history.map((h) => [h.direction, h.message, h.status]),
    [['out', '301', 'sent'], ['in', '302', 'applied'], ['in', '305', 'applied'], ['out', '306', 'sent'], ['in', '307', 'applied']]);
  assert.equal(history[1]!.answerTo, history[0]!.id);
  const audit = await app.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE client_id = $1 AND action LIKE 'iwmo.%' ORDER BY id`, [ids.clientId]);
  assert.deepEqual(audit.map((a) => a.action), ['iwmo.message.send', 'iwmo.message.apply', 'iwmo.message.apply', 'iwmo.message.apply']);
});

test('the same 305 received twice changes nothing, and a 301 sent again without changes repeats the assignment as it was', async (t) => {
  const app = await build(t);
  const ids = await indicated(app);
  const { transport } = transportDir(t);
  const first = await send(app, transport, ids);
  const xml = (await app.db.query<{ content: string }>('SELECT content FROM iwmo_messages WHERE id = $1', [first.id]))[0]!.content;
  const start = start305(xml, 'S1', '2026-03-04');
  const once = await receiveMessage(app.db, start);
  const twice = await receiveMessage(app.db, start);
  assert.deepEqual([once.status, twice.status, twice.duplicate, twice.id], ['applied', 'applied', true, once.id]);
  const [both] = await Promise.all([receiveMessage(app.db, start), receiveMessage(app.db, start)]);
  assert.equal(both.duplicate, true);
  assert.equal((await deliveryOf(app.db, ids.indicationId)).reports.length, 1);
  assert.equal((await app.db.query(`SELECT 1 FROM iwmo_messages WHERE direction = 'in'`)).length, 1);

  const again = await send(app, transport, ids);
  const xml2 = (await app.db.query<{ content: string }>('SELECT content FROM iwmo_messages WHERE id = $1', [again.id]))[0]!.content;
  assert.notEqual(again.identification, first.identification, 'each message has its own number');
  assert.deepEqual(parseAssignment(xml2, 'iwmo').products, parseAssignment(xml, 'iwmo').products);
});

test('malformed, unknown, out-of-order and re-used messages go to the error queue with a readable reason, and change nothing', async (t) => {
  const app = await build(t);
  const ids = await indicated(app);
  const { transport } = transportDir(t);
  const sent = await send(app, transport, ids);
  const xml = (await app.db.query<{ content: string }>('SELECT content FROM iwmo_messages WHERE id = $1', [sent.id]))[0]!.content;
  const number = parseAssignment(xml, 'iwmo').products[0]!.number;

  const malformed = await receiveMessage(app.db, '<?xml version="1.0"?>\n<Bericht>\n<Header>\n</Bericht>\n', 'broken.xml');
  assert.equal(malformed.status, 'rejected');
  assert.ok(malformed.problems.some((p) => p.line === 4), JSON.stringify(malformed.problems));

  const unknown = await receiveMessage(app.db, start305(xml, 'S9', '2026-03-04').replace(`<ToewijzingNummer>${number}<`, '<ToewijzingNummer>99999<'),
    'unknown.xml', { transport, date: '2026-03-05' });
  assert.equal(unknown.status, 'rejected');
  assert.match(unknown.problems[0]!.message, /Toewijzing 99999 is niet bekend \(9019\)/);
  const [answer] = await app.db.query<{ content: string }>(`SELECT content FROM iwmo_messages WHERE answer_to = $1`, [unknown.id]);
  assert.deepEqual(parseDeliveryRetour(answer!.content, 'iwmo').codes.products, { 99999: ['9019'] }, 'the provider hears why, per assignment');

  const stopFirst = await receiveMessage(app.db, stop307(xml, number, 'E1', '2026-03-10', { start: '2026-03-04', end: '2026-03-10', reason: '19' }));
  assert.equal(stopFirst.status, 'rejected', 'a stop before any start is out of order');
  assert.match(stopFirst.problems[0]!.message, /geen lopende levering/);

  const foreign = await receiveMessage(app.db, start305(xml, 'S2', '2026-03-04').replaceAll('98010001', '98010009'));
  assert.match(foreign.problems[0]!.message, /98010009 is geen bekende aanbieder/);

  const ok = await receiveMessage(app.db, start305(xml, 'S3', '2026-03-04', '2026-03-04'));
  assert.equal(ok.status, 'applied');
  const reused = await receiveMessage(app.db, start305(xml, 'S3', '2026-03-04', '2026-03-05'));
  assert.equal(reused.status, 'rejected');
  assert.match(reused.problems[0]!.message, /al ontvangen met een andere inhoud \(9056\)/);

  const wrongWay = await receiveMessage(app.db, xml);
  assert.match(wrongWay.problems[0]!.message, /gaat van gemeente naar aanbieder/);

  const queue = await listRejected(app.db);
  assert.equal(queue.length, 6);
  assert.ok(queue.every((q) => q.problems && q.problems.length > 0 && q.status === 'rejected'));
  const d = await deliveryOf(app.db, ids.indicationId);
  assert.deepEqual([d.startedOn, d.stoppedOn, d.reports.length], ['2026-03-04', null, 1], 'only the valid start was recorded');
});

test('a 301 that cannot be handed to the transport is not stored as sent', async (t) => {
  const app = await build(t);
  const ids = await indicated(app);
  const broken: Transport = { send: async () => { throw new Error('hub unreachable'); }, receive: async () => [], done: async () => {} };
  await assert.rejects(send(app, broken, ids), /hub unreachable/);
  assert.equal((await app.db.query(`SELECT 1 FROM iwmo_messages`)).length, 0);
  assert.equal((await app.db.query(`SELECT 1 FROM iwmo_assignments WHERE last_sent IS NOT NULL`)).length, 0);
});

test('a claim is answered with a 325: granted in full at the contract tariff, nothing for a performance at another tariff, once per claim', async (t) => {
  const app = await build(t);
  const ids = await indicated(app);
  const { dir, transport } = transportDir(t);
  const sent = await send(app, transport, ids);
  const xml = (await app.db.query<{ content: string }>('SELECT content FROM iwmo_messages WHERE id = $1', [sent.id]))[0]!.content;
  const claimIn = await receiveMessage(app.db, claim323(xml, 'D1', '2026-04-02', { from: '2026-03-01', to: '2026-03-31' }, 12, { '01A01': 3150 }));
  assert.equal(claimIn.status, 'received');

  const answer = await answerClaim(iwmoStore(app.db), transport, claimIn.id, { municipality: '0599', today: '2026-04-06' });
  const files = readdirSync(join(dir, 'outbox')).filter((f) => f.startsWith('WMO325-'));
  assert.deepEqual(files, [`WMO325-0599-${answer.identification}.xml`]);
  const a = parseClaimAnswer(readFileSync(join(dir, 'outbox', files[0]!), 'utf8'), 'iwmo');
  assert.deepEqual([a.claimed, a.granted, a.clients[0]!.performances[0]!.codes], [12 * 3150, 12 * 3150, ['0200']]);
  assert.equal(answer.answerTo, claimIn.id);
  const [again, concurrent] = await Promise.all([
    answerClaim(iwmoStore(app.db), transport, claimIn.id, { municipality: '0599', today: '2026-04-07' }),
    answerClaim(iwmoStore(app.db), transport, claimIn.id, { municipality: '0599', today: '2026-04-07' }),
  ]);
  assert.deepEqual([again.id, concurrent.id], [answer.id, answer.id], 'one answer per claim');

  // Another tariff than the contract's: 0611, nothing granted.
  const wrong = await receiveMessage(app.db, claim323(xml, 'D2', '2026-04-02', { from: '2026-03-01', to: '2026-03-31' }, 12, { '01A01': 3500 }));
  const wrongAnswer = await answerClaim(iwmoStore(app.db), transport, wrong.id, { municipality: '0599', today: '2026-04-06' });
  const w = parseClaimAnswer((await app.db.query<{ content: string }>('SELECT content FROM iwmo_messages WHERE id = $1', [wrongAnswer.id]))[0]!.content, 'iwmo');
  assert.deepEqual([w.claimed, w.granted, w.clients[0]!.performances[0]!.codes], [12 * 3500, 0, ['0611']]);
});

test('a request (315, 317) is answered with its retour message (316, 318): 0200 when received, 0001 when it breaks a rule, once per request', async (t) => {
  const app = await build(t);
  const { dir, transport, inbox } = transportDir(t);
  const retours = (prefix: string) => readdirSync(join(dir, 'outbox')).filter((f) => f.startsWith(prefix)).sort();
  const read = (file: string) => parseRequestRetour(readFileSync(join(dir, 'outbox', file), 'utf8'), 'iwmo');

  const request = exampleMessage('315', 'iwmo');
  const unknownProduct = request.replace('V1<', 'V2<').replaceAll('01A01', '01Z99');
  inbox('a-315.xml', request);
  inbox('b-317.xml', exampleMessage('317', 'iwmo'));
  inbox('c-315.xml', unknownProduct);
  const results = await receiveAll(app.db, transport, '2026-03-03');
  assert.deepEqual(results.map((r) => [r.name, r.status]), [['a-315.xml', 'received'], ['b-317.xml', 'received'], ['c-315.xml', 'rejected']]);
  assert.match(results[2]!.problems[0]!.message, /Onbekende productcode 01Z99/);

  const [accepted, rejected] = retours('WMO316-'); // named after the request's identification: V1, V2
  assert.ok(readMessage(readFileSync(join(dir, 'outbox', accepted!), 'utf8')).ok, 'what left is a valid 316');
  const ok = read(accepted!);
  assert.deepEqual([ok.header.id, ok.retour.date, ok.codes.header, ok.codes.client, ok.codes.products], ['V1', '2026-03-03', ['0200'], ['0200'], { 'REF-HA-0001': ['0200'] }]);
  const no = read(rejected!);
  assert.deepEqual([no.header.id, no.codes.header, no.codes.client, no.codes.products], ['V2', ['0001'], ['0233'], { 'REF-HA-0001': ['0233'] }], 'the provider hears that the request was refused');
  const [change] = retours('WMO318-');
  const c = read(change!);
  assert.deepEqual([c.header.id, c.codes.header, c.codes.products['REF-W-0001']], ['W1', ['0200'], ['0200']]);
  const answers = await app.db.query<{ message: string; answer_to: string }>(`SELECT message, answer_to FROM iwmo_messages WHERE direction = 'out' ORDER BY message, answer_to`);
  assert.deepEqual(answers.map((a) => a.message).sort(), ['316', '316', '318']);
  assert.deepEqual(answers.map((a) => a.answer_to).sort(), results.map((r) => r.id).sort(), 'each retour points to the request it answers');

  // The same request again, through the inbox or at once twice: nothing new is stored or sent.
  inbox('d-315.xml', request);
  const again = await receiveAll(app.db, transport, '2026-03-04');
  assert.deepEqual(again.map((r) => [r.status, r.duplicate, r.id]), [['received', true, results[0]!.id]]);
  const both = await Promise.all([0, 1].map(() => receiveMessage(app.db, unknownProduct, null, { transport, date: '2026-03-04' })));
  assert.ok(both.every((r) => r.duplicate));
  assert.equal(retours('WMO31').length, 3);
  assert.equal((await app.db.query(`SELECT 1 FROM iwmo_messages`)).length, 6);

  // Another request under an identification already received: refused, and the 316 says so (9056).
  const reused = await receiveMessage(app.db, request.replace('REF-HA-0001', 'REF-HA-0002'), null, { transport, date: '2026-03-04' });
  assert.match(reused.problems[0]!.message, /\(9056\)/);
  const [answer] = await app.db.query<{ content: string }>(`SELECT content FROM iwmo_messages WHERE answer_to = $1`, [reused.id]);
  assert.deepEqual(parseRequestRetour(answer!.content, 'iwmo').codes, { header: ['9056'], client: ['0233'], products: { 'REF-HA-0002': ['0233'] } });
  const v1 = retours('WMO316-').map(read).filter((r) => r.header.id === 'V1');
  assert.deepEqual(v1.map((r) => r.codes.header).sort(), [['0200'], ['9056']], 'the second answer to V1 sits beside the first, it does not overwrite it');

  // A BSN that fails the elfproef: on the error queue; a retour would repeat the wrong BSN, so none is sent.
  const badBsn = await receiveMessage(app.db, request.replace('V1<', 'V3<').replace('<Bsn>999990019<', '<Bsn>999990018<'), null, { transport, date: '2026-03-04' });
  assert.match(badBsn.problems[0]!.message, /elfproef/);
  assert.deepEqual([badBsn.status, (await app.db.query(`SELECT 1 FROM iwmo_messages WHERE answer_to = $1`, [badBsn.id])).length], ['rejected', 0]);
});

test('an iJw request (JW315) is answered with a JW316', async (t) => {
  const app = await build(t);
  const { dir, transport } = transportDir(t);
  // The demo jeugd products of the example are not contracted here: the JW316 says the request was refused (0001).
  const r = await receiveMessage(app.db, exampleMessage('315', 'ijw'), null, { transport, date: '2026-03-03' });
  assert.equal(r.status, 'rejected');
  const [file] = readdirSync(join(dir, 'outbox'));
  assert.match(file!, /^JW316-98010001-V1-[0-9a-f]{12}\.xml$/);
  const xml = readFileSync(join(dir, 'outbox', file!), 'utf8');
  assert.ok(readMessage(xml).ok, 'what left is a valid JW316');
  assert.match(xml, /<BerichtCode>447<\/BerichtCode>/);
  assert.deepEqual(parseRequestRetour(xml, 'ijw').codes.header, ['0001']);
});
