import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build, createClient, districtId, loginAs } from '../../../test/helpers.ts';
import { referralFacts } from '../referrals/referral-figures.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';
import { bearer, fixture, tokenFor } from '../fhir/fhir-test-helpers.ts';

type Headers = Record<string, string>;

async function school(app: FastifyInstance, lead: Headers, name = 'OBS De Klimop') {
  const res = await app.inject({ method: 'POST', url: '/api/v1/network-partners', headers: lead,
    payload: { kind: 'school', name, districtIds: [await districtId(app, 'Oude Noorden en Agniesebuurt')] } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; version: number; districts: { id: string }[] };
}

const address = { postcode: '3031AB', houseNumber: 12, street: 'Zaagmolenkade', city: 'Rotterdam' };

test("a school's referral, recorded by a team worker, lands in the postcode team's inbox with the school as its source", async (t) => {
  const app = await build(t);
  const lead = await loginAs(app, 'teamleider');
  const worker = await loginAs(app, 'wijkteam2'); // Wijkteam Charlois, the client lives in Oude Noorden
  const partner = await school(app, lead);
  const clientId = await createClient(app, worker, { surname: 'Leerling', birthDate: '2015-05-05', address });
  const payload = { partnerId: partner.id, clientId, referrerName: 'Mw. Intern Begeleider', reason: 'Komt vaak te laat en zonder ontbijt; ouders lijken overbelast',
    lifeDomains: ['growing_up_parenting'], urgency: 'urgent' };
  const post = (key?: string) => app.inject({ method: 'POST', url: '/api/v1/partner-referrals', headers: { ...worker, ...(key ? { 'idempotency-key': key } : {}) }, payload });
  const res = await post('school-call-1');
  assert.equal(res.statusCode, 201, res.body);
  const referral = res.json();
  assert.deepEqual([referral.source, referral.teamName, referral.referrer.organisation, referral.referrer.name, referral.referrer.partner?.kind, referral.referrer.partner?.name],
    ['partner', 'Wijkteam Oude Noorden', 'OBS De Klimop', 'Mw. Intern Begeleider', 'school', 'OBS De Klimop']);
  const again = await post('school-call-1');
  assert.deepEqual([again.statusCode, again.json().id], [200, referral.id], 'a retry is the same referral');

  const inbox = (await app.inject({ method: 'GET', url: `/api/v1/teams/${referral.teamId}/referrals?status=open`, headers: lead })).json() as { id: string; source: string; referrer: { partner: { name: string } | null } }[];
  const inInbox = inbox.find((r) => r.id === referral.id);
  assert.deepEqual([inInbox?.source, inInbox?.referrer.partner?.name], ['partner', 'OBS De Klimop']);
  assert.equal(inbox.filter((r) => r.id === referral.id).length, 1);

  // The client page's timeline names the school too.
  const timeline = (await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}/timeline`, headers: worker })).json() as { type: string; teamName: string | null; details: { source?: string } }[];
  const entry = timeline.find((e) => e.type === 'referral');
  assert.deepEqual([entry?.teamName, entry?.details.source], ['OBS De Klimop', 'partner']);

  const today = amsterdamDate(new Date());
  const facts = await referralFacts(app.db, today, today, today);
  assert.deepEqual(facts.filter((f) => f.source === 'partner').map((f) => f.id), [referral.id], 'the figures by source (issue 19) count it as a partner referral');
  const [audit] = await app.db.query<{ client_id: string; details: { partnerId: string } }>(`SELECT client_id, details FROM audit_log WHERE action = 'referral.partner_create' AND outcome = 'success'`);
  assert.deepEqual([audit?.client_id, audit?.details.partnerId], [clientId, partner.id]);
});

test('a GP practice in the network that phones in is counted as a GP referral, linked to the practice', async (t) => {
  const app = await build(t);
  const lead = await loginAs(app, 'teamleider');
  const worker = await loginAs(app, 'wijkteam');
  const [practice] = await app.db.query<{ id: string }>('SELECT id FROM gp_practices');
  const gp = (await app.inject({ method: 'POST', url: '/api/v1/network-partners', headers: lead,
    payload: { kind: 'gp_practice', practiceId: practice!.id, districtIds: [await districtId(app, 'Oude Noorden en Agniesebuurt')] } })).json();
  const clientId = await createClient(app, worker, { surname: 'Patiënt', address });
  const res = await app.inject({ method: 'POST', url: '/api/v1/partner-referrals', headers: worker,
    payload: { partnerId: gp.id, clientId, referrerName: 'Dr. A. Arts', reason: 'Eenzaam na overlijden partner' } });
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual([res.json().source, res.json().referrer.agbCode, res.json().referrer.partner.kind], ['gp', '01234567', 'gp_practice']);

  // The same practice's referral over FHIR is linked to its partner row too.
  const sent = await app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: bearer(await tokenFor(app)), payload: JSON.stringify(fixture('service-request')) });
  assert.equal(sent.statusCode, 201, sent.body);
  const [team] = await app.db.query<{ id: string }>(`SELECT id FROM teams WHERE name = 'Wijkteam Oude Noorden'`);
  const inbox = (await app.inject({ method: 'GET', url: `/api/v1/teams/${team!.id}/referrals`, headers: worker })).json() as { externalId: string | null; referrer: { partner: { id: string } | null } }[];
  assert.equal(inbox.find((r) => r.externalId === `ServiceRequest/${sent.json().id}`)?.referrer.partner?.id, gp.id);
});

test('a partner referral is refused without need-to-know, for an inactive partner, and without a team for the address', async (t) => {
  const app = await build(t);
  const lead = await loginAs(app, 'teamleider');
  const worker = await loginAs(app, 'wijkteam');
  const outsider = await loginAs(app, 'wijkteam2');
  const partner = await school(app, lead);
  const clientId = await createClient(app, worker, { surname: 'Leerling', address });
  const body = { partnerId: partner.id, clientId, reason: 'Zorgen over thuissituatie' };
  const post = (headers: Headers, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/partner-referrals', headers, payload });

  const notInvolved = await post(outsider, body);
  assert.deepEqual([notInvolved.statusCode, notInvolved.json().code], [403, 'client_access_denied']);
  const noRole = await post(await loginAs(app, 'beleid'), body);
  assert.deepEqual([noRole.statusCode, noRole.json().code], [403, 'role_forbidden']);
  const unknownPartner = await post(worker, { ...body, partnerId: '00000000-0000-4000-8000-000000000000' });
  assert.deepEqual([unknownPartner.statusCode, unknownPartner.json().field], [400, 'partnerId']);
  const noReason = await post(worker, { ...body, reason: '' });
  assert.deepEqual([noReason.statusCode, noReason.json().field], [400, 'reason']);
  const [charlois] = await app.db.query<{ id: string }>(`SELECT id FROM teams WHERE name = 'Wijkteam Charlois'`);
  const noOverrideReason = await post(worker, { ...body, teamId: charlois!.id });
  assert.deepEqual([noOverrideReason.statusCode, noOverrideReason.json().field], [400, 'teamOverrideReason']);

  const homeless = await createClient(app, worker, { surname: 'Zonderadres', noFixedAddress: true, contactPoint: 'Via de school' });
  const noTeam = await post(worker, { ...body, clientId: homeless });
  assert.deepEqual([noTeam.statusCode, noTeam.json().field], [400, 'teamId']);
  const chosen = await post(worker, { ...body, clientId: homeless, teamId: charlois!.id });
  assert.deepEqual([chosen.statusCode, chosen.json().teamName], [201, 'Wijkteam Charlois']);

  await app.inject({ method: 'PUT', url: `/api/v1/network-partners/${partner.id}`, headers: { ...lead, 'if-match': `"${partner.version}"` },
    payload: { name: 'OBS De Klimop', active: false, districtIds: partner.districts.map((d) => d.id) } });
  const inactive = await post(worker, body);
  assert.deepEqual([inactive.statusCode, inactive.json().code], [409, 'partner_inactive']);
  const stored = await app.db.query(`SELECT id FROM referrals WHERE client_id = $1`, [clientId]);
  assert.deepEqual(stored, [], 'nothing was stored for the refused referrals');
});
