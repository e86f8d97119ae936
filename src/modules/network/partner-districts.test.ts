import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build, districtId, loginAs } from '../../../test/helpers.ts';

/** Who keeps which network partner (docs/network.md): a team lead their own teams' districts, the functional administrator all. */

type Headers = Record<string, string>;
const NOORDEN = 'Oude Noorden en Agniesebuurt'; // Wijkteam Oude Noorden: the team lead's team
const CHARLOIS = 'Oud-Charlois en Tarwewijk'; // Wijkteam Charlois

/** The demo's team lead (Oude Noorden), the functional administrator, and the two districts. */
async function arrange(t: test.TestContext) {
  const app = await build(t);
  return { app, lead: await loginAs(app, 'teamleider'), admin: await loginAs(app, 'beheer'),
    charlois: await districtId(app, CHARLOIS), noorden: await districtId(app, NOORDEN) };
}

async function partner(app: FastifyInstance, headers: Headers, payload: Record<string, unknown>) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/network-partners', headers, payload });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; name: string; version: number; contactName: string | null; districts: { id: string; name: string }[] };
}

test("a team lead cannot add, change or make agreements with partners in another team's district or citywide; the administrator can", async (t) => {
  const { app, lead, admin, charlois, noorden } = await arrange(t);
  const school = await partner(app, admin, { kind: 'school', name: 'OBS De Globetrotter', districtIds: [charlois] });
  const wi = await partner(app, admin, { kind: 'work_income', name: 'Werk & Inkomen Rotterdam' });
  const agreement = (await app.inject({ method: 'POST', url: `/api/v1/network-partners/${school.id}/agreements`, headers: admin,
    payload: { subject: 'De school meldt zorgen bij het wijkteam Charlois', validFrom: '2026-01-01' } })).json();

  const refusals: [string, string, string, Record<string, unknown>, Headers?][] = [
    ['a school in Charlois', 'POST', '/api/v1/network-partners', { kind: 'school', name: 'OBS Het Zuiden', districtIds: [charlois] }],
    ['a school in Oude Noorden and Charlois', 'POST', '/api/v1/network-partners', { kind: 'school', name: 'OBS Twee Wijken', districtIds: [noorden, charlois] }],
    ['a citywide partner', 'POST', '/api/v1/network-partners', { kind: 'kbr', name: 'Kredietbank Rotterdam' }],
    ["the Charlois school's contact", 'PUT', `/api/v1/network-partners/${school.id}`, { name: school.name, contactName: 'Dhr. Directeur', districtIds: [charlois] }, { 'if-match': '"1"' }],
    ['the Charlois school moved to Oude Noorden', 'PUT', `/api/v1/network-partners/${school.id}`, { name: school.name, districtIds: [noorden] }, { 'if-match': '"1"' }],
    ["Werk & Inkomen's contact", 'PUT', `/api/v1/network-partners/${wi.id}`, { name: wi.name, contactName: 'Klantmanager' }, { 'if-match': '"1"' }],
    ['an agreement with the Charlois school', 'POST', `/api/v1/network-partners/${school.id}/agreements`, { subject: 'Spreekuur op school', validFrom: '2026-01-01' }],
    ["the Charlois school's agreement", 'PUT', `/api/v1/network-agreements/${agreement.id}`, { subject: 'Spreekuur op school', validFrom: '2026-01-01', validTo: '2026-06-30' }, { 'if-match': '"1"' }],
  ];
  for (const [what, method, url, payload, extra] of refusals) {
    const res = await app.inject({ method: method as 'POST' | 'PUT', url, headers: { ...lead, ...extra }, payload });
    assert.deepEqual([res.statusCode, res.json().code, res.json().field], [403, 'partner_not_your_district', 'districtIds'], what);
  }
  const citywide = await app.inject({ method: 'POST', url: '/api/v1/network-partners', headers: lead, payload: { kind: 'kbr', name: 'Kredietbank Rotterdam' } });
  assert.match(citywide.json().detail, /hele stad.*functioneel beheerder/);

  // Nothing changed: the partners, their districts and agreements are as the administrator left them.
  const partners = await app.db.query<{ name: string; version: number }>('SELECT coalesce(name, \'\') AS name, version FROM network_partners ORDER BY name');
  assert.deepEqual(partners.map((p) => [p.name, p.version]), [['OBS De Globetrotter', 1], ['Werk & Inkomen Rotterdam', 1]]);
  assert.deepEqual((await app.db.query('SELECT version FROM network_agreements')).length, 1);
  const districts = await app.db.query<{ district_id: string }>('SELECT district_id FROM network_partner_districts WHERE partner_id = $1', [school.id]);
  assert.deepEqual(districts.map((d) => d.district_id), [charlois]);

  // Each refusal is in the audit log, with its reason.
  const denied = await app.db.query<{ action: string; code: string }>(
    `SELECT action, details->>'code' AS code FROM audit_log WHERE outcome = 'denied' AND action LIKE 'network_%' ORDER BY id`);
  assert.deepEqual(denied.map((d) => d.action), ['network_partner.create', 'network_partner.create', 'network_partner.create', 'network_partner.update',
    'network_partner.update', 'network_partner.update', 'network_agreement.create', 'network_agreement.update', 'network_partner.create']);
  assert.ok(denied.every((d) => d.code === 'partner_not_your_district'));

  // The functional administrator keeps the whole network.
  const moved = await app.inject({ method: 'PUT', url: `/api/v1/network-partners/${school.id}`, headers: { ...admin, 'if-match': '"1"' },
    payload: { name: school.name, contactName: 'Dhr. Directeur', districtIds: [charlois, noorden] } });
  assert.deepEqual([moved.statusCode, moved.json().contactName], [200, 'Dhr. Directeur']);
  const ended = await app.inject({ method: 'PUT', url: `/api/v1/network-agreements/${agreement.id}`, headers: { ...admin, 'if-match': '"1"' },
    payload: { subject: agreement.subject, validFrom: '2026-01-01', validTo: '2026-06-30' } });
  assert.equal(ended.statusCode, 200, ended.body);
});

test("a partner working in two teams' districts: the team lead changes its contact and agreements and their own district, not the other team's", async (t) => {
  const { app, lead, admin, charlois, noorden } = await arrange(t);
  const centrum = (await app.db.query<{ id: string }>(
    `SELECT d.id FROM districts d JOIN teams t ON t.id = d.team_id WHERE t.name NOT IN ('Wijkteam Oude Noorden', 'Wijkteam Charlois') ORDER BY d.name LIMIT 1`))[0]!.id;
  const welfare = await partner(app, admin, { kind: 'welfare', name: 'Welzijn Rotterdam', districtIds: [noorden, charlois] });
  const put = (payload: Record<string, unknown>, version: number) => app.inject({ method: 'PUT', url: `/api/v1/network-partners/${welfare.id}`,
    headers: { ...lead, 'if-match': `"${version}"` }, payload: { name: welfare.name, ...payload } });

  const contact = await put({ contactName: 'Mw. Coördinator', districtIds: [noorden, charlois] }, 1);
  assert.deepEqual([contact.statusCode, contact.json().contactName], [200, 'Mw. Coördinator']);
  const agreement = await app.inject({ method: 'POST', url: `/api/v1/network-partners/${welfare.id}/agreements`, headers: lead,
    payload: { subject: 'Welzijn neemt lichte vragen over van het wijkteam', validFrom: '2026-01-01' } });
  assert.equal(agreement.statusCode, 201, agreement.body);

  for (const [what, districtIds] of [['Charlois taken off', [noorden]], ['another district added', [noorden, charlois, centrum]], ['made citywide', []]] as const) {
    const res = await put({ contactName: 'Mw. Coördinator', districtIds }, 2);
    assert.deepEqual([res.statusCode, res.json().code], [403, 'partner_not_your_district'], what);
  }
  // Oude Noorden no longer works with it: the team lead takes their own district off, and from then on the partner is Charlois's.
  const handedOver = await put({ contactName: 'Mw. Coördinator', districtIds: [charlois] }, 2);
  assert.deepEqual([handedOver.statusCode, handedOver.json().districts.map((d: { name: string }) => d.name)], [200, [CHARLOIS]]);
  const after = await put({ contactName: 'Iemand anders', districtIds: [charlois] }, 3);
  assert.deepEqual([after.statusCode, after.json().code], [403, 'partner_not_your_district']);
});
