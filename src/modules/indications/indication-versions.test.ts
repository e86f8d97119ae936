import assert from 'node:assert/strict';
import test from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { build, loginAs } from '../../../test/helpers.ts';
import { indicated } from '../../../test/iwmo-indication.ts';
import { parseAssignment } from '../iwmo/assignment.ts';
import { iwmoStore } from '../iwmo/exchange.ts';
import { sendAssignments } from '../iwmo/outgoing-assignment.ts';
import { directoryTransport } from '../iwmo/transport.ts';

/** The 301 Wegwijs sends on `today` to a provider, as the provider reads it: number → [from, to, reason, volume]. */
async function sent301(app: FastifyInstance, t: test.TestContext, ids: { clientId: string; providerId: string }, today: string) {
  const dir = mkdtempSync(join(tmpdir(), 'wegwijs-versions-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const row = await sendAssignments(iwmoStore(app.db), directoryTransport(dir), { ...ids, municipality: '0599', today, time: '10:00:00' });
  const xml = (await app.db.query<{ content: string }>('SELECT content FROM iwmo_messages WHERE id = $1', [row.id]))[0]!.content;
  return Object.fromEntries(parseAssignment(xml, 'iwmo').products.map((p) => [p.number, [p.from, p.to, p.changeReason ?? null, p.scope?.volume ?? null]]));
}

const change = (app: FastifyInstance, headers: Record<string, string>, id: string, version: number, payload: Record<string, unknown>) =>
  app.inject({ method: 'PATCH', url: `/api/v1/indications/${id}`, headers: { ...headers, 'if-match': `"${version}"` }, payload });

test('a changed volume keeps the old version with who, when and why; the next 301 ends the old assignment (05) beside the new one, and the ended one is sent once', async (t) => {
  const app = await build(t);
  const ids = await indicated(app);
  const wmo = await loginAs(app, 'wmo');
  const [first] = Object.keys(await sent301(app, t, ids, '2026-03-02'));

  const noDate = await change(app, wmo, ids.indicationId, 1, { volume: 5, reason: 'Meer uren nodig na herbeoordeling' });
  assert.deepEqual([noDate.statusCode, noDate.json().code], [422, 'change_from_required']);
  const stale = await change(app, wmo, ids.indicationId, 7, { volume: 5, changeFrom: '2026-06-01', reason: 'Meer uren nodig na herbeoordeling' });
  assert.deepEqual([stale.statusCode, stale.json().code], [412, 'version_conflict']);

  const res = await change(app, wmo, ids.indicationId, 1, { volume: 5, changeFrom: '2026-06-01', reason: 'Meer uren nodig na herbeoordeling' });
  assert.equal(res.statusCode, 200, res.body);
  const next = res.json();
  assert.deepEqual([next.follows, next.volume, next.validFrom, next.validTo], [ids.indicationId, 5, '2026-06-01', '2026-12-31']);

  const versions = (await app.inject({ method: 'GET', url: `/api/v1/indications/${ids.indicationId}/versions`, headers: wmo })).json();
  assert.deepEqual(versions.map((v: Record<string, unknown>) => [v.version, v.volume, v.validTo, v.change, v.changedByName]),
    [[1, 3, '2026-12-31', 'created', 'Wendy Wmo-adviseur'], [2, 3, '2026-05-31', 'volume_changed', 'Wendy Wmo-adviseur']]);
  assert.equal(versions[1].reason, 'Meer uren nodig na herbeoordeling');

  // Before the change takes effect: the old assignment shortened (05) and the new one, in one full set.
  const during = await sent301(app, t, ids, '2026-05-15');
  const second = Object.keys(during).find((n) => n !== first)!;
  assert.deepEqual(during, { [first!]: ['2026-03-01', '2026-05-31', '05', 3], [second]: ['2026-06-01', '2026-12-31', null, 5] });
  // After: the ended assignment was told; only the running one is sent.
  assert.deepEqual(Object.keys(await sent301(app, t, ids, '2026-06-10')), [second]);

  // Shortened into the past: sent once more with its end (05), then no longer.
  const cut = await change(app, wmo, next.id, 1, { validTo: '2026-06-30', reason: 'Doel bereikt' });
  assert.equal(cut.statusCode, 200, cut.body);
  assert.deepEqual(await sent301(app, t, ids, '2026-07-05'), { [second]: ['2026-06-01', '2026-06-30', '05', 5] });
  await assert.rejects(sent301(app, t, ids, '2026-07-06'), (e: { code?: string }) => e.code === 'no_current_indications');
});

test('an indication given wrongly is withdrawn: the 301 sends it with its end date on its start date and reason 13, once', async (t) => {
  const app = await build(t);
  const ids = await indicated(app);
  const wmo = await loginAs(app, 'wmo');
  const [number] = Object.keys(await sent301(app, t, ids, '2026-02-20'));
  const withdrawal = await app.inject({ method: 'POST', url: `/api/v1/indications/${ids.indicationId}/withdrawal`, headers: { ...wmo, 'if-match': '"1"' },
    payload: { reason: 'Verkeerde aanbieder gekozen' } });
  assert.equal(withdrawal.statusCode, 200, withdrawal.body);
  assert.deepEqual([withdrawal.json().withdrawn, withdrawal.json().validTo], [true, '2026-03-01']);
  const again = await app.inject({ method: 'POST', url: `/api/v1/indications/${ids.indicationId}/withdrawal`, headers: { ...wmo, 'if-match': '"2"' },
    payload: { reason: 'Nog eens' } });
  assert.deepEqual([again.statusCode, again.json().code], [409, 'indication_withdrawn']);

  assert.deepEqual(await sent301(app, t, ids, '2026-02-21'), { [number!]: ['2026-03-01', '2026-03-01', '13', 3] });
  await assert.rejects(sent301(app, t, ids, '2026-02-22'), (e: { code?: string }) => e.code === 'no_current_indications');
  const versions = (await app.inject({ method: 'GET', url: `/api/v1/indications/${ids.indicationId}/versions`, headers: wmo })).json();
  assert.deepEqual(versions.map((v: { change: string }) => v.change), ['created', 'withdrawn']);
});

test('another provider takes over: the old provider\'s 301 ends the assignment with reason 09, the new provider gets a new assignment', async (t) => {
  const app = await build(t);
  const ids = await indicated(app);
  const wmo = await loginAs(app, 'wmo');
  const [number] = Object.keys(await sent301(app, t, ids, '2026-03-02'));
  const providers = (await app.inject({ method: 'GET', url: '/api/v1/providers', headers: wmo })).json() as { id: string; agbCode: string }[];
  const other = providers.find((p) => p.agbCode === '98010002')!.id;
  const res = await change(app, wmo, ids.indicationId, 1, { providerId: other, changeFrom: '2026-04-01', reason: 'Cliënt wil naar een andere aanbieder' });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(await sent301(app, t, ids, '2026-03-20'), { [number!]: ['2026-03-01', '2026-03-31', '09', 3] });
  const atNew = await sent301(app, t, { clientId: ids.clientId, providerId: other }, '2026-03-20');
  assert.deepEqual(Object.values(atNew), [['2026-04-01', '2026-12-31', null, 3]]);
  assert.notEqual(Object.keys(atNew)[0], number);
});
