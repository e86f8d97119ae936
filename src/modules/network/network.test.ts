import assert from 'node:assert/strict';
import test from 'node:test';
import { build, districtId, loginAs } from '../../../test/helpers.ts';

test('a team lead adds a school in a district with an agreement, and the district list shows it by kind', async (t) => {
  const app = await build(t);
  const lead = await loginAs(app, 'teamleider');
  const noorden = await districtId(app, 'Oude Noorden en Agniesebuurt');
  const charlois = await districtId(app, 'Oud-Charlois en Tarwewijk');
  const school = await app.inject({ method: 'POST', url: '/api/v1/network-partners', headers: lead,
    payload: { kind: 'school', name: 'OBS De Klimop', districtIds: [noorden], contactName: 'Mw. Intern Begeleider', phone: '010 123 4567', email: 'ib@klimop.nl' } });
  assert.equal(school.statusCode, 201, school.body);
  const partner = school.json();
  assert.deepEqual([partner.kind, partner.name, partner.districts.map((d: { name: string }) => d.name), partner.version], ['school', 'OBS De Klimop', ['Oude Noorden en Agniesebuurt'], 1]);

  const agreement = await app.inject({ method: 'POST', url: `/api/v1/network-partners/${partner.id}/agreements`, headers: lead,
    payload: { subject: 'Zorgadviesteam: de school meldt zorgen over een leerling bij het wijkteam, het wijkteam belt binnen twee werkdagen terug.',
      contactName: 'Mw. Intern Begeleider', validFrom: '2026-01-01', validTo: '2027-12-31' } });
  assert.equal(agreement.statusCode, 201, agreement.body);
  assert.deepEqual([agreement.json().validFrom, agreement.json().validTo, agreement.json().current], ['2026-01-01', '2027-12-31', true]);

  // Werk & Inkomen works citywide (no districts; the functional administrator keeps it): it is listed for every district.
  const wi = await app.inject({ method: 'POST', url: '/api/v1/network-partners', headers: await loginAs(app, 'beheer'), payload: { kind: 'work_income', name: 'Werk & Inkomen Rotterdam' } });
  assert.equal(wi.statusCode, 201, wi.body);

  const list = async (query: string) => ((await app.inject({ method: 'GET', url: `/api/v1/network-partners?${query}`, headers: lead })).json() as { name: string }[]).map((p) => p.name);
  assert.deepEqual(await list(`districtId=${noorden}`), ['OBS De Klimop', 'Werk & Inkomen Rotterdam']);
  assert.deepEqual(await list(`districtId=${charlois}`), ['Werk & Inkomen Rotterdam']);
  assert.deepEqual(await list(`kind=school&districtId=${noorden}`), ['OBS De Klimop']);
  const one = await app.inject({ method: 'GET', url: `/api/v1/network-partners/${partner.id}`, headers: lead });
  assert.deepEqual([one.headers.etag, one.json().agreements.length], ['"1"', 1]);

  // A worker reads the network (who to call), a policy analyst too; neither changes it.
  for (const user of ['wijkteam', 'beleid']) {
    const headers = await loginAs(app, user);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/network-partners', headers })).statusCode, 200, user);
  }
  const audit = await app.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'network_%' AND outcome = 'success' ORDER BY id`);
  assert.deepEqual(audit.map((a) => a.action), ['network_partner.create', 'network_agreement.create', 'network_partner.create']);
});

test('a GP practice joins the network by its register entry, not as a copy: its name follows the practices register', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const lead = await loginAs(app, 'teamleider');
  const [practice] = await app.db.query<{ id: string; version: number }>('SELECT id, version FROM gp_practices');
  const candidates = (await app.inject({ method: 'GET', url: '/api/v1/network-partners/unlinked-practices', headers: lead })).json();
  assert.deepEqual(candidates.map((p: { agbCode: string }) => p.agbCode), ['01234567']);
  const created = await app.inject({ method: 'POST', url: '/api/v1/network-partners', headers: lead,
    payload: { kind: 'gp_practice', practiceId: practice!.id, districtIds: [await districtId(app, 'Oude Noorden en Agniesebuurt')], contactName: 'Praktijkmanager' } });
  assert.equal(created.statusCode, 201, created.body);
  assert.deepEqual([created.json().name, created.json().agbCode], ['Huisartsenpraktijk Het Oude Noorden', '01234567']);
  const twice = await app.inject({ method: 'POST', url: '/api/v1/network-partners', headers: lead,
    payload: { kind: 'gp_practice', practiceId: practice!.id, districtIds: [await districtId(app, 'Oude Noorden en Agniesebuurt')] } });
  assert.deepEqual([twice.statusCode, twice.json().code], [409, 'practice_already_partner']);
  assert.deepEqual((await app.inject({ method: 'GET', url: '/api/v1/network-partners/unlinked-practices', headers: lead })).json(), []);

  await app.inject({ method: 'PATCH', url: `/api/v1/practices/${practice!.id}`, headers: { ...admin, 'if-match': `"${practice!.version}"` }, payload: { name: 'Gezondheidscentrum Noord' } });
  const after = await app.inject({ method: 'GET', url: `/api/v1/network-partners/${created.json().id}`, headers: lead });
  assert.equal(after.json().name, 'Gezondheidscentrum Noord');
  const [stored] = await app.db.query<{ name: string | null }>('SELECT name FROM network_partners WHERE id = $1', [created.json().id]);
  assert.equal(stored!.name, null, 'the name is not copied into the network');
});

test('bad input is refused naming the field, and nothing is stored', async (t) => {
  const app = await build(t);
  const lead = await loginAs(app, 'teamleider');
  const post = (url: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url, headers: lead, payload });
  const noorden = await districtId(app, 'Oude Noorden en Agniesebuurt');
  const cases: [Record<string, unknown>, string][] = [
    [{ kind: 'school' }, 'name'],
    [{ kind: 'gp_practice' }, 'practiceId'],
    [{ kind: 'school', name: 'OBS', practiceId: '00000000-0000-4000-8000-000000000000' }, 'practiceId'],
    [{ kind: 'school', name: 'OBS De Klimop', districtIds: ['00000000-0000-4000-8000-000000000000'] }, 'districtIds'],
    [{ kind: 'school', name: 'OBS De Klimop', phone: 'bel maar' }, 'phone'],
    [{ kind: 'bakery', name: 'Bakker Bart' }, 'kind'],
  ];
  for (const [payload, field] of cases) {
    const res = await post('/api/v1/network-partners', payload);
    assert.deepEqual([res.statusCode, res.json().field], [400, field], JSON.stringify(payload));
  }
  assert.deepEqual(await app.db.query('SELECT id FROM network_partners'), []);

  const partner = (await post('/api/v1/network-partners', { kind: 'welfare', name: 'Welzijn Noord', districtIds: [noorden] })).json();
  const outOfOrder = await post(`/api/v1/network-partners/${partner.id}/agreements`, { subject: 'Inloopspreekuur in het buurthuis', validFrom: '2027-03-01', validTo: '2027-01-31' });
  assert.deepEqual([outOfOrder.statusCode, outOfOrder.json().code, outOfOrder.json().field], [400, 'agreement_dates', 'validTo']);
  const noDate = await post(`/api/v1/network-partners/${partner.id}/agreements`, { subject: 'Inloopspreekuur in het buurthuis' });
  assert.deepEqual([noDate.statusCode, noDate.json().field], [400, 'validFrom']);
  assert.deepEqual(await app.db.query('SELECT id FROM network_agreements'), []);
  const unknown = await post('/api/v1/network-partners/00000000-0000-4000-8000-000000000000/agreements', { subject: 'Inloop', validFrom: '2027-01-01' });
  assert.equal(unknown.statusCode, 404);
});

test('a partner and its agreement change only from the version the user saw; an agreement is ended by its valid-to date', async (t) => {
  const app = await build(t);
  const lead = await loginAs(app, 'teamleider');
  const admin = await loginAs(app, 'beheer');
  const districtIds = [await districtId(app, 'Oude Noorden en Agniesebuurt')];
  const partner = (await app.inject({ method: 'POST', url: '/api/v1/network-partners', headers: lead, payload: { kind: 'community_centre', name: 'Huis van de Wijk Het Klooster', districtIds } })).json();
  const put = (headers: Record<string, string>, payload: Record<string, unknown>, ifMatch?: string) =>
    app.inject({ method: 'PUT', url: `/api/v1/network-partners/${partner.id}`, headers: { ...headers, ...(ifMatch ? { 'if-match': ifMatch } : {}) }, payload });
  assert.deepEqual([(await put(lead, { name: 'Huis van de Wijk Klooster', districtIds })).json().code], ['precondition_required']);
  const renamed = await put(lead, { name: 'Huis van de Wijk Klooster', contactName: 'Beheerder', districtIds }, '"1"');
  assert.deepEqual([renamed.statusCode, renamed.json().name, renamed.headers.etag], [200, 'Huis van de Wijk Klooster', '"2"']);
  const stale = await put(admin, { name: 'Het Klooster', active: false, districtIds }, '"1"');
  assert.deepEqual([stale.statusCode, stale.json().code, stale.json().current.name], [412, 'version_conflict', 'Huis van de Wijk Klooster']);

  const agreement = (await app.inject({ method: 'POST', url: `/api/v1/network-partners/${partner.id}/agreements`, headers: lead,
    payload: { subject: 'Wekelijks spreekuur van het wijkteam in het Huis van de Wijk', validFrom: '2025-01-01' } })).json();
  assert.equal(agreement.current, true);
  const ended = await app.inject({ method: 'PUT', url: `/api/v1/network-agreements/${agreement.id}`, headers: { ...lead, 'if-match': '"1"' },
    payload: { subject: agreement.subject, validFrom: '2025-01-01', validTo: '2025-12-31' } });
  assert.deepEqual([ended.statusCode, ended.json().current, ended.json().version], [200, false, 2]);
  const backwards = await app.inject({ method: 'PUT', url: `/api/v1/network-agreements/${agreement.id}`, headers: { ...lead, 'if-match': '"2"' },
    payload: { subject: agreement.subject, validFrom: '2025-01-01', validTo: '2024-12-31' } });
  assert.deepEqual([backwards.statusCode, backwards.json().field], [400, 'validTo']);
});

test('only team leads and functional administrators keep the network', async (t) => {
  const app = await build(t);
  for (const user of ['wijkteam', 'balie', 'beleid', 'financien']) {
    const headers = await loginAs(app, user);
    const res = await app.inject({ method: 'POST', url: '/api/v1/network-partners', headers, payload: { kind: 'school', name: 'OBS De Klimop' } });
    assert.deepEqual([res.statusCode, res.json().code], [403, 'role_forbidden'], user);
  }
  const finance = await loginAs(app, 'financien');
  const read = await app.inject({ method: 'GET', url: '/api/v1/network-partners', headers: finance });
  assert.deepEqual([read.statusCode, read.json().code], [403, 'role_forbidden']);
  assert.deepEqual(await app.db.query('SELECT id FROM network_partners'), []);
});
