import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, loginAs } from '../../../test/helpers.ts';
import { DEMO_PASSWORD } from '../../demo/org-data.ts';
import { passwordProblem } from './passwords.ts';

test('an administrator cannot give a new user a short, common, leaked-style or username-based password', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const user = { username: 'nina.nieuw', displayName: 'Nina Nieuw', roles: ['finance'] };
  const refused: [string, string][] = [
    ['kort-1', 'password_too_short'],
    ['aaaaaaaaaaaa', 'password_too_common'],
    ['Wachtwoord2024!', 'password_too_common'],
    ['Welkom2026!!', 'password_too_common'],
    ['qwertyuiop123', 'password_too_common'],
    ['NinaNieuw1990!', 'password_too_common'], // the new user's own name,
    ['nina.nieuw-is-mijn-naam', 'password_contains_username'],
  ];
  for (const [password, code] of refused) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { ...user, password } });
    assert.equal(res.statusCode, 400, password);
    assert.equal(res.json().code, code, password);
    assert.equal(res.json().field, 'password');
  }
  const ok = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { ...user, password: 'Eerste-wachtwoord-1' } });
  assert.equal(ok.statusCode, 201);
  const reset = await app.inject({ method: 'POST', url: `/api/v1/users/${ok.json().id}/password-resets`, headers: admin, payload: { temporaryPassword: 'NINA.NIEUW-tijdelijk-7' } });
  assert.equal(reset.json().code, 'password_contains_username');
  assert.equal(reset.json().field, 'temporaryPassword');
});

test('a user cannot keep their current password, use their username or a common password as the new one', async (t) => {
  const app = await build(t);
  const h = await loginAs(app, 'balie');
  const change = (newPassword: string, currentPassword = DEMO_PASSWORD) =>
    app.inject({ method: 'POST', url: '/api/v1/session/password', headers: h, payload: { currentPassword, newPassword } });
  for (const [pw, code] of [[DEMO_PASSWORD, 'password_reused'], ['balie-balie-balie', 'password_contains_username'], ['Wachtwoord123!', 'password_too_common']]) {
    const res = await change(pw!);
    assert.equal(res.statusCode, 400, pw);
    assert.equal(res.json().code, code, pw);
    assert.equal(res.json().field, 'newPassword');
  }
  assert.equal((await change('Een zin van een paar woorden')).statusCode, 204);
});

test('guessing the current password from an open session meets the same back-off as logging in', async (t) => {
  const app = await build(t);
  const h = await loginAs(app, 'wijkteam');
  const change = (currentPassword: string) =>
    app.inject({ method: 'POST', url: '/api/v1/session/password', headers: h, payload: { currentPassword, newPassword: 'Een zin van een paar woorden' } });
  for (let i = 0; i < 5; i++) {
    const res = await change(`gok-${i}-wachtwoord`);
    assert.equal(res.json().code, 'wrong_current_password');
    assert.equal(res.json().field, 'currentPassword');
  }
  const sixth = await change(DEMO_PASSWORD);
  assert.equal(sixth.statusCode, 429);
  assert.equal(sixth.json().code, 'login_backoff');
  const denied = await app.db.query(`SELECT 1 FROM audit_log WHERE action = 'session.password_change' AND outcome = 'denied'`);
  assert.equal(denied.length, 5);
  // The password was not changed.
  await app.db.query(`UPDATE login_throttle SET blocked_until = NULL`);
  await loginAs(app, 'wijkteam');
});

test('the command line checks a new administrator\'s password against the same rules, username included', () => {
  assert.match(passwordProblem('Bart-de-beheerder-2026', { username: 'bart', displayName: 'Bart de Beheerder' }) ?? '', /gebruikersnaam niet bevatten/);
  assert.match(passwordProblem('Welkom2026!!') ?? '', /te makkelijk te raden/);
  assert.equal(passwordProblem('Een zin van een paar woorden', { username: 'bart' }), null);
});
