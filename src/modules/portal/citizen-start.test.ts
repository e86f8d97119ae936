import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build } from '../../../test/helpers.ts';
import { contactBy } from './contact-promise.ts';

/** Logs in through the demo test identity provider, carrying cookies as a browser does; returns the last redirect and the session cookie. */
async function citizenLogin(app: FastifyInstance, returnTo?: string) {
  const start = await app.inject({ method: 'GET', url: `/api/v1/portal/login${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}` });
  assert.equal(start.statusCode, 302);
  const cookie = start.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const state = new URL(start.headers.location!, 'http://x').searchParams.get('state')!;
  const chosen = await app.inject({ method: 'POST', url: '/test-idp/authorize', payload: `state=${state}&identity=0`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const back = await app.inject({ method: 'GET', url: chosen.headers.location!, headers: cookie ? { cookie } : {} });
  assert.equal(back.statusCode, 302, back.body);
  const session = `wegwijs_citizen=${back.cookies.find((c) => c.name === 'wegwijs_citizen')!.value}`;
  return { location: back.headers.location, session };
}

test('after logging in the citizen lands on the page they were going to, never on another site', async (t) => {
  const app = await build(t);
  assert.equal((await citizenLogin(app, '/digitaal-loket')).location, '/digitaal-loket');
  assert.equal((await citizenLogin(app, '/mijn-wegwijs')).location, '/mijn-wegwijs');
  assert.equal((await citizenLogin(app)).location, '/mijn-wegwijs');
  assert.equal((await citizenLogin(app, 'https://phishing.example/')).location, '/mijn-wegwijs');
  assert.equal((await citizenLogin(app, '//phishing.example')).location, '/mijn-wegwijs');
});

test('the receipt says by which day the citizen hears from the desk', async (t) => {
  const app = await build(t);
  const { session } = await citizenLogin(app);
  const csrf = (await app.inject({ method: 'GET', url: '/api/v1/portal/session', headers: { cookie: session } })).json().csrfToken;
  const res = await app.inject({ method: 'POST', url: '/api/v1/portal/requests', headers: { cookie: session, 'x-csrf-token': csrf },
    payload: { question: 'Mijn vader kan niet meer zelf koken en wast zich slecht', lifeDomains: ['ageing'], contactPreference: 'phone', contactValue: '06-11112222' } });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().contactBy, contactBy(new Date(res.json().createdAt)));
});

test('the contact promise counts three working days, skipping the weekend, in Dutch time', () => {
  assert.equal(contactBy(new Date('2026-11-27T10:00:00Z')), '2026-12-02'); // Friday → Wednesday
  assert.equal(contactBy(new Date('2026-11-30T10:00:00Z')), '2026-12-03'); // Monday → Thursday
  assert.equal(contactBy(new Date('2026-11-29T23:30:00Z')), '2026-12-03'); // Sunday 23:30 UTC is Monday 00:30 in Amsterdam → Thursday
});
