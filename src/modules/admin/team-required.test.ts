import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, loginAs } from '../../../test/helpers.ts';

test('a team worker or team lead without a neighbourhood team is refused, on creation and on a change', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  const teams = (await app.inject({ method: 'GET', url: '/api/v1/teams', headers: admin })).json();
  const teamId = (name: string) => teams.find((x: { name: string }) => x.name === name).id;
  const user = { username: 'nina', displayName: 'Nina Nieuw', password: 'Eerste-wachtwoord-1' };
  const refused: Record<string, unknown>[] = [
    { roles: ['team_worker'] },
    { roles: ['team_lead'], teamIds: [] },
    { roles: ['team_worker'], teamIds: [teamId('VraagWijzer Centrum')] }, // a desk is not a neighbourhood team
  ];
  for (const extra of refused) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { ...user, ...extra } });
    assert.deepEqual([res.statusCode, res.json().code, res.json().field], [400, 'neighbourhood_team_required', 'teamIds'], JSON.stringify(extra));
    assert.match(res.json().detail, /hoort bij een wijkteam/);
  }
  // Changes carry the version the admin saw (If-Match).
  const patch = (u: { id: string; version: number }, payload: Record<string, unknown>) =>
    app.inject({ method: 'PATCH', url: `/api/v1/users/${u.id}`, headers: { ...admin, 'if-match': `"${u.version}"` }, payload });
  const users = () => app.inject({ method: 'GET', url: '/api/v1/users', headers: admin }).then((r) => r.json());
  assert.ok(!(await users()).some((u: { username: string }) => u.username === 'nina'));

  // Other roles need no team; giving one of them the team worker role then needs a team too.
  const finance = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { ...user, roles: ['finance'] } });
  assert.equal(finance.statusCode, 201);
  const becomeWorker = await patch(finance.json(), { roles: ['team_worker'] });
  assert.equal(becomeWorker.json().code, 'neighbourhood_team_required');
  const withTeam = await patch(finance.json(), { roles: ['team_worker'], teamIds: [teamId('Wijkteam Charlois')] });
  assert.equal(withTeam.statusCode, 200);
  // Taking away the last neighbourhood team of a team worker is refused as well.
  const wim = (await users()).find((u: { username: string }) => u.username === 'wijkteam');
  const noTeam = await patch(wim, { teamIds: [] });
  assert.equal(noTeam.json().code, 'neighbourhood_team_required');
  // A change that does not touch roles or teams (deactivating) still works.
  assert.equal((await patch(wim, { active: false })).statusCode, 200);
});
