import assert from 'node:assert/strict';
import test from 'node:test';
import { build, createClient, loginAs, TEST_BSNS } from '../../../test/helpers.ts';
import { acceptedTrajectory } from '../../../test/trajectory-case.ts';
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

test('a merged record\'s place in a household passes to the surviving record, and back on undo; two households refuse the merge', async (t) => {
  const a = await acceptedTrajectory(t, undefined, 'Visser');
  const { app, wim } = a;
  const duplicate = (await acceptedTrajectory(t, app, 'Visser-Dubbel')).clientId;
  const partner = (await acceptedTrajectory(t, app, 'Visser-Partner')).clientId;
  const other = (await acceptedTrajectory(t, app, 'Bakker')).clientId;
  const balie = await loginAs(app, 'balie');
  const h = await app.inject({ method: 'POST', url: '/api/v1/households', headers: wim, payload: { name: 'Gezin Visser',
    members: [{ clientId: duplicate, role: 'parent' }, { clientId: partner, role: 'partner' }] } });
  assert.equal(h.statusCode, 201, h.body);
  const householdOf = async (clientId: string) =>
    (await app.inject({ method: 'GET', url: `/api/v1/households?clientId=${clientId}`, headers: wim })).json().household as { id: string; members: { clientId: string; role: string }[] } | null;

  const m = await app.inject({ method: 'POST', url: `/api/v1/clients/${a.clientId}/merges`, headers: balie, payload: { mergedClientId: duplicate, reason: 'Dubbel ingeschreven' } });
  assert.equal(m.statusCode, 201, m.body);
  const after = await householdOf(a.clientId);
  assert.equal(after?.id, h.json().id, 'the surviving record is now the household member');
  assert.deepEqual(after!.members.map((x) => [x.clientId, x.role]).sort(), [[a.clientId, 'parent'], [partner, 'partner']].sort());

  const undo = await app.inject({ method: 'POST', url: `/api/v1/client-merges/${m.json().id}/undo`, headers: balie });
  assert.equal(undo.statusCode, 200, undo.body);
  assert.equal(await householdOf(a.clientId), null);
  assert.deepEqual((await householdOf(duplicate))!.members.map((x) => x.clientId).sort(), [duplicate, partner].sort());

  // The survivor in another household: one person cannot be in two, so the merge waits for a decision.
  const h2 = await app.inject({ method: 'POST', url: '/api/v1/households', headers: wim, payload: { name: 'Gezin Bakker', members: [{ clientId: other, role: 'parent' }] } });
  assert.equal(h2.statusCode, 201, h2.body);
  const refused = await app.inject({ method: 'POST', url: `/api/v1/clients/${other}/merges`, headers: balie, payload: { mergedClientId: duplicate, reason: 'Dubbel ingeschreven' } });
  assert.equal(refused.statusCode, 409, refused.body);
  assert.equal(refused.json().code, 'merge_households');
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/clients/${duplicate}`, headers: balie })).json().mergedInto, null, 'nothing merged');
  assert.equal((await householdOf(duplicate))?.id, h.json().id, 'nothing moved');
});
