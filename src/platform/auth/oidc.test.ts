import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, loginAs } from '../../../test/helpers.ts';
import { startTestIdp } from '../../../test/oidc-idp.ts';
import { DEMO_PASSWORD } from '../../demo/org-data.ts';

async function oidcLogin(app: Awaited<ReturnType<typeof build>>) {
  const start = await app.inject({ method: 'GET', url: '/api/v1/session/oidc/authorization', headers: { host: 'wegwijs.test' } });
  assert.equal(start.statusCode, 302);
  const authorize = new URL(start.headers.location as string);
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  const idpAnswer = await fetch(authorize, { redirect: 'manual' });
  const back = new URL(idpAnswer.headers.get('location')!);
  return app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { host: 'wegwijs.test' } });
}

test('a professional logs in through the municipal identity provider (code flow with PKCE)', async (t) => {
  const idp = await startTestIdp({ sub: 'idp-user-42', preferred_username: 'wijkteam', name: 'Wim Wijkteam' });
  t.after(() => idp.close());
  const app = await build(t, { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.client.id, OIDC_CLIENT_SECRET: idp.client.secret });
  const methods = (await app.inject({ method: 'GET', url: '/api/v1/session/methods' })).json();
  assert.deepEqual(methods, { password: false, oidc: true });
  const done = await oidcLogin(app);
  assert.equal(done.statusCode, 302);
  assert.equal(done.headers.location, '/');
  const cookie = done.cookies.find((c) => c.name === 'wegwijs_session')!;
  const me = await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: `wegwijs_session=${cookie.value}` } });
  assert.equal(me.json().user.username, 'wijkteam');
  // The subject is now linked; password login is off when an IdP is configured.
  const [u] = await app.db.query<{ external_subject: string }>(`SELECT external_subject FROM users WHERE username = 'wijkteam'`);
  assert.equal(u!.external_subject, 'idp-user-42');
  const pw = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'balie', password: DEMO_PASSWORD } });
  assert.equal(pw.json().code, 'local_login_disabled');
});

test('an identity the municipality does not know gets no session', async (t) => {
  const idp = await startTestIdp({ sub: 'stranger', preferred_username: 'onbekend' });
  t.after(() => idp.close());
  const app = await build(t, { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.client.id, OIDC_CLIENT_SECRET: idp.client.secret, WEGWIJS_LOCAL_LOGIN: 'true' });
  const done = await oidcLogin(app);
  assert.equal(done.headers.location, '/?loginError=unknown_user');
  assert.equal(done.cookies.length, 0);
  const privacy = await loginAs(app, 'privacy');
  const denied = (await app.inject({ method: 'GET', url: '/api/v1/audit-events?outcome=denied', headers: privacy })).json();
  assert.ok(denied.some((e: { action: string; details: { method?: string } }) => e.action === 'session.login' && e.details.method === 'oidc'));
});

test('a replayed or forged login return is refused', async (t) => {
  const idp = await startTestIdp({ sub: 'x', preferred_username: 'balie' });
  t.after(() => idp.close());
  const app = await build(t, { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.client.id, OIDC_CLIENT_SECRET: idp.client.secret });
  const forged = await app.inject({ method: 'GET', url: '/api/v1/session/oidc/callback?code=abc&state=made-up', headers: { host: 'wegwijs.test' } });
  assert.equal(forged.headers.location, '/?loginError=oidc');
  assert.equal(forged.cookies.length, 0);
});
