import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AuthHeaders, build, loginAs } from '../../../test/helpers.ts';
import { acceptedTrajectory } from '../../../test/trajectory-case.ts';
import { runSatisfactionJob } from './jobs.ts';
import { STANDARD_STATEMENTS } from './survey.ts';

/** A client registered at Bea's desk (VraagWijzer Centrum) with a contact on `on`; returns the client and desk. */
async function helpedClient(app: FastifyInstance, balie: AuthHeaders, surname: string, on = '2021-03-10', email: string | null = null) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
    channel: 'desk', question: 'Hulp bij het huishouden', outcome: 1, contactedAt: `${on}T10:00:00+01:00`,
    newClient: { surname, birthDate: '1950-01-01', email } } });
  assert.equal(res.statusCode, 201, res.body);
  return { clientId: res.json().clientId as string, teamId: res.json().teamId as string };
}

async function standardSurvey(app: FastifyInstance, beleid: AuthHeaders): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/surveys', headers: beleid, payload: {} });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

async function startRound(app: FastifyInstance, beleid: AuthHeaders, surveyId: string, teamId: string, sampleSize: number, closesOn = '2099-12-31') {
  const res = await app.inject({ method: 'POST', url: '/api/v1/survey-rounds', headers: beleid,
    payload: { surveyId, from: '2021-03-01', to: '2021-03-31', closesOn, teams: [{ teamId, sampleSize }] } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

type MailingItem = { clientId: string; channel: string; kind: string; link: string | null; letterCode: string | null };
async function mailing(app: FastifyInstance, roundId: string): Promise<MailingItem[]> {
  const beheer = await loginAs(app, 'beheer');
  const res = await app.inject({ method: 'POST', url: `/api/v1/survey-rounds/${roundId}/mailing`, headers: beheer });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}
const keyOf = (m: MailingItem) => m.link?.split('#')[1] ?? m.letterCode!;
const allAgree = (score: number | null = 5) => Object.fromEntries(STANDARD_STATEMENTS.map((s) => [s.key, score]));
const answer = (app: FastifyInstance, key: string, grade = 8, scores = allAgree()) =>
  app.inject({ method: 'POST', url: '/api/v1/public/survey/answers', payload: { key, scores, grade, openAnswer: 'Prima geholpen' } });

test('a changed survey definition becomes a new version; saving the same definition again makes none', async (t) => {
  const app = await build(t);
  const beleid = await loginAs(app, 'beleid');
  const v1 = await app.inject({ method: 'POST', url: '/api/v1/surveys', headers: beleid, payload: {} });
  assert.equal(v1.statusCode, 201, v1.body);
  assert.equal(v1.json().version, 1);
  assert.equal(v1.json().statements.length, 9);
  assert.deepEqual([...new Set(v1.json().statements.map((s: { theme: string }) => s.theme))], ['access', 'quality', 'effect']);
  const same = await app.inject({ method: 'POST', url: '/api/v1/surveys', headers: beleid, payload: {} });
  assert.equal(same.statusCode, 200);
  assert.equal(same.json().id, v1.json().id);
  const reworded = STANDARD_STATEMENTS.map((s) => (s.key === 'helped_quickly' ? { ...s, text: 'Ik kreeg snel hulp.' } : s));
  const v2 = await app.inject({ method: 'POST', url: '/api/v1/surveys', headers: beleid, payload: { statements: reworded } });
  assert.equal(v2.statusCode, 201);
  assert.equal(v2.json().version, 2);
  const all = (await app.inject({ method: 'GET', url: '/api/v1/surveys', headers: beleid })).json();
  assert.deepEqual(all.map((v: { version: number }) => v.version), [2, 1], 'the first version is kept');
});

test('the sample leaves out clients who objected and clients with a safety record, and takes at most the sample size per desk', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const beleid = await loginAs(app, 'beleid');
  const helped = [];
  for (const name of ['Aalders', 'Bakker', 'Claassen', 'Dekker', 'Evers']) helped.push(await helpedClient(app, balie, name));
  const teamId = helped[0]!.teamId;
  const objected = helped[1]!.clientId;
  const optOut = await app.inject({ method: 'PUT', url: `/api/v1/clients/${objected}/survey-opt-out`, headers: balie, payload: { optOut: true } });
  assert.equal(optOut.statusCode, 200, optOut.body);
  // A safety signal on another day (outside the period): the record is sealed, the client is never asked.
  const unsafe = helped[2]!.clientId;
  const signal = await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie, payload: {
    clientId: unsafe, channel: 'desk', question: 'Zorgen over de veiligheid thuis', lifeDomains: ['domestic_violence'], outcome: 6, contactedAt: '2021-05-01T10:00:00+02:00' } });
  assert.equal(signal.statusCode, 201, signal.body);
  // Someone helped outside the period is not in this round.
  await helpedClient(app, balie, 'Franssen', '2021-04-02');

  const surveyId = await standardSurvey(app, beleid);
  const all = await startRound(app, beleid, surveyId, teamId, 100);
  assert.deepEqual(all.teams.map((x: { invited: number }) => x.invited), [3]);
  const invited = (await mailing(app, all.id)).map((m) => m.clientId).sort();
  assert.deepEqual(invited, [helped[0]!.clientId, helped[3]!.clientId, helped[4]!.clientId].sort());
  assert.ok(!invited.includes(objected) && !invited.includes(unsafe));
  // One excluded client per reason is a cell about fewer than 5: not shown as a number.
  assert.deepEqual(all.excluded, { opted_out: null, deceased: 0, safety_record: null, no_current_record: 0 });

  const small = await startRound(app, beleid, surveyId, teamId, 2);
  assert.deepEqual(small.teams.map((x: { invited: number; sampleSize: number }) => [x.sampleSize, x.invited]), [[2, 2]]);
});

test('a link can be used once: the answer is stored without the client, the invitation is gone, a second answer is refused', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const beleid = await loginAs(app, 'beleid');
  const a = await helpedClient(app, balie, 'Aalders', '2021-03-10', 'aalders@example.org');
  await helpedClient(app, balie, 'Bakker');
  const round = await startRound(app, beleid, await standardSurvey(app, beleid), a.teamId, 10);
  const items = await mailing(app, round.id);
  assert.deepEqual(items.map((m) => m.channel).sort(), ['digital', 'letter'], 'e-mail when known, else a letter');
  assert.deepEqual(await mailing(app, round.id), [], 'a key is shown once only');
  const digital = items.find((m) => m.channel === 'digital')!;
  assert.match(digital.link!, /\/vragenlijst#[\w-]{40,}$/);

  const page = await app.inject({ method: 'POST', url: '/api/v1/public/survey', payload: { key: keyOf(digital) } });
  assert.equal(page.statusCode, 200, page.body);
  assert.equal(page.json().statements.length, 9);
  assert.equal(page.json().teamName, 'VraagWijzer Centrum');
  assert.ok(!page.body.includes('Aalders'));

  const incomplete = await app.inject({ method: 'POST', url: '/api/v1/public/survey/answers', payload: { key: keyOf(digital), scores: { knew_where: 5 }, grade: 8 } });
  assert.equal(incomplete.statusCode, 400);
  assert.equal(incomplete.json().code, 'survey_answer_incomplete');

  const first = await answer(app, keyOf(digital));
  assert.equal(first.statusCode, 201, first.body);
  const again = await answer(app, keyOf(digital));
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().code, 'survey_already_answered');
  const unknown = await answer(app, 'ABCD-EFGH-JKMN');
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json().code, 'survey_key_unknown');

  // Anonymity: the answers table has no column that could hold a client, and the link is gone.
  const columns = (await app.db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = 'survey_answers'`)).map((c) => c.column_name);
  assert.ok(columns.length > 0);
  assert.ok(!columns.some((c) => /client|invitation|key/.test(c)), columns.join(','));
  const links = await app.db.query<{ client_id: string }>('SELECT client_id FROM survey_invitations WHERE round_id = $1', [round.id]);
  assert.deepEqual(links.map((l) => l.client_id), [items.find((m) => m.channel === 'letter')!.clientId], 'only the one who has not answered is still linked');
  const stored = await app.db.query<Record<string, unknown>>('SELECT * FROM survey_answers');
  assert.equal(stored.length, 1);
  assert.ok(!JSON.stringify(stored).includes(a.clientId));

  // A letter code is typed by hand: lower case and without dashes works too.
  const letter = items.find((m) => m.channel === 'letter')!;
  const typed = await answer(app, letter.letterCode!.toLowerCase().replaceAll('-', ''), 6, allAgree(null));
  assert.equal(typed.statusCode, 201, typed.body);
});

test('when the round closes every invitation is deleted and its keys no longer work; an unanswered invitation is reminded once', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const beleid = await loginAs(app, 'beleid');
  const a = await helpedClient(app, balie, 'Aalders', '2021-03-10', 'aalders@example.org');
  const round = await startRound(app, beleid, await standardSurvey(app, beleid), a.teamId, 10, '2099-12-31');
  const [first] = await mailing(app, round.id);
  await app.db.query(`UPDATE survey_invitations SET invited_at = now() - interval '15 days'`);
  assert.deepEqual(await runSatisfactionJob(app.db, '2030-01-01'), { reminded: 1, deleted: 0 });
  const reminder = await mailing(app, round.id);
  assert.deepEqual(reminder.map((m) => m.kind), ['reminder']);
  assert.notEqual(keyOf(reminder[0]!), keyOf(first!));
  assert.deepEqual(await runSatisfactionJob(app.db, '2030-01-02'), { reminded: 0, deleted: 0 }, 'one reminder only');
  assert.deepEqual(await runSatisfactionJob(app.db, '2100-01-01'), { reminded: 0, deleted: 1 });
  assert.equal((await app.db.query('SELECT 1 FROM survey_invitations')).length, 0);
  const late = await answer(app, keyOf(reminder[0]!));
  assert.equal(late.json().code, 'survey_key_unknown');
});

test('satisfaction figures per desk: response rate, % (fully) agree and mean grade, hidden for fewer than 5 answers', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const beleid = await loginAs(app, 'beleid');
  let teamId = '';
  for (let i = 0; i < 10; i++) teamId = (await helpedClient(app, balie, `Klant${String.fromCharCode(65 + i)}`)).teamId;
  const round = await startRound(app, beleid, await standardSurvey(app, beleid), teamId, 10);
  const keys = (await mailing(app, round.id)).map(keyOf);
  const figures = async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/figures/satisfaction?from=2021-01-01&to=2021-06-30', headers: beleid });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().rows[0];
  };
  // Three answers: about fewer than 5 clients, nothing is shown but the invited count.
  for (const k of keys.slice(0, 3)) assert.equal((await answer(app, k, 9)).statusCode, 201);
  const few = await figures();
  assert.deepEqual([few.teamName, few.invited, few.responses, few.responseRatePct, few.meanGrade], ['VraagWijzer Centrum', 10, null, null, null]);
  assert.ok(few.statements.every((s: { agreePct: number | null }) => s.agreePct === null));
  // Ten answers: 5 fully agree with grade 9, 5 disagree with grade 6 on every statement.
  for (const k of keys.slice(3, 5)) assert.equal((await answer(app, k, 9)).statusCode, 201);
  for (const k of keys.slice(5)) assert.equal((await answer(app, k, 6, allAgree(2))).statusCode, 201);
  const all = await figures();
  assert.deepEqual([all.invited, all.responses, all.responseRatePct, all.meanGrade], [10, 10, 100, 7.5]);
  assert.deepEqual(all.statements.map((s: { agreePct: number | null }) => s.agreePct), Array(9).fill(50));

  const teamleider = await loginAs(app, 'teamleider');
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/figures/satisfaction?from=2021-01-01&to=2021-06-30', headers: teamleider })).statusCode, 200);
  const wijk = await loginAs(app, 'wijkteam');
  const refused = await app.inject({ method: 'GET', url: '/api/v1/figures/satisfaction?from=2021-01-01&to=2021-06-30', headers: wijk });
  assert.equal(refused.statusCode, 403);
  const audit = await app.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action = 'figures.satisfaction' AND outcome = 'success'`);
  assert.equal(audit.length, 3, 'every read of the figures is audited');
});

test('a client whose trajectory was closed because they died is not asked; one closed with another outcome is', async (t) => {
  const app = await build(t);
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  const closeWith = async (c: Awaited<ReturnType<typeof acceptedTrajectory>>, outcome: string) => {
    const tr = await app.inject({ method: 'GET', url: `/api/v1/trajectories/${c.trajectoryId}`, headers: c.wim });
    const res = await app.inject({ method: 'POST', url: `/api/v1/trajectories/${c.trajectoryId}/close`,
      headers: { ...c.wim, 'if-match': `"${tr.json().version}"` }, payload: { on: today, outcome, reason: 'Afgesloten' } });
    assert.equal(res.statusCode, 200, res.body);
  };
  const died = await acceptedTrajectory(t, app, 'Overleden');
  const done = await acceptedTrajectory(t, app, 'Afgerond');
  await closeWith(died, 'died');
  await closeWith(done, 'goal_reached');
  const beleid = await loginAs(app, 'beleid');
  const res = await app.inject({ method: 'POST', url: '/api/v1/survey-rounds', headers: beleid,
    payload: { surveyId: await standardSurvey(app, beleid), from: today, to: today, closesOn: '2099-12-31', teams: [{ teamId: died.teamId, sampleSize: 50 }] } });
  assert.equal(res.statusCode, 201, res.body);
  const invited = (await mailing(app, res.json().id)).map((m) => m.clientId);
  assert.ok(invited.includes(done.clientId));
  assert.ok(!invited.includes(died.clientId));
});

test('two answers with the same key at the same moment: one is stored, the other refused', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const beleid = await loginAs(app, 'beleid');
  const a = await helpedClient(app, balie, 'Aalders', '2021-03-10', 'aalders@example.org');
  const round = await startRound(app, beleid, await standardSurvey(app, beleid), a.teamId, 10);
  const [item] = await mailing(app, round.id);
  const results = await Promise.all([answer(app, keyOf(item!)), answer(app, keyOf(item!))]);
  assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409]);
  assert.equal(results.find((r) => r.statusCode === 409)!.json().code, 'survey_already_answered');
  assert.equal((await app.db.query('SELECT 1 FROM survey_answers')).length, 1);
});

test('starting a round twice with the same Idempotency-Key gives the first round, not a second sample', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const beleid = await loginAs(app, 'beleid');
  const a = await helpedClient(app, balie, 'Aalders');
  const payload = { surveyId: await standardSurvey(app, beleid), from: '2021-03-01', to: '2021-03-31', closesOn: '2099-12-31', teams: [{ teamId: a.teamId, sampleSize: 5 }] };
  const headers = { ...beleid, 'idempotency-key': 'ronde-2021-maart' };
  const first = await app.inject({ method: 'POST', url: '/api/v1/survey-rounds', headers, payload });
  const again = await app.inject({ method: 'POST', url: '/api/v1/survey-rounds', headers, payload });
  assert.equal(first.statusCode, 201, first.body);
  assert.equal(again.json().id, first.json().id);
  assert.equal((await app.db.query('SELECT 1 FROM survey_rounds')).length, 1);
  assert.equal((await app.db.query('SELECT 1 FROM survey_invitations')).length, 1);
});

test('a lost mailing is made again with new keys; the old link no longer works', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const beleid = await loginAs(app, 'beleid');
  const a = await helpedClient(app, balie, 'Aalders', '2021-03-10', 'aalders@example.org');
  const round = await startRound(app, beleid, await standardSurvey(app, beleid), a.teamId, 10);
  const [lost] = await mailing(app, round.id);
  const beheer = await loginAs(app, 'beheer');
  const res = await app.inject({ method: 'POST', url: `/api/v1/survey-rounds/${round.id}/mailing`, headers: beheer, payload: { reissue: true } });
  assert.equal(res.statusCode, 200, res.body);
  const [fresh] = res.json() as MailingItem[];
  assert.equal(fresh!.clientId, lost!.clientId);
  assert.equal((await answer(app, keyOf(lost!))).json().code, 'survey_key_unknown');
  assert.equal((await answer(app, keyOf(fresh!))).statusCode, 201);
});

test('the person invited can say on the answering page not to take part: the key stops working and they are not sampled again', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const beleid = await loginAs(app, 'beleid');
  const a = await helpedClient(app, balie, 'Aalders', '2021-03-10', 'aalders@example.org');
  const surveyId = await standardSurvey(app, beleid);
  const round = await startRound(app, beleid, surveyId, a.teamId, 10);
  const [item] = await mailing(app, round.id);
  const res = await app.inject({ method: 'POST', url: '/api/v1/public/survey/opt-out', payload: { key: keyOf(item!) } });
  assert.equal(res.statusCode, 200, res.body);
  assert.ok(!res.body.includes(a.clientId));
  assert.equal((await answer(app, keyOf(item!))).json().code, 'survey_key_unknown');
  const audit = await app.db.query<{ client_id: string }>(`SELECT client_id FROM audit_log WHERE action = 'survey.opt_out'`);
  assert.deepEqual(audit.map((x) => x.client_id), [a.clientId], 'the objection is in the client\'s access log');
  const desk = await app.inject({ method: 'GET', url: `/api/v1/clients/${a.clientId}/survey-opt-out`, headers: balie });
  assert.deepEqual(desk.json(), { clientId: a.clientId, optOut: true });
  const next = await startRound(app, beleid, surveyId, a.teamId, 10);
  assert.deepEqual(next.teams.map((x: { invited: number }) => x.invited), [0]);
});
