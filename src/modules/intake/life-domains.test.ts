import assert from 'node:assert/strict';
import test from 'node:test';
import { build, loginAs } from '../../../test/helpers.ts';
import { LIFE_DOMAINS } from './life-domains.ts';

const contact = (lifeDomains: string[]) => ({ channel: 'phone', question: 'Ik zie bijna nooit iemand meer', outcome: 1, lifeDomains });

test("Rotterdam's nine life domains are the default, and a municipality adds its own that contacts can then use", async (t) => {
  const app = await build(t);
  const list = await app.inject({ method: 'GET', url: '/api/v1/life-domains' });
  assert.equal(list.statusCode, 200);
  assert.deepEqual(list.json().map((d: { code: string }) => d.code), LIFE_DOMAINS);

  const balie = await loginAs(app, 'balie');
  const before = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: contact(['loneliness']) });
  assert.deepEqual([before.statusCode, before.json().code, before.json().field], [400, 'unknown_life_domain', 'lifeDomains']);

  const beheer = await loginAs(app, 'beheer');
  const added = await app.inject({ method: 'POST', url: '/api/v1/life-domains', headers: beheer,
    payload: { code: 'loneliness', labelNl: 'Eenzaamheid en sociaal netwerk', labelEn: 'Loneliness and social network' } });
  assert.equal(added.statusCode, 201, added.body);
  assert.equal(added.json().position, 100, 'after the nine');
  const again = await app.inject({ method: 'POST', url: '/api/v1/life-domains', headers: beheer, payload: { code: 'loneliness', labelNl: 'x', labelEn: 'x' } });
  assert.deepEqual([again.statusCode, again.json().code], [409, 'life_domain_exists']);

  const after = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: contact(['loneliness', 'ageing']) });
  assert.equal(after.statusCode, 201, after.body);
  assert.deepEqual(after.json().lifeDomains, ['loneliness', 'ageing']);

  // Switched off: no longer chosen, still listed (with ?all=true) so old records keep their label.
  const off = await app.inject({ method: 'PATCH', url: '/api/v1/life-domains/loneliness', headers: beheer, payload: { active: false } });
  assert.equal(off.statusCode, 200, off.body);
  const refused = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: contact(['loneliness']) });
  assert.equal(refused.json().code, 'unknown_life_domain');
  const all = await app.inject({ method: 'GET', url: '/api/v1/life-domains?all=true' });
  assert.ok(all.json().some((d: { code: string; active: boolean }) => d.code === 'loneliness' && !d.active));
});

test('only functioneel beheer changes the life domains', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const res = await app.inject({ method: 'POST', url: '/api/v1/life-domains', headers: balie, payload: { code: 'loneliness', labelNl: 'Eenzaamheid', labelEn: 'Loneliness' } });
  assert.deepEqual([res.statusCode, res.json().code], [403, 'role_forbidden']);
  const beheer = await loginAs(app, 'beheer');
  const bad = await app.inject({ method: 'POST', url: '/api/v1/life-domains', headers: beheer, payload: { code: 'Eenzaamheid!', labelNl: 'Eenzaamheid', labelEn: 'Loneliness' } });
  assert.deepEqual([bad.statusCode, bad.json().field], [400, 'code']);
});
