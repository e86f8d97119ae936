import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AuthHeaders, build, loginAs } from './helpers.ts';

export type TrajectoryCase = { app: FastifyInstance; wim: AuthHeaders; clientId: string; trajectoryId: string; teamId: string };

/**
 * A client referred by the desk to Wijkteam Oude Noorden and accepted for Wim ('wijkteam'), which
 * starts a trajectory at intake. `surname` names the client (several cases in one app); `contactedAt`
 * (default now) is when the contact was, the day the referral came in.
 */
export async function acceptedTrajectory(t: TestContext, app?: FastifyInstance, surname = 'De Groot', contactedAt?: string): Promise<TrajectoryCase> {
  app ??= await build(t);
  const balie = await loginAs(app, 'balie');
  const wim = await loginAs(app, 'wijkteam');
  const contact = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
    channel: 'phone', question: 'Schulden lopen op, post blijft ongeopend', lifeDomains: ['finances_debts'], outcome: 2, ...(contactedAt ? { contactedAt } : {}),
    newClient: { surname, birthDate: '1980-03-03', address: { postcode: '3031 BB', houseNumber: 9 } } } });
  assert.equal(contact.statusCode, 201, contact.body);
  const { id: referralId, teamId } = contact.json().referral as { id: string; teamId: string };
  const pros = (await app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/professionals`, headers: wim })).json() as { id: string; displayName: string }[];
  const accept = await app.inject({ method: 'POST', url: `/api/v1/referrals/${referralId}/accept`, headers: wim,
    payload: { assignedUserId: pros.find((p) => p.displayName === 'Wim Wijkteam')!.id } });
  assert.equal(accept.statusCode, 200, accept.body);
  const mine = (await app.inject({ method: 'GET', url: '/api/v1/caseload', headers: wim })).json().items
    .find((i: { referralId: string }) => i.referralId === referralId);
  return { app, wim, clientId: mine.clientId, trajectoryId: mine.id, teamId };
}
