import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, cookieOf, loginAs } from '../../../test/helpers.ts';

test('an admin creates a user who logs in, must choose a new password, and then works in their team', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const teams = (await app.inject({ method: 'GET', url: '/api/v1/teams', headers: admin })).json();
  const team = teams.find((x: { name: string }) => x.name === 'Wijkteam Feijenoord');
  const res = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: {
    username: 'nina', displayName: 'Nina Nieuw', email: 'nina@example.org', password: 'Eerste-wachtwoord-1', roles: ['team_worker'], teamIds: [team.id] } });
  assert.equal(res.statusCode, 201);
  assert.equal(res.json().mustChangePassword, true);
  const login = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'nina', password: 'Eerste-wachtwoord-1' } });
  assert.equal(login.statusCode, 200);
  assert.equal(login.json().user.teams[0].name, 'Wijkteam Feijenoord');
  const h = { cookie: cookieOf(login), 'x-csrf-token': login.json().csrfToken };
  const blocked = await app.inject({ method: 'GET', url: '/api/v1/teams', headers: h });
  assert.equal(blocked.json().code, 'password_change_required');
  const weak = await app.inject({ method: 'POST', url: '/api/v1/session/password', headers: h, payload: { currentPassword: 'Eerste-wachtwoord-1', newPassword: 'kort' } });
  assert.equal(weak.statusCode, 400);
  assert.equal(weak.json().field, 'newPassword');
  const changed = await app.inject({ method: 'POST', url: '/api/v1/session/password', headers: h, payload: { currentPassword: 'Eerste-wachtwoord-1', newPassword: 'Mijn-eigen-wachtwoord-2' } });
  assert.equal(changed.statusCode, 204);
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/teams', headers: h })).statusCode, 200);
});

test('bad user input is refused per field and creates nothing', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const cases: [Record<string, unknown>, string][] = [
    [{ username: 'A B', displayName: 'X Y', password: 'Lang-genoeg-wachtwoord', roles: ['finance'] }, 'username'],
    [{ username: 'xy-user', displayName: 'X Y', password: 'kort', roles: ['finance'] }, 'password'],
    [{ username: 'xy-user', displayName: 'X Y', password: 'Lang-genoeg-wachtwoord', roles: [] }, 'roles'],
    [{ username: 'xy-user', displayName: 'X Y', password: 'Lang-genoeg-wachtwoord', roles: ['king'] }, 'roles.0'],
    [{ username: 'xy-user', displayName: 'X Y', password: 'Lang-genoeg-wachtwoord', roles: ['finance'], teamIds: ['00000000-0000-4000-8000-000000000000'] }, 'teamIds'],
  ];
  for (const [payload, field] of cases) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload });
    assert.equal(res.statusCode, 400, JSON.stringify(payload));
    assert.equal(res.json().field, field);
  }
  const users = (await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin })).json();
  assert.ok(!users.some((u: { username: string }) => u.username === 'xy-user'));
  const dup = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { username: 'balie', displayName: 'X Y', password: 'Lang-genoeg-wachtwoord', roles: ['finance'] } });
  assert.equal(dup.statusCode, 409);
  assert.equal(dup.json().code, 'duplicate_username');
});

test('a deactivated user is logged out at once and cannot log in again', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const desk = await loginAs(app, 'balie');
  const users = (await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin })).json();
  const bea = users.find((u: { username: string }) => u.username === 'balie');
  const res = await app.inject({ method: 'PATCH', url: `/api/v1/users/${bea.id}`, headers: { ...admin, 'if-match': `"${bea.version}"` }, payload: { active: false } });
  assert.equal(res.json().active, false);
  const after = await app.inject({ method: 'GET', url: '/api/v1/teams', headers: desk });
  assert.equal(after.statusCode, 401);
  assert.equal(after.json().code, 'unauthenticated');
  await assert.rejects(loginAs(app, 'balie'), /401/);
  const self = users.find((u: { username: string }) => u.username === 'beheer');
  const selfOff = await app.inject({ method: 'PATCH', url: `/api/v1/users/${self.id}`, headers: { ...admin, 'if-match': `"${self.version}"` }, payload: { active: false } });
  assert.equal(selfOff.statusCode, 400);
  assert.equal(selfOff.json().field, 'active');
});

test('an admin changes a user\'s roles; the new menu applies at once', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const desk = await loginAs(app, 'balie');
  const bea = (await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin })).json().find((u: { username: string }) => u.username === 'balie');
  await app.inject({ method: 'PATCH', url: `/api/v1/users/${bea.id}`, headers: { ...admin, 'if-match': `"${bea.version}"` }, payload: { roles: ['desk_worker', 'policy_analyst'] } });
  assert.deepEqual((await app.inject({ method: 'GET', url: '/api/v1/session', headers: desk })).json().user.roles, ['desk_worker', 'policy_analyst']);
  const log = await app.db.query<{ details: { changed: string[] } }>(`SELECT details FROM audit_log WHERE action = 'user.update'`);
  assert.deepEqual(log[0]!.details.changed, ['roles']);
});

test('an admin unlocks an account that was locked after five wrong passwords', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  for (let i = 0; i < 5; i++) await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'wijkteam', password: 'verkeerd-wachtwoord' } });
  const users = (await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin })).json();
  const wim = users.find((u: { username: string }) => u.username === 'wijkteam');
  assert.equal(wim.locked, true);
  const res = await app.inject({ method: 'PATCH', url: `/api/v1/users/${wim.id}`, headers: { ...admin, 'if-match': `"${wim.version}"` }, payload: { locked: false } });
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().locked, false);
  await loginAs(app, 'wijkteam'); // the right password works again
});
