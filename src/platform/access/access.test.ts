import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { build, loginAs } from '../../../test/helpers.ts';
import { DEMO_USERS } from '../../demo/org-data.ts';
import { authPlugin } from '../auth/plugin.ts';
import { permissions, rolesAllow } from './permissions.ts';
import { ALL_ROLES } from './roles.ts';

test('a route that declares no access rule stops the app from starting', async () => {
  const app = Fastify({ logger: false });
  await app.register(authPlugin);
  assert.throws(() => app.get('/api/v1/forgotten', async () => 'oops'), /declares no access rule/);
  await app.close();
});

test('every route of the app has an access rule from the permissions table or is explicitly public', async (t) => {
  const app = await build(t);
  assert.ok(app.routeTable.length > 10);
  for (const r of app.routeTable) {
    assert.ok(r.public || (r.permission && Object.hasOwn(permissions, r.permission)), `${r.method} ${r.url}`);
  }
  const publicRoutes = app.routeTable.filter((r) => r.public).map((r) => `${r.method} ${r.url}`);
  // Public routes are a short, reviewed list: login, health, API docs, static assets (and what later modules mark public).
  for (const must of ['POST /api/v1/session', 'GET /health', 'GET /ready', 'GET /api/v1/openapi.json']) assert.ok(publicRoutes.includes(must), must);
});

test('every role gets exactly the routes the permissions table gives it (role × route)', async (t) => {
  const app = await build(t);
  // One demo user per role holds only that role.
  const byRole = new Map<string, Awaited<ReturnType<typeof loginAs>>>();
  for (const role of ALL_ROLES) {
    const u = DEMO_USERS.find((d) => d.roles.length === 1 && d.roles[0] === role);
    assert.ok(u, `demo user for ${role}`);
    byRole.set(role, await loginAs(app, u.username));
  }
  const uuid = '00000000-0000-4000-8000-000000000000';
  let checked = 0;
  for (const r of app.routeTable) {
    if (r.public || !r.permission || r.method === 'HEAD') continue;
    if (r.method === 'DELETE' && r.url === '/api/v1/session') continue; // logging out would end the test's sessions
    const url = r.url.replace(/:[A-Za-z]+/g, uuid).replace('*', 'x');
    // Without a session: 401 for every protected route.
    const anon = await app.inject({ method: r.method as 'GET', url });
    assert.equal(anon.statusCode, 401, `anonymous ${r.method} ${r.url}`);
    // problem+json carries the code itself; a FHIR OperationOutcome in its issue's details.
    const anonBody = anon.json();
    assert.equal(anonBody.code ?? anonBody.issue?.[0]?.details?.coding?.[0]?.code, 'unauthenticated', `anonymous ${r.method} ${r.url}`);
    for (const role of ALL_ROLES) {
      const res = await app.inject({ method: r.method as 'GET', url, headers: byRole.get(role)! });
      // problem+json carries the code at the top; a FHIR OperationOutcome (/fhir/r4/*) in issue[0].details.coding.
      const body = res.statusCode === 403 ? res.json() : {};
      const refusedByRole = res.statusCode === 403 && (body.code ?? body.issue?.[0]?.details?.coding?.[0]?.code) === 'role_forbidden';
      assert.equal(refusedByRole, !rolesAllow(r.permission, [role]), `${role} ${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      checked++;
    }
  }
  assert.ok(checked >= ALL_ROLES.length * 10);
});

test('a refusal by role is written to the audit log', async (t) => {
  const app = await build(t);
  const desk = await loginAs(app, 'balie');
  const res = await app.inject({ method: 'GET', url: '/api/v1/users', headers: desk });
  assert.deepEqual([res.statusCode, res.json().code], [403, 'role_forbidden']);
  const rows = await app.db.query<{ action: string; outcome: string; actor_name: string }>(`SELECT action, outcome, actor_name FROM audit_log WHERE outcome = 'denied' AND action = 'users.read'`);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.actor_name, 'Bea Balie');
});
