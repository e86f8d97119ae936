import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AuthHeaders, build, loginAs } from '../../../test/helpers.ts';

const daysAgo = (n: number) => new Date(Date.now() - n * 864e5).toISOString();

/** A contact `days` ago referred to Wijkteam Oude Noorden, accepted for `professional`. */
async function acceptedFor(app: FastifyInstance, balie: AuthHeaders, lead: AuthHeaders, surname: string, days: number, professional: string) {
  const contact = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
    channel: 'desk', question: 'Hulp nodig bij het huishouden en de post', lifeDomains: ['finances_debts'], outcome: 2, contactedAt: daysAgo(days),
    newClient: { surname, birthDate: '1970-01-01', address: { postcode: '3031 BB', houseNumber: 3 } } } });
  assert.equal(contact.statusCode, 201, contact.body);
  const { id, teamId } = contact.json().referral;
  const pros = (await app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/professionals`, headers: lead })).json() as { id: string; displayName: string }[];
  const res = await app.inject({ method: 'POST', url: `/api/v1/referrals/${id}/accept`, headers: lead, payload: { assignedUserId: pros.find((p) => p.displayName === professional)!.id } });
  assert.equal(res.statusCode, 200, res.body);
  return teamId as string;
}

test("the team lead sees the team's open trajectories per professional, the most overdue plan first", async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const lead = await loginAs(app, 'teamleider');
  const teamId = await acceptedFor(app, balie, lead, 'Recent', 2, 'Wim Wijkteam');
  await acceptedFor(app, balie, lead, 'Oud', 60, 'Wim Wijkteam');
  await acceptedFor(app, balie, lead, 'Bijna', 35, 'Wendy Wmo-adviseur');

  const res = await app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/caseload`, headers: lead });
  assert.equal(res.statusCode, 200, res.body);
  const { items, byProfessional } = res.json();
  assert.deepEqual(items.map((i: { clientName: string; clocks: { plan: { state: string } } }) => [i.clientName, i.clocks.plan.state]),
    [['Oud', 'overdue'], ['Bijna', 'at_risk'], ['Recent', 'on_time']]);
  assert.equal(items[0].mostUrgent.clock, 'plan');
  assert.deepEqual(byProfessional.map((p: { professionalName: string; open: number; planOverdue: number; atRisk: number }) => [p.professionalName, p.open, p.planOverdue, p.atRisk]),
    [['Wendy Wmo-adviseur', 1, 0, 1], ['Wim Wijkteam', 2, 1, 0]]);

  const wim = await loginAs(app, 'wijkteam');
  const mine = (await app.inject({ method: 'GET', url: '/api/v1/caseload', headers: wim })).json();
  assert.deepEqual(mine.items.map((i: { clientName: string }) => i.clientName), ['Oud', 'Recent'], 'my caseload: only my trajectories');
});

test("a team worker cannot open the team's caseload, and a team lead not another team's", async (t) => {
  const app = await build(t);
  const lead = await loginAs(app, 'teamleider');
  const teams = (await app.inject({ method: 'GET', url: '/api/v1/teams', headers: lead })).json() as { id: string; name: string }[];
  const own = teams.find((x) => x.name === 'Wijkteam Oude Noorden')!.id;
  const other = teams.find((x) => x.name === 'Wijkteam Charlois')!.id;
  const byWorker = await app.inject({ method: 'GET', url: `/api/v1/teams/${own}/caseload`, headers: await loginAs(app, 'wijkteam') });
  assert.deepEqual([byWorker.statusCode, byWorker.json().code], [403, 'role_forbidden']);
  const otherTeam = await app.inject({ method: 'GET', url: `/api/v1/teams/${other}/caseload`, headers: lead });
  assert.deepEqual([otherTeam.statusCode, otherTeam.json().code], [403, 'not_team_member']);
});
