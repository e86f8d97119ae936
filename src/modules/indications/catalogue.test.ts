import assert from 'node:assert/strict';
import test from 'node:test';
import { build, loginAs } from '../../../test/helpers.ts';
import { indicationCost } from './indication-cost.ts';

test('the demo catalogue: two providers with contracts, Wmo products with a tariff change on 1 July', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const providers = (await app.inject({ method: 'GET', url: '/api/v1/providers', headers: wmo })).json() as { id: string; agbCode: string }[];
  assert.deepEqual(providers.map((p) => p.agbCode).sort(), ['98010001', '98010002']);
  const products = (await app.inject({ method: 'GET', url: '/api/v1/products', headers: wmo })).json() as { id: string; code: string; unit: string; frequency: string }[];
  const hh = products.find((p) => p.code === '01A01')!;
  assert.deepEqual([hh.unit, hh.frequency], ['hour', 'week']);
  const detail = await app.inject({ method: 'GET', url: `/api/v1/products/${hh.id}`, headers: await loginAs(app, 'financien') });
  assert.equal(detail.headers.etag, '"1"');
  const tariffs = (detail.json().tariffs as { providerId: string; validFrom: string; validTo: string | null; eurocents: number }[])
    .filter((x) => x.providerId === providers[0]!.id);
  assert.deepEqual(tariffs.map((x) => [x.validFrom, x.validTo, x.eurocents]), [['2026-01-01', '2026-06-30', 3150], ['2026-07-01', null, 3250]]);
  // Those tariffs price an indication across the change: 3 hours a week, 29 June – 5 July.
  assert.equal(indicationCost({ volume: 3, unit: 'hour', frequency: 'week', period: { from: '2026-06-29', to: '2026-07-05' }, tariffs }).eurocents,
    Math.round((2 * 3 * 3150 + 5 * 3 * 3250) / 7));
});

test('an admin registers a provider with a contract; a second provider with the same AGB code is refused', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const created = await app.inject({ method: 'POST', url: '/api/v1/providers', headers: admin, payload: { name: 'Zorg aan de Maas', agbCode: '98020001' } });
  assert.deepEqual([created.statusCode, created.json().version], [201, 1]);
  const id = created.json().id;
  const dup = await app.inject({ method: 'POST', url: '/api/v1/providers', headers: admin, payload: { name: 'Andere naam', agbCode: '98020001' } });
  assert.deepEqual([dup.statusCode, dup.json().code], [409, 'duplicate_agb_code']);
  const bad = await app.inject({ method: 'POST', url: '/api/v1/providers', headers: admin, payload: { name: 'Te kort', agbCode: '1234' } });
  assert.equal(bad.statusCode, 400);

  const contract = await app.inject({ method: 'POST', url: `/api/v1/providers/${id}/contracts`, headers: admin, payload: { validFrom: '2026-01-01', validTo: '2026-12-31' } });
  assert.equal(contract.statusCode, 201);
  const reversed = await app.inject({ method: 'POST', url: `/api/v1/providers/${id}/contracts`, headers: admin, payload: { validFrom: '2026-12-31', validTo: '2026-01-01' } });
  assert.deepEqual([reversed.statusCode, reversed.json().code], [422, 'period_reversed']);
  const got = await app.inject({ method: 'GET', url: `/api/v1/providers/${id}`, headers: admin });
  assert.deepEqual(got.json().contracts.map((c: { validFrom: string; validTo: string }) => [c.validFrom, c.validTo]), [['2026-01-01', '2026-12-31']]);

  // Each change that happened is audited once.
  const audit = await app.db.query<{ action: string; outcome: string }>(`SELECT action, outcome FROM audit_log WHERE action LIKE 'provider%' ORDER BY id`);
  assert.deepEqual(audit.filter((a) => a.outcome === 'success').map((a) => a.action), ['provider.create', 'provider_contract.create']);
});

test('a provider is changed only from the version the admin saw; a stale change gets the current provider', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const p = (await app.inject({ method: 'POST', url: '/api/v1/providers', headers: admin, payload: { name: 'Zorg aan de Maas', agbCode: '98020002' } })).json();
  const patch = (payload: Record<string, unknown>, ifMatch?: string) => app.inject({ method: 'PATCH', url: `/api/v1/providers/${p.id}`,
    headers: { ...admin, ...(ifMatch ? { 'if-match': ifMatch } : {}) }, payload });
  assert.deepEqual([(await patch({ active: false })).statusCode, (await patch({ active: false })).json().code], [428, 'precondition_required']);
  const renamed = await patch({ name: 'Zorg aan de Maas BV' }, '"1"');
  assert.deepEqual([renamed.statusCode, renamed.json().version, renamed.headers.etag], [200, 2, '"2"']);
  const stale = await patch({ active: false }, '"1"');
  assert.deepEqual([stale.statusCode, stale.json().code, stale.json().current.name], [412, 'version_conflict', 'Zorg aan de Maas BV']);
});

test('tariffs: inside the contract, one price per day; products: unique code per category, versioned', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const provider = (await app.inject({ method: 'POST', url: '/api/v1/providers', headers: admin, payload: { name: 'Zorg aan de Maas', agbCode: '98020003' } })).json();
  const contract = (await app.inject({ method: 'POST', url: `/api/v1/providers/${provider.id}/contracts`, headers: admin,
    payload: { validFrom: '2026-01-01', validTo: '2026-12-31' } })).json();
  const created = await app.inject({ method: 'POST', url: '/api/v1/products', headers: admin,
    payload: { category: 'WMO', code: '02b05', name: 'Begeleiding groep', unit: 'dagdeel', frequency: 'week' } });
  assert.deepEqual([created.statusCode, created.json().code], [201, '02B05']);
  const product = created.json();
  const again = await app.inject({ method: 'POST', url: '/api/v1/products', headers: admin,
    payload: { category: 'WMO', code: '02B05', name: 'Dubbel', unit: 'hour', frequency: 'week' } });
  assert.deepEqual([again.statusCode, again.json().code], [409, 'duplicate_product_code']);
  const badUnit = await app.inject({ method: 'POST', url: '/api/v1/products', headers: admin,
    payload: { category: 'WMO', code: '02B06', name: 'Onbekend', unit: 'liter', frequency: 'week' } });
  assert.equal(badUnit.statusCode, 400);

  const tariff = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/v1/products/${product.id}/tariffs`, headers: admin,
    payload: { contractId: contract.id, ...payload } });
  assert.equal((await tariff({ validFrom: '2026-01-01', validTo: '2026-06-30', eurocents: 4000 })).statusCode, 201);
  const overlap = await tariff({ validFrom: '2026-06-01', validTo: '2026-12-31', eurocents: 4200 });
  assert.deepEqual([overlap.statusCode, overlap.json().code], [409, 'tariff_overlap']);
  const outside = await tariff({ validFrom: '2026-07-01', validTo: null, eurocents: 4200 });
  assert.deepEqual([outside.statusCode, outside.json().code], [422, 'tariff_outside_contract']);
  assert.equal((await tariff({ validFrom: '2026-07-01', validTo: '2026-12-31', eurocents: 4200 })).statusCode, 201);
  const noDate = await tariff({ validFrom: '2026-02-30', validTo: null, eurocents: 1 });
  assert.equal(noDate.statusCode, 400);

  const read = await app.inject({ method: 'GET', url: `/api/v1/products/${product.id}`, headers: admin });
  assert.deepEqual(read.json().tariffs.map((x: { eurocents: number }) => x.eurocents), [4000, 4200]);
  const renamed = await app.inject({ method: 'PATCH', url: `/api/v1/products/${product.id}`, headers: { ...admin, 'if-match': read.headers.etag as string },
    payload: { name: 'Begeleiding in een groep' } });
  assert.deepEqual([renamed.statusCode, renamed.json().version], [200, 2]);
});

test('finance and Wmo advisers read the catalogue but do not change it', async (t) => {
  const app = await build(t);
  for (const user of ['financien', 'wmo']) {
    const h = await loginAs(app, user);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/providers', headers: h })).statusCode, 200);
    const res = await app.inject({ method: 'POST', url: '/api/v1/providers', headers: h, payload: { name: 'Zorg aan de Maas', agbCode: '98020004' } });
    assert.deepEqual([res.statusCode, res.json().code], [403, 'role_forbidden']);
  }
  const desk = await app.inject({ method: 'GET', url: '/api/v1/products', headers: await loginAs(app, 'balie') });
  assert.deepEqual([desk.statusCode, desk.json().code], [403, 'role_forbidden']);
});
