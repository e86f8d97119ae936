import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import { publicUrl } from '../../platform/auth/cookies.ts';
import { AppError, badRequest, notFound } from '../../platform/errors.ts';
import { idempotencyKeyOf, once } from '../../platform/idempotency.ts';
import { Store } from '../../platform/store.ts';
import { clientSummaries, surveyAddressesOf } from '../clients/store.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';
import { shownCount } from '../monitor/disclosure.ts';
import { disclosureRule } from '../monitor/disclosure.ts';
import { findTeam, teamNames } from '../org/store.ts';
import { satisfactionFigures } from './figures.ts';
import { sampleRound } from './sampling.ts';
import { AnswerInput, MailingInput, MailingItemView, OptOutInput, OptOutView, PublicSurvey, RoundInput, RoundView, SatisfactionFigures, SurveyInput, SurveyVersionView } from './schemas.ts';
import {
  findRound, forgetKeys, findSurveyVersion, insertInvitations, insertRound, insertSurveyVersion, invitationByKey, isOptedOut, issueKeys,
  latestSurveyVersion, listSurveyVersions, type OpenInvitation, optOutByInvitation, setOptOut, storeAnswer,
} from './store.ts';
import { answerProblems, sameDefinition } from './survey.ts';

const audited = { activity: ProcessingActivity.Oversight } as const;
/** The answering page in web/ (no login: the key is in the link). */
export const ANSWER_PATH = '/vragenlijst';

/** Client-experience survey (cliëntervaringsonderzoek): definitions, rounds, invitations, the anonymous answer, the figures (docs/satisfaction.md). */
export async function satisfactionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['satisfaction'];

  r.get('/api/v1/surveys', {
    config: { permission: 'satisfaction.manage' },
    schema: { tags, summary: 'Every version of every survey definition, newest first', response: { 200: z.array(SurveyVersionView) } },
  }, async () => listSurveyVersions(app.db));

  r.post('/api/v1/surveys', {
    config: { permission: 'satisfaction.manage' },
    schema: { tags, summary: 'Save a survey definition (left out: the standard statements); a changed definition becomes a new version, an unchanged one is returned as it is',
      body: SurveyInput, response: { 200: SurveyVersionView, 201: SurveyVersionView } },
  }, async (req, reply) => {
    const { version, created } = await req.store.change({ ...audited, action: 'survey.define', details: { code: req.body.code } }, async (tx) => {
      const latest = await latestSurveyVersion(tx, req.body.code);
      if (latest && sameDefinition(latest, req.body)) return { version: latest, created: false };
      return { version: await insertSurveyVersion(tx, req.body, req.ctx!.actor.id ?? null), created: true };
    });
    return reply.status(created ? 201 : 200).send(version);
  });

  r.post('/api/v1/survey-rounds', {
    config: { permission: 'satisfaction.manage' },
    schema: { tags, summary: 'Start a round: sample the clients helped in the period per desk/team and invite them (the mailing is made separately); Idempotency-Key: a retry is the same round',
      body: RoundInput, response: { 201: RoundView } },
  }, async (req, reply) => {
    const b = req.body;
    if (b.to < b.from) throw badRequest('De einddatum ligt vóór de begindatum / The end date is before the start date', 'to');
    if (b.closesOn < b.to) throw badRequest('De sluitingsdatum ligt vóór het einde van de periode / The closing day is before the end of the period', 'closesOn');
    const key = idempotencyKeyOf(req);
    // Idempotency-Key: a retried start is the first round, not a second sample inviting the same clients again.
    const round = await req.store.change({ ...audited, action: 'survey_round.create', details: { surveyId: b.surveyId, from: b.from, to: b.to } }, (tx) => once(tx, `survey_round:${req.ctx!.actor.id}`, key, b, async () => {
      if (!(await findSurveyVersion(tx, b.surveyId))) throw notFound('Vragenlijst niet gevonden / Survey not found');
      for (const t of b.teams) if (!(await findTeam(tx, t.teamId))) throw badRequest(`Onbekend team / Unknown team ${t.teamId}`, 'teams');
      const { picked, excluded } = await sampleRound(tx, b.from, b.to, new Map(b.teams.map((t) => [t.teamId, t.sampleSize])));
      const id = await insertRound(tx, b, req.ctx!.actor.id ?? null);
      await insertInvitations(tx, id, picked);
      return { id, excluded };
    }));
    return reply.status(201).send({ ...(await roundView(round.id)), excluded: Object.fromEntries(Object.entries(round.excluded).map(([k, n]) => [k, shownCount(n)])) as never });
  });

  async function roundView(id: string) {
    const round = await findRound(app.db, id);
    if (!round) throw notFound('Ronde niet gevonden / Round not found');
    const names = await teamNames(app.db, round.teams.map((t) => t.teamId));
    return { ...round, teams: round.teams.map((t) => ({ ...t, teamName: names.get(t.teamId) ?? '' })) };
  }

  r.get('/api/v1/survey-rounds/:id', {
    config: { permission: 'satisfaction.manage' },
    schema: { tags, summary: 'A round: its period, closing day and how many were invited per desk/team', params: z.object({ id: z.uuid() }), response: { 200: RoundView } },
  }, async (req) => roundView(req.params.id));

  r.post('/api/v1/survey-rounds/:id/mailing', {
    config: { permission: 'satisfaction.mailing' },
    schema: { tags, summary: 'The mailing: a new single-use link (e-mail) or letter code for every invitation and due reminder that has none yet, shown this once (only its hash is kept); `reissue`: new keys for every open invitation (a lost mailing)',
      params: z.object({ id: z.uuid() }), body: MailingInput, response: { 200: z.array(MailingItemView) } },
  }, async (req) => {
    // Before any key is made: without a configured public URL (production) this refuses, and no key is lost.
    const page = publicUrl(app, req, ANSWER_PATH);
    const reissue = req.body?.reissue ?? false;
    return req.store.change({ action: 'survey_round.mailing', activity: ProcessingActivity.Administration, details: { roundId: req.params.id, reissue } }, async (tx) => {
      if (!(await findRound(tx, req.params.id))) throw notFound('Ronde niet gevonden / Round not found');
      // A lost mailing cannot be shown again (only hashes are kept): new keys for every open invitation, the old ones stop working.
      if (reissue) await forgetKeys(tx, req.params.id);
      const items = await issueKeys(tx, req.params.id);
      const names = await clientSummaries(tx, items.map((i) => i.clientId));
      const emails = await surveyAddressesOf(tx, items.map((i) => i.clientId));
      const teams = await teamNames(tx, items.map((i) => i.teamId));
      return items.map((i) => ({
        clientId: i.clientId, clientName: names.get(i.clientId)?.name ?? '', email: emails.get(i.clientId) ?? null, teamName: teams.get(i.teamId) ?? '',
        channel: i.channel, kind: i.kind,
        link: i.channel === 'digital' ? `${page}#${i.key}` : null,
        letterCode: i.channel === 'letter' ? i.key : null,
      }));
      // The clients whose names and addresses left in this mailing, for their access log.
    }, (items) => ({ details: { roundId: req.params.id, reissue, clientIds: items.map((i) => i.clientId), count: items.length } }));
  });

  r.put('/api/v1/clients/:clientId/survey-opt-out', {
    config: { permission: 'satisfaction.opt_out' },
    schema: { tags, summary: 'Record that the client does not want to be asked for the client-experience survey (or no longer objects)',
      params: z.object({ clientId: z.uuid() }), body: OptOutInput, response: { 200: OptOutView } },
  }, async (req) => {
    const { clientId } = req.params;
    await req.store.changeClient(clientId, { action: 'survey.opt_out', activity: ProcessingActivity.ClientRegistration, details: { optOut: req.body.optOut } },
      (tx) => setOptOut(tx, clientId, req.body.optOut, req.ctx!.actor.id ?? null));
    return { clientId, optOut: req.body.optOut };
  });

  r.get('/api/v1/clients/:clientId/survey-opt-out', {
    config: { permission: 'satisfaction.opt_out' },
    schema: { tags, summary: 'Whether the client objected to the client-experience survey', params: z.object({ clientId: z.uuid() }), response: { 200: OptOutView } },
  }, async (req) => {
    const { clientId } = req.params;
    const optOut = await req.store.readClient(clientId, { action: 'survey.opt_out.read', activity: ProcessingActivity.ClientRegistration }, (tx) => isOptedOut(tx, clientId));
    return { clientId, optOut };
  });

  // The public side: no login, the key is the only credential, so it is rate-limited like the login.
  // Nothing here is audited with a person: the answer is anonymous by design (docs/satisfaction.md).
  const publicLimit = { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } };
  const open = async (tx: Parameters<Parameters<typeof app.db.transaction>[0]>[0], key: string): Promise<OpenInvitation> => {
    const { invitation, used } = await invitationByKey(tx, key);
    if (used) throw new AppError('survey_already_answered', 409, 'Deze vragenlijst is al ingevuld. Dank u wel! / This survey has already been answered.');
    if (!invitation || invitation.closesOn < amsterdamDate(new Date())) {
      throw new AppError('survey_key_unknown', 404, 'Deze link of code is onbekend of de vragenlijst is gesloten. / Unknown link or code, or the survey has closed.');
    }
    return invitation;
  };

  r.post('/api/v1/public/survey', {
    config: publicLimit,
    schema: { tags, summary: 'The questions for a link token or letter code (POST so that the key stays out of logs and history)',
      body: z.object({ key: z.string().min(10).max(100) }), response: { 200: PublicSurvey } },
  }, async (req) => app.db.transaction(async (tx) => {
    const inv = await open(tx, req.body.key);
    const v = (await findSurveyVersion(tx, inv.surveyId))!;
    const team = await findTeam(tx, inv.teamId);
    return { title: v.title, teamName: team?.name ?? '', closesOn: inv.closesOn, statements: v.statements, openQuestion: v.openQuestion };
  }));

  r.post('/api/v1/public/survey/answers', {
    config: publicLimit,
    schema: { tags, summary: 'Answer the survey once: stored without the client, and the invitation (the link to the client) deleted; a second answer with the same key is refused (409 survey_already_answered)',
      body: AnswerInput, response: { 201: z.object({ thanks: z.string() }) } },
  }, async (req, reply) => {
    await app.db.transaction(async (tx) => {
      const inv = await open(tx, req.body.key);
      const v = (await findSurveyVersion(tx, inv.surveyId))!;
      const problems = answerProblems(v.statements, req.body.scores);
      if (problems.length) throw badRequest(`Beantwoord elke stelling (of kies "weet niet") / Answer every statement: ${problems.join(', ')}`, 'scores', 'survey_answer_incomplete');
      const openAnswer = v.openQuestion ? req.body.openAnswer || null : null;
      await storeAnswer(tx, inv, { scores: req.body.scores, grade: req.body.grade, openAnswer }, amsterdamDate(new Date()));
    });
    return reply.status(201).send({ thanks: 'Dank u wel voor het invullen. / Thank you for your answers.' });
  });

  r.post('/api/v1/public/survey/opt-out', {
    config: publicLimit,
    schema: { tags, summary: 'The person invited does not want to take part, now or later (bezwaar): recorded as an opt-out, the invitation deleted; the key stops working',
      body: z.object({ key: z.string().min(10).max(100) }), response: { 200: z.object({ optedOut: z.literal(true) }) } },
  }, async (req) => {
    // A change of the client's record (no answer is involved), so it is audited on the client like an opt-out at the desk;
    // the actor is the person holding the key (no login, so no request context of its own).
    const store = new Store(app.db, { actor: { kind: 'citizen', id: null, name: 'invited by survey key', roles: [], teamIds: [] }, remoteAddr: req.ip, requestId: req.id });
    await store.change({ action: 'survey.opt_out', activity: ProcessingActivity.ClientRegistration, details: { optOut: true, via: 'survey_page' } },
      async (tx) => optOutByInvitation(tx, (await open(tx, req.body.key)).id), (clientId) => ({ clientId }));
    return { optedOut: true as const };
  });

  r.get('/api/v1/figures/satisfaction', {
    config: { permission: 'figures.satisfaction' },
    schema: { tags: ['figures'], summary: 'Client experience per desk/team for the rounds within the period: response rate, % (fully) agree per statement, mean grade; through the disclosure rule',
      querystring: z.object({ from: z.iso.date(), to: z.iso.date() }), response: { 200: SatisfactionFigures } },
  }, async (req) => {
    const { from, to } = req.query;
    if (to < from) throw badRequest('De einddatum ligt vóór de begindatum / The end date is before the start date', 'to');
    // Aggregates only: one audit row naming the period.
    return req.store.read({ ...audited, action: 'figures.satisfaction', details: { from, to } }, async (tx) =>
      ({ from, to, disclosure: disclosureRule, rows: await satisfactionFigures(tx, from, to) }));
  });
}
