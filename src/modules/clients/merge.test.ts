import assert from 'node:assert/strict';
import test from 'node:test';
import { build, createClient, loginAs, TEST_BSNS } from '../../../test/helpers.ts';
import { canUndoMerge } from './merge.ts';

test('a record without BSN is merged into the BSN record, shows in its timeline, and the merge can be undone', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const withBsn = await createClient(app, balie, { surname: 'Mulder', birthDate: '1975-03-03', bsn: TEST_BSNS[0] });
  const without = await createClient(app, balie, { surname: 'Mulder', firstNames: 'Onbekend', birthDate: null });
  await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: { clientId: without, channel: 'desk', question: 'Slaapplek gezocht', outcome: 5 } });
  const wrongWay = await app.inject({ method: 'POST', url: `/api/v1/clients/${without}/merges`, headers: balie, payload: { mergedClientId: withBsn, reason: 'Zelfde persoon, ID-kaart getoond' } });
  assert.equal(wrongWay.statusCode, 409);
  assert.equal(wrongWay.json().code, 'merge_direction');
  const m = await app.inject({ method: 'POST', url: `/api/v1/clients/${withBsn}/merges`, headers: balie, payload: { mergedClientId: without, reason: 'Zelfde persoon, ID-kaart getoond' } });
  assert.equal(m.statusCode, 201, m.body);
  const timeline = await app.inject({ method: 'GET', url: `/api/v1/clients/${withBsn}/timeline`, headers: balie });
  // The merged record's contact (outcome 5), with the referral to Centraal Onthaal it started told in the same entry.
  const entries = timeline.json() as { type: string; details: { referral?: { toTeam: string } } }[];
  assert.deepEqual(entries.map((e) => e.type), ['contact']);
  assert.equal(entries[0]!.details.referral?.toTeam, 'Centraal Onthaal Volwassenen');
  const found = await app.inject({ method: 'POST', url: '/api/v1/client-searches', headers: balie, payload: { name: 'Mulder' } });
  assert.deepEqual(found.json().map((h: { id: string }) => h.id), [withBsn], 'the merged record no longer shows up');
  const undo = await app.inject({ method: 'POST', url: `/api/v1/client-merges/${m.json().id}/undo`, headers: balie });
  assert.equal(undo.statusCode, 200, undo.body);
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/clients/${without}`, headers: balie })).json().mergedInto, null);
  const audit = await app.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE client_id = $1 AND action LIKE 'client.merge%' AND outcome = 'success' ORDER BY id`, [without]);
  assert.deepEqual(audit.map((a) => a.action), ['client.merge', 'client.merge_undone'], 'the merged record has its own audit rows');
});

test('a merge can be undone for 30 days, not after', () => {
  const at = new Date('2026-01-01T12:00:00Z');
  assert.equal(canUndoMerge(at, new Date('2026-01-31T12:00:00Z')), true);
  assert.equal(canUndoMerge(at, new Date('2026-01-31T12:00:01Z')), false);
});
