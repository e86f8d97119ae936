import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AuthHeaders, build, loginAs } from '../../../test/helpers.ts';
import { decisionBody } from '../../../test/wmo-decision.ts';
import { addDays, amsterdamDate, termOf } from '../legal-terms/legal-terms.ts';
import { loadCalendar } from '../legal-terms/store.ts';

/** The steps of the melding page's step form (issue 17): spoed, the Awb extension, withdrawal and the bezwaar sub-case, at the HTTP boundary. */
const URL = '/api/v1/wmo-notifications';
const act = (app: FastifyInstance, headers: AuthHeaders, id: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `${URL}/${id}/actions`, headers, payload });

async function takenMelding(app: FastifyInstance, wmo: AuthHeaders): Promise<string> {
  const inbox = (await app.inject({ method: 'GET', url: URL, headers: wmo })).json() as { id: string; clientName: string }[];
  const id = inbox.find((n) => n.clientName.includes('Willems'))!.id;
  assert.equal((await act(app, wmo, id, { type: 'assign' })).statusCode, 200);
  return id;
}

test('spoed shows at once in the inbox and is granted once; a withdrawal needs its reason and ends the melding', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const id = await takenMelding(app, wmo);
  const urgent = await act(app, wmo, id, { type: 'grantUrgentProvision', reason: 'Valt veel; tijdelijk een douchestoel' });
  assert.equal(urgent.statusCode, 200, urgent.body);
  const inbox = (await app.inject({ method: 'GET', url: URL, headers: wmo })).json() as { id: string; urgent: boolean }[];
  assert.deepEqual([inbox[0]!.id, inbox[0]!.urgent], [id, true], 'spoed first in the inbox');
  const twice = await act(app, wmo, id, { type: 'grantUrgentProvision' });
  assert.deepEqual([twice.statusCode, twice.json().code], [409, 'wmo_status']);

  const noReason = await act(app, wmo, id, { type: 'withdraw' });
  assert.deepEqual([noReason.statusCode, noReason.json().field], [400, 'reason']);
  const withdrawn = await act(app, wmo, id, { type: 'withdraw', reason: 'Mevrouw redt het met haar dochter' });
  assert.deepEqual([withdrawn.statusCode, withdrawn.json().status, withdrawn.json().allowed], [200, 'withdrawn', []]);
});

test('the decision term is extended once, before it ends, with the notice date, a later promised date and a reason', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const id = await takenMelding(app, wmo);
  for (const type of ['startAssessment', 'recordReport', 'receiveApplication']) assert.equal((await act(app, wmo, id, { type })).statusCode, 200, type);
  const today = amsterdamDate(new Date());
  const due = termOf(await loadCalendar(app.db), 'wmo_decision', today).dueOn!;
  const noUntil = await act(app, wmo, id, { type: 'extendDecisionTerm', reason: 'Advies van de ergotherapeut komt later' });
  assert.deepEqual([noUntil.statusCode, noUntil.json().field], [400, 'until']);
  const notLater = await act(app, wmo, id, { type: 'extendDecisionTerm', until: due, reason: 'Advies van de ergotherapeut komt later' });
  assert.deepEqual([notLater.statusCode, notLater.json().code, notLater.json().field], [422, 'extension_not_later', 'until']);
  const promised = addDays(due, 21);
  const extended = await act(app, wmo, id, { type: 'extendDecisionTerm', on: today, until: promised, reason: 'Advies van de ergotherapeut komt later' });
  assert.equal(extended.statusCode, 200, extended.body);
  const clock = extended.json().clocks.find((c: { kind: string }) => c.kind === 'decision');
  assert.equal(clock.extended, true);
  assert.ok(clock.dueOn >= promised, 'the clock runs to the promised date (Atw)');
  assert.ok(!extended.json().allowed.includes('extendDecisionTerm'), 'once');
  const again = await act(app, wmo, id, { type: 'extendDecisionTerm', until: addDays(promised, 7), reason: 'Nog later' });
  assert.deepEqual([again.statusCode, again.json().code], [409, 'wmo_status']);
});

test('bezwaar is a sub-case with its own clocks: twelve weeks with an advisory committee, postponed once with a reason, decided with a known outcome', async (t) => {
  const app = await build(t);
  const wmo = await loginAs(app, 'wmo');
  const id = await takenMelding(app, wmo);
  for (const type of ['startAssessment', 'recordReport', 'receiveApplication']) assert.equal((await act(app, wmo, id, { type })).statusCode, 200, type);
  const decided = await act(app, wmo, id, await decisionBody(app, wmo));
  assert.equal(decided.statusCode, 200, decided.body);
  const calendar = await loadCalendar(app.db);
  const today = amsterdamDate(new Date());
  const objectionTerm = termOf(calendar, 'objection_term', today).dueOn!;
  assert.equal(decided.json().clocks.find((c: { kind: string }) => c.kind === 'objectionTerm').dueOn, objectionTerm, 'six weeks to object');

  const objected = await act(app, wmo, id, { type: 'receiveObjection', committee: true });
  assert.equal(objected.statusCode, 200, objected.body);
  const clock = objected.json().clocks.find((c: { kind: string }) => c.kind === 'objectionDecision');
  assert.equal(clock.dueOn, termOf(calendar, 'objection_decision_committee', objectionTerm).dueOn, 'twelve weeks after the objection term');
  const noReason = await act(app, wmo, id, { type: 'extendObjectionTerm' });
  assert.deepEqual([noReason.statusCode, noReason.json().field], [400, 'reason']);
  const postponed = await act(app, wmo, id, { type: 'extendObjectionTerm', reason: 'De commissie vergadert later' });
  assert.equal(postponed.statusCode, 200, postponed.body);
  const later = postponed.json().clocks.find((c: { kind: string }) => c.kind === 'objectionDecision');
  assert.deepEqual([later.extended, later.dueOn], [true, termOf(calendar, 'objection_extension', clock.dueOn).dueOn], 'six weeks more');
  const twice = await act(app, wmo, id, { type: 'extendObjectionTerm', reason: 'Nog later' });
  assert.deepEqual([twice.statusCode, twice.json().code], [409, 'wmo_status']);
  const badOutcome = await act(app, wmo, id, { type: 'decideObjection', outcome: 'maybe' });
  assert.deepEqual([badOutcome.statusCode, badOutcome.json().field], [400, 'outcome']);
  const done = await act(app, wmo, id, { type: 'decideObjection', outcome: 'unfounded' });
  assert.deepEqual([done.statusCode, done.json().status, done.json().allowed], [200, 'objection_decided', []]);
});
