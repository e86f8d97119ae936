import assert from 'node:assert/strict';
import test from 'node:test';
import { build, createClient, loginAs } from '../../../test/helpers.ts';
import { hasConsent } from './consent.ts';

test('a consent to share with the GP is recorded with date and how, and withdrawn consent is respected', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const id = await createClient(app, balie);
  const res = await app.inject({ method: 'POST', url: `/api/v1/clients/${id}/consents`, headers: balie,
    payload: { purpose: 'share_with_gp', recipient: 'Huisarts Noord (AGB 01234567)', givenOn: '2026-01-10', givenHow: 'verbal' } });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(await hasConsent(app.db, id, 'share_with_gp', 'huisarts noord (agb 01234567)'), true);
  assert.equal(await hasConsent(app.db, id, 'share_with_provider', 'Huisarts Noord (AGB 01234567)'), false, 'another purpose');
  const w = await app.inject({ method: 'POST', url: `/api/v1/clients/${id}/consents/${res.json().id}/withdrawal`, headers: balie,
    payload: { withdrawnOn: new Date().toISOString().slice(0, 10), withdrawnHow: 'written' } });
  assert.equal(w.statusCode, 200, w.body);
  assert.equal(w.json().active, false);
  assert.equal(await hasConsent(app.db, id, 'share_with_gp', 'Huisarts Noord (AGB 01234567)'), false);
  const again = await app.inject({ method: 'POST', url: `/api/v1/clients/${id}/consents/${res.json().id}/withdrawal`, headers: balie,
    payload: { withdrawnOn: '2026-01-11', withdrawnHow: 'written' } });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().code, 'consent_withdrawn');
  const list = await app.inject({ method: 'GET', url: `/api/v1/clients/${id}/consents`, headers: balie });
  assert.equal(list.json().length, 1);
});

test('a consent dated in the future is refused', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const id = await createClient(app, balie);
  const res = await app.inject({ method: 'POST', url: `/api/v1/clients/${id}/consents`, headers: balie,
    payload: { purpose: 'share_with_gp', recipient: 'Huisarts', givenOn: '2999-01-01', givenHow: 'verbal' } });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().field, 'givenOn');
});
