import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { type AuthHeaders, build, createClient, loginAs } from '../../../test/helpers.ts';

const userByName = async (app: FastifyInstance, admin: AuthHeaders, username: string) =>
  (await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin })).json().find((u: { username: string }) => u.username === username);

test('an administrator cannot give themselves client access or another role, nor reset their own password', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const me = await userByName(app, admin, 'beheer');
  const team = (await app.inject({ method: 'GET', url: '/api/v1/teams', headers: admin })).json().find((x: { name: string }) => x.name === 'Wijkteam Oude Noorden');
  const attempts = [
    { roles: ['admin', 'team_worker'], teamIds: [team.id] },
    { roles: ['admin', 'privacy_officer'] },
    { teamIds: [team.id] },
  ];
  for (const payload of attempts) {
    const res = await app.inject({ method: 'PATCH', url: `/api/v1/users/${me.id}`, headers: { ...admin, 'if-match': `"${me.version}"` }, payload });
    assert.equal(res.statusCode, 403, JSON.stringify(payload));
    assert.equal(res.json().code, 'self_administration');
  }
  const still = await userByName(app, admin, 'beheer');
  assert.deepEqual([still.roles, still.teamIds], [['admin'], []]);
  // Saving one's own name with the roles and teams unchanged (as the form does) is fine.
  const rename = await app.inject({ method: 'PATCH', url: `/api/v1/users/${me.id}`, headers: { ...admin, 'if-match': `"${me.version}"` }, payload: { displayName: 'Bart de Beheerder', roles: ['admin'], teamIds: [] } });
  assert.equal(rename.statusCode, 200);
  assert.equal(rename.json().displayName, 'Bart de Beheerder');
  const reset = await app.inject({ method: 'POST', url: `/api/v1/users/${me.id}/password-resets`, headers: admin, payload: { temporaryPassword: 'Tijdelijk-wachtwoord-9', resetTotp: true } });
  assert.equal(reset.statusCode, 403);
  assert.equal(reset.json().code, 'self_administration');
});

test('a role change is audited with the roles and teams before and after', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const wim = await userByName(app, admin, 'wijkteam');
  const res = await app.inject({ method: 'PATCH', url: `/api/v1/users/${wim.id}`, headers: { ...admin, 'if-match': `"${wim.version}"` }, payload: { roles: ['team_lead', 'team_worker'] } });
  assert.equal(res.statusCode, 200);
  const [row] = await app.db.query<{ details: { userId: string; changed: string[]; before: { roles: string[]; teamIds: string[] }; after: { roles: string[]; teamIds: string[] } } }>(
    `SELECT details FROM audit_log WHERE action = 'user.update' ORDER BY id DESC LIMIT 1`);
  assert.equal(row!.details.userId, wim.id);
  assert.deepEqual(row!.details.changed, ['roles']);
  assert.deepEqual(row!.details.before.roles, ['team_worker']);
  assert.deepEqual(row!.details.after.roles, ['team_lead', 'team_worker']);
  assert.deepEqual(row!.details.after.teamIds, wim.teamIds);
});

test('a privacy officer cannot review their own break-the-glass access; someone else\'s they can', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const desk = await loginAs(app, 'balie');
  const clientId = await createClient(app, desk);
  const [petra, wim] = [await userByName(app, admin, 'privacy'), await userByName(app, admin, 'wijkteam')];
  // A privacy officer who also works with clients (given both roles by an administrator) used emergency access once, and so did Wim.
  const [own] = await app.db.query<{ id: string }>(`INSERT INTO break_glass (user_id, client_id, reason, expires_at) VALUES ($1, $2, 'Acute zorgen, niemand bereikbaar', now() + interval '1 hour') RETURNING id`, [petra.id, clientId]);
  const [other] = await app.db.query<{ id: string }>(`INSERT INTO break_glass (user_id, client_id, reason, expires_at) VALUES ($1, $2, 'Acute zorgen, niemand bereikbaar', now() + interval '1 hour') RETURNING id`, [wim.id, clientId]);
  const privacy = await loginAs(app, 'privacy');
  const self = await app.inject({ method: 'POST', url: `/api/v1/break-glass-events/${own!.id}/review`, headers: privacy, payload: { note: 'Was nodig', justified: true } });
  assert.equal(self.statusCode, 403);
  assert.equal(self.json().code, 'own_break_glass_review');
  const list = (await app.inject({ method: 'GET', url: '/api/v1/break-glass-events', headers: privacy })).json();
  assert.equal(list.find((b: { id: string }) => b.id === own!.id).reviewedAt, null);
  const ok = await app.inject({ method: 'POST', url: `/api/v1/break-glass-events/${other!.id}/review`, headers: privacy, payload: { note: 'Terecht gebruikt', justified: true } });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().reviewedByName, 'Petra Privacy');
});
