import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build, loginAs } from '../../../test/helpers.ts';

type CitizenHeaders = { cookie: string; 'x-csrf-token': string };

/** Logs in through the demo test identity provider, as a browser would. */
async function citizenLogin(app: FastifyInstance, identity = '0'): Promise<CitizenHeaders> {
  const start = await app.inject({ method: 'GET', url: '/api/v1/portal/login' });
  assert.equal(start.statusCode, 302);
  const state = new URL(start.headers.location!, 'http://x').searchParams.get('state')!;
  const page = await app.inject({ method: 'GET', url: start.headers.location! });
  assert.match(page.body, /TEST-identiteitsprovider/);
  const chosen = await app.inject({ method: 'POST', url: '/test-idp/authorize', payload: `state=${state}&identity=${identity}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(chosen.statusCode, 302, chosen.body);
  const back = await app.inject({ method: 'GET', url: chosen.headers.location! });
  assert.equal(back.statusCode, 302, back.body);
  assert.equal(back.headers.location, '/mijn-wegwijs');
  const cookie = `wegwijs_citizen=${back.cookies.find((c) => c.name === 'wegwijs_citizen')!.value}`;
  const s = await app.inject({ method: 'GET', url: '/api/v1/portal/session', headers: { cookie } });
  return { cookie, 'x-csrf-token': s.json().csrfToken };
}

const question = { question: 'Mijn vader kan niet meer zelf koken en wast zich slecht', lifeDomains: ['ageing'], contactPreference: 'phone', contactValue: '06-11112222' };

test('a citizen logs in with a test identity, asks for help, gets a reference number and sees the status', async (t) => {
  const app = await build(t);
  const citizen = await citizenLogin(app);
  const me = await app.inject({ method: 'GET', url: '/api/v1/portal/session', headers: citizen });
  assert.deepEqual([me.json().name, me.json().bsnMasked], ['Fatima El Amrani', '*****3653']);
  const res = await app.inject({ method: 'POST', url: '/api/v1/portal/requests', headers: citizen, payload: question });
  assert.equal(res.statusCode, 201, res.body);
  assert.match(res.json().reference, /^WW-\d{4}-\d{6}$/);
  const mine = await app.inject({ method: 'GET', url: '/api/v1/portal/requests', headers: citizen });
  assert.deepEqual(mine.json().map((r: { reference: string; status: string }) => [r.reference, r.status]), [[res.json().reference, 'received']]);

  // The desk picks it up and refers to the neighbourhood team; the citizen sees that.
  const balie = await loginAs(app, 'balie');
  const waiting = (await app.inject({ method: 'GET', url: '/api/v1/portal-requests', headers: balie })).json().filter((w: { reference: string }) => w.reference === res.json().reference);
  assert.equal(waiting[0].citizenName, 'Fatima El Amrani');
  const clientId = waiting[0].clientId;
  await app.inject({ method: 'PUT', url: `/api/v1/clients/${clientId}`, headers: { ...balie, 'if-match': '"1"' }, payload: { surname: 'El Amrani', firstNames: 'Fatima', address: { postcode: '3031 AB', houseNumber: 2 } } });
  const contact = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie,
    payload: { clientId, portalRequestId: waiting[0].id, channel: 'digital', question: question.question, outcome: 2 } });
  assert.equal(contact.statusCode, 201, contact.body);
  const after = (await app.inject({ method: 'GET', url: '/api/v1/portal/requests', headers: citizen })).json()[0];
  assert.deepEqual([after.status, after.referral], ['handled', { teamName: 'Wijkteam Oude Noorden', status: 'open' }]);

  const log = (await app.inject({ method: 'GET', url: '/api/v1/portal/access-log', headers: citizen })).json() as { organisation: string }[];
  assert.ok(log.length > 0);
  assert.ok(log.every((e) => !JSON.stringify(e).includes('Bea Balie')), 'no staff names');
  assert.ok(log.some((e) => e.organisation === 'VraagWijzer Centrum'));
});

test('a double submit with the same idempotency key creates one request, also when sent at once', async (t) => {
  const app = await build(t);
  const citizen = await citizenLogin(app);
  const clientsBefore = (await app.db.query('SELECT 1 FROM clients')).length;
  const send = (key: string) => app.inject({ method: 'POST', url: '/api/v1/portal/requests', headers: { ...citizen, 'idempotency-key': key }, payload: question });
  const [a, b] = [await send('portal-key-1'), await send('portal-key-1')];
  assert.equal(a.json().reference, b.json().reference);
  const [c, d] = await Promise.all([send('portal-key-2'), send('portal-key-2')]);
  assert.deepEqual([c.statusCode, d.statusCode], [201, 201], `${c.body} ${d.body}`);
  assert.equal(c.json().reference, d.json().reference);
  assert.equal((await app.db.query(`SELECT 1 FROM portal_requests WHERE citizen_bsn = '999993653'`)).length, 2);
  assert.equal((await app.db.query('SELECT 1 FROM clients')).length, clientsBefore + 1);
});

test('the digital channel refuses requests without a citizen login or without the CSRF token', async (t) => {
  const app = await build(t);
  const problem = async (res: Promise<{ statusCode: number; json: () => { code: string } }>) => {
    const r = await res;
    return [r.statusCode, r.json().code];
  };
  assert.deepEqual(await problem(app.inject({ method: 'POST', url: '/api/v1/portal/requests', payload: question })), [401, 'citizen_unauthenticated']);
  const citizen = await citizenLogin(app);
  assert.deepEqual(await problem(app.inject({ method: 'POST', url: '/api/v1/portal/requests', headers: { cookie: citizen.cookie }, payload: question })), [403, 'csrf']);
  const staff = await loginAs(app, 'balie');
  assert.deepEqual(await problem(app.inject({ method: 'GET', url: '/api/v1/portal/requests', headers: staff })), [401, 'citizen_unauthenticated'], 'staff are not citizens');
  assert.deepEqual(await problem(app.inject({ method: 'GET', url: '/api/v1/clients/00000000-0000-4000-8000-000000000000', headers: { cookie: citizen.cookie } })),
    [401, 'unauthenticated'], 'a citizen session does not count for staff routes');
});

test('the test identity provider is switched off when DigiD is configured', async (t) => {
  const app = await build(t, { DIGID_OIDC_ISSUER: 'https://digid.example.nl', DIGID_OIDC_CLIENT_ID: 'wegwijs' });
  const idp = await app.inject({ method: 'GET', url: '/test-idp/authorize?state=x' });
  assert.deepEqual([idp.statusCode, idp.json().code], [404, 'not_found']);
});

test('only a desk the digital question was sent to can close it, and only with a contact about that person', async (t) => {
  const app = await build(t);
  const citizen = await citizenLogin(app);
  const asked = await app.inject({ method: 'POST', url: '/api/v1/portal/requests', headers: citizen, payload: question });
  assert.equal(asked.statusCode, 201, asked.body);
  const balie = await loginAs(app, 'balie');
  const waiting = (await app.inject({ method: 'GET', url: '/api/v1/portal-requests', headers: balie })).json()
    .find((w: { reference: string }) => w.reference === asked.json().reference);
  const close = (headers: Record<string, string>, clientId: string) => app.inject({ method: 'POST', url: '/api/v1/contacts', headers,
    payload: { clientId, portalRequestId: waiting.id, channel: 'digital', question: question.question, outcome: 1 } });

  // A desk worker of another desk (CJG) may register a contact with the person, but not close this desk's question.
  const cjg = await loginAs(app, 'cjg');
  const other = await close(cjg, waiting.clientId);
  assert.equal(other.statusCode, 403, other.body);
  assert.equal(other.json().code, 'portal_request_not_your_desk');

  // The right desk, but a contact about someone else.
  const someoneElse = (await app.inject({ method: 'POST', url: '/api/v1/clients', headers: balie,
    payload: { surname: 'Visser', birthDate: '1961-02-03' } })).json().id;
  const wrong = await close(balie, someoneElse);
  assert.equal(wrong.statusCode, 400, wrong.body);
  assert.equal(wrong.json().code, 'portal_request_other_client');

  const right = await close(balie, waiting.clientId);
  assert.equal(right.statusCode, 201, right.body);
  const again = await close(balie, waiting.clientId);
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().code, 'portal_request_handled');
});
