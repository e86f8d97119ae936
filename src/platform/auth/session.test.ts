import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, cookieOf, loginAs } from '../../../test/helpers.ts';
import { DEMO_PASSWORD } from '../../demo/org-data.ts';
import { currentTotp } from './totp.ts';

const login = (app: Awaited<ReturnType<typeof build>>, username: string, password: string, extra: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password, ...extra } });

test('a desk worker logs in and sees their name, roles and team', async (t) => {
  const app = await build(t);
  const res = await login(app, 'balie', DEMO_PASSWORD);
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.user.displayName, 'Bea Balie');
  assert.deepEqual(body.user.roles, ['desk_worker']);
  assert.deepEqual(body.user.teams.map((t: { name: string }) => t.name), ['VraagWijzer Centrum']);
  const me = await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: cookieOf(res) } });
  assert.equal(me.json().user.username, 'balie');
});

test('the session cookie is HttpOnly and SameSite, and Secure behind TLS', async (t) => {
  const plain = await build(t);
  const c = (await login(plain, 'balie', DEMO_PASSWORD)).cookies.find((c) => c.name === 'wegwijs_session')!;
  assert.equal(c.httpOnly, true);
  assert.equal(c.sameSite, 'Lax');
  assert.notEqual(c.secure, true);
  const tls = await build(t, { WEGWIJS_TRUST_PROXY: 'true' });
  const res = await tls.inject({ method: 'POST', url: '/api/v1/session', headers: { 'x-forwarded-proto': 'https' }, payload: { username: 'balie', password: DEMO_PASSWORD } });
  assert.equal(res.cookies.find((c) => c.name === 'wegwijs_session')!.secure, true);
});

test('a wrong password is refused with a clear message and no session', async (t) => {
  const app = await build(t);
  const res = await login(app, 'balie', 'not-the-password');
  assert.equal(res.statusCode, 401);
  assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.equal(res.json().code, 'invalid_credentials');
  assert.match(res.json().detail, /Gebruikersnaam of wachtwoord onjuist/);
  assert.equal(res.cookies.length, 0);
  const unknown = await login(app, 'nobody', 'whatever-password');
  assert.equal(unknown.json().code, 'invalid_credentials', 'an unknown user gets the same answer as a wrong password');
});

test('after five wrong passwords the account must wait, even for the right password', async (t) => {
  const app = await build(t);
  for (let i = 0; i < 5; i++) assert.equal((await login(app, 'wijkteam', `wrong-${i}`)).statusCode, 401);
  const locked = await login(app, 'wijkteam', DEMO_PASSWORD);
  assert.equal(locked.statusCode, 429);
  assert.equal(locked.json().code, 'login_backoff');
  // Another user is not affected.
  assert.equal((await login(app, 'balie', DEMO_PASSWORD)).statusCode, 200);
  // The admin's password reset unlocks.
  const admin = await loginAs(app, 'beheer');
  const users = (await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin })).json();
  const wim = users.find((u: { username: string }) => u.username === 'wijkteam');
  assert.equal(wim.locked, true);
  const reset = await app.inject({ method: 'POST', url: `/api/v1/users/${wim.id}/password-resets`, headers: admin, payload: { temporaryPassword: 'Tijdelijk-wachtwoord-1' } });
  assert.equal(reset.json().locked, false);
  assert.equal((await login(app, 'wijkteam', 'Tijdelijk-wachtwoord-1')).statusCode, 200);
});

test('a successful login resets the failure counter', async (t) => {
  const app = await build(t);
  for (let i = 0; i < 4; i++) await login(app, 'balie', 'wrong');
  assert.equal((await login(app, 'balie', DEMO_PASSWORD)).statusCode, 200);
  for (let i = 0; i < 4; i++) await login(app, 'balie', 'wrong');
  assert.equal((await login(app, 'balie', DEMO_PASSWORD)).statusCode, 200);
});

test('logging in is rate-limited per address', async (t) => {
  const app = await build(t);
  let last = 0;
  for (let i = 0; i < 31; i++) last = (await login(app, `user${i}`, 'x')).statusCode;
  assert.equal(last, 429);
});

test('a change without the CSRF token is refused', async (t) => {
  const app = await build(t);
  const h = await loginAs(app, 'beheer');
  const res = await app.inject({ method: 'POST', url: '/api/v1/teams', headers: { cookie: h.cookie },
    payload: { name: 'Wijkteam Nieuw', kind: 'neighbourhood_team', regionId: null } });
  assert.equal(res.statusCode, 403);
  assert.equal(res.json().code, 'csrf');
  const teams = (await app.inject({ method: 'GET', url: '/api/v1/teams', headers: h })).json();
  assert.ok(!teams.some((t: { name: string }) => t.name === 'Wijkteam Nieuw'));
});

test('logging out ends the session', async (t) => {
  const app = await build(t);
  const h = await loginAs(app, 'balie');
  assert.equal((await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: h })).statusCode, 204);
  const after = await app.inject({ method: 'GET', url: '/api/v1/teams', headers: h });
  assert.deepEqual([after.statusCode, after.json().code], [401, 'unauthenticated']);
});

test('an idle session expires', async (t) => {
  const app = await build(t, { WEGWIJS_SESSION_IDLE_MINUTES: '30' });
  const h = await loginAs(app, 'balie');
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/teams', headers: h })).statusCode, 200);
  await app.db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes'`);
  const res = await app.inject({ method: 'GET', url: '/api/v1/teams', headers: h });
  assert.equal(res.statusCode, 401);
  assert.equal(res.json().code, 'unauthenticated');
});

test('a session ends at its absolute lifetime, however active', async (t) => {
  const app = await build(t);
  const h = await loginAs(app, 'balie');
  await app.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
  const after = await app.inject({ method: 'GET', url: '/api/v1/teams', headers: h });
  assert.deepEqual([after.statusCode, after.json().code], [401, 'unauthenticated']);
});

test('with two-factor login required, an admin must enrol before using admin functions, then logs in with a code', async (t) => {
  const app = await build(t, { WEGWIJS_REQUIRE_MFA: 'true' });
  const first = await login(app, 'beheer', DEMO_PASSWORD);
  assert.equal(first.json().mfaRequired, true);
  const h = { cookie: cookieOf(first), 'x-csrf-token': first.json().csrfToken };
  const blocked = await app.inject({ method: 'GET', url: '/api/v1/users', headers: h });
  assert.equal(blocked.statusCode, 403);
  assert.equal(blocked.json().code, 'mfa_required');
  const { secret } = (await app.inject({ method: 'POST', url: '/api/v1/session/totp', headers: h })).json();
  const bad = await app.inject({ method: 'POST', url: '/api/v1/session/totp/confirmation', headers: h, payload: { code: '000000' } });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().field, 'code');
  const ok = await app.inject({ method: 'POST', url: '/api/v1/session/totp/confirmation', headers: h, payload: { code: currentTotp(secret) } });
  assert.equal(ok.statusCode, 200);
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/users', headers: h })).statusCode, 200);
  // Next login needs the code.
  const noCode = await login(app, 'beheer', DEMO_PASSWORD);
  assert.equal(noCode.statusCode, 401);
  assert.equal(noCode.json().code, 'totp_required');
  // The enrolment code is used up; the app's next code logs in.
  const withCode = await login(app, 'beheer', DEMO_PASSWORD, { totp: currentTotp(secret, 1) });
  assert.equal(withCode.statusCode, 200);
  assert.equal(withCode.json().mfaRequired, false);
  // A desk worker is not forced to use two-factor login.
  assert.equal((await login(app, 'balie', DEMO_PASSWORD)).json().mfaRequired, false);
});

test('security headers are set on every answer', async (t) => {
  const app = await build(t);
  const res = await app.inject({ method: 'GET', url: '/health' });
  assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.ok(res.headers['strict-transport-security']);
});
